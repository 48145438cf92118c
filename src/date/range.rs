//! Ranges for readers: the two ends of an event's dates, sharing what they
//! share ("17–21 February 2025", "18 February 2025, 10:00–11:00
//! UTC+03:00"), or one date when the end is the start again.

use super::{Dates, End, EventDate, Point, Precision};

/// What readers are told of an event that has no date yet.
pub const NOT_SET: &str = "Date not set";

/// The whole "when" of an event for readers, the one wording every page
/// and file uses: "c. 17–21 February 2025", "May 2025?", "2010s", "since
/// 22 February 2025", "22 February 2025 – ?", or [`NOT_SET`].
///
/// A qualifier is said once for the whole when both ends share it ("c.
/// 17–21 February 2025"); ends that differ are each given in full with
/// their own ("c. 2020 – March 2022?").
pub fn when(dates: Option<&Dates>) -> String {
    when_in(dates, &ENGLISH)
}

/// The English words, made once: [`when`] is asked for every event.
static ENGLISH: std::sync::LazyLock<Words> = std::sync::LazyLock::new(Words::english);

/// The words around dates, in the site's language, each with `{date}`
/// where the date goes (English: "c. {date}", "{date}?", "since {date}",
/// "{date} – ?" and [`NOT_SET`]). For [`when_html_in`] they are HTML.
#[derive(Debug, Clone)]
pub struct Words {
    pub not_set: String,
    pub circa: String,
    pub uncertain: String,
    pub since: String,
    pub open_end: String,
}

impl Words {
    pub fn english() -> Words {
        Words {
            not_set: NOT_SET.into(),
            circa: "c. {date}".into(),
            uncertain: "{date}?".into(),
            since: "since {date}".into(),
            open_end: "{date} – ?".into(),
        }
    }
}

/// `pattern` with `{date}` replaced by `date`.
fn around(pattern: &str, date: &str) -> String {
    pattern.replacen("{date}", date, 1)
}

/// [`when`] in `words`.
pub fn when_in(dates: Option<&Dates>, words: &Words) -> String {
    let Some(dates) = dates else {
        return words.not_set.clone();
    };
    let start = &dates.start;
    let q = |p: &Point, text: String| qualified(p, text, words);
    match &dates.end {
        None => q(start, start.date.human()),
        Some(End::Open) => around(&words.since, &q(start, start.date.human())),
        Some(End::Unknown) => around(&words.open_end, &q(start, start.date.human())),
        Some(End::At(end)) if same_certainty(start, end) => {
            q(start, human_range(&start.date, &end.date))
        }
        Some(End::At(end)) => {
            let shown = end_as_shown(&start.date, &end.date).unwrap_or_else(|| end.date.clone());
            format!(
                "{} – {}",
                q(start, start.date.human()),
                q(end, shown.human())
            )
        }
    }
}

/// [`when`] as HTML: one `<time>` per date, each with its `datetime` at its
/// own precision; the words around them ("c.", "since", "?") outside. A
/// decade has no `<time>` (see [`EventDate::datetime`]), nor has an event
/// without a date. Built only from numbers and month names, so it needs no
/// escaping.
pub fn when_html(dates: Option<&Dates>) -> String {
    when_html_in(dates, &ENGLISH)
}

/// [`when_html`] in `words`, which must be HTML (escaped).
pub fn when_html_in(dates: Option<&Dates>, words: &Words) -> String {
    let Some(dates) = dates else {
        return words.not_set.clone();
    };
    let start = &dates.start;
    let one = |p: &Point, d: &EventDate| qualified(p, time(d, &d.human()), words);
    match &dates.end {
        None => one(start, &start.date),
        Some(End::Open) => around(&words.since, &one(start, &start.date)),
        Some(End::Unknown) => around(&words.open_end, &one(start, &start.date)),
        Some(End::At(end)) => match end_as_shown(&start.date, &end.date) {
            None if same_certainty(start, end) => one(start, &start.date),
            Some(shown) if same_certainty(start, end) => {
                let (a, sep, b) = range_parts(&start.date, &shown);
                qualified(
                    start,
                    format!("{}{sep}{}", time(&start.date, &a), time(&shown, &b)),
                    words,
                )
            }
            shown => {
                let shown = shown.unwrap_or_else(|| end.date.clone());
                format!("{} – {}", one(start, &start.date), one(end, &shown))
            }
        },
    }
}

/// `text` with what its date's qualifiers say: "c. " before it for an
/// approximate date, "?" after it for an uncertain one.
fn qualified(p: &Point, text: String, words: &Words) -> String {
    match (p.approximate, p.uncertain) {
        (false, false) => text,
        (true, false) => around(&words.circa, &text),
        (false, true) => around(&words.uncertain, &text),
        (true, true) => around(&words.circa, &around(&words.uncertain, &text)),
    }
}

fn same_certainty(a: &Point, b: &Point) -> bool {
    (a.approximate, a.uncertain) == (b.approximate, b.uncertain)
}

/// `text` in a `<time>` element with the date's `datetime`, or bare for a
/// decade, which no `datetime` value can say.
fn time(d: &EventDate, text: &str) -> String {
    match d.datetime() {
        Some(machine) => format!("<time datetime=\"{machine}\">{text}</time>"),
        None => text.to_string(),
    }
}

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
fn range_parts(start: &EventDate, end: &EventDate) -> (String, &'static str, String) {
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
