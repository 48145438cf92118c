//! The editor schemas, `schemas/event.schema.json` (event front matter) and
//! `schemas/annals.schema.json` (`annals.yaml`), checked against the shipped
//! content, against fixtures that Annals itself accepts or rejects (the
//! `annals check` binary is the judge), and against Annals' own date, slug,
//! language and base URL rules on many generated values.
//!
//! YAML is turned into JSON the way an editor's YAML language server sees
//! it: `date: 2021` is the integer 2021, `date: 2025-02-18` a string,
//! `approximate: yes` a string. The few places where a schema cannot say
//! exactly what Annals says are pinned in `known_gaps`.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_annals");
const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn schema(name: &str) -> Value {
    let path = Path::new(REPO).join("schemas").join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
}

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::draft7::new(&schema(name))
        .unwrap_or_else(|e| panic!("{name} is not a usable draft-07 schema: {e}"))
}

/// Every schema error for `instance`, as `message at /path`.
fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// YAML text as the JSON value a YAML language server validates.
fn yaml_to_json(yaml: &str) -> Value {
    let value: serde_yaml::Value =
        serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("not YAML: {e}\n{yaml}"));
    serde_json::to_value(value).unwrap_or_else(|e| panic!("not JSON-like: {e}\n{yaml}"))
}

/// The YAML between the first two `---` lines of an event file (after an
/// optional byte order mark), as Annals splits it.
fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let start = text.find('\n')? + 1;
    let mut at = start;
    for line in lines {
        if line.trim_end() == "---" {
            return Some(&text[start..at]);
        }
        at += line.len();
    }
    None
}

/// The event files under `dir`, as Annals finds them: every `.md` file at
/// any depth, except names starting with `_` or `.`.
/// Whether `path` is a translation (`riyadh.uk.md`): the shipped site
/// has `languages: [en, uk]`.
fn is_translation(path: &Path) -> bool {
    path.file_stem()
        .is_some_and(|s| s.to_string_lossy().contains('.'))
}

fn event_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy();
        if name.starts_with('_') || name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            event_files(&path, found);
        } else if path.extension().is_some_and(|x| x == "md") && !is_translation(&path) {
            found.push(path);
        }
    }
}

/// What `annals check` says of a site with `fixture` as the front matter
/// of `content/fixture.md`, `config` as `annals.yaml` if given, and two
/// more events: `geneva`, to relate to and to fulfil (it is expected by
/// June 2021), and `geneva-held`, which fulfils it too, so that nothing is
/// overdue. Whether it passed, and its stderr.
fn annals_check(fixture: &str, config: Option<&str>) -> (bool, String) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    std::fs::create_dir(site.join("content")).unwrap();
    std::fs::write(
        site.join("content/fixture.md"),
        format!("---\n{fixture}---\n\nThe body.\n"),
    )
    .unwrap();
    std::fs::write(
        site.join("content/geneva.md"),
        "---\ntitle: Geneva summit\ndate: 2021-06\nstatus: planned\nexpected_by: 2021-06\n---\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/geneva-held.md"),
        "---\ntitle: Geneva summit held\ndate: 2021-06-16\nfulfils: geneva\n---\n",
    )
    .unwrap();
    if let Some(config) = config {
        std::fs::write(site.join("annals.yaml"), config).unwrap();
    }
    let out = Command::new(BIN)
        .arg("check")
        .arg(site)
        .output()
        .expect("annals runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    match out.status.code() {
        Some(0) => (true, stderr),
        Some(1) => (false, stderr),
        other => panic!("annals check exited with {other:?}:\n{stderr}"),
    }
}

const MINIMAL_EVENT: &str = "title: Geneva\ndate: 2021\n";

