//! The shipped theme in real tools: every built page through the W3C Nu
//! Html Checker, and the served site through headless Chromium
//! (tests/browser/check.mjs: console and network errors, axe-core in the
//! light and the dark colour scheme, layout at phone width, reading without
//! JavaScript, keyboard, weight budgets, filtering, and `timeline.json` in
//! TimelineJS 3). The same for a split timeline (one page per year, and per
//! month of a dense year) written here as a fixture, whose filters search
//! the whole timeline via search.json. And the shipped site as known on a
//! day (`--as-of`, tests/browser/as_of.mjs): every page of its build through
//! the Nu Html Checker, and in the browser its "As known on" banner, the
//! overdue expectation, and the events it leaves out. And the first
//! screen of the timeline pages (tests/browser/first_screen.mjs), of the
//! shipped site (also as known on a day, with its banner) and of the split
//! fixture's year and month pages.
//!
//! These need tools that `cargo` does not bring: Java, Chromium at
//! /usr/bin/chromium, and the npm packages of tests/browser (playwright-core,
//! axe-core, vnu-jar, @knight-lab/timelinejs). Without them a test prints a line starting with
//! `SKIPPED:` that says what to install, and passes; when the `CI`
//! environment variable is set, a missing tool fails the test instead.
//!
//!     apt-get install chromium default-jre-headless
//!     cd tests/browser && npm ci --ignore-scripts
//!
//! And media (tests/browser/media.mjs, on the fixture of
//! tests/support/media_site.rs: 50 events with a photo each): every page of
//! its build through the Nu Html Checker, and in the browser the timeline's
//! weight on a phone before scrolling, lazy thumbnails, axe, and no request
//! to another host.
//!
//! And right-to-left pages (tests/browser/rtl.mjs, on the Arabic fixture
//! of tests/fixtures/arabic): every page of its build through the Nu Html
//! Checker, and in the browser `dir="rtl"`, the page the mirror image of
//! itself laid out left to right, Latin names in Arabic titles in their
//! place, and axe; its screenshots at 1280 and 390 px go to target/tmp/
//! screenshots (or ANNALS_SCREENSHOTS), and the test prints their paths.
//!
//! Set ANNALS_SCREENSHOTS to a folder to get screenshots of the timeline.

#[path = "support/media_site.rs"]
mod media_site;

mod browser_support;
use browser_support::*;
use std::io::Write;
use std::path::{Path, PathBuf};

#[test]
fn nu_checker_finds_no_errors() {
    const TEST: &str = "nu_checker_finds_no_errors";
    let jar = match nu_checker() {
        Ok(jar) => jar,
        Err(what) => return missing(TEST, what),
    };

    let tmp = tempfile::Builder::new()
        .prefix("annals-vnu-")
        .tempdir()
        .unwrap();
    let out = tmp.path().join("public");
    build(Path::new(REPO), &out, &[]);
    let pages = html_files(&out);
    assert!(
        pages.len() > 10,
        "expected the whole site, found only {pages:?}"
    );
    match nu_check(&jar, &out) {
        Ok(took) => eprintln!(
            "the Nu Html Checker found no errors in {} pages in {took:.1?}",
            pages.len()
        ),
        Err(report) => panic!("{report}"),
    }
}

/// What the shipped timeline must show on the first screen, without
/// scrolling (issue 20): at least this many event titles at 1280 × 800...
const FIRST_SCREEN_DESKTOP: usize = 6;
/// ...and at 390 × 844.
const FIRST_SCREEN_PHONE: usize = 2;

/// The arguments of first_screen.mjs for the shipped timeline, of `events`
/// events: its first screen's figures.
fn first_screen_args(events: usize) -> [String; 6] {
    [
        "--events".to_string(),
        events.to_string(),
        "--titles-desktop".to_string(),
        FIRST_SCREEN_DESKTOP.to_string(),
        "--titles-phone".to_string(),
        FIRST_SCREEN_PHONE.to_string(),
    ]
}

