//! What each status becomes in the formats that have a word for it:
//! schema.org `eventStatus` in the event pages' JSON-LD and iCalendar
//! `STATUS` in `calendar.ics`. Each says no more than the event file: a
//! denied report is not a cancelled event, and a report or an expectation
//! is not a schedule.

mod common;
use common::*;
use serde_json::Value;

const BASE: &str = "https://example.org/t/";

/// (slug, front matter) of one event per case.
const EVENTS: &[(&str, &str)] = &[
    ("happened", "date: 2025-02-18\nstatus: happened"),
    ("announced", "date: 2025-02-22\nstatus: announced"),
    ("announced-month", "date: 2025-03\nstatus: announced"),
    ("planned-day", "date: 2025-03-10\nstatus: planned"),
    (
        "planned-instant",
        "date: 2025-03-11T10:00:00+03:00\nstatus: planned",
    ),
    ("planned-month", "date: 2025-04\nstatus: planned"),
    (
        "planned-roughly",
        "date: 2025-04-10\napproximate: true\nstatus: planned",
    ),
    ("expected", "date: 2025-02-22\nstatus: expected"),
    (
        "reported",
        "date: 2025-05-01\nstatus: reported\nsummary: \"Talks in Geneva.\"",
    ),
    ("cancelled", "date: 2025-06-01\nstatus: cancelled"),
    ("denied", "date: 2025-05-09\nstatus: denied"),
    ("denied-too", "date: 2025-05-10\nstatus: denied"),
];

fn fixture() -> Site {
    let files: Vec<(String, String)> = EVENTS
        .iter()
        .map(|(slug, front)| {
            (
                format!("content/{slug}.md"),
                event(&format!("title: \"{slug}\"\n{front}"), "Body.\n"),
            )
        })
        .collect();
    site_owned(&files)
}

/// The JSON-LD of an event page.
fn json_ld(site: &Site, slug: &str) -> Value {
    let page = site.read(&format!("public/events/{slug}/index.html"));
    let open = "<script type=\"application/ld+json\">";
    let start = page.find(open).expect("JSON-LD") + open.len();
    let data = &page[start..start + page[start..].find("</script>").unwrap()];
    serde_json::from_str(data).expect("the JSON-LD parses")
}

/// The VEVENT of `slug` in the calendar, unfolded, if it is there.
fn vevent(ics: &str, slug: &str) -> Option<String> {
    let unfolded = ics.replace("\r\n ", "");
    let at = unfolded.find(&format!("UID:{slug}@example.org\r\n"))?;
    let end = unfolded[at..].find("END:VEVENT").unwrap();
    Some(unfolded[at..at + end].to_string())
}

#[test]
fn each_status_says_what_the_formats_can_truthfully_say() {
    let site = fixture();
    let (code, stdout, stderr) = site.run(&["build", "--base-url", BASE]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let ics = site.read("public/calendar.ics");
    let _: icalendar::Calendar = ics.parse().expect("the calendar parses");

    let scheduled = Some("https://schema.org/EventScheduled");
    let cancelled = Some("https://schema.org/EventCancelled");
    // slug, eventStatus, calendar STATUS (None: left out of the calendar)
    let expected: &[(&str, Option<&str>, Option<&str>)] = &[
        ("happened", scheduled, Some("CONFIRMED")),
        ("announced", scheduled, Some("CONFIRMED")),
        ("announced-month", None, Some("TENTATIVE")),
        ("planned-day", scheduled, Some("CONFIRMED")),
        ("planned-instant", scheduled, Some("CONFIRMED")),
        ("planned-month", None, Some("TENTATIVE")),
        ("planned-roughly", None, Some("TENTATIVE")),
        ("expected", None, Some("TENTATIVE")),
        ("reported", None, Some("TENTATIVE")),
        ("cancelled", cancelled, Some("CANCELLED")),
        ("denied", None, None),
        ("denied-too", None, None),
    ];
    assert_eq!(expected.len(), EVENTS.len());
    for &(slug, event_status, status) in expected {
        let ld = json_ld(&site, slug);
        assert_eq!(
            ld["eventStatus"].as_str(),
            event_status,
            "eventStatus of {slug}"
        );
        let found = vevent(&ics, slug);
        match status {
            Some(status) => {
                let v = found.unwrap_or_else(|| panic!("{slug} is not in the calendar"));
                assert!(
                    v.contains(&format!("\r\nSTATUS:{status}\r\n")),
                    "{slug} is not {status}:\n{v}"
                );
            }
            None => assert!(found.is_none(), "{slug} is in the calendar:\n{ics}"),
        }
    }
    // Left out, and nothing in the file refers to them.
    assert!(!ics.contains("denied"), "{ics}");

    // What the calendar cannot say in STATUS, its description says first.
    let description = |slug: &str| {
        let v = vevent(&ics, slug).unwrap();
        let line = v
            .lines()
            .find(|l| l.starts_with("DESCRIPTION:"))
            .unwrap()
            .to_string();
        line["DESCRIPTION:".len()..].to_string()
    };
    assert!(
        description("reported").starts_with("Reported\\, not confirmed.\\n\\nTalks in Geneva."),
        "{}",
        description("reported")
    );
    assert!(description("expected").starts_with("Expected\\, not confirmed."));
    assert!(description("announced-month").starts_with("Announced\\, not confirmed."));
    assert!(description("planned-month").starts_with("Planned\\, not confirmed."));

    // The build says what it left out.
    assert!(
        stderr
            .lines()
            .any(|l| l == "note: calendar.ics leaves out 2 denied reports"),
        "{stderr}"
    );
}

#[test]
fn one_denied_report_is_counted_in_the_singular_and_none_is_not_mentioned() {
    let site = site(&[(
        "content/d.md",
        &event("title: d\ndate: 2025-05-09\nstatus: denied", ""),
    )]);
    let (code, stdout, stderr) = site.run(&["build", "--base-url", BASE]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l == "note: calendar.ics leaves out 1 denied report"),
        "{stderr}"
    );
    assert!(!site.read("public/calendar.ics").contains("BEGIN:VEVENT"));
    // The other formats keep it, saying what it is.
    assert!(site.read("public/atom.xml").contains("(Denied)"));
    assert!(
        site.read("public/events.json")
            .contains("\"status\":\"denied\"")
    );

    site.write(
        "content/d.md",
        event("title: d\ndate: 2025-05-09\nstatus: cancelled", ""),
    );
    let (code, stdout, stderr) = site.run(&["build", "--base-url", BASE]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stderr.contains("denied"), "{stderr}");
}
