//! An event's `media` as written: every mistake is refused at its exact
//! `file:line:col`, files are looked for where the README says, nothing
//! outside the site is reached, and `annals check` warns about a photo
//! without a credit and an `alt` that only repeats the title.

mod common;

use common::*;

/// A drawing small enough to write inline: a valid SVG file.
const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\"><rect width=\"40\" height=\"30\" fill=\"#2a6\"/></svg>\n";

/// Asserts `stderr` reports, for each `(line:column, words)`, a problem
/// in `file` at that place with all those words.
fn assert_problems(stderr: &str, file: &str, expected: &[(&str, &[&str])]) {
    for (location, words) in expected {
        assert_problem(stderr, &format!("{file}:{location}"), words);
    }
}

/// Runs `check` and `build` on `site`; both must refuse it with the same
/// report, and write nothing. Returns the report.
fn refused(site: &Site) -> String {
    let before = tree(site.root());
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert_same_tree(&before, &tree(site.root()), "a refused build");
    let (code, _, check) = site.run(&["check"]);
    assert_eq!(code, 1, "{check}");
    assert_eq!(check, stderr, "check reports what build reports");
    stderr
}

#[test]
fn each_mistake_in_a_media_item_is_reported_at_its_place() {
    let text = event(
        "title: Talks\ndate: 2025-02-18\nmedia:\n  - src: javascript:alert(1)\n    alt: x\n  - src: a.jpg\n    alt: x\n    colour: red\n  - src: https://youtu.be/abc\n  - src: report.pdf\n    alt: y\n  - src: b.jpg\n    alt: \"\"\n  - src: c.mp4\n    alt: z\n    captions: c.srt\n  - src: d.svg\n    alt: A map\n    decorative: true\n  - src: e.svg\n    alt: A map\n    captions: e.vtt\n    link: ftp://example.org/x\n  - src: data:image/png;base64,AAAA\n    alt: dot\n  - src: img\\f.jpg\n    alt: f\n  - plain text\nmedia_extra: 1",
        "",
    );
    let site = site(&[("content/talks.md", &text)]);
    let stderr = refused(&site);
    assert_problems(
        &stderr,
        "content/talks.md",
        &[
            (
                "5:10",
                &["`javascript:alert(1)`", "`javascript:` address"][..],
            ),
            (
                "9:5",
                &[
                    "unknown key `colour` in a media item",
                    "allowed keys in a media item: src, alt, caption, credit, link, decorative, captions",
                ],
            ),
            ("10:5", &["`alt` is missing"]),
            (
                "11:10",
                &[
                    "`report.pdf` is not a kind of media",
                    "jpg, jpeg, png, webp, gif, svg",
                ],
            ),
            ("14:10", &["`alt` is empty", "decorative: true"]),
            ("17:15", &["`c.srt` is not a WebVTT file"]),
            ("19:10", &["a decorative item has no alt text"]),
            ("23:15", &["only video and audio have captions"]),
            ("24:11", &["`ftp://example.org/x` is not a web address"]),
            ("25:10", &["`data:` address"]),
            ("27:10", &["has a backslash"]),
            ("29:5", &["a media item must be a mapping"]),
            ("30:1", &["unknown key `media_extra`"]),
        ],
    );
    assert_summary(&stderr, 13, 1);
}

#[test]
fn files_are_found_beside_the_event_or_in_static_and_never_outside_the_site() {
    let text = event(
        "title: Talks\ndate: 2025-02-18\nmedia:\n  - src: missing.png\n    alt: x\n  - src: ../../../../etc/passwd.jpg\n    alt: x\n  - src: ../../annals.jpg\n    alt: x\n  - src: linked.jpg\n    alt: x\n  - src: /maps/gone.svg\n    alt: x\n  - src: clip.webm\n    alt: x\n    captions: /captions/gone.vtt\n  - src: folder.jpg\n    alt: x",
        "",
    );
    let site = site(&[
        ("content/2025-02-18-talks/index.md", &text),
        ("content/2025-02-18-talks/clip.webm", "not really a video"),
        ("content/2025-02-18-talks/folder.jpg/x", ""),
    ]);
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::os::unix::fs::symlink(
        outside.path(),
        site.join("content/2025-02-18-talks/linked.jpg"),
    )
    .unwrap();
    let stderr = refused(&site);
    let file = "content/2025-02-18-talks/index.md";
    assert_problems(
        &stderr,
        file,
        &[
            (
                "5:10",
                &[
                    "`missing.png` is not there",
                    "content/2025-02-18-talks/missing.png",
                ][..],
            ),
            ("7:10", &["leads out of the site"]),
            ("9:10", &["leads out of content/ and static/"]),
            ("11:10", &["`linked.jpg` leads out of the site", "symlink"]),
            (
                "13:10",
                &["`/maps/gone.svg` is not there", "static/maps/gone.svg"],
            ),
            (
                "17:15",
                &[
                    "`/captions/gone.vtt` is not there",
                    "static/captions/gone.vtt",
                    "WebVTT",
                ],
            ),
            ("18:10", &["`folder.jpg` is a folder"]),
        ],
    );
    assert_summary(&stderr, 7, 1);
}

#[test]
fn an_event_in_a_folder_of_its_own_is_an_event_named_for_its_folder() {
    let text = event(
        "title: Talks in Riyadh\ndate: 2025-02-18\nmedia:\n  - src: map.svg\n    alt: A map of the Gulf with Riyadh marked\n    credit: Drawn for this site\n  - src: /shared/map.svg\n    alt: \"\"\n    decorative: true",
        "",
    );
    let site = site(&[
        ("content/2025-02-18-riyadh/index.md", &text),
        ("content/2025-02-18-riyadh/map.svg", SVG),
        ("static/shared/map.svg", SVG),
    ]);
    let (code, stdout, stderr) = site.run(&["check", "--strict"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("checked 1 event"), "{stdout}");
    build_ok(&site, &[]);
    assert!(
        site.join("public/events/2025-02-18-riyadh/index.html")
            .is_file(),
        "the slug is the folder's name"
    );
}

#[test]
fn check_warns_about_a_photo_without_credit_and_alt_that_repeats_the_title() {
    let text = event(
        "title: Talks in Riyadh\ndate: 2025-02-18\nmedia:\n  - src: drawing.svg\n    alt: talks in Riyadh\n    credit: Agency\n  - src: https://news.example.org/photo.jpg\n    alt: Delegations at a table\n  - src: map.svg\n    alt: A map",
        "",
    );
    let site = site(&[
        ("content/2025-02-18-riyadh/index.md", &text),
        ("content/2025-02-18-riyadh/drawing.svg", SVG),
        ("content/2025-02-18-riyadh/map.svg", SVG),
    ]);
    let before = tree(site.root());
    let (code, stdout, stderr) = site.run(&["check", "--as-of", "2025-03-01"]);
    // Check writes nothing, not even the images' cache.
    assert_same_tree(&before, &tree(site.root()), "check");
    let file = "content/2025-02-18-riyadh/index.md";
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        [
            format!(
                "warning: {file}:5:5: the media's `alt` only repeats the event's title: describe what it shows (import writes the title when a slide has no alt text)"
            ),
            format!(
                "warning: {file}:8:5: this photo has no `credit`: say who took it (or whose it is), as the publisher must"
            ),
        ],
        "{stdout}{stderr}"
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, _, _) = site.run(&["check", "--strict"]);
    assert_eq!(code, 1, "warnings count with --strict");
}