/// The first screen of the shipped timeline (tests/browser/first_screen.mjs):
/// the events first, the panel beside them on a desktop, the filters behind
/// one button on a phone, Tab order and focus, print, and the number of
/// titles on the first screen.
#[test]
fn first_screen_in_the_browser() {
    const TEST: &str = "first_screen_in_the_browser";
    if let Err(what) = browser_tools() {
        return missing(TEST, &what);
    }
    let args = first_screen_args(event_files());
    match run_script("first_screen.mjs", Path::new(REPO), &[], &args) {
        Ok((stdout, took)) => eprintln!("the first-screen checks passed in {took:.1?}:\n{stdout}"),
        Err(report) => panic!("{report}"),
    }
}

#[test]
fn browser_checks() {
    const TEST: &str = "browser_checks";
    if let Err(what) = browser_tools() {
        return missing(TEST, &what);
    }
    let events = event_files();
    match run_check(
        Path::new(REPO),
        &[],
        &["--events".to_string(), events.to_string()],
    ) {
        Ok((stdout, took)) => eprintln!("the browser checks passed in {took:.1?}:\n{stdout}"),
        Err(report) => panic!("{report}"),
    }
}

/// One event of the split fixture.
struct Fixture {
    slug: &'static str,
    title: &'static str,
    date: &'static str,
    status: &'static str,
    actors: &'static [&'static str],
    places: &'static [&'static str],
    tags: &'static [&'static str],
}

/// The split fixture: nine events over 2023, 2024 (one of them dated only
/// by its year) and 2025, which with five events past a threshold of 3 is
/// split by month (three in January, two in February, the last of them at
/// an instant with a UTC offset). Every status is used, and Ada Lovelace is
/// in events of all three years.
const SPLIT_EVENTS: &[Fixture] = &[
    Fixture {
        slug: "2023-03-01-notes-drafted",
        title: "Notes on the engine drafted",
        date: "2023-03-01",
        status: "happened",
        actors: &["Ada Lovelace", "Charles Babbage"],
        places: &["London"],
        tags: &["engines"],
    },
    Fixture {
        slug: "2023-09-12-funding-refused",
        title: "Funding refused",
        date: "2023-09-12",
        status: "reported",
        actors: &["Charles Babbage"],
        places: &["London"],
        tags: &["money"],
    },
    Fixture {
        slug: "2024-translation",
        title: "Translation published",
        date: "2024",
        status: "announced",
        actors: &["Ada Lovelace"],
        places: &[],
        tags: &["engines", "publishing"],
    },
    Fixture {
        slug: "2024-06-05-lecture",
        title: "Lecture in Turin",
        date: "2024-06-05",
        status: "happened",
        actors: &["Mary Somerville"],
        places: &["Turin"],
        tags: &["publishing"],
    },
    Fixture {
        slug: "2025-01-10-meeting",
        title: "Meeting at the Royal Society",
        date: "2025-01-10",
        status: "happened",
        actors: &["Ada Lovelace", "Mary Somerville"],
        places: &["London"],
        tags: &["engines"],
    },
    Fixture {
        slug: "2025-01-20-demonstration",
        title: "Demonstration planned",
        date: "2025-01-20",
        status: "planned",
        actors: &["Charles Babbage"],
        places: &["London"],
        tags: &[],
    },
    Fixture {
        slug: "2025-01-28-visit",
        title: "Visit expected",
        date: "2025-01-28",
        status: "expected",
        actors: &["Mary Somerville"],
        places: &["Paris"],
        tags: &["travel"],
    },
    Fixture {
        slug: "2025-02-03-program",
        title: "Program for Bernoulli numbers",
        date: "2025-02-03",
        status: "cancelled",
        actors: &["Ada Lovelace"],
        places: &[],
        tags: &["engines"],
    },
    Fixture {
        slug: "2025-02-14-rumour",
        title: "Rumour of a second engine",
        date: "2025-02-14T18:30:00+01:00",
        status: "denied",
        actors: &["Charles Babbage"],
        places: &[],
        tags: &["money"],
    },
];

