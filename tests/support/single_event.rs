// The fuzz driver: one input, read as an event file, through everything a
// build does with it, in memory. `include!`d by fuzz/fuzz_targets/event.rs
// (under cargo-fuzz) and by tests/fuzz_regressions.rs (which replays saved
// inputs on stable), so it uses only annals' public API and no inner
// attributes. It panics when an invariant fails; anything an author could
// write wrong must come back as diagnostics instead.

/// The built-in theme, loaded once from an empty folder (so the site has no
/// templates of its own); the folder is removed as soon as it is read.
fn fuzz_theme() -> &'static annals::source::theme::Theme {
    static THEME: std::sync::OnceLock<annals::source::theme::Theme> = std::sync::OnceLock::new();
    THEME.get_or_init(|| {
        let empty = tempfile::tempdir().expect("a temporary folder");
        let english = std::sync::Arc::new(annals::language::Words::english());
        annals::source::theme::Theme::load(empty.path(), english)
            .unwrap_or_else(|p| panic!("the built-in theme does not load: {p:?}"))
    })
}

/// Runs one fuzz input: date and slug functions on its text and lines, then
/// front matter parsing, and for an event that parses, the site model, the
/// Markdown, every page of the built-in theme and every data file.
pub fn run_one(data: &[u8]) {
    // Files that are not UTF-8 are refused before parsing; read the bytes
    // as text anyway so that no input is wasted.
    let text = String::from_utf8_lossy(data);
    check_date_text(&text);
    for line in text.lines().take(64) {
        check_date_text(line);
        if let Some((_, value)) = line.split_once(": ") {
            check_date_text(value);
        }
    }
    // The fast YAML reader reads whatever it accepts as libyaml does.
    let front = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .map_or(&*text, |(front, _)| front);
    assert_eq!(
        annals::yaml::parse(front),
        annals::yaml::parse_with_libyaml(front),
        "the fast YAML reader and libyaml differ on {front:?}"
    );
    let slug = annals::slug::slugify(&text);
    assert!(annals::slug::is_valid(&slug), "slugify gave {slug:?}");
    assert_eq!(annals::slug::slugify(&slug), slug, "a slug is its own slug");

    let file = std::path::Path::new("content/fuzz.md");
    let _ = annals::source::event::parse_intro(file, &text);
    let event = match annals::source::event::parse_event(file, &text) {
        Ok(event) => event,
        Err(problems) => {
            assert!(!problems.is_empty(), "refused without a reason");
            return;
        }
    };
    check_event(&event);
    render_one(event);
}

/// A date that parses reads back from its machine form, and shows.
fn check_date_text(text: &str) {
    if let Ok(date) = annals::date::EventDate::parse(text) {
        let machine = date.machine();
        assert_eq!(
            annals::date::EventDate::parse(&machine).as_ref(),
            Ok(&date),
            "{text:?} -> {machine:?} does not read back"
        );
        assert!(!date.human().is_empty());
        assert_eq!(date.cmp(&date), std::cmp::Ordering::Equal);
    }
}

/// What a parsed event promises the stages after it.
fn check_event(event: &annals::source::event::Event) {
    assert!(annals::slug::is_valid(&event.slug), "slug {:?}", event.slug);
    assert!(!event.title.trim().is_empty(), "empty title accepted");
    match &event.dates {
        Some(dates) => {
            let edtf = dates.edtf();
            assert_eq!(
                annals::date::Dates::parse(&edtf).as_ref(),
                Ok(dates),
                "{edtf:?} does not read back"
            );
            if let Some(end) = dates.end_date() {
                assert!(dates.start.date.not_after(end), "ends before it starts");
                annals::date::human_range(&dates.start.date, end);
            }
        }
        None => assert!(event.reported_on.is_some(), "undated and unplaced"),
    }
    assert!(!event.when().is_empty());
    for names in [&event.actors, &event.places, &event.tags] {
        assert!(names.iter().all(|n| !n.trim().is_empty()), "blank name");
    }
    for source in &event.sources {
        assert!(source.url.starts_with("https://") || source.url.starts_with("http://"));
    }
}

/// Builds a one-event site in memory: related events it names are taken
/// as left out of the build (as drafts are), so their links are dropped.
fn render_one(event: annals::source::event::Event) {
    let absent = event
        .related
        .iter()
        .map(|r| r.value.clone())
        .filter(|r| *r != event.slug)
        .collect();
    let slug = event.slug.clone();
    let content = annals::source::content::Content {
        events: vec![std::sync::Arc::new(event)],
        absent,
        ..Default::default()
    };
    let config = annals::source::config::Config {
        base_url: annals::base_url::BaseUrl::parse("https://example.org/annals/").ok(),
        ..Default::default()
    };
    let mut site = match annals::model::assemble(config, content) {
        Ok(site) => site,
        Err(problems) => {
            // Only an event related to itself is refused.
            assert!(
                problems.iter().all(|p| p.message.contains("itself")),
                "{problems:?}"
            );
            return;
        }
    };
    let bodies = annals::markdown::Bodies::render(&mut site, None);
    assert_eq!(bodies.events.len(), 1);
    let plan = annals::render::Plan::new(&site);
    let memory = annals::output::Memory::default();
    plan.render(&site, &bodies, fuzz_theme(), &memory)
        .unwrap_or_else(|p| panic!("the built-in theme cannot render a valid event: {p:?}"));
    let html: Vec<&str> = plan.html_paths().collect();
    let (problems, _notes) =
        annals::formats::write(
            &site,
            plan.layout(),
            &bodies,
            &fuzz_theme().words,
            &html,
            &memory,
        );
    assert!(problems.is_empty(), "{problems:?}");
    let pages = memory.into_pages();

    let mut paths = std::collections::HashSet::new();
    for page in &pages {
        let path = page.path.as_str();
        assert!(paths.insert(path), "{path} is written twice");
        assert!(
            !path.is_empty()
                && !path.starts_with('/')
                && !path.contains('\\')
                && path
                    .split('/')
                    .all(|seg| !seg.is_empty() && seg != "." && seg != ".."),
            "unsafe output path {path:?}"
        );
        assert!(
            path.split('/').all(|seg| seg.len() <= 255),
            "a name in {path:?} is too long for a file system"
        );
        if path.ends_with(".html") || path.ends_with(".xml") || path.ends_with(".json") {
            assert!(
                std::str::from_utf8(&page.bytes).is_ok(),
                "{path} is not UTF-8"
            );
        }
        if path.ends_with(".json") {
            // serde_json is one of annals' dependencies; `annals::formats`
            // writes its JSON with it.
            assert!(
                serde_json::from_slice::<serde_json::Value>(&page.bytes).is_ok(),
                "{path} is not JSON"
            );
        }
    }
    let own = format!("events/{slug}/index.html");
    assert!(paths.contains(own.as_str()), "no page for the event: {own}");
}
