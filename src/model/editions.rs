//! A site in several languages (`languages: [en, uk]`) is published as one
//! edition per language: the default at the root, each other in a folder
//! of its own (`uk/`). An edition is the site's model in that language's
//! words: each event as its translation words it where there is one, and
//! as written otherwise, marked with the language it is written in, so
//! the page can say so and link the original. Only words change: the
//! dates, statuses, actors, sources and links are the original's, so
//! every edition has the same pages at the same paths, which is what lets
//! each page link its translations.

use super::Site;
use super::kind::TermKind;
use crate::source::claims::Words;
use crate::source::event::Event;
use crate::source::translation::Translation;
use std::collections::HashMap;
use std::sync::Arc;

/// Where the edition in the `n`th of `languages` is, in the output: the
/// root (`""`) for the default, `uk/` for another.
pub fn prefix(languages: &[String], n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!("{}/", languages[n]),
    }
}

/// The site's editions in its other languages, in the order of
/// `languages`; none for a site in one language. Made before the bodies
/// are rendered: an edition shows the original's body where it has no
/// translation, and the rendering takes bodies it alone holds.
pub fn others(site: &Site) -> Vec<Site> {
    (1..site.config.languages.len())
        .map(|n| edition(site, n))
        .collect()
}

/// The edition of `site` in its `n`th language (not the default).
fn edition(site: &Site, n: usize) -> Site {
    let language = &site.config.languages[n];
    let original = &site.config.languages[0];
    let events: Vec<Arc<Event>> = (site.events.iter().zip(&site.translations))
        .map(|(e, translations)| {
            Arc::new(
                match translations.iter().find(|t| &t.language == language) {
                    Some(t) => translated(e, t),
                    None => Event {
                        language: Some(original.clone()),
                        ..(**e).clone()
                    },
                },
            )
        })
        .collect();
    let mut config = site.config.clone();
    config.language = language.clone();
    let intro = (site.intros.iter())
        .find(|(l, _)| l == language)
        .map_or_else(|| site.intro.clone(), |(_, intro)| intro.clone());
    // Actors by the names their records give in this language, and the
    // other terms by `names:` in annals.yaml; the slugs, and so the
    // pages' paths, stay the original's.
    let given = given_names(site, language);
    let people = site.people.in_language(language, &given);
    let mut taxonomies = site.taxonomies.clone();
    for (kind, taxonomy) in TermKind::ALL.iter().zip(&mut taxonomies) {
        for term in &mut taxonomy.terms {
            let record = (*kind == TermKind::Actor)
                .then(|| people.of_slug(&term.slug))
                .flatten();
            match record {
                Some(record) => term.name = people.records[record].name.clone(),
                None => {
                    if let Some(name) = given.get(&term.slug) {
                        term.name = name.to_string();
                    }
                }
            }
        }
    }
    // Listed in this language's order of the names it shows.
    let collation = super::collation::Collation::new(language);
    let mut statements = site.statements.clone();
    for (kind, taxonomy) in TermKind::ALL.iter().zip(&mut taxonomies) {
        let order = taxonomy.sort(&collation);
        if *kind == TermKind::Actor {
            let mut before: Vec<Option<_>> = statements.into_iter().map(Some).collect();
            statements = order.iter().filter_map(|&t| before[t].take()).collect();
        }
    }
    Site {
        config,
        intro,
        intros: Vec::new(),
        translations: vec![Vec::new(); events.len()],
        related: site.related.clone(),
        expectations: site.expectations.clone(),
        changes: super::changes::developments(&events),
        events,
        taxonomies,
        statements,
        people,
        warnings: Vec::new(),
        images: site.images.clone(),
        edition: n,
    }
}

/// The names `names:` in annals.yaml gives in `language`, by slug.
fn given_names<'s>(site: &'s Site, language: &str) -> HashMap<String, &'s str> {
    (site.config.names.iter())
        .filter(|n| n.language.value == language)
        .flat_map(|n| &n.names)
        .map(|(written, name)| (crate::slug::slugify(&written.value), name.as_str()))
        .collect()
}

/// `event` in the words of `translation`: what it does not translate (the
/// body, a claim) stays as written.
fn translated(event: &Event, translation: &Translation) -> Event {
    let mut e = event.clone();
    if let Some(title) = &translation.title {
        e.title = title.clone();
    }
    if translation.summary.is_some() {
        e.summary = translation.summary.clone();
    }
    if !translation.body.trim().is_empty() {
        e.body = translation.body.clone();
    }
    for (claim, words) in e.claims.iter_mut().zip(&translation.claims) {
        let new = match (&words.quote, &words.said) {
            (Some(quote), _) => Some(Words::Quote(quote.clone())),
            (None, Some(said)) => Some(Words::Said(said.clone())),
            (None, None) => None,
        };
        if let Some(new) = new {
            claim.original = Some(std::mem::replace(&mut claim.words, new));
        }
        if let Some(via) = &words.via {
            claim.via = Some(via.clone());
        }
    }
    e
}
