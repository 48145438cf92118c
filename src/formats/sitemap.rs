//! `sitemap.xml` (the sitemaps.org protocol) and `robots.txt` pointing at
//! it. Both need absolute URLs, so they are written only with `base_url`.
//! A site published under a sub-path has its `robots.txt` there too; only
//! one at the host's root is read by crawlers, so such a site may copy the
//! `Sitemap:` line into that one.

use super::{Inputs, xml_escape};
use crate::model::{editions, urls};
use crate::sink::Page;
use std::fmt::Write as _;

/// The sitemap's path in the output.
pub const PATH: &str = "sitemap.xml";

/// The path of `robots.txt` in the output.
pub const ROBOTS: &str = "robots.txt";

/// Every HTML page once, with its absolute URL (pretty URLs: a folder's
/// `index.html` is listed as the folder). The 404 page is left out. A
/// site in several languages lists each page in every edition, each with
/// its alternates in all (`xhtml:link`, as search engines read them):
/// every edition has the same pages at the same paths.
pub fn sitemap(input: &Inputs, html_pages: &[&str]) -> Page {
    let languages = &input.site.config.languages;
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if languages.len() > 1 {
        x.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    x.push_str(">\n");
    let Some(base) = input.base else {
        x.push_str("</urlset>\n");
        return Page {
            path: PATH.into(),
            bytes: x.into_bytes(),
        };
    };
    let mut paths: Vec<&str> = html_pages
        .iter()
        .copied()
        .filter(|p| *p != "404.html")
        .collect();
    paths.sort_unstable();
    let editions = languages.len().max(1);
    for path in paths {
        let rel = urls::of_file(path);
        let url = |n: usize| base.join(&format!("{}{rel}", editions::prefix(languages, n)));
        for n in 0..editions {
            let _ = write!(x, "<url><loc>{}</loc>", xml_escape(&url(n)));
            if editions > 1 {
                for (k, language) in languages.iter().enumerate() {
                    let _ = write!(
                        x,
                        "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        xml_escape(language),
                        xml_escape(&url(k))
                    );
                }
            }
            x.push_str("</url>\n");
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
