//! `calendar.ics` and `timeline.json`: a fixture site with every date
//! precision, ranges, every status, Unicode and punctuation, read back by
//! an independent iCalendar parser (the `icalendar` crate) and by
//! `serde_json`.

mod common;
use common::*;
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike, EventStatus};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

const BASE: &str = "https://example.org/t/";

const LONG_TITLE: &str = "A very long title about the Riyadh–Geneva–Київ talks, with “quotes”, emoji 🗓️🕊️ and many more words to fold";

/// The fixture: (slug, front matter).
fn fixture_events() -> Vec<(&'static str, String)> {
    vec![
        (
            "year",
            "title: Some time in 2019\ndate: 2019\nstatus: happened\ntags: [alpha]".into(),
        ),
        (
            "month",
            "title: \"Geneva; talks, again\"\ndate: 2021-06\nstatus: announced\nplaces: [Geneva, Switzerland]\nsummary: \"Talks; in Geneva, a city\"".into(),
        ),
        (
            "month-range",
            "title: Winter plans\ndate: 2024-12\nend: 2025-01\nstatus: planned\ntags: [beta]".into(),
        ),
        (
            "day-range",
            "title: Across a month boundary\ndate: 2025-01-30\nend: 2025-02-02\nstatus: expected\ntags: [\"war, peace\", \"a;b\", \"back\\\\slash\"]".into(),
        ),
        (
            "instant",
            "title: \"Переговоры в Эр-Рияде — talks 🕊️\"\ndate: 2025-02-18T14:30:00+03:00\nstatus: reported\nactors: [Сергей Лавров]\nplaces: [Riyadh]".into(),
        ),
        (
            "long",
            format!("title: \"{LONG_TITLE}\"\ndate: 2025-03-01\nsummary: \"Line one.\\nLine two, with a \\\\ backslash; and more.\""),
        ),
        (
            "denied",
            "title: Reported visit, denied\ndate: 2025-03-02\nstatus: denied".into(),
        ),
        (
            "cancelled",
            "title: Cancelled meeting\ndate: 2025-04-01T09:00:00Z\nend: 2025-04-01T17:00:00+02:00\nstatus: cancelled".into(),
        ),
        (
            "mixed",
            "title: Instant start, day end\ndate: 2025-05-01T10:00:00+03:00\nend: 2025-05-03\napproximate: true".into(),
        ),
    ]
}

fn fixture() -> Site {
    let mut files: Vec<(String, String)> = vec![(
        "annals.yaml".into(),
        "title: \"Fixture; timeline, with <b>punctuation</b> & Unicode — Київ\"\ndescription: \"Everything, at once; <i>really</i>.\"\n".into(),
    )];
    for (slug, front) in fixture_events() {
        files.push((format!("content/{slug}.md"), event(&front, "Body.\n")));
    }
    site_owned(&files)
}

fn build(site: &Site, args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let (code, _, stderr) = site.run(&all);
    assert_eq!(code, 0, "{stderr}");
    stderr
}

fn parse_calendar(text: &str) -> icalendar::Calendar {
    text.parse::<icalendar::Calendar>()
        .unwrap_or_else(|e| panic!("calendar.ics does not parse: {e}\n{text}"))
}

fn events(cal: &icalendar::Calendar) -> Vec<&icalendar::Event> {
    cal.components.iter().filter_map(|c| c.as_event()).collect()
}

/// "2025-01-30" for a DATE, "2025-02-18T11:30:00Z" for a UTC DATE-TIME.
fn show(d: Option<DatePerhapsTime>) -> Option<String> {
    Some(match d? {
        DatePerhapsTime::Date(d) => d.format("%Y-%m-%d").to_string(),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => {
            t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
        }
        other => panic!("not a DATE or a UTC DATE-TIME: {other:?}"),
    })
}

/// Every physical line is at most 75 octets and ends with CRLF, and no
/// line break is anything but CRLF.
fn assert_lines(text: &str) {
    assert!(text.ends_with("\r\n"), "the file ends with CRLF");
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            assert!(i > 0 && bytes[i - 1] == b'\r', "a bare LF at byte {i}");
        }
        if b == b'\r' {
            assert_eq!(bytes.get(i + 1), Some(&b'\n'), "a bare CR at byte {i}");
        }
    }
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