/// Front matters Annals accepts; the schema must accept them too.
const GOOD_EVENTS: &[(&str, &str)] = &[
    (
        "every key",
        "title: \"Riyadh: talks\"\ndate: 2025-02-18\nend: 2025-02-19T10:00:00+03:00\napproximate: true\nstatus: reported\nsummary: One line.\nactors: [Marco Rubio, Mike Waltz, Marco Rubio]\nplaces:\n  - Riyadh\ntags: [diplomacy, \"US–Russia relations\"]\nsources:\n  - title: Article\n    url: https://example.org/a\n    publisher: The Epoch Times\n    author: Ryan Morgan\n    date: 2025-02-22\n  - title: Another\n    url: http://example.org/b\nrelated: [geneva]\nslug: riyadh-talks\ndraft: false\n",
    ),
    (
        "media of every kind",
        "title: x\ndate: 2021\nmedia:\n  - src: https://example.org/riyadh.jpg\n    alt: A table\n    caption: The table.\n    credit: Jane Doe\n    link: https://example.org/photo\n  - src: https://example.org/a.svg\n    alt: \"\"\n    decorative: true\n  - src: https://example.org/clip.webm\n    alt: A clip\n    captions: https://example.org/clip.vtt\n  - src: https://www.youtube.com/watch?v=x\n    alt: The press conference\n",
    ),
    ("a year, which YAML reads as a number", MINIMAL_EVENT),
    ("a year in quotes", "title: x\ndate: \"2021\"\n"),
    ("a month", "title: x\ndate: 2021-06\n"),
    (
        "a leap day",
        "title: x\ndate: 2000-02-29T00:00:00Z\nend: 2024-02-29\ndraft: true\n",
    ),
    (
        "an instant in UTC",
        "title: x\ndate: 2025-02-18T14:30:00Z\n",
    ),
    (
        "an instant with a space, a zero fraction and a negative offset",
        "title: x\ndate: 2025-02-18 14:30:00.000-05:00\n",
    ),
    (
        "an instant written in lowercase",
        "title: x\ndate: 2025-02-18t14:30:00z\n",
    ),
    ("a year before 1000, quoted", "title: x\ndate: \"0800\"\n"),
    ("a range of years", "title: x\ndate: 2021\nend: 2022\n"),
    (
        "status happened",
        "title: x\ndate: 2021\nstatus: happened\n",
    ),
    (
        "status announced",
        "title: x\ndate: 2021\nstatus: announced\n",
    ),
    ("status planned", "title: x\ndate: 2021\nstatus: planned\n"),
    (
        "status expected",
        "title: x\ndate: 2021\nstatus: expected\n",
    ),
    (
        "status reported",
        "title: x\ndate: 2021\nstatus: reported\n",
    ),
    (
        "status denied",
        "title: x\ndate: 2021\nstatus: \"denied\"\n",
    ),
    (
        "status cancelled",
        "title: x\ndate: 2021\nstatus: cancelled\n",
    ),
    (
        "every optional key empty (null)",
        "title: x\ndate: 2021\nend:\napproximate:\nstatus:\nsummary:\nactors:\nplaces: ~\ntags: null\nsources:\nrelated:\nslug:\ndraft:\nhistory:\nexpected_by:\nfulfils: ~\n",
    ),
    (
        "source keys empty",
        "title: x\ndate: 2021\nsources:\n  - title: A\n    url: https://example.org/\n    publisher:\n    author: ~\n    date:\n",
    ),
    (
        "empty lists and a blank summary",
        "title: x\ndate: 2021\nactors: []\nplaces: []\ntags: []\nsources: []\nrelated: []\nsummary: \"\"\n",
    ),
    (
        "booleans in capitals",
        "title: x\ndate: 2021\napproximate: True\ndraft: FALSE\n",
    ),
    (
        "numbers and booleans as text",
        "title: 2021\ndate: 2021\nsummary: 3.5\nactors: [2021, true]\ntags: [1.5]\nsources:\n  - title: 1984\n    url: https://example.org/\n    author: 42\n",
    ),
    ("an all-digit slug", "title: x\ndate: 2021\nslug: 2021\n"),
    (
        "block lists",
        "title: x\ndate: 2021\ntags:\n  - a\n  - b\nrelated:\n  - geneva\n",
    ),
    (
        "the yaml-language-server modeline as the first line",
        "# yaml-language-server: $schema=../schemas/event.schema.json\ntitle: x\ndate: 2021\n",
    ),
    // The forms of the Extended Date/Time Format Annals reads.
    ("an approximate year", "title: x\ndate: 2022~\n"),
    ("an approximate month", "title: x\ndate: 2022-02~\n"),
    ("an approximate day", "title: x\ndate: 2022-02-24~\n"),
    ("an uncertain month", "title: x\ndate: 2025-05?\n"),
    (
        "an approximate and uncertain month",
        "title: x\ndate: 2025-05%\n",
    ),
    (
        "an approximate date-time",
        "title: x\ndate: 2025-02-18T14:30:00+03:00~\n",
    ),
    ("a decade", "title: x\ndate: 201X\n"),
    ("the first decade", "title: x\ndate: 001X\n"),
    ("a range in date", "title: x\ndate: 2025-02-17/2025-02-21\n"),
    (
        "a range of qualified dates",
        "title: x\ndate: 2020~/2022-03?\n",
    ),
    ("a range of decades", "title: x\ndate: 201X/202X\n"),
    ("an open-ended range", "title: x\ndate: 2025-02-22/..\n"),
    (
        "a range with an unknown end",
        "title: x\ndate: 2025-02-22/\n",
    ),
    ("an uncertain end", "title: x\ndate: 2020\nend: 2022?\n"),
    ("a decade as the end", "title: x\ndate: 2015\nend: 202X\n"),
    (
        "a range in date and an empty end",
        "title: x\ndate: 2025/2026\nend:\n",
    ),
    (
        "reported_on beside a date",
        "title: x\ndate: 2025-03\nstatus: planned\nreported_on: 2025-02-22\n",
    ),
    (
        "a planned event without a date, with reported_on",
        "title: x\nstatus: planned\nreported_on: 2025-02-22\n",
    ),
    (
        "an expected event without a date, with a dated source",
        "title: x\nstatus: expected\nsources:\n  - title: A\n    url: https://example.org/\n  - title: B\n    url: https://example.org/b\n    date: 2025-02-22\n",
    ),
    (
        "an announced event with an empty date and reported_on",
        "title: x\ndate:\nstatus: announced\nreported_on: 2025-02-22T10:00:00Z\n",
    ),
    (
        "a reported event without a date, with approximate: false",
        "title: x\nstatus: reported\nreported_on: 2025\napproximate: false\n",
    ),
    // A status history.
    (
        "a history of two entries, with sources, a note and the status beside agreeing",
        "title: x\ndate: 2025-05-09\nstatus: denied\nsources:\n  - title: A\n    url: https://example.org/a\n  - title: B\n    url: https://example.org/b\nhistory:\n  - {date: 2025-02-20, status: reported, source: 1}\n  - {date: 2025-02-21, status: denied, source: 2, note: \"Called false.\"}\n",
    ),
    (
        "a history in block style, without a status beside it",
        "title: x\ndate: 2025-02-18\nhistory:\n  - date: 2025-02-10\n    status: planned\n  - date: 2025-02-18T10:00:00Z\n    status: happened\n    note: Held.\n",
    ),
    (
        "history entries on the same day",
        "title: x\ndate: 2025\nstatus: happened\nhistory:\n  - {date: 2025-02-21, status: reported}\n  - {date: 2025-02-21, status: happened}\n",
    ),
    (
        "a history date that is a year, and an empty and a blank note",
        "title: x\ndate: 2025\nhistory:\n  - {date: 2025, status: happened, note: }\n  - date: 2026\n    status: happened\n    note: \"  \"\n",
    ),
    ("an empty history", "title: x\ndate: 2025\nhistory: []\n"),
    (
        "an undated event whose history ends planned, no status written",
        "title: x\nhistory:\n  - {date: 2025-02-20, status: planned}\n",
    ),
    // Expectations.
    (
        "an expected event with expected_by",
        "title: x\ndate: 2025-02-22\nstatus: expected\nexpected_by: 2025-03-08\n",
    ),
    (
        "a planned event expected by a month",
        "title: x\ndate: 2025-03\nstatus: planned\nexpected_by: 2025-06\n",
    ),
    (
        "an announced event expected by a year, which YAML reads as a number",
        "title: x\ndate: 2025\nstatus: announced\nexpected_by: 2026\n",
    ),
    (
        "a cancelled event expected by a date-time",
        "title: x\ndate: 2025-02-22\nstatus: cancelled\nexpected_by: 2025-03-08T12:00:00Z\n",
    ),
    (
        "an undated expected event with expected_by",
        "title: x\nstatus: expected\nreported_on: 2025-02-22\nexpected_by: 2025-03-08\n",
    ),
    (
        "expected_by on an event whose history ends planned, no status written",
        "title: x\ndate: 2025\nhistory:\n  - {date: 2025-02-20, status: planned}\nexpected_by: 2025-06\n",
    ),
    (
        "an event that fulfils an expected one",
        "title: x\ndate: 2021-06-20\nfulfils: geneva\n",
    ),
    // corrections (issue 18)
    (
        "corrections in any order",
        "title: x\ndate: 2025-02-18\ncorrections:\n  - date: 2025-02-25\n    note: \"The size was wrong.\"\n  - {date: 2025-02-23, note: A typo.}\n",
    ),
    ("corrections empty", "title: x\ndate: 2021\ncorrections:\n"),
    (
        "corrections an empty list",
        "title: x\ndate: 2021\ncorrections: []\n",
    ),
    (
        "a correction on a leap day, with a number as its note",
        "title: x\ndate: 2021\ncorrections:\n  - {date: 2024-02-29, note: 42}\n",
    ),
    // Claims: who said what, when, through which outlet.
    (
        "claims, quoted and reported",
        "title: x\ndate: 2025\nactors: [Marco Rubio, Donald Trump]\nsources:\n  - title: A\n    url: https://example.org/\nclaims:\n  - by: Marco Rubio\n    on: 2025-02-20\n    via: an interview with Catherine Herridge\n    quote: \"There isn’t going to be a meeting.\"\n    source: 1\n  - by: donald trump\n    on: 2025-02~\n    said: Reports of a trip.\n    stance: denies\n    source: 1\n",
    ),
    (
        "claims on a range, a year and with every stance",
        "title: x\ndate: 2025\nactors: [A]\nsources:\n  - title: A\n    url: https://example.org/\nclaims:\n  - {by: A, on: 2025-02-17/2025-02-21, said: w, stance: asserts, source: 1}\n  - {by: A, on: 2025, quote: w, stance: expects, source: 1}\n  - {by: A, on: 2025-02-22/.., said: w, stance: ~, via: ~, source: 1}\n",
    ),
    ("claims empty", "title: x\ndate: 2025\nclaims: []\n"),
    ("claims null", "title: x\ndate: 2025\nclaims:\n"),
    (
        "a claim citing a source the event lacks (a warning)",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025, said: w, source: 2}\n",
    ),
];