/// The actor whose filter the browser checks: name and slug.
const SPLIT_ACTOR: (&str, &str) = ("Ada Lovelace", "ada-lovelace");

/// The split fixture's one corrected event.
const CORRECTED: &str = "2025-01-10-meeting";

/// Writes the split fixture into `dir`.
fn write_split_site(dir: &Path) {
    let list = |names: &[&str]| {
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        format!("[{}]", quoted.join(", "))
    };
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(
        dir.join("annals.yaml"),
        "title: \"The Analytical Engine\"\ntimeline:\n  split_threshold: 3\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("content/_index.md"),
        "---\ntitle: \"The Analytical Engine\"\ndescription: \"A test timeline split by year.\"\n---\n\nNine events over three years.\n",
    )
    .unwrap();
    for e in SPLIT_EVENTS {
        let front = format!(
            "title: \"{}\"\ndate: {}\nstatus: {}\nsummary: \"{} ({}).\"\nactors: {}\nplaces: {}\ntags: {}\n",
            e.title,
            e.date,
            e.status,
            e.title,
            e.status,
            list(e.actors),
            list(e.places),
            list(e.tags),
        );
        // One corrected event, for the corrections page and the status
        // filter's "corrected" value (tests/browser/check.mjs).
        let corrections = if e.slug == CORRECTED {
            "corrections:\n  - date: 2025-01-12\n    note: \"An earlier version placed the meeting in Paris.\"\n"
        } else {
            ""
        };
        std::fs::write(
            dir.join("content").join(format!("{}.md", e.slug)),
            format!(
                "---\n{front}{corrections}---\n\nWhat happened: {}.\n",
                e.title
            ),
        )
        .unwrap();
    }
}

