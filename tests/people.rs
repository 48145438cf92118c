//! People and bodies as records: actor files in `actors/`, their aliases
//! and roles, on the pages and in `events.json`, and every mistake in them
//! reported at its line.

mod common;
use common::*;

const ZELENSKYY: &str = "---
name: \"Volodymyr Zelenskyy\"
aliases: [\"Zelensky\", \"Zelenskiy\"]
roles:
  - title: \"President of Ukraine\"
    from: 2025-02
    until: 2025-02
---
Ukraine's *president*. <script>alert(1)</script>
";

const BIDEN: &str = "---
name: Joe Biden
roles:
  - {title: \"President of the United States\", from: 2021-06, until: 2021-06}
---
";

const HERRIDGE: &str = "---
name: Catherine Herridge
roles: [{title: journalist}]
---
";

/// A site whose events name actors by their names, by aliases, and
/// without files.
fn people_site() -> Site {
    site(&[
        (
            "content/geneva.md",
            &event("title: Geneva\ndate: 2021-06\nactors: [Joe Biden]", ""),
        ),
        (
            "content/barbs.md",
            &event(
                "title: Barbs\ndate: 2025-02-21\nactors: [Zelensky, Donald Trump]",
                "",
            ),
        ),
        (
            "content/riyadh.md",
            &event("title: Riyadh\ndate: 2025-02-18\nactors: [zelenskiy]", ""),
        ),
        (
            "content/year.md",
            &event(
                "title: Some time\ndate: 2025\nactors: [Volodymyr Zelenskyy]",
                "",
            ),
        ),
        (
            "content/planned.md",
            &event(
                "title: Planned\nstatus: planned\nreported_on: 2025-02-22\nactors: [Zelenskiy]",
                "",
            ),
        ),
        // The file's stem is not the actor's identity: its name is.
        ("actors/zelensky.md", ZELENSKYY),
        ("actors/biden.md", BIDEN),
        ("actors/herridge.md", HERRIDGE),
    ])
}

/// The line of an event page that lists its actors.
fn actors_line(html: &str) -> &str {
    html.lines()
        .find(|l| l.starts_with("<div><dt>Actors</dt>"))
        .unwrap_or_else(|| panic!("no actors on the page:\n{html}"))
}

#[test]
fn an_alias_counts_for_its_actor_and_keeps_its_spelling() {
    let site = people_site();
    let stderr = build_ok(&site, &[]);
    assert!(!stderr.contains("warning"), "{stderr}");
    let barbs = site.read("public/events/barbs/index.html");
    assert_eq!(
        actors_line(&barbs),
        "<div><dt>Actors</dt><dd><ul><li><a href=\"../../actors/volodymyr-zelenskyy/\" dir=\"auto\">Zelensky</a>, <span class=\"role\" dir=\"ltr\">President of Ukraine</span></li><li><a href=\"../../actors/donald-trump/\" dir=\"auto\">Donald Trump</a></li></ul></dd></div>"
    );
    // Written in another case, an alias is shown as its file writes it.
    let riyadh = site.read("public/events/riyadh/index.html");
    assert!(
        actors_line(&riyadh).contains(
            ">Zelenskiy</a>, <span class=\"role\" dir=\"ltr\">President of Ukraine</span>"
        ),
        "{riyadh}"
    );
    // One page, with every event that names the actor in any spelling.
    let page = site.read("public/actors/volodymyr-zelenskyy/index.html");
    for event in ["barbs", "riyadh", "year", "planned"] {
        assert!(
            page.contains(&format!("events/{event}/")),
            "{event}: {page}"
        );
    }
    assert!(
        page.contains("<p class=\"term-count\">4 events</p>"),
        "{page}"
    );
    for alias in ["zelensky", "zelenskiy"] {
        assert!(!site.join(&format!("public/actors/{alias}")).exists());
    }
    let list = site.read("public/actors/index.html");
    assert!(
        list.contains("<a href=\"../actors/volodymyr-zelenskyy/\" dir=\"auto\">Volodymyr Zelenskyy</a> <span class=\"count\">4 events</span>"),
        "{list}"
    );
    // The timeline's cards keep the spelling too.
    let index = site.read("public/index.html");
    assert!(
        index.contains("<a href=\"./actors/volodymyr-zelenskyy/\" dir=\"auto\">Zelensky</a>"),
        "{index}"
    );
}

#[test]
fn an_event_shows_the_role_held_on_its_date_and_none_when_unsure() {
    let site = people_site();
    build_ok(&site, &[]);
    let geneva = site.read("public/events/geneva/index.html");
    assert!(
        actors_line(&geneva).contains(
            ">Joe Biden</a>, <span class=\"role\" dir=\"ltr\">President of the United States</span>"
        ),
        "{geneva}"
    );
    // Dated only "2025", the event may fall outside February 2025.
    let year = site.read("public/events/year/index.html");
    assert!(
        actors_line(&year).ends_with(">Volodymyr Zelenskyy</a></li></ul></dd></div>"),
        "{year}"
    );
    // Not dated yet: the role on the day it was reported.
    let planned = site.read("public/events/planned/index.html");
    assert!(
        actors_line(&planned)
            .contains("<span class=\"role\" dir=\"ltr\">President of Ukraine</span>"),
        "{planned}"
    );
}

#[test]
fn the_actor_page_shows_description_aliases_and_roles() {
    let site = people_site();
    build_ok(&site, &[]);
    let page = site.read("public/actors/volodymyr-zelenskyy/index.html");
    assert!(page.contains("<h1>Volodymyr Zelenskyy</h1>"), "{page}");
    assert!(
        page.contains(
            // The list is one value of the translated sentence, isolated
            // as a whole.
            "<p class=\"aliases\">Also written: <bdi>Zelensky, Zelenskiy</bdi></p>"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "<div class=\"person-description\">\n<p>Ukraine’s <em>president</em>. alert(1)</p>"
        ),
        "the description is Markdown, its raw HTML dropped: {page}"
    );
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(
        page.contains(
            "<li><bdi dir=\"ltr\">President of Ukraine</bdi> <span class=\"role-span\">(February 2025)</span></li>"
        ),
        "{page}"
    );
    // An actor with a file gets its page even when no event names it.
    let herridge = site.read("public/actors/catherine-herridge/index.html");
    assert!(
        herridge.contains("<li><bdi dir=\"ltr\">journalist</bdi></li>"),
        "{herridge}"
    );
    assert!(herridge.contains("0 events"), "{herridge}");
    // The filters offer no actor without events: choosing one would find none.
    let index = site.read("public/index.html");
    assert!(!index.contains("value=\"catherine-herridge\""), "{index}");
    assert!(index.contains("<option value=\"donald-trump\">"), "{index}");
    // An actor without a file has its page as before, with no record.
    let trump = site.read("public/actors/donald-trump/index.html");
    assert!(!trump.contains("class=\"roles\""), "{trump}");
    assert!(trump.contains("events/barbs/"), "{trump}");
    check_links(&site.join("public"), "/");

    // With feeds on, an actor with no events has no feed (it would need an
    // `updated` date that nothing gives), and its page links none.
    build_ok(&site, &["--base-url", "https://example.org/t/"]);
    assert!(
        !site
            .join("public/actors/catherine-herridge/atom.xml")
            .exists()
    );
    let herridge = site.read("public/actors/catherine-herridge/index.html");
    assert!(!herridge.contains("href=\"atom.xml\""), "{herridge}");
    assert!(site.join("public/actors/donald-trump/atom.xml").is_file());
    let trump = site.read("public/actors/donald-trump/index.html");
    assert!(
        trump.contains("href=\"../../actors/donald-trump/atom.xml\""),
        "{trump}"
    );
}

#[test]
fn events_json_carries_actors_with_their_records() {
    let site = people_site();
    build_ok(&site, &[]);
    let json: serde_json::Value = serde_json::from_str(&site.read("public/events.json")).unwrap();
    assert_eq!(events_json_errors(&json), Vec::<String>::new());
    let actor = |slug: &str| {
        json["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["slug"] == slug)
            .unwrap_or_else(|| panic!("no actor {slug}"))
            .clone()
    };
    assert_eq!(
        actor("volodymyr-zelenskyy"),
        serde_json::json!({
            "name": "Volodymyr Zelenskyy",
            "slug": "volodymyr-zelenskyy",
            "url": "actors/volodymyr-zelenskyy/",
            "events": ["year", "riyadh", "barbs", "planned"],
            "record": true,
            "aliases": ["Zelensky", "Zelenskiy"],
            "roles": [{
                "title": "President of Ukraine",
                "from": {"value": "2025-02", "precision": "month", "text": "February 2025"},
                "until": {"value": "2025-02", "precision": "month", "text": "February 2025"},
                "when": "February 2025"
            }],
            "description_html": "<p>Ukraine’s <em>president</em>. alert(1)</p>\n"
        })
    );
    let trump = actor("donald-trump");
    assert_eq!(trump["record"], false);
    assert_eq!(trump["roles"], serde_json::json!([]));
    assert_eq!(trump["description_html"], serde_json::Value::Null);
    let barbs = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == "barbs")
        .unwrap();
    assert_eq!(
        barbs["actors"],
        serde_json::json!(["Zelensky", "Donald Trump"])
    );
    assert_eq!(
        barbs["actor_roles"],
        serde_json::json!([
            {"name": "Zelensky", "actor": "volodymyr-zelenskyy", "role": "President of Ukraine"},
            {"name": "Donald Trump", "actor": "donald-trump", "role": null}
        ])
    );
}

#[test]
fn a_site_without_actor_files_builds_as_before() {
    let site = site(&[(
        "content/a.md",
        &event(
            "title: A\ndate: 2025\nactors: [Marco Rubio, MARCO RUBIO]",
            "",
        ),
    )]);
    build_ok(&site, &[]);
    let page = site.read("public/events/a/index.html");
    assert!(
        actors_line(&page)
            .contains("<a href=\"../../actors/marco-rubio/\" dir=\"auto\">Marco Rubio</a></li>"),
        "{page}"
    );
    let json: serde_json::Value = serde_json::from_str(&site.read("public/events.json")).unwrap();
    assert_eq!(events_json_errors(&json), Vec::<String>::new());
    assert_eq!(json["actors"][0]["record"], false);
}

#[test]
fn bad_actor_files_are_reported_at_their_lines() {
    let site = site(&[
        (
            "content/a.md",
            &event("title: A\ndate: 2025\nactors: [Zelensky]", ""),
        ),
        ("actors/a.md", ZELENSKYY),
        // The alias of a.md as another actor's name, and a.md's name as an
        // alias; then a repeated spelling within one file.
        (
            "actors/b.md",
            "---\nname: ZELENSKY\naliases: [Volodymyr Zelenskyy, Z, z]\n---\n",
        ),
        (
            "actors/c.md",
            "---\nname: C\nalias: [Cee]\nroles:\n  - title: Envoy\n    from: 2025-03\n    until: 2025-02-28\n  - {tilte: Adviser, from: March 2025}\n---\n",
        ),
        ("actors/d.md", "No front matter.\n"),
    ]);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    let clash = assert_problem(
        &stderr,
        "actors/b.md:2:7",
        &["the name `ZELENSKY` names another actor too: the alias `Zelensky` in actors/a.md:3:11"],
    );
    assert!(
        clash.contains("a name or alias may name one actor only"),
        "{clash}"
    );
    assert_problem(
        &stderr,
        "actors/b.md:3:11",
        &[
            "the alias `Volodymyr Zelenskyy` names another actor too: the name `Volodymyr Zelenskyy` in actors/a.md:2:7",
        ],
    );
    assert_problem(
        &stderr,
        "actors/b.md:3:35",
        &["the alias `z` is the same name as the alias `Z` on line 3"],
    );
    let unknown = assert_problem(
        &stderr,
        "actors/c.md:3:1",
        &["unknown key `alias` in an actor file"],
    );
    assert!(
        unknown.contains(
            "did you mean `aliases`? allowed keys in an actor file: name, names, aliases, roles"
        ),
        "{unknown}"
    );
    assert_problem(
        &stderr,
        "actors/c.md:7:12",
        &["this role ends (28 February 2025) before it starts (March 2025)"],
    );
    let key = assert_problem(
        &stderr,
        "actors/c.md:8:6",
        &["unknown key `tilte` in a role"],
    );
    assert!(key.contains("did you mean `title`?"), "{key}");
    assert_problem(&stderr, "actors/c.md:8:5", &["`title` is missing"]);
    assert_problem(&stderr, "actors/c.md:8:28", &["`March 2025` is not a date"]);
    assert_problem(
        &stderr,
        "actors/d.md:1:1",
        &["this actor file has no front matter"],
    );
    assert_summary(&stderr, 9, 3);
}

#[test]
fn the_shipped_timeline_shows_roles_as_the_article_gives_them() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("public");
    let (code, _, stderr) = run(
        &["build", REPO, "--output", out.to_str().unwrap()],
        std::path::Path::new(REPO),
    );
    assert_eq!(code, 0, "{stderr}");
    let page = |slug: &str| {
        std::fs::read_to_string(out.join(format!("events/{slug}/index.html"))).unwrap()
    };
    let riyadh = page("2025-02-18-riyadh-meeting");
    for (name, role) in [
        ("Marco Rubio", "Secretary of State"),
        ("Mike Waltz", "White House national security adviser"),
        ("Steve Witkoff", "special presidential envoy"),
    ] {
        assert!(
            actors_line(&riyadh).contains(&format!(
                "{name}</a>, <span class=\"role\" dir=\"ltr\">{role}</span>"
            )),
            "{name}: {riyadh}"
        );
    }
    assert!(actors_line(&page("2021-06-geneva-summit")).contains(
        "Joe Biden</a>, <span class=\"role\" dir=\"ltr\">President of the United States</span>"
    ));
    assert!(
        actors_line(&page("2025-02-22-ryabkov-announcement")).contains(
            "Sergei Ryabkov</a>, <span class=\"role\" dir=\"ltr\">Russian Deputy Foreign Minister</span>"
        )
    );
    // The article names no one's role in May 2025.
    let may = page("2025-05-09-reported-moscow-trip");
    assert!(!actors_line(&may).contains("class=\"role\""), "{may}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("events.json")).unwrap()).unwrap();
    assert_eq!(events_json_errors(&json), Vec::<String>::new());
    let records = json["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["record"] == true)
        .count();
    assert_eq!(records, 8);
}

#[test]
fn actor_files_are_read_as_safely_as_events() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.md"), "---\nname: X\n---\n").unwrap();
    let site = site(&[
        ("content/a.md", &event("title: A\ndate: 2025", "")),
        (
            "actors/_draft.md",
            "not read: names starting with _ are skipped",
        ),
        (
            "actors/notes.txt",
            "not read: only .md and .markdown files are",
        ),
    ]);
    std::os::unix::fs::symlink(outside.path().join("x.md"), site.join("actors/x.md")).unwrap();
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    let problem = assert_problem(
        &stderr,
        "actors/x.md",
        &["this symlink points outside the site"],
    );
    assert!(
        problem.contains("copy the file into actors/ instead"),
        "{problem}"
    );
    assert_summary(&stderr, 1, 1);
}
