//! A slide's dates: its parts checked and made Annals dates, its times
//! kept as instants only where the display date gives their offset, and
//! the lines its body gets about them.

use super::{Slide, html, markdown};
use crate::date::{self, EventDate, Precision};

/// The parts of a TimelineJS date, as text, before they are checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DateParts {
    pub(super) year: Option<String>,
    pub(super) month: Option<String>,
    pub(super) day: Option<String>,
    pub(super) hour: Option<String>,
    pub(super) minute: Option<String>,
    pub(super) second: Option<String>,
    /// Why a part could not be read at all (a CSV time like `25 o'clock`).
    pub(super) problem: Option<String>,
}

impl DateParts {
    pub(super) fn is_empty(&self) -> bool {
        self.problem.is_none()
            && [
                &self.year,
                &self.month,
                &self.day,
                &self.hour,
                &self.minute,
                &self.second,
            ]
            .iter()
            .all(|p| p.is_none())
    }
}

/// A slide's dates, and what the body should say about them.
pub(super) struct Dates {
    pub(super) start: EventDate,
    pub(super) end: Option<EventDate>,
    /// What the display date says beyond the parts, in Annals' own wording.
    pub(super) worded: Worded,
    /// Lines for the end of the body: times, the display date.
    pub(super) notes: Vec<String>,
}

/// What a display date in Annals' own wording says that the date parts
/// cannot: Annals' `timeline.json` places an undated event at its
/// `reported_on` and says "Date not set", and words "c. February 2022" or
/// "since 22 February 2025" over plain parts.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Worded {
    /// Nothing more than the parts.
    Plain,
    /// The exact form: `2022-02~`, `2025-05?`, `201X`, `2025-02-22/..`.
    Form(date::Dates),
    /// "Date not set": no date yet, first known at the start.
    NotSet,
}

/// A date read from its parts: the date at day precision or coarser, and
/// the time of day if one was given.
struct Read {
    date: EventDate,
    /// Hour, minute, second.
    time: Option<(u32, u32, u32)>,
}

pub(super) fn dates(slide: &Slide, notes: &mut Vec<String>) -> Result<Dates, String> {
    let start = match &slide.start {
        Some(parts) if !parts.is_empty() => read_date(parts, "start")?,
        _ => return Err("it has no start date".into()),
    };
    let end = match &slide.end {
        Some(parts) if !parts.is_empty() => match read_date(parts, "end") {
            Ok(read) => Some(read),
            Err(why) => {
                notes.push(format!("{why}; the end date was left out"));
                None
            }
        },
        _ => None,
    };
    // A display date with no letter or digit (".", "-", placeholders
    // that keep a sheet cell from being empty) says nothing.
    let display = Some(html::to_text(&slide.display_date))
        .filter(|d| d.chars().any(char::is_alphanumeric))
        .unwrap_or_default();
    let offsets = offsets(&display);

    // A time becomes an instant only where the display date gives its
    // offset, Annals' way: "14:30 UTC+03:00".
    let mut used = None;
    let mut start_date = start.date.clone();
    let mut start_time_left = start.time;
    if let Some((h, m, s)) = start.time
        && start.date.precision == Precision::Day
        && let Some(i) = offsets.iter().position(|o| (o.0, o.1) == (h, m))
        && let Some(instant) = instant(&start.date, (h, m, s), offsets[i].2)
    {
        start_date = instant;
        start_time_left = None;
        used = Some(i);
    }
    let mut end_date = end.as_ref().map(|e| e.date.clone());
    let mut end_time_left = end.as_ref().and_then(|e| e.time);
    if let Some(e) = &end
        && let Some((h, m, s)) = e.time
        && e.date.precision == Precision::Day
        && let Some(i) = offsets
            .iter()
            .enumerate()
            .rposition(|(i, o)| (o.0, o.1) == (h, m) && Some(i) != used)
        && let Some(instant) = instant(&e.date, (h, m, s), offsets[i].2)
    {
        end_date = Some(instant);
        end_time_left = None;
    }

    if let Some(end) = &end_date {
        if end.machine() == start_date.machine() {
            end_date = None;
        } else if !start_date.not_after(end) {
            notes.push(format!(
                "the end ({end}) is before the start ({start_date}); the end date was left out"
            ));
            end_date = None;
            end_time_left = None;
        }
    }

    let mut lines = Vec::new();
    let clock = |(h, m, s): (u32, u32, u32)| match s {
        0 => format!("{h:02}:{m:02}"),
        s => format!("{h:02}:{m:02}:{s:02}"),
    };
    match (start_time_left, end_time_left) {
        (Some(a), Some(b)) => lines.push(format!(
            "*Times in the source, with no time zone: {} to {}*",
            clock(a),
            clock(b)
        )),
        (Some(a), None) => lines.push(format!(
            "*Time in the source, with no time zone: {}*",
            clock(a)
        )),
        (None, Some(b)) => lines.push(format!(
            "*End time in the source, with no time zone: {}*",
            clock(b)
        )),
        (None, None) => {}
    }
    let shown = match &end_date {
        Some(end) => crate::date::human_range(&start_date, end),
        None => start_date.human(),
    };
    let worded = if display.is_empty() || display == shown {
        Worded::Plain
    } else if display == date::NOT_SET {
        end_date = None;
        Worded::NotSet
    } else {
        match worded_form(&start_date, end_date.as_ref(), &display) {
            Some(form) => Worded::Form(form),
            None => Worded::Plain,
        }
    };
    if worded == Worded::Plain && !display.is_empty() && display != shown {
        lines.push(format!(
            "*Date in the source: {}*",
            markdown::escape(&display)
        ));
    }
    Ok(Dates {
        start: start_date,
        end: end_date,
        worded,
        notes: lines,
    })
}

