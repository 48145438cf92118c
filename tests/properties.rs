//! Properties that must hold for every input, checked on generated ones:
//! dates round-trip through their machine form and sort in a total order,
//! slugs are safe path segments, front matter parsing never panics, and
//! every internal link of a generated site resolves.
//!
//! Case counts are kept small so the file runs in seconds in a debug build;
//! `PROPTEST_CASES=10000 cargo test --test properties` searches harder.

mod common;

use annals::date::{Dates, EventDate, Precision, days_in_month, human_range};
use annals::slug::{is_valid, slugify};
use annals::source::event::Status;
use annals::source::event::{parse_event, parse_intro};
use proptest::prelude::*;
use proptest::sample::select;
use std::cmp::Ordering;
use std::path::Path;

/// `cases` unless `PROPTEST_CASES` asks for another number.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- dates

fn precision() -> impl Strategy<Value = Precision> {
    select(vec![
        Precision::Year,
        Precision::Month,
        Precision::Day,
        Precision::Instant,
    ])
}

/// The largest offset from UTC a date may have: 23:59.
const MAX_OFFSET: i32 = 23 * 3600 + 59 * 60;

/// A date as `EventDate::parse` makes it: the fields below the precision
/// are 1 (month, day) or 0 (time, offset).
fn date_from(
    precision: Precision,
    year: i16,
    month: u8,
    day: u8,
    seconds: u32,
    offset: i32,
) -> EventDate {
    let fine = |p: Precision| precision >= p;
    let mut date = EventDate {
        year,
        month: if fine(Precision::Month) { month } else { 1 },
        day: if fine(Precision::Day) {
            day.min(days_in_month(year, month))
        } else {
            1
        },
        seconds: if fine(Precision::Instant) { seconds } else { 0 },
        offset: if fine(Precision::Instant) { offset } else { 0 },
        precision,
    };
    // An instant must also fall in the years 0001 to 9999 in UTC (the
    // last hours of 9999 with a negative offset do not): in UTC it does.
    if EventDate::parse(&date.machine()).is_err() {
        date.offset = 0;
    }
    date
}

/// Any valid date, at any precision, over the whole range Annals reads
/// (years 0001 to 9999, offsets up to ±23:59).
fn any_date() -> impl Strategy<Value = EventDate> {
    let year = prop_oneof![
        1i16..=9999,
        select(vec![1i16, 1600, 1900, 2000, 2024, 9999])
    ];
    let offset = (select(vec![-1, 1]), 0i32..=23, 0i32..=59)
        .prop_map(|(sign, h, m)| sign * (h * 3600 + m * 60));
    (
        precision(),
        year,
        1u8..=12,
        1u8..=31,
        0u32..86_400,
        prop_oneof![Just(0), offset],
    )
        .prop_map(|(p, y, m, d, s, o)| date_from(p, y, m, d, s, o))
}

/// Dates drawn from small pools, so that equal calendar dates, equal
/// instants written with different offsets, and month ends collide often.
fn crowded_date() -> impl Strategy<Value = EventDate> {
    (
        precision(),
        select(vec![1999i16, 2000, 2024]),
        select(vec![1u8, 2, 12]),
        select(vec![1u8, 28, 29, 31]),
        select(vec![0u32, 3_600, 7_200, 86_399]),
        select(vec![0i32, 3_600, -3_600, 7_200, 19_800]),
    )
        .prop_map(|(p, y, m, d, s, o)| date_from(p, y, m, d, s, o))
}

fn mixed_date() -> impl Strategy<Value = EventDate> {
    prop_oneof![any_date(), crowded_date()]
}

/// Two instants on the same local day that are the same moment, written
/// with different offsets (10:00+01:00 and 09:00Z).
fn same_moment() -> impl Strategy<Value = (EventDate, EventDate)> {
    (any_date(), -12i32..=12, 0u32..86_400).prop_map(|(date, hours, seconds)| {
        let a = date_from(
            Precision::Instant,
            date.year,
            date.month,
            date.day,
            seconds,
            date.offset,
        );
        let shift = hours * 3600;
        let later = i64::from(seconds) + i64::from(shift);
        let mut b = a.clone();
        if (0..86_400).contains(&later) && (a.offset + shift).abs() <= MAX_OFFSET {
            b.seconds = later as u32;
            b.offset += shift;
        }
        (a, b)
    })
}

