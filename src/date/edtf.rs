//! The forms of the Library of Congress Extended Date/Time Format (EDTF,
//! level 1) that an event's `date` and `end` take besides plain dates:
//!
//! - a qualifier after a date, saying how sure it is: `2022~`
//!   (approximate, "c. 2022"), `2025-05?` (uncertain, "May 2025?"),
//!   `2025-05%` (both, "c. May 2025?");
//! - a year somewhere in a decade, its last digit unspecified: `201X`
//!   ("2010s");
//! - a range in one value: `2025-02-17/2025-02-21` (the same as `date` and
//!   `end`), `2025-02-22/..` (open-ended: still going) and `2025-02-22/`
//!   (it ends, but when is not known).
//!
//! EDTF defines qualifiers for dates, not times; Annals also reads one
//! after a date-time (`2025-02-18T14:30:00Z~`), so that an instant marked
//! `approximate: true` has a written form that reads back.

use super::{EventDate, Precision};

/// What `date` and `end` may look like, for error messages.
pub const DATE_FORMS: &str = "a year (2021), a month (2021-06), a day (2025-02-18) or a date-time with offset (2025-02-18T14:30:00+03:00), each optionally followed by ~ (approximate: 2022~), ? (uncertain: 2025-05?) or % (both); a decade (201X); and, in `date` only, a range (2025-02-17/2025-02-21), an open-ended one (2025-02-22/..) or one whose end is unknown (2025-02-22/)";

/// One date of an event, with how sure it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Point {
    pub date: EventDate,
    /// `~` or `%` (or `approximate: true`): "c. 2022".
    pub approximate: bool,
    /// `?` or `%`: "May 2025?".
    pub uncertain: bool,
}

/// How an event's dates end, when they are a range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum End {
    /// A known end: `end:`, or a date after the `/`.
    At(Point),
    /// `/..`: still going.
    Open,
    /// `/` with nothing after it: the end is not known.
    Unknown,
}

/// An event's dates: a start, and an end when they are a range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Dates {
    pub start: Point,
    pub end: Option<End>,
}

impl Point {
    /// A date without qualifiers.
    pub fn plain(date: EventDate) -> Point {
        Point {
            date,
            approximate: false,
            uncertain: false,
        }
    }

    /// Parses one date with an optional qualifier after it: any plain form
    /// [`EventDate::parse`] reads, or a decade (`201X`), then `~`, `?` or
    /// `%`. The error says what is wrong with the text.
    pub fn parse(text: &str) -> Result<Point, String> {
        let body = text.trim_end_matches(['~', '?', '%']);
        let qualifiers = &text[body.len()..];
        if let Some(q) = body.chars().find(|c| matches!(c, '~' | '?' | '%')) {
            let bare: String = text
                .chars()
                .filter(|c| !matches!(c, '~' | '?' | '%'))
                .collect();
            return Err(format!(
                "`{text}` has `{q}` inside or before the date: a qualifier goes once, after the whole date, as in `{bare}{q}`"
            ));
        }
        let (approximate, uncertain) = match qualifiers {
            "" => (false, false),
            "~" => (true, false),
            "?" => (false, true),
            "%" => (true, true),
            _ => {
                return Err(format!(
                    "`{text}` has more than one qualifier (`{qualifiers}`): write one, after the date: ~ (approximate), ? (uncertain) or % (both)"
                ));
            }
        };
        if body.is_empty() || body.trim() != body {
            return Err(format!("`{text}` is not a date in a form Annals reads"));
        }
        let date = match decade(body) {
            Some(decade) => decade,
            None => EventDate::parse(body),
        };
        let date = date.map_err(|why| {
            if qualifiers.is_empty() {
                why
            } else {
                why.replacen(&format!("`{body}`"), &format!("`{text}`"), 1)
            }
        })?;
        Ok(Point {
            date,
            approximate,
            uncertain,
        })
    }

    /// The date as EDTF writes it: `2022~`, `201X`, `2025-05%`.
    pub fn edtf(&self) -> String {
        let mut s = self.date.machine();
        match (self.approximate, self.uncertain) {
            (true, true) => s.push('%'),
            (true, false) => s.push('~'),
            (false, true) => s.push('?'),
            (false, false) => {}
        }
        s
    }
}

