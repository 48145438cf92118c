//! What Markdown and names put into pages never breaks them: ids never
//! clash with the theme's, forbidden characters never reach the HTML, and
//! pictures from other hosts are not loaded unless the site allows it.

mod common;
use common::*;
use std::collections::HashMap;

/// Every `id="…"` on a page with how often it occurs.
fn ids(html: &str) -> HashMap<String, usize> {
    let mut ids = HashMap::new();
    for part in html.split(" id=\"").skip(1) {
        let id = part.split('"').next().unwrap_or("").to_string();
        *ids.entry(id).or_default() += 1;
    }
    ids
}

fn assert_unique_ids(page: &str, html: &str) {
    let twice: Vec<(String, usize)> = ids(html).into_iter().filter(|(_, n)| *n > 1).collect();
    assert!(twice.is_empty(), "{page} repeats ids {twice:?}");
}

#[test]
fn headings_and_slugs_never_take_the_themes_ids() {
    let site = site(&[
        (
            "content/_index.md",
            "---\ntitle: T\n---\n## Filters\n\n## Order\n\n## Results\n\n## Main\n\n## Y9999 {#y9999}\n\n## E-mail\n\n## Sources {#annals-sources}\n",
        ),
        (
            "content/y9999.md",
            &event("title: Far\ndate: 9999", "## Filters\n\nText.\n"),
        ),
        (
            "content/main.md",
            &event("title: Main\ndate: 2025", "## Main\n"),
        ),
        (
            "content/filters.md",
            &event("title: Filters\ndate: 2025", ""),
        ),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    for page in [
        "index.html",
        "events/y9999/index.html",
        "events/main/index.html",
        "tags/index.html",
    ] {
        let html = site.read(&format!("public/{page}"));
        assert_unique_ids(page, &html);
    }
    let index = site.read("public/index.html");
    // The theme keeps its ids; the headings take others.
    for theme in ["filters", "order", "results", "main", "y9999"] {
        assert_eq!(ids(&index).get(theme), Some(&1), "id {theme} on the index");
    }
    for heading in [
        "h-filters",
        "h-order",
        "h-results",
        "h-main",
        "h-y9999",
        "h-e-mail",
        "h-annals-sources",
    ] {
        assert!(
            index.contains(&format!("id=\"{heading}\"")),
            "{heading} missing"
        );
    }
}

#[test]
fn forbidden_characters_never_reach_the_html() {
    let site = site(&[(
        "content/a.md",
        &event(
            "title: \"Word\\vpasted\\bhere\"\nsummary: \"x\\u0085y\"\ndate: 2025\ntags: [\"a\\vb\"]",
            "Pasted\u{b} from\u{8} Word\u{0} and\u{7f} more\u{fdd0}.\n",
        ),
    )]);
    let (code, _, stderr) = site.run(&["build", "--base-url", "https://example.org/"]);
    assert_eq!(code, 0, "{stderr}");
    for (path, bytes) in tree(&site.join("public")) {
        if !(path.ends_with(".html") || path.ends_with(".xml") || path.ends_with(".json")) {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| {
                (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                    || (0xFDD0..=0xFDEF).contains(&(c as u32))
            })
            .collect();
        assert!(bad.is_empty(), "{path} holds {bad:?}");
    }
    let page = site.read("public/events/a/index.html");
    assert!(page.contains("Pasted from Word and more."), "{page}");
    assert!(page.contains("Wordpastedhere"), "{page}");
}

#[test]
fn pictures_from_other_hosts_are_links_unless_the_site_allows_them() {
    let body = "![A tracker](https://tracker.example/p.png) and ![](//cdn.example/q.png) and \
                [![inside](https://x.example/i.png)](https://example.org/) and ![own](img/own.png)\n";
    let site = site(&[("content/a.md", &event("title: A\ndate: 2025", body))]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let page = site.read("public/events/a/index.html");
    assert!(!page.contains("<img src=\"https:"), "{page}");
    assert!(!page.contains("<img src=\"//"), "{page}");
    assert!(
        page.contains("<a href=\"https://tracker.example/p.png\">A tracker</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"//cdn.example/q.png\">//cdn.example/q.png</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"https://example.org/\">inside</a>"),
        "{page}"
    );
    assert!(
        page.contains("<img src=\"img/own.png\" alt=\"own\""),
        "{page}"
    );

    site.write("annals.yaml", "media:\n  remote: true\n");
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let page = site.read("public/events/a/index.html");
    assert!(
        page.contains("<img src=\"https://tracker.example/p.png\""),
        "{page}"
    );
}

#[test]
fn without_a_base_url_the_note_says_the_404_page_links_from_the_root() {
    let site = site(&[("content/a.md", &event("title: A\ndate: 2025", ""))]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("404.html links from the host's root"),
        "{stderr}"
    );
    let (_, _, stderr) = site.run(&["build", "--base-url", "https://example.org/sub/"]);
    assert!(!stderr.contains("404.html"), "{stderr}");
    assert!(site.read("public/404.html").contains("href=\"/sub/"));
}
