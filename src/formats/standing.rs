//! What the formats with a word for an event's status can truthfully say
//! of it: schema.org's `eventStatus` (JSON-LD) and iCalendar's `STATUS`.
//!
//! Both words are about a schedule: `EventScheduled` and `CONFIRMED` say
//! the event takes (or took) place as scheduled, `EventCancelled` and
//! `CANCELLED` that a scheduled event was called off. Annals' statuses are
//! about what is known, so each maps to the strongest word its data bears
//! out, and to none where none fits:
//!
//! | status | JSON-LD `eventStatus` | `calendar.ics` |
//! |---|---|---|
//! | happened | `EventScheduled` | `CONFIRMED` |
//! | announced, planned, known to the day | `EventScheduled` | `CONFIRMED` |
//! | announced, planned, otherwise | none | `TENTATIVE`, "Announced, not confirmed." or "Planned, not confirmed." |
//! | expected | none | `TENTATIVE`, "Expected, not confirmed." |
//! | reported | none | `TENTATIVE`, "Reported, not confirmed." |
//! | cancelled | `EventCancelled` | `CANCELLED` |
//! | denied | none | left out |
//!
//! "Known to the day": the event has a date, and every date of it (`date`,
//! and `end` if given) is a day or a date-time, neither approximate nor
//! uncertain: a schedule.
//! A denied event is a report its sources deny: nothing was scheduled, so
//! nothing was cancelled, and a calendar has no way to show an event that
//! is not happening, so the calendar leaves it out (and the build says how
//! many it left out). Atom, TimelineJS and `events.json` have no such
//! words; what they say is in the README's "What each status becomes".

use crate::date::Precision;
use crate::source::event::{Event, Status};

/// Where an event stands, in the words the formats have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// It took place, or takes place on a day known: `EventScheduled`,
    /// `CONFIRMED`.
    Confirmed,
    /// Not confirmed: no `eventStatus`; `TENTATIVE`, with this sentence
    /// first in the calendar's description.
    Tentative(&'static str),
    /// Called off: `EventCancelled`, `CANCELLED`.
    Cancelled,
    /// A report that was denied: no `eventStatus`, not in the calendar.
    Denied,
}

impl Standing {
    pub fn of(e: &Event) -> Standing {
        match e.status {
            Status::Happened => Standing::Confirmed,
            Status::Announced | Status::Planned if known_to_the_day(e) => Standing::Confirmed,
            Status::Announced => Standing::Tentative("Announced, not confirmed."),
            Status::Planned => Standing::Tentative("Planned, not confirmed."),
            Status::Expected => Standing::Tentative("Expected, not confirmed."),
            Status::Reported => Standing::Tentative("Reported, not confirmed."),
            Status::Cancelled => Standing::Cancelled,
            Status::Denied => Standing::Denied,
        }
    }

    /// schema.org's `eventStatus`, where one fits.
    pub fn event_status(self) -> Option<&'static str> {
        match self {
            Standing::Confirmed => Some("https://schema.org/EventScheduled"),
            Standing::Cancelled => Some("https://schema.org/EventCancelled"),
            Standing::Tentative(_) | Standing::Denied => None,
        }
    }

    /// iCalendar's `STATUS`, or `None` for an event left out of the
    /// calendar.
    pub fn ical_status(self) -> Option<&'static str> {
        match self {
            Standing::Confirmed => Some("CONFIRMED"),
            Standing::Tentative(_) => Some("TENTATIVE"),
            Standing::Cancelled => Some("CANCELLED"),
            Standing::Denied => None,
        }
    }
}

/// Whether the event has dates, each a day or a date-time, neither
/// approximate nor uncertain.
fn known_to_the_day(e: &Event) -> bool {
    e.dates.as_ref().is_some_and(|dates| {
        dates
            .points()
            .all(|p| p.date.precision >= Precision::Day && !p.approximate && !p.uncertain)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::event::parse_event;
    use std::path::Path;

    fn standing(front: &str) -> Standing {
        let text = format!("---\ntitle: x\n{front}\n---\n");
        Standing::of(&parse_event(Path::new("e.md"), &text).unwrap())
    }

    #[test]
    fn says_no_more_than_the_status_and_the_dates() {
        use Standing::*;
        for (front, expected) in [
            ("date: 2021", Confirmed),
            ("date: 2025-03-10\nstatus: planned", Confirmed),
            ("date: 2025-03-10T10:00:00Z\nstatus: announced", Confirmed),
            (
                "date: 2025-03\nstatus: planned",
                Tentative("Planned, not confirmed."),
            ),
            (
                "date: 2025-03-10\nend: 2025-04\nstatus: planned",
                Tentative("Planned, not confirmed."),
            ),
            (
                "date: 2025-03-10\napproximate: true\nstatus: announced",
                Tentative("Announced, not confirmed."),
            ),
            (
                "date: 2025-03-10\nstatus: expected",
                Tentative("Expected, not confirmed."),
            ),
            (
                "date: 2025-03-10\nstatus: reported",
                Tentative("Reported, not confirmed."),
            ),
            ("date: 2025-03\nstatus: cancelled", Cancelled),
            (
                "date: 2025-03-10?\nstatus: planned",
                Tentative("Planned, not confirmed."),
            ),
            (
                "date: 2025-03-10/2025-03-12~\nstatus: announced",
                Tentative("Announced, not confirmed."),
            ),
            (
                "date: 202X\nstatus: planned",
                Tentative("Planned, not confirmed."),
            ),
            (
                "status: planned\nreported_on: 2025-02-22",
                Tentative("Planned, not confirmed."),
            ),
            ("date: 2025-03-10/..\nstatus: planned", Confirmed),
            ("date: 2022~", Confirmed),
            ("date: 2025-03-10\nstatus: denied", Denied),
        ] {
            assert_eq!(standing(front), expected, "{front}");
        }
        assert_eq!(Denied.event_status(), None);
        assert_eq!(Denied.ical_status(), None);
        assert_eq!(Tentative("").event_status(), None);
    }
}