/// `Some` if `text` is meant to have unspecified digits (digits and
/// hyphens with an `X`, or a `u` or `x` as older drafts of EDTF wrote it):
/// the decade, or why it is not one.
fn decade(text: &str) -> Option<Result<EventDate, String>> {
    let unspecified = |c: char| matches!(c, 'X' | 'x' | 'u');
    if !text.contains(unspecified)
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || unspecified(c))
    {
        return None;
    }
    let bytes = text.as_bytes();
    let digits = bytes.len() == 4 && bytes[..3].iter().all(u8::is_ascii_digit);
    Some(match bytes.last() {
        Some(b'X') if digits => {
            let year = text[..3].parse::<i16>().unwrap_or(0) * 10;
            if year == 0 {
                Err(format!(
                    "`{text}` is not a decade Annals can show: there is no year 0000, so the first decade is 001X"
                ))
            } else {
                Ok(EventDate {
                    year,
                    month: 1,
                    day: 1,
                    seconds: 0,
                    offset: 0,
                    precision: Precision::Decade,
                })
            }
        }
        Some(b'x' | b'u') if digits => Err(format!(
            "`{text}` is not a date: write the unspecified digit as a capital X, `{}X`",
            &text[..3]
        )),
        _ => Err(format!(
            "`{text}` is not a date Annals reads: the only unspecified digit it reads is the last of a year, as in `201X` (some year of the 2010s)"
        )),
    })
}

impl Dates {
    /// One date, without qualifiers.
    pub fn on(date: EventDate) -> Dates {
        Dates {
            start: Point::plain(date),
            end: None,
        }
    }

    /// Parses what `date` takes: a [`Point`], or a range `start/end`,
    /// `start/..` (still going) or `start/` (end unknown) whose end is not
    /// before its start.
    pub fn parse(text: &str) -> Result<Dates, String> {
        let text = text.trim();
        let Some((start, end)) = text.split_once('/') else {
            return Ok(Dates {
                start: Point::parse(text)?,
                end: None,
            });
        };
        if start.is_empty() || start == ".." {
            return Err(format!(
                "`{text}` has no start: a range is written start/end (2025-02-17/2025-02-21), start/.. (still going) or start/ (end unknown)"
            ));
        }
        if end.contains('/') {
            return Err(format!(
                "`{text}` has more than one `/`: a range is written start/end, with one `/`"
            ));
        }
        let start = Point::parse(start)?;
        let end = match end {
            ".." => End::Open,
            "" => End::Unknown,
            end => End::At(Point::parse(end)?),
        };
        if let End::At(end) = &end
            && !start.date.not_after(&end.date)
        {
            return Err(format!(
                "`{text}` ends ({}) before it starts ({})",
                end.date, start.date
            ));
        }
        Ok(Dates {
            start,
            end: Some(end),
        })
    }

    /// The dates as EDTF writes them: `2022~`, `2025-02-17/2025-02-21`,
    /// `2025-02-22/..`, `2025-02-22/`.
    pub fn edtf(&self) -> String {
        let mut s = self.start.edtf();
        match &self.end {
            None => {}
            Some(End::At(end)) => {
                s.push('/');
                s.push_str(&end.edtf());
            }
            Some(End::Open) => s.push_str("/.."),
            Some(End::Unknown) => s.push('/'),
        }
        s
    }

    /// The known end date, if the range has one.
    pub fn end_date(&self) -> Option<&EventDate> {
        match &self.end {
            Some(End::At(end)) => Some(&end.date),
            _ => None,
        }
    }

    /// Every date written (the start, and a known end).
    pub fn points(&self) -> impl Iterator<Item = &Point> {
        let end = match &self.end {
            Some(End::At(end)) => Some(end),
            _ => None,
        };
        std::iter::once(&self.start).chain(end)
    }

    /// Whether any date is approximate.
    pub fn approximate(&self) -> bool {
        self.points().any(|p| p.approximate)
    }

    /// Whether any date is uncertain.
    pub fn uncertain(&self) -> bool {
        self.points().any(|p| p.uncertain)
    }
}
