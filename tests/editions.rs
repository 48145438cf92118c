//! A site in several languages is published as one edition per language:
//! the default at the root, each other in its folder (`uk/`), each page
//! linking its translations (`hreflang` and a visible switcher), an
//! untranslated event shown in its own language with a link to the
//! original, and each edition with its own data files; one sitemap lists
//! them all with their alternates.

mod common;
use common::*;

const RIYADH: &str = "title: Talks in Riyadh\ndate: 2025-02-18\nactors: [Marco Rubio]\nsources:\n  - {title: Report, url: \"https://example.org/r\"}\nclaims:\n  - {by: Marco Rubio, on: 2025-02-18, quote: \"We agreed.\", source: 1}";
const GENEVA: &str = "title: Summit in Geneva\ndate: 2021-06\nsources:\n  - {title: Report, url: \"https://example.org/g\"}";

fn two_languages(extra: &[(&str, &str)]) -> Site {
    let riyadh = event(RIYADH, "Body.\n");
    let riyadh_uk = event(
        "title: \"Переговори в Ер-Ріяді\"\ndate: 2025-02-18\nclaims:\n  - quote: \"Ми домовилися.\"",
        "Текст.\n",
    );
    let geneva = event(GENEVA, "Geneva body.\n");
    let mut files = vec![
        ("annals.yaml", "languages: [en, uk]\n"),
        ("content/_index.md", "---\ntitle: Talks\n---\nIntro.\n"),
        (
            "content/_index.uk.md",
            "---\ntitle: Переговори\n---\nВступ.\n",
        ),
        ("content/riyadh.md", riyadh.as_str()),
        ("content/riyadh.uk.md", riyadh_uk.as_str()),
        ("content/geneva.md", geneva.as_str()),
        (
            "actors/marco-rubio.md",
            "---\nname: Marco Rubio\nnames: {uk: Марко Рубіо}\n---\n",
        ),
    ];
    files.extend_from_slice(extra);
    site(&files)
}

#[test]
fn each_language_has_its_edition_and_every_page_links_its_translations() {
    let site = two_languages(&[]);
    build_ok(&site, &["--base-url", "https://example.org/t/"]);
    let en = site.read("public/events/riyadh/index.html");
    let uk = site.read("public/uk/events/riyadh/index.html");
    assert!(en.contains("<h1>Talks in Riyadh</h1>"), "{en}");
    assert!(uk.contains("<html lang=\"uk\""), "{uk}");
    assert!(uk.contains("<h1>Переговори в Ер-Ріяді</h1>"), "{uk}");
    // hreflang, both ways, with absolute addresses, and x-default.
    for page in [&en, &uk] {
        for link in [
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/t/events/riyadh/\">",
            "<link rel=\"alternate\" hreflang=\"uk\" href=\"https://example.org/t/uk/events/riyadh/\">",
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/t/events/riyadh/\">",
        ] {
            assert!(page.contains(link), "{link} in {page}");
        }
    }
    assert!(
        uk.contains("<link rel=\"canonical\" href=\"https://example.org/t/uk/events/riyadh/\">")
    );
    // The visible switcher: each language in its own name, this one current.
    assert!(
        uk.contains("<a href=\"../../../events/riyadh/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a>"),
        "{uk}"
    );
    assert!(
        uk.contains("<a href=\"../../../uk/events/riyadh/\" hreflang=\"uk\" lang=\"uk\" dir=\"ltr\" aria-current=\"true\">Українська</a>"),
        "{uk}"
    );
    assert!(
        uk.contains("<nav class=\"languages\" aria-label=\"Мови\">"),
        "{uk}"
    );
    // The edition shares the root's assets and has no 404 page of its own.
    assert!(uk.contains("href=\"../../../assets/annals.css\""), "{uk}");
    assert!(!site.join("public/uk/assets").exists());
    assert!(!site.join("public/uk/404.html").exists());
    // The quote in translation, marked so, with the original kept.
    assert!(
        uk.contains("«Ми домовилися.»") || uk.contains("Ми домовилися."),
        "{uk}"
    );
    assert!(
        uk.contains("<q lang=\"en\" dir=\"auto\">We agreed.</q>"),
        "{uk}"
    );
    assert!(!en.contains("claim-original"), "{en}");
    // The actor by the record's Ukrainian name, at the same address.
    assert!(uk.contains(">Марко Рубіо</a>"), "{uk}");
    assert!(
        site.join("public/uk/actors/marco-rubio/index.html")
            .is_file()
    );
    // Every link of both editions leads to a page of the build.
    check_links(&site.join("public"), "/t/");
}

#[test]
fn an_untranslated_event_is_shown_in_its_own_language_and_links_the_original() {
    let site = two_languages(&[]);
    build_ok(&site, &[]);
    let page = site.read("public/uk/events/geneva/index.html");
    assert!(
        page.contains("<article class=\"event-page status-happened\" lang=\"en\">"),
        "{page}"
    );
    assert!(page.contains("<h1>Summit in Geneva</h1>"), "{page}");
    assert!(
        page.contains("<a href=\"../../../events/geneva/\" hreflang=\"en\">"),
        "{page}"
    );
    // In the edition's timeline, its card says its language too.
    let index = site.read("public/uk/index.html");
    let card = index
        .split("<article class=\"event")
        .find(|c| c.contains("Summit in Geneva"))
        .expect("the untranslated event is listed");
    assert!(card.contains("lang=\"en\""), "{card}");
    // The translated one is not marked.
    let card = index
        .split("<article class=\"event")
        .find(|c| c.contains("Переговори в Ер-Ріяді"))
        .expect("the translated event is listed");
    assert!(!card.contains("lang="), "{card}");
    // The introduction in translation.
    assert!(index.contains("Вступ."), "{index}");
}

