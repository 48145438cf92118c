//! `sitemap.xml` (the sitemaps.org protocol) and `robots.txt` pointing at
//! it. Both need absolute URLs, so they are written only with `base_url`.
//! A site published under a sub-path has its `robots.txt` there too; only
//! one at the host's root is read by crawlers, so such a site may copy the
//! `Sitemap:` line into that one.

use super::{Inputs, xml_escape};
use crate::model::urls;
use crate::sink::Page;
use std::fmt::Write as _;

/// The sitemap's path in the output.
pub const PATH: &str = "sitemap.xml";

/// The path of `robots.txt` in the output.
pub const ROBOTS: &str = "robots.txt";

/// Every HTML page once, with its absolute URL (pretty URLs: a folder's
/// `index.html` is listed as the folder). The 404 page is left out.
pub fn sitemap(input: &Inputs, html_pages: &[&str]) -> Page {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut paths: Vec<&str> = html_pages
        .iter()
        .copied()
        .filter(|p| *p != "404.html")
        .collect();
    paths.sort_unstable();
    for path in paths {
        let rel = urls::of_file(path);
        if let Some(loc) = input.absolute(rel) {
            let _ = writeln!(x, "<url><loc>{}</loc></url>", xml_escape(&loc));
        }
    }
    x.push_str("</urlset>\n");
    Page {
        path: PATH.into(),
        bytes: x.into_bytes(),
    }
}

/// Allows everything and points at the sitemap.
pub fn robots(input: &Inputs) -> Page {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(url) = input.absolute(PATH) {
        let _ = writeln!(text, "Sitemap: {url}");
    }
    Page {
        path: ROBOTS.into(),
        bytes: text.into_bytes(),
    }
}
