//! The site as it was known on a day (`as_of`): each event's status is the
//! last change of its history on or before that day, an event not yet
//! known then is left out, as a draft is (links to it are dropped), and so
//! is a claim made later.

use crate::date::EventDate;
use crate::source::event::Event;
use std::sync::Arc;

/// Keeps of `events` what was known on `day`, cutting each history to the
/// changes made by then and its claims to those made by then (the start
/// of their `on`). The slugs of the events left out are added to
/// `absent`.
pub fn as_known_on(
    events: Vec<Arc<Event>>,
    day: &EventDate,
    absent: &mut Vec<String>,
) -> Vec<Arc<Event>> {
    let mut kept = Vec::with_capacity(events.len());
    for mut shared in events {
        // Changed in place where no other model holds it (`serve` keeps
        // the last one's events), copied where one does.
        let e = Arc::make_mut(&mut shared);
        if !e.history.is_empty() {
            e.history.retain(|change| change.date <= *day);
            match e.history.last() {
                Some(last) => e.status = last.status,
                // Every change came later: nobody knew of it yet.
                None => {
                    absent.push(e.slug.clone());
                    continue;
                }
            }
        }
        // Corrections published later were not there to read.
        e.corrections.retain(|c| c.date <= *day);
        // First known (its `reported_on`, written or by default) later.
        if e.reported_on.as_ref().is_some_and(|known| known > day) {
            absent.push(e.slug.clone());
            continue;
        }
        e.claims.retain(|claim| claim.on.start.date <= *day);
        kept.push(shared);
    }
    kept
}
