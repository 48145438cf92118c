//! Tests of what a slide becomes.
use super::*;
use crate::import::DateParts;
use crate::import::dates::tests::parts;
use crate::import::write::claim;
use std::collections::HashSet;

fn slide(headline: &str, start: DateParts) -> Slide {
    Slide {
        label: "slide 1".into(),
        headline: headline.into(),
        start: Some(start),
        ..Slide::default()
    }
}

fn made(s: &Slide) -> Result<(Made, Vec<String>), String> {
    let mut notes = Vec::new();
    event_slide(s, &crate::date::EventDate::day(2026, 12, 7), &mut notes).map(|m| (m, notes))
}

#[test]
fn times_stay_in_the_body_unless_the_offset_is_known() {
    let mut p = parts("2025", "2", "18");
    p.hour = Some("14".into());
    p.minute = Some("30".into());
    let mut s = slide("Talks", p.clone());
    let (m, _) = made(&s).unwrap();
    assert_eq!(m.date.machine(), "2025-02-18");
    assert!(
        m.body
            .contains("*Time in the source, with no time zone: 14:30*"),
        "{}",
        m.body
    );

    s.display_date = "18 February 2025, 14:30 UTC+03:00".into();
    let (m, _) = made(&s).unwrap();
    assert_eq!(m.date.machine(), "2025-02-18T14:30:00+03:00");
    assert_eq!(m.body, "");

    let mut end = parts("2025", "2", "18");
    end.hour = Some("17".into());
    s.end = Some(end);
    s.display_date = "18 February 2025, 14:30 UTC – 18 February 2025, 17:00 UTC-05:00".into();
    let (m, _) = made(&s).unwrap();
    assert_eq!(m.date.machine(), "2025-02-18T14:30:00Z");
    assert_eq!(m.end.unwrap().machine(), "2025-02-18T17:00:00-05:00");
}

#[test]
fn end_dates_that_cannot_be_used_are_left_out_with_a_note() {
    let mut s = slide("Range", parts("2021", "6", ""));
    s.end = Some(parts("2020", "", ""));
    let (m, notes) = made(&s).unwrap();
    assert_eq!(m.end, None);
    assert_eq!(
        notes,
        ["the end (2020) is before the start (June 2021); the end date was left out"]
    );
    s.end = Some(parts("", "7", ""));
    let (m, notes) = made(&s).unwrap();
    assert_eq!(m.end, None);
    assert_eq!(
        notes,
        ["its end date has no year; the end date was left out"]
    );
    s.end = Some(parts("2021", "6", ""));
    let (m, notes) = made(&s).unwrap();
    assert_eq!((m.end, notes.len()), (None, 0));
    s.end = Some(parts("2022", "", ""));
    assert_eq!(made(&s).unwrap().0.end.unwrap().machine(), "2022");
}

#[test]
fn display_dates_that_say_more_go_in_the_body() {
    let mut s = slide("Founding", parts("1500", "", ""));
    s.display_date = "Spring 1500".into();
    assert!(
        made(&s)
            .unwrap()
            .0
            .body
            .contains("*Date in the source: Spring 1500*")
    );
    s.display_date = "1500".into();
    assert_eq!(made(&s).unwrap().0.body, "");
}

#[test]
fn display_dates_in_annals_wording_give_their_exact_form() {
    let front = |s: &Slide| {
        let (m, notes) = made(s).unwrap();
        assert_eq!(m.body, "", "{}", m.text);
        let end = m.text[4..].find("---\n").unwrap();
        (m.text[4..4 + end].to_string(), notes)
    };
    let mut s = slide("Founding", parts("1500", "", ""));
    for (display, date) in [
        ("c. 1500", "1500~"),
        ("1500?", "1500?"),
        ("c. 1500?", "1500%"),
        ("1500s", "150X"),
        ("since 1500", "1500/.."),
        ("1500 – ?", "1500/"),
    ] {
        s.display_date = display.into();
        let (text, notes) = front(&s);
        assert_eq!(
            text,
            format!("title: Founding\ndate: {date}\n"),
            "{display}"
        );
        assert!(notes.is_empty(), "{notes:?}");
    }
    let mut s = slide("Talks", parts("2025", "2", "17"));
    s.end = Some(parts("2025", "2", "21"));
    s.display_date = "c. 17–21 February 2025".into();
    assert_eq!(front(&s).0, "title: Talks\ndate: 2025-02-17~/2025-02-21~\n");
    s.display_date = "17 February 2025 – 21 February 2025?".into();
    assert_eq!(front(&s).0, "title: Talks\ndate: 2025-02-17/2025-02-21?\n");

    // "Date not set": no date; first known on the slide's date, and
    // `reported`, the status that claims least, with a note saying so.
    let mut s = slide("Summit", parts("2025", "2", "22"));
    s.display_date = "Date not set".into();
    let (text, notes) = front(&s);
    assert_eq!(
        text,
        "title: Summit\nstatus: reported\nreported_on: 2025-02-22\n"
    );
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("its date is not set"), "{notes:?}");
}

