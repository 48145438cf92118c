//! The data files, read by independent consumers: the Atom feeds by the
//! feed-rs parser, events.json by a JSON Schema validator against the
//! schema in the repo, the JSON-LD by a JSON parser, and every sitemap URL
//! mapped back to a built file.

mod common;
use common::*;
use std::path::Path;

const BASE: &str = "https://example.org/t/";

/// A site with every precision, ranges, every status and Unicode names.
fn fixture() -> Site {
    let events = [
        (
            "year",
            "title: \"A year\"\ndate: 2019\nstatus: reported\ntags: [\"Ceasefire\"]",
        ),
        (
            "month",
            "title: \"A month\"\ndate: 2021-06\nend: 2021-08\nstatus: planned\nactors: [\"Володимир Зеленський\"]",
        ),
        (
            "day",
            "title: \"Talks & <more>\"\ndate: 2025-02-18\nsummary: \"With \\\"quotes\\\" & <tags>\"\nactors: [\"Marco Rubio\", \"Володимир Зеленський\"]\nplaces: [\"Riyadh\"]\ntags: [\"Ceasefire\", \"Diplomacy\"]\nsources:\n  - title: \"A source\"\n    url: \"https://news.example.com/a?x=1&y=2\"\n    publisher: \"Example News\"\n    author: \"A. Writer\"\n    date: 2025-02-19\nrelated: [\"instant\"]",
        ),
        (
            "instant",
            "title: \"An instant\"\ndate: 2025-02-20T14:30:00+03:00\nstatus: announced",
        ),
        (
            "range",
            "title: \"A range\"\ndate: 2025-01-30\nend: 2025-02-02\nstatus: expected\napproximate: true",
        ),
        (
            "denied",
            "title: \"Denied\"\ndate: 2025-05-09\nstatus: denied",
        ),
        (
            "cancelled",
            "title: \"Cancelled\"\ndate: 2025-06\nstatus: cancelled",
        ),
        (
            "happened",
            "title: \"Happened\"\ndate: 2024-12-31\nstatus: happened",
        ),
    ];
    let files: Vec<(String, String)> = events
        .iter()
        .map(|(slug, front)| {
            (
                format!("content/{slug}.md"),
                event(front, "Some *body* with [a link](../happened/).\n"),
            )
        })
        .chain([(
            "content/_index.md".to_string(),
            "---\ntitle: \"Fixture\"\ndescription: \"Every case\"\n---\nIntro.\n".to_string(),
        )])
        .collect();
    site_owned(&files)
}

fn build(site: &Site, args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = site.run(&all);
    assert_eq!(code, 0, "{stdout}{stderr}");
    stderr
}

fn parse_feed(path: &Path) -> feed_rs::model::Feed {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    feed_rs::parser::parse(&bytes[..])
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

#[test]
fn the_atom_feed_parses_newest_first_with_absolute_links() {
    let site = fixture();
    build(&site, &["--base-url", BASE]);
    let feed = parse_feed(&site.join("public/atom.xml"));
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.title.as_ref().unwrap().content, "Fixture");
    assert_eq!(feed.id, BASE);
    assert_eq!(feed.entries.len(), 8);
    let titles: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.as_str())
        .collect();
    assert_eq!(
        titles[0], "Cancelled",
        "the newest event comes first: {titles:?}"
    );
    assert_eq!(titles.last(), Some(&"A year"));
    let talks = feed
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content == "Talks & <more>")
        .expect("escaped title round-trips");
    assert_eq!(talks.id, format!("{BASE}events/day/"));
    assert_eq!(talks.links[0].href, format!("{BASE}events/day/"));
    assert_eq!(
        talks.updated.unwrap().to_rfc3339(),
        "2025-02-18T00:00:00+00:00"
    );
    let body = talks
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .expect("content");
    assert!(body.contains("<em>body</em>"), "{body}");
    assert!(
        talks
            .summary
            .as_ref()
            .unwrap()
            .content
            .contains("With \"quotes\" & <tags>")
    );
    assert_eq!(talks.categories.len(), 2);
    let instant = feed
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content == "An instant")
        .unwrap();
    assert_eq!(
        instant.updated.unwrap().to_rfc3339(),
        "2025-02-20T11:30:00+00:00"
    );
    assert!(feed.updated.is_some());

    // A feed for each tag and actor, holding only theirs.
    let tag = parse_feed(&site.join("public/tags/ceasefire/atom.xml"));
    assert_eq!(tag.entries.len(), 2);
    let actor = parse_feed(&site.join("public/actors/volodimir-zelenskii/atom.xml"));
    assert_eq!(actor.entries.len(), 2);
    assert!(
        !site.join("public/places/riyadh/atom.xml").exists(),
        "places have no feeds"
    );

    // Every page points at the feed.
    let page = site.read("public/events/day/index.html");
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Fixture\" href=\"../../atom.xml\">"), "{page}");
}

