//! Dates as historians write them: a year, a month, a day or an instant,
//! each kept at the precision the author gave.
//!
//! `2021` is not 1 January 2021; it is "2021". The precision decides how a
//! date is shown, what goes into `<time datetime>`, and where it sorts: a
//! year sorts before the months and days inside it.
//!
//! An event's own dates may say more (`edtf.rs`): how sure they are
//! (`2022~`, `2025-05?`), a year somewhere in a decade (`201X`), and
//! ranges written in one value (`2025-02-17/2025-02-21`, `2025-02-22/..`).

mod days;
mod edtf;
mod local;
mod range;
mod told;

pub use days::{civil_from_days, days_from_civil, days_in_month, next_day, rfc3339_utc, today};
pub use edtf::{DATE_FORMS, Dates, End, Point};
pub use local::{DateWords, LocalDates};
pub use range::{NOT_SET, end_as_shown, human_range};
pub use told::{ThemeDateWords, full_stop, when, when_html};

use std::cmp::Ordering;
use std::fmt;

/// How much of a date the author gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Some year of a decade: `201X`, "2010s" (event dates only).
    Decade,
    Year,
    Month,
    Day,
    /// A date and time with its UTC offset (RFC 3339).
    Instant,
}

/// A date at its precision. Fields below the precision are 1 (month, day)
/// or 0 (time) and are never shown; a decade's year is its first (2010).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventDate {
    pub year: i16,
    pub month: u8,
    pub day: u8,
    /// Seconds since local midnight, for instants.
    pub seconds: u32,
    /// Offset from UTC in seconds, for instants.
    pub offset: i32,
    pub precision: Precision,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What a date may look like, for error messages.
pub const FORMS: &str = "a year (2021), a month (2021-06), a day (2025-02-18) or a date-time with offset (2025-02-18T14:30:00+03:00)";

impl EventDate {
    /// The day `year-month-day`, at day precision.
    pub fn day(year: i16, month: u8, day: u8) -> EventDate {
        EventDate {
            year,
            month,
            day,
            seconds: 0,
            offset: 0,
            precision: Precision::Day,
        }
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an RFC 3339 date-time with
    /// an offset. The error says what is wrong with the text.
    pub fn parse(text: &str) -> Result<EventDate, String> {
        let text = text.trim();
        let (date_part, time_part) = match text.find(['T', 't', ' ']) {
            Some(i) => (&text[..i], Some(&text[i + 1..])),
            None => (text, None),
        };
        let parts: Vec<&str> = date_part.split('-').collect();
        let number = |s: &str, digits: usize, what: &str| -> Result<u32, String> {
            if s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()) {
                Ok(s.parse().unwrap_or(0))
            } else {
                Err(format!(
                    "`{text}` is not a date: the {what} must be {digits} digits"
                ))
            }
        };
        if parts.len() > 3 || !text.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(format!("`{text}` is not a date in a form Annals reads"));
        }
        // The qualifiers and decades of an event's `date` (see
        // [`Point::parse`]) say how much is known of an event; a source's
        // date, `reported_on`, a history entry and a deadline are days
        // someone wrote down, and take none.
        if let Some(plain) = text.strip_suffix(['~', '?', '%'])
            && EventDate::parse(plain).is_ok()
        {
            return Err(format!(
                "`{text}` is not a plain date: only an event's `date` and `end` take ~, ? or % (here write `{plain}`)"
            ));
        }

