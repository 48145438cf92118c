//! Dates that say how much is known — the forms of the Extended
//! Date/Time Format (EDTF, level 1) that `date` and `end` take, and events
//! not dated yet — through a whole build: the wording on the pages and in
//! every file, the machine-readable dates, the one time order, what the
//! calendar leaves out, `events.json` round trips against its schema, and
//! every bad form refused at its file, line and column.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

const BASE: &str = "https://example.org/t/";

/// `(slug, front matter, wording)`: one event per form, in file order.
const EVENTS: &[(&str, &str, &str)] = &[
    ("approx-year", "date: 2022~", "c. 2022"),
    ("approx-month", "date: 2022-02~", "c. February 2022"),
    ("approx-day", "date: 2022-02-24~", "c. 24 February 2022"),
    (
        "approx-flag",
        "date: 2022-02-24\napproximate: true",
        "c. 24 February 2022",
    ),
    ("uncertain", "date: 2025-05?\nstatus: expected", "May 2025?"),
    ("both", "date: 2025-05%\nstatus: expected", "c. May 2025?"),
    ("decade", "date: 201X", "2010s"),
    (
        "range",
        "date: 2025-02-17/2025-02-21",
        "17–21 February 2025",
    ),
    (
        "range-keys",
        "date: 2025-02-17\nend: 2025-02-21",
        "17–21 February 2025",
    ),
    ("open", "date: 2025-02-22/..", "since 22 February 2025"),
    ("unknown-end", "date: 2025-02-22/", "22 February 2025 – ?"),
    (
        "undated",
        "status: planned\nreported_on: 2025-02-20",
        "Date not set",
    ),
    (
        "undated-source",
        "status: reported\nsources:\n  - title: A report\n    url: https://example.org/r\n    date: 2025-02-19",
        "Date not set",
    ),
    ("plain", "date: 2025-02-20", "20 February 2025"),
];

fn fixture() -> Site {
    let files: Vec<(String, String)> = EVENTS
        .iter()
        .map(|(slug, front, _)| {
            (
                format!("content/{slug}.md"),
                event(&format!("title: \"{slug}\"\n{front}"), "Body.\n"),
            )
        })
        .collect();
    site_owned(&files)
}

fn json(site: &Site, file: &str) -> Value {
    serde_json::from_str(&site.read(&format!("public/{file}"))).expect("the file is JSON")
}

/// The item of `list` whose `key` is `slug`.
fn by<'a>(list: &'a Value, key: &str, slug: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e[key] == slug)
        .unwrap_or_else(|| panic!("no {slug}"))
}

/// The JSON-LD of an event's page.
fn json_ld(site: &Site, slug: &str) -> Value {
    let page = site.read(&format!("public/events/{slug}/index.html"));
    let open = "<script type=\"application/ld+json\">";
    let start = page.find(open).expect("JSON-LD") + open.len();
    serde_json::from_str(&page[start..start + page[start..].find("</script>").unwrap()]).unwrap()
}

