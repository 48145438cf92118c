//! `sitemap.xml` and `robots.txt`. (Being written.)

use super::Inputs;
use crate::render::Page;

/// Every HTML page once, with its absolute URL.
pub fn sitemap(_input: &Inputs, _html_pages: &[&str]) -> Page {
    Page {
        path: "sitemap.xml".into(),
        bytes: Vec::new(),
    }
}

/// Allows everything and points at the sitemap.
pub fn robots(_input: &Inputs) -> Page {
    Page {
        path: "robots.txt".into(),
        bytes: Vec::new(),
    }
}
