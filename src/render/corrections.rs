//! What templates see of corrections and first reports: an event page's
//! corrections (newest first) and its first report, each with the anchor
//! `changes.xml` links to, and the site-wide corrections page.

use super::tera_value::map;
use super::words::PageWords;
use crate::date::Precision;
use crate::language::words::fill;
use crate::model::changes::{self, Kind};
use crate::model::{Site, urls};
use crate::source::event::Event;
use tera::Value;

/// Whether the site has a corrections page: some event has a correction.
pub fn has_page(site: &Site) -> bool {
    site.events.iter().any(|e| !e.corrections.is_empty())
}

/// An event's corrections as its page shows them, newest first:
/// `[{date, note, anchor}]`.
pub fn of_event(e: &Event, words: &PageWords) -> Value {
    e.corrections
        .iter()
        .map(|c| {
            map([
                ("date", words.date_value(&c.date)),
                ("note", c.note.as_str().into()),
                ("anchor", c.anchor().into()),
            ])
        })
        .collect::<Vec<Value>>()
        .into()
}

/// An event's first report, `{date, lead, html}` (the lead being "First
/// reported on" or "First reported in", in English, before the date; `html`
/// the whole in the site's language, the date in a `<time>`), or none for
/// an event without a `reported_on`.
pub fn reported(e: &Event, words: &PageWords) -> Value {
    e.reported_on.as_ref().map_or_else(Value::none, |day| {
        let key = match day.precision {
            Precision::Day | Precision::Instant => "first_reported_on",
            Precision::Year | Precision::Month => "first_reported_in",
            Precision::Decade => "first_reported_in_decade",
        };
        let when = super::tera_value::time_html(day, &words.local);
        let html = fill(words.get(key), &[("date", &when)], true);
        map([
            ("date", words.date_value(day)),
            ("lead", changes::first_reported_lead(day).into()),
            ("html", Value::safe_string(&html)),
        ])
    })
}

/// Every correction of the site, newest first, for the corrections page:
/// `[{event, date, note, url}]`, where `event` is as in the event listings
/// and `url` the correction's place on its event's page (relative to the
/// root: `events/riyadh/#correction-1`).
pub fn page(site: &Site, events: &[Value], words: &PageWords) -> Value {
    changes::corrections(&site.changes)
        .filter_map(|d| {
            let Kind::Correction(n) = d.kind else {
                return None;
            };
            let e = &site.events[d.event];
            let c = &e.corrections[n];
            Some(map([
                ("event", events[d.event].clone()),
                ("date", words.date_value(&c.date)),
                ("note", c.note.as_str().into()),
                (
                    "url",
                    format!("{}#{}", urls::event(&e.slug), c.anchor()).into(),
                ),
            ]))
        })
        .collect::<Vec<Value>>()
        .into()
}
