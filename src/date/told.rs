//! The whole "when" of an event, as readers are told it: in English
//! ([`when`], [`when_html`]), or in the site's language with the theme's
//! words around the dates ([`ThemeDateWords`] given to [`LocalDates`]).

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

/// `text` as the end of a sentence: with a full stop after it, unless it
/// ends with one already, as a date may ("18 лютого 2025 р.").
pub fn full_stop(text: &str) -> String {
    match text.ends_with('.') {
        true => text.to_string(),
        false => format!("{text}."),
    }
}

/// The words around dates as a theme gives them (owned, in the site's
/// language; see [`DateWords`], which borrows them), as text:
/// [`LocalDates::when_html`] escapes them.
#[derive(Debug, Clone)]
pub struct ThemeDateWords {
    pub not_set: String,
    pub circa: String,
    pub uncertain: String,
    pub since: String,
    pub open_end: String,
}

impl ThemeDateWords {
    /// The words as [`LocalDates`] takes them. Themes have no word for
    /// decades: English says "2010s", other languages the decade's years.
    pub fn borrowed(&self) -> DateWords<'_> {
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
