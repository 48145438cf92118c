//! Dates in a language's own rules: its order of day, month and year, its
//! digits, its month names in the right grammatical case (Ukrainian "18
//! лютого 2025 р." for a day but "лютий 2025 р." for a month), from the
//! CLDR data that ICU4X compiles into the program.
//!
//! English keeps the wording Annals has always written ("18 February
//! 2025", "17–21 February 2025", "2010s"): its path is the code in
//! `date.rs` and `range.rs`, and needs no CLDR data.
//!
//! Every language keeps the Gregorian calendar. An event's dates are facts
//! written in the Gregorian calendar; shown in another one (Persian is the
//! default of `fa`, and would turn 18 February 2025 into "۳۰ بهمن ۱۴۰۳"),
//! a reader could not compare them with the sources the event cites. The
//! language's own digits stay (Persian digits for `fa`).
//!
//! The words around dates ("c.", "since", "?") belong to the theme: the
//! caller passes them as [`DateWords`], English by default.

use super::range::{end_as_shown, range_parts};
use super::{Dates, End, EventDate, Point, Precision};
use icu::calendar::{Date, Gregorian};
use icu::datetime::fieldsets::zone::LocalizedOffsetShort;
use icu::datetime::fieldsets::{Combo, Y, YM, YMD, YMDT};
use icu::datetime::pattern::{DateTimePattern, FixedCalendarDateTimeNames};
use icu::datetime::{DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter};
use icu::decimal::input::Decimal;
use icu::decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu::decimal::{DecimalFormatter, DecimalFormatterPreferences};
use icu::locale::Locale;
use icu::locale::subtags::language;
use icu::time::zone::UtcOffset;
use icu::time::{Time, ZonedDateTime};
use writeable::TryWriteable;

/// The words a theme puts around dates. Each is a pattern in which
/// `{date}` (or `{year}` for [`DateWords::decade`]) stands for the date;
/// the defaults are the English Annals has always written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateWords<'w> {
    /// A date known roughly: "c. {date}".
    pub approximate: &'w str,
    /// A date not sure: "{date}?".
    pub uncertain: &'w str,
    /// Dates still going on: "since {date}".
    pub since: &'w str,
    /// Dates whose end is not known: "{date} – ?".
    pub unknown_end: &'w str,
    /// An event with no date yet.
    pub not_set: &'w str,
    /// Some year of a decade, with `{year}` for its first year ("{year}s"
    /// would say "2010s"). CLDR has no pattern for decades; without this
    /// word English says "2010s" and other languages the decade's years,
    /// "2010–2019", in their own digits.
    pub decade: Option<&'w str>,
}

impl Default for DateWords<'static> {
    fn default() -> Self {
        DateWords {
            approximate: "c. {date}",
            uncertain: "{date}?",
            since: "since {date}",
            unknown_end: "{date} – ?",
            not_set: super::NOT_SET,
            decade: None,
        }
    }
}

/// Writes dates for readers of one language: made once per site from its
/// BCP 47 tag, then shared by every page (it is `Send` and `Sync`).
#[derive(Debug)]
pub struct LocalDates {
    writer: Writer,
}

#[derive(Debug)]
enum Writer {
    /// Annals' own English wording.
    English,
    /// CLDR's patterns for every other language.
    Cldr(Box<Cldr>),
}

/// The formatters of one language, all in the Gregorian calendar (see the
/// module's comment), at CLDR's long length, which spells months out.
#[derive(Debug)]
struct Cldr {
    year: FixedCalendarDateTimeFormatter<Gregorian, Y>,
    month: MonthYear,
    day: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    instant: FixedCalendarDateTimeFormatter<Gregorian, Combo<YMDT, LocalizedOffsetShort>>,
    /// Plain numbers (a decade's first year) in the language's digits,
    /// without grouping: "2010", not "2,010".
    numbers: DecimalFormatter,
}

/// Month and year, written through the names of the formatter's pattern
/// rather than the formatter itself: in ICU4X 2.4.0 the formatter for
/// Portuguese months (`pt`, `pt-BR`) fails a debug assertion (the release
/// build writes it right), and the pattern route returns errors instead
/// of panicking. The pattern is the one CLDR gives for the language.
#[derive(Debug)]
struct MonthYear {
    names: FixedCalendarDateTimeNames<Gregorian, YM>,
    pattern: DateTimePattern,
}

impl LocalDates {
    /// Annals' English, with no CLDR data.
    pub const fn english() -> LocalDates {
        LocalDates {
            writer: Writer::English,
        }
    }

    /// Dates for the language of `tag` (a BCP 47 tag such as `uk` or
    /// `pt-BR`). English (`en`, `en-GB`, …) keeps Annals' own wording, and
    /// so do a tag ICU4X cannot read and a language CLDR has no dates for
    /// (`tlh`), rather than CLDR's root forms ("2025 M02 18"). Never fails:
    /// the site's `language` is checked where the configuration is read.
    pub fn new(tag: &str) -> LocalDates {
        let Ok(locale) = tag.parse::<Locale>() else {
            return LocalDates::english();
        };
        if locale.id.language == language!("en") {
            return LocalDates::english();
        }
        match Cldr::new(&locale) {
            Some(cldr) => LocalDates {
                writer: Writer::Cldr(Box::new(cldr)),
            },
            None => LocalDates::english(),
        }
    }

