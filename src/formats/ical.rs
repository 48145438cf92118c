//! `calendar.ics`: every event as an iCalendar `VEVENT` (RFC 5545), for
//! calendar apps to subscribe to or import.
//!
//! How dates become calendar entries:
//!
//! - A **day** (`2025-02-18`) is an all-day event:
//!   `DTSTART;VALUE=DATE:20250218` and `DTEND;VALUE=DATE:20250219`. `DTEND`
//!   is exclusive, as RFC 5545 has it: the day after the last day.
//! - A **range of days** (`date: 2025-01-30`, `end: 2025-02-02`) spans its
//!   days, `end` included: `DTSTART;VALUE=DATE:20250130`,
//!   `DTEND;VALUE=DATE:20250203`.
//! - An **instant** (`2025-02-18T14:30:00+03:00`) is converted to UTC:
//!   `DTSTART:20250218T113000Z`. An `end` instant, converted the same way,
//!   is `DTEND`; without one (or if it is not later than the start) there
//!   is no `DTEND`, which RFC 5545 reads as an event that takes no time.
//! - An instant with an `end` that is not an instant (a day, month or year),
//!   or the other way round, is written with the all-day forms for both
//!   ends, each instant on its own local calendar date (the date the author
//!   wrote); the exact time is then given in `DESCRIPTION`.
//! - A **month** (`2021-06`) is an all-day span of the whole month, from its
//!   first day to the first day of the next (`DTSTART;VALUE=DATE:20210601`,
//!   `DTEND;VALUE=DATE:20210701`), and a **year** (`2021`) one of the whole
//!   year, from 1 January to 1 January of the next year. Because a calendar
//!   cannot say "some time in June 2021", `DESCRIPTION` says so in a last
//!   paragraph: "Date known only to the month: June 2021." (or "Date known
//!   only to the year: 2021."; "Dates known only to the month: December
//!   2024 – January 2025." for ranges; "Dates known only in part: …" when
//!   one end is more precise than the other). Ranges of months or years
//!   span all of them, from the first day of the first period to the day
//!   after the last day of the last. A **decade** (`201X`) is an all-day span
//!   of its ten years ("Date known only to the decade: 2010s."). Approximate
//!   and uncertain dates (`2022~`, `2025-05?`, `approximate: true`) are
//!   noted the same way, with the "c." and "?" readers see on the pages
//!   ("Approximate date: c. 18 February 2025.", "Uncertain date: 18
//!   February 2025?.").
//! - An event that runs on (`2025-02-22/..`) or whose end is unknown
//!   (`2025-02-22/`), and one not dated yet, have no span a calendar can
//!   show without claiming an end or a day: they are left out, and the
//!   build's notes say how many were.
//!
//! The calendar is named after the site (`NAME`, and `X-WR-CALNAME` for
//! the apps that read only that), described by its description
//! (`DESCRIPTION` and `X-WR-CALDESC`) if it has one, and links to the site
//! (`URL`) when `base_url` is known.
//!
//! Each event's `UID` is `<slug>@<host of base_url>` (`riyadh@example.org`),
//! or `<slug>@annals.invalid` when there is no `base_url` (`.invalid` is
//! reserved, RFC 2606, so it can never clash with a real domain). It stays
//! the same as long as the slug and the host do, so calendar apps update an
//! event in place instead of adding it again.
//!
//! `SUMMARY` is the title. `DESCRIPTION` is the status note above, the summary, the page's
//! absolute URL (only with `base_url`) and the date note above, separated
//! by blank lines. `URL` is the page's absolute URL, left out without
//! `base_url`. `CATEGORIES` are the tags, `LOCATION` the places joined with
//! ", ". Every event is `TRANSP:TRANSPARENT`: these are events of record,
//! not appointments, and must not mark a subscriber as busy.
//!
//! `STATUS` says no more than the event's status (see `standing.rs`):
//! happened events, and announced and planned ones whose dates are known
//! to the day, are `CONFIRMED`; other announced and planned events, and
//! expected and reported ones, are `TENTATIVE`, and their `DESCRIPTION`
//! starts with why ("Reported, not confirmed."); cancelled events are
//! `CANCELLED`. A denied event is a report its sources deny: nothing was
//! scheduled, so it is not `CANCELLED` either, and it is left out of the
//! calendar (the build's notes say how many were).
//!
//! The file is the same, byte for byte, for the same content: nothing comes
//! from the clock. `DTSTAMP`, which RFC 5545 requires on every event, is the
//! same on all of them: the latest moment any event's date reaches (the
//! first second, in UTC, of the latest start or end in the calendar), so it
//! moves forward as newer events are added. For an empty timeline the
//! calendar has no events and so no `DTSTAMP`.
//!
//! Text is escaped as RFC 5545 requires (`\\`, `\;`, `\,`, and `\n` for a
//! line break; other control characters are dropped), lines are folded to
//! at most 75 octets without splitting a UTF-8 character (continuation lines
//! start with one space), and every line ends with CRLF.

