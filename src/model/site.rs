//! The site model: events in time order, the actors, places and tags with
//! their events, and the checks that span files (duplicate slugs, related
//! events that do not exist). Pure: no files are read or written here.

pub use super::kind::TermKind;
use super::taxonomy::gather;
pub use super::taxonomy::{Taxonomy, Term};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::source::config::Config;
use crate::source::content::Content;
use crate::source::event::{Event, Intro};
use std::collections::HashMap;
use std::sync::Arc;

/// Everything needed to render the site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub intro: Intro,
    /// The introduction in other languages (see [`Content::intros`]).
    pub intros: Vec<(String, Intro)>,
    /// Events in time order; events with equal dates keep file order.
    pub events: Vec<Arc<Event>>,
    /// For each event, its translations, in the order of `languages`
    /// (see [`super::translations`]).
    pub translations: Vec<Vec<Arc<crate::source::translation::Translation>>>,
    /// For each event, the indices of its related events.
    pub related: Vec<Vec<usize>>,
    /// For each event, its expectation, judged (see
    /// [`super::expectations`]).
    pub expectations: Vec<Option<super::expectations::Expectation>>,
    /// The story's developments, newest first (see [`super::changes`]).
    pub changes: Vec<super::changes::Development>,
    /// Actors, places and tags, in [`TermKind::ALL`] order.
    pub taxonomies: Vec<Taxonomy>,
    /// For each actor (by position in the actors' taxonomy), its claims
    /// across the timeline in time order (see [`super::statements`]).
    pub statements: Vec<Vec<super::statements::Statement>>,
    /// The actor records of `actors/`, and the written names they answer
    /// to (see [`super::people`]).
    pub people: super::people::People,
    /// What the author should look at, though the site builds: names
    /// written in more than one way, one line each.
    pub warnings: Vec<String>,
    /// The events' images as processed (see [`super::media`]): empty until
    /// the build has made them.
    pub images: crate::media::Images,
    /// Which of `config.languages` this model is in: 0 for the default
    /// (and for a site in one language), else an edition in another (see
    /// [`super::editions`]).
    pub edition: usize,
}

impl Site {
    /// The title shown on every page.
    pub fn title(&self) -> &str {
        self.config
            .title
            .as_deref()
            .or(self.intro.title.as_deref())
            .unwrap_or("Timeline")
    }

    pub fn taxonomy(&self, kind: TermKind) -> &Taxonomy {
        &self.taxonomies[kind as usize]
    }

    /// Where this edition's files go in the output: the root (`""`) for
    /// the default language, `uk/` for another.
    pub fn prefix(&self) -> String {
        super::editions::prefix(&self.config.languages, self.edition)
    }

    /// From this edition's root back to the site's, where the theme's
    /// assets and the images are: `""`, or `../` from `uk/`.
    pub fn up(&self) -> &'static str {
        match self.edition {
            0 => "",
            _ => "../",
        }
    }
}

/// Puts the events in order, gathers the terms, and checks what spans
/// files: every slug unique, every related event present.
pub fn assemble(config: Config, content: Content) -> Result<Site, Vec<Diagnostic>> {
    assemble_with(config, content, Vec::new())
}