    /// One date for readers: "18 лютого 2025 р.", "лютий 2025 р.",
    /// "2025", "18 лютого 2025 р. о 14:30 GMT+3".
    pub fn date(&self, date: &EventDate, words: &DateWords) -> String {
        if date.precision == Precision::Decade
            && let Some(pattern) = words.decade
        {
            return pattern.replace("{year}", &self.number(date.year));
        }
        match &self.writer {
            Writer::English => date.human(),
            Writer::Cldr(cldr) => cldr.date(date),
        }
    }

    /// A range for readers, or one date when the end is the start again.
    /// English shares what the ends share ("17–21 February 2025"); other
    /// languages write both ends in full ("17 лютого 2025 р. – 21 лютого
    /// 2025 р."), because ICU4X 2.4.0's interval formatter writes month
    /// codes ("17–21 M02 2025 р.") at the long length for most languages.
    pub fn range(&self, start: &EventDate, end: &EventDate, words: &DateWords) -> String {
        match end_as_shown(start, end) {
            Some(end) => {
                let (a, sep, b) = self.parts(start, &end, words);
                format!("{a}{sep}{b}")
            }
            None => self.date(start, words),
        }
    }

    /// The whole "when" of an event for readers: "c. 17–21 February
    /// 2025", "May 2025?", "since 22 February 2025", "22 February 2025 –
    /// ?", or the words' `not_set`. A qualifier is said once for the
    /// whole when both ends share it; ends that differ each have their own.
    pub fn when(&self, dates: Option<&Dates>, words: &DateWords) -> String {
        let Some(dates) = dates else {
            return words.not_set.to_string();
        };
        let start = &dates.start;
        let one = |p: &Point, d: &EventDate| qualified(p, self.date(d, words), words);
        match &dates.end {
            None => one(start, &start.date),
            Some(End::Open) => fill(words.since, &one(start, &start.date)),
            Some(End::Unknown) => fill(words.unknown_end, &one(start, &start.date)),
            Some(End::At(end)) if same_certainty(start, end) => {
                qualified(start, self.range(&start.date, &end.date, words), words)
            }
            Some(End::At(end)) => {
                let shown =
                    end_as_shown(&start.date, &end.date).unwrap_or_else(|| end.date.clone());
                format!("{} – {}", one(start, &start.date), one(end, &shown))
            }
        }
    }

