//! Tests of `event`.

use super::*;

fn parse(text: &str) -> Result<Event, Vec<Diagnostic>> {
    parse_event(Path::new("content/2025-02-18-riyadh.md"), text)
}

fn problems(text: &str) -> Vec<(usize, usize, String)> {
    let mut p: Vec<_> = parse(text)
        .unwrap_err()
        .into_iter()
        .map(|d| (d.line, d.column, d.message))
        .collect();
    p.sort();
    p
}

#[test]
fn reads_a_full_event() {
    let e = parse(
        "\u{feff}---\r\ntitle: \"Riyadh: talks\"\r\ndate: 2025-02-18\r\nend: 2025-02-19\r\napproximate: true\r\nstatus: reported\r\nsummary: One line.\r\nactors: [Marco Rubio, Mike Waltz, Marco Rubio]\r\nplaces:\r\n  - Riyadh\r\ntags: [diplomacy]\r\nsources:\r\n  - title: Article\r\n    url: https://example.org/a\r\n    publisher: The Epoch Times\r\n    author: Ryan Morgan\r\n    date: 2025-02-22\r\nrelated: [geneva]\r\n---\r\nBody *text*.\r\n",
    )
    .unwrap();
    assert_eq!(e.slug, "2025-02-18-riyadh");
    assert_eq!(e.title, "Riyadh: talks");
    assert_eq!(e.dates.unwrap().edtf(), "2025-02-18~/2025-02-19~");
    assert_eq!(e.status, Status::Reported);
    assert_eq!(e.actors, ["Marco Rubio", "Mike Waltz"]);
    assert_eq!(e.places, ["Riyadh"]);
    assert_eq!(e.sources[0].publisher.as_deref(), Some("The Epoch Times"));
    assert_eq!(e.related[0].value, "geneva");
    assert_eq!((e.related[0].line, e.related[0].column), (18, 11));
    assert_eq!(e.body, "Body *text*.\r\n");
}

#[test]
fn reports_every_problem_of_a_file_at_its_line() {
    let found = problems(
        "---\ntitel: x\ndate: 2025-13-45\nstatus: happend\napproximate: maybe\ntags: a, b\nslug: ../../etc\nsources:\n  - title: A\n    url: javascript:alert(1)\n  - url: https://x.org\n---\n",
    );
    let places: Vec<(usize, usize)> = found.iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(
        places,
        [
            (2, 1),
            (2, 1),
            (3, 7),
            (4, 9),
            (5, 14),
            (6, 7),
            (7, 7),
            (10, 10),
            (11, 5)
        ],
        "{found:#?}"
    );
    assert!(found[0].2.contains("titel") || found[1].2.contains("titel"));
}

#[test]
fn refuses_broken_files_without_panicking() {
    for (text, message) in [
        ("", "empty"),
        ("title: x\n", "no front matter"),
        ("---\ntitle: x\n", "never closed"),
        ("---\n---\n", "empty"),
        ("---\n- a\n- b\n---\n", "mapping"),
        ("---\ntitle: \"x\ndate: 2021\n---\n", "invalid YAML"),
        ("---\ntitle: x\ntitle: y\ndate: 2021\n---\n", "twice"),
        (
            "---\ntitle: x\ndate: 2022\nend: 2021\n---\n",
            "before it starts",
        ),
        ("---\ntitle: [a]\ndate: 2021\n---\n", "must be text"),
        ("---\ntitle: x\ndate: 2021\n---\n---\n", ""),
    ] {
        let result = parse(text);
        if message.is_empty() {
            assert!(result.is_ok(), "{text:?}: {result:?}");
        } else {
            let errors = result.unwrap_err();
            assert!(
                errors.iter().any(|d| d.message.contains(message)),
                "{text:?}: {errors:#?}"
            );
        }
    }
}

#[test]
fn a_yaml_syntax_error_is_placed_in_the_file() {
    let found = problems("---\ntitle: x\ndate: 2021\ntags: [a, b\nplaces: [c]\n---\n");
    assert_eq!((found[0].0, found[0].1), (4, 7), "{found:#?}");
    assert_eq!(
        found.len(),
        1,
        "nothing more is reported after a syntax error: {found:#?}"
    );
}

