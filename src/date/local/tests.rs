//! Tests of `local`: dates in each language's own rules.

use super::*;

fn d(s: &str) -> EventDate {
    EventDate::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn dates(s: &str) -> Dates {
    Dates::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

/// U+202F, which CLDR puts before uk "р." and ru "г.".
const NNBSP: char = '\u{202f}';

/// Day, month and year of 2025-02-18, and 14:30 on it at UTC+02:00, as
/// each language writes them (the table of `notes/icu4x.md`, checked
/// against ICU4X 2.4.0; U+202F and U+200E written as escapes).
const TABLE: [(&str, &str, &str, &str, &str); 13] = [
    (
        "uk",
        "18 лютого 2025\u{202f}р.",
        "лютий 2025\u{202f}р.",
        "2025",
        "18 лютого 2025\u{202f}р. о 14:30 GMT+2",
    ),
    (
        "ru",
        "18 февраля 2025\u{202f}г.",
        "февраль 2025\u{202f}г.",
        "2025",
        "18 февраля 2025\u{202f}г. в 14:30 GMT+2",
    ),
    (
        "de",
        "18. Februar 2025",
        "Februar 2025",
        "2025",
        "18. Februar 2025 um 14:30 GMT+2",
    ),
    (
        "fr",
        "18 février 2025",
        "février 2025",
        "2025",
        "18 février 2025 à 14:30 UTC+2",
    ),
    (
        "es",
        "18 de febrero de 2025",
        "febrero de 2025",
        "2025",
        "18 de febrero de 2025 a las 14:30 GMT+2",
    ),
    (
        "pt",
        "18 de fevereiro de 2025",
        "fevereiro de 2025",
        "2025",
        "18 de fevereiro de 2025 às 14:30 +2 GMT",
    ),
    (
        "pl",
        "18 lutego 2025",
        "luty 2025",
        "2025",
        "18 lutego 2025 14:30 GMT+2",
    ),
    (
        "ar",
        "18 فبراير 2025",
        "فبراير 2025",
        "2025",
        "18 فبراير 2025 في 2:30 م غرينتش\u{200e}+2",
    ),
    (
        "he",
        "18 בפברואר 2025",
        "פברואר 2025",
        "2025",
        "18 בפברואר 2025 בשעה 14:30 GMT\u{200e}+2\u{200e}",
    ),
    (
        "fa",
        "۱۸ فوریه ۲۰۲۵",
        "فوریه ۲۰۲۵",
        "۲۰۲۵",
        "۱۸ فوریه ۲۰۲۵ ساعت ۱۴:۳۰ (\u{200e}+۲ گرینویچ)",
    ),
    (
        "tr",
        "18 Şubat 2025",
        "Şubat 2025",
        "2025",
        "18 Şubat 2025 14:30 GMT+2",
    ),
    (
        "zh-Hans",
        "2025年2月18日",
        "2025年2月",
        "2025年",
        "2025年2月18日 GMT+2 14:30",
    ),
    (
        "ja",
        "2025年2月18日",
        "2025年2月",
        "2025年",
        "2025年2月18日 14:30 GMT+2",
    ),
];

#[test]
fn each_language_writes_day_month_year_and_instant_in_its_own_rules() {
    let w = DateWords::default();
    for (tag, day, month, year, instant) in TABLE {
        let dates = LocalDates::new(tag);
        assert_eq!(dates.date(&d("2025-02-18"), &w), day, "{tag} day");
        assert_eq!(dates.date(&d("2025-02"), &w), month, "{tag} month");
        assert_eq!(dates.date(&d("2025"), &w), year, "{tag} year");
        assert_eq!(
            dates.date(&d("2025-02-18T14:30:00+02:00"), &w),
            instant,
            "{tag} instant"
        );
    }
}

#[test]
fn ranges_write_both_ends_in_full_and_never_a_month_code() {
    let w = DateWords::default();
    for (tag, ..) in TABLE {
        let dates = LocalDates::new(tag);
        let full = |s: &str| dates.date(&d(s), &w);
        for (a, b) in [
            ("2025-02-17", "2025-02-21"),
            ("2025-02-22", "2025-03-08"),
            ("2024-12", "2025-01"),
            ("2025-02-18T10:00:00+02:00", "2025-02-18T11:00:00+02:00"),
        ] {
            let range = dates.range(&d(a), &d(b), &w);
            assert_eq!(range, format!("{} – {}", full(a), full(b)), "{tag} {a}/{b}");
            assert!(!range.contains("M0"), "{tag}: {range}");
        }
        assert_eq!(
            dates.range(&d("2021"), &d("2022"), &w),
            format!("{}–{}", full("2021"), full("2022"))
        );
        // An end that is the start again is one date.
        assert_eq!(
            dates.range(&d("2025-02"), &d("2025-02"), &w),
            full("2025-02")
        );
    }
    let uk = LocalDates::new("uk");
    assert_eq!(
        uk.range(&d("2025-02-17"), &d("2025-02-21"), &w),
        format!("17 лютого 2025{NNBSP}р. – 21 лютого 2025{NNBSP}р.")
    );
    assert_eq!(
        LocalDates::new("ru").range(&d("2025-02-22"), &d("2025-03-08"), &w),
        format!("22 февраля 2025{NNBSP}г. – 8 марта 2025{NNBSP}г.")
    );
    // An instant's end is shown in the start's offset.
    assert_eq!(
        LocalDates::new("de").range(
            &d("2025-02-18T10:00:00+02:00"),
            &d("2025-02-18T10:00:00Z"),
            &w
        ),
        "18. Februar 2025 um 10:00 GMT+2 – 18. Februar 2025 um 12:00 GMT+2"
    );
}

#[test]
fn qualified_and_open_forms_take_the_callers_words() {
    let english = DateWords::default();
    let uk_words = DateWords {
        approximate: "бл. {date}",
        uncertain: "{date}?",
        since: "з {date}",
        unknown_end: "{date} – ?",
        not_set: "Дату не встановлено",
        decade: Some("{year}-ті"),
    };
    let uk = LocalDates::new("uk");
    let when = |s: &str, w: &DateWords| uk.when(Some(&dates(s)), w);
    assert_eq!(
        when("2022-02-24~", &english),
        format!("c. 24 лютого 2022{NNBSP}р.")
    );
    assert_eq!(
        when("2022-02-24~", &uk_words),
        format!("бл. 24 лютого 2022{NNBSP}р.")
    );
    assert_eq!(
        when("2025-02-22/..", &uk_words),
        format!("з 22 лютого 2025{NNBSP}р.")
    );
    assert_eq!(
        when("2025-02-22/", &uk_words),
        format!("22 лютого 2025{NNBSP}р. – ?")
    );
    assert_eq!(
        when("2025-05%", &uk_words),
        format!("бл. травень 2025{NNBSP}р.?")
    );
    assert_eq!(when("201X", &uk_words), "2010-ті");
    assert_eq!(when("201X", &english), "2010–2019");
    assert_eq!(when("201X/202X", &english), "2010–2029");
    assert_eq!(uk.when(None, &uk_words), "Дату не встановлено");
    assert_eq!(
        when("2025-02-17~/2025-02-21~", &uk_words),
        format!("бл. 17 лютого 2025{NNBSP}р. – 21 лютого 2025{NNBSP}р.")
    );
    // Persian digits in the decade word too.
    let fa_decade = DateWords {
        decade: Some("دهه {year}"),
        ..english
    };
    assert_eq!(
        LocalDates::new("fa").when(Some(&dates("201X")), &fa_decade),
        "دهه ۲۰۱۰"
    );
    assert_eq!(
        LocalDates::new("fa").when(Some(&dates("201X")), &english),
        "۲۰۱۰–۲۰۱۹"
    );
}

#[test]
fn every_language_writes_the_table_forms_with_english_words() {
    // The forms the brief asks for, per language: day, month, year, a
    // range in one month, over two months, open-ended and approximate.
    let w = DateWords::default();
    for (tag, day, month, year, _) in TABLE {
        let dates = LocalDates::new(tag);
        let when = |s: &str| dates.when(Some(&self::dates(s)), &w);
        let full = |s: &str| dates.date(&d(s), &w);
        assert_eq!(when("2025-02-18"), day, "{tag}");
        assert_eq!(when("2025-02"), month, "{tag}");
        assert_eq!(when("2025"), year, "{tag}");
        assert_eq!(
            when("2025-02-17/2025-02-21"),
            format!("{} – {}", full("2025-02-17"), full("2025-02-21"))
        );
        assert_eq!(
            when("2025-02-22/2025-03-08"),
            format!("{} – {}", full("2025-02-22"), full("2025-03-08"))
        );
        assert_eq!(
            when("2025-02-22/.."),
            format!("since {}", full("2025-02-22"))
        );
        assert_eq!(when("2025-02-22/"), format!("{} – ?", full("2025-02-22")));
        assert_eq!(when("2022-02-24~"), format!("c. {}", full("2022-02-24")));
        assert_eq!(when("2025-05?"), format!("{}?", full("2025-05")));
        // The day in the language's digits.
        for (s, n) in [("2025-02-17", "17"), ("2025-03-08", "8")] {
            let digits = full(s);
            // fa writes Persian digits (U+06F0 to U+06F9).
            let persian: String = n
                .chars()
                .map(|c| char::from_u32(u32::from(c) + 0x6F0 - 0x30).unwrap_or(c))
                .collect();
            assert!(
                digits.contains(n) || digits.contains(&persian),
                "{tag}: {digits}"
            );
        }
    }
}

#[test]
fn html_puts_each_date_in_its_own_time_element_and_escapes_the_words() {
    let w = DateWords {
        approximate: "<c.> {date}",
        ..DateWords::default()
    };
    let de = LocalDates::new("de");
    assert_eq!(
        de.when_html(Some(&dates("2025-02-17~/2025-02-21~")), &w),
        "&lt;c.&gt; <time datetime=\"2025-02-17\">17. Februar 2025</time> – <time datetime=\"2025-02-21\">21. Februar 2025</time>"
    );
    assert_eq!(
        de.when_html(Some(&dates("2025-02-22/..")), &w),
        "since <time datetime=\"2025-02-22\">22. Februar 2025</time>"
    );
    assert_eq!(de.when_html(Some(&dates("201X")), &w), "2010–2019");
}

#[test]
fn english_is_written_as_always() {
    let en = LocalDates::new("en-GB");
    let w = DateWords::default();
    for written in [
        "2022~",
        "2022-02-24~",
        "2025-05?",
        "2025-05%",
        "201X",
        "201X~",
        "2025-02-17/2025-02-21",
        "2025-02-17~/2025-02-21~",
        "2025-02-22/2025-03-08",
        "2020~/2022-03?",
        "201X/202X",
        "201X/2025",
        "2025-02-22/..",
        "2025-02~/..",
        "2025-02-22/",
        "2025-02-18T14:30:00+03:00~",
        "2025-02-18T10:00:00+03:00/2025-02-18T08:00:00Z",
        "2025-02-18T22:00:00+03:00/2025-02-19T01:00:00Z",
    ] {
        let dates = dates(written);
        assert_eq!(en.when(Some(&dates), &w), crate::date::when(Some(&dates)));
        assert_eq!(
            en.when_html(Some(&dates), &w),
            crate::date::when_html(Some(&dates))
        );
    }
    assert_eq!(
        en.when(Some(&dates("2025-02-17/2025-02-21")), &w),
        "17–21 February 2025"
    );
    assert_eq!(
        en.when(
            Some(&dates("201X")),
            &DateWords {
                decade: Some("the {year}s"),
                ..w
            }
        ),
        "the 2010s"
    );
    assert_eq!(en.when(None, &w), "Date not set");
}

#[test]
fn no_language_panics_at_any_precision_and_none_leaves_the_gregorian_calendar() {
    // Debug builds: ICU4X 2.4.0 has debug assertions that fire on some
    // languages' data (pt months); none may be reached.
    let w = DateWords::default();
    let tags = TABLE
        .iter()
        .map(|t| t.0)
        .chain(["en", "pt-BR", "ar-EG", "fa-IR", "it", "cs", "tlh", "en_US"]);
    for tag in tags {
        let dates = LocalDates::new(tag);
        for s in [
            "201X",
            "0001",
            "0999",
            "2025",
            "9999",
            "2025-02",
            "0005-12",
            "2025-02-18",
            "9999-12-31",
            "2025-02-18T14:30:00+05:30",
            "2025-02-18T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "2025-02-18T23:59:59-09:45",
        ] {
            // `dates` reads the decade `201X` too.
            let shown = dates.date(&self::dates(s).start.date, &w);
            assert!(
                !shown.is_empty() && !shown.contains("M0"),
                "{tag} {s}: {shown}"
            );
        }
    }
    // Languages without CLDR dates, and tags ICU4X cannot read, get
    // Annals' English.
    for tag in ["tlh", "en_US", "und"] {
        assert_eq!(
            LocalDates::new(tag).date(&d("2025-02"), &w),
            "February 2025"
        );
    }
    // fa keeps 2025, in Persian digits, not the Persian year 1403.
    assert!(
        LocalDates::new("fa")
            .date(&d("2025-02-18"), &w)
            .contains("۲۰۲۵")
    );
    assert!(
        LocalDates::new("fa-IR")
            .date(&d("2025-02"), &w)
            .contains("فوریه")
    );
}

#[test]
fn local_dates_are_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<LocalDates>();
}
