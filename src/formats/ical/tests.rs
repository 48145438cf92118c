//! Tests of `ical`.

use super::*;
use crate::source::event::parse_event;
use std::path::Path;

fn event(front: &str) -> Event {
    parse_event(Path::new("content/e.md"), &format!("---\n{front}\n---\n")).unwrap()
}

fn folded(line: &str) -> String {
    let mut out = String::new();
    fold(&mut out, line);
    out
}

#[test]
fn escapes_text() {
    assert_eq!(
        text("a\\b; c, d\ne\r\nf\rg\u{1}\th"),
        "a\\\\b\\; c\\, d\\ne\\nf\\ng\th"
    );
    assert_eq!(text("Київ — “talks”"), "Київ — “talks”");
}

#[test]
fn short_lines_are_not_folded() {
    assert_eq!(folded("SUMMARY:short"), "SUMMARY:short\r\n");
    let exact = format!("SUMMARY:{}", "x".repeat(MAX_LINE - 8));
    assert_eq!(folded(&exact), format!("{exact}\r\n"));
}

#[test]
fn folds_at_75_octets() {
    let line = format!("DESCRIPTION:{}", "abcdefghij".repeat(20));
    let out = folded(&line);
    let lines: Vec<&str> = out.split_terminator("\r\n").collect();
    assert!(lines.len() > 2);
    assert_eq!(lines[0].len(), 75);
    for l in &lines[1..] {
        assert!(l.starts_with(' ') && l.len() <= 75, "{l:?}");
    }
    assert_eq!(lines[1].len(), 75);
    assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
}

#[test]
fn never_splits_a_character_at_the_fold() {
    // "SUMMARY:" is 8 octets; 66 more make 74, so the 4-octet emoji
    // would end at octet 78: it moves whole to the next line.
    let line = format!("SUMMARY:{}🗓️ and more", "x".repeat(66));
    let out = folded(&line);
    let lines: Vec<&str> = out.split_terminator("\r\n").collect();
    assert_eq!(lines[0].len(), 74, "{lines:?}");
    assert!(lines[1].starts_with(" 🗓"), "{lines:?}");
    for l in &lines {
        assert!(l.len() <= MAX_LINE);
    }
    assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));

    // Every offset of multi-octet text folds on character boundaries.
    for pad in 0..8 {
        let line = format!("X:{}{}", "y".repeat(pad), "ж😀€".repeat(40));
        let out = folded(&line);
        for l in out.split_terminator("\r\n") {
            assert!(l.len() <= MAX_LINE, "{l:?}");
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }
}

#[test]
fn days_and_ranges_are_all_day_with_an_exclusive_end() {
    let day = |front| match span(&event(front)) {
        Span::Days { start, end } => (date_value(start), date_value(end)),
        other => panic!("{other:?}"),
    };
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(day("title: x\ndate: 2025-02-18"), s("20250218", "20250219"));
    assert_eq!(
        day("title: x\ndate: 2025-01-30\nend: 2025-02-02"),
        s("20250130", "20250203")
    );
    assert_eq!(
        day("title: x\ndate: 2024-02-28\nend: 2024-02-29"),
        s("20240228", "20240301")
    );
    assert_eq!(day("title: x\ndate: 2021-06"), s("20210601", "20210701"));
    assert_eq!(
        day("title: x\ndate: 2024-12\nend: 2025-01"),
        s("20241201", "20250201")
    );
    assert_eq!(day("title: x\ndate: 2021"), s("20210101", "20220101"));
    assert_eq!(
        day("title: x\ndate: 2021-06\nend: 2021"),
        s("20210601", "20220101")
    );
    assert_eq!(
        day("title: x\ndate: 2021-06-15\nend: 2021-06"),
        s("20210615", "20210701")
    );
    assert_eq!(day("title: x\ndate: 2024-12-31"), s("20241231", "20250101"));
    assert_eq!(
        day("title: x\ndate: 9999-12-31"),
        s("99991231", "100000101")
    );
    assert_eq!(
        days_from_civil(10000, 1, 1) - days_from_civil(9999, 1, 1),
        365
    );
    assert_eq!(civil_from_days(days_from_civil(2025, 2, 18)), (2025, 2, 18));
    // An instant with a day end: both as days, the instant on its own
    // local date.
    assert_eq!(
        day("title: x\ndate: 2025-02-18T23:30:00-05:00\nend: 2025-02-20"),
        s("20250218", "20250221")
    );
}

