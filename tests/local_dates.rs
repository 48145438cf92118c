//! Every date readers see follows the site's `language`: the pages (an
//! event's when, its sources, history, corrections, expectation and first
//! report, month headings, the overview strip, actors' roles) and the data
//! files (`events.json`, feeds, calendar, TimelineJS).

mod common;
use common::*;

/// A site in `language`, built: two events in February 2025 (one with a
/// source, a history, a correction, an expectation and a first report), an
/// event known only to 2024, and an actor record with a role.
fn site_in(language: &str) -> Site {
    let files = [
        (
            "annals.yaml",
            format!("title: Chronicle\nlanguage: {language}\nbase_url: https://example.org/\n"),
        ),
        (
            "content/talks.md",
            event(
                "title: Talks\ndate: 2025-02-18\nactors: [Rubio]\nstatus: expected\nexpected_by: 2025-03-08\nreported_on: 2025-02-17\nsources:\n  - {title: A, url: https://example.org/a, date: 2025-02-19}\nhistory:\n  - {date: 2025-02-20, status: reported}\n  - {date: 2025-02-21, status: expected}\ncorrections:\n  - {date: 2025-02-23, note: Fixed}",
                "Body.\n",
            ),
        ),
        (
            "content/call.md",
            event("title: Call\ndate: 2025-02-20\nactors: [Rubio]", "Body.\n"),
        ),
        (
            "content/earlier.md",
            event("title: Earlier\ndate: 2024", "Body.\n"),
        ),
        (
            "actors/rubio.md",
            "---\nname: Rubio\nroles:\n  - {title: Secretary, from: 2025-01}\n---\n".to_string(),
        ),
    ];
    let owned: Vec<(String, String)> = files.into_iter().map(|(a, b)| (a.to_string(), b)).collect();
    let site = site_owned(&owned);
    build_ok(&site, &[]);
    site
}

/// No English month name anywhere in `text`.
fn assert_no_english_months(what: &str, text: &str) {
    for month in ["January", "February", "March"] {
        assert!(!text.contains(month), "`{month}` in {what}:\n{text}");
    }
}

#[test]
fn a_ukrainian_site_writes_every_date_in_ukrainian() {
    let site = site_in("uk");
    let page = site.read("public/events/talks/index.html");
    for date in [
        // The event, its source, history, correction, expectation and
        // first report.
        "<time datetime=\"2025-02-18\">18 лютого 2025\u{202f}р.</time>",
        "<time datetime=\"2025-02-19\">19 лютого 2025\u{202f}р.</time>",
        "<time datetime=\"2025-02-20\">20 лютого 2025\u{202f}р.</time>",
        "<time datetime=\"2025-02-23\">23 лютого 2025\u{202f}р.</time>",
        "<time datetime=\"2025-03-08\">8 березня 2025\u{202f}р.</time>",
        "<time datetime=\"2025-02-17\">17 лютого 2025\u{202f}р.</time>",
    ] {
        assert!(
            page.contains(date),
            "no `{date}` on the event's page:\n{page}"
        );
    }
    assert_no_english_months("the event's page", &page);

    let index = site.read("public/index.html");
    // A month heading in the nominative, the year's heading with the
    // theme's words, and the count in the plural form for 3.
    assert!(
        index.contains(">лютий 2025\u{202f}р.</h3>"),
        "no month heading:\n{index}"
    );
    assert!(index.contains(">2024 р., місяць невідомий</h3>"), "{index}");
    assert!(index.contains("3 події"), "{index}");
    assert_no_english_months("the timeline", &index);

    let actor = site.read("public/actors/rubio/index.html");
    assert!(actor.contains("січень 2025\u{202f}р."), "{actor}");
    assert_no_english_months("the actor's page", &actor);

    let corrections = site.read("public/corrections/index.html");
    assert!(
        corrections.contains("23 лютого 2025\u{202f}р."),
        "{corrections}"
    );

    // The data files.
    let json: serde_json::Value = serde_json::from_str(&site.read("public/events.json")).unwrap();
    let talks = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == "talks")
        .unwrap();
    assert_eq!(talks["date"]["text"], "18 лютого 2025\u{202f}р.");
    assert_eq!(talks["when"], "18 лютого 2025\u{202f}р.");
    assert_eq!(
        talks["history"][0]["date"]["text"],
        "20 лютого 2025\u{202f}р."
    );
    let rubio = json["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "rubio")
        .unwrap();
    assert_eq!(rubio["roles"][0]["from"]["text"], "січень 2025\u{202f}р.");
    for file in [
        "public/events.json",
        "public/atom.xml",
        "public/changes.xml",
        "public/timeline.json",
    ] {
        assert_no_english_months(file, &site.read(file));
    }
    assert!(
        site.read("public/atom.xml")
            .contains("18 лютого 2025\u{202f}р.")
    );
    // A sentence ends with the date's own full stop, not two.
    let changes = site.read("public/changes.xml");
    assert!(
        changes.contains("<summary>First reported on 17 лютого 2025\u{202f}р.</summary>"),
        "{changes}"
    );
    let timeline = site.read("public/timeline.json");
    assert!(
        timeline.contains("\"display_date\": \"18 лютого 2025\u{202f}р.\""),
        "{timeline}"
    );

    // Without the event known only to a year, the overview strip counts
    // days, each labelled with its date.
    site.remove("content/earlier.md");
    build_ok(&site, &[]);
    let index = site.read("public/index.html");
    assert!(
        index.contains("<title>18 лютого 2025\u{202f}р.: 1 event</title>"),
        "{index}"
    );
    assert!(
        index.contains("<span>20 лютого 2025\u{202f}р.</span>"),
        "{index}"
    );
}

#[test]
fn a_russian_site_writes_dates_in_russian() {
    let site = site_in("ru");
    let page = site.read("public/events/talks/index.html");
    assert!(page.contains(">18 февраля 2025\u{202f}г.</time>"), "{page}");
    let index = site.read("public/index.html");
    assert!(index.contains(">февраль 2025\u{202f}г.</h3>"), "{index}");
    assert_no_english_months("the timeline", &index);
}

#[test]
fn an_arabic_site_writes_dates_by_arabic_rules() {
    let site = site_in("ar");
    let page = site.read("public/events/talks/index.html");
    assert!(page.contains(">18 فبراير 2025</time>"), "{page}");
    let index = site.read("public/index.html");
    assert!(index.contains(">فبراير 2025</h3>"), "{index}");
    assert_no_english_months("the timeline", &index);
    // With Arabic-Indic digits where the locale has them.
    let site = site_in("ar-EG");
    let page = site.read("public/events/talks/index.html");
    assert!(page.contains(">١٨ فبراير ٢٠٢٥</time>"), "{page}");
}

#[test]
fn an_english_site_keeps_its_wording() {
    let site = site_in("en");
    let page = site.read("public/events/talks/index.html");
    assert!(
        page.contains("<time datetime=\"2025-02-18\">18 February 2025</time>"),
        "{page}"
    );
    let index = site.read("public/index.html");
    assert!(index.contains(">February 2025</h3>"), "{index}");
    assert!(index.contains(">Some time in 2024</h3>"), "{index}");
}
