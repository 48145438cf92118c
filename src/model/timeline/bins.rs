//! The bins of the overview strip: how the site's events fall over time.
//!
//! The strip is a compressed axis. Its unit (day, week, month, year,
//! decade, century or millennium) is chosen from the data: the finest unit
//! the vaguest date allows (an event known only to its year is never
//! counted in a January) that draws no more slots than a few events need
//! (see [`most_slots`]). A run of up to [`SHOWN_EMPTY`] empty periods
//! between two bars is drawn as empty periods; a longer run is one gap
//! slot, marked, that says how long it is. So a strip never has more than
//! [`MAX_SLOTS`] slots, whatever the span of years: events in the years 1
//! and 9999 draw two bars and a gap, not 9,999 bars.

use super::{Layout, Site};
use crate::date::{DateWords, EventDate, LocalDates, Precision, civil_from_days, days_from_civil};
use std::collections::BTreeMap;

/// The most slots (bars, empty periods and gaps) a strip draws.
pub const MAX_SLOTS: usize = 60;

/// The fewest slots a strip may always draw, however few its events.
const MIN_SLOTS: usize = 8;

/// The longest run of empty periods drawn as such; a longer one is a gap.
pub const SHOWN_EMPTY: i64 = 2;

/// The unit of the strip's periods, from the finest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
    Millennium,
}

const UNITS: [Unit; 7] = [
    Unit::Day,
    Unit::Week,
    Unit::Month,
    Unit::Year,
    Unit::Decade,
    Unit::Century,
    Unit::Millennium,
];

impl Unit {
    /// The unit's name: "month", or "months" for more than one.
    pub fn name(self, n: i64) -> &'static str {
        let (one, many) = match self {
            Unit::Day => ("day", "days"),
            Unit::Week => ("week", "weeks"),
            Unit::Month => ("month", "months"),
            Unit::Year => ("year", "years"),
            Unit::Decade => ("decade", "decades"),
            Unit::Century => ("century", "centuries"),
            Unit::Millennium => ("millennium", "millennia"),
        };
        if n == 1 { one } else { many }
    }

    /// The number of the period a date falls in: periods of one unit are
    /// numbered in order, one apart. Weeks start on Monday.
    fn key(self, d: &EventDate) -> i64 {
        let year = i64::from(d.year);
        let day = || days_from_civil(d.year, d.month, d.day);
        match self {
            Unit::Day => day(),
            // 1970-01-01, day 0, was a Thursday.
            Unit::Week => (day() + 3).div_euclid(7),
            Unit::Month => year * 12 + i64::from(d.month) - 1,
            Unit::Year => year,
            Unit::Decade => year.div_euclid(10),
            Unit::Century => year.div_euclid(100),
            Unit::Millennium => year.div_euclid(1000),
        }
    }

    /// What a reader calls the period numbered `key`, its dates and
    /// years written by `dates` (in the site's language).
    fn label(self, key: i64, dates: &LocalDates) -> String {
        let words = DateWords::default();
        let day = |days: i64| {
            let (year, month, day) = civil_from_days(days);
            dates.date(&EventDate::day(year as i16, month, day), &words)
        };
        // Years are 1 to 9999, so each fits an `i16`.
        let year = |y: i64| i16::try_from(y).map_or_else(|_| y.to_string(), |y| dates.number(y));
        let years = |size: i64| format!("{}–{}", year(key * size), year(key * size + size - 1));
        match self {
            Unit::Day => day(key),
            Unit::Week => format!("Week of {}", day(key * 7 - 3)),
            Unit::Month => {
                let month = EventDate {
                    month: (key.rem_euclid(12) + 1) as u8,
                    precision: Precision::Month,
                    ..EventDate::day(key.div_euclid(12) as i16, 1, 1)
                };
                dates.date(&month, &words)
            }
            Unit::Year => year(key),
            Unit::Decade => years(10),
            Unit::Century => years(100),
            Unit::Millennium => years(1000),
        }
    }
}

/// One slot of the overview strip: a period with its events (`count` 0
/// for an empty one), or a gap of several empty periods.
#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    /// "February 2025", or for a gap "No events for 43 months".
    pub label: String,
    pub count: usize,
    /// Page (relative to the root) and anchor of its first event's year
    /// or month; none for an empty period or a gap.
    pub page: Option<String>,
    pub id: String,
    /// True for a gap: a run of more than [`SHOWN_EMPTY`] empty periods.
    pub gap: bool,
}

