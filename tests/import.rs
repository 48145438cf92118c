//! `annals import timelinejs`: a TimelineJS JSON file and the CSV export of
//! the TimelineJS Google Sheets template (fixtures in
//! `tests/fixtures/import/`), each with the awkward cases: a title slide,
//! every date precision, times, BCE and far-future years, missing and
//! backward end dates, impossible dates, HTML with a script, media, groups,
//! duplicate headlines, Unicode, eras and empty rows. Each import is
//! checked file by file, imported again (nothing changes, every slide is
//! reported), built, and read back from the built `timeline.json`. Annals'
//! own `timeline.json` goes round the same way.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(REPO).join("tests/fixtures/import").join(name)
}

/// Runs `annals import timelinejs FILE .` in the site.
fn import(site: &Site, file: &Path) -> (i32, String, String) {
    site.run(&["import", "timelinejs", file.to_str().unwrap(), "."])
}

/// The files of `content/`, by name.
fn content(site: &Site) -> BTreeMap<String, String> {
    tree(&site.join("content"))
        .into_iter()
        .map(|(k, v)| (k, String::from_utf8(v).unwrap()))
        .collect()
}

/// Builds the site and returns the events of its `timeline.json`.
fn build_and_read_timeline(site: &Site, events: usize) -> Vec<Value> {
    let (code, stdout, stderr) = site.run(&["build", "--base-url", "https://example.org/"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(&format!("built {events} events,")),
        "{stdout}"
    );
    let json: Value = serde_json::from_str(&site.read("public/timeline.json")).unwrap();
    json["events"].as_array().unwrap().clone()
}

/// TimelineJS headlines are HTML: back to text.
fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The headlines of built slides, sorted.
fn headlines(events: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = events
        .iter()
        .map(|e| unescape_html(e["text"]["headline"].as_str().unwrap()))
        .collect();
    out.sort();
    out
}

/// True if every `<` in the text is escaped (`\\<`), so Markdown shows
/// it as a character and never passes HTML through.
fn no_raw_html(text: &str) -> bool {
    text.match_indices('<')
        .all(|(at, _)| text[..at].ends_with('\\'))
}

fn sorted(items: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    out.sort();
    out
}

/// Imports `file` a second time: nothing changes, every slide is
/// reported as skipped, the written ones because their files exist, and
/// the import fails, as it imported no event.
fn second_import_changes_nothing(site: &Site, file: &Path, slides: usize, written: usize) {
    let before = tree(&site.join("content"));
    let (code, stdout, stderr) = import(site, file);
    assert_eq!(code, 1, "{stderr}");
    let (stderr, error) = stderr.split_once("error: ").unwrap();
    assert!(
        error.starts_with("no event was imported: none of its "),
        "{error}"
    );
    assert_eq!(
        stdout,
        format!("imported 0 events into content/ (skipped {slides})\n")
    );
    assert_same_tree(&before, &tree(&site.join("content")), "a second import");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("note:")).collect();
    assert_eq!(lines.len(), slides, "{stderr}");
    assert!(lines.iter().all(|l| l.starts_with("skipped ")), "{stderr}");
    assert_eq!(
        lines.iter().filter(|l| l.ends_with(".md exists")).count(),
        written,
        "{stderr}"
    );
}