/// Text shaped like a date, most of it valid, some of it not: leap days,
/// day 31 in short months, leap seconds, fractions, `t` and ` `, `z`.
fn date_like_text() -> impl Strategy<Value = String> {
    "[0-9]{4}(-(0[0-9]|1[0-3])(-[0-3][0-9]([Tt ]([01][0-9]|2[0-4]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]{1,4})?([Zz]|[+-]([01][0-9]|2[0-4]):[0-6][0-9]))?)?)?"
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn dates_round_trip_through_their_machine_form(date in mixed_date()) {
        let text = date.machine();
        let back = EventDate::parse(&text);
        prop_assert_eq!(back.as_ref(), Ok(&date), "{} did not read back", text);
        // Reading is forgiving of surrounding space, never of the value.
        prop_assert_eq!(EventDate::parse(&format!("  {text}\n")), Ok(date.clone()));
        // The readers' form never panics and is never empty.
        prop_assert!(!date.human().is_empty());
        prop_assert_eq!(date.to_string(), date.human());
    }

    #[test]
    fn whatever_parses_reads_back_the_same(text in date_like_text()) {
        if let Ok(date) = EventDate::parse(&text) {
            let machine = date.machine();
            prop_assert_eq!(EventDate::parse(&machine), Ok(date.clone()), "{} -> {}", text, machine);
            prop_assert!(machine.len() <= text.trim().len() + 1, "{} -> {}", text, machine);
            date.human();
        }
    }

    #[test]
    fn date_parsing_never_panics(text in prop_oneof![any::<String>(), "[0-9T:+Zz. -]{0,40}"]) {
        if let Ok(date) = EventDate::parse(&text) {
            prop_assert_eq!(EventDate::parse(&date.machine()), Ok(date.clone()));
        }
    }

    #[test]
    fn dates_are_totally_ordered(a in mixed_date(), b in mixed_date(), c in mixed_date()) {
        // Antisymmetric, and consistent with `==` and `partial_cmp`.
        prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
        prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b, "{:?} vs {:?}", a, b);
        prop_assert_eq!(a.partial_cmp(&b), Some(a.cmp(&b)));
        prop_assert_eq!(a.cmp(&a), Ordering::Equal);
        // Transitive.
        if a <= b && b <= c {
            prop_assert!(a <= c, "{:?} <= {:?} <= {:?}", a, b, c);
        }
        // Ranges never panic, whichever way round.
        human_range(&a, &b);
        a.not_after(&b);
    }

    #[test]
    fn one_moment_in_two_offsets_is_ordered_like_two_dates((a, b) in same_moment()) {
        prop_assert_eq!(a.unix_seconds(), b.unix_seconds());
        prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b, "{} vs {}", a.machine(), b.machine());
        prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
    }

    #[test]
    fn sorted_dates_are_in_order_pairwise(mut dates in prop::collection::vec(mixed_date(), 0..24)) {
        dates.sort();
        for i in 0..dates.len() {
            for j in i + 1..dates.len() {
                prop_assert!(dates[i] <= dates[j], "{:?} after {:?}", dates[i], dates[j]);
            }
        }
    }

    #[test]
    fn a_coarser_date_sorts_before_the_finer_dates_inside_it(fine in mixed_date()) {
        let coarser = [Precision::Year, Precision::Month, Precision::Day]
            .into_iter()
            .filter(|&p| p < fine.precision)
            .map(|p| date_from(p, fine.year, fine.month, fine.day, 0, 0));
        for coarse in coarser {
            prop_assert!(coarse < fine, "{:?} not before {:?}", coarse, fine);
            prop_assert!(coarse.not_after(&fine) && fine.not_after(&coarse));
        }
    }
}

// ---------------------------------------------------------------- slugs