/// Front matters Annals refuses; the schema must refuse them too.
const BAD_EVENTS: &[(&str, &str)] = &[
    ("unknown key titel", "titel: x\ndate: 2021\n"),
    (
        "unknown key beside title",
        "title: x\ndate: 2021\ncategory: y\n",
    ),
    ("status happend", "title: x\ndate: 2021\nstatus: happend\n"),
    (
        "a fraction of a second",
        "title: x\ndate: 2025-02-18T14:30:00.250Z\n",
    ),
    ("a leap second", "title: x\ndate: 2016-12-31T23:59:60Z\n"),
    (
        "status in capitals",
        "title: x\ndate: 2021\nstatus: Happened\n",
    ),
    ("tags as one string", "title: x\ndate: 2021\ntags: a, b\n"),
    (
        "media without alt",
        "title: x\ndate: 2021\nmedia:\n  - src: a.jpg\n",
    ),
    (
        "media with an empty alt, not decorative",
        "title: x\ndate: 2021\nmedia:\n  - src: a.jpg\n    alt: \"\"\n",
    ),
    (
        "media at a javascript: address",
        "title: x\ndate: 2021\nmedia:\n  - src: \"javascript:alert(1)\"\n    alt: x\n",
    ),
    (
        "an unknown key in a media item",
        "title: x\ndate: 2021\nmedia:\n  - src: a.jpg\n    alt: x\n    colour: red\n",
    ),
    (
        "actors as one string",
        "title: x\ndate: 2021\nactors: Marco Rubio\n",
    ),
    (
        "related as one string",
        "title: x\ndate: 2021\nrelated: geneva\n",
    ),
    (
        "approximate: maybe",
        "title: x\ndate: 2021\napproximate: maybe\n",
    ),
    (
        "approximate: yes",
        "title: x\ndate: 2021\napproximate: yes\n",
    ),
    (
        "approximate in quotes",
        "title: x\ndate: 2021\napproximate: \"true\"\n",
    ),
    ("draft: 1", "title: x\ndate: 2021\ndraft: 1\n"),
    ("date: June 2021", "title: x\ndate: June 2021\n"),
    ("date: 21", "title: x\ndate: 21\n"),
    ("date: 999", "title: x\ndate: 999\n"),
    ("date: 0000", "title: x\ndate: 0000\n"),
    ("date: 2021-6", "title: x\ndate: 2021-6\n"),
    ("month 13", "title: x\ndate: 2025-13-01\n"),
    ("30 February", "title: x\ndate: 2025-02-30\n"),
    (
        "29 February of a common year",
        "title: x\ndate: 2023-02-29\n",
    ),
    ("29 February 1900", "title: x\ndate: 1900-02-29\n"),
    ("31 April", "title: x\ndate: 2025-04-31\n"),
    (
        "a time without offset",
        "title: x\ndate: 2025-02-18T10:00:00\n",
    ),
    (
        "a time without seconds",
        "title: x\ndate: 2025-02-18T10:00+03:00\n",
    ),
    ("hour 25", "title: x\ndate: 2025-02-18T25:00:00Z\n"),
    ("a time after a year", "title: x\ndate: 2021T10:00:00Z\n"),
    ("a date with a slash", "title: x\ndate: 2025/02/18\n"),
    ("a bad end", "title: x\ndate: 2021\nend: 2021-13\n"),
    ("end as a list", "title: x\ndate: 2021\nend: [2022]\n"),
    ("no date", "title: x\n"),
    ("no title", "date: 2021\n"),
    ("an empty title", "title:\ndate: 2021\n"),
    ("a blank title", "title: \"   \"\ndate: 2021\n"),
    ("an empty quoted title", "title: \"\"\ndate: 2021\n"),
    ("a title that is a list", "title: [a]\ndate: 2021\n"),
    (
        "a summary that is a mapping",
        "title: x\ndate: 2021\nsummary: {a: b}\n",
    ),
    (
        "a nested list of actors",
        "title: x\ndate: 2021\nactors: [a, [b]]\n",
    ),
    ("a blank actor", "title: x\ndate: 2021\nactors: [a, \"\"]\n"),
    ("an empty place", "title: x\ndate: 2021\nplaces: [a, ~]\n"),
    (
        "sources as one mapping",
        "title: x\ndate: 2021\nsources:\n  title: A\n  url: https://example.org/\n",
    ),
    (
        "a source without url",
        "title: x\ndate: 2021\nsources:\n  - title: A\n",
    ),
    (
        "a source without title",
        "title: x\ndate: 2021\nsources:\n  - url: https://example.org/\n",
    ),
    (
        "a javascript: url",
        "title: x\ndate: 2021\nsources:\n  - title: A\n    url: javascript:alert(1)\n",
    ),
    (
        "an ftp url",
        "title: x\ndate: 2021\nsources:\n  - title: A\n    url: ftp://example.org/\n",
    ),
    (
        "an unknown source key",
        "title: x\ndate: 2021\nsources:\n  - title: A\n    url: https://example.org/\n    link: https://example.org/\n",
    ),
    (
        "a bad source date",
        "title: x\ndate: 2021\nsources:\n  - title: A\n    url: https://example.org/\n    date: 22 February 2025\n",
    ),
    ("an empty source", "title: x\ndate: 2021\nsources:\n  -\n"),
    (
        "a related name that is not a slug",
        "title: x\ndate: 2021\nrelated: [Geneva]\n",
    ),
    ("slug ../../etc", "title: x\ndate: 2021\nslug: ../../etc\n"),
    ("slug in capitals", "title: x\ndate: 2021\nslug: Riyadh\n"),
    (
        "slug with a double hyphen",
        "title: x\ndate: 2021\nslug: a--b\n",
    ),
    ("a negative slug", "title: x\ndate: 2021\nslug: -5\n"),
    ("front matter that is a list", "- title: x\n- date: 2021\n"),
    ("front matter that is empty", ""),
    // Bad forms of the Extended Date/Time Format, and dates left out.
    ("month 13", "title: x\ndate: 2025-13\n"),
    ("30 February, uncertain", "title: x\ndate: 2025-02-30?\n"),
    ("a qualifier before the date", "title: x\ndate: ~2022\n"),
    ("three qualifiers", "title: x\ndate: 2022~?~\n"),
    ("two qualifiers", "title: x\ndate: 2022?~\n"),
    ("a qualifier inside the date", "title: x\ndate: 2022~-02\n"),
    ("two unspecified digits", "title: x\ndate: 20XX\n"),
    ("an unspecified month", "title: x\ndate: 2025-XX\n"),
    ("a lowercase x", "title: x\ndate: 201x\n"),
    ("the decade 000X", "title: x\ndate: 000X\n"),
    ("a range without a start", "title: x\ndate: ../2025\n"),
    (
        "a range with two slashes",
        "title: x\ndate: 2025/2026/2027\n",
    ),
    ("spaces around the slash", "title: x\ndate: 2025 / 2026\n"),
    ("a range in end", "title: x\ndate: 2025\nend: 2025/2026\n"),
    ("an open end in end", "title: x\ndate: 2025\nend: ..\n"),
    (
        "a range in date and an end",
        "title: x\ndate: 2025/2026\nend: 2027\n",
    ),
    (
        "a happened event without a date",
        "title: x\nstatus: happened\n",
    ),
    ("a happened event with an empty date", "title: x\ndate:\n"),
    (
        "a cancelled event without a date",
        "title: x\nstatus: cancelled\nreported_on: 2025\n",
    ),
    (
        "a denied event without a date",
        "title: x\nstatus: denied\nreported_on: 2025\n",
    ),
    (
        "a planned event with nothing to place it by",
        "title: x\nstatus: planned\n",
    ),
    (
        "a planned event with only an undated source",
        "title: x\nstatus: planned\nsources:\n  - title: A\n    url: https://example.org/\n",
    ),
    (
        "an end without a date",
        "title: x\nstatus: planned\nreported_on: 2025\nend: 2026\n",
    ),
    (
        "approximate without a date",
        "title: x\nstatus: planned\nreported_on: 2025\napproximate: true\n",
    ),
    (
        "reported_on in EDTF",
        "title: x\ndate: 2025\nreported_on: 2025~\n",
    ),
    (
        "reported_on month 13",
        "title: x\ndate: 2025\nreported_on: 2025-13\n",
    ),
    // A status history.
    (
        "a history entry with an unknown status",
        "title: x\ndate: 2025\nhistory:\n  - {date: 2025-02-20, status: denyed}\n",
    ),
    (
        "a history entry in capitals",
        "title: x\ndate: 2025\nhistory:\n  - {date: 2025-02-20, status: Denied}\n",
    ),
    (
        "a history entry without a date",
        "title: x\ndate: 2025\nhistory:\n  - {status: reported}\n",
    ),
    (
        "a history entry with an empty date",
        "title: x\ndate: 2025\nhistory:\n  - {date: , status: reported}\n",
    ),
    (
        "a history entry without a status",
        "title: x\ndate: 2025\nhistory:\n  - {date: 2025-02-20}\n",
    ),
    (
        "a history entry that is not a mapping",
        "title: x\ndate: 2025\nhistory:\n  - 2025-02-20 reported\n",
    ),
    (
        "an empty history entry",
        "title: x\ndate: 2025\nhistory:\n  -\n",
    ),
    (
        "a history that is one mapping",
        "title: x\ndate: 2025\nhistory:\n  date: 2025-02-20\n  status: reported\n",
    ),
    (
        "an unknown key in a history entry",
        "title: x\ndate: 2025\nsources:\n  - title: A\n    url: https://example.org/a\nhistory:\n  - {date: 2025-02-20, status: reported, sorce: 1}\n",
    ),
    (
        "a history source 0",
        "title: x\ndate: 2025\nsources:\n  - title: A\n    url: https://example.org/a\nhistory:\n  - {date: 2025-02-20, status: reported, source: 0}\n",
    ),
    (
        "a history source in quotes",
        "title: x\ndate: 2025\nsources:\n  - title: A\n    url: https://example.org/a\nhistory:\n  - {date: 2025-02-20, status: reported, source: \"1\"}\n",
    ),
    (
        "a history source that is a word",
        "title: x\ndate: 2025\nsources:\n  - title: A\n    url: https://example.org/a\nhistory:\n  - {date: 2025-02-20, status: reported, source: first}\n",
    ),
    (
        "a history source 1.5",
        "title: x\ndate: 2025\nsources:\n  - title: A\n    url: https://example.org/a\nhistory:\n  - {date: 2025-02-20, status: reported, source: 1.5}\n",
    ),
    (
        "a history note that is a list",
        "title: x\ndate: 2025\nhistory:\n  - {date: 2025-02-20, status: reported, note: [a]}\n",
    ),
    (
        "a history date in EDTF",
        "title: x\ndate: 2025\nhistory:\n  - {date: 2025-02~, status: reported}\n",
    ),
    (
        "a history date month 13",
        "title: x\ndate: 2025\nhistory:\n  - {date: 2025-13, status: reported}\n",
    ),
    // Expectations.
    (
        "expected_by month 13",
        "title: x\ndate: 2025\nstatus: planned\nexpected_by: 2025-13\n",
    ),
    (
        "expected_by in EDTF",
        "title: x\ndate: 2025\nstatus: planned\nexpected_by: 2025-03~\n",
    ),
    (
        "expected_by a range",
        "title: x\ndate: 2025\nstatus: planned\nexpected_by: 2025/2026\n",
    ),
    (
        "expected_by as a list",
        "title: x\ndate: 2025\nstatus: planned\nexpected_by: [2025-03-08]\n",
    ),
    (
        "expected_by on a happened event",
        "title: x\ndate: 2025\nstatus: happened\nexpected_by: 2025-03-08\n",
    ),
    (
        "expected_by on an event without a status (happened)",
        "title: x\ndate: 2025\nexpected_by: 2025-03-08\n",
    ),
    (
        "expected_by on a reported event",
        "title: x\ndate: 2025\nstatus: reported\nexpected_by: 2025-03-08\n",
    ),
    (
        "expected_by on a denied event",
        "title: x\ndate: 2025\nstatus: denied\nexpected_by: 2025-03-08\n",
    ),
    (
        "fulfils a name that is not a slug",
        "title: x\ndate: 2021-06-20\nfulfils: Geneva\n",
    ),
    (
        "fulfils a path",
        "title: x\ndate: 2021-06-20\nfulfils: ../geneva\n",
    ),
    (
        "fulfils as a list",
        "title: x\ndate: 2021-06-20\nfulfils: [geneva]\n",
    ),
    // corrections (issue 18)
    (
        "corrections as one mapping",
        "title: x\ndate: 2021\ncorrections:\n  date: 2025-02-23\n  note: x\n",
    ),
    (
        "corrections as text",
        "title: x\ndate: 2021\ncorrections: fixed a typo\n",
    ),
    (
        "a correction without a date",
        "title: x\ndate: 2021\ncorrections:\n  - note: x\n",
    ),
    (
        "a correction without a note",
        "title: x\ndate: 2021\ncorrections:\n  - date: 2025-02-23\n",
    ),
    (
        "a correction with an empty note",
        "title: x\ndate: 2021\ncorrections:\n  - {date: 2025-02-23, note: \"\"}\n",
    ),
    (
        "a correction dated to the month",
        "title: x\ndate: 2021\ncorrections:\n  - {date: 2025-02, note: x}\n",
    ),
    (
        "a correction dated to the year",
        "title: x\ndate: 2021\ncorrections:\n  - {date: 2025, note: x}\n",
    ),
    (
        "a correction with a time",
        "title: x\ndate: 2021\ncorrections:\n  - {date: \"2025-02-23T10:00:00Z\", note: x}\n",
    ),
    (
        "a correction on 30 February",
        "title: x\ndate: 2021\ncorrections:\n  - {date: 2025-02-30, note: x}\n",
    ),
    (
        "a correction with an approximate date",
        "title: x\ndate: 2021\ncorrections:\n  - {date: 2025-02-23~, note: x}\n",
    ),
    (
        "an unknown key in a correction",
        "title: x\ndate: 2021\ncorrections:\n  - {date: 2025-02-23, notes: x}\n",
    ),
    (
        "a correction note that is a list",
        "title: x\ndate: 2021\ncorrections:\n  - {date: 2025-02-23, note: [x]}\n",
    ),
    (
        "a correction that is text",
        "title: x\ndate: 2021\ncorrections:\n  - fixed a typo\n",
    ),
    // Claims.
    (
        "a claim with both quote and said",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025, quote: w, said: w, source: 1}\n",
    ),
    (
        "a claim with neither quote nor said",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025, source: 1}\n",
    ),
    (
        "a claim without by",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {on: 2025, said: w, source: 1}\n",
    ),
    (
        "a claim without on",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, said: w, source: 1}\n",
    ),
    (
        "a claim without source",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025, said: w}\n",
    ),
    (
        "a claim with an unknown stance",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025, said: w, stance: denys, source: 1}\n",
    ),
    (
        "a claim on no date",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 20 February, said: w, source: 1}\n",
    ),
    (
        "a claim with an unknown key",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025, said: w, source: 1, sorce: 1}\n",
    ),
    (
        "a claim with an empty quote",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025, quote: \"\", source: 1}\n",
    ),
    (
        "a claim citing source 0",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025, said: w, source: 0}\n",
    ),
    (
        "a claim citing a source in quotes",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025, said: w, source: \"1\"}\n",
    ),
    (
        "claims as one mapping",
        "title: x\ndate: 2025\nactors: [A]\nclaims:\n  by: A\n  on: 2025\n  said: w\n  source: 1\n",
    ),
    ("an empty claim", "title: x\ndate: 2025\nclaims:\n  -\n"),
];