#[test]
fn imports_a_timelinejs_json_file() {
    let site = site(&[]);
    let (code, stdout, stderr) = import(&site, &fixture("timeline.json"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "imported 12 events and the title slide into content/ (skipped 5)\n"
    );
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "skipped slide 6 \"Assassination of Julius Caesar\": the year -44 is before year 1, which Annals cannot represent",
            "skipped slide 7 \"Far future\": the year 12000 is after year 9999, which Annals cannot represent",
            "note: slide 9 \"Ends before it starts\": the end (2020) is before the start (2022); the end date was left out",
            "note: slide 10 \"HTML in the text\": its media credit is plain text in Annals, so its link was left out: https://commons.wikimedia.org/",
            "note: slide 10 \"HTML in the text\": its media has no alt text: the headline is its alt, for you to review (`annals check` flags it)",
            "skipped slide 13 \"The thirtieth of February\": `2025-02-30` is not a date: February 2025 has 28 days",
            "skipped slide 14 \"No date at all\": it has no start date",
            "note: slide 16: it has no headline; the title is the start of its text",
            "skipped era 1 \"The talks era\": it is an era, and Annals has no eras",
        ]
    );
    let files = content(&site);
    assert_eq!(
        files.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "1500-a-slide-without-a-headline-whose-text-is-long-enough-to-be.md",
            "1815-a-year-only.md",
            "2021-06-putin-and-biden-meet-in-geneva.md",
            "2022-ends-before-it-starts.md",
            "2023-05-an-empty-end-date.md",
            "2024-01-05-html-in-the-text.md",
            "2024-03-01-duplicate-headline-2.md",
            "2024-03-01-duplicate-headline.md",
            "2025-02-17-trump-zelenskyy.md",
            "2025-02-18-peregovory-v-er-riiade-talks.md",
            "2025-02-18-talks-begin-in-the-afternoon.md",
            "2025-02-18-talks-end.md",
            "_index.md",
        ]
    );
    let expect = |name: &str, text: &str| assert_eq!(files[name], text, "{name}");
    expect(
        "_index.md",
        "---\ntitle: Test timeline — Київ\n---\n\nAn **introduction** with a [link](https://example.org/about) & an entity.\n\n[Media: The cover](https://example.org/cover.jpg)\n",
    );
    // A year alone stays a year.
    expect(
        "1815-a-year-only.md",
        "---\ntitle: A year only\ndate: 1815\n---\n\nAda Lovelace is born.\n",
    );
    // A month, with its group as a tag.
    expect(
        "2021-06-putin-and-biden-meet-in-geneva.md",
        "---\ntitle: Putin and Biden meet in Geneva\ndate: 2021-06\ntags: [\"diplomacy\"]\n---\n",
    );
    // A range of days, named by its unique_id.
    expect(
        "2025-02-17-trump-zelenskyy.md",
        "---\ntitle: Trump and Zelenskyy trade accusations\ndate: 2025-02-17\nend: 2025-02-21\n---\n",
    );
    // A time without a zone stays a day; the time goes in the body.
    expect(
        "2025-02-18-talks-begin-in-the-afternoon.md",
        "---\ntitle: Talks begin in the afternoon\ndate: 2025-02-18\n---\n\n*Time in the source, with no time zone: 14:30*\n",
    );
    // With the offset in the display date, Annals' way, it is an instant.
    expect(
        "2025-02-18-talks-end.md",
        "---\ntitle: Talks end\ndate: 2025-02-18T16:00:00+03:00\n---\n",
    );
    // An empty end date is no end; an end before the start is left out.
    expect(
        "2023-05-an-empty-end-date.md",
        "---\ntitle: An empty end date\ndate: 2023-05\n---\n",
    );
    expect(
        "2022-ends-before-it-starts.md",
        "---\ntitle: Ends before it starts\ndate: 2022\n---\n",
    );
    // HTML becomes Markdown; the script is gone; media is a `media`
    // entry, its alt the headline.
    expect(
        "2024-01-05-html-in-the-text.md",
        "---\ntitle: HTML in the text\ndate: 2024-01-05\ntags: [\"Media & HTML\"]\n\
         media:\n  - src: \"https://upload.wikimedia.org/x.jpg\"\n    alt: \"HTML in the text\"\n\
         \x20   caption: \"A picture\"\n    credit: \"Wikimedia Commons\"\n---\n\n\
         A [link](https://example.org/a?x=1&y=2), **bold**, *italic* & entities: é — \\<tag>.\n\n\
         - one\n- two\n\n\
         5 \\* 3 = 15 kept\n",
    );
    assert!(
        files
            .values()
            .all(|t| !t.contains("alert") && no_raw_html(t)),
        "raw HTML or script written"
    );
    expect(
        "2024-03-01-duplicate-headline.md",
        "---\ntitle: Duplicate headline\ndate: 2024-03-01\n---\n\nFirst.\n",
    );
    expect(
        "2024-03-01-duplicate-headline-2.md",
        "---\ntitle: Duplicate headline\ndate: 2024-03-01\n---\n\nSecond.\n",
    );
    expect(
        "2025-02-18-peregovory-v-er-riiade-talks.md",
        "---\ntitle: Переговоры в Эр-Рияде — talks 🕊️\ndate: 2025-02-18\ntags: [\"Україна\"]\n---\n",
    );
    expect(
        "1500-a-slide-without-a-headline-whose-text-is-long-enough-to-be.md",
        "---\ntitle: A slide without a headline, whose text is long enough to be…\ndate: 1500~\n---\n\n\
         A slide without a headline, whose text is long enough to be cut short for a title.\n",
    );

    second_import_changes_nothing(&site, &fixture("timeline.json"), 18, 13);

    // The round trip: every imported event is in the built timeline.json.
    let events = build_and_read_timeline(&site, 12);
    assert_eq!(
        headlines(&events),
        sorted(&[
            "A slide without a headline, whose text is long enough to be…",
            "A year only",
            "Putin and Biden meet in Geneva",
            "Trump and Zelenskyy trade accusations",
            "Talks begin in the afternoon",
            "Talks end",
            "An empty end date",
            "Ends before it starts",
            "HTML in the text",
            "Duplicate headline",
            "Duplicate headline",
            "Переговоры в Эр-Рияде — talks 🕊️",
        ])
    );
    let json: Value = serde_json::from_str(&site.read("public/timeline.json")).unwrap();
    assert_eq!(json["title"]["text"]["headline"], "Test timeline — Київ");
    let page = site.read("public/events/2024-01-05-html-in-the-text/index.html");
    assert!(page.contains("<strong>bold</strong>") && !page.contains("alert("));
}

