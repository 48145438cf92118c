//! How the timeline is laid out: on one page, or — past the site's split
//! threshold — one page per year, and one per month for a year denser than
//! the threshold; and the bins of the overview strip that shows how events
//! fall across the whole span.

use super::Site;
use super::urls;
use crate::date::Precision;

mod bins;
pub use bins::{Bin, MAX_SLOTS, Strip, Unit, bins};

/// One year of the timeline.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Year {
    pub year: i16,
    /// Indices into `Site::events`, in time order.
    pub events: Vec<usize>,
    /// The year's page (`2025/`, relative to the site root) when split.
    pub page: Option<String>,
    /// Months with their events and pages; a month page exists only when
    /// the year is dense. Month 0 holds events known only to the year, or,
    /// first in a decade's first year, only to the decade.
    pub months: Vec<Month>,
}

/// One month of a year.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Month {
    pub month: u8,
    /// Month 0 of events known only to the decade (`201X`), placed at its
    /// first year.
    pub decade: bool,
    pub events: Vec<usize>,
    /// The month's own page (`2025/02/`) when its year is dense.
    pub page: Option<String>,
}

impl Month {
    /// The anchor of its heading: `y2025-02`, `y2025-00`, `y2010s`.
    pub fn id(&self, year: i16) -> String {
        if self.decade {
            format!("y{year:04}s")
        } else {
            format!("y{year:04}-{:02}", self.month)
        }
    }
}

/// The timeline's layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub split: bool,
    pub years: Vec<Year>,
}

impl Layout {
    /// Groups the site's events by year and month, and decides the pages.
    pub fn plan(site: &Site) -> Layout {
        let threshold = site.config.split_threshold;
        let split = site.events.len() > threshold;
        let mut years = group(site, 0..site.events.len());
        if split {
            for y in &mut years {
                y.page = Some(urls::year(y.year));
                if y.events.len() > threshold {
                    for m in y.months.iter_mut().filter(|m| m.month > 0 && !m.decade) {
                        m.page = Some(urls::month(y.year, m.month));
                    }
                }
            }
        }
        Layout { split, years }
    }

    /// Where the events of a year (and month) are shown, relative to the
    /// site root, with the anchor on that page: `2025/#y2025-02`, or just
    /// `#y2025-02` when the timeline is one page.
    pub fn target(&self, year: i16, month: Option<u8>) -> (Option<String>, String) {
        let id = match month {
            Some(m) => format!("y{year:04}-{m:02}"),
            None => format!("y{year:04}"),
        };
        let Some(y) = self.years.iter().find(|y| y.year == year) else {
            return (None, id);
        };
        // A month with no events of its own (its bar counts events known
        // only to the year) leads to the year.
        match month.and_then(|m| y.months.iter().find(|x| x.month == m && !x.decade)) {
            Some(m) => (m.page.clone().or_else(|| y.page.clone()), id),
            None => (y.page.clone(), format!("y{year:04}")),
        }
    }
}

