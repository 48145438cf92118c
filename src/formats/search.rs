//! `search.json`: the compact index the theme's filter script loads when
//! the timeline is split over several pages, so that filters can find
//! events on pages not loaded.

use crate::date::LocalDates;
use crate::model::TermKind;
use crate::model::expectations::is_open;
use crate::source::event::Event;

/// Where the index is written.
pub const PATH: &str = "search.json";

/// The compact index the filter script loads when the timeline is split
/// over several pages: every term once as `[slug, name]`, every event as
/// `[slug, title, when, status, summary, [actor], [place], [tag], open,
/// corrected]` with terms as indices into those lists, `open` 1 for an
/// expectation nothing has settled (else 0) and `corrected` 1 for an event
/// with a correction (else 0).
pub fn index(input: &super::Inputs) -> Vec<u8> {
    let site = input.site;
    /// One event: `[slug, title, when, status, summary, actors, places, tags, open, corrected]`.
    type Entry<'a> = (
        &'a str,
        &'a str,
        String,
        &'a str,
        &'a str,
        Vec<usize>,
        Vec<usize>,
        Vec<usize>,
        u8,
        u8,
    );
    // Fields in alphabetical order, as the file has always had them.
    #[derive(serde::Serialize)]
    struct Index<'a> {
        actors: Vec<[&'a str; 2]>,
        events: Vec<Entry<'a>>,
        places: Vec<[&'a str; 2]>,
        tags: Vec<[&'a str; 2]>,
        version: u32,
    }
    let terms = |kind: TermKind| -> Vec<[&str; 2]> {
        site.taxonomy(kind)
            .terms
            .iter()
            .map(|t| [t.slug.as_str(), t.name.as_str()])
            .collect()
    };
    let indices = |kind: TermKind, e: &Event| -> Vec<usize> {
        let tax = site.taxonomy(kind);
        kind.names(e).iter().filter_map(|n| tax.index(n)).collect()
    };
    // The script shows `when` as it is: dates in the site's language.
    let dates = LocalDates::new(&site.config.language);
    let words = input.date_words.borrowed();
    let index = Index {
        actors: terms(TermKind::Actor),
        events: site
            .events
            .iter()
            .zip(&site.expectations)
            .map(|(e, x)| {
                (
                    e.slug.as_str(),
                    e.title.as_str(),
                    dates.when(e.dates.as_ref(), &words),
                    e.status.as_str(),
                    e.summary.as_deref().unwrap_or(""),
                    indices(TermKind::Actor, e),
                    indices(TermKind::Place, e),
                    indices(TermKind::Tag, e),
                    u8::from(is_open(x.as_ref())),
                    u8::from(!e.corrections.is_empty()),
                )
            })
            .collect(),
        places: terms(TermKind::Place),
        tags: terms(TermKind::Tag),
        version: 1,
    };
    serde_json::to_vec(&index).expect("JSON of strings and numbers")
}