#[test]
fn imports_the_csv_export_of_the_google_sheets_template() {
    let site = site(&[]);
    let (code, stdout, stderr) = import(&site, &fixture("sheet.csv"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "imported 10 events and the title slide into content/ (skipped 5)\n"
    );
    // Rows are numbered as in the spreadsheet; the empty rows (3 and 19)
    // are skipped silently.
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "skipped row 8 \"Assassination of Julius Caesar\": the year -44 is before year 1, which Annals cannot represent",
            "skipped row 9 \"Far future\": the year 12000 is after year 9999, which Annals cannot represent",
            "note: row 10 \"End month without a year\": its end date has no year; the end date was left out",
            "note: row 11 \"Ends before it starts\": the end (2020) is before the start (2022); the end date was left out",
            "note: row 12 \"HTML in the text\": its media credit is plain text in Annals, so its link was left out: https://commons.wikimedia.org/",
            "note: row 12 \"HTML in the text\": its media has no alt text: the headline is its alt, for you to review (`annals check` flags it)",
            "skipped row 15 \"The thirtieth of February\": `2025-02-30` is not a date: February 2025 has 28 days",
            "skipped row 16 \"A bad time\": the time `25:00` is not a time of day",
            "skipped row 18 \"The computing era\": it is an era, and Annals has no eras",
        ]
    );
    let files = content(&site);
    assert_eq!(
        files.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "1815-ada-lovelace-is-born.md",
            "1943-06-and-the-women-who-made-it-work.md",
            "2022-ends-before-it-starts.md",
            "2023-05-end-month-without-a-year.md",
            "2024-01-05-html-in-the-text.md",
            "2024-03-01-duplicate-headline-2.md",
            "2024-03-01-duplicate-headline.md",
            "2025-02-17-trump-and-zelenskyy-trade-accusations.md",
            "2025-02-18-peregovory-v-er-riiade-talks.md",
            "2025-02-18-talks-begin.md",
            "_index.md",
        ]
    );
    let expect = |name: &str, text: &str| assert_eq!(files[name], text, "{name}");
    expect(
        "_index.md",
        "---\ntitle: Women in Computing\n---\n\nA sample timeline, with **HTML** & a [link](https://timeline.knightlab.com/).\n",
    );
    expect(
        "1815-ada-lovelace-is-born.md",
        "---\ntitle: Ada Lovelace is born\ndate: 1815\n---\n\nDaughter of Lord Byron.\n",
    );
    // "1,943" as Sheets writes it; a month, a year as the end, a group;
    // doubled quotes and a line break inside the cell.
    expect(
        "1943-06-and-the-women-who-made-it-work.md",
        "---\ntitle: '...And the women who made it work'\ndate: 1943-06\nend: 1946\ntags: [\"Computing\"]\n---\n\n\
         The ENIAC programmers included Frances Elizabeth \"Betty\" Holberton.\n\nA note.\n",
    );
    expect(
        "2025-02-17-trump-and-zelenskyy-trade-accusations.md",
        "---\ntitle: Trump and Zelenskyy trade accusations\ndate: 2025-02-17\nend: 2025-02-21\ntags: [\"Diplomacy\"]\n---\n",
    );
    // "2:30 PM": a day, with the time in the body.
    expect(
        "2025-02-18-talks-begin.md",
        "---\ntitle: Talks begin\ndate: 2025-02-18\n---\n\nLine one\\\nline two\n\n*Time in the source, with no time zone: 14:30*\n",
    );
    expect(
        "2024-01-05-html-in-the-text.md",
        "---\ntitle: HTML in the text\ndate: 2024-01-05\ntags: [\"Media\"]\n\
         media:\n  - src: \"https://upload.wikimedia.org/x.jpg\"\n    alt: \"HTML in the text\"\n\
         \x20   caption: \"A portrait\"\n    credit: \"Wikimedia Commons\"\n---\n\n\
         A [link](https://example.org/a?x=1&y=2), **bold** & *italic*.\n\n\
         1. first\n2. second \\<b>\n\n\
         > A quote\n",
    );
    expect(
        "2023-05-end-month-without-a-year.md",
        "---\ntitle: End month without a year\ndate: 2023-05\n---\n",
    );
    expect(
        "2025-02-18-peregovory-v-er-riiade-talks.md",
        "---\ntitle: Переговоры в Эр-Рияде — talks 🕊️\ndate: 2025-02-18\ntags: [\"Україна\"]\n---\n\nТекст по-русски.\n",
    );
    assert!(
        files
            .values()
            .all(|t| !t.contains("document.write") && no_raw_html(t)),
        "raw HTML or script written"
    );

    second_import_changes_nothing(&site, &fixture("sheet.csv"), 16, 11);

    let events = build_and_read_timeline(&site, 10);
    assert_eq!(
        headlines(&events),
        sorted(&[
            "Ada Lovelace is born",
            "...And the women who made it work",
            "Ends before it starts",
            "End month without a year",
            "HTML in the text",
            "Duplicate headline",
            "Duplicate headline",
            "Trump and Zelenskyy trade accusations",
            "Переговоры в Эр-Рияде — talks 🕊️",
            "Talks begin",
        ])
    );
}

