//! An event's `corrections`: checked where they are written, shown at the
//! foot of the event's page newest first and on the site's corrections
//! page, and carried into every output (Atom `updated`, calendar
//! `SEQUENCE`, JSON-LD `correction`, `events.json`).

mod common;
use common::*;
use serde_json::Value;

const BASE: &str = "https://example.org/t/";

/// A day's meeting with two corrections, written oldest last, and an
/// event without any.
fn corrected_site() -> Site {
    let front = "title: Talks in Riyadh\ndate: 2025-02-18\ncorrections:\n  - date: 2025-02-25\n    note: \"The delegation's size was given as <12>.\"\n  - date: 2025-02-23\n    note: An earlier version gave the date as 19 February.";
    site(&[
        ("content/talks.md", &event(front, "Body.\n")),
        (
            "content/other.md",
            &event("title: Other\ndate: 2025-02-10", ""),
        ),
    ])
}

/// Text of `html` without its tags, newlines dropped.
fn text(html: &str) -> String {
    html.split('<')
        .map(|part| part.split_once('>').map_or(part, |(_, t)| t))
        .collect::<String>()
        .replace('\n', " ")
}

/// The part of `html` from `start` up to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The JSON-LD of an event page.
fn json_ld(page: &str) -> Value {
    let open = "<script type=\"application/ld+json\">";
    let data = between(page, open, "</script>");
    serde_json::from_str(&data[open.len()..]).expect("the JSON-LD parses")
}

#[test]
fn bad_corrections_are_errors_at_their_lines() {
    // The README's example, exactly.
    let front = "title: \"US and Russian delegations meet in Riyadh\"\ndate: 2025-02-18\ncorrections:\n  - date: 2025-02\n    note: \"An earlier version gave the meeting's date as 19 February.\"\n  - notes: \"typo\"\n    date: 2025-02-23\n  - date: 2025-02-30\n    note: x\n  - date: 2025-02-24T10:00:00Z\n    note: [a]\n  - \"just text\"";
    let file = "content/2025-02-18-riyadh-meeting.md";
    let s = site(&[(file, &event(front, ""))]);
    let (code, _, stderr) = s.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    let at = |line: u32, column: u32| format!("{file}:{line}:{column}");
    let p = assert_problem(
        &stderr,
        &at(5, 11),
        &["error: `2025-02` is not a day: a correction is published on a day"],
    );
    assert!(
        p.ends_with("= help: write the day it was published, such as 2025-02-23"),
        "{p}"
    );
    let p = assert_problem(
        &stderr,
        &at(7, 5),
        &["error: unknown key `notes` in a correction"],
    );
    assert!(
        p.ends_with("= help: did you mean `note`? allowed keys in a correction: date, note"),
        "{p}"
    );
    assert_problem(&stderr, &at(7, 5), &["error: `note` is missing"]);
    let p = assert_problem(
        &stderr,
        &at(9, 11),
        &["error: `2025-02-30` is not a date: February 2025 has 28 days"],
    );
    assert!(
        p.ends_with("= help: a correction's date is the day it was published, such as 2025-02-23"),
        "{p}"
    );
    assert_problem(
        &stderr,
        &at(11, 11),
        &["error: `2025-02-24T10:00:00Z` is not a day"],
    );
    assert_problem(
        &stderr,
        &at(12, 11),
        &["error: `note` must be text, but this is a list"],
    );
    let p = assert_problem(
        &stderr,
        &at(13, 5),
        &["error: a correction must be a mapping of `key: value` lines, but this is text"],
    );
    assert!(p.ends_with("= help: allowed keys: date, note"), "{p}");
    assert_eq!(error_count(&stderr), 7, "{stderr}");
    assert_summary(&stderr, 7, 1);

    // One mapping instead of a list, and an entry without a date.
    let s = site(&[(
        "content/a.md",
        &event(
            "title: A\ndate: 2025\ncorrections:\n  date: 2025-02-23\n  note: x",
            "",
        ),
    )]);
    let (_, _, stderr) = s.run(&["check"]);
    let p = assert_problem(
        &stderr,
        "content/a.md:5:3",
        &["error: `corrections` must be a list, but this is a mapping"],
    );
    assert!(
        p.ends_with("= help: write each correction as a list item: `- date: 2025-02-23` then `note: ...` on the next line"),
        "{p}"
    );
    let s = site(&[(
        "content/a.md",
        &event("title: A\ndate: 2025\ncorrections:\n  - note: x", ""),
    )]);
    let (_, _, stderr) = s.run(&["check"]);
    let p = assert_problem(&stderr, "content/a.md:5:5", &["error: `date` is missing"]);
    assert!(p.ends_with("= help: add a line `date: ...`"), "{p}");
}

