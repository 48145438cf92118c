//! Names of actors, places and tags: spelling variants are one term with
//! one page, and a page's URL never depends on what other names exist.

mod common;
use common::*;

fn pages_under(site: &Site, folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.join(&format!("public/{folder}")))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.html")
        .collect();
    names.sort();
    names
}

#[test]
fn a_spelling_variant_joins_the_established_name_and_moves_no_page() {
    let site = site(&[
        (
            "content/a.md",
            &event(
                "title: A\ndate: 2025-01-01\ntags: [diplomacy]\nplaces: [\"São Paulo\"]\nactors: [Marco Rubio]",
                "",
            ),
        ),
        (
            "content/b.md",
            &event(
                "title: B\ndate: 2025-01-02\ntags: [diplomacy]\nplaces: [\"São Paulo\"]\nactors: [Marco Rubio]",
                "",
            ),
        ),
    ]);
    assert_eq!(site.run(&["build"]).0, 0);
    let before: Vec<String> = ["tags", "places", "actors"]
        .iter()
        .flat_map(|k| {
            pages_under(&site, k)
                .into_iter()
                .map(move |p| format!("{k}/{p}"))
        })
        .collect();
    assert_eq!(
        before,
        ["tags/diplomacy", "places/sao-paulo", "actors/marco-rubio"]
    );

    site.write(
        "content/c.md",
        event(
            "title: C\ndate: 2026-01-01\ntags: [Diplomacy]\nplaces: [\"Sao Paulo\"]\nactors: [MARCO RUBIO]",
            "",
        ),
    );
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(pages_under(&site, "tags"), ["diplomacy"]);
    assert_eq!(pages_under(&site, "places"), ["sao-paulo"]);
    assert_eq!(pages_under(&site, "actors"), ["marco-rubio"]);
    // Each page lists all three events under the most used spelling.
    let tag = site.read("public/tags/diplomacy/index.html");
    assert!(tag.contains("<h1>diplomacy</h1>"), "{tag}");
    for title in ["events/a/", "events/b/", "events/c/"] {
        assert!(tag.contains(title), "{title} missing from the tag page");
    }
    assert!(
        site.read("public/places/sao-paulo/index.html")
            .contains("São Paulo")
    );
    assert!(
        site.read("public/actors/marco-rubio/index.html")
            .contains("Marco Rubio")
    );
}

#[test]
fn check_warns_about_variants_with_where_each_is_written() {
    let site = site(&[
        (
            "content/a.md",
            &event("title: A\ndate: 2025\ntags: [diplomacy]", ""),
        ),
        (
            "content/b.md",
            &event("title: B\ndate: 2025\ntags: [diplomacy]", ""),
        ),
        (
            "content/c.md",
            &event("title: C\ndate: 2025\ntags: [Diplomacy]", ""),
        ),
    ]);
    let (code, stdout, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let warning = stderr
        .lines()
        .find(|l| l.starts_with("warning:"))
        .unwrap_or_else(|| panic!("no warning in {stderr}"));
    for place in [
        "`diplomacy` (content/a.md:4:8, content/b.md:4:8)",
        "`Diplomacy` (content/c.md:4:8)",
        "tags/diplomacy/",
    ] {
        assert!(warning.contains(place), "{place} missing from {warning}");
    }
    // No variants, no warning.
    site.remove("content/c.md");
    let (_, _, stderr) = site.run(&["check"]);
    assert!(!stderr.contains("warning:"), "{stderr}");
}

#[test]
fn composed_and_decomposed_names_are_one_name() {
    let site = site(&[
        (
            "content/a.md",
            &event("title: A\ndate: 2025\nplaces: [\"Caf\u{e9}\"]", ""),
        ),
        (
            "content/b.md",
            &event("title: B\ndate: 2025\nplaces: [\"Cafe\u{301}\"]", ""),
        ),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(pages_under(&site, "places"), ["cafe"]);
    // One spelling once normalised: nothing to warn about.
    assert!(!stderr.contains("warning:"), "{stderr}");
    let json = site.read("public/events.json");
    assert!(!json.contains("Cafe\u{301}"), "names are written in NFC");
}

#[test]
fn names_that_make_different_slugs_keep_their_own_pages_whatever_else_exists() {
    // The slug is made from the name alone: adding a name never renames
    // another's page (before, collisions took `-2` by byte order).
    let site = site(&[(
        "content/a.md",
        &event("title: A\ndate: 2025\ntags: [\"US–Russia relations\"]", ""),
    )]);
    assert_eq!(site.run(&["build"]).0, 0);
    assert_eq!(pages_under(&site, "tags"), ["us-russia-relations"]);
    site.write(
        "content/b.md",
        event(
            "title: B\ndate: 2025\ntags: [\"US Russia Relations\", Ukraine]",
            "",
        ),
    );
    assert_eq!(site.run(&["build"]).0, 0);
    assert_eq!(
        pages_under(&site, "tags"),
        ["ukraine", "us-russia-relations"]
    );
}