use super::Inputs;
use super::standing::Standing;
use crate::base_url::BaseUrl;
use crate::date::{
    DateWords, EventDate, LocalDates, Precision, civil_from_days, days_from_civil, full_stop,
    next_day,
};
use crate::model::{Site, urls};
use crate::sink::Page;
use crate::source::event::Event;

/// The file's path in the output.
pub const PATH: &str = "calendar.ics";

/// The host in `UID`s when there is no `base_url`.
pub const FALLBACK_HOST: &str = "annals.invalid";

/// How many events the calendar left out, and why.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LeftOut {
    /// Denied reports.
    pub denied: usize,
    /// Events whose dates run on (`/..`) or have an unknown end (`/`).
    pub open: usize,
    /// Events not dated yet.
    pub undated: usize,
}

impl LeftOut {
    /// How many events of `site` the calendar leaves out, without making it.
    pub fn of(site: &Site) -> LeftOut {
        let mut left_out = LeftOut::default();
        site.events.iter().for_each(|e| {
            left_out.add(e);
        });
        left_out
    }

    /// Counts `e` if the calendar leaves it out; otherwise its `STATUS`
    /// and where it stands.
    fn add(&mut self, e: &Event) -> Option<(&'static str, Standing)> {
        let standing = Standing::of(e);
        let Some(status) = standing.ical_status() else {
            self.denied += 1;
            return None;
        };
        if e.dates.is_none() {
            self.undated += 1;
            return None;
        }
        if !e.has_calendar_dates() {
            self.open += 1;
            return None;
        }
        Some((status, standing))
    }
}