/// Groups events (indices into `Site::events`, in time order) by year and
/// month, with no pages: what a listing of those events shows. Each event
/// is where it is placed in time (an event not dated yet at its
/// `reported_on`, a decade at its first year).
pub fn group(site: &Site, indices: impl IntoIterator<Item = usize>) -> Vec<Year> {
    let mut years: Vec<Year> = Vec::new();
    for i in indices {
        let date = site.events[i].placed_at();
        let decade = date.precision == Precision::Decade;
        let month = if date.precision <= Precision::Year {
            0
        } else {
            date.month
        };
        if years.last().is_none_or(|y| y.year != date.year) {
            years.push(Year {
                year: date.year,
                events: Vec::new(),
                page: None,
                months: Vec::new(),
            });
        }
        let y = years.last_mut().expect("pushed above");
        y.events.push(i);
        if y.months
            .last()
            .is_none_or(|m| (m.month, m.decade) != (month, decade))
        {
            y.months.push(Month {
                month,
                decade,
                events: Vec::new(),
                page: None,
            });
        }
        y.months.last_mut().expect("pushed above").events.push(i);
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::config::Config;
    use crate::source::content::Content;
    use crate::source::event::parse_event;
    use std::path::Path;

    /// A site of events on `dates`, split past `threshold` events.
    pub(super) fn site(dates: &[&str], threshold: usize) -> Site {
        let events = dates
            .iter()
            .enumerate()
            .map(|(i, d)| {
                parse_event(
                    Path::new(&format!("e{i}.md")),
                    &format!("---\ntitle: E{i}\ndate: {d}\n---\n"),
                )
                .unwrap()
            })
            .map(std::sync::Arc::new)
            .collect();
        let config = Config {
            split_threshold: threshold,
            ..Config::default()
        };
        crate::model::site::assemble(
            config,
            Content {
                events,
                ..Content::default()
            },
        )
        .unwrap()
    }

    #[test]
    fn a_small_timeline_is_one_page() {
        let s = site(
            &["2021-06", "2022-02", "2025-02-18", "2025-02-22", "2025"],
            500,
        );
        let layout = Layout::plan(&s);
        assert!(!layout.split);
        let years: Vec<i16> = layout.years.iter().map(|y| y.year).collect();
        assert_eq!(years, [2021, 2022, 2025]);
        assert_eq!(layout.target(2025, Some(2)), (None, "y2025-02".to_string()));
        let months: Vec<u8> = layout.years[2].months.iter().map(|m| m.month).collect();
        assert_eq!(months, [0, 2], "the year-only event comes first");
    }

    #[test]
    fn a_large_timeline_is_split_by_year_and_dense_years_by_month() {
        let s = site(
            &["2020-05", "2021-01-02", "2021-01-05", "2021-03", "2021"],
            2,
        );
        let layout = Layout::plan(&s);
        assert!(layout.split);
        assert_eq!(
            layout.target(2020, None),
            (Some("2020/".into()), "y2020".into())
        );
        assert_eq!(
            layout.target(2020, Some(5)),
            (Some("2020/".into()), "y2020-05".into())
        );
        assert_eq!(
            layout.target(2021, Some(1)),
            (Some("2021/01/".into()), "y2021-01".into())
        );
        assert_eq!(
            layout.target(2021, None),
            (Some("2021/".into()), "y2021".into())
        );
    }

    #[test]
    fn decades_and_undated_events_have_their_place() {
        let s = site(
            &[
                "2010",
                "201X",
                "2011-03",
                "2025-02-22/..",
                "2025-02?",
                "~\nstatus: planned\nreported_on: 2025-02-10",
            ],
            500,
        );
        let layout = Layout::plan(&s);
        let groups: Vec<(i16, u8, bool, String, usize)> = layout
            .years
            .iter()
            .flat_map(|y| {
                y.months
                    .iter()
                    .map(|m| (y.year, m.month, m.decade, m.id(y.year), m.events.len()))
            })
            .collect();
        let g = |y: i16, month: u8, decade: bool, id: &str, n: usize| {
            (y, month, decade, id.to_string(), n)
        };
        assert_eq!(
            groups,
            [
                g(2010, 0, true, "y2010s", 1),
                g(2010, 0, false, "y2010-00", 1),
                g(2011, 3, false, "y2011-03", 1),
                g(2025, 2, false, "y2025-02", 3),
            ]
        );
        let whens: Vec<String> = s.events[3..].iter().map(|e| e.when()).collect();
        assert_eq!(
            whens,
            ["February 2025?", "Date not set", "since 22 February 2025"],
            "placed at its reported_on, 10 February"
        );
        // The overview strip counts years, the decade in its first.
        let b = bins(&s, &layout, &crate::date::LocalDates::english())
            .unwrap()
            .bins;
        assert_eq!(b.len(), 4, "two years, a gap of 13, one: {b:?}");
        assert_eq!((b[0].label.as_str(), b[0].count), ("2010", 2));
        assert_eq!((b[3].label.as_str(), b[3].count), ("2025", 3));
        // A split timeline gives a decade no month page.
        let split = site(&["201X", "2010-01", "2010-02", "2011"], 2);
        let layout = Layout::plan(&split);
        assert!(
            layout.years[0]
                .months
                .iter()
                .all(|m| m.decade == m.page.is_none())
        );
        assert_eq!(
            layout.target(2010, Some(0)),
            (Some("2010/".into()), "y2010".into())
        );
    }
}