#[test]
fn each_edition_has_its_data_files_and_one_sitemap_lists_them_all() {
    let site = two_languages(&[]);
    build_ok(&site, &["--base-url", "https://example.org/t/"]);
    for file in [
        "atom.xml",
        "changes.xml",
        "calendar.ics",
        "timeline.json",
        "events.json",
    ] {
        assert!(
            site.join(&format!("public/uk/{file}")).is_file(),
            "uk/{file}"
        );
    }
    let json = site.read("public/uk/events.json");
    assert!(json.contains("Переговори в Ер-Ріяді"), "{json}");
    assert!(
        json.contains("https://example.org/t/uk/events/riyadh/"),
        "{json}"
    );
    let atom = site.read("public/uk/atom.xml");
    assert!(
        atom.contains("https://example.org/t/uk/events/riyadh/"),
        "{atom}"
    );
    let english = site.read("public/events.json");
    assert!(!english.contains("Переговори"), "{english}");
    assert!(!site.join("public/uk/sitemap.xml").exists());
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains(
        "<url><loc>https://example.org/t/uk/events/riyadh/</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/t/events/riyadh/\"/><xhtml:link rel=\"alternate\" hreflang=\"uk\" href=\"https://example.org/t/uk/events/riyadh/\"/></url>"
    ), "{sitemap}");
}

#[test]
fn a_site_in_one_language_has_no_switcher_and_no_alternates() {
    let site = site(&[("content/riyadh.md", event(RIYADH, "Body.\n").as_str())]);
    build_ok(&site, &["--base-url", "https://example.org/t/"]);
    let page = site.read("public/events/riyadh/index.html");
    assert!(!page.contains("hreflang"), "{page}");
    assert!(!page.contains("class=\"languages\""), "{page}");
    assert!(!site.read("public/sitemap.xml").contains("xhtml"));
}

#[test]
fn check_builds_every_edition() {
    // A template error shows in the edition's words too: the Ukrainian
    // theme file of the site is read, and a broken one refused.
    let site = two_languages(&[("i18n/uk.yaml", "timeline: [unclosed\n")]);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("i18n/uk.yaml"), "{stderr}");
}

#[test]
fn names_in_annals_yaml_name_places_tags_and_actors_in_an_edition() {
    let config = "languages: [en, uk]\nnames:\n  uk:\n    Riyadh: Ер-Ріяд\n    Geneva: Женева\n    diplomacy: дипломатія\n    Russia: Росія\n    Genva: Женева\n";
    let riyadh = event(
        "title: Talks\ndate: 2025-02-18\nplaces: [Riyadh]\ntags: [Diplomacy]\nactors: [Russia]\nsources:\n  - {title: R, url: \"https://example.org/r\"}",
        "",
    );
    let geneva = event(
        "title: Summit\ndate: 2021-06\nplaces: [Geneva]\nsources:\n  - {title: R, url: \"https://example.org/g\"}",
        "",
    );
    let site = site(&[
        ("annals.yaml", config),
        ("content/riyadh.md", &riyadh),
        ("content/geneva.md", &geneva),
    ]);
    build_ok(&site, &[]);
    let uk = site.read("public/uk/events/riyadh/index.html");
    // Any spelling of the term (Diplomacy) takes the name; addresses stay.
    for shown in [
        "<a href=\"../../places/riyadh/\" dir=\"auto\">Ер-Ріяд</a>",
        "<a href=\"../../tags/diplomacy/\" dir=\"auto\">дипломатія</a>",
        "<a href=\"../../actors/russia/\" dir=\"auto\">Росія</a>",
    ] {
        assert!(uk.contains(shown), "{shown} in {uk}");
    }
    // In the edition's own order: Е before Ж, though Geneva comes before
    // Riyadh in English.
    let places = site.read("public/uk/places/index.html");
    let (e, zh) = (
        places.find("Ер-Ріяд").unwrap(),
        places.find("Женева").unwrap(),
    );
    assert!(e < zh, "{places}");
    let english = site.read("public/events/riyadh/index.html");
    assert!(english.contains(">Riyadh</a>") && !english.contains("Ер-Ріяд"));
    // check: a name for a term nothing writes.
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("annals.yaml:8:5:")
            && stderr.contains("gives a name for `Genva`, which no event or actor record writes"),
        "{stderr}"
    );
}

#[test]
fn names_in_a_language_the_site_does_not_have_are_refused_with_their_line() {
    let site = site(&[
        (
            "annals.yaml",
            "languages: [en, uk]\nnames:\n  fr:\n    Geneva: Genève\n  uk: [Женева]\n",
        ),
        ("content/a.md", &event("title: A\ndate: 2025", "")),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(
        &stderr,
        "annals.yaml:3:3",
        &["`names` gives names in `fr`", "uk"],
    );
    assert_problem(
        &stderr,
        "annals.yaml:5:7",
        &["`names.uk` must be a mapping"],
    );
}