/// The date form whose wording is `display`, from the parts' dates with
/// each qualifier (`~`, `?`, `%`), as a decade, or with an end that is
/// open or unknown; `None` if no form is worded so.
fn worded_form(start: &EventDate, end: Option<&EventDate>, display: &str) -> Option<date::Dates> {
    let marked = |d: &EventDate| ["", "~", "?", "%"].map(|mark| format!("{}{mark}", d.machine()));
    let mut starts = marked(start).to_vec();
    if start.precision == Precision::Year && start.year % 10 == 0 {
        starts.push(format!("{:03}X", start.year / 10));
    }
    let ends = match end {
        Some(end) => marked(end).map(|e| format!("/{e}")).to_vec(),
        None => vec![String::new(), "/..".into(), "/".into()],
    };
    starts
        .iter()
        .flat_map(|s| ends.iter().map(move |e| format!("{s}{e}")))
        .filter_map(|text| date::Dates::parse(&text).ok())
        .find(|form| date::when(Some(form)) == display)
}

/// A day and a time with an offset as an instant.
fn instant(day: &EventDate, (h, m, s): (u32, u32, u32), offset: i32) -> Option<EventDate> {
    let zone = if offset == 0 {
        "Z".to_string()
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        let abs = offset.abs();
        format!("{sign}{:02}:{:02}", abs / 3600, abs / 60 % 60)
    };
    EventDate::parse(&format!(
        "{}T{h:02}:{m:02}:{:02}{zone}",
        day.machine(),
        s.min(59)
    ))
    .ok()
}

/// Every `HH:MM UTC` or `HH:MM UTC±HH:MM` in a display date, as (hour,
/// minute, offset in seconds). A time followed by a dash (`10:00–11:00
/// UTC+03:00`, `22:00 – 19 February 2025, 04:00 UTC+03:00`) has the offset
/// of the time after it, as Annals writes a range in one offset.
fn offsets(display: &str) -> Vec<(u32, u32, i32)> {
    let b = display.as_bytes();
    let digits = |at: usize| -> Option<u32> {
        let pair = b.get(at..at + 2)?;
        pair.iter()
            .all(u8::is_ascii_digit)
            .then(|| u32::from(pair[0] - b'0') * 10 + u32::from(pair[1] - b'0'))
    };
    let mut found = Vec::new();
    let mut waiting = Vec::new();
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let (Some(h), Some(m)) = (digits(i), digits(i + 3)) else {
            continue;
        };
        if b.get(i + 2) != Some(&b':') {
            continue;
        }
        let after = &b[i + 5..];
        if after.starts_with("–".as_bytes()) || after.starts_with(" – ".as_bytes()) {
            waiting.push((h, m));
            continue;
        }
        if !after.starts_with(b" UTC") {
            continue;
        }
        let offset = match b.get(i + 9) {
            Some(sign @ (b'+' | b'-')) => {
                let (Some(oh), Some(om)) = (digits(i + 10), digits(i + 13)) else {
                    continue;
                };
                if b.get(i + 12) != Some(&b':') {
                    continue;
                }
                let secs = (oh * 3600 + om * 60) as i32;
                if *sign == b'-' { -secs } else { secs }
            }
            _ => 0,
        };
        found.extend(waiting.drain(..).map(|(h, m)| (h, m, offset)));
        found.push((h, m, offset));
    }
    found
}

/// A whole number as TimelineJS reads one: spaces and thousands commas
/// ignored (`1,815`), an optional sign.
fn number(raw: &str) -> Option<i64> {
    let clean: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    let digits = clean.strip_prefix(['-', '+']).unwrap_or(&clean);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match clean.parse::<i64>() {
        Ok(n) => Some(n),
        // Beyond i64, as cosmological timelines may be: far out of range
        // either way.
        Err(_) if clean.starts_with('-') => Some(i64::MIN),
        Err(_) => Some(i64::MAX),
    }
}