/// The overview strip: its unit and its slots, first and last a period
/// with events.
#[derive(Debug, Clone, PartialEq)]
pub struct Strip {
    pub unit: Unit,
    pub bins: Vec<Bin>,
}

/// How many slots a strip of `events` may draw: twice the square root of
/// their number, at least [`MIN_SLOTS`] and at most [`MAX_SLOTS`]. Ten
/// events get eight, so that eight of them in one week make one bar of a
/// week rather than seven bars of days; 900 get sixty.
fn most_slots(events: usize) -> usize {
    ((2.0 * (events as f64).sqrt()).ceil() as usize).clamp(MIN_SLOTS, MAX_SLOTS)
}

/// How many slots the periods `keys` (ascending, distinct) draw: one for
/// each, one for each empty period between two of them up to
/// [`SHOWN_EMPTY`], and one for each longer run.
fn slots(keys: &[i64]) -> usize {
    keys.len()
        + keys
            .windows(2)
            .map(|w| {
                let empty = w[1] - w[0] - 1;
                if empty > SHOWN_EMPTY {
                    1
                } else {
                    empty as usize
                }
            })
            .sum::<usize>()
}

/// Bins the site's events (each where it is placed in time) for the
/// overview strip, its labels' dates written by `local`; `None` for a
/// site without events.
pub fn bins(site: &Site, layout: &Layout, local: &LocalDates) -> Option<Strip> {
    let dates: Vec<&EventDate> = site.events.iter().map(|e| e.placed_at()).collect();
    // No finer than the vaguest date; a decade's event counts in its first
    // year, where the timeline lists it.
    let finest = match dates.iter().map(|d| d.precision).min()? {
        Precision::Decade | Precision::Year => Unit::Year,
        Precision::Month => Unit::Month,
        Precision::Day | Precision::Instant => Unit::Day,
    };
    let most = most_slots(dates.len());
    // Each period's number of events and its first event's date.
    let periods = |unit: Unit| {
        let mut found: BTreeMap<i64, (usize, &EventDate)> = BTreeMap::new();
        for d in &dates {
            let entry = found.entry(unit.key(d)).or_insert((0, d));
            entry.0 += 1;
            if d < &entry.1 {
                entry.1 = d;
            }
        }
        found
    };
    let (unit, found) = UNITS
        .iter()
        .filter(|&&u| u >= finest)
        .map(|&u| (u, periods(u)))
        .find(|(_, found)| slots(&found.keys().copied().collect::<Vec<_>>()) <= most)
        .unwrap_or_else(|| (Unit::Millennium, periods(Unit::Millennium)));

    let mut out = Vec::with_capacity(most);
    let mut last: Option<i64> = None;
    for (&key, &(count, first)) in &found {
        if let Some(previous) = last {
            let empty = key - previous - 1;
            if empty > SHOWN_EMPTY {
                out.push(Bin {
                    label: format!("No events for {empty} {}", unit.name(empty)),
                    count: 0,
                    page: None,
                    id: String::new(),
                    gap: true,
                });
            } else {
                out.extend((previous + 1..key).map(|k| Bin {
                    label: unit.label(k, local),
                    count: 0,
                    page: None,
                    id: String::new(),
                    gap: false,
                }));
            }
        }
        let month =
            (unit <= Unit::Month && first.precision >= Precision::Month).then_some(first.month);
        let (page, id) = layout.target(first.year, month);
        out.push(Bin {
            label: unit.label(key, local),
            count,
            page,
            id,
            gap: false,
        });
        last = Some(key);
    }
    Some(Strip { unit, bins: out })
}

#[cfg(test)]
mod tests {
    use super::super::tests::site;
    use super::*;

    fn strip(dates: &[&str]) -> Strip {
        strip_in(dates, &LocalDates::english())
    }

    fn strip_in(dates: &[&str], local: &LocalDates) -> Strip {
        let s = site(dates, 500);
        bins(&s, &Layout::plan(&s), local).expect("events")
    }

    /// Each slot as "label: count", a gap as "[label]".
    fn shown(strip: &Strip) -> Vec<String> {
        strip
            .bins
            .iter()
            .map(|b| {
                if b.gap {
                    format!("[{}]", b.label)
                } else {
                    format!("{}: {}", b.label, b.count)
                }
            })
            .collect()
    }

