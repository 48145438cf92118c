//! Moving from TimelineJS without losing anything: `annals init`, then
//! `annals import timelinejs`, as a new user would. The import replaces
//! init's untouched placeholders and never an edited file; a slide dated
//! after the day of import is `expected`; an import that writes no event
//! fails and says why; the site folder's problems are named.

mod common;
use common::*;

/// A TimelineJS file with a title slide and the given slides.
fn timeline(slides: &str) -> String {
    format!(
        r#"{{"title": {{"text": {{"headline": "The talks", "text": "<p>How the talks went.</p>"}}}},
            "events": [{slides}]}}"#
    )
}

const TWO: &str = r#"
    {"start_date": {"year": 2025, "month": 2, "day": 18}, "text": {"headline": "Talks in Riyadh"}},
    {"start_date": {"year": 2050}, "text": {"headline": "A treaty expires"}}"#;

/// A fresh site made by `annals init` in a temporary folder.
fn initialised() -> Site {
    let site = site(&[]);
    let (code, _, stderr) = site.run(&["init", "."]);
    assert_eq!(code, 0, "{stderr}");
    site
}

fn import(site: &Site, json: &str, today: &str) -> (i32, String, String) {
    site.write("timeline.json", json);
    site.run(&[
        "import",
        "timelinejs",
        "timeline.json",
        ".",
        "--today",
        today,
    ])
}

const INTRO: &str = "content/_index.md";
const FIRST: &str = "content/2025-02-18-first-round-of-talks.md";
const SECOND: &str = "content/2025-03-second-round-expected.md";

#[test]
fn import_into_a_fresh_site_replaces_inits_placeholders() {
    let site = initialised();
    let config = site.read("annals.yaml");
    let (code, stdout, stderr) = import(&site, &timeline(TWO), "2026-12-07");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "imported 2 events and the title slide into content/ (skipped 0)\n"
    );
    assert!(
        stderr.contains(
            "replaced content/_index.md, init's untouched introduction, with the title slide\n"
        ),
        "{stderr}"
    );
    for example in [FIRST, SECOND] {
        assert!(
            stderr.contains(&format!(
                "removed {example}, init's untouched example event\n"
            )),
            "{stderr}"
        );
        assert!(!site.join(example).exists(), "{example}");
    }
    // The picture the first example shows goes with it.
    assert!(
        stderr.contains("removed content/example-map.svg, the picture of init's example event\n"),
        "{stderr}"
    );
    assert_eq!(
        site.read(INTRO),
        "---\ntitle: The talks\n---\n\nHow the talks went.\n"
    );
    assert_eq!(site.read("annals.yaml"), config);
    let names = names_in(&site, "content");
    assert_eq!(
        names,
        [
            "2025-02-18-talks-in-riyadh.md",
            "2050-a-treaty-expires.md",
            "_index.md"
        ]
    );
    // The placeholders are gone from the built site too.
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("built 2 events,"), "{stdout}");
    let home = site.read("public/index.html");
    assert!(home.contains("The talks"), "{home}");
    for placeholder in ["My timeline", "First Delegation", "Example News"] {
        assert!(!home.contains(placeholder), "{placeholder} in {home}");
    }
}

fn names_in(site: &Site, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn edited_files_are_never_touched() {
    let site = initialised();
    let edited_intro = site.read(INTRO).replace("My timeline", "Our talks");
    site.write(INTRO, &edited_intro);
    let edited_first = format!("{}\nMy own note.\n", site.read(FIRST));
    site.write(FIRST, &edited_first);
    let (code, _, stderr) = import(&site, &timeline(TWO), "2026-12-07");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(site.read(INTRO), edited_intro);
    assert_eq!(site.read(FIRST), edited_first);
    assert!(!site.join(SECOND).exists());
    assert!(
        stderr.contains("skipped the title slide \"The talks\": content/_index.md exists\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "removed {SECOND}, init's untouched example event\n"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("replaced"), "{stderr}");
    assert!(!stderr.contains(FIRST), "{stderr}");
    // The edited example keeps the picture it shows.
    assert!(site.join("content/example-map.svg").is_file());
    assert!(!stderr.contains("example-map.svg"), "{stderr}");

    // Without a title slide, init's introduction stays, and the report
    // says it is still init's.
    let site = initialised();
    let intro = site.read(INTRO);
    let json = format!(r#"{{"events": [{TWO}]}}"#);
    let (code, _, stderr) = import(&site, &json, "2026-12-07");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(site.read(INTRO), intro);
    assert!(
        stderr.contains(
            "note: content/_index.md is still the introduction `annals init` wrote: write your own\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_slide_dated_after_the_day_of_import_is_expected() {
    let site = initialised();
    let (code, _, stderr) = import(&site, &timeline(TWO), "2026-12-07");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        site.read("content/2050-a-treaty-expires.md"),
        "---\ntitle: A treaty expires\ndate: 2050\nstatus: expected\n---\n"
    );
    assert!(
        stderr.contains("note: slide 2 \"A treaty expires\": it is dated after the day of the import (2026-12-07): it is `status: expected`, not a fact yet\n"),
        "{stderr}"
    );
    assert!(
        !site
            .read("content/2025-02-18-talks-in-riyadh.md")
            .contains("status"),
    );
    // On a day after 2050 it is a fact, as TimelineJS gave it.
    let site = initialised();
    let (code, _, _) = import(&site, &timeline(TWO), "2051-01-01");
    assert_eq!(code, 0);
    assert!(
        !site
            .read("content/2050-a-treaty-expires.md")
            .contains("status")
    );
    // The day is a day.
    let (code, _, stderr) = import(&site, &timeline(TWO), "2026-12");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--today"), "{stderr}");
}

#[test]
fn an_import_that_writes_no_event_fails_and_says_why() {
    let bce = r#"
        {"start_date": {"year": -44, "month": 3, "day": 15}, "text": {"headline": "Caesar"}},
        {"start_date": {"year": -490}, "text": {"headline": "Marathon"}}"#;
    let site = initialised();
    site.write("timeline.json", timeline(bce));
    let before = tree(site.path());
    let (code, stdout, stderr) = import(&site, &timeline(bce), "2026-12-07");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "imported 0 events into content/ (skipped 3)\n");
    assert!(
        stderr.contains("skipped slide 1 \"Caesar\": the year -44 is before year 1"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "skipped the title slide \"The talks\": no event was imported, so it was not written\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: no event was imported: none of its 2 slides could be imported (the reason for each is above)\n  --> timeline.json\n"),
        "{stderr}"
    );
    // Nothing was touched: init's placeholders are all there.
    assert_same_tree(
        &before,
        &tree(site.path()),
        "an import that imported nothing",
    );

    let (code, _, stderr) = import(&site, r#"{"events": []}"#, "2026-12-07");
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error: no event was imported: the file has no slides\n"),
        "{stderr}"
    );
}

#[test]
fn a_site_folder_that_does_not_exist_is_named_so() {
    let site = site(&[("timeline.json", &timeline(TWO)), ("a-file", "x")]);
    let (code, _, stderr) = site.run(&["import", "timelinejs", "timeline.json", "no-such-site"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("error: no-such-site does not exist\n"),
        "{stderr}"
    );
    let (code, _, stderr) = site.run(&["import", "timelinejs", "timeline.json", "a-file"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("error: a-file is not a folder\n"),
        "{stderr}"
    );
    assert!(!site.join("no-such-site").exists());
}
