//! Statements by actor: every claim of the timeline gathered under the
//! actor who made it, in the site's one time order, for the actor's page.
//!
//! Built once, in one pass over the claims and one sort per actor, so it
//! costs next to nothing for events without claims.

use super::taxonomy::{Taxonomy, Term};
use crate::source::claims::Claim;
use crate::source::event::Event;
use std::sync::Arc;

/// Who made `claim`, a claim of `event`: the actor as the site shows it
/// (its most used spelling, and its page), from the site's `actors`.
pub fn speaker<'s>(actors: &'s Taxonomy, event: &Event, claim: &Claim) -> Option<&'s Term> {
    actors.get(event.actors.get(claim.by)?)
}

/// One claim, by where it is: the event (an index into `Site::events`) and
/// the claim (an index into that event's `claims`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement {
    pub event: usize,
    pub claim: usize,
}

/// For each actor of `actors` (by its position in `actors.terms`), its
/// claims in time order: by the start of their `on` (the coarser date
/// first at the same start: `2025-02` before `2025-02-21`), then in the
/// order of their events (the site's time order), then as written.
pub fn by_actor(events: &[Arc<Event>], actors: &Taxonomy) -> Vec<Vec<Statement>> {
    let mut out: Vec<Vec<Statement>> = vec![Vec::new(); actors.terms.len()];
    for (event, e) in events.iter().enumerate() {
        for (claim, c) in e.claims.iter().enumerate() {
            let Some(t) = e.actors.get(c.by).and_then(|name| actors.index(name)) else {
                continue;
            };
            out[t].push(Statement { event, claim });
        }
    }
    let on = |s: &Statement| &events[s.event].claims[s.claim].on.start.date;
    for list in &mut out {
        // Stable: equal dates keep event order, then claim order.
        list.sort_by(|a, b| on(a).cmp(on(b)));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::TermKind;
    use crate::model::site::assemble;
    use crate::source::config::Config;
    use crate::source::content::Content;
    use crate::source::event::parse_event;
    use std::path::Path;

    #[test]
    fn each_actor_s_claims_in_time_order_coarser_first_then_event_order() {
        let claim =
            |on: &str, words: &str| format!("  - {{by: A, on: {on}, said: {words}, source: 1}}\n");
        let file = |name: &str, date: &str, claims: &[String]| {
            let text = format!(
                "---\ntitle: {name}\ndate: {date}\nactors: [A, B]\nsources: [{{title: S, url: \"https://example.org/\"}}]\nclaims:\n{}---\n",
                claims.concat()
            );
            parse_event(Path::new(name), &text).unwrap()
        };
        let events = vec![
            file("late.md", "2025-03", &[claim("2025-02-21", "third")]),
            file(
                "early.md",
                "2025-01",
                &[claim("2025-02-21", "second"), claim("2025-02", "first")],
            ),
            file("none.md", "2024", &[]),
        ];
        let site = assemble(
            Config::default(),
            Content {
                events: events.into_iter().map(std::sync::Arc::new).collect(),
                ..Content::default()
            },
        )
        .unwrap();
        let actors = site.taxonomy(TermKind::Actor);
        let a = actors.index("A").unwrap();
        let said: Vec<&str> = site.statements[a]
            .iter()
            .map(|s| site.events[s.event].claims[s.claim].words.text())
            .collect();
        assert_eq!(said, ["first", "second", "third"]);
        assert!(site.statements[actors.index("B").unwrap()].is_empty());
    }
}