#[test]
fn split_timeline_in_the_browser() {
    const TEST: &str = "split_timeline_in_the_browser";
    let nu = nu_checker();
    let browser = browser_tools();
    if let (Err(a), Err(b)) = (&nu, &browser) {
        return missing(TEST, &format!("{a}; {b}"));
    }

    let tmp = tempfile::Builder::new()
        .prefix("annals-split-")
        .tempdir()
        .unwrap();
    let site = tmp.path().join("site");
    write_split_site(&site);
    let events = SPLIT_EVENTS.len();
    // K: the actor's events, in the whole timeline.
    let (actor_name, actor_slug) = SPLIT_ACTOR;
    let of_actor: Vec<&Fixture> = SPLIT_EVENTS
        .iter()
        .filter(|e| e.actors.contains(&actor_name))
        .collect();
    let actor_count = of_actor.len();
    let mut actor_years: Vec<&str> = of_actor.iter().map(|e| &e.date[..4]).collect();
    actor_years.dedup();
    assert_eq!(
        actor_count, 4,
        "the fixture's count of {actor_name}'s events"
    );
    assert!(
        actor_years.len() >= 2,
        "{actor_name} must be in events of several years: {actor_years:?}"
    );

    let out = tmp.path().join("public");
    build(&site, &out, &[]);
    let pages = html_files(&out);
    for page in [
        "index.html",
        "2023/index.html",
        "2024/index.html",
        "2025/index.html",
        "2025/01/index.html",
        "2025/02/index.html",
    ] {
        assert!(
            pages.iter().any(|p| p == page),
            "the split site has no {page}; its pages: {pages:?}"
        );
    }
    assert!(
        out.join("search.json").is_file(),
        "the split site has no search.json"
    );

    let mut failures = Vec::new();
    match &nu {
        Ok(jar) => match nu_check(jar, &out) {
            Ok(took) => eprintln!(
                "the Nu Html Checker found no errors in the {} pages of the split site in {took:.1?}",
                pages.len()
            ),
            Err(report) => failures.push(format!("split site: {report}")),
        },
        Err(what) => missing(TEST, what),
    }
    match &browser {
        Ok(()) => {
            let args = [
                "--split".to_string(),
                "--events".to_string(),
                events.to_string(),
                "--actor".to_string(),
                actor_slug.to_string(),
                "--actor-count".to_string(),
                actor_count.to_string(),
            ];
            match run_check(&site, &[], &args) {
                Ok((stdout, took)) => eprintln!(
                    "the browser checks of the split site passed in {took:.1?}:\n{stdout}"
                ),
                Err(report) => failures.push(format!("split site: {report}")),
            }
            // The same first screen on the year grid, a year and a month.
            let mut args = vec!["--events".to_string(), events.to_string()];
            for page in ["/2025/", "/2025/01/", "/2024/", "/"] {
                args.extend(["--page".to_string(), page.to_string()]);
            }
            match run_script("first_screen.mjs", &site, &[], &args) {
                Ok((stdout, took)) => eprintln!(
                    "the first-screen checks of the split site passed in {took:.1?}:\n{stdout}"
                ),
                Err(report) => failures.push(format!("split site, first screen: {report}")),
            }
        }
        Err(what) => missing(TEST, what),
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The day `as_of_in_the_browser` shows the shipped timeline as known on:
/// after the deadline of the envoys' meeting, which nothing settles.
const AS_OF: &str = "2025-03-10";

/// The file of the envoys' meeting, and its deadline as that file gives it.
const ENVOYS_FILE: &str = "content/2025-02-22-envoys-meeting-expected.md";
const ENVOYS_EXPECTED_BY: &str = "2025-03-08";

/// The day after [`ENVOYS_EXPECTED_BY`]: on [`AS_OF`] the meeting is
/// overdue since then.
const OVERDUE_SINCE: &str = "2025-03-09";

/// An earlier day, before the events first reported on 21 and 22 February.
const EARLY: &str = "2025-02-20";

/// Every event of a build as (title, the day it first became known), from
/// its events.json: `reported_on` is that day, as the README documents it.
fn first_known(out: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(out.join("events.json")).expect("events.json");
    let data: serde_json::Value = serde_json::from_str(&text).expect("events.json is JSON");
    data["events"]
        .as_array()
        .expect("events.json has events")
        .iter()
        .map(|e| {
            let title = e["title"].as_str().expect("an event's title");
            let day = e["reported_on"]["value"]
                .as_str()
                .expect("an event's reported_on");
            (title.to_string(), day.to_string())
        })
        .collect()
}

/// The titles of `events` first known after `day`: what a build as known on
/// `day` leaves out. The days are ISO 8601 of any precision, which compare
/// as text (a month of the same month as `day` would count as before it;
/// the shipped timeline has none).
fn known_after(events: &[(String, String)], day: &str) -> Vec<String> {
    events
        .iter()
        .filter(|(_, known)| known.as_str() > day)
        .map(|(title, _)| title.clone())
        .collect()
}

#[test]
fn as_of_in_the_browser() {
    const TEST: &str = "as_of_in_the_browser";
    let nu = nu_checker();
    let browser = browser_tools();
    if let (Err(a), Err(b)) = (&nu, &browser) {
        return missing(TEST, &format!("{a}; {b}"));
    }

    // What the content says: the envoys' meeting is due by 8 March.
    let envoys = std::fs::read_to_string(Path::new(REPO).join(ENVOYS_FILE)).unwrap();
    assert!(
        envoys
            .lines()
            .any(|l| l.trim() == format!("expected_by: {ENVOYS_EXPECTED_BY}")),
        "{ENVOYS_FILE} is no longer expected by {ENVOYS_EXPECTED_BY}; update OVERDUE_SINCE"
    );

    // The whole timeline, and when each event first became known.
    let tmp = tempfile::Builder::new()
        .prefix("annals-as-of-")
        .tempdir()
        .unwrap();
    let all = tmp.path().join("all");
    build(Path::new(REPO), &all, &[]);
    let events = first_known(&all);
    assert_eq!(
        events.len(),
        event_files(),
        "events.json of the shipped build"
    );
    let early_absent = known_after(&events, EARLY);
    let early_days: std::collections::BTreeSet<&str> = events
        .iter()
        .filter(|(title, _)| early_absent.contains(title))
        .map(|(_, day)| day.as_str())
        .collect();
    assert_eq!(
        early_days.into_iter().collect::<Vec<_>>(),
        ["2025-02-21", "2025-02-22"],
        "the events first known after {EARLY}: {early_absent:?}"
    );

    if let Err(what) = &nu {
        missing(TEST, what);
    }
    if let Err(what) = &browser {
        missing(TEST, what);
    }
    let runs = [(AS_OF, Some(OVERDUE_SINCE)), (EARLY, None)];
    let mut failures = Vec::new();

    // Every page of the builds as known on each day through the Nu checker,
    // in one run (it starts slowly): builds/<day>/.
    let builds = tmp.path().join("builds");
    let mut pages = 0;
    for (day, _) in runs {
        let out = builds.join(day);
        build(Path::new(REPO), &out, &["--as-of", day]);
        let found = html_files(&out);
        assert!(
            found.len() > 5,
            "expected the whole site as of {day}, found only {found:?}"
        );
        pages += found.len();
    }
    if let Ok(jar) = &nu {
        match nu_check(jar, &builds) {
            Ok(took) => eprintln!(
                "the Nu Html Checker found no errors in the {pages} pages as of {AS_OF} and {EARLY} in {took:.1?}"
            ),
            Err(report) => failures.push(report),
        }
    }

    // The site served as known on each day, in the browser.
    if browser.is_ok() {
        for (day, overdue_since) in runs {
            let absent = known_after(&events, day);
            let shown = events.len() - absent.len();
            let mut args: Vec<String> = ["--as-of", day, "--events", &shown.to_string()]
                .map(String::from)
                .to_vec();
            if let Some(since) = overdue_since {
                args.extend(["--overdue-since".to_string(), since.to_string()]);
            }
            for title in &absent {
                args.extend(["--absent".to_string(), title.clone()]);
            }
            match run_check(Path::new(REPO), &["--as-of", day], &args) {
                Ok((stdout, took)) => {
                    eprintln!("the browser checks as of {day} passed in {took:.1?}:\n{stdout}")
                }
                Err(report) => failures.push(format!("as of {day}: {report}")),
            }
            // The banner takes no event off the first screen.
            if overdue_since.is_some() {
                let args = first_screen_args(shown);
                match run_script(
                    "first_screen.mjs",
                    Path::new(REPO),
                    &["--as-of", day],
                    &args,
                ) {
                    Ok((stdout, took)) => eprintln!(
                        "the first-screen checks as of {day} passed in {took:.1?}:\n{stdout}"
                    ),
                    Err(report) => failures.push(format!("as of {day}, first screen: {report}")),
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// What a timeline page of 50 events with a photo each may transfer at
/// 390 px before the reader scrolls: HTML, CSS, script and images (issue 21).
const MEDIA_BUDGET_KB: usize = 300;

/// Media in real tools (tests/browser/media.mjs): the fixture of
/// tests/support/media_site.rs through the Nu Html Checker, then served:
/// the timeline's weight on a phone before scrolling, lazy thumbnails, axe
/// on the timeline and the event pages, nothing from another host.
#[test]
fn media_in_the_browser() {
    const TEST: &str = "media_in_the_browser";
    let jar = match nu_checker() {
        Ok(jar) => jar,
        Err(what) => return missing(TEST, what),
    };
    if let Err(what) = browser_tools() {
        return missing(TEST, &what);
    }
    let tmp = tempfile::Builder::new()
        .prefix("annals-media-")
        .tempdir()
        .unwrap();
    let site = tmp.path().join("site");
    media_site::write_media_site(&site);
    let out = tmp.path().join("public");
    build(&site, &out, &[]);
    if let Err(report) = nu_check(&jar, &out) {
        panic!("{report}");
    }
    let args = [
        "--events".to_string(),
        media_site::PHOTOS.to_string(),
        "--budget-kb".to_string(),
        MEDIA_BUDGET_KB.to_string(),
        "--photo".to_string(),
        format!("/events/{}/", media_site::FIRST_PHOTO),
        "--every".to_string(),
        format!("/events/{}/", media_site::ALL_KINDS),
    ];
    match run_script("media.mjs", &site, &[], &args) {
        Ok((stdout, took)) => eprintln!("the media checks passed in {took:.1?}:\n{stdout}"),
        Err(report) => panic!("{report}"),
    }
}

/// The Arabic fixture: five events of the shipped timeline written in
/// Arabic, with Latin names, numbers and the source's English title and
/// quotes inside (`language: ar`).
const RTL_SITE: &str = "tests/fixtures/arabic";

/// Its event whose title starts with a Latin name, and that name.
const RTL_EVENT: &str = "/events/2025-02-20-rubio-herridge-interview/";
const RTL_LATIN_FIRST: &str = "Marco Rubio";

/// Where the screenshots of the right-to-left pages go: ANNALS_SCREENSHOTS
/// if set, as for the other screenshots, else the test's folder in target/.
fn rtl_screenshots() -> PathBuf {
    std::env::var_os("ANNALS_SCREENSHOTS")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots"))
}

/// Right-to-left pages (tests/browser/rtl.mjs): the Arabic fixture through
/// the Nu Html Checker, then served: `dir="rtl"`, the page the mirror image
/// of itself laid out left to right (the timeline's line and the cards on
/// the other side, the overview strip starting at the right), Latin names
/// in Arabic titles in their place, axe, and screenshots at 1280 and 390 px.
#[test]
fn right_to_left_in_the_browser() {
    const TEST: &str = "right_to_left_in_the_browser";
    let nu = nu_checker();
    let browser = browser_tools();
    if let (Err(a), Err(b)) = (&nu, &browser) {
        return missing(TEST, &format!("{a}; {b}"));
    }
    let site = Path::new(REPO).join(RTL_SITE);
    let events = std::fs::read_dir(site.join("content"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "_index.md")
        .count();
    let tmp = tempfile::Builder::new()
        .prefix("annals-rtl-")
        .tempdir()
        .unwrap();
    let out = tmp.path().join("public");
    build(&site, &out, &[]);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "the Arabic timeline's <html>: {}",
        index.lines().nth(1).unwrap_or_default()
    );

    let mut failures = Vec::new();
    match &nu {
        Ok(jar) => match nu_check(jar, &out) {
            Ok(took) => eprintln!(
                "the Nu Html Checker found no errors in the {} pages of the Arabic site in {took:.1?}",
                html_files(&out).len()
            ),
            Err(report) => failures.push(format!("Arabic site: {report}")),
        },
        Err(what) => missing(TEST, what),
    }
    match &browser {
        Ok(()) => {
            let shots = rtl_screenshots();
            let files: Vec<PathBuf> = ["timeline", "event"]
                .iter()
                .flat_map(|page| ["desktop", "phone"].map(|w| format!("rtl-{page}-{w}.png")))
                .map(|file| shots.join(file))
                .collect();
            // None from an earlier run is taken for this run's.
            for file in &files {
                let _ = std::fs::remove_file(file);
            }
            let args = [
                "--events".to_string(),
                events.to_string(),
                "--event".to_string(),
                RTL_EVENT.to_string(),
                "--latin-first".to_string(),
                RTL_LATIN_FIRST.to_string(),
                "--screenshots".to_string(),
                shots.display().to_string(),
            ];
            match run_script("rtl.mjs", &site, &[], &args) {
                Ok((stdout, took)) => {
                    eprintln!("the right-to-left checks passed in {took:.1?}:\n{stdout}")
                }
                Err(report) => failures.push(format!("Arabic site: {report}")),
            }
            // Straight to stderr, past the harness's capture, so that every
            // run says where to look at the pages.
            let saved: Vec<String> = files
                .iter()
                .filter(|path| path.is_file())
                .map(|path| path.display().to_string())
                .collect();
            let _ = writeln!(
                std::io::stderr().lock(),
                "\n{TEST}: screenshots (1280 and 390 px): {}\n",
                saved.join(" ")
            );
        }
        Err(what) => missing(TEST, what),
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
