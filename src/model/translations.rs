//! Each event's translations (see [`crate::source::translation`]), checked
//! against the event: a translation says the original's facts in other
//! words, so a date it repeats must be the original's, and it cannot
//! give words to more claims than the original has. An actor record's
//! `names` are checked here too: each in one of the site's languages.

use crate::diagnostics::Diagnostic;
use crate::source::event::Event;
use crate::source::translation::Translation;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// For each of `events` (in their order), its translations, in the order
/// of `languages`; the problems of those that do not fit go to `problems`.
pub fn attach(
    events: &[Arc<Event>],
    translations: Vec<Arc<Translation>>,
    languages: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Vec<Arc<Translation>>> {
    let mut each = vec![Vec::new(); events.len()];
    if translations.is_empty() {
        return each;
    }
    let by_file: HashMap<&Path, usize> = (events.iter().enumerate())
        .map(|(i, e)| (e.file.as_path(), i))
        .collect();
    for translation in translations {
        // The loader keeps only translations of events of this build.
        let Some(&i) = by_file.get(translation.original.as_path()) else {
            continue;
        };
        if fits(&events[i], &translation, problems) {
            each[i].push(translation);
        }
    }
    for list in &mut each {
        list.sort_by_key(|t| languages.iter().position(|l| *l == t.language));
    }
    each
}

/// Whether `translation` fits `event`; if not, says why in `problems`.
fn fits(event: &Event, translation: &Translation, problems: &mut Vec<Diagnostic>) -> bool {
    let mut fits = true;
    if let Some(date) = &translation.date {
        let same = event.dates.as_ref().is_some_and(|dates| {
            dates.start.date == date.value.start.date
                && (date.value.end.is_none() || date.value.end == dates.end)
        });
        if !same {
            let original = match &event.dates {
                Some(dates) => format!("`{}`", dates.edtf()),
                None => "no date".to_string(),
            };
            problems.push(
                Diagnostic::at(
                    &translation.file,
                    date.line,
                    date.column,
                    format!(
                        "this translation's date is not its original's: {} has {original}",
                        event.file.display()
                    ),
                )
                .help("a translation has its original's dates: copy `date` from the original, or leave it out"),
            );
            fits = false;
        }
    }
    if translation.claims.len() > event.claims.len() {
        let (line, column) = translation.claims_at;
        problems.push(
            Diagnostic::at(
                &translation.file,
                line,
                column,
                format!(
                    "this translation gives words for {} claims, but {} has {}",
                    translation.claims.len(),
                    event.file.display(),
                    event.claims.len()
                ),
            )
            .help("a translation's `claims` translate the original's, one item each, in the same order"),
        );
        fits = false;
    }
    fits
}

/// Each language of the actors' `names` must be one of `languages`, other
/// than the default (whose name is `name`).
pub fn check_names(
    actors: &[crate::source::actors::Actor],
    languages: &[String],
    problems: &mut Vec<Diagnostic>,
) {
    for actor in actors {
        for (language, _) in &actor.names {
            let listed = languages
                .iter()
                .skip(1)
                .any(|l| l.eq_ignore_ascii_case(&language.value));
            if listed {
                continue;
            }
            let help = match languages.split_first() {
                None => "`names` is for a site in several languages: list them in annals.yaml, `languages: [en, uk]`".to_string(),
                Some((default, _)) if default.eq_ignore_ascii_case(&language.value) => {
                    "the name in the default language is `name`".to_string()
                }
                Some(_) => format!("the site's other languages: {}", languages[1..].join(", ")),
            };
            problems.push(
                Diagnostic::at(
                    &actor.file,
                    language.line,
                    language.column,
                    format!("`names` gives a name in `{}`, which is not one of the site's other languages", language.value),
                )
                .help(help),
            );
        }
    }
}

/// For `annals check`: per other language of the site, the events that
/// have no translation into it (shown in their own language there), one
/// line each language, or none when all are translated.
pub fn untranslated(site: &super::Site) -> Vec<String> {
    let mut lines = Vec::new();
    for language in site.config.languages.iter().skip(1) {
        let missing: Vec<String> = (site.events.iter().zip(&site.translations))
            .filter(|(_, t)| !t.iter().any(|t| &t.language == language))
            .map(|(e, _)| e.file.display().to_string())
            .collect();
        if !missing.is_empty() {
            lines.push(format!(
                "{language}: {} of {} events have no translation: {}",
                missing.len(),
                site.events.len(),
                missing.join(", ")
            ));
        }
    }
    lines
}

/// For `annals check`: each name `names:` in annals.yaml gives for a name
/// no event and no actor record writes (a slip, or a term since renamed),
/// one line each.
pub fn unused_names(site: &super::Site) -> Vec<String> {
    let mut lines = Vec::new();
    for given in &site.config.names {
        for (written, _) in &given.names {
            let slug = crate::slug::slugify(&written.value);
            let known =
                (site.taxonomies.iter()).any(|t| t.terms.iter().any(|term| term.slug == slug));
            if !known {
                lines.push(format!(
                    "annals.yaml:{}:{}: `names.{}` gives a name for `{}`, which no event or actor record writes",
                    written.line, written.column, given.language.value, written.value
                ));
            }
        }
    }
    lines
}
