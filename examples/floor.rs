//! The Markdown-only floor that issue 6 measures Annals against: read every
//! event file under `SITE/content`, cut off its front matter, render the
//! Markdown with pulldown-cmark and write one HTML file per event into
//! `OUT`, in parallel. No YAML, templates, listings or data files.
//!
//!     cargo run --release --example floor -- SITE OUT [--pages]
//!
//! Files are written flat (`OUT/0.html`, ...), or with `--pages` each in its
//! own folder, `OUT/events/<file stem>/index.html`: the layout of pretty
//! URLs that Annals and Hugo write, where a folder per page costs the kernel
//! (and `rm -rf` of the previous output) far more than the bytes do.
//!
//! `bench/run.py --floor` times it beside `annals build`.

use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let mut args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let pages = args.last().is_some_and(|a| a.as_os_str() == "--pages");
    if pages {
        args.pop();
    }
    let [site, out] = args.as_slice() else {
        eprintln!("usage: floor SITE OUT [--pages]");
        std::process::exit(2);
    };
    let files: Vec<PathBuf> = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    std::fs::create_dir_all(out).expect("create OUT");
    files.par_iter().enumerate().for_each(|(i, path)| {
        let text = std::fs::read_to_string(path).expect("read an event");
        // The body starts after the second `---` line.
        let body = text.splitn(3, "\n---\n").nth(2).unwrap_or(&text);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body));
        let file = if pages {
            let folder = out
                .join("events")
                .join(path.file_stem().expect("a file name"));
            std::fs::create_dir_all(&folder).expect("make a page folder");
            folder.join("index.html")
        } else {
            out.join(format!("{i}.html"))
        };
        std::fs::write(file, html).expect("write a page");
    });
    println!("rendered {} files", files.len());
}