#[test]
fn good_corrections_build_and_empty_ones_are_none() {
    for front in [
        "title: A\ndate: 2025\ncorrections: []",
        "title: A\ndate: 2025\ncorrections:",
        "title: A\ndate: 2025\ncorrections:\n  - {date: 2025-02-23, note: \"Fixed: a typo.\"}",
    ] {
        let s = site(&[("content/a.md", &event(front, ""))]);
        build_ok(&s, &[]);
    }
    // No correction anywhere: no corrections page, no link to one.
    let s = site(&[("content/a.md", &event("title: A\ndate: 2025", ""))]);
    build_ok(&s, &[]);
    assert!(!s.join("public/corrections").exists());
    assert!(!s.read("public/index.html").contains("corrections/"));
}

#[test]
fn the_event_page_ends_with_its_corrections_newest_first() {
    let s = corrected_site();
    build_ok(&s, &["--base-url", BASE]);
    let page = s.read("public/events/talks/index.html");
    let section = between(&page, "<section class=\"corrections\"", "</section>");
    assert_eq!(
        text(section).trim(),
        "Corrections  Correction, 25 February 2025: The delegation's size was given as <12>. Correction, 23 February 2025: An earlier version gave the date as 19 February."
            .replace("'", "&#39;")
            .replace("<12>", "&lt;12&gt;")
    );
    // Anchors follow the order written, so adding one never moves another.
    assert!(
        section.contains("<li id=\"correction-1\">Correction, <time datetime=\"2025-02-25\">"),
        "{section}"
    );
    assert!(section.contains("<li id=\"correction-2\">"), "{section}");
    // At the foot: after the body and sources, before previous/next.
    let at = |s: &str| page.find(s).unwrap();
    assert!(at("event-body") < at("class=\"corrections\""));
    assert!(at("class=\"corrections\"") < at("class=\"prev-next\""));
    // The first report, with the anchor changes.xml links to.
    assert!(
        page.contains("<p class=\"reported\" id=\"reported\">First reported on <time datetime=\"2025-02-18\">18 February 2025</time>.</p>"),
        "{page}"
    );
    // An event without corrections has no such section.
    let other = s.read("public/events/other/index.html");
    assert!(!other.contains("class=\"corrections\""), "{other}");
}

#[test]
fn the_corrections_page_lists_every_correction_newest_first() {
    let s = corrected_site();
    s.write(
        "content/other.md",
        event(
            "title: Other\ndate: 2025-02-10\ncorrections:\n  - {date: 2025-02-24, note: Middle.}",
            "",
        ),
    );
    build_ok(&s, &["--base-url", BASE]);
    let page = s.read("public/corrections/index.html");
    let list = between(&page, "<ul class=\"corrections-list\">", "</ul>");
    let links: Vec<&str> = list
        .split("<a href=\"")
        .skip(1)
        .map(|l| &l[..l.find('"').unwrap()])
        .collect();
    assert_eq!(
        links,
        [
            "../events/talks/#correction-1",
            "../events/other/#correction-1",
            "../events/talks/#correction-2"
        ]
    );
    assert!(
        text(list).contains("Talks in Riyadh (18 February 2025) Correction, 25 February 2025:"),
        "{list}"
    );
    // Linked from the footer of every page, and in the sitemap.
    assert!(
        s.read("public/index.html")
            .contains("<a href=\"./corrections/\">Corrections</a>")
    );
    assert!(
        s.read("public/sitemap.xml")
            .contains(&format!("<loc>{BASE}corrections/</loc>"))
    );
    // Every link, the anchors included, leads somewhere.
    assert!(check_links(&s.join("public"), "/t/") > 0);
}