#[test]
fn names_come_from_unique_ids_or_headlines() {
    let mut s = slide("Talks in Riyadh: day #2", parts("2025", "2", "18"));
    assert_eq!(made(&s).unwrap().0.stem, "2025-02-18-talks-in-riyadh-day-2");
    s.unique_id = "riyadh".into();
    assert_eq!(made(&s).unwrap().0.stem, "2025-02-18-riyadh");
    s.unique_id = "2025-02-18-riyadh-meeting".into();
    assert_eq!(made(&s).unwrap().0.stem, "2025-02-18-riyadh-meeting");
    s.unique_id = "Not A Slug".into();
    assert_eq!(made(&s).unwrap().0.stem, "2025-02-18-talks-in-riyadh-day-2");
    let long = slide(&"word ".repeat(40), parts("2021", "", ""));
    let stem = made(&long).unwrap().0.stem;
    assert!(stem.len() <= 65 && crate::slug::is_valid(&stem), "{stem}");
    let mut claimed = HashSet::new();
    assert_eq!(claim("a", &mut claimed), "a.md");
    assert_eq!(claim("a", &mut claimed), "a-2.md");
    assert_eq!(claim("a", &mut claimed), "a-3.md");
}

#[test]
fn files_read_back_as_written() {
    let mut s = slide(
        "<b>Tom &amp; Jerry</b>: \"quoted\" #1 — Київ",
        parts("2025", "2", "18"),
    );
    s.group = "war, peace".into();
    s.text = "<p>Hello <script>x()</script><a href='https://e.org'>link</a></p>".into();
    s.media_url = "https://e.org/p.jpg".into();
    s.media_caption = "A <i>picture</i>".into();
    s.media_credit = "<a href=\"https://c.org\">Credit</a>".into();
    let (m, _) = made(&s).unwrap();
    assert_eq!(m.title, "Tom & Jerry: \"quoted\" #1 — Київ");
    assert_eq!(m.tags, ["war, peace"]);
    assert_eq!(m.body, "Hello [link](https://e.org)");
    assert!(
        m.text.ends_with(
            "media:\n  - src: \"https://e.org/p.jpg\"\n    alt: \"Tom & Jerry: \\\"quoted\\\" #1 — Київ\"\n    caption: \"A picture\"\n    credit: \"Credit\"\n---\n\nHello [link](https://e.org)\n"
        ),
        "{}",
        m.text
    );
    check_event(
        Path::new("content/x.md"),
        &Made {
            stem: "x".into(),
            ..m
        },
    )
    .unwrap();
}

#[test]
fn slides_without_headlines_borrow_their_text() {
    let mut s = slide("", parts("2021", "", ""));
    s.text = "<p>A long text that goes on and on about many things for quite a while, longer than a title should be.</p>".into();
    let (m, notes) = made(&s).unwrap();
    assert_eq!(
        m.title,
        "A long text that goes on and on about many things for quite…"
    );
    assert_eq!(notes.len(), 1);
    s.text.clear();
    assert_eq!(made(&s).unwrap_err(), "it has no headline and no text");
}

#[test]
fn media_that_is_not_a_web_address() {
    let mut s = slide("x", parts("2021", "", ""));
    s.media_url = "<blockquote><a href=\"https://t.co/1\">quoted</a></blockquote>".into();
    assert_eq!(made(&s).unwrap().0.body, "> [quoted](https://t.co/1)");
    s.media_url = "javascript:alert(1)".into();
    let (m, notes) = made(&s).unwrap();
    assert_eq!(m.body, "");
    assert!(notes[0].contains("not a web address"), "{notes:?}");
}

#[test]
fn slides_after_the_day_of_import_are_expected() {
    let today = crate::date::EventDate::day(2026, 12, 7);
    for (start, expected) in [
        (parts("2026", "12", "8"), true),
        (parts("2027", "", ""), true),
        (parts("2050", "1", ""), true),
        (parts("2026", "12", "7"), false),
        (parts("2026", "", ""), false),
        (parts("2025", "2", "18"), false),
    ] {
        let s = slide("Summit", start.clone());
        let mut notes = Vec::new();
        let m = event_slide(&s, &today, &mut notes).unwrap();
        assert_eq!(m.expected, expected, "{start:?}");
        assert_eq!(
            m.text.contains("\nstatus: expected\n"),
            expected,
            "{}",
            m.text
        );
        assert_eq!(
            notes.iter().any(|n| n
                == "it is dated after the day of the import (2026-12-07): it is `status: expected`, not a fact yet"),
            expected,
            "{notes:?}"
        );
        check_event(Path::new(&format!("content/{}.md", m.stem)), &m).unwrap();
    }
}

#[test]
fn emoji_are_no_words_of_a_slug() {
    let s = slide("☭ Revolution 🔨 begins ✊", parts("1917", "11", "7"));
    assert_eq!(made(&s).unwrap().0.stem, "1917-11-07-revolution-begins");
    let s = slide("Київ’s “talks” — 北京", parts("2025", "", ""));
    assert_eq!(made(&s).unwrap().0.stem, "2025-kiyivs-talks-bei-jing");
}

#[test]
fn a_display_date_without_words_says_nothing() {
    for display in [".", "-", " … ", "<p>.</p>"] {
        let mut s = slide("Talks", parts("2025", "2", "18"));
        s.display_date = display.into();
        let (m, notes) = made(&s).unwrap();
        assert_eq!(m.body, "", "{display:?}");
        assert!(notes.is_empty(), "{display:?}: {notes:?}");
    }
    let mut s = slide("Talks", parts("1943", "", ""));
    s.display_date = "Spring 1943".into();
    assert_eq!(
        made(&s).unwrap().0.body,
        "*Date in the source: Spring 1943*"
    );
}