/// Checks a date's parts and makes them an Annals date; `which` is
/// `start` or `end`, for messages.
fn read_date(parts: &DateParts, which: &str) -> Result<Read, String> {
    if let Some(problem) = &parts.problem {
        return Err(problem.clone());
    }
    let Some(year_raw) = &parts.year else {
        return Err(format!("its {which} date has no year"));
    };
    let year = number(year_raw).ok_or_else(|| format!("the year `{year_raw}` is not a number"))?;
    // Beyond i64, the year is shown as written.
    let year_text = match year {
        i64::MIN | i64::MAX => year_raw.trim().to_string(),
        y => y.to_string(),
    };
    if year < 1 {
        return Err(format!(
            "the year {year_text} is before year 1, which Annals cannot represent"
        ));
    }
    if year > 9999 {
        return Err(format!(
            "the year {year_text} is after year 9999, which Annals cannot represent"
        ));
    }
    let part = |raw: &Option<String>, what: &str, range: std::ops::RangeInclusive<i64>| {
        raw.as_ref()
            .map(|r| match number(r) {
                Some(n) if range.contains(&n) => Ok(n as u32),
                Some(_) => Err(format!("there is no {what} {}", r.trim())),
                None => Err(format!("the {what} `{r}` is not a number")),
            })
            .transpose()
    };
    let month = part(&parts.month, "month", 1..=12)?;
    let day = part(&parts.day, "day", 1..=31)?;
    let mut text = format!("{year:04}");
    match (month, day) {
        (Some(m), Some(d)) => text.push_str(&format!("-{m:02}-{d:02}")),
        (Some(m), None) => text.push_str(&format!("-{m:02}")),
        (None, Some(_)) => return Err(format!("its {which} date has a day but no month")),
        (None, None) => {}
    }
    let date = EventDate::parse(&text)?;
    let hour = part(&parts.hour, "hour", 0..=23)?;
    let minute = part(&parts.minute, "minute", 0..=59)?;
    let second = part(&parts.second, "second", 0..=60)?;
    let time = hour.map(|h| (h, minute.unwrap_or(0), second.unwrap_or(0).min(59)));
    Ok(Read { date, time })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::import) fn parts(year: &str, month: &str, day: &str) -> DateParts {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        DateParts {
            year: some(year),
            month: some(month),
            day: some(day),
            ..DateParts::default()
        }
    }

    #[test]
    fn dates_keep_their_precision() {
        for (p, want) in [
            (parts("2021", "", ""), "2021"),
            (parts("2021", "6", ""), "2021-06"),
            (parts("2025", "02", "18"), "2025-02-18"),
            (parts("1,815", " 12 ", "10"), "1815-12-10"),
            (parts("33", "", ""), "0033"),
        ] {
            assert_eq!(read_date(&p, "start").unwrap().date.machine(), want);
        }
    }

    #[test]
    fn impossible_dates_say_why() {
        let why = |p: DateParts| read_date(&p, "start").err().unwrap();
        assert_eq!(
            why(parts("-44", "3", "15")),
            "the year -44 is before year 1, which Annals cannot represent"
        );
        assert_eq!(
            why(parts("0", "", "")),
            "the year 0 is before year 1, which Annals cannot represent"
        );
        assert_eq!(
            why(parts("12000", "", "")),
            "the year 12000 is after year 9999, which Annals cannot represent"
        );
        assert_eq!(
            why(parts("-13800000000000000000000", "", "")),
            "the year -13800000000000000000000 is before year 1, which Annals cannot represent"
        );
        assert!(why(parts("2025", "2", "30")).contains("February 2025 has 28 days"));
        assert_eq!(why(parts("2025", "13", "")), "there is no month 13");
        assert_eq!(
            why(parts("2025", "", "3")),
            "its start date has a day but no month"
        );
        assert_eq!(
            why(parts("MMXXV", "", "")),
            "the year `MMXXV` is not a number"
        );
        assert_eq!(why(parts("", "5", "")), "its start date has no year");
    }

    #[test]
    fn offsets_are_found_as_annals_writes_them() {
        assert_eq!(
            offsets("18 February 2025, 14:30 UTC+03:00"),
            [(14, 30, 3 * 3600)]
        );
        assert_eq!(
            offsets("1 April 2025, 09:00 UTC – 1 April 2025, 17:00 UTC-02:30"),
            [(9, 0, 0), (17, 0, -(2 * 3600 + 1800))]
        );
        assert!(offsets("at 14:30 local").is_empty());
        // A range in one offset says it once, at the end.
        assert_eq!(
            offsets("18 February 2025, 10:00–11:00 UTC+03:00"),
            [(10, 0, 3 * 3600), (11, 0, 3 * 3600)]
        );
        assert_eq!(
            offsets("18 February 2025, 22:00 – 19 February 2025, 04:00 UTC-05:00"),
            [(22, 0, -5 * 3600), (4, 0, -5 * 3600)]
        );
        assert!(offsets("14:30 – later").is_empty());
    }
}
