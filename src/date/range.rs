//! Ranges for readers: the two ends of an event's dates, sharing what they
//! share ("17–21 February 2025", "18 February 2025, 10:00–11:00
//! UTC+03:00"), or one date when the end is the start again.

use super::{EventDate, Precision};

/// What readers are told of an event that has no date yet.
pub const NOT_SET: &str = "Date not set";

/// A range for readers, sharing what the two ends share:
/// "17–21 February 2025", "30 January – 2 February 2025", "2021–2022",
/// "18 February 2025, 10:00–11:00 UTC+03:00"; one date when the end is the
/// start again.
pub fn human_range(start: &EventDate, end: &EventDate) -> String {
    match end_as_shown(start, end) {
        Some(end) => {
            let (a, sep, b) = range_parts(start, &end);
            format!("{a}{sep}{b}")
        }
        None => start.human(),
    }
}

/// The end of a range as readers (and TimelineJS) are given it: `None`
/// when it is the start again (`2025-02` to `2025-02`, or one moment
/// written with two offsets); an instant after an instant in the start's
/// offset, so that both read in one zone and the end follows the start
/// (unless that would take it past 9999); else the end as written.
pub fn end_as_shown(start: &EventDate, end: &EventDate) -> Option<EventDate> {
    if start.precision == Precision::Instant && end.precision == Precision::Instant {
        if start.unix_seconds() == end.unix_seconds() {
            return None;
        }
        return Some(end.in_offset(start.offset).unwrap_or_else(|| end.clone()));
    }
    (start.sort_key() != end.sort_key()).then(|| end.clone())
}

/// The two ends of a range as shown, and what goes between them:
/// ("17", "–", "21 February 2025"). `end` is the end as shown.
pub(super) fn range_parts(start: &EventDate, end: &EventDate) -> (String, &'static str, String) {
    use Precision::*;
    let same_year = start.year == end.year;
    let same_day = same_year && (start.month, start.day) == (end.month, end.day);
    match (start.precision, end.precision) {
        (Day, Day) if same_year && start.month == end.month => {
            (start.day.to_string(), "–", end.human())
        }
        (Day, Day) if same_year => (
            format!("{} {}", start.day, start.month_name()),
            " – ",
            end.human(),
        ),
        (Month, Month) if same_year => (start.month_name().to_string(), "–", end.human()),
        (Year, Year) | (Decade, Decade) => (start.human(), "–", end.human()),
        // One offset, said once, at the end.
        (Instant, Instant) if start.offset == end.offset && same_day => {
            (start.human_without_offset(), "–", end.human_time())
        }
        (Instant, Instant) if start.offset == end.offset => {
            (start.human_without_offset(), " – ", end.human())
        }
        _ => (start.human(), " – ", end.human()),
    }
}