/// The shipped timeline, built with a base URL, and its `timeline.json`.
fn shipped_timeline() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(
        &[
            "build",
            REPO,
            "--output",
            out.path().join("public").to_str().unwrap(),
            "--base-url",
            "https://example.org/t/",
        ],
        Path::new(REPO),
    );
    assert_eq!(code, 0, "{stderr}");
    let file = out.path().join("public/timeline.json");
    (out, file)
}

#[test]
fn annals_own_timeline_json_comes_back_as_the_same_events() {
    let (_out, file) = shipped_timeline();
    let site = site(&[]);
    let (code, stdout, stderr) = import(&site, &file);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "imported 10 events and the title slide into content/ (skipped 0)\n"
    );
    // The events with no date yet come back without one; TimelineJS has
    // no status, so they are `reported`, which claims least, and say so.
    let not_set = |n: u32, title: &str| {
        format!(
            "note: slide {n} \"{title}\": its date is not set: it has no `date`, `reported_on: 2025-02-22` and `status: reported` (TimelineJS has no status; change it if you know more)\n"
        )
    };
    assert_eq!(
        stderr,
        not_set(
            8,
            "Ryabkov says US and Russian envoys could meet within two weeks"
        ) + &not_set(9, "Putin–Trump meeting being arranged, Moscow says")
    );
    // unique_id is the slug, with its date: the same file names.
    // Annals' timeline.json is one language's: the translations
    // (`riyadh.uk.md`) are not in it.
    let mut shipped: Vec<String> = std::fs::read_dir(Path::new(REPO).join("content"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.trim_end_matches(".md").contains('.'))
        .collect();
    shipped.sort();
    assert_eq!(content(&site).into_keys().collect::<Vec<_>>(), shipped);
    // The display date in Annals' wording gives back the exact form.
    let text = site.read("content/2022-02-invasion-of-ukraine.md");
    assert!(
        text.starts_with(
            "---\ntitle: Russian troops march on Ukraine\ndate: 2022-02~\ntags: [\"war in Ukraine\"]\n---\n\n"
        ) && text.ends_with(
            "\n\n[Read more](https://example.org/t/events/2022-02-invasion-of-ukraine/)\n"
        ),
        "{text}"
    );
    let text = site.read("content/2025-02-22-trump-putin-summit-planned.md");
    assert!(
        text.starts_with(
            "---\ntitle: Putin–Trump meeting being arranged, Moscow says\nstatus: reported\nreported_on: 2025-02-22\n"
        ) && !text.contains("\ndate:")
            && !text.contains("Date in the source"),
        "{text}"
    );
    // Same slides in the same order, with the same dates, wording, groups
    // and ids.
    let events = build_and_read_timeline(&site, 10);
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let original = original["events"].as_array().unwrap();
    assert_eq!(headlines(&events), headlines(original));
    for (a, b) in events.iter().zip(original) {
        for key in [
            "start_date",
            "end_date",
            "display_date",
            "group",
            "unique_id",
        ] {
            assert_eq!(a[key], b[key], "{key} of {}", b["unique_id"]);
        }
    }
}

