//! The whole "when" of an event, as readers are told it: in English
//! ([`when`], [`when_html`]), or with the theme's words around the dates
//! ([`when_in`], [`when_html_in`]). The dates themselves are written by
//! [`LocalDates`].

use super::Dates;
use super::local::{DateWords, LocalDates};

/// The whole "when" of an event for readers, the one wording every page
/// and file uses: "c. 17–21 February 2025", "May 2025?", "2010s", "since
/// 22 February 2025", "22 February 2025 – ?", or [`super::NOT_SET`].
///
/// A qualifier is said once for the whole when both ends share it ("c.
/// 17–21 February 2025"); ends that differ are each given in full with
/// their own ("c. 2020 – March 2022?"). Other languages: see
/// [`LocalDates::when`].
pub fn when(dates: Option<&Dates>) -> String {
    LocalDates::english().when(dates, &DateWords::default())
}

/// [`when`] as HTML: one `<time>` per date, each with its `datetime` at its
/// own precision; the words around them ("c.", "since", "?") outside. A
/// decade has no `<time>` (see [`super::EventDate::datetime`]), nor has an event
/// without a date.
pub fn when_html(dates: Option<&Dates>) -> String {
    LocalDates::english().when_html(dates, &DateWords::default())
}

/// The words around dates as a theme gives them (owned, in the site's
/// language; see [`DateWords`], which borrows them): for
/// [`when_in`] and [`when_html_in`], as text (HTML escapes them).
#[derive(Debug, Clone)]
pub struct ThemeDateWords {
    pub not_set: String,
    pub circa: String,
    pub uncertain: String,
    pub since: String,
    pub open_end: String,
}

impl ThemeDateWords {
    fn borrowed(&self) -> DateWords<'_> {
        DateWords {
            approximate: &self.circa,
            uncertain: &self.uncertain,
            since: &self.since,
            unknown_end: &self.open_end,
            not_set: &self.not_set,
            decade: None,
        }
    }
}

/// [`when`] with the theme's words around the dates (the dates themselves
/// still in English: see [`LocalDates`] for other languages).
pub fn when_in(dates: Option<&Dates>, words: &ThemeDateWords) -> String {
    LocalDates::english().when(dates, &words.borrowed())
}

/// [`when_html`] with the theme's words, as text: [`LocalDates::when_html`]
/// escapes them.
pub fn when_html_in(dates: Option<&Dates>, words: &ThemeDateWords) -> String {
    LocalDates::english().when_html(dates, &words.borrowed())
}
