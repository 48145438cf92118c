//! Each event's template value, kept by `serve` from one rebuild to the
//! next: an edit of one event builds one value again, not 10,000 (a third
//! of a rebuild's work at 10,000 events), and leaves the others' values
//! the very same, so their cards are known to be the same at a glance.
//!
//! A value is kept by what it is made from (see [`inputs`]): the event's
//! file, the names and slugs of its terms, whether its expectation is open,
//! and what every event's value may depend on: the settings and the actor
//! records.

use super::view::{self, Terms};
use super::words::PageWords;
use crate::digest::Digest;
use crate::model::{Site, TermKind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Mutex;
use tera::Value;

/// The values of the last rebuild, by the digest of what each is made from.
#[derive(Default)]
pub struct EventValues(Mutex<HashMap<u128, Value>>);

impl EventValues {
    /// Every event of `site` as a template value, as [`view::events`]
    /// makes them, taking those made from the same inputs from the last
    /// rebuild; keeps this rebuild's for the next.
    pub fn events(&self, site: &Site, words: &PageWords) -> Vec<Value> {
        let kept = std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner()));
        let every = every_event(site, words);
        let terms = Terms::of(site);
        let (keys, values): (Vec<u128>, Vec<Value>) = (0..site.events.len())
            .into_par_iter()
            .map(|i| {
                let key = inputs(site, i, every);
                match kept.get(&key) {
                    Some(value) => (key, value.clone()),
                    None => (key, view::event(site, &terms, i, words)),
                }
            })
            .unzip();
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) =
            keys.into_iter().zip(values.iter().cloned()).collect();
        values
    }
}

/// What every event's value may depend on besides the event: the settings,
/// the actor records (an actor's name and role), what became of the
/// images (a card's picture and its sizes) and the theme's words.
fn every_event(site: &Site, words: &PageWords) -> u128 {
    let mut digest = Digest::default();
    digest.u128(words.words.digest);
    digest.str(&format!("{:?}", site.config));
    digest.str(&format!("{:?}", site.people.records));
    digest.str(&format!("{:?}", site.images));
    digest.value()
}

/// What event `i`'s value is made from, in short.
fn inputs(site: &Site, i: usize, every: u128) -> u128 {
    let e = &site.events[i];
    let mut digest = Digest::default();
    digest.u128(every);
    // Everything an event is, it is read from its file's text alone (its
    // slug from the file's name, when the text gives none).
    digest.u128(e.digest);
    digest.str(&e.slug);
    digest.str(&e.file.to_string_lossy());
    // Each name as its term shows it (the spelling most events use) and
    // links it.
    for kind in TermKind::ALL {
        let taxonomy = site.taxonomy(kind);
        for name in kind.names(e) {
            match taxonomy.get(name) {
                Some(t) => {
                    digest.str(&t.name);
                    digest.str(&t.slug);
                }
                None => digest.str(""),
            }
        }
    }
    let open = crate::model::expectations::is_open(site.expectations[i].as_ref());
    digest.u128(u128::from(open));
    digest.value()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::config::Config;
    use crate::source::content::Content;
    use crate::source::event::parse_event;
    use std::path::Path;

    fn site(files: &[(&str, &str)]) -> Site {
        let events = files
            .iter()
            .map(|(file, front)| {
                let text = format!("---\n{front}\n---\nBody.\n");
                std::sync::Arc::new(parse_event(Path::new(file), &text).unwrap())
            })
            .collect();
        let content = Content {
            events,
            ..Content::default()
        };
        crate::model::assemble(Config::default(), content).unwrap()
    }

    fn en() -> PageWords {
        PageWords::new(std::sync::Arc::new(crate::language::Words::english()), "en")
    }

    fn map_of(value: &Value) -> &tera::Map {
        value.as_map().unwrap()
    }

    const A: (&str, &str) = ("a.md", "title: Talks\ndate: 2025-02-18\nactors: [Rubio]");
    const B: (&str, &str) = (
        "b.md",
        "title: Call\ndate: 2025-02-12\nactors: [Trump, Putin]",
    );
    const C: (&str, &str) = ("c.md", "title: Summit\ndate: 2025-03-01\ntags: [summit]");

    #[test]
    fn an_edit_makes_the_edited_value_again_and_keeps_the_others() {
        let kept = EventValues::default();
        let first = kept.events(&site(&[A, B, C]), &en());
        let edited = (
            "b.md",
            "title: Phone call\ndate: 2025-02-12\nactors: [Trump, Putin]",
        );
        let site2 = site(&[A, edited, C]);
        let second = kept.events(&site2, &en());
        // In time order: b, a, c.
        assert_eq!(
            second[0].get_from_path("title").unwrap().as_str(),
            Some("Phone call")
        );
        assert!(!std::ptr::eq(map_of(&first[0]), map_of(&second[0])));
        assert!(std::ptr::eq(map_of(&first[1]), map_of(&second[1])));
        assert!(std::ptr::eq(map_of(&first[2]), map_of(&second[2])));
        // What it keeps is what it would make.
        let made = view::events(&site2, &en());
        assert_eq!(second, made);
    }

    #[test]
    fn a_value_is_made_again_when_its_terms_or_the_settings_change() {
        let kept = EventValues::default();
        let first = kept.events(&site(&[A, C]), &en());
        // Another event spells the actor "rubio" too, twice: the term's
        // name may change, and with it the link a's value shows.
        let d = ("d.md", "title: Visit\ndate: 2025-04-01\nactors: [RUBIO]");
        let e = ("e.md", "title: Visit 2\ndate: 2025-04-02\nactors: [RUBIO]");
        let second = kept.events(&site(&[A, C, d, e]), &en());
        assert_eq!(second[..2], view::events(&site(&[A, C, d, e]), &en())[..2]);
        let name = |v: &Value| v.get_from_path("actors.0.name").unwrap().to_string();
        assert_eq!(
            (name(&first[0]), name(&second[0])),
            ("Rubio".into(), "RUBIO".into())
        );
        assert!(!std::ptr::eq(map_of(&first[0]), map_of(&second[0])));
        // The summit's value did not change: kept.
        assert!(std::ptr::eq(map_of(&first[1]), map_of(&second[1])));
        // Another day to judge on: every value is made again.
        let mut later = site(&[A, C, d, e]);
        later.config.judged_on = crate::date::EventDate::parse("2030-01-01").ok();
        let third = kept.events(&later, &en());
        for (a, b) in second.iter().zip(&third) {
            assert!(!std::ptr::eq(map_of(a), map_of(b)));
        }
    }
}