/// Pieces of names that have broken path handling somewhere.
const HOSTILE: &[&str] = &[
    "..",
    ".",
    "/",
    "\\",
    "\0",
    "\u{200F}",
    "\u{202E}",
    "\u{FEFF}",
    "\u{301}",
    "😀",
    "👩‍👩‍👧",
    "🇺🇦",
    "Київ",
    "北京",
    "ﬁ",
    "ß",
    "İ",
    "Ⅻ",
    "'",
    "’",
    "-",
    "--",
    " ",
    "\t",
    "\n",
    "CON",
    "a",
    "Z9",
    "%2e%2e",
    "?",
    "#",
    "<",
    ":",
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(select(HOSTILE), 0..40).prop_map(|v| v.concat()),
        "[a-zé北😀 .'/-]{200,3000}",
        prop::collection::vec(select(HOSTILE), 1..4).prop_map(|v| v.concat().repeat(500)),
    ]
}

/// Checks that `slug` can be used as one segment of a path anywhere.
fn assert_safe_segment(slug: &str, from: &str) -> Result<(), TestCaseError> {
    prop_assert!(is_valid(slug), "{:?} gave {:?}", from, slug);
    prop_assert!(
        !slug.contains(['/', '\\', '\0']),
        "{:?} gave {:?}",
        from,
        slug
    );
    prop_assert!(slug != "." && slug != "..");
    prop_assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{:?} gave {:?}",
        from,
        slug
    );
    prop_assert!(
        slug.len() <= annals::slug::MAX_LEN,
        "{:?} gave a slug of {} bytes",
        from.chars().take(40).collect::<String>(),
        slug.len()
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn slugs_are_always_safe_path_segments(text in hostile_text()) {
        let slug = slugify(&text);
        assert_safe_segment(&slug, &text)?;
        // A slug is its own slug.
        prop_assert_eq!(slugify(&slug), slug);
    }

    #[test]
    fn every_valid_slug_is_safe_and_kept_as_it_is(text in prop_oneof![
        hostile_text(),
        "[a-z0-9-]{1,300}",
    ]) {
        if is_valid(&text) {
            assert_safe_segment(&text, &text)?;
            prop_assert_eq!(slugify(&text), text);
        }
    }
}

// ---------------------------------------------------------------- front matter

/// Bits of YAML and front matter, for text that is nearly right.
const YAMLISH: &[&str] = &[
    "---\n",
    "---",
    "...\n",
    "\n",
    "\r\n",
    "\r",
    "title: ",
    "date: ",
    "end: ",
    "slug: ",
    "related: ",
    "actors: ",
    "tags:\n  - ",
    "places: [",
    "status: ",
    "approximate: ",
    "draft: true",
    "summary: |\n  ",
    "sources:\n  - title: x\n    url: ",
    "  - ",
    "    date: ",
    "2021",
    "2021-06",
    "2025-02-18",
    "2025-02-30",
    "2025-02-18T14:30:00+03:00",
    "0000",
    "https://example.org/",
    "javascript:alert(1)",
    "reported",
    "happend",
    "\"",
    "'",
    "\\",
    "[",
    "]",
    "{",
    "}",
    ",",
    ": ",
    ":",
    "- ",
    "? ",
    "#",
    "|",
    ">",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "!x ",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "  ",
    "\t",
    "null",
    "~",
    "true",
    "x",
    "Київ",
    "😀",
    "\u{FEFF}",
    "\u{85}",
    "\u{2028}",
    "\0",
    "\\u0000",
    "\\uD800",
    "../../etc/passwd",
    "[[[[[[[[",
    "{{ site }}",
];

fn yamlish() -> impl Strategy<Value = String> {
    prop::collection::vec(select(YAMLISH), 0..60).prop_map(|v| v.concat())
}

fn event_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        yamlish(),
        (yamlish(), yamlish()).prop_map(|(front, body)| format!("---\n{front}\n---\n{body}")),
        (mixed_date(), yamlish()).prop_map(|(date, more)| format!(
            "---\ntitle: x\ndate: {}\n{more}\n---\n",
            date.machine()
        )),
    ]
}