/// [`assemble`], with the actor records of `actors/`: each name or alias
/// naming one actor, and an event naming an alias counting for its actor.
pub fn assemble_with(
    config: Config,
    mut content: Content,
    actors: Vec<crate::source::actors::Actor>,
) -> Result<Site, Vec<Diagnostic>> {
    let mut events = std::mem::take(&mut content.events);
    if let Some(day) = &config.as_of {
        events = super::known::as_known_on(events, day, &mut content.absent);
    }
    // Stable: equal places keep the sorted-path order of the files. The
    // numbers are sorted, and each event then moved once: sorting the
    // events themselves moved each large one many times.
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&a, &b| time_order(&events[a], &events[b]));
    let mut slots: Vec<Option<Arc<Event>>> = events.into_iter().map(Some).collect();
    let events: Vec<Arc<Event>> = order.iter().filter_map(|&i| slots[i].take()).collect();

    let mut problems = Vec::new();
    super::translations::check_names(&actors, &config.languages, &mut problems);
    let mut people = super::people::People::new(actors, &mut problems);
    let mut by_slug: HashMap<&str, usize> = HashMap::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        if let Some(&first) = by_slug.get(e.slug.as_str()) {
            // Point at a `slug:` line if either file has one.
            let (here, there) = match (e.slug_at, events[first].slug_at) {
                ((0, 0), (l, _)) if l > 0 => (&events[first], e),
                _ => (e, &events[first]),
            };
            let (line, column) = here.slug_at;
            problems.push(
                Diagnostic::at(&here.file, line, column, format!("the slug `{}` is also used by {}", e.slug, there.file.display()))
                    .help("each event needs its own slug: rename one file, or give one a different `slug:`"),
            );
        } else {
            by_slug.insert(&e.slug, i);
        }
    }

    let mut related = vec![Vec::new(); events.len()];
    for (i, e) in events.iter().enumerate() {
        for r in &e.related {
            match by_slug.get(r.value.as_str()) {
                Some(&j) if j == i => problems.push(
                    Diagnostic::at(
                        &e.file,
                        r.line,
                        r.column,
                        "an event cannot be related to itself",
                    )
                    .help("remove this slug from `related`"),
                ),
                Some(&j) => {
                    if !related[i].contains(&j) {
                        related[i].push(j);
                    }
                }
                None if content.absent.contains(&r.value) => {}
                None => {
                    let slugs: Vec<&str> =
                        by_slug.keys().copied().filter(|&s| s != e.slug).collect();

                    let help = match did_you_mean(&r.value, &slugs) {
                        Some(near) => format!("did you mean `{near}`? `related` takes the slugs of other events (their file names without .md)"),
                        None => "`related` takes the slugs of other events (their file names without .md)".to_string(),
                    };
                    problems.push(
                        Diagnostic::at(
                            &e.file,
                            r.line,
                            r.column,
                            format!("there is no event with the slug `{}`", r.value),
                        )
                        .help(help),
                    );
                }
            }
        }
    }
    let translations = super::translations::attach(
        &events,
        std::mem::take(&mut content.translations),
        &config.languages,
        &mut problems,
    );
    let mut warnings = std::mem::take(&mut content.warnings);
    let expectations = super::expectations::judge(
        &events,
        &by_slug,
        &content.absent,
        config.as_of.as_ref().or(config.judged_on.as_ref()),
        &mut problems,
        &mut warnings,
    );
    if !problems.is_empty() {
        return Err(problems);
    }

    people.learn(&events);
    let collation = super::collation::Collation::new(&config.language);
    let taxonomies: Vec<Taxonomy> = TermKind::ALL
        .iter()
        .map(|&kind| gather(kind, &events, &people, &collation, &mut warnings))
        .collect();
    let statements = super::statements::by_actor(&events, &taxonomies[TermKind::Actor as usize]);
    Ok(Site {
        config,
        intro: content.intro,
        intros: content.intros,
        translations,
        changes: super::changes::developments(&events),
        events,
        related,
        expectations,
        taxonomies,
        statements,
        people,
        warnings,
        images: crate::media::Images::new(),
        edition: 0,
    })
}

