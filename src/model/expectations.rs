//! Expectations: an event that should have happened by a deadline
//! (`expected_by`), and what settled it — a later event that `fulfils` it,
//! or its own cancellation — or, judged on the site's `as_of` day, that it
//! is overdue.

use crate::date::{EventDate, days_in_month, next_day};
use crate::diagnostics::Diagnostic;
use crate::source::event::{Event, Status};
use std::collections::HashMap;
use std::sync::Arc;

/// One event's expectation, judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    /// The deadline.
    pub by: EventDate,
    pub outcome: Outcome,
    /// With `as_of` set: the first day after the deadline, if `as_of` is
    /// past it and nothing settled the expectation.
    pub overdue_since: Option<EventDate>,
}

/// What became of an expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing settles it (yet).
    Open,
    /// The event at this index in the site fulfils it.
    Fulfilled(usize),
    /// The expected event was called off.
    Cancelled,
}

/// True for an expectation nothing has settled.
pub fn is_open(expectation: Option<&Expectation>) -> bool {
    expectation.is_some_and(|x| x.outcome == Outcome::Open)
}

/// Judges every event's expectation. `by_slug` finds events by slug, and
/// `absent` are the slugs of events left out of this build (drafts, files
/// with problems of their own), which `fulfils` may name without a
/// problem; `as_of` is the day expectations are judged on, if any. A
/// `fulfils` that names no event, or an event with no expectation, is a
/// problem; each overdue expectation is a warning (`file:line:column: ...`).
pub fn judge(
    events: &[Arc<Event>],
    by_slug: &HashMap<&str, usize>,
    absent: &[String],
    as_of: Option<&EventDate>,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<String>,
) -> Vec<Option<Expectation>> {
    let mut judged: Vec<Option<Expectation>> = events
        .iter()
        .map(|e| {
            let by = e.expected_by.as_ref()?.value.clone();
            let outcome = match e.status {
                Status::Cancelled => Outcome::Cancelled,
                _ => Outcome::Open,
            };
            Some(Expectation {
                by,
                outcome,
                overdue_since: None,
            })
        })
        .collect();
    for (i, e) in events.iter().enumerate() {
        let Some(target) = &e.fulfils else { continue };
        let problem = |message: String, help: &str| {
            Diagnostic::at(&e.file, target.line, target.column, message).help(help)
        };
        match by_slug.get(target.value.as_str()) {
            None if absent.contains(&target.value) => {}
            None => problems.push(problem(
                format!("there is no event with the slug `{}`", target.value),
                "`fulfils` takes the slug of the expected event this one settles",
            )),
            Some(&j) if j == i => problems.push(problem(
                "an event cannot fulfil itself".into(),
                "`fulfils` takes the slug of another, earlier event with `expected_by`",
            )),
            Some(&j) => match &mut judged[j] {
                Some(expectation) => expectation.outcome = Outcome::Fulfilled(i),
                None => problems.push(problem(
                    format!(
                        "`{}` expects nothing: it has no `expected_by`",
                        target.value
                    ),
                    "give the expected event `expected_by: DATE`, or remove `fulfils`",
                )),
            },
        }
    }
    if let Some(today) = as_of {
        for (e, expectation) in events.iter().zip(&mut judged) {
            let Some(expectation) = expectation else {
                continue;
            };
            if expectation.outcome != Outcome::Open {
                continue;
            }
            let since = day_after(&expectation.by);
            if *today >= since {
                let at = e
                    .expected_by
                    .as_ref()
                    .map_or((0, 0), |b| (b.line, b.column));
                warnings.push(format!(
                    "{}:{}:{}: `{}` was expected by {}; nothing recorded since",
                    e.file.display(),
                    at.0,
                    at.1,
                    e.title,
                    expectation.by.human()
                ));
                expectation.overdue_since = Some(since);
            }
        }
    }
    judged
}

/// The first day after the whole of `date` (after 31 December for a year,
/// after the month's last day for a month).
pub fn day_after(date: &EventDate) -> EventDate {
    use crate::date::Precision;
    let (year, month, day) = match date.precision {
        Precision::Decade => (date.year + 9, 12, 31),
        Precision::Year => (date.year, 12, 31),
        Precision::Month => (date.year, date.month, days_in_month(date.year, date.month)),
        Precision::Day | Precision::Instant => (date.year, date.month, date.day),
    };
    let (year, month, day) = next_day(year, month, day);
    EventDate::day(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_after_a_deadline() {
        let after = |text: &str| day_after(&EventDate::parse(text).unwrap()).machine();
        assert_eq!(after("2025-03-08"), "2025-03-09");
        assert_eq!(after("2025-02"), "2025-03-01");
        assert_eq!(after("2024"), "2025-01-01");
        assert_eq!(after("2025-12-31"), "2026-01-01");
    }
}