#[test]
fn a_file_stem_becomes_a_slug() {
    let e = parse_event(
        Path::new("content/Talks in Київ.md"),
        "---\ntitle: x\ndate: 2021\n---\n",
    )
    .unwrap();
    assert_eq!(e.slug, "talks-in-kiyiv");
}

fn front(lines: &str) -> String {
    format!("---\ntitle: x\n{lines}\n---\n")
}

/// The help of the first problem of `text`.
fn first_help(text: &str) -> String {
    let problems = parse(text).unwrap_err();
    problems[0].help.clone().unwrap_or_default()
}

#[test]
fn reads_every_date_form_with_end_and_approximate_taken_in() {
    let edtf = |lines: &str| {
        let e = parse(&front(lines)).unwrap_or_else(|p| panic!("{lines}: {p:#?}"));
        e.dates.map(|d| d.edtf())
    };
    for (lines, written) in [
        ("date: 2022~", "2022~"),
        ("date: 2022\napproximate: true", "2022~"),
        ("date: 2025-05?\napproximate: true", "2025-05%"),
        ("date: 201X", "201X"),
        ("date: 2025-02-17\nend: 2025-02-21", "2025-02-17/2025-02-21"),
        (
            "date: 2025-02-17/2025-02-21\napproximate: true",
            "2025-02-17~/2025-02-21~",
        ),
        ("date: 2020\nend: 2022?", "2020/2022?"),
        ("date: 2025-02-22/..", "2025-02-22/.."),
        ("date: 2025-02-22/\nend:", "2025-02-22/"),
    ] {
        assert_eq!(edtf(lines).as_deref(), Some(written), "{lines}");
    }
}

#[test]
fn an_event_only_said_to_be_coming_may_wait_for_its_date() {
    for status in ["planned", "expected", "announced", "reported"] {
        let e = parse(&front(&format!(
            "status: {status}\nreported_on: 2025-02-22"
        )))
        .unwrap();
        assert_eq!(e.dates, None);
        assert_eq!(e.when(), "Date not set");
        assert_eq!(e.placed_at().machine(), "2025-02-22");
    }
    for status in ["happened", "cancelled", "denied"] {
        let found = problems(&front(&format!("status: {status}\nreported_on: 2025")));
        assert_eq!(
            found,
            [(
                2,
                1,
                format!("`date` is missing: a {status} event needs a date")
            )]
        );
    }
    assert_eq!(
        problems(&front("date:")),
        [(3, 6, "`date` is empty".into())]
    );
}

#[test]
fn reported_on_defaults_to_the_start_or_the_earliest_source() {
    let reported = |lines: &str| {
        parse(&front(lines))
            .unwrap_or_else(|p| panic!("{lines}: {p:#?}"))
            .reported_on
            .map(|d| d.machine())
    };
    let sources = "sources:\n  - title: A\n    url: https://example.org/a\n    date: 2025-03-01\n  - title: B\n    url: https://example.org/b\n    date: 2025-02-20\n  - title: C\n    url: https://example.org/c";
    // Given, it is kept.
    assert_eq!(
        reported("date: 2025-06\nreported_on: 2025-01-05").as_deref(),
        Some("2025-01-05")
    );
    // Happened, announced, cancelled: the start of the date.
    for status in ["happened", "announced", "cancelled"] {
        let lines = format!("date: 2024-12-30/2025-01-02\nstatus: {status}\n{sources}");
        assert_eq!(reported(&lines).as_deref(), Some("2024-12-30"), "{status}");
    }
    // Planned, expected, reported, denied: the earliest source date.
    for status in ["planned", "expected", "reported", "denied"] {
        let lines = format!("date: 2025-06\nstatus: {status}\n{sources}");
        assert_eq!(reported(&lines).as_deref(), Some("2025-02-20"), "{status}");
        assert_eq!(reported(&format!("date: 2025-06\nstatus: {status}")), None);
    }
    // Announced without a date yet: its sources too.
    assert_eq!(
        reported(&format!("status: announced\n{sources}")).as_deref(),
        Some("2025-02-20")
    );
}