#[test]
fn instants_survive_the_round_trip_through_timelinejs() {
    let original = site(&[
        (
            "content/offset.md",
            &event("title: Offset\ndate: 2025-02-18T14:30:00+03:00", ""),
        ),
        (
            "content/range.md",
            &event(
                "title: Range\ndate: 2025-04-01T09:00:00Z\nend: 2025-04-01T17:00:00-05:30",
                "",
            ),
        ),
        (
            "content/mixed.md",
            &event(
                "title: Mixed\ndate: 2025-05-01T10:00:00+03:00\nend: 2025-05-03",
                "",
            ),
        ),
    ]);
    let (code, _, stderr) = original.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let copy = site(&[]);
    let (code, _, stderr) = import(&copy, &original.join("public/timeline.json"));
    assert_eq!(code, 0, "{stderr}");
    let files = content(&copy);
    assert_eq!(
        files["2025-02-18-offset.md"],
        "---\ntitle: Offset\ndate: 2025-02-18T14:30:00+03:00\n---\n"
    );
    // The same moments; timeline.json writes the end in the start's offset.
    assert_eq!(
        files["2025-04-01-range.md"],
        "---\ntitle: Range\ndate: 2025-04-01T09:00:00Z\nend: 2025-04-01T22:30:00Z\n---\n"
    );
    assert_eq!(
        files["2025-05-01-mixed.md"],
        "---\ntitle: Mixed\ndate: 2025-05-01T10:00:00+03:00\nend: 2025-05-03\n---\n"
    );
}