    /// [`LocalDates::when`] as HTML: one `<time>` per date, each with its
    /// `datetime` at its own precision, and the words (escaped) outside.
    /// A decade has no `<time>` (see [`EventDate::datetime`]).
    pub fn when_html(&self, dates: Option<&Dates>, words: &DateWords) -> String {
        let Some(dates) = dates else {
            return crate::html::escape(words.not_set);
        };
        let start = &dates.start;
        let one =
            |p: &Point, d: &EventDate| qualified_html(p, time(d, &self.date(d, words)), words);
        match &dates.end {
            None => one(start, &start.date),
            Some(End::Open) => fill_html(words.since, &one(start, &start.date)),
            Some(End::Unknown) => fill_html(words.unknown_end, &one(start, &start.date)),
            Some(End::At(end)) => match end_as_shown(&start.date, &end.date) {
                None if same_certainty(start, end) => one(start, &start.date),
                Some(shown) if same_certainty(start, end) => {
                    let (a, sep, b) = self.parts(&start.date, &shown, words);
                    qualified_html(
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

    /// The two ends of a range as shown and what goes between them. `end`
    /// is the end as shown (see [`end_as_shown`]).
    fn parts(
        &self,
        start: &EventDate,
        end: &EventDate,
        words: &DateWords,
    ) -> (String, &'static str, String) {
        use Precision::*;
        let decades = start.precision == Decade || end.precision == Decade;
        if let Writer::English = self.writer
            && !(decades && words.decade.is_some())
        {
            return range_parts(start, end);
        }
        let sep = match (start.precision, end.precision) {
            (Year, Year) | (Decade, Decade) => "–",
            _ => " – ",
        };
        match (&self.writer, start.precision, end.precision) {
            // Without a word for decades, "2010–2019 – 2020–2029" would
            // be hard to read: say the years the dates lie within.
            (Writer::Cldr(cldr), Decade, Decade) if words.decade.is_none() => (
                cldr.year_of(start.year),
                "–",
                cldr.year_of(end.year.saturating_add(9)),
            ),
            _ => (self.date(start, words), sep, self.date(end, words)),
        }
    }

    /// `n` in the language's digits, without grouping: a year where a
    /// theme's words give the rest ("Some time in {year}").
    pub fn number(&self, n: i16) -> String {
        match &self.writer {
            Writer::English => n.to_string(),
            Writer::Cldr(cldr) => cldr.numbers.format_to_string(&Decimal::from(n)),
        }
    }
}

impl Cldr {
    fn new(locale: &Locale) -> Option<Cldr> {
        let prefs = DateTimeFormatterPreferences::from(locale);
        let month = {
            let formatter = FixedCalendarDateTimeFormatter::try_new(prefs, YM::long()).ok()?;
            let sample = Date::try_new_gregorian(2025, 2, 1).ok()?;
            let pattern = formatter.format(&sample).pattern();
            let mut names = FixedCalendarDateTimeNames::try_new(prefs).ok()?;
            names.include_for_pattern(&pattern).ok()?;
            // A language CLDR lacks falls back to its root, whose months
            // have no names, only codes ("2025 M02"): readers are better
            // served by Annals' English.
            let month = MonthYear { names, pattern };
            let shown = month
                .names
                .with_pattern_unchecked(&month.pattern)
                .format(&sample);
            if shown.try_write_to_string().ok()?.contains("M02") {
                return None;
            }
            month
        };
        let mut options = DecimalFormatterOptions::default();
        options.grouping_strategy = Some(GroupingStrategy::Never);
        Some(Cldr {
            year: FixedCalendarDateTimeFormatter::try_new(prefs, Y::long()).ok()?,
            month,
            day: FixedCalendarDateTimeFormatter::try_new(prefs, YMD::long()).ok()?,
            instant: FixedCalendarDateTimeFormatter::try_new(
                prefs,
                YMD::long().with_time_hm().with_zone(LocalizedOffsetShort),
            )
            .ok()?,
            numbers: DecimalFormatter::try_new(DecimalFormatterPreferences::from(locale), options)
                .ok()?,
        })
    }

    /// `date` at its precision; its machine form (`2025-02-18`) in the
    /// unexpected case that ICU4X refuses it, rather than a panic.
    fn date(&self, date: &EventDate) -> String {
        self.try_date(date).unwrap_or_else(|| date.machine())
    }

    fn try_date(&self, d: &EventDate) -> Option<String> {
        let day = Date::try_new_gregorian(i32::from(d.year), d.month, d.day).ok()?;
        Some(match d.precision {
            Precision::Decade => format!(
                "{}–{}",
                self.year_of(d.year),
                self.year_of(d.year.saturating_add(9))
            ),
            Precision::Year => self.year.format(&day).to_string(),
            Precision::Month => {
                let m = &self.month;
                let formatted = m.names.with_pattern_unchecked(&m.pattern).format(&day);
                formatted.try_write_to_string().ok()?.into_owned()
            }
            Precision::Day => self.day.format(&day).to_string(),
            Precision::Instant => {
                let zoned = ZonedDateTime {
                    date: day,
                    time: Time::try_new(
                        (d.seconds / 3600) as u8,
                        (d.seconds / 60 % 60) as u8,
                        (d.seconds % 60) as u8,
                        0,
                    )
                    .ok()?,
                    zone: UtcOffset::try_from_seconds(d.offset).ok()?,
                };
                self.instant.format(&zoned).to_string()
            }
        })
    }

    /// The year `year` as the language writes a year alone.
    fn year_of(&self, year: i16) -> String {
        match Date::try_new_gregorian(i32::from(year), 1, 1) {
            Ok(date) => self.year.format(&date).to_string(),
            Err(_) => year.to_string(),
        }
    }
}

/// `pattern` with `text` for its `{date}`.
fn fill(pattern: &str, text: &str) -> String {
    pattern.replace("{date}", text)
}

/// [`fill`] for HTML: the pattern's words escaped, `html` as it is.
fn fill_html(pattern: &str, html: &str) -> String {
    pattern
        .split("{date}")
        .map(crate::html::escape)
        .collect::<Vec<_>>()
        .join(html)
}

/// `text` with what its date's qualifiers say: "c. " before it for an
/// approximate date, "?" after it for an uncertain one (with the English
/// words).
fn qualified(p: &Point, text: String, words: &DateWords) -> String {
    let text = if p.uncertain {
        fill(words.uncertain, &text)
    } else {
        text
    };
    if p.approximate {
        fill(words.approximate, &text)
    } else {
        text
    }
}

/// [`qualified`] for HTML.
fn qualified_html(p: &Point, html: String, words: &DateWords) -> String {
    let html = if p.uncertain {
        fill_html(words.uncertain, &html)
    } else {
        html
    };
    if p.approximate {
        fill_html(words.approximate, &html)
    } else {
        html
    }
}

fn same_certainty(a: &Point, b: &Point) -> bool {
    (a.approximate, a.uncertain) == (b.approximate, b.uncertain)
}

/// `text` in a `<time>` element with the date's `datetime`, or bare for a
/// decade, which no `datetime` value can say. Dates are written from
/// numbers and CLDR's names, which hold no markup.
fn time(d: &EventDate, text: &str) -> String {
    match d.datetime() {
        Some(machine) => format!("<time datetime=\"{machine}\">{text}</time>"),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests;