        let year = number(parts[0], 4, "year")?;
        if year == 0 {
            return Err(format!("`{text}` is not a date: there is no year 0000"));
        }
        let mut date = EventDate {
            year: year as i16,
            month: 1,
            day: 1,
            seconds: 0,
            offset: 0,
            precision: Precision::Year,
        };
        if let Some(m) = parts.get(1) {
            let month = number(m, 2, "month")?;
            if !(1..=12).contains(&month) {
                return Err(format!("`{text}` is not a date: there is no month {month}"));
            }
            date.month = month as u8;
            date.precision = Precision::Month;
        }
        if let Some(d) = parts.get(2) {
            let day = number(d, 2, "day")?;
            let last = days_in_month(date.year, date.month);
            if day < 1 || day > u32::from(last) {
                return Err(format!(
                    "`{text}` is not a date: {} {} has {last} days",
                    MONTHS[date.month as usize - 1],
                    date.year
                ));
            }
            date.day = day as u8;
            date.precision = Precision::Day;
        }
        if let Some(time) = time_part {
            if date.precision != Precision::Day {
                return Err(format!(
                    "`{text}` is not a date: a time needs a full date before it"
                ));
            }
            let clock = split_time(time).ok_or_else(|| {
                format!("`{text}` is not a valid date-time: write it as 2025-02-18T14:30:00+03:00 (the offset, or Z for UTC, is required)")
            })?;
            if clock.second == 60 {
                let before = &text[..text.len() - time.len() + 5];
                return Err(format!(
                    "`{text}` is a leap second (:60), which Annals cannot represent: HTML, Atom and iCalendar times have seconds 00 to 59, so write {before}:59{}",
                    &time[8..]
                ));
            }
            if clock.fraction.bytes().any(|b| b != b'0') {
                return Err(format!(
                    "`{text}` has a fraction of a second (.{}), which Annals does not keep: write whole seconds (a fraction of zeros, .000, is allowed)",
                    clock.fraction
                ));
            }
            date.seconds = clock.minutes * 60 + clock.second;
            date.offset = clock.offset;
            date.precision = Precision::Instant;
            let unix = date.unix_seconds();
            let outside = if unix < FIRST_SECOND {
                Some("before the first")
            } else if unix > LAST_SECOND {
                Some("after the last")
            } else {
                None
            };
            if let Some(side) = outside {
                return Err(format!(
                    "`{text}` is {} in UTC, {side} moment Annals can represent: an instant must fall between {} and {} in UTC",
                    rfc3339_utc(unix),
                    rfc3339_utc(FIRST_SECOND),
                    rfc3339_utc(LAST_SECOND)
                ));
            }
        }
        Ok(date)
    }

    /// The same instant written with another offset (in seconds), if its
    /// date there is still in the years 1 to 9999; `None` for dates that
    /// are not instants.
    pub fn in_offset(&self, offset: i32) -> Option<EventDate> {
        if self.precision != Precision::Instant {
            return None;
        }
        let local = self.unix_seconds() + i64::from(offset);
        let (year, month, day) = civil_from_days(local.div_euclid(86_400));
        let year = i16::try_from(year)
            .ok()
            .filter(|y| (1..=9999).contains(y))?;
        Some(EventDate {
            year,
            month,
            day,
            seconds: local.rem_euclid(86_400) as u32,
            offset,
            precision: Precision::Instant,
        })
    }

    /// The instant as seconds since the Unix epoch (instants only; other
    /// precisions give their first second, in UTC).
    pub fn unix_seconds(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400 + i64::from(self.seconds)
            - i64::from(self.offset)
    }

    /// The key dates sort by: the local calendar date, then coarser before
    /// finer, then the instant.
    fn sort_key(&self) -> (i16, u8, u8, Precision, i64) {
        let month = if self.precision >= Precision::Month {
            self.month
        } else {
            0
        };
        let day = if self.precision >= Precision::Day {
            self.day
        } else {
            0
        };
        let within = if self.precision == Precision::Instant {
            self.unix_seconds()
        } else {
            0
        };
        (self.year, month, day, self.precision, within)
    }

    /// The date as machines read it, as precise as the date and no more:
    /// `2021`, `2021-06`, `2025-02-18`, `2025-02-18T14:30:00+03:00`, and
    /// for a decade EDTF's `201X` (see [`EventDate::datetime`]).
    pub fn machine(&self) -> String {
        // Built by hand: this runs several times per event, and `format!`
        // costs ten times as much.
        let mut s = String::with_capacity(25);
        push_year(&mut s, self.year);
        if self.precision == Precision::Decade {
            s.pop();
            s.push('X');
        }
        if self.precision >= Precision::Month {
            s.push('-');
            push2(&mut s, u32::from(self.month));
        }
        if self.precision >= Precision::Day {
            s.push('-');
            push2(&mut s, u32::from(self.day));
        }
        if self.precision == Precision::Instant {
            s.push('T');
            push_clock(&mut s, self.seconds);
            s.push(':');
            push2(&mut s, self.seconds % 60);
            push_offset(&mut s, self.offset, true);
        }
        s
    }

    /// The value of `<time datetime>` (and of ISO 8601 dates: JSON-LD):
    /// [`EventDate::machine`], or none for a decade. HTML's `datetime` and
    /// ISO 8601-1 have a year but no decade, and `2010` would say the year
    /// 2010 rather than some year of the 2010s.
    pub fn datetime(&self) -> Option<String> {
        (self.precision != Precision::Decade).then(|| self.machine())
    }

    /// English month name ("June").
    pub fn month_name(&self) -> &'static str {
        MONTHS[self.month as usize - 1]
    }

    /// The date for readers: "2010s", "2021", "June 2021", "18 February
    /// 2025" or "18 February 2025, 14:30 UTC+03:00".
    pub fn human(&self) -> String {
        let mut s = self.human_date();
        if self.precision == Precision::Instant {
            s.push_str(", ");
            s.push_str(&self.human_time());
        }
        s
    }

    /// [`EventDate::human`] without the offset: "18 February 2025, 14:30"
    /// for an instant.
    fn human_without_offset(&self) -> String {
        let mut s = self.human_date();
        if self.precision == Precision::Instant {
            s.push_str(", ");
            push_clock(&mut s, self.seconds);
        }
        s
    }

    /// The date part for readers, without the time: "18 February 2025".
    fn human_date(&self) -> String {
        let mut s = String::with_capacity(40);
        if self.precision >= Precision::Day {
            s.push_str(&self.day.to_string());
            s.push(' ');
        }
        if self.precision >= Precision::Month {
            s.push_str(self.month_name());
            s.push(' ');
        }
        s.push_str(&self.year.to_string());
        if self.precision == Precision::Decade {
            s.push('s');
        }
        s
    }

    /// The time of an instant for readers: "14:30 UTC+03:00".
    fn human_time(&self) -> String {
        let mut s = String::with_capacity(16);
        push_clock(&mut s, self.seconds);
        s.push(' ');
        push_offset(&mut s, self.offset, false);
        s
    }

    /// True if `self` could not be later than `other` at their precisions
    /// (used to check that a range does not end before it starts).
    pub fn not_after(&self, other: &EventDate) -> bool {
        if self.precision == Precision::Instant && other.precision == Precision::Instant {
            return self.unix_seconds() <= other.unix_seconds();
        }
        self.cmp(other) != Ordering::Greater || self.overlaps(other)
    }

    /// True if one date contains the other (2021 contains 2021-06).
    fn overlaps(&self, other: &EventDate) -> bool {
        let p = self.precision.min(other.precision);
        match p {
            Precision::Decade => self.year / 10 == other.year / 10,
            Precision::Year => self.year == other.year,
            Precision::Month => (self.year, self.month) == (other.year, other.month),
            Precision::Day | Precision::Instant => {
                (self.year, self.month, self.day) == (other.year, other.month, other.day)
            }
        }
    }
}