#[test]
fn the_calendar_parses_and_says_what_the_events_say() {
    let site = fixture();
    build(&site, &["--base-url", BASE]);
    let first = std::fs::read(site.join("public/calendar.ics")).unwrap();
    let text = String::from_utf8(first.clone()).expect("UTF-8");
    assert_lines(&text);
    assert!(
        text.lines().any(|l| l.starts_with(' ')),
        "the long lines were folded"
    );

    // Rebuilt, the file is the same byte for byte (so the UIDs are stable).
    std::fs::remove_dir_all(site.join("public")).unwrap();
    build(&site, &["--base-url", BASE]);
    assert_eq!(
        std::fs::read(site.join("public/calendar.ics")).unwrap(),
        first,
        "two builds give the same calendar"
    );

    // The calendar itself, read by the parser's lower level, which keeps
    // the VCALENDAR's own properties.
    let unfolded = icalendar::parser::unfold(&text);
    let raw = icalendar::parser::read_calendar(&unfolded).unwrap();
    let prop = |name: &str| {
        raw.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.as_str().to_string())
    };
    assert_eq!(prop("VERSION").as_deref(), Some("2.0"));
    assert_eq!(
        prop("PRODID"),
        Some(format!(
            "-//Annals//Annals {}//EN",
            env!("CARGO_PKG_VERSION")
        ))
    );
    assert_eq!(prop("CALSCALE").as_deref(), Some("GREGORIAN"));
    assert_eq!(
        prop("X-WR-CALNAME").as_deref(),
        Some("Fixture; timeline, with <b>punctuation</b> & Unicode — Київ"),
    );
    assert!(
        text.contains("X-WR-CALNAME:Fixture\\; timeline\\, with"),
        "the name is escaped TEXT"
    );

    let cal = parse_calendar(&text);
    let evs = events(&cal);
    assert_eq!(
        evs.len(),
        fixture_events().len() - 1,
        "one VEVENT per event but the denied one"
    );
    assert_eq!(cal.components.len(), evs.len(), "and nothing else");

    let by_uid: BTreeMap<String, &icalendar::Event> = evs
        .iter()
        .map(|e| (e.get_uid().expect("a UID").to_string(), *e))
        .collect();
    assert_eq!(by_uid.len(), evs.len(), "UIDs are unique");
    for (slug, _) in fixture_events() {
        assert_eq!(
            by_uid.contains_key(&format!("{slug}@example.org")),
            slug != "denied",
            "UID {slug}@example.org in {:?}",
            by_uid.keys()
        );
    }
    let ev = |slug: &str| by_uid[&format!("{slug}@example.org")];
    let dates = |slug: &str| {
        let e = ev(slug);
        (show(e.get_start()), show(e.get_end()))
    };
    let s = |a: &str, b: Option<&str>| (Some(a.to_string()), b.map(String::from));

    // Dates.
    assert_eq!(dates("year"), s("2019-01-01", Some("2020-01-01")));
    assert_eq!(dates("month"), s("2021-06-01", Some("2021-07-01")));
    assert_eq!(dates("month-range"), s("2024-12-01", Some("2025-02-01")));
    assert_eq!(dates("day-range"), s("2025-01-30", Some("2025-02-03")));
    assert!(text.contains("DTSTART;VALUE=DATE:20250130\r\nDTEND;VALUE=DATE:20250203\r\n"));
    assert_eq!(dates("instant"), s("2025-02-18T11:30:00Z", None));
    assert!(text.contains("DTSTART:20250218T113000Z\r\n"), "UTC, with Z");
    assert_eq!(dates("long"), s("2025-03-01", Some("2025-03-02")));
    assert_eq!(
        dates("cancelled"),
        s("2025-04-01T09:00:00Z", Some("2025-04-01T15:00:00Z"))
    );
    assert_eq!(dates("mixed"), s("2025-05-01", Some("2025-05-04")));

    // Statuses, as documented in src/formats/standing.rs.
    for (slug, status) in [
        ("year", EventStatus::Confirmed),
        ("month", EventStatus::Tentative),
        ("month-range", EventStatus::Tentative),
        ("day-range", EventStatus::Tentative),
        ("instant", EventStatus::Tentative),
        ("long", EventStatus::Confirmed),
        ("cancelled", EventStatus::Cancelled),
        ("mixed", EventStatus::Confirmed),
    ] {
        assert_eq!(ev(slug).get_status(), Some(status), "{slug}");
    }

    // Text comes back as written.
    assert_eq!(ev("long").get_summary(), Some(LONG_TITLE));
    assert_eq!(ev("month").get_summary(), Some("Geneva; talks, again"));
    assert_eq!(
        ev("instant").get_summary(),
        Some("Переговоры в Эр-Рияде — talks 🕊️")
    );
    assert_eq!(ev("month").get_location(), Some("Geneva, Switzerland"));
    assert_eq!(
        ev("day-range").get_categories(),
        Some(vec![
            "war, peace".to_string(),
            "a;b".into(),
            "back\\slash".into()
        ])
    );
    assert!(
        text.contains("CATEGORIES:war\\, peace,a\\;b,back\\\\slash\r\n"),
        "{text}"
    );
    assert_eq!(ev("instant").get_categories(), None);
    assert_eq!(
        ev("month").get_url(),
        Some("https://example.org/t/events/month/")
    );
    assert_eq!(
        ev("month").get_description(),
        Some(
            "Announced, not confirmed.\n\nTalks; in Geneva, a city\n\nhttps://example.org/t/events/month/\n\nDate known only to the month: June 2021."
        )
    );
    assert_eq!(
        ev("year").get_description(),
        Some("https://example.org/t/events/year/\n\nDate known only to the year: 2019.")
    );
    assert_eq!(
        ev("long").get_description(),
        Some(
            "Line one.\nLine two, with a \\ backslash; and more.\n\nhttps://example.org/t/events/long/"
        )
    );
    assert!(
        ev("month-range")
            .get_description()
            .unwrap()
            .ends_with("Dates known only to the month: December 2024 – January 2025."),
    );
    assert!(
        ev("mixed")
            .get_description()
            .unwrap()
            .ends_with("Approximate dates: c. 1 May 2025, 10:00 UTC+03:00 – 3 May 2025."),
        "{:?}",
        ev("mixed").get_description()
    );

    // DTSTAMP is on every event, the same, and from the data: the latest
    // date in the calendar (3 May 2025, the end of "mixed").
    let stamps: HashSet<String> = evs
        .iter()
        .map(|e| e.get_timestamp().expect("a DTSTAMP").to_rfc3339())
        .collect();
    assert_eq!(
        stamps.into_iter().collect::<Vec<_>>(),
        ["2025-05-03T00:00:00+00:00"]
    );
}