#[test]
fn existing_files_and_slugs_are_never_replaced() {
    let intro = "---\ntitle: Mine\n---\nMy own introduction.\n";
    let moved = event("title: Moved\ndate: 1815", "Moved into a folder.\n");
    let site = site(&[
        ("content/_index.md", intro),
        ("content/1800s/1815-a-year-only.md", &moved),
    ]);
    let (code, stdout, stderr) = import(&site, &fixture("timeline.json"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout, "imported 11 events into content/ (skipped 7)\n",
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "skipped the title slide \"Test timeline — Київ\": content/_index.md exists\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped slide 1 \"A year only\": an event with the slug `1815-a-year-only` exists already (content/1800s/1815-a-year-only.md)\n"),
        "{stderr}"
    );
    assert_eq!(site.read("content/_index.md"), intro);
    assert_eq!(site.read("content/1800s/1815-a-year-only.md"), moved);
    build_and_read_timeline(&site, 12);
}

#[test]
fn files_that_cannot_be_read_are_errors_and_nothing_is_written() {
    let site = site(&[
        (
            "bad.json",
            "{\n  \"events\": [\n    {\"start_date\": }\n  ]\n}\n",
        ),
        ("list.json", "[]"),
        ("columns.csv", "Date,Headline\n2021,x\n"),
        ("empty.csv", ""),
    ]);
    site.write("latin1.csv", b"Year,Headline\n2021,Caf\xe9\n");
    let cases: [(&str, &str); 6] = [
        (
            "bad.json",
            "error: this is not valid JSON: expected value\n  --> bad.json:3:20\n",
        ),
        (
            "list.json",
            "error: this JSON is not a TimelineJS timeline: it is not an object\n  --> list.json\n",
        ),
        (
            "columns.csv",
            "error: this CSV has no Year column, so it is not a TimelineJS sheet\n  --> columns.csv:1:1\n",
        ),
        (
            "empty.csv",
            "error: this CSV file is empty\n  --> empty.csv\n",
        ),
        (
            "latin1.csv",
            "error: this file is not UTF-8 text\n  --> latin1.csv:2:9\n",
        ),
        ("missing.json", "error: cannot read this file: "),
    ];
    for (file, start) in cases {
        let (code, stdout, stderr) = site.run(&["import", "timelinejs", file]);
        assert_eq!(code, 1, "{file}: {stderr}");
        assert_eq!(stdout, "", "{file}");
        assert!(stderr.starts_with(start), "{file}:\n{stderr}");
        assert!(stderr.contains("nothing was written"), "{file}: {stderr}");
        assert!(!site.join("content").exists(), "{file}");
    }
    // A file where the content folder should be.
    let blocked = common::site(&[("content", "not a folder")]);
    let (code, _, stderr) = import(&blocked, &fixture("timeline.json"));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "error: this is a file, where the content folder should be\n  --> content\n"
        ),
        "{stderr}"
    );
    assert_eq!(blocked.read("content"), "not a folder");
    let (code, _, stderr) = site.run(&["import", "timelinejs", "bad.json", "no-such-site"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("no-such-site does not exist"), "{stderr}");
    // An unknown format is a usage error.
    let (code, _, stderr) = site.run(&["import", "tiki", "bad.json"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("possible values: timelinejs"), "{stderr}");
}

#[test]
fn import_help_has_examples() {
    let (code, stdout, _) = run(&["import", "--help"], Path::new(REPO));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Examples:\n  annals import timelinejs timeline.json"),
        "{stdout}"
    );
    assert!(stdout.contains("[SITE_DIR]"), "{stdout}");
}
