//! Dates at their edges, through the binary: ranges whose ends are written
//! in different offsets or are the same date, and date-times that no
//! output could hold (after 9999 or before year 1 in UTC, leap seconds,
//! fractions of a second), which are refused where they are written.

mod common;
use common::*;
use serde_json::Value;

const BASE: &str = "https://example.org/t/";

fn build(site: &Site) {
    let (code, stdout, stderr) = site.run(&["build", "--base-url", BASE]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

fn events_json(site: &Site) -> Value {
    serde_json::from_str(&site.read("public/events.json")).expect("events.json parses")
}

/// The item of `file["events"]` whose `key` is `slug` (events.json's
/// events by `slug`, TimelineJS slides by `unique_id`).
fn by_slug<'a>(file: &'a Value, key: &str, slug: &str) -> &'a Value {
    file["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e[key] == slug)
        .unwrap_or_else(|| panic!("no {slug} in {file}"))
}

/// `when` of an event in events.json.
fn when(json: &Value, slug: &str) -> String {
    by_slug(json, "slug", slug)["when"]
        .as_str()
        .unwrap()
        .to_string()
}

/// (hour, minute) of a TimelineJS date, as numbers.
fn clock(date: &Value) -> (u32, u32) {
    let n = |k: &str| date[k].as_str().unwrap().parse::<u32>().unwrap();
    (n("hour"), n("minute"))
}

#[test]
fn a_range_across_offsets_reads_forwards_in_the_start_offset() {
    let site = site(&[
        (
            "content/zones.md",
            &event(
                "title: Zones\ndate: 2025-02-18T10:00:00+03:00\nend: 2025-02-18T08:00:00Z",
                "",
            ),
        ),
        (
            "content/overnight.md",
            &event(
                "title: Overnight\ndate: 2025-02-18T22:00:00+03:00\nend: 2025-02-19T01:00:00Z",
                "",
            ),
        ),
    ]);
    build(&site);
    let json = events_json(&site);
    assert_eq!(
        when(&json, "zones"),
        "18 February 2025, 10:00–11:00 UTC+03:00"
    );
    assert_eq!(
        when(&json, "overnight"),
        "18 February 2025, 22:00 – 19 February 2025, 04:00 UTC+03:00"
    );
    // events.json keeps the end as written: it is the data.
    let zones = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == "zones");
    assert_eq!(zones.unwrap()["end"]["value"], "2025-02-18T08:00:00Z");

    // The page says the same, each end in a <time> with its moment.
    let page = site.read("public/events/zones/index.html");
    assert!(
        page.contains("<time datetime=\"2025-02-18T10:00:00+03:00\">18 February 2025, 10:00</time>–<time datetime=\"2025-02-18T11:00:00+03:00\">11:00 UTC+03:00</time>"),
        "{page}"
    );

    // TimelineJS has no offsets: the end is written in the start's, so it
    // follows the start.
    let timeline: Value = serde_json::from_str(&site.read("public/timeline.json")).unwrap();
    let zones = by_slug(&timeline, "unique_id", "zones");
    assert_eq!(clock(&zones["start_date"]), (10, 0));
    assert_eq!(clock(&zones["end_date"]), (11, 0));
    assert_eq!(zones["end_date"]["day"], "18");
    let overnight = by_slug(&timeline, "unique_id", "overnight");
    assert_eq!(clock(&overnight["end_date"]), (4, 0));
    assert_eq!(overnight["end_date"]["day"], "19");
}

#[test]
fn an_end_equal_to_the_date_shows_one_date() {
    let site = site(&[
        (
            "content/day.md",
            &event("title: Day\ndate: 2025-02-18\nend: 2025-02-18", ""),
        ),
        (
            "content/month.md",
            &event("title: Month\ndate: 2025-02\nend: 2025-02", ""),
        ),
        (
            "content/year.md",
            &event("title: Year\ndate: 2025\nend: 2025\napproximate: true", ""),
        ),
        (
            "content/moment.md",
            &event(
                "title: Moment\ndate: 2025-02-18T10:00:00+03:00\nend: 2025-02-18T07:00:00Z",
                "",
            ),
        ),
        (
            "content/hours.md",
            &event(
                "title: Hours\ndate: 2025-02-18T10:00:00+03:00\nend: 2025-02-18T12:00:00+03:00",
                "",
            ),
        ),
    ]);
    build(&site);
    let json = events_json(&site);
    assert_eq!(when(&json, "day"), "18 February 2025");
    assert_eq!(when(&json, "month"), "February 2025");
    assert_eq!(when(&json, "year"), "c. 2025");
    assert_eq!(when(&json, "moment"), "18 February 2025, 10:00 UTC+03:00");
    assert_eq!(
        when(&json, "hours"),
        "18 February 2025, 10:00–12:00 UTC+03:00"
    );
    let page = site.read("public/events/day/index.html");
    assert!(
        page.contains("<time datetime=\"2025-02-18\">18 February 2025</time>")
            && !page.contains("18–18"),
        "{page}"
    );
    let timeline = site.read("public/timeline.json");
    assert!(!timeline.contains("18–18"), "{timeline}");
    assert!(!timeline.contains("February–February"), "{timeline}");
    assert!(!timeline.contains("2025–2025"), "{timeline}");
}