/// The calendar of every event but the denied ones and those without
/// calendar dates (see [`Event::has_calendar_dates`]), and how many of
/// each it left out.
pub fn calendar(input: &Inputs) -> (Page, LeftOut) {
    let site = input.site;
    let mut out = Lines::default();
    out.line("BEGIN", "VCALENDAR");
    out.line("VERSION", "2.0");
    out.line(
        "PRODID",
        &format!("-//Annals//Annals {}//EN", env!("CARGO_PKG_VERSION")),
    );
    out.line("CALSCALE", "GREGORIAN");
    let title = text(site.title());
    out.line("NAME", &title);
    out.line("X-WR-CALNAME", &title);
    if let Some(d) = site
        .config
        .description
        .as_deref()
        .or(site.intro.description.as_deref())
    {
        let d = text(d);
        out.line("DESCRIPTION", &d);
        out.line("X-WR-CALDESC", &d);
    }
    if let Some(url) = input.absolute("") {
        out.line("URL", &url);
    }

    let mut left_out = LeftOut::default();
    let listed: Vec<(&Event, &'static str, Standing)> = site
        .events
        .iter()
        .filter_map(|e| {
            left_out
                .add(e)
                .map(|(status, standing)| (&**e, status, standing))
        })
        .collect();
    let stamp = listed
        .iter()
        .flat_map(|(e, ..)| std::iter::once(e.placed_at()).chain(e.end_date()))
        .map(EventDate::unix_seconds)
        .max()
        .map(utc_stamp);
    let host = input.base.map(BaseUrl::host).unwrap_or(FALLBACK_HOST);
    let dates = LocalDates::new(&site.config.language);
    for &(e, status, standing) in &listed {
        let stamp = stamp.as_deref().unwrap_or_default();
        event(
            &mut out,
            input,
            e,
            (host, stamp, &dates),
            (status, standing),
        );
    }
    out.line("END", "VCALENDAR");
    let page = Page {
        path: PATH.into(),
        bytes: out.0.into_bytes(),
    };
    (page, left_out)
}

/// One `VEVENT`, with its `UID`'s host, its `DTSTAMP`, its `STATUS` and
/// where it stands; `dates` writes the dates of its description.
fn event(
    out: &mut Lines,
    input: &Inputs,
    e: &Event,
    (host, stamp, dates): (&str, &str, &LocalDates),
    (status, standing): (&str, Standing),
) {
    out.line("BEGIN", "VEVENT");
    out.line("UID", &format!("{}@{host}", e.slug));
    out.line("DTSTAMP", stamp);
    // Each change of status, and each correction, is a new version of the
    // event for calendars.
    let changes = e.history.len().saturating_sub(1) + e.corrections.len();
    if changes > 0 {
        out.line("SEQUENCE", &changes.to_string());
    }
    let span = span(e);
    match &span {
        Span::Instant { start, end } => {
            out.line("DTSTART", start);
            if let Some(end) = end {
                out.line("DTEND", end);
            }
        }
        Span::Days { start, end } => {
            out.line("DTSTART;VALUE=DATE", &date_value(*start));
            if end.0 <= 9999 {
                out.line("DTEND;VALUE=DATE", &date_value(*end));
            } else {
                // The day after 31 December 9999 cannot be written as a
                // DATE; a duration says the same.
                let days = days_from_civil(end.0, end.1, end.2)
                    - days_from_civil(start.0, start.1, start.2);
                out.line("DURATION", &format!("P{days}D"));
            }
        }
    }
    out.line("SUMMARY", &text(&e.title));
    let page = input.absolute(&urls::event(&e.slug));
    let mut description: Vec<String> = Vec::new();
    if let Standing::Tentative(why) = standing {
        description.push(why.to_string());
    }
    if let Some(s) = e.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        description.push(s.trim().to_string());
    }
    if let Some(url) = &page {
        description.push(url.clone());
    }
    if let Some(note) = date_note(e, &span, dates) {
        description.push(note);
    }
    if !description.is_empty() {
        out.line("DESCRIPTION", &text(&description.join("\n\n")));
    }
    if let Some(url) = &page {
        out.line("URL", url);
    }
    out.line("STATUS", status);
    if !e.tags.is_empty() {
        let tags: Vec<String> = e.tags.iter().map(|t| text(t)).collect();
        out.line("CATEGORIES", &tags.join(","));
    }
    if !e.places.is_empty() {
        out.line("LOCATION", &text(&e.places.join(", ")));
    }
    out.line("TRANSP", "TRANSPARENT");
    out.line("END", "VEVENT");
}

/// A calendar date (year, month, day).
type Day = (i16, u8, u8);

/// When an event is, as the calendar writes it.
#[derive(Debug, PartialEq)]
enum Span {
    /// UTC date-times (`20250218T113000Z`); no end, or one that is later.
    Instant { start: String, end: Option<String> },
    /// All-day: the first day, and the day after the last.
    Days { start: Day, end: Day },
}

/// The span of an event with calendar dates (its start, and a known end).
fn span(e: &Event) -> Span {
    let date = e.placed_at();
    if date.precision == Precision::Instant
        && e.end_date()
            .is_none_or(|end| end.precision == Precision::Instant)
        && let Some(start) = utc_value(date)
    {
        let end = e
            .end_date()
            .filter(|end| end.unix_seconds() > date.unix_seconds())
            .and_then(utc_value);
        return Span::Instant { start, end };
    }
    let start = first_day(date);
    let mut end = after_last_day(e.end_date().unwrap_or(date));
    if end <= start {
        // An end that is inside the start's period (`2021-06` to `2021`
        // is allowed): the span is at least the start's.
        end = after_last_day(date);
    }
    Span::Days { start, end }
}

/// The first day of a date's period (an instant's own local date).
fn first_day(d: &EventDate) -> Day {
    match d.precision {
        Precision::Decade | Precision::Year => (d.year, 1, 1),
        Precision::Month => (d.year, d.month, 1),
        Precision::Day | Precision::Instant => (d.year, d.month, d.day),
    }
}