#[test]
fn an_undated_event_needs_something_to_place_it_by() {
    let found = problems(&front(
        "status: planned\nsources:\n  - title: A\n    url: https://example.org/a",
    ));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].0, found[0].1), (3, 9));
    assert_eq!(
        found[0].2,
        "this planned event has no date, and nothing says when it became known"
    );
    assert!(first_help(&front("status: planned")).contains("add `reported_on: 2025-02-22`"));
    // A date that does not read is one problem, not two.
    let found = problems(&front("date: 2025-13\nstatus: planned"));
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn bad_dates_are_reported_where_they_are_written() {
    for (lines, at, message) in [
        (
            "date: 2025-13",
            (3, 7),
            "`2025-13` is not a date: there is no month 13",
        ),
        (
            "date: 2025-02-30?",
            (3, 7),
            "`2025-02-30?` is not a date: February 2025 has 28 days",
        ),
        (
            "date: 2025/2024",
            (3, 7),
            "`2025/2024` ends (2024) before it starts (2025)",
        ),
        (
            "date: ~2022",
            (3, 7),
            "`~2022` has `~` inside or before the date",
        ),
        (
            "date: 2022~?~",
            (3, 7),
            "`2022~?~` has more than one qualifier",
        ),
        (
            "date: 2025\nend: 2025/2026",
            (4, 6),
            "`2025/2026` is a range, but `end` takes one date",
        ),
        (
            "date: 2025/2026\nend: 2027",
            (4, 6),
            "the end is given twice",
        ),
        (
            "date: 2022\nend: 2021~",
            (4, 6),
            "the event ends (2021) before it starts (2022)",
        ),
        (
            "status: planned\nreported_on: 2025\nend: 2026",
            (5, 6),
            "`end` is given, but `date` is not",
        ),
        (
            "status: planned\nreported_on: 2025\napproximate: true",
            (5, 14),
            "`approximate: true`, but there is no `date`",
        ),
        (
            "date: 2025\nreported_on: 2025~",
            (4, 14),
            "`2025~` is not a plain date: only an event's `date` and `end` take ~, ? or % (here write `2025`)",
        ),
    ] {
        let found = problems(&front(lines));
        assert_eq!(found.len(), 1, "{lines}: {found:#?}");
        assert_eq!((found[0].0, found[0].1), at, "{lines}");
        assert!(found[0].2.starts_with(message), "{lines}: {}", found[0].2);
    }
    assert!(first_help(&front("date: 2025-13")).starts_with("`date` takes a year (2021)"));
}

#[test]
fn an_index_file_takes_its_folders_name() {
    let e = parse_event(
        Path::new("content/2025-02-18-riyadh/index.md"),
        "---\ntitle: x\ndate: 2021\n---\n",
    )
    .unwrap();
    assert_eq!(e.slug, "2025-02-18-riyadh");
}

#[test]
fn reads_media_items_in_order() {
    let e = parse(&front(
        "date: 2025\nmedia:\n  - src: a.jpg\n    alt: A table\n    caption: The table.\n    credit: Jane Doe\n    link: https://example.org/photo\n  - src: https://vimeo.com/1\n    alt: Talk\n  - src: clip.webm\n    alt: Clip\n    captions: clip.vtt\n  - src: /d.svg\n    alt: \"\"\n    decorative: true",
    ))
    .unwrap();
    use crate::source::media::{Kind, Src};
    let kinds: Vec<Kind> = e.media.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [Kind::Image, Kind::Link, Kind::Video, Kind::Image]);
    assert_eq!(e.media[0].credit.as_deref(), Some("Jane Doe"));
    assert_eq!(
        e.media[0].link.as_deref(),
        Some("https://example.org/photo")
    );
    assert_eq!((e.media[0].at, e.media[0].src_at), ((5, 5), (5, 10)));
    assert!(matches!(
        e.media[1].src,
        Src::Remote {
            provider: Some("Vimeo"),
            ..
        }
    ));
    assert!(matches!(e.media[2].captions, Some(Src::File(_))));
    assert!(e.media[3].decorative && e.media[3].alt.is_empty());
    assert!(e.media[0].is_photo() && !e.media[3].is_photo());
}
