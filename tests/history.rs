//! An event's status history: checked where it is written, shown on the
//! event's page as a trail, and carried into the data files.

mod common;
use common::*;

const SOURCES: &str = "sources:\n  - title: First report\n    url: https://example.org/a\n  - title: The denial\n    url: https://example.org/b";

#[test]
fn a_report_then_denied_shows_its_trail_and_reaches_every_output() {
    let front = format!(
        "title: Trip\ndate: 2025-05-09\nstatus: denied\n{SOURCES}\nhistory:\n  - {{date: 2025-02-20, status: reported, source: 1}}\n  - {{date: 2025-02-21, status: denied, source: 2, note: \"Called false.\"}}"
    );
    let site = site(&[("content/trip.md", &event(&front, "Body.\n"))]);
    let (code, _, stderr) = site.run(&["build", "--base-url", "https://example.org/t/"]);
    assert_eq!(code, 0, "{stderr}");
    let page = site.read("public/events/trip/index.html");
    let trail = page
        .split("<ol class=\"history\"")
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .unwrap_or_else(|| panic!("no history trail in {page}"));
    let text = trail
        .split('<')
        .map(|part| part.split_once('>').map_or(part, |(_, t)| t))
        .collect::<String>()
        .replace('\n', "");
    assert!(
        text.contains("Reported · 20 February 2025 (First report)→ Denied · 21 February 2025 (The denial): Called false."),
        "{text}"
    );
    assert!(
        trail.contains("<a href=\"https://example.org/b\" dir=\"auto\">The denial</a>"),
        "{trail}"
    );
    assert!(trail.contains("<time datetime=\"2025-02-21\">"), "{trail}");

    let json: serde_json::Value = serde_json::from_str(&site.read("public/events.json")).unwrap();
    let history = &json["events"][0]["history"];
    assert_eq!(history[0]["status"], "reported");
    assert_eq!(history[0]["source"], 1);
    assert_eq!(history[1]["status"], "denied");
    assert_eq!(history[1]["note"], "Called false.");
    assert_eq!(history[1]["date"]["value"], "2025-02-21");

    // The feed entry's `updated` is the latest of the event's date and its
    // history's dates (here the date, 9 May), never the clock.
    let atom = site.read("public/atom.xml");
    assert!(
        atom.contains("<updated>2025-05-09T00:00:00Z</updated>"),
        "{atom}"
    );
}

#[test]
fn the_feed_and_calendar_follow_the_history() {
    let front = format!(
        "title: Talks\ndate: 2025-02-18\nstatus: happened\n{SOURCES}\nhistory:\n  - {{date: 2025-02-10, status: planned, source: 1}}\n  - {{date: 2025-02-18, status: happened, source: 1}}\n  - {{date: 2025-03-01, status: happened, source: 2, note: Confirmed again.}}"
    );
    let site = site(&[("content/talks.md", &event(&front, ""))]);
    let (code, _, stderr) = site.run(&["build", "--base-url", "https://example.org/"]);
    assert_eq!(code, 0, "{stderr}");
    let atom = site.read("public/atom.xml");
    assert!(
        atom.contains("<updated>2025-03-01T00:00:00Z</updated>"),
        "the latest history date: {atom}"
    );
    let ics = site.read("public/calendar.ics");
    assert!(
        ics.contains("SEQUENCE:2\r\n"),
        "two changes after the first: {ics}"
    );
    // Without a history, no SEQUENCE line (0 is the default).
    site.write(
        "content/talks.md",
        event("title: Talks\ndate: 2025-02-18", ""),
    );
    assert_eq!(
        site.run(&["build", "--base-url", "https://example.org/"]).0,
        0
    );
    assert!(!site.read("public/calendar.ics").contains("SEQUENCE"));
    assert!(
        site.read("public/atom.xml")
            .contains("<updated>2025-02-18T00:00:00Z</updated>")
    );
}

#[test]
fn a_broken_history_is_reported_at_each_place() {
    let front = format!(
        "title: Trip\ndate: 2025-05-09\nstatus: cancelled\n{SOURCES}\nhistory:\n  - date: 2025-02-21\n    status: reported\n    source: 3\n  - date: 2025-02-20\n    status: denied\n  - date: 2025-02-22\n    status: denyed\n  - date: 2025-02-23\n    status: denied\n    sorce: 1"
    );
    let site = site(&[("content/trip.md", &event(&front, ""))]);
    let before = tree(site.root());
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(
        &stderr,
        "content/trip.md:13:13",
        &["there is no source 3", "2 sources"],
    );
    assert_problem(
        &stderr,
        "content/trip.md:14:11",
        &["comes before the one above it"],
    );
    assert_problem(
        &stderr,
        "content/trip.md:17:13",
        &["`denyed` is not a status", "denied"],
    );
    assert_problem(&stderr, "content/trip.md:20:5", &["sorce"]);
    assert_problem(
        &stderr,
        "content/trip.md:4:9",
        &["`status: cancelled` disagrees with the last `history` entry"],
    );
    assert_same_tree(&before, &tree(site.root()), "nothing written");
}

#[test]
fn the_shipped_moscow_trip_was_reported_then_denied() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("content/2025-05-09-reported-moscow-trip.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let event = annals::source::event::parse_event(&path, &text).unwrap();
    let trail: Vec<(&str, String)> = event
        .history
        .iter()
        .map(|c| (c.status.as_str(), c.date.machine()))
        .collect();
    assert_eq!(
        trail,
        [
            ("reported", "2025-02-21".to_string()),
            ("denied", "2025-02-21".to_string())
        ]
    );
    assert!(
        event.history.iter().all(|c| c.source == Some(0)),
        "the article is the source"
    );
}