    #[test]
    fn the_unit_follows_the_data() {
        // Months: a month is the vaguest date; a gap of 43 months, and two
        // empty months shown as such.
        let s = strip(&["2021-06", "2025-02-18", "2025-02-22", "2025-05-09"]);
        assert_eq!(s.unit, Unit::Month);
        assert_eq!(
            shown(&s),
            [
                "June 2021: 1",
                "[No events for 43 months]",
                "February 2025: 2",
                "March 2025: 0",
                "April 2025: 0",
                "May 2025: 1"
            ]
        );
        assert_eq!(s.bins[2].id, "y2025-02");
        assert_eq!((s.bins[3].id.as_str(), &s.bins[3].page), ("", &None));

        // Days, when days are few.
        let s = strip(&["2025-02-27", "2025-03-01", "2025-03-01"]);
        assert_eq!(s.unit, Unit::Day);
        assert_eq!(
            shown(&s),
            [
                "27 February 2025: 1",
                "28 February 2025: 0",
                "1 March 2025: 2"
            ]
        );
        assert_eq!(s.bins[2].id, "y2025-03");

        // A year-only event makes years.
        let s = strip(&["2024", "2025-02-18"]);
        assert_eq!(shown(&s), ["2024: 1", "2025: 1"]);
        assert_eq!(s.bins[1].id, "y2025");
    }

    #[test]
    fn labels_say_dates_and_years_in_the_sites_language() {
        let uk = LocalDates::new("uk");
        let s = strip_in(&["2021-06", "2025-02-18", "2025-05-09"], &uk);
        assert_eq!(s.bins[0].label, "червень 2021\u{202f}р.");
        assert_eq!(s.bins[2].label, "лютий 2025\u{202f}р.");
        let s = strip_in(&["2025-02-27", "2025-03-01"], &uk);
        assert_eq!(s.bins[0].label, "27 лютого 2025\u{202f}р.");
        // Years in the language's own digits.
        let s = strip_in(&["2024", "2025"], &LocalDates::new("fa"));
        assert_eq!(s.bins[0].label, "۲۰۲۴");
    }

    #[test]
    fn eight_events_of_one_week_are_one_tall_bar_not_five_empty_years() {
        // 10 events over five years, 8 of them from Monday 17 to Sunday 23
        // February 2025.
        let week = [17, 18, 18, 20, 21, 22, 22, 23].map(|d| format!("2025-02-{d}"));
        let mut dates = vec!["2021-06-01", "2022-02-24"];
        dates.extend(week.iter().map(String::as_str));
        let s = strip(&dates);
        assert_eq!(s.unit, Unit::Week);
        assert_eq!(
            shown(&s),
            [
                "Week of 31 May 2021: 1",
                "[No events for 37 weeks]",
                "Week of 21 February 2022: 1",
                "[No events for 155 weeks]",
                "Week of 17 February 2025: 8"
            ]
        );
        assert_eq!(s.bins[4].id, "y2025-02");
        assert!(s.bins.len() <= MIN_SLOTS);
    }

    #[test]
    fn far_apart_years_draw_a_gap_not_a_bar_for_every_year() {
        let s = strip(&["0001", "9999"]);
        assert_eq!(shown(&s), ["1: 1", "[No events for 9997 years]", "9999: 1"]);
        let html_bound = s.bins.len();
        assert!(html_bound <= MIN_SLOTS, "{html_bound} slots");

        let s = strip(&["1492", "1969", "2025"]);
        assert_eq!(
            shown(&s),
            [
                "1492: 1",
                "[No events for 476 years]",
                "1969: 1",
                "[No events for 55 years]",
                "2025: 1"
            ]
        );
    }

    #[test]
    fn no_strip_has_more_than_max_slots() {
        // A year every nine years from 1000 to 9991: 1,000 events, in 900
        // decades and 90 centuries.
        let years: Vec<String> = (0..1000).map(|i| format!("{:04}", 1000 + 9 * i)).collect();
        let refs: Vec<&str> = years.iter().map(String::as_str).collect();
        let s = strip(&refs);
        assert!(s.bins.len() <= MAX_SLOTS, "{} slots", s.bins.len());
        assert_eq!(s.unit, Unit::Millennium, "90 centuries are too many");
        assert_eq!(s.bins.iter().map(|b| b.count).sum::<usize>(), 1000);
        assert_eq!(s.bins[0].label, "1000–1999");
    }
}