#[test]
fn instants_are_utc() {
    let e = event("title: x\ndate: 2025-02-18T14:30:00+03:00");
    assert_eq!(
        span(&e),
        Span::Instant {
            start: "20250218T113000Z".into(),
            end: None
        }
    );
    let e = event("title: x\ndate: 2025-02-18T23:30:00-05:00\nend: 2025-02-19T09:00:00+03:00");
    assert_eq!(
        span(&e),
        Span::Instant {
            start: "20250219T043000Z".into(),
            end: Some("20250219T060000Z".into())
        }
    );
    // An end instant before the start is refused when the file is read.
    let text = "---\ntitle: x\ndate: 2025-02-18T14:00:00Z\nend: 2025-02-18T10:00:00Z\n---\n";
    assert!(parse_event(Path::new("content/e.md"), text).is_err());
    assert_eq!(utc_stamp(-1), "19691231T235959Z");
}

/// The date note of the event with front matter `front`.
fn note(front: &str) -> Option<String> {
    let e = event(front);
    date_note(&e, &span(&e), &crate::date::LocalDates::english())
}

#[test]
fn notes_dates_the_calendar_cannot_say() {
    assert_eq!(
        note("title: x\ndate: 2021-06").as_deref(),
        Some("Date known only to the month: June 2021.")
    );
    assert_eq!(
        note("title: x\ndate: 2021").as_deref(),
        Some("Date known only to the year: 2021.")
    );
    assert_eq!(
        note("title: x\ndate: 2024-12\nend: 2025-01\napproximate: true").as_deref(),
        Some("Dates known only to the month: c. December 2024 – January 2025.")
    );
    assert_eq!(
        note("title: x\ndate: 2021\nend: 2021-06-15").as_deref(),
        Some("Dates known only in part: 2021 – 15 June 2021.")
    );
    assert_eq!(
        note("title: x\ndate: 2025-02-18\napproximate: true").as_deref(),
        Some("Approximate date: c. 18 February 2025.")
    );
    assert_eq!(
        note("title: x\ndate: 2025-02-18T14:30:00+03:00\nend: 2025-02-19").as_deref(),
        Some("Dates as given: 18 February 2025, 14:30 UTC+03:00 – 19 February 2025.")
    );
    assert_eq!(note("title: x\ndate: 2025-02-18"), None);
    assert_eq!(note("title: x\ndate: 2025-02-18T14:30:00+03:00"), None);
}

#[test]
fn decades_and_qualified_dates_say_what_they_are() {
    let e = event("title: x\ndate: 201X");
    let span = span(&e);
    assert_eq!(
        span,
        Span::Days {
            start: (2010, 1, 1),
            end: (2020, 1, 1)
        }
    );
    assert_eq!(
        date_note(&e, &span, &crate::date::LocalDates::english()).as_deref(),
        Some("Date known only to the decade: 2010s.")
    );
    assert_eq!(
        note("title: x\ndate: 2025-02-18?").as_deref(),
        Some("Uncertain date: 18 February 2025?.")
    );
    assert_eq!(
        note("title: x\ndate: 2025-02-17%/2025-02-21%").as_deref(),
        Some("Approximate and uncertain dates: c. 17–21 February 2025?.")
    );
}

#[test]
fn events_without_a_span_are_counted_out() {
    use crate::model::site::assemble;
    use crate::source::content::Content;
    let events = [
        "title: a\ndate: 2025-02-18",
        "title: b\ndate: 2025-02-18/..",
        "title: c\ndate: 2025-02-18/",
        "title: d\nstatus: planned\nreported_on: 2025-02-18",
        "title: e\ndate: 2025-02-18\nstatus: denied",
        "title: f\ndate: 2025-02-18/..\nstatus: denied",
    ]
    .map(|front| {
        let file = format!("content/{}.md", &front[7..8]);
        parse_event(Path::new(&file), &format!("---\n{front}\n---\n")).unwrap()
    });
    let content = Content {
        events: events.iter().cloned().map(std::sync::Arc::new).collect(),
        ..Content::default()
    };
    let site = assemble(crate::source::config::Config::default(), content).unwrap();
    let bodies: Vec<std::sync::Arc<str>> = vec!["".into(); 6];
    let input = Inputs {
        site: &site,
        bodies: &bodies,
        descriptions: &[],
        base: None,
        prefix: String::new(),
        date_words: crate::language::Words::english().date_words(),
    };
    let (page, left_out) = calendar(&input);
    assert_eq!(
        left_out,
        LeftOut {
            denied: 2,
            open: 2,
            undated: 1
        }
    );
    let text = String::from_utf8(page.bytes).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    assert!(text.contains("UID:a@annals.invalid"), "{text}");
}