/// The day after the last day of a date's period (dates have four-digit
/// years, so this is at most 1 January 10000).
fn after_last_day(d: &EventDate) -> Day {
    match d.precision {
        Precision::Decade => (d.year + 10, 1, 1),
        Precision::Year => (d.year + 1, 1, 1),
        Precision::Month if d.month == 12 => (d.year + 1, 1, 1),
        Precision::Month => (d.year, d.month + 1, 1),
        Precision::Day | Precision::Instant => next_day(d.year, d.month, d.day),
    }
}

/// `20250218`.
fn date_value((y, m, d): Day) -> String {
    format!("{y:04}{m:02}{d:02}")
}

/// An instant as a UTC DATE-TIME (`20250218T113000Z`), if its UTC date is
/// in the years 1 to 9999.
fn utc_value(d: &EventDate) -> Option<String> {
    let unix = d.unix_seconds();
    let (y, _, _) = civil_from_days(unix.div_euclid(86_400));
    (1..=9999).contains(&y).then(|| utc_stamp(unix))
}

/// Seconds since the Unix epoch as a UTC DATE-TIME (`20250218T113000Z`):
/// RFC 3339 without its separators.
fn utc_stamp(unix: i64) -> String {
    crate::date::rfc3339_utc(unix).replace(['-', ':'], "")
}

/// The last paragraph of `DESCRIPTION`, when the calendar's dates do not
/// say exactly what the author wrote (see the module documentation), the
/// dates written by `dates` in the site's language.
fn date_note(e: &Event, span: &Span, dates: &LocalDates) -> Option<String> {
    let when = dates.when(e.dates.as_ref(), &DateWords::default());
    let coarse = |d: &EventDate| d.precision <= Precision::Month;
    let ends: Vec<&EventDate> = std::iter::once(e.placed_at()).chain(e.end_date()).collect();
    let plural = if ends.len() > 1 { "Dates" } else { "Date" };
    if ends.iter().any(|d| coarse(d)) {
        let p = e.placed_at().precision;
        if ends.iter().all(|d| d.precision == p) {
            let unit = match p {
                Precision::Decade => "decade",
                Precision::Year => "year",
                _ => "month",
            };
            return Some(full_stop(&format!(
                "{plural} known only to the {unit}: {when}"
            )));
        }
        return Some(full_stop(&format!("Dates known only in part: {when}")));
    }
    let (approximate, uncertain) = e
        .dates
        .as_ref()
        .map_or((false, false), |d| (d.approximate(), d.uncertain()));
    let how = match (approximate, uncertain) {
        (true, false) => Some("Approximate"),
        (false, true) => Some("Uncertain"),
        (true, true) => Some("Approximate and uncertain"),
        (false, false) => None,
    };
    if let Some(how) = how {
        return Some(full_stop(&format!(
            "{how} {}: {when}",
            plural.to_lowercase()
        )));
    }
    let has_instant = ends.iter().any(|d| d.precision == Precision::Instant);
    if has_instant && matches!(span, Span::Days { .. }) {
        return Some(full_stop(&format!("{plural} as given: {when}")));
    }
    None
}

/// Escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma
/// get a backslash, a line break (CRLF, LF or CR) becomes `\n`, and other
/// control characters but tab are dropped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The content lines of the file, folded and ended with CRLF.
#[derive(Default)]
struct Lines(String);

impl Lines {
    /// Writes `name:value` (`name` may carry parameters: `DTSTART;VALUE=DATE`);
    /// `value` is already escaped.
    fn line(&mut self, name: &str, value: &str) {
        if name.len() + 1 + value.len() <= MAX_LINE {
            for part in [name, ":", value, "\r\n"] {
                self.0.push_str(part);
            }
        } else {
            fold(&mut self.0, &[name, ":", value].concat());
        }
    }
}

/// The longest a line may be, in octets, without its CRLF.
pub const MAX_LINE: usize = 75;

/// Appends `line` folded into lines of at most [`MAX_LINE`] octets, each
/// ended with CRLF; continuation lines start with a space (which counts).
/// A UTF-8 character is never split.
fn fold(out: &mut String, line: &str) {
    let mut rest = line;
    // A continuation line's leading space counts.
    let mut room = MAX_LINE;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = MAX_LINE - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests;