#[test]
fn the_feed_is_capped_and_can_be_switched_off() {
    let site = fixture();
    site.write(
        "annals.yaml",
        "outputs:\n  atom_limit: 3\n  sitemap: false\n  calendar: false\n",
    );
    build(&site, &["--base-url", BASE]);
    assert_eq!(parse_feed(&site.join("public/atom.xml")).entries.len(), 3);
    assert!(!site.join("public/sitemap.xml").exists());
    assert!(!site.join("public/robots.txt").exists());
    assert!(!site.join("public/calendar.ics").exists());
    site.write(
        "annals.yaml",
        "outputs:\n  atom: false\n  timelinejs: false\n  json: false\n",
    );
    build(&site, &["--base-url", BASE]);
    for gone in [
        "atom.xml",
        "tags/ceasefire/atom.xml",
        "timeline.json",
        "events.json",
    ] {
        assert!(
            !site.join("public").join(gone).exists(),
            "{gone} was written"
        );
    }
    assert!(
        !site
            .read("public/index.html")
            .contains("application/atom+xml"),
        "no link to a feed that is not there"
    );
}

#[test]
fn without_a_base_url_one_line_says_what_is_left_out() {
    let site = fixture();
    let stderr = build(&site, &[]);
    let notes: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("note: no base_url"))
        .collect();
    assert_eq!(notes.len(), 1, "{stderr}");
    assert!(
        notes[0].contains("left out atom.xml, changes.xml, sitemap.xml, robots.txt"),
        "{stderr}"
    );
    for gone in ["atom.xml", "changes.xml", "sitemap.xml", "robots.txt"] {
        assert!(
            !site.join("public").join(gone).exists(),
            "{gone} was written"
        );
    }
    let page = site.read("public/events/day/index.html");
    assert!(
        !page.contains("rel=\"canonical\""),
        "no canonical link without an absolute URL"
    );
    let (_, _, stderr) = site.run(&["build", "--base-url", BASE]);
    // The one note left counts the denied report the calendar leaves out.
    let notes: Vec<&str> = stderr.lines().filter(|l| l.starts_with("note:")).collect();
    assert_eq!(
        notes,
        ["note: calendar.ics leaves out 1 denied report"],
        "{stderr}"
    );
}