impl Ord for EventDate {
    fn cmp(&self, other: &Self) -> Ordering {
        // Then the fields the key leaves out, so that only equal dates are
        // equal: one moment written with two offsets (10:00+01:00 and
        // 09:00Z) sorts by its offset instead of counting as the same date.
        self.sort_key().cmp(&other.sort_key()).then_with(|| {
            (self.offset, self.seconds, self.month, self.day).cmp(&(
                other.offset,
                other.seconds,
                other.month,
                other.day,
            ))
        })
    }
}

impl PartialOrd for EventDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.human())
    }
}

/// A time of day as written: `HH:MM:SS[.fraction](Z|±HH:MM)`.
struct Clock<'t> {
    /// Hours and minutes, in minutes since midnight.
    minutes: u32,
    /// 0 to 60 (a leap second).
    second: u32,
    /// The digits after the decimal point, if any.
    fraction: &'t str,
    /// Offset from UTC in seconds.
    offset: i32,
}

/// Reads `HH:MM:SS[.fraction](Z|±HH:MM)`; `None` if any part is malformed
/// or out of range.
fn split_time(time: &str) -> Option<Clock<'_>> {
    let two = |s: &str| -> Option<u32> {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let (h, m, sec) = (
        two(time.get(0..2)?)?,
        two(time.get(3..5)?)?,
        two(time.get(6..8)?)?,
    );
    if time.get(2..3)? != ":" || time.get(5..6)? != ":" || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let mut rest = &time[8..];
    let mut fraction = "";
    if let Some(after) = rest.strip_prefix('.') {
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        fraction = &after[..digits];
        rest = &after[digits..];
    }
    let offset = if rest.eq_ignore_ascii_case("z") {
        0
    } else {
        let sign = match rest.get(..1)? {
            "+" => 1,
            "-" => -1,
            _ => return None,
        };
        let (oh, om) = (two(rest.get(1..3)?)?, two(rest.get(4..6)?)?);
        if rest.len() != 6 || rest.get(3..4)? != ":" || oh > 23 || om > 59 {
            return None;
        }
        sign * (oh as i32 * 3600 + om as i32 * 60)
    };
    Some(Clock {
        minutes: h * 60 + m,
        second: sec,
        fraction,
        offset,
    })
}

/// The first and last seconds an instant may be, since the Unix epoch:
/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z. Every format writes
/// four-digit years, so an instant's UTC time must have one.
const FIRST_SECOND: i64 = -62_135_596_800;
const LAST_SECOND: i64 = 253_402_300_799;

/// `n` (below 100) as two digits.
fn push2(s: &mut String, n: u32) {
    s.push(char::from(b'0' + (n / 10 % 10) as u8));
    s.push(char::from(b'0' + (n % 10) as u8));
}

/// A year as `{:04}` writes it.
fn push_year(s: &mut String, year: i16) {
    match u32::try_from(year) {
        Ok(y) if y <= 9999 => {
            push2(s, y / 100);
            push2(s, y % 100);
        }
        _ => s.push_str(&format!("{year:04}")),
    }
}

/// `HH:MM` of a number of seconds since midnight.
fn push_clock(s: &mut String, seconds: u32) {
    push2(s, seconds / 3600);
    s.push(':');
    push2(s, seconds / 60 % 60);
}

/// An offset from UTC: `Z` or `+03:00` for machines, `UTC` or `UTC+03:00`
/// for readers.
fn push_offset(s: &mut String, offset: i32, machine: bool) {
    if !machine {
        s.push_str("UTC");
    }
    if offset == 0 {
        if machine {
            s.push('Z');
        }
        return;
    }
    s.push(if offset < 0 { '-' } else { '+' });
    let abs = offset.unsigned_abs();
    push2(s, abs / 3600);
    s.push(':');
    push2(s, abs / 60 % 60);
}

#[cfg(test)]
mod tests;