proptest! {
    #![proptest_config(config(768))]

    #[test]
    fn front_matter_parsing_never_panics(
        text in event_text(),
        stem in prop_oneof![Just("event".to_string()), hostile_text()],
    ) {
        let name: String = stem.replace(['/', '\0'], "_").chars().take(60).collect();
        let file = Path::new("content").join(format!("{name}.md"));
        match parse_event(&file, &text) {
            Ok(event) => {
                assert_safe_segment(&event.slug, &name)?;
                prop_assert!(!event.title.trim().is_empty());
                match &event.dates {
                    Some(dates) => {
                        prop_assert_eq!(Dates::parse(&dates.edtf()), Ok(dates.clone()));
                        if let Some(end) = dates.end_date() {
                            prop_assert!(dates.start.date.not_after(end));
                        }
                    }
                    None => prop_assert!(event.reported_on.is_some()),
                }
                for names in [&event.actors, &event.places, &event.tags] {
                    prop_assert!(names.iter().all(|n| !n.trim().is_empty()));
                }
            }
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
        let _ = parse_intro(&file, &text);
    }
}

// ---------------------------------------------------------------- whole sites

/// Quotes `text` as a YAML double-quoted scalar, escaping whatever YAML
/// does not allow as it is.
fn yaml_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' | '\u{A0}'..='\u{2027}' | '\u{202A}'..='\u{D7FF}' => out.push(c),
            '\u{E000}'..='\u{FFFD}' | '\u{10000}'.. if c != '\u{FEFF}' => out.push(c),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Pieces of titles and names: markup, entities, template syntax, path
/// tricks, scripts in several directions.
const TITLE_BITS: &[&str] = &[
    "Talks",
    "in",
    "Riyadh",
    " ",
    "<b>",
    "</a>",
    "<script>alert(1)</script>",
    "&amp;",
    "&",
    "\"",
    "'",
    "’",
    "`",
    "..",
    "/",
    "\\",
    "#",
    "?",
    "%20",
    ":",
    "- ",
    "{{ site.title }}",
    "{%",
    "Київ",
    "北京",
    "😀",
    "\u{202E}",
    "\u{200F}",
    "\0",
    "\t",
    "\u{7F}",
];

/// Names of actors, places and tags: some collide once made into slugs,
/// one is longer than a file name may be.
const NAMES: &[&str] = &[
    "Marco Rubio",
    "marco rubio",
    "Київ",
    "北京",
    "..",
    "a/b",
    "a\\b",
    "O'Brien",
    "O’Brien",
    "???",
    "Untitled",
    "😀",
    "<script>",
    "CON",
    "#1",
    "Ünïcödé",
    "Volodymyr Zelenskyy, President of Ukraine, in a name far longer than any file system allows for one segment of a path, which is two hundred and fifty-five bytes on most of them; this name goes on and on and on so that its slug, made of the words, is longer than that limit",
];

#[derive(Debug, Clone)]
struct GenEvent {
    title: String,
    date: EventDate,
    end: Option<EventDate>,
    status: Status,
    approximate: bool,
    draft: bool,
    explicit_slug: bool,
    summary: Option<String>,
    actors: Vec<&'static str>,
    places: Vec<&'static str>,
    tags: Vec<&'static str>,
    /// Indices of other events (taken modulo the number of events).
    related: Vec<usize>,
    sourced: bool,
}

#[derive(Debug, Clone)]
struct GenSite {
    events: Vec<GenEvent>,
    base_url: Option<&'static str>,
    split_threshold: Option<usize>,
    drafts: bool,
}

fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(select(TITLE_BITS), 1..8).prop_map(|bits| {
        let t = bits.concat();
        // Control characters are stripped from titles (HTML forbids them),
        // so a title of only those and spaces would be empty.
        if t.chars().all(|c| c.is_whitespace() || c.is_control()) {
            format!("x{t}")
        } else {
            t
        }
    })
}

fn names() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(select(NAMES), 0..4)
}

fn gen_event() -> impl Strategy<Value = GenEvent> {
    (
        (title(), mixed_date(), prop::option::of(mixed_date())),
        (
            select(Status::ALL.to_vec()),
            any::<bool>(),
            prop::bool::weighted(0.2),
        ),
        (any::<bool>(), prop::option::of(title())),
        (names(), names(), names()),
        (prop::collection::vec(0usize..8, 0..4), any::<bool>()),
    )
        .prop_map(
            |(
                (title, date, end),
                (status, approximate, draft),
                (explicit_slug, summary),
                (actors, places, tags),
                (related, sourced),
            )| GenEvent {
                end: end.filter(|e| date.not_after(e)),
                title,
                date,
                status,
                approximate,
                draft,
                explicit_slug,
                summary,
                actors,
                places,
                tags,
                related,
                sourced,
            },
        )
}