#[test]
fn events_json_validates_against_its_schema() {
    for (site, args) in [(fixture(), vec!["--base-url", BASE]), (fixture(), vec![])] {
        build(&site, &args);
        let data: serde_json::Value =
            serde_json::from_str(&site.read("public/events.json")).expect("events.json is JSON");
        let errors = events_json_errors(&data);
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(data["version"], 2);
        assert_eq!(data["events"].as_array().unwrap().len(), 8);
        let day = data["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["slug"] == "day")
            .unwrap();
        assert_eq!(day["date"]["precision"], "day");
        assert_eq!(day["related"], serde_json::json!(["instant"]));
        assert_eq!(
            day["sources"][0]["url"],
            "https://news.example.com/a?x=1&y=2"
        );
        let month = data["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["slug"] == "month")
            .unwrap();
        assert_eq!(month["end"]["value"], "2021-08");
        let zelensky = data["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["slug"] == "volodimir-zelenskii")
            .unwrap();
        assert_eq!(zelensky["events"], serde_json::json!(["month", "day"]));
    }
    // The schema rejects what it should: it is not a schema that accepts anything.
    let mut broken: serde_json::Value = serde_json::from_str(&fixture_json()).unwrap();
    broken["events"][0]["status"] = "rumoured".into();
    assert!(!events_json_errors(&broken).is_empty());
}

fn fixture_json() -> String {
    let site = fixture();
    build(&site, &[]);
    site.read("public/events.json")
}

#[test]
fn every_sitemap_url_is_a_built_page_and_every_page_is_listed_once() {
    let site = fixture();
    build(&site, &["--base-url", BASE]);
    let sitemap = site.read("public/sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    let out = site.join("public");
    let pages: Vec<String> = html_pages(&tree(&out))
        .into_iter()
        .map(|(p, _)| p.to_string())
        .filter(|p| p != "404.html")
        .collect();
    assert_eq!(locs.len(), pages.len(), "{locs:#?}");
    let mut seen = std::collections::HashSet::new();
    for loc in &locs {
        assert!(seen.insert(*loc), "{loc} is listed twice");
        let rel = loc
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{loc} is not under {BASE}"));
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        assert!(out.join(&file).is_file(), "{loc} has no file {file}");
    }
    assert_eq!(
        site.read("public/robots.txt"),
        format!("User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n")
    );
}

#[test]
fn event_pages_carry_schema_org_json_ld_and_link_previews() {
    let site = fixture();
    build(&site, &["--base-url", BASE]);
    let page = site.read("public/events/day/index.html");
    let open = "<script type=\"application/ld+json\">";
    let start = page.find(open).expect("JSON-LD") + open.len();
    let data = &page[start..start + page[start..].find("</script>").unwrap()];
    assert!(!data.contains('<'), "{data}");
    let ld: serde_json::Value = serde_json::from_str(data).expect("the JSON-LD parses");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "Event");
    assert_eq!(ld["name"], "Talks & <more>");
    assert_eq!(ld["startDate"], "2025-02-18");
    assert_eq!(ld["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(ld["location"][0]["name"], "Riyadh");
    assert_eq!(ld["description"], "With \"quotes\" & <tags>");
    assert_eq!(ld["url"], format!("{BASE}events/day/"));
    assert_eq!(
        ld["subjectOf"][0]["url"],
        "https://news.example.com/a?x=1&y=2"
    );

    let month = site.read("public/events/month/index.html");
    assert!(
        month.contains("\"startDate\":\"2021-06\",")
            || month.contains("\"startDate\":\"2021-06\"}"),
        "month precision is kept"
    );
    assert!(month.contains("\"endDate\":\"2021-08\""));
    // A denied report was never scheduled, so it was not cancelled either.
    let denied = site.read("public/events/denied/index.html");
    assert!(!denied.contains("\"eventStatus\""), "{denied}");
    assert!(
        site.read("public/events/cancelled/index.html")
            .contains("\"eventStatus\":\"https://schema.org/EventCancelled\"")
    );

    assert!(page.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}events/day/\">"
    )));
    assert!(
        page.contains("<meta property=\"og:title\" content=\"Talks &amp; &lt;more&gt;\">"),
        "{page}"
    );
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    let index = site.read("public/index.html");
    assert!(index.contains(&format!("<meta property=\"og:url\" content=\"{BASE}\">")));
    assert!(index.contains("<meta property=\"og:type\" content=\"website\">"));
}

#[test]
fn the_shipped_timeline_writes_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let (code, stdout, stderr) = run(
        &[
            "build",
            env!("CARGO_MANIFEST_DIR"),
            "--output",
            out.to_str().unwrap(),
            "--base-url",
            BASE,
        ],
        tmp.path(),
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(parse_feed(&out.join("atom.xml")).entries.len(), 10);
    for file in [
        "calendar.ics",
        "timeline.json",
        "events.json",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
}