#[test]
fn every_form_says_the_same_on_every_page_and_in_every_file() {
    let site = fixture();
    build_ok(&site, &["--base-url", BASE, "--output", "public"]);
    let events = json(&site, "events.json");
    let timeline = json(&site, "timeline.json");
    let atom = site.read("public/atom.xml");
    let index = site.read("public/index.html");
    for (slug, _, wording) in EVENTS {
        assert_eq!(
            by(&events["events"], "slug", slug)["when"],
            *wording,
            "{slug}"
        );
        assert_eq!(
            by(&timeline["events"], "unique_id", slug)["display_date"],
            *wording,
            "{slug}"
        );
        assert!(
            atom.contains(&format!("<summary>{wording} (")),
            "{slug}: {wording}"
        );
        let page = site.read(&format!("public/events/{slug}/index.html"));
        let meta = page
            .split("<p class=\"event-meta\">")
            .nth(1)
            .and_then(|m| m.split(" <span class=\"status").next())
            .unwrap();
        assert_eq!(strip_tags(meta), *wording, "{slug}: {meta}");
        assert!(
            index.contains(meta),
            "{slug}: the card says what the page says"
        );
    }
    // The filters of a split timeline search the same words.
    let split = fixture();
    split.write("annals.yaml", "timeline:\n  split_threshold: 3\n");
    build_ok(&split, &[]);
    let search = json(&split, "search.json");
    for (slug, _, wording) in EVENTS {
        let entry = search["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e[0] == *slug)
            .unwrap();
        assert_eq!(entry[2], *wording, "{slug}");
    }
}

/// Text without its tags.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn machines_are_given_the_known_part() {
    let site = fixture();
    build_ok(&site, &["--base-url", BASE]);
    let page = |slug: &str| site.read(&format!("public/events/{slug}/index.html"));
    for (slug, meta) in [
        (
            "both",
            "c. <time datetime=\"2025-05\">May 2025</time>? <span",
        ),
        (
            "open",
            "since <time datetime=\"2025-02-22\">22 February 2025</time> <span",
        ),
        (
            "unknown-end",
            "<time datetime=\"2025-02-22\">22 February 2025</time> – ? <span",
        ),
        // No `datetime` value says "some year of the 2010s".
        ("decade", "<p class=\"event-meta\">2010s <span"),
        ("undated", "<p class=\"event-meta\">Date not set <span"),
    ] {
        assert!(page(slug).contains(meta), "{slug}: {meta}\n{}", page(slug));
    }
    for slug in ["decade", "undated"] {
        let p = page(slug);
        let meta = &p[p.find("event-meta").unwrap()..];
        assert!(
            !meta[..meta.find("</p>").unwrap()].contains("<time"),
            "{slug}"
        );
    }

    // JSON-LD: startDate at its known precision, none without one.
    for (slug, start, end) in [
        ("approx-month", Some("2022-02"), None),
        ("range", Some("2025-02-17"), Some("2025-02-21")),
        ("open", Some("2025-02-22"), None),
        ("unknown-end", Some("2025-02-22"), None),
        ("decade", None, None),
        ("undated", None, None),
    ] {
        let ld = json_ld(&site, slug);
        assert_eq!(ld["startDate"].as_str(), start, "{slug}");
        assert_eq!(ld["endDate"].as_str(), end, "{slug}");
    }
    // An event not dated yet is not scheduled, whatever its status says.
    assert!(json_ld(&site, "undated").get("eventStatus").is_none());

    // TimelineJS needs a start: an undated event's is its reported_on.
    let timeline = json(&site, "timeline.json");
    let slide = |slug| by(&timeline["events"], "unique_id", slug).clone();
    assert_eq!(
        slide("undated")["start_date"],
        serde_json::json!({"year": "2025", "month": "2", "day": "20"})
    );
    assert_eq!(
        slide("decade")["start_date"],
        serde_json::json!({"year": "2010"})
    );
    assert!(slide("open").get("end_date").is_none());
    assert_eq!(
        slide("range")["end_date"],
        serde_json::json!({"year": "2025", "month": "2", "day": "21"})
    );
}