#[test]
fn a_corrected_event_is_newer_in_the_feed_calendar_and_json_ld() {
    let s = corrected_site();
    build_ok(&s, &["--base-url", BASE]);
    // Atom: the entry's `updated` is the latest correction's day.
    let atom = s.read("public/atom.xml");
    let entry = between(&atom, "<title>Talks in Riyadh</title>", "</entry>");
    assert!(
        entry.contains("<updated>2025-02-25T00:00:00Z</updated>"),
        "{entry}"
    );
    // Calendar: one version more for each correction.
    let ics = s.read("public/calendar.ics");
    let talks = between(&ics, "UID:talks@", "END:VEVENT");
    assert!(talks.contains("SEQUENCE:2\r\n"), "{talks}");
    let other = between(&ics, "UID:other@", "END:VEVENT");
    assert!(!other.contains("SEQUENCE"), "{other}");

    // JSON-LD: the page carries the corrections as CorrectionComments.
    let ld = json_ld(&s.read("public/events/talks/index.html"));
    assert_eq!(
        ld["mainEntityOfPage"],
        serde_json::json!({
            "@type": "WebPage",
            "correction": [
                {"@type": "CorrectionComment", "datePublished": "2025-02-25", "text": "The delegation's size was given as <12>."},
                {"@type": "CorrectionComment", "datePublished": "2025-02-23", "text": "An earlier version gave the date as 19 February."}
            ],
            "url": format!("{BASE}events/talks/")
        })
    );
    assert_eq!(vocabulary_problems(&ld, "Event"), Vec::<String>::new());
    let plain = json_ld(&s.read("public/events/other/index.html"));
    assert!(plain.get("mainEntityOfPage").is_none(), "{plain}");
    assert_eq!(vocabulary_problems(&plain, "Event"), Vec::<String>::new());
}

/// Where `value`, a schema.org node of type `kind`, uses a property or type
/// the vocabulary does not give it. The part of schema.org (v29) Annals
/// writes: each type's parent, and each property's `domainIncludes`.
fn vocabulary_problems(value: &Value, kind: &str) -> Vec<String> {
    const PARENT: &[(&str, &str)] = &[
        ("Event", "Thing"),
        ("Place", "Thing"),
        ("Person", "Thing"),
        ("Organization", "Thing"),
        ("CreativeWork", "Thing"),
        ("WebPage", "CreativeWork"),
        ("Comment", "CreativeWork"),
        ("CorrectionComment", "Comment"),
    ];
    const DOMAIN: &[(&str, &[&str])] = &[
        ("name", &["Thing"]),
        ("description", &["Thing"]),
        ("url", &["Thing"]),
        ("subjectOf", &["Thing"]),
        ("mainEntityOfPage", &["Thing"]),
        (
            "startDate",
            &[
                "Event",
                "CreativeWorkSeries",
                "EducationalOccupationalProgram",
            ],
        ),
        (
            "endDate",
            &[
                "Event",
                "CreativeWorkSeries",
                "EducationalOccupationalProgram",
            ],
        ),
        ("eventStatus", &["Event"]),
        (
            "location",
            &["Event", "Organization", "Action", "InteractionCounter"],
        ),
        ("author", &["CreativeWork", "Rating"]),
        ("publisher", &["CreativeWork", "PublicationEvent"]),
        ("datePublished", &["CreativeWork"]),
        ("correction", &["CreativeWork"]),
        ("text", &["CreativeWork"]),
    ];
    let is_a = |mut t: &str, wanted: &str| loop {
        if t == wanted {
            return true;
        }
        match PARENT.iter().find(|(c, _)| *c == t) {
            Some((_, p)) => t = p,
            None => return false,
        }
    };
    let mut problems = Vec::new();
    let Some(map) = value.as_object() else {
        return problems;
    };
    let kind = map.get("@type").and_then(Value::as_str).unwrap_or(kind);
    if !PARENT.iter().any(|(c, _)| *c == kind) {
        problems.push(format!("unknown type {kind}"));
    }
    for (key, v) in map {
        if key.starts_with('@') {
            continue;
        }
        match DOMAIN.iter().find(|(p, _)| p == key) {
            Some((_, domains)) if domains.iter().any(|d| is_a(kind, d)) => {}
            Some(_) => problems.push(format!("{key} is not a property of {kind}")),
            None => problems.push(format!("{key} is not a property Annals should write")),
        }
        let items = v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
        for item in &items {
            if item.is_object() {
                problems.extend(vocabulary_problems(item, "Thing"));
            }
        }
    }
    problems
}