#[test]
fn without_a_base_url_uids_use_a_reserved_host_and_there_are_no_urls() {
    let site = fixture();
    let stderr = build(&site, &[]);
    let text = site.read("public/calendar.ics");
    assert_lines(&text);
    let cal = parse_calendar(&text);
    let evs = events(&cal);
    assert_eq!(
        evs.len(),
        fixture_events().len() - 1,
        "all but the denied one"
    );
    for e in &evs {
        assert!(
            e.get_uid().unwrap().ends_with("@annals.invalid"),
            "{:?}",
            e.get_uid()
        );
        assert_eq!(e.get_url(), None);
        assert!(!e.get_description().unwrap_or("").contains("http"));
    }
    assert!(
        stderr.lines().any(|l| l.starts_with("note: no base_url:")),
        "{stderr}"
    );
}

#[test]
fn the_shipped_timeline_makes_a_calendar_of_its_events() {
    let out = tempfile::tempdir().unwrap();
    let out_s = out.path().join("public");
    let out_s = out_s.to_str().unwrap();
    let (code, _, stderr) = run(
        &["build", REPO, "--output", out_s, "--base-url", BASE],
        Path::new(REPO),
    );
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(out.path().join("public/calendar.ics")).unwrap();
    assert_lines(&text);
    let cal = parse_calendar(&text);
    // The one denied report is left out, and (issue 17) the two meetings
    // with no date yet.
    assert_eq!(events(&cal).len(), 7);
    assert_eq!(text.matches("BEGIN:VEVENT\r\n").count(), 7);
    assert!(
        stderr.contains("calendar.ics leaves out 2 events not dated yet"),
        "{stderr}"
    );

    let json: Value =
        serde_json::from_slice(&std::fs::read(out.path().join("public/timeline.json")).unwrap())
            .unwrap();
    assert_eq!(json["events"].as_array().unwrap().len(), 10);
}

/// The parts of a TimelineJS date object, as sorted `(key, value)` strings.
fn parts(date: &Value) -> Vec<(String, String)> {
    let mut parts: Vec<(String, String)> = date
        .as_object()
        .unwrap_or_else(|| panic!("not a date object: {date}"))
        .iter()
        .map(|(k, v)| {
            let v = v
                .as_str()
                .unwrap_or_else(|| panic!("{k} is not a string: {v}"));
            assert!(v.parse::<i64>().is_ok(), "{k} = {v:?} is not an integer");
            (k.clone(), v.to_string())
        })
        .collect();
    parts.sort();
    parts
}

/// Sorted `(key, value)` strings.
fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut parts: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    parts.sort();
    parts
}

