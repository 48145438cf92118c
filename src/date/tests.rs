//! Tests of `date`.

use super::*;

fn d(s: &str) -> EventDate {
    EventDate::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

/// `date` and `end` as an event's dates, all approximate or none.
fn range(date: &EventDate, end: Option<&EventDate>, approximate: bool) -> Dates {
    let point = |date: &EventDate| Point {
        date: date.clone(),
        approximate,
        uncertain: false,
    };
    Dates {
        start: point(date),
        end: end.map(|end| End::At(point(end))),
    }
}

#[test]
fn machine_and_human_forms_read_as_format_writes_them() {
    let offset = |o: i32, machine: bool| {
        let hm = format!(
            "{}{:02}:{:02}",
            if o < 0 { '-' } else { '+' },
            o.abs() / 3600,
            o.abs() / 60 % 60
        );
        match (o, machine) {
            (0, true) => "Z".to_string(),
            (0, false) => "UTC".to_string(),
            (_, true) => hm,
            (_, false) => format!("UTC{hm}"),
        }
    };
    for year in [
        i16::MIN,
        -999,
        -1,
        0,
        7,
        999,
        1000,
        2025,
        9999,
        10000,
        i16::MAX,
    ] {
        for (month, day) in [(1, 1), (2, 9), (10, 31), (12, 10)] {
            for (seconds, o) in [
                (0, 0),
                (59, 3 * 3600),
                (86399, -(5 * 3600 + 1800)),
                (3600, 59 * 60),
            ] {
                for precision in [
                    Precision::Year,
                    Precision::Month,
                    Precision::Day,
                    Precision::Instant,
                ] {
                    let e = EventDate {
                        year,
                        month,
                        day,
                        seconds,
                        offset: o,
                        precision,
                    };
                    let name = MONTHS[month as usize - 1];
                    let (h, m, sec) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
                    let (machine, human) = match precision {
                        Precision::Decade => unreachable!("decades are tested on their own"),
                        Precision::Year => (format!("{year:04}"), format!("{year}")),
                        Precision::Month => {
                            (format!("{year:04}-{month:02}"), format!("{name} {year}"))
                        }
                        Precision::Day => (
                            format!("{year:04}-{month:02}-{day:02}"),
                            format!("{day} {name} {year}"),
                        ),
                        Precision::Instant => (
                            format!(
                                "{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{sec:02}{}",
                                offset(o, true)
                            ),
                            format!("{day} {name} {year}, {h:02}:{m:02} {}", offset(o, false)),
                        ),
                    };
                    assert_eq!(e.machine(), machine);
                    assert_eq!(e.human(), human);
                }
            }
        }
    }
}

#[test]
fn keeps_precision_for_display_and_machines() {
    assert_eq!(d("2021").human(), "2021");
    assert_eq!(d("2021-06").human(), "June 2021");
    assert_eq!(d("2025-02-18").human(), "18 February 2025");
    assert_eq!(d("2021").machine(), "2021");
    assert_eq!(d("2021-06").machine(), "2021-06");
    assert_eq!(d("2025-02-18").machine(), "2025-02-18");
    let t = d("2025-02-18T14:30:00+03:00");
    assert_eq!(t.machine(), "2025-02-18T14:30:00+03:00");
    assert_eq!(t.human(), "18 February 2025, 14:30 UTC+03:00");
    assert_eq!(d("2025-02-18T14:30:00Z").machine(), "2025-02-18T14:30:00Z");
}

#[test]
fn rejects_impossible_dates_with_reasons() {
    for bad in [
        "2025-13-01",
        "2025-02-30",
        "2023-02-29",
        "21",
        "2021-6",
        "June 2021",
        "0000",
        "2025-02-18T25:00:00Z",
        "2025-02-18T10:00:00",
        "2021T10:00:00Z",
        "",
    ] {
        assert!(EventDate::parse(bad).is_err(), "{bad} accepted");
    }
    assert!(EventDate::parse("2024-02-29").is_ok());
    assert!(
        EventDate::parse("2025-02-30")
            .unwrap_err()
            .contains("28 days")
    );
}

#[test]
fn orders_coarse_before_fine_within_the_same_period() {
    let mut dates = [
        d("2025-02-18"),
        d("2025"),
        d("2025-02"),
        d("2024-12-31"),
        d("2025-02-18T10:00:00+03:00"),
        d("2025-02-18T08:00:00Z"),
    ];
    dates.sort();
    let shown: Vec<String> = dates.iter().map(EventDate::machine).collect();
    assert_eq!(
        shown,
        [
            "2024-12-31",
            "2025",
            "2025-02",
            "2025-02-18",
            "2025-02-18T10:00:00+03:00",
            "2025-02-18T08:00:00Z"
        ]
    );
}

#[test]
fn instants_know_their_place_in_time() {
    // 2025-02-18T11:30:00Z, checked with `date -d ... +%s`.
    assert_eq!(d("2025-02-18T14:30:00+03:00").unix_seconds(), 1_739_878_200);
    assert_eq!(d("2025-02-18T11:30:00.000Z").unix_seconds(), 1_739_878_200);
    assert_eq!(d("1969-12-31T23:59:59Z").unix_seconds(), -1);
    for bad in [
        "2025-02-18T14:30+03:00",
        "2025-02-18T14:30:00+3:00",
        "2025-02-18T14:30:00.Z",
        "2025-02-18T14:30:00+03:00x",
    ] {
        assert!(EventDate::parse(bad).is_err(), "{bad} accepted");
    }
}

#[test]
fn formats_instants_in_utc() {
    assert_eq!(
        rfc3339_utc(d("2025-02-18T14:30:00+03:00").unix_seconds()),
        "2025-02-18T11:30:00Z"
    );
    assert_eq!(
        rfc3339_utc(d("2021-06").unix_seconds()),
        "2021-06-01T00:00:00Z"
    );
    assert_eq!(rfc3339_utc(-1), "1969-12-31T23:59:59Z");
}

#[test]
fn day_counts_round_trip() {
    for days in [-719_162, -1, 0, 1, 11_016, 20_137, 2_932_896] {
        let (y, m, d) = civil_from_days(days);
        assert_eq!(days_from_civil(y as i16, m, d), days, "{y}-{m}-{d}");
    }
    assert_eq!(civil_from_days(20_137), (2025, 2, 18));
}

#[test]
fn ranges_share_what_they_share() {
    assert_eq!(
        human_range(&d("2025-02-17"), &d("2025-02-21")),
        "17–21 February 2025"
    );
    assert_eq!(
        human_range(&d("2025-02-22"), &d("2025-03-08")),
        "22 February – 8 March 2025"
    );
    assert_eq!(human_range(&d("2021"), &d("2022")), "2021–2022");
    assert_eq!(
        human_range(&d("2024-12"), &d("2025-01")),
        "December 2024 – January 2025"
    );
    assert!(d("2021").not_after(&d("2021-06")));
    assert!(d("2021-06").not_after(&d("2021")));
    assert!(!d("2022").not_after(&d("2021-06")));
    // Instants compare as moments, whatever their offsets.
    assert!(!d("2025-02-18T12:00:00Z").not_after(&d("2025-02-18T11:00:00Z")));
    assert!(!d("2025-02-18T23:00:00-05:00").not_after(&d("2025-02-19T01:00:00+03:00")));
    assert!(d("2025-02-18T10:00:00+03:00").not_after(&d("2025-02-18T08:00:00Z")));
    assert!(d("2025-02-18T10:00:00Z").not_after(&d("2025-02-18")));
}

#[test]
fn one_moment_in_two_offsets_is_two_dates() {
    // Found by tests/properties.rs: these compared equal but were not `==`.
    let (a, b) = (d("0001-01-01T01:00:00Z"), d("0001-01-01T00:00:00-01:00"));
    assert_eq!(a.unix_seconds(), b.unix_seconds());
    assert_ne!(a.cmp(&b), Ordering::Equal);
    assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
}

#[test]
fn a_range_across_offsets_reads_in_the_start_offset() {
    let (start, end) = (d("2025-02-18T10:00:00+03:00"), d("2025-02-18T08:00:00Z"));
    assert_eq!(
        human_range(&start, &end),
        "18 February 2025, 10:00–11:00 UTC+03:00"
    );
    assert_eq!(
        when_html(Some(&range(&start, Some(&end), true))),
        "c. <time datetime=\"2025-02-18T10:00:00+03:00\">18 February 2025, 10:00</time>–<time datetime=\"2025-02-18T11:00:00+03:00\">11:00 UTC+03:00</time>"
    );
    for (a, b, shown) in [
        (
            "2025-02-18T22:00:00+03:00",
            "2025-02-19T01:00:00Z",
            "18 February 2025, 22:00 – 19 February 2025, 04:00 UTC+03:00",
        ),
        (
            "2024-12-31T23:00:00Z",
            "2025-01-01T02:00:00+01:00",
            "31 December 2024, 23:00 – 1 January 2025, 01:00 UTC",
        ),
        // Where the start's offset would take the end past 9999, each end
        // keeps its own.
        (
            "9999-12-31T23:30:00+05:00",
            "9999-12-31T23:00:00Z",
            "31 December 9999, 23:30 UTC+05:00 – 31 December 9999, 23:00 UTC",
        ),
    ] {
        assert_eq!(human_range(&d(a), &d(b)), shown);
    }
}

#[test]
fn an_end_equal_to_the_date_is_one_date() {
    for (a, b, shown) in [
        ("2025-02-18", "2025-02-18", "18 February 2025"),
        ("2025-02", "2025-02", "February 2025"),
        ("2025", "2025", "2025"),
        (
            "2025-02-18T10:00:00+03:00",
            "2025-02-18T07:00:00Z",
            "18 February 2025, 10:00 UTC+03:00",
        ),
    ] {
        assert_eq!(human_range(&d(a), &d(b)), shown);
        assert_eq!(
            when(Some(&range(&d(a), Some(&d(b)), true))),
            format!("c. {shown}")
        );
        assert_eq!(
            when_html(Some(&range(&d(a), Some(&d(b)), false))),
            format!("<time datetime=\"{}\">{shown}</time>", d(a).machine())
        );
    }
    assert_eq!(
        human_range(
            &d("2025-02-18T10:00:00+03:00"),
            &d("2025-02-18T12:00:00+03:00")
        ),
        "18 February 2025, 10:00–12:00 UTC+03:00"
    );
}

#[test]
fn date_times_no_output_can_hold_are_refused_with_the_reason() {
    let why = |s: &str| EventDate::parse(s).unwrap_err();
    assert!(why("9999-12-31T23:00:00-05:00").contains("10000-01-01T04:00:00Z"));
    assert!(why("9999-12-31T23:00:00-05:00").contains("9999-12-31T23:59:59Z"));
    assert!(why("0001-01-01T00:59:59+01:00").contains("0000-12-31T23:59:59Z"));
    assert!(why("0001-01-01T00:59:59+01:00").contains("0001-01-01T00:00:00Z"));
    assert!(why("2016-12-31T23:59:60Z").contains("leap second"));
    assert!(why("2025-02-18T11:30:00.250Z").contains("fraction of a second"));
    assert!(why("2025-02-18T11:30:00.250Z").contains(".250"));
    for edge in [
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59+23:59",
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00-23:59",
        "2025-02-18T11:30:00.000Z",
    ] {
        assert!(EventDate::parse(edge).is_ok(), "{edge}");
    }
    assert_eq!(
        d("2025-02-18T11:30:00.000Z").machine(),
        "2025-02-18T11:30:00Z"
    );
}

#[test]
fn an_instant_moves_to_another_offset_within_the_years_1_to_9999() {
    let end = d("2025-02-18T08:00:00Z").in_offset(3 * 3600).unwrap();
    assert_eq!(end.machine(), "2025-02-18T11:00:00+03:00");
    assert_eq!(end.unix_seconds(), d("2025-02-18T08:00:00Z").unix_seconds());
    assert_eq!(
        d("2025-01-01T02:00:00+03:00")
            .in_offset(-3600)
            .unwrap()
            .machine(),
        "2024-12-31T22:00:00-01:00"
    );
    assert_eq!(d("9999-12-31T23:00:00Z").in_offset(3600), None);
    assert_eq!(d("0001-01-01T00:00:00Z").in_offset(-60), None);
    assert_eq!(d("2025-02-18").in_offset(0), None);
    // The limits are the first and last seconds of the years 1 and 9999.
    assert_eq!(rfc3339_utc(FIRST_SECOND), "0001-01-01T00:00:00Z");
    assert_eq!(rfc3339_utc(LAST_SECOND), "9999-12-31T23:59:59Z");
}

// ------------------------------------------------ the EDTF forms (edtf.rs)

fn dates(s: &str) -> Dates {
    Dates::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn shown(s: &str) -> (String, String) {
    let d = dates(s);
    (when(Some(&d)), when_html(Some(&d)))
}

#[test]
fn every_edtf_form_reads_shows_and_writes_back() {
    for (written, text) in [
        ("2022~", "c. 2022"),
        ("2022-02~", "c. February 2022"),
        ("2022-02-24~", "c. 24 February 2022"),
        ("2025-05?", "May 2025?"),
        ("2025-05%", "c. May 2025?"),
        ("201X", "2010s"),
        ("001X", "10s"),
        ("201X~", "c. 2010s"),
        ("2025-02-17/2025-02-21", "17–21 February 2025"),
        ("2025-02-17~/2025-02-21~", "c. 17–21 February 2025"),
        ("2020~/2022-03?", "c. 2020 – March 2022?"),
        ("201X/202X", "2010s–2020s"),
        ("201X/2025", "2010s – 2025"),
        ("2025-02-22/..", "since 22 February 2025"),
        ("2025-02~/..", "since c. February 2025"),
        ("2025-02-22/", "22 February 2025 – ?"),
        (
            "2025-02-18T14:30:00+03:00~",
            "c. 18 February 2025, 14:30 UTC+03:00",
        ),
        ("2025-02-18", "18 February 2025"),
    ] {
        let d = dates(written);
        assert_eq!(when(Some(&d)), text, "{written}");
        assert_eq!(d.edtf(), written, "{written} writes back");
        assert_eq!(Dates::parse(&d.edtf()), Ok(d.clone()));
    }
    assert_eq!(when(None), "Date not set");
    assert_eq!(when_html(None), "Date not set");
    // `2022~` is `2022` with `approximate: true`.
    let mut plain = dates("2022");
    plain.start.approximate = true;
    assert_eq!(plain, dates("2022~"));
}

#[test]
fn edtf_dates_know_their_parts() {
    let d = dates("2020~/2022-03?");
    assert!(d.approximate() && d.uncertain());
    assert_eq!(
        d.end_date().map(EventDate::machine).as_deref(),
        Some("2022-03")
    );
    assert_eq!(dates("2025/..").end, Some(End::Open));
    assert_eq!(dates("2025/").end, Some(End::Unknown));
    assert_eq!(dates("2025/").end_date(), None);
    let decade = dates("201X").start.date;
    assert_eq!((decade.year, decade.precision), (2010, Precision::Decade));
    assert_eq!(decade.machine(), "201X");
    assert_eq!(decade.datetime(), None);
    assert_eq!(d.start.date.datetime().as_deref(), Some("2020"));
}

#[test]
fn machines_get_the_known_part_in_time_elements() {
    assert_eq!(
        shown("2025-05%").1,
        "c. <time datetime=\"2025-05\">May 2025</time>?"
    );
    assert_eq!(
        shown("2025-02-22/..").1,
        "since <time datetime=\"2025-02-22\">22 February 2025</time>"
    );
    assert_eq!(
        shown("2025-02-22/").1,
        "<time datetime=\"2025-02-22\">22 February 2025</time> – ?"
    );
    assert_eq!(
        shown("2025-02-17?/2025-02-21?").1,
        "<time datetime=\"2025-02-17\">17</time>–<time datetime=\"2025-02-21\">21 February 2025</time>?"
    );
    assert_eq!(
        shown("2020~/2022-03?").1,
        "c. <time datetime=\"2020\">2020</time> – <time datetime=\"2022-03\">March 2022</time>?"
    );
    // No `datetime` value says "a year of the 2010s": no `<time>`.
    assert_eq!(shown("201X").1, "2010s");
    assert_eq!(
        shown("201X/2025").1,
        "2010s – <time datetime=\"2025\">2025</time>"
    );
}

#[test]
fn decades_sort_before_their_first_year() {
    let mut sorted = [
        dates("2010").start.date,
        dates("2009-12-31").start.date,
        dates("201X").start.date,
        dates("2010-01").start.date,
        dates("200X").start.date,
    ];
    sorted.sort();
    let machine: Vec<String> = sorted.iter().map(EventDate::machine).collect();
    assert_eq!(machine, ["200X", "2009-12-31", "201X", "2010", "2010-01"]);
    // A decade holds its years: 2015 may end a range that starts in 201X.
    assert!(Dates::parse("201X/2015").is_ok());
    assert!(Dates::parse("2015/201X").is_ok());
    assert!(Dates::parse("2020/201X").is_err());
}

#[test]
fn bad_edtf_forms_say_what_is_wrong() {
    for (bad, says) in [
        ("2025-13", "`2025-13` is not a date: there is no month 13"),
        (
            "2025-02-30?",
            "`2025-02-30?` is not a date: February 2025 has 28 days",
        ),
        (
            "2025/2024",
            "`2025/2024` ends (2024) before it starts (2025)",
        ),
        (
            "~2022",
            "`~2022` has `~` inside or before the date: a qualifier goes once, after the whole date, as in `2022~`",
        ),
        ("2022~?~", "`2022~?~` has more than one qualifier (`~?~`)"),
        ("2022?~", "more than one qualifier"),
        (
            "20XX",
            "the only unspecified digit it reads is the last of a year",
        ),
        ("2025-XX", "the only unspecified digit"),
        ("201x", "write the unspecified digit as a capital X, `201X`"),
        ("000X", "there is no year 0000"),
        ("../2025", "`../2025` has no start"),
        ("/2025", "has no start"),
        ("2025/2026/2027", "more than one `/`"),
        ("2025 /2026", "is not a date in a form Annals reads"),
        ("2025/ 2026", "is not a date in a form Annals reads"),
        ("2025/.", "`.` is not a date"),
        ("June 2021", "`June 2021` is not a date"),
    ] {
        let why = Dates::parse(bad).unwrap_err();
        assert!(why.contains(says), "{bad}: {why}");
    }
    assert!(DATE_FORMS.starts_with(FORMS.split(" or a date-time").next().unwrap()));
}
