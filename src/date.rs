//! Dates as historians write them: a year, a month, a day or an instant,
//! each kept at the precision the author gave.
//!
//! `2021` is not 1 January 2021; it is "2021". The precision decides how a
//! date is shown, what goes into `<time datetime>`, and where it sorts: a
//! year sorts before the months and days inside it.

use std::cmp::Ordering;
use std::fmt;

/// How much of a date the author gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    /// A date and time with its UTC offset (RFC 3339).
    Instant,
}

/// A date at its precision. Fields below the precision are 1 (month, day)
/// or 0 (time) and are never shown.
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
            let (clock, offset) = split_time(time).ok_or_else(|| {
                format!("`{text}` is not a valid date-time: write it as 2025-02-18T14:30:00+03:00 (the offset, or Z for UTC, is required)")
            })?;
            date.seconds = clock;
            date.offset = offset;
            date.precision = Precision::Instant;
        }
        Ok(date)
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

    /// The value of `<time datetime>`: as precise as the date, no more.
    pub fn machine(&self) -> String {
        // Built by hand: this runs several times per event, and `format!`
        // costs ten times as much.
        let mut s = String::with_capacity(25);
        push_year(&mut s, self.year);
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

    /// English month name ("June").
    pub fn month_name(&self) -> &'static str {
        MONTHS[self.month as usize - 1]
    }

    /// The date for readers: "2021", "June 2021", "18 February 2025" or
    /// "18 February 2025, 14:30 UTC+03:00".
    pub fn human(&self) -> String {
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
        if self.precision == Precision::Instant {
            s.push_str(", ");
            push_clock(&mut s, self.seconds);
            s.push(' ');
            push_offset(&mut s, self.offset, false);
        }
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

/// The whole "when" of an event for readers: "c. 17–21 February 2025".
pub fn when(date: &EventDate, end: Option<&EventDate>, approximate: bool) -> String {
    let text = match end {
        Some(end) => human_range(date, end),
        None => date.human(),
    };
    if approximate {
        format!("c. {text}")
    } else {
        text
    }
}

/// [`when`] as HTML: one `<time>` per end, each with its `datetime` at its
/// own precision. Built only from numbers and month names, so it needs no
/// escaping.
pub fn when_html(date: &EventDate, end: Option<&EventDate>, approximate: bool) -> String {
    let time =
        |d: &EventDate, text: &str| format!("<time datetime=\"{}\">{text}</time>", d.machine());
    let prefix = if approximate { "c. " } else { "" };
    match end {
        Some(end) => {
            let (a, sep, b) = range_parts(date, end);
            format!("{prefix}{}{sep}{}", time(date, &a), time(end, &b))
        }
        None => format!("{prefix}{}", time(date, &date.human())),
    }
}

/// A range for readers, sharing what the two ends share:
/// "17–21 February 2025", "30 January – 2 February 2025", "2021–2022".
pub fn human_range(start: &EventDate, end: &EventDate) -> String {
    let (a, sep, b) = range_parts(start, end);
    format!("{a}{sep}{b}")
}

/// The two ends of a range as shown, and what goes between them:
/// ("17", "–", "21 February 2025").
pub fn range_parts(start: &EventDate, end: &EventDate) -> (String, &'static str, String) {
    use Precision::*;
    let same_year = start.year == end.year;
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
        (Year, Year) => (start.human(), "–", end.human()),
        _ => (start.human(), " – ", end.human()),
    }
}

/// Reads `HH:MM:SS[.fraction](Z|±HH:MM)` into seconds since midnight and
/// the offset in seconds; `None` if any part is malformed or out of range.
fn split_time(time: &str) -> Option<(u32, i32)> {
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
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
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
    Some((h * 3600 + m * 60 + sec.min(59), offset))
}

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

fn is_leap(year: i16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Seconds since the Unix epoch as an RFC 3339 UTC date-time
/// (`2025-02-18T11:30:00Z`), for feeds and sitemaps.
pub fn rfc3339_utc(unix: i64) -> String {
    let (year, month, day) = civil_from_days(unix.div_euclid(86_400));
    let s = unix.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// Today's date in UTC, at day precision.
pub fn today() -> EventDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let year = year.clamp(1, 9999) as i16;
    EventDate {
        year,
        month,
        day,
        seconds: 0,
        offset: 0,
        precision: Precision::Day,
    }
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's
/// algorithm, the inverse of [`days_from_civil`]).
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        yoe + era * 400 + i64::from(month <= 2),
        month as u8,
        day as u8,
    )
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar
/// (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i16, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day after a date, as (year, month, day).
pub fn next_day(year: i16, month: u8, day: u8) -> (i16, u8, u8) {
    if day < days_in_month(year, month) {
        (year, month, day + 1)
    } else if month < 12 {
        (year, month + 1, 1)
    } else {
        (year + 1, 1, 1)
    }
}

#[cfg(test)]
mod tests;