#[test]
fn the_timelinejs_file_has_one_slide_per_event_at_its_precision() {
    let site = fixture();
    build(&site, &["--base-url", BASE]);
    let bytes = std::fs::read(site.join("public/timeline.json")).unwrap();
    let json: Value = serde_json::from_slice(&bytes).expect("timeline.json is JSON");

    let title = &json["title"]["text"];
    assert_eq!(
        title["headline"],
        "Fixture; timeline, with &lt;b&gt;punctuation&lt;/b&gt; &amp; Unicode — Київ"
    );
    assert_eq!(
        title["text"],
        "<p>Everything, at once; &lt;i&gt;really&lt;/i&gt;.</p>"
    );
    assert!(json["title"].get("start_date").is_none());

    let slides = json["events"].as_array().unwrap();
    assert_eq!(slides.len(), fixture_events().len());
    let ids: HashSet<&str> = slides
        .iter()
        .map(|s| s["unique_id"].as_str().expect("a unique_id"))
        .collect();
    assert_eq!(ids.len(), slides.len(), "unique_ids are unique");
    let slide = |id: &str| {
        slides
            .iter()
            .find(|s| s["unique_id"] == id)
            .unwrap_or_else(|| panic!("no slide {id}"))
    };

    assert_eq!(parts(&slide("year")["start_date"]), p(&[("year", "2019")]));
    assert_eq!(
        parts(&slide("month")["start_date"]),
        p(&[("year", "2021"), ("month", "6")]),
        "a month has no day"
    );
    assert_eq!(
        parts(&slide("month-range")["end_date"]),
        p(&[("year", "2025"), ("month", "1")])
    );
    assert_eq!(
        parts(&slide("day-range")["start_date"]),
        p(&[("year", "2025"), ("month", "1"), ("day", "30")])
    );
    assert_eq!(
        parts(&slide("day-range")["end_date"]),
        p(&[("year", "2025"), ("month", "2"), ("day", "2")])
    );
    assert_eq!(
        parts(&slide("instant")["start_date"]),
        p(&[
            ("year", "2025"),
            ("month", "2"),
            ("day", "18"),
            ("hour", "14"),
            ("minute", "30"),
            ("second", "0")
        ]),
        "an instant keeps its own local time"
    );
    assert!(slide("instant").get("end_date").is_none());
    assert_eq!(
        parts(&slide("mixed")["end_date"]),
        p(&[("year", "2025"), ("month", "5"), ("day", "3")])
    );

    assert_eq!(
        slide("day-range")["display_date"],
        "30 January – 2 February 2025"
    );
    assert_eq!(
        slide("instant")["display_date"],
        "18 February 2025, 14:30 UTC+03:00"
    );
    assert_eq!(
        slide("mixed")["display_date"],
        "c. 1 May 2025, 10:00 UTC+03:00 – 3 May 2025"
    );

    assert_eq!(slide("month")["text"]["headline"], "Geneva; talks, again");
    assert_eq!(
        slide("month")["text"]["text"],
        "<p>Talks; in Geneva, a city</p><p><a href=\"https://example.org/t/events/month/\">Read more</a></p>"
    );
    assert_eq!(
        slide("year")["text"]["text"],
        "<p><a href=\"https://example.org/t/events/year/\">Read more</a></p>"
    );
    assert_eq!(slide("day-range")["group"], "war, peace", "the first tag");
    assert!(slide("instant").get("group").is_none(), "no tags, no group");
}

#[test]
fn without_a_base_url_the_timeline_has_no_links() {
    let site = fixture();
    let stderr = build(&site, &[]);
    let text = site.read("public/timeline.json");
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json["events"].as_array().unwrap().len(),
        fixture_events().len()
    );
    assert!(!text.contains("Read more"), "{text}");
    assert!(!text.contains("href"), "{text}");
    assert!(
        stderr.lines().any(|l| l.starts_with("note: no base_url:")),
        "{stderr}"
    );
}

#[test]
fn an_empty_timeline_writes_valid_files() {
    let site = site(&[("content/_index.md", "Nothing yet.\n")]);
    let (code, _, stderr) = site.run(&["build", "--base-url", BASE]);
    if code != 0 {
        // A site needs no events to build; if it refuses, say why.
        panic!("an empty site does not build:\n{stderr}");
    }
    let json: Value = serde_json::from_str(&site.read("public/timeline.json")).unwrap();
    assert_eq!(json["events"], Value::Array(vec![]));
    assert_eq!(json["title"]["text"]["headline"], "Timeline");
    let text = site.read("public/calendar.ics");
    assert_lines(&text);
    let unfolded = icalendar::parser::unfold(&text);
    let raw = icalendar::parser::read_calendar(&unfolded).unwrap();
    assert!(raw.components.is_empty());
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
}
