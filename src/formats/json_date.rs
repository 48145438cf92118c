//! A plain date as the JSON files give it: `{value, precision, text}`, the
//! date as written, its precision's name and the date for readers; used
//! by `events.json` for events and by its actor records for roles.

use crate::date::{DateWords, EventDate, LocalDates, Precision};
use serde::Serialize;

/// A plain date: `{"value": "2021-06", "precision": "month", "text": "June 2021"}`.
#[derive(Serialize)]
pub(super) struct DateJson {
    /// As written: `2021`, `2021-06`, `2025-02-18`, or an RFC 3339 date-time.
    value: String,
    precision: &'static str,
    /// For readers, in the site's language: "June 2021", "червень 2021 р.".
    text: String,
}

/// The name of a precision, as `events.json` gives it.
pub(super) fn precision(p: Precision) -> &'static str {
    match p {
        Precision::Decade => "decade",
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
        Precision::Instant => "instant",
    }
}

/// `d` as the JSON files give it, its `text` written by `dates`.
pub(super) fn date(d: &EventDate, dates: &LocalDates) -> DateJson {
    DateJson {
        value: d.machine(),
        precision: precision(d.precision),
        text: dates.date(d, &DateWords::default()),
    }
}
