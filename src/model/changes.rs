//! The developments of the whole story, newest first: each event's first
//! report (its `reported_on`), each change of status in its `history`
//! after the first entry, and each correction. `changes.xml` lists them
//! and the corrections page lists the corrections among them; both read
//! this one list, built once when the site is assembled.
//!
//! Each development points at an anchor on its event's page, stable as
//! long as the event's file only grows: `#reported`, `#change-N` (the Nth
//! `history` entry, from 1, which is in time order) and `#correction-N`
//! (the Nth entry of `corrections` as written, from 1).

use crate::date::{EventDate, Precision};
use crate::source::event::Event;
use std::sync::Arc;

/// What happened to the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The event first became known.
    Reported,
    /// Its status changed: the `history` entry at this index (from 0; never
    /// the first, which is where the event started, not a change).
    Status(usize),
    /// A correction was published: the entry at this index of
    /// [`Event::corrections`] (which is newest first).
    Correction(usize),
}

/// One development, with its event (an index into the site's events) and
/// the day it happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Development {
    pub event: usize,
    pub date: EventDate,
    pub kind: Kind,
}

impl Development {
    /// Its anchor on the event's page, without `#`.
    pub fn anchor(&self, events: &[Arc<Event>]) -> String {
        match self.kind {
            Kind::Reported => "reported".to_string(),
            Kind::Status(n) => format!("change-{}", n + 1),
            Kind::Correction(n) => events[self.event].corrections[n].anchor(),
        }
    }
}

/// The English words before the date of a first report: "First reported
/// on" (22 February 2025), "First reported in" (June 2021), "First
/// reported in the" (2010s). The date is written where the words are
/// shown, in the site's language.
pub fn first_reported_lead(day: &EventDate) -> &'static str {
    match day.precision {
        Precision::Day | Precision::Instant => "First reported on",
        Precision::Year | Precision::Month => "First reported in",
        Precision::Decade => "First reported in the",
    }
}

/// Every development of `events` (in the site's time order), newest first.
/// Of developments on the same day, the later event's come first, and of
/// one event's, a correction before a change of status before the first
/// report: the reverse of the order they happen in.
pub fn developments(events: &[Arc<Event>]) -> Vec<Development> {
    let mut all = Vec::with_capacity(events.len() + events.len() / 4);
    for (i, e) in events.iter().enumerate() {
        let mut add = |date: &EventDate, kind| {
            all.push(Development {
                event: i,
                date: date.clone(),
                kind,
            });
        };
        if let Some(day) = &e.reported_on {
            add(day, Kind::Reported);
        }
        for (n, change) in e.history.iter().enumerate().skip(1) {
            add(&change.date, Kind::Status(n));
        }
        // Oldest first here, like the rest; the whole list is reversed below.
        for (n, c) in e.corrections.iter().enumerate().rev() {
            add(&c.date, Kind::Correction(n));
        }
    }
    // Stable: equal dates keep event order, and each event's own order.
    all.sort_by(|a, b| a.date.cmp(&b.date));
    all.reverse();
    all
}

/// The corrections among `developments`, newest first.
pub fn corrections(developments: &[Development]) -> impl Iterator<Item = &Development> {
    developments
        .iter()
        .filter(|d| matches!(d.kind, Kind::Correction(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::event::parse_event;
    use std::path::Path;

    fn event(front: &str) -> Arc<Event> {
        Arc::new(parse_event(Path::new("a.md"), &format!("---\n{front}\n---\n")).unwrap())
    }

    #[test]
    fn newest_first_with_stable_anchors() {
        let events = vec![
            event(
                "title: A\ndate: 2025-05-09\nstatus: denied\nhistory:\n  - {date: 2025-02-21, status: reported}\n  - {date: 2025-02-22, status: denied}\ncorrections:\n  - {date: 2025-02-24, note: Second}\n  - {date: 2025-02-23, note: First}",
            ),
            event("title: B\ndate: 2025-02-22"),
        ];
        let all = developments(&events);
        let seen: Vec<(String, usize, String)> = all
            .iter()
            .map(|d| (d.date.machine(), d.event, d.anchor(&events)))
            .collect();
        let expected = [
            ("2025-02-24", 0, "correction-1"),
            ("2025-02-23", 0, "correction-2"),
            ("2025-02-22", 1, "reported"),
            ("2025-02-22", 0, "change-2"),
            ("2025-02-21", 0, "reported"),
        ];
        let expected: Vec<(String, usize, String)> = expected
            .iter()
            .map(|(d, e, a)| (d.to_string(), *e, a.to_string()))
            .collect();
        assert_eq!(seen, expected);
        assert_eq!(corrections(&all).count(), 2);
        assert_eq!(first_reported_lead(&all[4].date), "First reported on");
        let month = EventDate::parse("2021-06").unwrap();
        assert_eq!(first_reported_lead(&month), "First reported in");
    }
}
