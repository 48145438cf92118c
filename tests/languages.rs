//! The theme's words in the site's language (`language:` in annals.yaml):
//! the theme's translation, a site's own `i18n/<lang>.yaml` over it, and
//! what `annals check` says of a translation that lacks a word or has a
//! key the theme does not know.

mod common;
use common::*;

fn ukrainian_site(extra: &[(&str, &str)]) -> Site {
    let mut files = vec![
        (
            "annals.yaml",
            "title: Хроніка\nlanguage: uk-UA\n".to_string(),
        ),
        (
            "content/one.md",
            event(
                "title: Talks\ndate: 2025-02-18\nactors: [Rubio]\nstatus: reported",
                "Body.\n",
            ),
        ),
        (
            "content/two.md",
            event("title: Call\ndate: 2025-02~\nactors: [Rubio]", "Body.\n"),
        ),
        (
            "content/three.md",
            event(
                "title: Visit\nstatus: planned\nreported_on: 2025-02-20",
                "Body.\n",
            ),
        ),
    ];
    files.extend(extra.iter().map(|(a, b)| (*a, b.to_string())));
    let owned: Vec<(String, String)> = files.into_iter().map(|(a, b)| (a.to_string(), b)).collect();
    site_owned(&owned)
}

#[test]
fn a_ukrainian_site_is_in_ukrainian() {
    let site = ukrainian_site(&[]);
    build_ok(&site, &[]);
    let index = site.read("public/index.html");
    for words in [
        "Перейти до змісту",
        ">Хронологія</a>",
        ">Учасники</a>",
        "3 події",
        "Повідомляється, не підтверджено",
        "Відбулося",
        "бл. <time",
        "Дату не встановлено",
        "Учасники:",
        "Будь-який статус",
    ] {
        assert!(
            index.contains(words),
            "no `{words}` in the timeline:\n{index}"
        );
    }
    for english in ["Skip to content", ">Actors</a>", "3 events", "Date not set"] {
        assert!(!index.contains(english), "`{english}` on a Ukrainian page");
    }
    // The script's words come from the page, in the plural form for the
    // number of events.
    assert!(index.contains("data-words=\""), "{index}");
    assert!(index.contains("Подій: {shown} з 3"), "{index}");
    let actor = site.read("public/actors/rubio/index.html");
    assert!(actor.contains("2 події"), "{actor}");
    let terms = site.read("public/tags/index.html");
    assert!(terms.contains("Поки що жодна подія не має тем."), "{terms}");
    let missing = site.read("public/404.html");
    assert!(missing.contains("Сторінку не знайдено"), "{missing}");
    let (code, out, err) = site.run(&["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("i18n"), "no word is missing:\n{err}");
}

#[test]
fn a_site_file_changes_words_and_check_names_what_is_wrong() {
    let site = ukrainian_site(&[(
        "i18n/uk.yaml",
        "timeline: Літопис\nevents:\n  one: \"{n} випадок\"\n  few: \"{n} випадки\"\n  many: \"{n} випадків\"\n  other: \"{n} випадку\"\ntimelin: x\n",
    )]);
    build_ok(&site, &[]);
    let index = site.read("public/index.html");
    assert!(index.contains(">Літопис</a>"), "{index}");
    assert!(index.contains("3 випадки"), "{index}");
    // What the site's file does not give comes from the theme.
    assert!(index.contains(">Учасники</a>"), "{index}");
    let (_, out, err) = site.run(&["check"]);
    let all = format!("{out}{err}");
    assert!(
        all.contains("i18n/uk.yaml:7:1: `timelin` is not a word of the theme"),
        "{all}"
    );
    assert!(all.contains("did you mean `timeline`"), "{all}");
}

#[test]
fn a_language_the_theme_lacks_falls_back_to_english_word_by_word() {
    let site = ukrainian_site(&[("i18n/it.yaml", "timeline: Cronologia\n")]);
    site.write("annals.yaml", "title: Cronaca\nlanguage: it\n");
    build_ok(&site, &[]);
    let index = site.read("public/index.html");
    assert!(index.contains(">Cronologia</a>"), "{index}");
    assert!(index.contains(">Actors</a>"), "{index}");
    let (_, out, err) = site.run(&["check"]);
    let all = format!("{out}{err}");
    assert!(
        all.contains("i18n/it.yaml: `actors` is missing from the `it` translation"),
        "{all}"
    );
    assert!(!all.contains("`timeline` is missing"), "{all}");
}

#[test]
fn a_bad_translation_file_is_an_error_with_its_place() {
    let site = ukrainian_site(&[(
        "i18n/uk.yaml",
        "timeline: Хроніка\nactors: [a, b]\nevents:\n  one: x\n",
    )]);
    let (code, _, err) = site.run(&["build"]);
    assert_eq!(code, 1, "{err}");
    assert_problem(&err, "i18n/uk.yaml:2:9", &["`actors`", "not a word"]);
    assert_problem(&err, "i18n/uk.yaml:4:3", &["`events`", "no `other`"]);
}
