//! `--as-of DAY`: the site as it was known at the end of that day.

mod common;
use common::*;

fn trip() -> String {
    event(
        "title: Trip\ndate: 2025-05-09\nstatus: denied\nsources:\n  - title: A\n    url: https://example.org/a\nhistory:\n  - {date: 2025-02-20, status: reported, source: 1}\n  - {date: 2025-02-21, status: denied, source: 1}",
        "",
    )
}

#[test]
fn each_status_is_the_last_change_known_on_the_day() {
    let site = site(&[
        ("content/trip.md", &trip()),
        (
            "content/talks.md",
            &event("title: Talks\ndate: 2025-02-18", ""),
        ),
    ]);
    let (code, _, stderr) = site.run(&["build", "--as-of", "2025-02-20"]);
    assert_eq!(code, 0, "{stderr}");
    let page = site.read("public/events/trip/index.html");
    assert!(
        page.contains("<span class=\"status status-reported\">Reported, unconfirmed</span>"),
        "{page}"
    );
    assert!(!page.contains("Denied"), "the denial came later: {page}");
    for path in [
        "public/index.html",
        "public/events/talks/index.html",
        "public/tags/index.html",
    ] {
        assert!(
            site.read(path)
                .contains("As known on <time datetime=\"2025-02-20\">20 February 2025</time>"),
            "{path}"
        );
    }

    let (code, _, stderr) = site.run(&["build", "--as-of", "2025-02-21"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        site.read("public/events/trip/index.html")
            .contains("status-denied\">Denied")
    );
}

#[test]
fn an_event_not_yet_known_is_left_out_and_links_to_it_dropped() {
    let site = site(&[
        ("content/trip.md", &trip()),
        (
            "content/talks.md",
            &event("title: Talks\ndate: 2025-02-18\nrelated: [trip]", ""),
        ),
    ]);
    let (code, _, stderr) = site.run(&["build", "--as-of", "2025-02-19"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!site.join("public/events/trip").exists());
    assert!(!site.read("public/index.html").contains("events/trip/"));
    assert!(
        !site
            .read("public/events/talks/index.html")
            .contains("events/trip/")
    );
}

#[test]
fn without_as_of_no_page_says_as_known_on() {
    let site = site(&[("content/trip.md", &trip())]);
    assert_eq!(site.run(&["build"]).0, 0);
    assert!(!site.read("public/index.html").contains("As known on"));
    // check judges expectations on today, but shows the site as it is.
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn the_shipped_timeline_as_known_on_20_february_leaves_out_what_was_reported_later() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("public");
    let out_arg = out.to_str().unwrap();
    let (code, _, stderr) = run(
        &["build", ".", "--as-of", "2025-02-20", "--output", out_arg],
        root,
    );
    assert_eq!(code, 0, "{stderr}");
    let mut events: Vec<String> = std::fs::read_dir(out.join("events"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    events.sort();
    assert_eq!(
        events,
        [
            "2021-06-geneva-summit",
            "2022-02-invasion-of-ukraine",
            "2025-02-17-trump-zelenskyy-exchange",
            "2025-02-18-riyadh-meeting",
            "2025-02-20-rubio-herridge-interview"
        ]
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("As known on <time datetime=\"2025-02-20\">20 February 2025</time>"));
}