#[test]
fn one_time_order_everywhere() {
    let site = fixture();
    build_ok(&site, &["--base-url", BASE]);
    // By start, the coarser first; an event not dated yet at its
    // reported_on (undated-source at its source's 19 February, undated at
    // the 20th after the dated event there); ties in file (path) order.
    let expected = [
        "decade",
        "approx-year",
        "approx-month",
        "approx-day",
        "approx-flag",
        "range-keys",
        "range",
        "undated-source",
        "plain",
        "undated",
        "open",
        "unknown-end",
        "both",
        "uncertain",
    ];
    let events = json(&site, "events.json");
    let order: Vec<&str> = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["slug"].as_str().unwrap())
        .collect();
    assert_eq!(order, expected);
    let timeline = json(&site, "timeline.json");
    let slides: Vec<&str> = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["unique_id"].as_str().unwrap())
        .collect();
    assert_eq!(slides, expected);
    // The timeline page lists them so, under the headings they belong to.
    let index = site.read("public/index.html");
    let mut last = 0;
    for slug in &expected {
        let at = index
            .find(&format!("href=\"./events/{slug}/\""))
            .unwrap_or_else(|| panic!("{slug} is not on the timeline"));
        assert!(at > last, "{slug} is out of order");
        last = at;
    }
    let heading = |id: &str| index.find(&format!("id=\"{id}\"")).unwrap();
    assert!(heading("y2010s") < index.find("./events/decade/").unwrap());
    assert!(index.contains("Some time in the 2010s"));
    assert!(heading("y2025-02") < index.find("./events/undated/").unwrap());
    // The feed is the same order, newest first.
    let atom = site.read("public/atom.xml");
    let entries: Vec<&str> = atom
        .split("<id>")
        .skip(2)
        .map(|s| s.split("</id>").next().unwrap())
        .map(|id| {
            id.trim_start_matches(&format!("{BASE}events/"))
                .trim_end_matches('/')
        })
        .collect();
    let newest: Vec<&str> = expected.iter().rev().copied().collect();
    assert_eq!(entries, newest);
}