/// The one order of events in time, which every listing, feed and file
/// follows: 1. by the start of their dates; 2. at the same start, the
/// coarser date first (2025, then 2025-01, then 2025-01-01; 201X before
/// 2010); 3. an event not dated yet at its `reported_on`, after the dated
/// events there; 4. (the sort being stable) in file order.
pub fn time_order(a: &Event, b: &Event) -> std::cmp::Ordering {
    a.placed_at()
        .cmp(b.placed_at())
        .then_with(|| a.dates.is_none().cmp(&b.dates.is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::event::parse_event;
    use std::path::Path;

    fn event(file: &str, front: &str) -> Event {
        parse_event(Path::new(file), &format!("---\n{front}\n---\n")).unwrap()
    }

    fn site(events: Vec<Event>) -> Result<Site, Vec<Diagnostic>> {
        assemble(
            Config::default(),
            Content {
                intro: Intro::default(),
                events: events.into_iter().map(Arc::new).collect(),
                absent: vec!["draft".into()],
                ..Content::default()
            },
        )
    }

    #[test]
    fn orders_events_in_time_and_keeps_file_order_for_ties() {
        let s = site(vec![
            event("b.md", "title: B\ndate: 2025-02-18"),
            event("a.md", "title: A\ndate: 2025"),
            event("c.md", "title: C\ndate: 2025-02-18"),
            event("d.md", "title: D\ndate: 2021-06"),
        ])
        .unwrap();
        let order: Vec<&str> = s.events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(order, ["D", "A", "B", "C"]);
    }

    #[test]
    fn one_time_order_for_every_form() {
        let s = site(vec![
            event("a.md", "title: Open\ndate: 2025-02-22/.."),
            event(
                "b.md",
                "title: Undated\nstatus: planned\nreported_on: 2025-02-22",
            ),
            event("c.md", "title: Day\ndate: 2025-02-22~"),
            event("d.md", "title: Month\ndate: 2025-02?"),
            event("e.md", "title: Decade\ndate: 202X"),
            event("f.md", "title: Year\ndate: 2020"),
            event("g.md", "title: Long\ndate: 2025-02-22\nend: 2025-03"),
            event("h.md", "title: Early\nstatus: expected\nreported_on: 2019"),
        ])
        .unwrap();
        let order: Vec<&str> = s.events.iter().map(|e| e.title.as_str()).collect();
        // By start, the coarser first (202X before 2020), an undated event
        // at its reported_on after the dated ones there, then file order
        // (the end does not count).
        assert_eq!(
            order,
            [
                "Early", "Decade", "Year", "Month", "Open", "Day", "Long", "Undated"
            ]
        );
    }

    #[test]
    fn gathers_spelling_variants_into_one_term_with_one_slug() {
        let s = site(vec![
            event(
                "a.md",
                "title: A\ndate: 2025\nactors: [José, Jose, Marco Rubio]",
            ),
            event("b.md", "title: B\ndate: 2024\nactors: [Marco Rubio]"),
        ])
        .unwrap();
        let actors = s.taxonomy(TermKind::Actor);
        let slugs: Vec<(&str, &str)> = actors
            .terms
            .iter()
            .map(|t| (t.name.as_str(), t.slug.as_str()))
            .collect();
        // Used once each, José is shown: it was written first.
        assert_eq!(slugs, [("José", "jose"), ("Marco Rubio", "marco-rubio")]);
        assert_eq!(actors.get("Jose").unwrap().slug, "jose");
        assert_eq!(actors.get("Marco Rubio").unwrap().events, [0, 1]);
        assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
        assert!(
            s.warnings[0].contains("`José` (a.md:4:10) and `Jose` (a.md:4:16)"),
            "{}",
            s.warnings[0]
        );
    }

    #[test]
    fn links_to_left_out_drafts_are_dropped() {
        let s = site(vec![event(
            "a.md",
            "title: A\ndate: 2025\nrelated: [draft]",
        )])
        .unwrap();
        assert!(s.related[0].is_empty());
    }

    #[test]
    fn reports_duplicate_slugs_and_missing_related_events() {
        let errors = site(vec![
            event("a.md", "title: A\ndate: 2025\nslug: same"),
            event("b.md", "title: B\ndate: 2025\nslug: same"),
            event("c.md", "title: C\ndate: 2025\nrelated: [smae, c]"),
        ])
        .unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            text[0].starts_with("b.md:4:7: the slug `same` is also used by a.md"),
            "{text:#?}"
        );
        assert!(
            text[1].starts_with("c.md:4:11: there is no event with the slug `smae`"),
            "{text:#?}"
        );
        assert_eq!(
            errors[1]
                .help
                .as_deref()
                .map(|h| h.contains("did you mean `same`")),
            Some(true)
        );
        assert!(text[2].contains("related to itself"), "{text:#?}");
    }
}
