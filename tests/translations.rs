//! A site in several languages (`languages: [en, uk]`): an event's
//! translation is a file beside it with the language before the
//! extension. What does not fit is refused with its file and line: a
//! translation of nothing, a date that is not its original's, a language
//! the site does not have, a tag that is not a language.

mod common;
use common::*;

const EVENT: &str = "title: Talks in Riyadh\ndate: 2025-02-18\nactors: [Marco Rubio]\nsources:\n  - {title: Report, url: \"https://example.org/r\"}\nclaims:\n  - {by: Marco Rubio, on: 2025-02-18, quote: \"We agreed.\", source: 1}";

#[test]
fn a_site_with_its_translations_builds() {
    let site = site(&[
        ("annals.yaml", "languages: [en, uk]\n"),
        ("content/_index.md", "---\ntitle: Talks\n---\nIntro.\n"),
        (
            "content/_index.uk.md",
            "---\ntitle: Переговори\n---\nВступ.\n",
        ),
        ("content/riyadh.md", &event(EVENT, "Body.\n")),
        (
            "content/riyadh.uk.md",
            &event(
                "title: \"Переговори в Ер-Ріяді\"\ndate: 2025-02-18\nclaims:\n  - quote: \"Ми домовилися.\"",
                "Текст.\n",
            ),
        ),
        // A file whose name has a dot but no language is an event.
        (
            "content/talks.v2.md",
            &event("title: Second\ndate: 2025-02-19", ""),
        ),
    ]);
    build_ok(&site, &[]);
    // The translation is not an event of the English site.
    assert!(site.join("public/events/riyadh/index.html").is_file());
    assert!(site.join("public/events/talks-v2/index.html").is_file());
    assert!(!site.join("public/events/riyadh-uk").exists());
    let json = site.read("public/events.json");
    assert!(!json.contains("Переговори"), "{json}");
}

#[test]
fn translations_that_do_not_fit_are_refused_with_their_lines() {
    let site = site(&[
        ("annals.yaml", "languages: [en, uk]\n"),
        ("content/riyadh.md", &event(EVENT, "")),
        // Line 3: a date that is not the original's.
        (
            "content/riyadh.uk.md",
            &event("title: \"Переговори\"\ndate: 2025-02-19", ""),
        ),
        // A translation of no event.
        ("content/geneva.uk.md", &event("title: \"Женева\"", "")),
        // A language the site does not have, and the default language.
        ("content/moscow.fr.md", &event("title: Moscou", "")),
        ("content/moscow.en.md", &event("title: Moscow", "")),
        // Only words: no status in a translation.
        (
            "content/talks.md",
            &event("title: Talks\ndate: 2025-02-20", ""),
        ),
        (
            "content/talks.uk.md",
            &event("title: \"Переговори\"\nstatus: denied", ""),
        ),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(
        &stderr,
        "content/riyadh.uk.md:3:7",
        &["date is not its original's", "2025-02-18"],
    );
    assert_problem(
        &stderr,
        "content/geneva.uk.md:1:1",
        &["geneva.md", "not there"],
    );
    assert_problem(
        &stderr,
        "content/moscow.fr.md:1:1",
        &["`fr`", "not one of the site's languages (en, uk)"],
    );
    assert_problem(&stderr, "content/moscow.en.md:1:1", &["default language"]);
    assert_problem(&stderr, "content/talks.uk.md:3:1", &["status"]);
    assert_eq!(error_count(&stderr), 5, "{stderr}");
}

#[test]
fn more_claims_than_the_original_has_are_refused() {
    let site = site(&[
        ("annals.yaml", "languages: [en, uk]\n"),
        ("content/riyadh.md", &event(EVENT, "")),
        (
            "content/riyadh.uk.md",
            &event(
                "title: \"Т\"\nclaims:\n  - quote: \"А\"\n  - quote: \"Б\"",
                "",
            ),
        ),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(
        &stderr,
        "content/riyadh.uk.md:4:3",
        &["words for 2 claims", "has 1"],
    );
}

#[test]
fn languages_must_be_language_tags_each_once() {
    let site = site(&[
        (
            "annals.yaml",
            "language: de\nlanguages: [en, uk, en, \"english\"]\n",
        ),
        ("content/riyadh.md", &event(EVENT, "")),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(&stderr, "annals.yaml:2:21", &["`en` is listed twice"]);
    assert_problem(
        &stderr,
        "annals.yaml:2:25",
        &["`english` is not a language tag"],
    );
    assert_problem(
        &stderr,
        "annals.yaml:1:11",
        &["`de`", "first of `languages` is `en`"],
    );
}

#[test]
fn without_languages_a_name_with_a_language_is_an_event() {
    let site = site(&[("content/riyadh.uk.md", &event(EVENT, ""))]);
    build_ok(&site, &[]);
    assert!(site.join("public/events/riyadh-uk/index.html").is_file());
}

#[test]
fn an_actor_record_names_the_actor_in_the_other_languages() {
    let record = |names: &str| format!("---\nname: Marco Rubio\nnames:\n{names}---\n");
    let site = site(&[
        ("annals.yaml", "languages: [en, uk]\n"),
        ("content/riyadh.md", &event(EVENT, "")),
        (
            "actors/marco-rubio.md",
            &record("  uk: \"Марко Рубіо\"\n  \"x y\": \"?\"\n"),
        ),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(
        &stderr,
        "actors/marco-rubio.md:5:10",
        &["`x y` is not a language tag"],
    );
    site.write(
        "actors/marco-rubio.md",
        record("  uk: \"Марко Рубіо\"\n  fr: Marco Rubio\n"),
    );
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(
        &stderr,
        "actors/marco-rubio.md:5:7",
        &["`fr`", "not one of the site's other languages", "uk"],
    );
    site.write("actors/marco-rubio.md", record("  uk: \"Марко Рубіо\"\n"));
    build_ok(&site, &[]);
}

#[test]
fn check_lists_what_is_untranslated_per_language() {
    let site = site(&[
        ("annals.yaml", "languages: [en, uk, de]\n"),
        ("content/riyadh.md", &event(EVENT, "")),
        (
            "content/geneva.md",
            &event("title: Geneva\ndate: 2021-06", ""),
        ),
        ("content/riyadh.uk.md", &event("title: \"Ер-Ріяд\"", "")),
    ]);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("uk: 1 of 2 events have no translation: content/geneva.md"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "de: 2 of 2 events have no translation: content/geneva.md, content/riyadh.md"
        ),
        "{stderr}"
    );
    // A build does not say it: only check does.
    assert!(!build_ok(&site, &[]).contains("no translation"));
}