#[test]
fn the_schemas_are_valid_draft_07_schemas() {
    for name in ["event.schema.json", "annals.schema.json"] {
        let schema = schema(name);
        assert_eq!(
            schema["$schema"], "http://json-schema.org/draft-07/schema#",
            "{name}: yaml-language-server supports draft-07 best"
        );
        if let Err(e) = jsonschema::draft7::meta::validate(&schema) {
            panic!("{name} is not a valid draft-07 schema: {e}");
        }
        // Every `pattern` compiles, and every property has hover help.
        validator(name);
        let mut missing = Vec::new();
        help_everywhere(&schema, "", &mut missing);
        assert!(missing.is_empty(), "{name}: no description for {missing:?}");
    }
}

/// Collects the properties, at any depth, without both a `description`
/// and a `markdownDescription`.
fn help_everywhere(schema: &Value, at: &str, missing: &mut Vec<String>) {
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (key, prop) in props {
            let here = format!("{at}/{key}");
            if prop.get("description").is_none() || prop.get("markdownDescription").is_none() {
                missing.push(here.clone());
            }
            help_everywhere(prop, &here, missing);
        }
    }
    // The keys of a list's entries (`history`'s) too.
    if let Some(items) = schema.get("items") {
        help_everywhere(items, &format!("{at}[]"), missing);
    }
    for (key, def) in schema
        .get("definitions")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        help_everywhere(def, &format!("{at}#{key}"), missing);
    }
}