fn gen_site() -> impl Strategy<Value = GenSite> {
    (
        prop::collection::vec(gen_event(), 2..=8),
        select(vec![
            None,
            Some("https://example.org/"),
            Some("https://example.org/annals/"),
        ]),
        prop::option::of(1usize..4),
        any::<bool>(),
    )
        .prop_map(|(events, base_url, split_threshold, drafts)| GenSite {
            events,
            base_url,
            split_threshold,
            drafts,
        })
}

fn yaml_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| yaml_quote(n)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The files of a generated site. Event `i` is `content/<i>-<title>.md`
/// (or has `slug: e<i>`), so every slug is distinct.
fn site_files(site: &GenSite) -> Vec<(String, String)> {
    let stems: Vec<String> = site
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let title: String = e
                .title
                .replace(['/', '\\', '\0'], " ")
                .chars()
                .take(40)
                .collect();
            format!("{i}-{title}")
        })
        .collect();
    let slugs: Vec<String> = site
        .events
        .iter()
        .zip(&stems)
        .enumerate()
        .map(|(i, (e, stem))| {
            if e.explicit_slug {
                format!("e{i}")
            } else {
                slugify(stem)
            }
        })
        .collect();
    let mut files = Vec::new();
    if let Some(n) = site.split_threshold {
        files.push((
            "annals.yaml".into(),
            format!("timeline:\n  split_threshold: {n}\n"),
        ));
    }
    let n = site.events.len();
    for (i, e) in site.events.iter().enumerate() {
        let mut front = vec![
            format!("title: {}", yaml_quote(&e.title)),
            format!("date: {}", e.date.machine()),
            format!("status: {}", e.status.as_str()),
            format!("approximate: {}", e.approximate),
            format!("draft: {}", e.draft),
            format!("actors: {}", yaml_list(&e.actors)),
            format!("places: {}", yaml_list(&e.places)),
            format!("tags: {}", yaml_list(&e.tags)),
        ];
        if let Some(end) = &e.end {
            front.push(format!("end: {}", end.machine()));
        }
        if e.explicit_slug {
            front.push(format!("slug: {}", slugs[i]));
        }
        if let Some(summary) = &e.summary {
            front.push(format!("summary: {}", yaml_quote(summary)));
        }
        let related: Vec<&str> = e
            .related
            .iter()
            .map(|r| r % n)
            .filter(|&r| r != i)
            .map(|r| slugs[r].as_str())
            .collect();
        front.push(format!("related: {}", yaml_list(&related)));
        if e.sourced {
            front.push(format!(
                "sources:\n  - title: {}\n    url: \"https://example.org/a?b=1&c=<2>#x\"\n    date: {}",
                yaml_quote(&e.title),
                e.date.machine()
            ));
        }
        // Headings make ids (twice the same, so they need telling apart).
        let body = format!(
            "## {0}\n\nText *with* [a link](https://example.org/) and <b>html</b>.\n\n## {0}\n",
            e.title.replace(['\0', '\n'], " ")
        );
        files.push((
            format!("content/{}.md", stems[i]),
            common::event(&front.join("\n"), &body),
        ));
    }
    files
}

proptest! {
    // Each case is a run of the binary.
    #![proptest_config(config(12))]

    #[test]
    fn every_internal_link_of_a_built_site_resolves(generated in gen_site()) {
        let files = site_files(&generated);
        let site = common::site_owned(&files);
        let out = site.root().join("out");
        let (site_dir, out_dir) = (site.path().to_str().unwrap(), out.to_str().unwrap());
        let mut args = vec!["build", site_dir, "--output", out_dir];
        if let Some(url) = generated.base_url {
            args.extend(["--base-url", url]);
        }
        if generated.drafts {
            args.push("--drafts");
        }
        let (code, _, stderr) = common::run(&args, site.root());
        prop_assert_eq!(code, 0, "{}\n{:#?}", stderr, files);
        let root_path = match generated.base_url {
            Some(url) if url.ends_with("/annals/") => "/annals/",
            _ => "/",
        };
        let checked = common::check_links(&out, root_path);
        prop_assert!(checked > 0);
    }
}