#[test]
fn corrections_round_trip_through_events_json() {
    let s = corrected_site();
    build_ok(&s, &[]);
    let json: Value = serde_json::from_str(&s.read("public/events.json")).unwrap();
    assert_eq!(events_json_errors(&json), Vec::<String>::new());
    let talks = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == "talks")
        .unwrap();
    assert_eq!(
        talks["corrections"],
        serde_json::json!([
            {"date": {"value": "2025-02-25", "precision": "day", "text": "25 February 2025"}, "note": "The delegation's size was given as <12>.", "anchor": "correction-1"},
            {"date": {"value": "2025-02-23", "precision": "day", "text": "23 February 2025"}, "note": "An earlier version gave the date as 19 February.", "anchor": "correction-2"}
        ])
    );
    // Back as front matter, in the order of their anchors (the order they
    // were written in), the same corrections come out again.
    let mut back: Vec<&Value> = talks["corrections"].as_array().unwrap().iter().collect();
    back.sort_by_key(|c| c["anchor"].as_str().unwrap().to_string());
    let written: Vec<String> = back
        .iter()
        .map(|c| {
            format!(
                "  - date: {}\n    note: {}",
                c["date"]["value"].as_str().unwrap(),
                c["note"]
            )
        })
        .collect();
    let again = site(&[(
        "content/talks.md",
        &event(
            &format!(
                "title: Talks in Riyadh\ndate: 2025-02-18\ncorrections:\n{}",
                written.join("\n")
            ),
            "Body.\n",
        ),
    )]);
    build_ok(&again, &[]);
    let json2: Value = serde_json::from_str(&again.read("public/events.json")).unwrap();
    assert_eq!(json2["events"][0]["corrections"], talks["corrections"]);
    // The other event has none.
    let other = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == "other");
    assert_eq!(other.unwrap()["corrections"], serde_json::json!([]));
}

#[test]
fn as_of_leaves_out_corrections_published_later() {
    let s = corrected_site();
    build_ok(&s, &["--as-of", "2025-02-24"]);
    let page = s.read("public/events/talks/index.html");
    assert!(!page.contains("25 February 2025"), "{page}");
    assert!(page.contains("<li id=\"correction-2\">"), "{page}");
    let listing = s.read("public/corrections/index.html");
    assert!(listing.contains("#correction-2"), "{listing}");
    assert!(!listing.contains("#correction-1"), "{listing}");
}

#[test]
fn the_status_filter_offers_corrected_events() {
    let s = corrected_site();
    build_ok(&s, &[]);
    let index = s.read("public/index.html");
    assert!(
        index.contains("<option value=\"corrected\">Corrected</option>"),
        "{index}"
    );
    assert!(
        index.contains("data-status=\"happened corrected\""),
        "{index}"
    );
    // Readers see it on the card too, without filtering: once, on the
    // corrected event's card only.
    assert_eq!(
        index
            .matches("<span class=\"corrected\">Corrected</span>")
            .count(),
        1,
        "{index}"
    );
    // A split timeline's index marks the corrected event (the last field).
    s.write("annals.yaml", "timeline:\n  split_threshold: 1\n");
    build_ok(&s, &[]);
    let search: Value = serde_json::from_str(&s.read("public/search.json")).unwrap();
    let flags: Vec<(&str, &Value)> = search["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e[0].as_str().unwrap(), &e[9]))
        .collect();
    assert_eq!(
        flags,
        [("other", &Value::from(0)), ("talks", &Value::from(1))]
    );
}