#[test]
fn the_event_schema_lists_exactly_the_keys_and_statuses_annals_reads() {
    let event = schema("event.schema.json");
    let mut expected = annals::source::event::EVENT_KEYS.to_vec();
    expected.sort();
    assert_eq!(schema_keys(&event), expected);

    let statuses: Vec<&str> = event["properties"]["status"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let expected: Vec<&str> = annals::source::event::Status::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    assert_eq!(statuses, expected);

    let config = schema("annals.schema.json");
    let mut expected = annals::source::config::KEYS.to_vec();
    expected.sort();
    assert_eq!(schema_keys(&config), expected);
}

fn schema_keys(schema: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    keys
}

#[test]
fn every_shipped_event_validates() {
    let validator = validator("event.schema.json");
    let mut files = Vec::new();
    event_files(&Path::new(REPO).join("content"), &mut files);
    assert!(
        files.len() >= 10,
        "the shipped timeline has events: {files:?}"
    );
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let yaml =
            front_matter(&text).unwrap_or_else(|| panic!("{} has no front matter", file.display()));
        for e in errors(&validator, &yaml_to_json(yaml)) {
            problems.push(format!("{}: {e}", file.display()));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_schema_accepts_what_annals_accepts() {
    let validator = validator("event.schema.json");
    let mut disagreements = Vec::new();
    for (what, fixture) in GOOD_EVENTS {
        let (ok, stderr) = annals_check(fixture, None);
        assert!(ok, "Annals refuses the good fixture `{what}`:\n{stderr}");
        let found = errors(&validator, &yaml_to_json(fixture));
        if !found.is_empty() {
            disagreements.push(format!("{what}: {found:?}"));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

#[test]
fn the_schema_refuses_what_annals_refuses() {
    let validator = validator("event.schema.json");
    let mut disagreements = Vec::new();
    for (what, fixture) in BAD_EVENTS {
        let (ok, _) = annals_check(fixture, None);
        assert!(!ok, "Annals accepts the bad fixture `{what}`");
        if validator.is_valid(&yaml_to_json(fixture)) {
            disagreements.push(*what);
        }
    }
    assert!(
        disagreements.is_empty(),
        "the schema accepts: {disagreements:#?}"
    );
}

#[test]
fn schema_errors_point_at_the_faulty_key() {
    let validator = validator("event.schema.json");
    for (fixture, path) in [
        ("title: x\ndate: 2021\nstatus: happend\n", "/status"),
        ("title: x\ndate: 2021\ntags: a, b\n", "/tags"),
        ("title: x\ndate: 2021\napproximate: maybe\n", "/approximate"),
        ("title: x\ndate: June 2021\n", "/date"),
        (
            "title: x\ndate: 2021\nsources:\n  - title: A\n    url: ftp://x\n",
            "/sources/0/url",
        ),
        (
            "title: x\ndate: 2021\nhistory:\n  - {date: 2021, status: denyed}\n",
            "/history/0/status",
        ),
        (
            "title: x\ndate: 2021\nstatus: planned\nexpected_by: 2021-13\n",
            "/expected_by",
        ),
        (
            "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025, said: w, stance: denys, source: 1}\n",
            "/claims/0/stance",
        ),
        (
            "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025-13, said: w, source: 1}\n",
            "/claims/0/on",
        ),
    ] {
        let value = yaml_to_json(fixture);
        let paths: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.instance_path().to_string())
            .collect();
        assert_eq!(paths, [path], "{fixture}");
    }
    // An unknown key is reported on the object that holds it.
    let value = yaml_to_json("titel: x\ndate: 2021\n");
    let messages = errors(&validator, &value);
    assert!(
        messages.iter().any(|m| m.contains("titel")),
        "{messages:#?}"
    );
}

/// Dates as text: the schema's patterns against Annals' own rules on
/// every year, every month and day number around the real ones for years
/// that test the leap rule, many date-times, and each of them with the
/// Extended Date/Time Format's qualifiers, decades and ranges: a source's
/// date and `reported_on` (`EventDate::parse`), `end` (one `Point`) and
/// `date` (`Dates::parse`).
#[test]
fn the_date_pattern_is_annals_date_rule() {
    let validator = validator("event.schema.json");
    let mut texts: Vec<String> = (0..=9999).map(|y| format!("{y:04}")).collect();
    for year in [
        "0001", "0004", "0100", "0400", "1000", "1900", "2000", "2023", "2024", "2100", "9996",
        "9999",
    ] {
        for month in 0..=13 {
            texts.push(format!("{year}-{month:02}"));
            for day in 0..=32 {
                texts.push(format!("{year}-{month:02}-{day:02}"));
            }
        }
    }
    for sep in ["T", "t", " ", "_"] {
        for hour in ["00", "09", "23", "24", "9"] {
            for minute in ["00", "59", "60"] {
                for second in ["00", "59", "60", "61"] {
                    for fraction in ["", ".5", ".123456789", "."] {
                        for offset in [
                            "Z", "z", "+03:00", "-05:30", "+23:59", "+24:00", "+03:60", "+3:00",
                            "+0300", "", "+03:00x", "UTC",
                        ] {
                            texts.push(format!(
                                "2024-02-29{sep}{hour}:{minute}:{second}{fraction}{offset}"
                            ));
                        }
                    }
                }
            }
        }
    }
    for other in [
        "",
        "21",
        "202",
        "20211",
        "2021-",
        "2021-06-",
        "2021-6",
        "2021-06-1",
        "2021-06-01-01",
        "June 2021",
        "-2021",
        "+2021",
        "2021-06T10:00:00Z",
        "2021T10:00:00Z",
        "2025-02-18T",
        "2025-02-18T10:00:00ZZ",
        "2025-02-18T10:00:00+03:00:00",
        "2025-02-18TT10:00:00Z",
        "２０２１",
        "2021\n",
        "c. 2021",
    ] {
        texts.push(other.to_string());
    }
    let plain = texts.len();
    // Qualifiers, right and wrong, on a sample of the plain texts.
    let sample: Vec<String> = texts.iter().step_by(97).cloned().collect();
    for text in &sample {
        for q in ["~", "?", "%", "~?", "?~", "%%", "~~?"] {
            texts.push(format!("{text}{q}"));
        }
        texts.push(format!("~{text}"));
        texts.push(format!(
            "{}~{}",
            &text[..text.len().min(4)],
            &text[text.len().min(4)..]
        ));
    }
    // Decades, and digits left unspecified elsewhere.
    for d in 0..=999 {
        texts.push(format!("{d:03}X"));
    }
    for other in [
        "201x",
        "201u",
        "20XX",
        "2XXX",
        "XXXX",
        "X",
        "2025-XX",
        "2025-02-XX",
        "201X-02",
        "201X~",
        "201X?",
        "201X%",
        "201X~?",
        "2010X",
        "01X",
        "201XT10:00:00Z",
    ] {
        texts.push(other.to_string());
    }
    // Ranges: in order (Annals refuses an end before its start, which no
    // pattern can check: see known_gaps), open, with an unknown end, and
    // broken.
    let points = [
        "2020",
        "2020-06",
        "2020-06-15",
        "201X",
        "2020~",
        "2021?",
        "2022%",
        "2021-01-01T10:00:00Z",
        "2021-01-01T10:00:00+03:00~",
        "2020-13",
        "2020-02-30?",
        "~2020",
        "20XX",
    ];
    for a in points {
        for b in points {
            texts.push(format!("{a}/{b}"));
        }
        for end in ["..", "", ".", "...", "../..", "/"] {
            texts.push(format!("{a}/{end}"));
        }
        texts.push(format!("../{a}"));
        texts.push(format!("/{a}"));
        texts.push(format!("{a} /2030"));
        texts.push(format!("{a}/ 2030"));
    }
    texts.extend(["/", "..", "/..", "../..", "//"].map(String::from));

    let mut disagreements = Vec::new();
    let mut unordered = 0;
    for text in &texts {
        if text.trim() != text {
            continue; // Annals trims; see known_gaps.
        }
        let plain_ok = annals::date::EventDate::parse(text).is_ok();
        let as_plain =
            validator.is_valid(&json!({ "title": "t", "date": 2021, "reported_on": text }));
        let end_ok =
            !text.contains('/') && text != ".." && annals::date::Point::parse(text).is_ok();
        let as_end = validator.is_valid(&json!({ "title": "t", "date": "0001", "end": text }));
        let dates = annals::date::Dates::parse(text);
        if dates
            .as_ref()
            .is_err_and(|why| why.contains("before it starts"))
        {
            unordered += 1;
            continue;
        }
        let as_date = validator.is_valid(&json!({ "title": "t", "date": text }));
        for (key, annals, schema) in [
            ("reported_on", plain_ok, as_plain),
            ("end", end_ok, as_end),
            ("date", dates.is_ok(), as_date),
        ] {
            if annals != schema {
                disagreements.push(format!("{key}: {text:?}: Annals {annals}, schema {schema}"));
            }
        }
    }
    assert!(plain > 15_000 && texts.len() > plain + 2_000);
    assert!(
        unordered > 10,
        "the ranges include some that end before they start"
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreements: {:#?}",
        disagreements.len(),
        &disagreements[..disagreements.len().min(20)]
    );

    // A bare year is a YAML integer: Annals reads its digits.
    for n in [-2021i64, 0, 1, 21, 999, 1000, 2021, 9999, 10000] {
        let annals = annals::date::EventDate::parse(&n.to_string()).is_ok();
        for instance in [
            json!({ "title": "t", "date": n }),
            json!({ "title": "t", "date": 1000, "end": n }),
            json!({ "title": "t", "date": 1000, "reported_on": n }),
        ] {
            assert_eq!(annals, validator.is_valid(&instance), "{instance}");
        }
    }
}

#[test]
fn the_slug_pattern_is_annals_slug_rule() {
    let validator = validator("event.schema.json");
    for text in [
        "a",
        "2025-02-18-riyadh",
        "0",
        "a-b-c",
        "",
        "-",
        "-a",
        "a-",
        "a--b",
        "A",
        "a_b",
        "a b",
        "a.b",
        "../x",
        "é",
        "a/b",
        "riyadh\n",
    ] {
        let annals = annals::slug::is_valid(text);
        for instance in [
            json!({ "title": "t", "date": 2021, "slug": text }),
            json!({ "title": "t", "date": 2021, "related": [text] }),
        ] {
            assert_eq!(annals, validator.is_valid(&instance), "{instance}");
        }
    }
}

#[test]
fn the_language_and_base_url_patterns_are_annals_rules() {
    let validator = validator("annals.schema.json");
    let config = |text: &str| annals::source::config::parse(Path::new("annals.yaml"), text).is_ok();
    for tag in [
        "en",
        "EN",
        "eng",
        "en-GB",
        "zh-Hant-TW",
        "de-1996",
        "en-abcdefgh",
        "en-abcdefghi",
        "e",
        "engl",
        "en-",
        "en--GB",
        "-en",
        "en_GB",
        "en GB",
        "12",
        "en-é",
        "ру",
    ] {
        let annals = config(&format!("language: \"{tag}\"\n"));
        let schema = validator.is_valid(&json!({ "language": tag }));
        assert_eq!(annals, schema, "language: {tag:?}");
    }
    for url in [
        "https://example.org",
        "https://example.org/",
        "http://example.org/timeline/",
        "https://example.org:8080/a/b",
        "https://owner.github.io/repository/",
        "ftp://x",
        "example.org",
        "https://",
        "https:///path",
        "HTTPS://example.org/",
        "https://example.org/a b",
        "https://example.org/?q=1",
        "https://example.org/#top",
        "https://example.org/<x>",
        "https://exa\"mple.org/",
        "//example.org/",
        "https://user:pw@example.org/",
        "https://user@example.org/t/",
        "https://bücher.example/",
        "https://example.org/@someone/",
        "HTTP://EXAMPLE.ORG",
    ] {
        let annals = annals::base_url::BaseUrl::parse(url).is_ok();
        let schema = validator.is_valid(&json!({ "base_url": url }));
        assert_eq!(annals, schema, "base_url: {url:?}");
    }
}

/// `as_of`: the schema's pattern against Annals' own rule
/// (`config::as_of`, which `--as-of` uses too) on every month and day
/// number around the real ones for years that test the leap rule, and on
/// the other forms of a date.
#[test]
fn the_as_of_pattern_is_annals_day_rule() {
    let validator = validator("annals.schema.json");
    let mut texts = Vec::new();
    for year in [
        "0000", "0001", "0004", "0100", "0400", "1900", "2000", "2023", "2024", "2100", "9996",
        "9999",
    ] {
        texts.push(year.to_string());
        for month in 0..=13 {
            texts.push(format!("{year}-{month:02}"));
            for day in 0..=32 {
                texts.push(format!("{year}-{month:02}-{day:02}"));
            }
        }
    }
    texts.extend(
        [
            "",
            "2025-3-10",
            "2025-03-1",
            "25-03-10",
            "20250310",
            "2025/03/10",
            "10.03.2025",
            "2025-03-10T10:00:00Z",
            "2025-03-10 10:00:00+03:00",
            "2025-03-10~",
            "2025-03-10?",
            "2025-03-10/2025-03-11",
            "202X",
            "2025-03-10x",
            "March",
            "today",
        ]
        .map(String::from),
    );
    let mut disagreements = Vec::new();
    for text in &texts {
        let annals = annals::source::config::as_of(text).is_ok();
        let schema = validator.is_valid(&json!({ "as_of": text }));
        if annals != schema {
            disagreements.push(format!("{text:?}: Annals {annals}, schema {schema}"));
        }
    }
    assert!(texts.len() > 5_000);
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

const FULL_CONFIG: &str = "title: \"US–Russia talks on the war in Ukraine, 2025\"\ndescription: Talks, 2025.\nbase_url: https://example.org/negotiations\nas_of: 2025-03-10\nlanguage: en-GB\nmarkdown:\n  unsafe_html: true\nmedia:\n  remote: true\ntimeline:\n  split_threshold: 3\noutputs:\n  atom: false\n  atom_limit: 10\n  calendar: true\n  timelinejs: false\n  json: true\n  sitemap: false\n";

/// `annals.yaml` files Annals accepts.
const GOOD_CONFIGS: &[(&str, &str)] = &[
    ("every key", FULL_CONFIG),
    ("nothing", ""),
    (
        "only comments, with the modeline",
        "# yaml-language-server: $schema=schemas/annals.schema.json\n",
    ),
    (
        "the modeline, then keys",
        "# yaml-language-server: $schema=schemas/annals.schema.json\ntitle: T\nlanguage: uk\n",
    ),
    (
        "empty values",
        "title:\ndescription:\nbase_url:\nas_of:\nlanguage:\nmarkdown:\nmedia:\ntimeline:\noutputs:\n",
    ),
    (
        "empty values inside",
        "markdown:\n  unsafe_html:\noutputs:\n  atom:\n  json: ~\n",
    ),
    (
        "the largest counts",
        "timeline:\n  split_threshold: 1000000\noutputs:\n  atom_limit: 100000\n",
    ),
    ("a number as the title", "title: 2025\n"),
    ("as_of: a day", "as_of: 2025-03-10\n"),
    ("as_of: 29 February of a leap year", "as_of: 2024-02-29\n"),
    ("as_of in quotes", "as_of: \"2025-03-10\"\n"),
];

/// `annals.yaml` files Annals refuses.
const BAD_CONFIGS: &[(&str, &str)] = &[
    ("unknown key titel", "titel: T\n"),
    ("base_url: ftp://x", "base_url: ftp://x\n"),
    ("base_url without host", "base_url: https://\n"),
    (
        "base_url with a query",
        "base_url: https://example.org/?a=1\n",
    ),
    ("outputs.atom: maybe", "outputs: {atom: maybe}\n"),
    ("outputs.json in quotes", "outputs:\n  json: \"false\"\n"),
    ("an unknown output", "outputs:\n  rss: true\n"),
    ("outputs as a list", "outputs: [atom]\n"),
    ("language: en GB", "language: en GB\n"),
    ("language: english", "language: english\n"),
    ("markdown.unsafe", "markdown:\n  unsafe: true\n"),
    ("markdown: true", "markdown: true\n"),
    ("split_threshold: 0", "timeline:\n  split_threshold: 0\n"),
    (
        "split_threshold too big",
        "timeline:\n  split_threshold: 1000001\n",
    ),
    (
        "split_threshold in quotes",
        "timeline:\n  split_threshold: \"5\"\n",
    ),
    (
        "split_threshold: 2.5",
        "timeline:\n  split_threshold: 2.5\n",
    ),
    ("split_threshold empty", "timeline:\n  split_threshold:\n"),
    ("atom_limit: -1", "outputs:\n  atom_limit: -1\n"),
    ("atom_limit too big", "outputs:\n  atom_limit: 100001\n"),
    ("a title that is a list", "title: [a, b]\n"),
    ("a list at the top", "- title: T\n"),
    ("as_of: month 13", "as_of: 2025-13-01\n"),
    ("as_of: 30 February", "as_of: 2025-02-30\n"),
    ("as_of: 29 February of a common year", "as_of: 2023-02-29\n"),
    ("as_of: a month", "as_of: 2025-03\n"),
    (
        "as_of: a year, which YAML reads as a number",
        "as_of: 2025\n",
    ),
    ("as_of: a date-time", "as_of: 2025-03-10T10:00:00Z\n"),
    ("as_of: text", "as_of: March\n"),
    (
        "as_of: a day written 10 March 2025",
        "as_of: 10 March 2025\n",
    ),
    ("as_of as a list", "as_of: [2025-03-10]\n"),
];

#[test]
fn the_config_schema_agrees_with_annals() {
    let validator = validator("annals.schema.json");
    let mut disagreements = Vec::new();
    for (what, config) in GOOD_CONFIGS {
        let (ok, stderr) = annals_check(MINIMAL_EVENT, Some(config));
        assert!(
            ok,
            "Annals refuses the good annals.yaml `{what}`:\n{stderr}"
        );
        let found = errors(&validator, &yaml_to_json(config));
        if !found.is_empty() {
            disagreements.push(format!("good `{what}`: {found:?}"));
        }
    }
    for (what, config) in BAD_CONFIGS {
        let (ok, _) = annals_check(MINIMAL_EVENT, Some(config));
        assert!(!ok, "Annals accepts the bad annals.yaml `{what}`");
        if validator.is_valid(&yaml_to_json(config)) {
            disagreements.push(format!("bad `{what}`: the schema accepts it"));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

/// The bad forms of `history`, `expected_by`, `fulfils` and `as_of`, each
/// with the exact error `annals check` gives and where: the `error:` line
/// and the `-->` line under it (`file:line:column`; the event is
/// `content/fixture.md`, whose front matter starts on line 2).
#[test]
fn bad_forms_of_history_expectations_and_as_of_are_refused_at_their_place() {
    const SOURCE: &str = "sources:\n  - title: A\n    url: https://example.org/a\n";
    let history = |entry: &str| format!("title: x\ndate: 2025\n{SOURCE}history:\n{entry}");
    let cases: Vec<(String, Option<&str>, &str, String)> = vec![
        (
            history("  - status: reported\n    source: 1\n"),
            None,
            "content/fixture.md:8:5",
            "`date` is missing".into(),
        ),
        (
            history("  - date: 2025-02-20\n"),
            None,
            "content/fixture.md:8:5",
            "`status` is missing".into(),
        ),
        (
            history("  - date: 2025-02-20\n    status: denyed\n"),
            None,
            "content/fixture.md:9:13",
            "`denyed` is not a status".into(),
        ),
        (
            history("  - 2025-02-20 reported\n"),
            None,
            "content/fixture.md:8:5",
            "a `history` entry must be a mapping of `key: value` lines, but this is text".into(),
        ),
        (
            history("  - date: 2025-02-20\n    status: reported\n    sorce: 1\n"),
            None,
            "content/fixture.md:10:5",
            "unknown key `sorce` in a `history` entry".into(),
        ),
        (
            history("  - date: 2025-02-20\n    status: reported\n    source: 0\n"),
            None,
            "content/fixture.md:10:13",
            "`source` must be a whole number 1 or more, not `0`".into(),
        ),
        (
            history("  - date: 2025-02-20\n    status: reported\n    source: first\n"),
            None,
            "content/fixture.md:10:13",
            "`source` must be a whole number 1 or more, not `first`".into(),
        ),
        (
            history("  - date: 2025-02-20\n    status: reported\n    source: \"1\"\n"),
            None,
            "content/fixture.md:10:13",
            "`source` must be a whole number 1 or more, not the text \"1\"".into(),
        ),
        (
            history("  - date: 2025-02-20\n    status: reported\n    note: [a]\n"),
            None,
            "content/fixture.md:10:11",
            "`note` must be text, but this is a list".into(),
        ),
        (
            "title: x\ndate: 2025\nstatus: planned\nexpected_by: 2025-13\n".into(),
            None,
            "content/fixture.md:5:14",
            "`2025-13` is not a date: there is no month 13".into(),
        ),
        (
            "title: x\ndate: 2025\nstatus: reported\nexpected_by: 2025-03-08\n".into(),
            None,
            "content/fixture.md:5:14",
            "a reported event is expected by no date".into(),
        ),
        (
            "title: x\ndate: 2021-06-20\nfulfils: Geneva\n".into(),
            None,
            "content/fixture.md:4:10",
            "there is no event with the slug `Geneva`".into(),
        ),
        (
            "title: x\ndate: 2021-06-20\nfulfils: geneva-held\n".into(),
            None,
            "content/fixture.md:4:10",
            "`geneva-held` expects nothing: it has no `expected_by`".into(),
        ),
        (
            "title: x\ndate: 2025\nstatus: planned\nexpected_by: 2025-06\nfulfils: fixture\n"
                .into(),
            None,
            "content/fixture.md:6:10",
            "an event cannot fulfil itself".into(),
        ),
        (
            history("  - {date: 2025-13, status: reported}\n"),
            None,
            "content/fixture.md:8:12",
            "`2025-13` is not a date: there is no month 13".into(),
        ),
        (
            history("  - {date: 2025~, status: reported}\n"),
            None,
            "content/fixture.md:8:12",
            "`2025~` is not a plain date: only an event's `date` and `end` take ~, ? or % (here write `2025`)".into(),
        ),
        (
            "title: x\ndate: 2025\nstatus: planned\nexpected_by: [2025]\n".into(),
            None,
            "content/fixture.md:5:14",
            "`expected_by` must be text, but this is a list".into(),
        ),
        (
            "title: x\ndate: 2025\nfulfils: [geneva]\n".into(),
            None,
            "content/fixture.md:4:10",
            "`fulfils` must be text, but this is a list".into(),
        ),
        (
            MINIMAL_EVENT.into(),
            Some("as_of: [2025-03-10]\n"),
            "annals.yaml:1:8",
            "`as_of` must be text, but this is a list".into(),
        ),
        (
            MINIMAL_EVENT.into(),
            Some("as_of: 2025-02-30\n"),
            "annals.yaml:1:8",
            "`2025-02-30` is not a date: February 2025 has 28 days".into(),
        ),
        (
            MINIMAL_EVENT.into(),
            Some("title: T\nas_of: 2025-13-01\n"),
            "annals.yaml:2:8",
            "`2025-13-01` is not a date: there is no month 13".into(),
        ),
        (
            MINIMAL_EVENT.into(),
            Some("as_of: 2025-03\n"),
            "annals.yaml:1:8",
            "`2025-03` is not a day: as_of is a day, such as 2025-03-10".into(),
        ),
        (
            MINIMAL_EVENT.into(),
            Some("as_of: March\n"),
            "annals.yaml:1:8",
            "`March` is not a date in a form Annals reads".into(),
        ),
    ];
    for (fixture, config, place, message) in &cases {
        let (ok, stderr) = annals_check(fixture, *config);
        assert!(!ok, "Annals accepts:\n{fixture}{config:?}");
        let lines: Vec<&str> = stderr.lines().collect();
        let error = format!("error: {message}");
        let found = lines.windows(2).any(|w| {
            w[0] == error && w[1].starts_with("  --> ") && w[1].ends_with(&format!("/{place}"))
        });
        assert!(found, "no `{error}` at {place}:\n{stderr}");
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("error: ")).count(),
            1,
            "one problem only:\n{stderr}"
        );
    }
}

/// Where a schema cannot say what Annals says, and which way it errs. Each
/// case is pinned so that a change on either side shows up here.
#[test]
fn known_gaps() {
    let event = validator("event.schema.json");
    let config = validator("annals.schema.json");

    // The schema accepts, Annals refuses: rules that need more than one
    // value, more than one file, or the YAML text itself.
    for (what, fixture) in [
        (
            "an end before the date",
            "title: x\ndate: 2022\nend: 2021\n",
        ),
        (
            "a related event that does not exist",
            "title: x\ndate: 2021\nrelated: [nowhere]\n",
        ),
        (
            "an event related to itself",
            "title: x\ndate: 2021\nrelated: [fixture]\n",
        ),
        (
            "a slug another event has",
            "title: x\ndate: 2021\nslug: geneva\n",
        ),
        (
            "YAML anchors and aliases",
            "title: x\ndate: 2021\nactors: &a [Putin]\nplaces: *a\n",
        ),
        (
            "an instant after 9999 in UTC",
            "title: x\ndate: 9999-12-31T23:00:00-05:00\n",
        ),
        (
            "a range in date that ends before it starts",
            "title: x\ndate: 2025/2024\n",
        ),
        (
            "a claim by someone who is not one of the event's actors",
            "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: B, on: 2025, said: w, source: 1}\n",
        ),
        (
            "a claim by someone, on an event without actors",
            "title: x\ndate: 2025\nclaims:\n  - {by: A, on: 2025, said: w, source: 1}\n",
        ),
        (
            "a claim on a range that ends before it starts",
            "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025/2024, said: w, source: 1}\n",
        ),
        // YAML 1.2 reads these as the number 2021; Annals reads the digits.
        ("date: +2021", "title: x\ndate: +2021\n"),
        ("date: 0x7E5", "title: x\ndate: 0x7E5\n"),
        ("date: 2021.0", "title: x\ndate: 2021.0\n"),
        // A history is checked across its entries and against `sources`,
        // and sets the status, which only its last entry tells.
        (
            "history entries out of time order",
            "title: x\ndate: 2025\nhistory:\n  - {date: 2025-02-21, status: reported}\n  - {date: 2025-02-20, status: denied}\n",
        ),
        (
            "a history source number beyond the sources",
            "title: x\ndate: 2025\nsources:\n  - title: A\n    url: https://example.org/a\nhistory:\n  - {date: 2025-02-20, status: reported, source: 2}\n",
        ),
        (
            "a history source on an event without sources",
            "title: x\ndate: 2025\nhistory:\n  - {date: 2025-02-20, status: reported, source: 1}\n",
        ),
        (
            "a status that disagrees with the last history entry",
            "title: x\ndate: 2025\nstatus: cancelled\nhistory:\n  - {date: 2025-02-20, status: reported}\n  - {date: 2025-02-21, status: denied}\n",
        ),
        (
            "an undated event whose history ends happened, no status written",
            "title: x\nhistory:\n  - {date: 2025-02-20, status: happened}\n",
        ),
        (
            "expected_by on an event whose history ends happened, no status written",
            "title: x\ndate: 2025\nhistory:\n  - {date: 2025-02-20, status: happened}\nexpected_by: 2025-06\n",
        ),
        // YAML 1.2 reads these as the number 1; Annals wants the digits.
        (
            "a history source: 0x1",
            "title: x\ndate: 2025\nsources:\n  - title: A\n    url: https://example.org/a\nhistory:\n  - {date: 2025-02-20, status: reported, source: 0x1}\n",
        ),
        (
            "a history source: 1.0",
            "title: x\ndate: 2025\nsources:\n  - title: A\n    url: https://example.org/a\nhistory:\n  - {date: 2025-02-20, status: reported, source: 1.0}\n",
        ),
        // `fulfils` names another file's event.
        (
            "fulfils an event that does not exist",
            "title: x\ndate: 2021-06-20\nfulfils: nowhere\n",
        ),
        (
            "fulfils an event without expected_by",
            "title: x\ndate: 2021-06-20\nfulfils: geneva-held\n",
        ),
        (
            "an event that fulfils itself",
            "title: x\ndate: 2025\nstatus: planned\nexpected_by: 2025-06\nfulfils: fixture\n",
        ),
    ] {
        assert!(!annals_check(fixture, None).0, "Annals accepts `{what}`");
        let found = errors(&event, &yaml_to_json(fixture));
        assert!(
            found.is_empty(),
            "the schema now refuses `{what}`: {found:?}"
        );
    }
    for (what, text) in [
        (
            "split_threshold: 0x10",
            "timeline:\n  split_threshold: 0x10\n",
        ),
        ("atom_limit: 1e3", "outputs:\n  atom_limit: 1e3\n"),
    ] {
        assert!(
            !annals_check(MINIMAL_EVENT, Some(text)).0,
            "Annals accepts `{what}`"
        );
        let found = errors(&config, &yaml_to_json(text));
        assert!(
            found.is_empty(),
            "the schema now refuses `{what}`: {found:?}"
        );
    }

    // The schema refuses, Annals accepts: Annals trims text and takes
    // blank text in an optional key as not given.
    for (what, fixture) in [
        ("a quoted date with spaces", "title: x\ndate: \" 2021 \"\n"),
        (
            "a quoted status with spaces",
            "title: x\ndate: 2021\nstatus: \" planned\"\n",
        ),
        ("a blank end", "title: x\ndate: 2021\nend: \"\"\n"),
        (
            "a blank date of an event that may have none",
            "title: x\ndate: \"\"\nstatus: planned\nreported_on: 2025\n",
        ),
        ("a blank status", "title: x\ndate: 2021\nstatus: \"\"\n"),
        (
            "a blank stance",
            "title: x\ndate: 2025\nactors: [A]\nclaims:\n  - {by: A, on: 2025, said: w, stance: \"\", source: 1}\n",
        ),
        ("a blank slug", "title: x\ndate: 2021\nslug: \"\"\n"),
        (
            "a url with a space before it",
            "title: x\ndate: 2021\nsources:\n  - title: A\n    url: \" https://example.org/\"\n",
        ),
        (
            "a blank expected_by",
            "title: x\ndate: 2025\nstatus: planned\nexpected_by: \"\"\n",
        ),
        ("a blank fulfils", "title: x\ndate: 2025\nfulfils: \" \"\n"),
        // YAML 1.2 reads `true` as a boolean; Annals takes the text "true",
        // which is a valid slug.
        ("slug: true", "title: x\ndate: 2021\nslug: true\n"),
        (
            "a quoted correction date with spaces",
            "title: x\ndate: 2021\ncorrections:\n  - {date: \" 2025-02-23 \", note: x}\n",
        ),
    ] {
        let (ok, stderr) = annals_check(fixture, None);
        assert!(ok, "Annals refuses `{what}`:\n{stderr}");
        assert!(
            !event.is_valid(&yaml_to_json(fixture)),
            "the schema now accepts `{what}`"
        );
    }
    for (what, text) in [
        ("a blank language", "language: \"\"\n"),
        ("a blank base_url", "base_url: \"\"\n"),
        ("a blank as_of", "as_of: \"\"\n"),
        ("as_of with spaces", "as_of: \" 2025-03-10 \"\n"),
    ] {
        let (ok, stderr) = annals_check(MINIMAL_EVENT, Some(text));
        assert!(ok, "Annals refuses `{what}`:\n{stderr}");
        assert!(
            !config.is_valid(&yaml_to_json(text)),
            "the schema now accepts `{what}`"
        );
    }

    // `date: 0800` is the text "0800" to Annals (the year 800) and to
    // serde_yaml, but the integer 800 to a YAML 1.2 language server, which
    // the schema refuses so that `date: 21` is caught. Quoted, it passes.
    assert!(annals_check("title: x\ndate: 0800\n", None).0);
    assert!(!event.is_valid(&json!({ "title": "x", "date": 800 })));
    assert!(event.is_valid(&json!({ "title": "x", "date": "0800" })));
}

#[test]
fn every_shipped_translation_validates_and_the_schema_lists_its_keys() {
    let schema = schema("translation.schema.json");
    let mut expected = annals::source::translation::KEYS.to_vec();
    expected.sort();
    assert_eq!(schema_keys(&schema), expected);
    let validator = validator("translation.schema.json");
    let dir = Path::new(REPO).join("content");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| is_translation(p) && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "the shipped timeline has translations: {files:?}"
    );
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let yaml = front_matter(&text).unwrap();
        let found = errors(&validator, &yaml_to_json(yaml));
        assert!(found.is_empty(), "{}: {found:?}", file.display());
    }
    // A fact in a translation is refused by the schema, as by Annals.
    let status = yaml_to_json("title: X\nstatus: denied\n");
    assert!(!errors(&validator, &status).is_empty());
}
