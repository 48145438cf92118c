//! The Markdown-only floor that issue 6 measures Annals against: read every
//! event file under `SITE/content`, cut off its front matter, render the
//! Markdown with pulldown-cmark and write one HTML file per event into
//! `OUT`, in parallel. No YAML, templates, listings or data files.
//!
//!     cargo run --release --example floor -- SITE OUT
//!
//! `bench/run.py --floor` times it beside `annals build`.

use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [site, out] = args.as_slice() else {
        eprintln!("usage: floor SITE OUT");
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
        std::fs::write(out.join(format!("{i}.html")), html).expect("write a page");
    });
    println!("rendered {} files", files.len());
}
