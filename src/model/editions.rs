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
    // Actors by the names their records give in this language; the slugs,
    // and so the pages' paths, stay the original's.
    let people = site.people.in_language(language);
    let mut taxonomies = site.taxonomies.clone();
    for term in &mut taxonomies[TermKind::Actor as usize].terms {
        if let Some(record) = people.of_slug(&term.slug) {
            term.name = people.records[record].name.clone();
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
        statements: site.statements.clone(),
        people,
        warnings: Vec::new(),
        images: site.images.clone(),
        edition: n,
    }
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