#[test]
fn the_calendar_leaves_out_what_it_cannot_place_and_says_so() {
    let site = fixture();
    let stderr = build_ok(&site, &["--base-url", BASE]);
    let notes: Vec<&str> = stderr.lines().filter(|l| l.starts_with("note:")).collect();
    assert_eq!(
        notes,
        ["note: calendar.ics leaves out 2 events with no known end and 2 events not dated yet"]
    );
    let ics = site.read("public/calendar.ics").replace("\r\n ", "");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), EVENTS.len() - 4);
    for slug in ["open", "unknown-end", "undated", "undated-source"] {
        assert!(!ics.contains(&format!("UID:{slug}@")), "{slug}");
    }
    assert!(
        ics.contains("Date known only to the decade: 2010s."),
        "{ics}"
    );
    assert!(ics.contains("Date known only to the month: c. May 2025?."));
    assert!(ics.contains("UID:decade@example.org\r\nDTSTAMP:"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20100101\r\nDTEND;VALUE=DATE:20200101\r\n"));

    // One of each: the note says so in the singular.
    let one = site_owned(&[
        ("content/a.md".into(), event("title: a\ndate: 2025/..", "")),
        (
            "content/b.md".into(),
            event("title: b\nstatus: expected\nreported_on: 2025", ""),
        ),
        (
            "content/c.md".into(),
            event("title: c\ndate: 2025\nstatus: denied", ""),
        ),
    ]);
    let stderr = build_ok(&one, &["--base-url", BASE]);
    let notes: Vec<&str> = stderr.lines().filter(|l| l.starts_with("note:")).collect();
    assert_eq!(
        notes,
        [
            "note: calendar.ics leaves out 1 denied report",
            "note: calendar.ics leaves out 1 event with no known end and 1 event not dated yet"
        ]
    );
}

#[test]
fn events_json_carries_the_exact_form_and_it_round_trips() {
    let site = fixture();
    build_ok(&site, &[]);
    let data = json(&site, "events.json");
    let errors = events_json_errors(&data);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(data["version"], 2);

    for (slug, front, _) in EVENTS {
        let e = by(&data["events"], "slug", slug);
        let file = format!("content/{slug}.md");
        let parsed = annals::source::event::parse_event(
            Path::new(&file),
            &event(&format!("title: x\n{front}"), ""),
        )
        .unwrap();
        // The EDTF string reads back as the dates the file gave.
        match &parsed.dates {
            Some(dates) => {
                let edtf = e["edtf"].as_str().unwrap();
                assert_eq!(
                    annals::date::Dates::parse(edtf).as_ref(),
                    Ok(dates),
                    "{slug}"
                );
            }
            None => assert!(e["edtf"].is_null(), "{slug}"),
        }
        assert_eq!(
            e["reported_on"]["value"].as_str(),
            parsed.reported_on.map(|d| d.machine()).as_deref(),
            "{slug}"
        );
    }
    let e = |slug| by(&data["events"], "slug", slug).clone();
    let fields = |slug| {
        let e = e(slug);
        (
            e["edtf"].clone(),
            e["date"]["value"].clone(),
            e["end"]["value"].clone(),
            e["precision"].clone(),
            e["approximate"].clone(),
            e["uncertain"].clone(),
            e["end_open"].clone(),
            e["end_unknown"].clone(),
        )
    };
    use serde_json::json;
    let n = Value::Null;
    assert_eq!(
        fields("approx-flag"),
        (
            json!("2022-02-24~"),
            json!("2022-02-24"),
            n.clone(),
            json!("day"),
            json!(true),
            json!(false),
            json!(false),
            json!(false)
        )
    );
    assert_eq!(
        fields("both"),
        (
            json!("2025-05%"),
            json!("2025-05"),
            n.clone(),
            json!("month"),
            json!(true),
            json!(true),
            json!(false),
            json!(false)
        )
    );
    assert_eq!(
        fields("decade"),
        (
            json!("201X"),
            json!("201X"),
            n.clone(),
            json!("decade"),
            json!(false),
            json!(false),
            json!(false),
            json!(false)
        )
    );
    assert_eq!(
        fields("range-keys"),
        (
            json!("2025-02-17/2025-02-21"),
            json!("2025-02-17"),
            json!("2025-02-21"),
            json!("day"),
            json!(false),
            json!(false),
            json!(false),
            json!(false)
        )
    );
    assert_eq!(
        fields("open"),
        (
            json!("2025-02-22/.."),
            json!("2025-02-22"),
            n.clone(),
            json!("day"),
            json!(false),
            json!(false),
            json!(true),
            json!(false)
        )
    );
    assert_eq!(
        fields("unknown-end"),
        (
            json!("2025-02-22/"),
            json!("2025-02-22"),
            n.clone(),
            json!("day"),
            json!(false),
            json!(false),
            json!(false),
            json!(true)
        )
    );
    assert_eq!(
        fields("undated"),
        (
            n.clone(),
            n.clone(),
            n.clone(),
            n.clone(),
            json!(false),
            json!(false),
            json!(false),
            json!(false)
        )
    );
    assert_eq!(e("decade")["date"]["text"], "2010s");
    assert_eq!(e("undated-source")["reported_on"]["value"], "2025-02-19");
    assert_eq!(e("plain")["reported_on"]["value"], "2025-02-20");

    // The schema refuses what no build writes.
    for (key, value) in [
        ("edtf", json!("~2022")),
        ("edtf", json!("2025/2026/2027")),
        ("precision", json!("week")),
    ] {
        let mut broken = data.clone();
        broken["events"][0][key] = value;
        assert!(!events_json_errors(&broken).is_empty(), "{key}");
    }
}

/// `check` of a site with one good event and `content/bad.md`: the one
/// problem, at `location`, with every one of `words`, and the accepted
/// forms named in its help.
fn refused(front: &str, location: &str, words: &[&str]) {
    let site = site(&[
        ("content/good.md", "---\ntitle: Good\ndate: 2020\n---\n"),
        ("content/bad.md", &event(front, "")),
    ]);
    let (code, stdout, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{front}\n{stdout}{stderr}");
    let problem = assert_problem(&stderr, location, words);
    assert_summary(&stderr, 1, 1);
    if words.iter().any(|w| {
        w.contains("not a date") || w.contains("before it starts") || w.contains("qualifier")
    }) {
        assert!(
            problem.contains("= help: `date` takes a year (2021), a month (2021-06), a day (2025-02-18) or a date-time with offset (2025-02-18T14:30:00+03:00), each optionally followed by ~ (approximate: 2022~), ? (uncertain: 2025-05?) or % (both); a decade (201X); and, in `date` only, a range (2025-02-17/2025-02-21), an open-ended one (2025-02-22/..) or one whose end is unknown (2025-02-22/)"),
            "{problem}"
        );
    }
}

#[test]
fn bad_forms_are_refused_where_they_are_written() {
    refused(
        "title: x\ndate: 2025-13",
        "content/bad.md:3:7",
        &["error: `2025-13` is not a date: there is no month 13"],
    );
    refused(
        "title: x\ndate: 2025-02-30?",
        "content/bad.md:3:7",
        &["error: `2025-02-30?` is not a date: February 2025 has 28 days"],
    );
    refused(
        "title: x\ndate: 2025/2024",
        "content/bad.md:3:7",
        &["error: `2025/2024` ends (2024) before it starts (2025)"],
    );
    refused(
        "title: x\ndate: ~2022",
        "content/bad.md:3:7",
        &[
            "error: `~2022` has `~` inside or before the date: a qualifier goes once, after the whole date, as in `2022~`",
        ],
    );
    refused(
        "title: x\ndate: 2022~?~",
        "content/bad.md:3:7",
        &[
            "error: `2022~?~` has more than one qualifier (`~?~`): write one, after the date: ~ (approximate), ? (uncertain) or % (both)",
        ],
    );
    refused(
        "title: x\nstatus: happened\nsummary: No date.",
        "content/bad.md:2:1",
        &[
            "error: `date` is missing: a happened event needs a date",
            "only an announced, planned, expected or reported event may leave `date` out",
        ],
    );
    refused(
        "title: x\nstatus: planned",
        "content/bad.md:3:9",
        &[
            "error: this planned event has no date, and nothing says when it became known",
            "add `reported_on: 2025-02-22` (the day it first became known), a `history`, or a source with a `date`",
        ],
    );
    refused(
        "title: x\ndate: 20XX",
        "content/bad.md:3:7",
        &["the only unspecified digit it reads is the last of a year, as in `201X`"],
    );
    refused(
        "title: x\ndate: 2025\nend: 2025-02-22/..",
        "content/bad.md:4:6",
        &["error: `2025-02-22/..` is a range, but `end` takes one date"],
    );
    refused(
        "title: x\ndate: 2025-02-17/2025-02-21\nend: 2025-02-22",
        "content/bad.md:4:6",
        &["error: the end is given twice"],
    );
    refused(
        "title: x\ndate: 2025\nreported_on: 2025-02~",
        "content/bad.md:4:14",
        &[
            "`reported_on` takes a year (2021), a month (2021-06), a day (2025-02-18) or a date-time with offset",
        ],
    );
}

/// A theme written before events could be undated reads `date.human` and
/// `date.machine` of every event: an undated one gives "Date not set" and
/// no machine date, instead of stopping the build; `dated` tells them apart.
#[test]
fn a_theme_that_reads_every_events_date_still_builds() {
    let site = fixture();
    site.write(
        "templates/event.html",
        "<!DOCTYPE html><html lang=\"en\"><title>{{ event.title }}</title>\
         <p id=\"d\">{{ event.date.human }}|{{ event.date.machine }}|{{ event.dated }}</p>",
    );
    build_ok(&site, &[]);
    let shown = |slug: &str| {
        let page = site.read(&format!("public/events/{slug}/index.html"));
        let at = page.find("<p id=\"d\">").unwrap() + 10;
        page[at..at + page[at..].find("</p>").unwrap()].to_string()
    };
    assert_eq!(shown("undated"), "Date not set||false");
    assert_eq!(shown("plain"), "20 February 2025|2025-02-20|true");
    assert_eq!(shown("decade"), "2010s||true");
}