/// Runs `annals check` on one event with `front` and asserts it is refused
/// at `line:column` of the file with an error holding every one of `words`.
fn refused(front: &str, location: &str, words: &[&str]) {
    let site = site(&[("content/edge.md", &event(front, ""))]);
    let (code, stdout, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{front:?} was accepted:\n{stdout}{stderr}");
    assert_problem(&stderr, &format!("content/edge.md:{location}"), words);
}

#[test]
fn instants_outside_the_years_1_to_9999_in_utc_are_refused_where_written() {
    refused(
        "title: x\ndate: 9999-12-31T23:00:00-05:00",
        "3:7",
        &[
            "10000-01-01T04:00:00Z",
            "9999-12-31T23:59:59Z",
            "help: `date` takes",
        ],
    );
    refused(
        "title: x\ndate: 2021\nend: 0001-01-01T00:30:00+01:00",
        "4:6",
        &["0001-01-01T00:00:00Z", "help: `end` takes"],
    );
    refused(
        "title: x\ndate: 2021\nsources:\n  - title: A\n    url: https://example.org/\n    date: 9999-12-31T20:00:00-04:00",
        "7:11",
        &["10000-01-01T00:00:00Z"],
    );

    // Up to the edges, every output can hold them.
    let site = site(&[
        ("content/year.md", &event("title: Year\ndate: 9999", "")),
        (
            "content/last-day.md",
            &event("title: Last day\ndate: 9999-12-31", ""),
        ),
        (
            "content/last-moment.md",
            &event(
                "title: Last moment\ndate: 9999-12-31T18:00:00-05:00\nend: 9999-12-31T23:59:59Z",
                "",
            ),
        ),
        (
            "content/first.md",
            &event("title: First\ndate: 0001-01-01T01:00:00+01:00", ""),
        ),
    ]);
    build(&site);
    let atom = site.read("public/atom.xml");
    let updated: Vec<&str> = atom
        .split("<updated>")
        .skip(1)
        .map(|s| &s[..s.find("</updated>").unwrap()])
        .collect();
    assert!(!updated.is_empty());
    for u in updated {
        assert_eq!(u.len(), 20, "not RFC 3339 with a four-digit year: {u}");
    }
    feed_rs::parser::parse(atom.as_bytes()).expect("the feed parses");

    let ics = site.read("public/calendar.ics");
    let calendar: icalendar::Calendar = ics.parse().expect("the calendar parses");
    let vevent = |uid: &str| -> &str {
        let at = ics.find(&format!("UID:{uid}@")).expect(uid);
        &ics[at..at + ics[at..].find("END:VEVENT").unwrap()]
    };
    // All-day events that end after 9999 say how long they are instead.
    assert!(vevent("year").contains("DTSTART;VALUE=DATE:99990101\r\nDURATION:P365D\r\n"));
    assert!(vevent("last-day").contains("DTSTART;VALUE=DATE:99991231\r\nDURATION:P1D\r\n"));
    assert!(
        vevent("last-moment").contains("DTSTART:99991231T230000Z\r\nDTEND:99991231T235959Z\r\n")
    );
    assert!(vevent("first").contains("DTSTART:00010101T000000Z\r\n"));
    assert!(ics.contains("DTSTAMP:99991231T235959Z\r\n"), "{ics}");
    assert_eq!(
        calendar
            .components
            .iter()
            .filter(|c| c.as_event().is_some())
            .count(),
        4
    );
}

#[test]
fn leap_seconds_and_fractions_of_a_second_are_refused_not_dropped() {
    refused(
        "title: x\ndate: 2016-12-31T23:59:60Z",
        "3:7",
        &["leap second", "write 2016-12-31T23:59:59Z"],
    );
    refused(
        "title: x\ndate: 2025-02-18T14:30:00.250+03:00",
        "3:7",
        &["fraction of a second", ".250", "whole seconds"],
    );
    // A fraction that is zero loses nothing (JavaScript writes `.000Z`).
    let site = site(&[(
        "content/zero.md",
        &event("title: x\ndate: 2025-02-18T14:30:00.000Z", ""),
    )]);
    build(&site);
    assert_eq!(
        events_json(&site)["events"][0]["date"]["value"],
        "2025-02-18T14:30:00Z"
    );
}
