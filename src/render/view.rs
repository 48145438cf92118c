//! What templates see: small values built once from the site model.
//!
//! Each event becomes one `tera::Value` map; a `Value` keeps maps and lists
//! behind `Arc`, so putting the same event on the timeline, on ten term pages
//! and in its neighbours' previous/next links costs a reference count, not a
//! copy. Every URL here is relative to the site root (`events/riyadh/`);
//! templates put the page's `root` prefix (`../../`) before it, so the output
//! works at a domain root and under any sub-path.

use super::tera_value::{map, opt};
use super::words::PageWords;
use crate::model::timeline::{Month, Year};
use crate::model::{Site, TermKind, urls};
use rayon::prelude::*;
use tera::Value;

/// The `date` of an event not dated yet: "Date not set" (in the site's
/// language), and no `machine` (no `datetime` can say it).
fn not_set(words: &PageWords) -> Value {
    map([
        ("human", words.dates.not_set.as_str().into()),
        ("machine", Value::none()),
        ("html", Value::safe_string(&words.not_set_html)),
    ])
}

/// Every event as a template value, in the site's (time) order.
pub fn events(site: &Site, words: &PageWords) -> Vec<Value> {
    let terms = Terms::of(site);
    // In parallel: at 10,000 events this takes 100 ms on one thread.
    (0..site.events.len())
        .into_par_iter()
        .map(|i| event(site, &terms, i, words))
        .collect()
}

/// Each term as `{name, url}`, built once and shared by its events.
pub struct Terms(Vec<Vec<Value>>);

impl Terms {
    pub fn of(site: &Site) -> Terms {
        Terms(
            TermKind::ALL
                .iter()
                .map(|&kind| {
                    site.taxonomy(kind)
                        .terms
                        .iter()
                        .map(|t| {
                            let name = t.name.as_str().into();
                            let url = urls::term(kind, &t.slug).into();
                            match kind {
                                // An actor's role on the event's date: none
                                // without a record (see
                                // `super::people::actor_link`).
                                TermKind::Actor => {
                                    map([("name", name), ("url", url), ("role", Value::none())])
                                }
                                _ => map([("name", name), ("url", url)]),
                            }
                        })
                        .collect()
                })
                .collect(),
        )
    }
}

/// Event `i` as a template value.
pub fn event(site: &Site, terms: &Terms, i: usize, words: &PageWords) -> Value {
    let e = &site.events[i];
    let slugs = |kind: TermKind| -> Value {
        let tax = site.taxonomy(kind);
        let list: Vec<&str> = kind
            .names(e)
            .iter()
            .filter_map(|n| tax.get(n))
            .map(|t| t.slug.as_str())
            .collect();
        list.join(" ").into()
    };
    let links = |kind: TermKind| -> Value {
        let tax = site.taxonomy(kind);
        let values = &terms.0[TermKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)];
        kind.names(e)
            .iter()
            .filter_map(|name| {
                let t = tax.index(name)?;
                let person = (kind == TermKind::Actor)
                    .then(|| super::people::actor_link(site, e, name))
                    .flatten();
                Some(person.unwrap_or_else(|| values[t].clone()))
            })
            .collect::<Vec<Value>>()
            .into()
    };
    map([
        ("slug", e.slug.as_str().into()),
        ("url", urls::event(&e.slug).into()),
        ("title", e.title.as_str().into()),
        // The language its words are in, where not the page's: shown
        // untranslated in another language's edition.
        ("language", opt(e.language.as_deref())),
        ("when", words.when(e.dates.as_ref()).into()),
        (
            "when_html",
            Value::safe_string(&words.when_html(e.dates.as_ref())),
        ),
        // An event not dated yet has a `date` too, saying so, so a
        // theme's `{{ e.date.human }}` works on every event.
        (
            "date",
            e.start_date()
                .map_or_else(|| not_set(words), |d| words.date_value(d)),
        ),
        ("dated", e.dates.is_some().into()),
        ("end", opt(e.end_date().map(|d| words.date_value(d)))),
        ("edtf", opt(e.dates.as_ref().map(|d| d.edtf()))),
        (
            "approximate",
            e.dates.as_ref().is_some_and(|d| d.approximate()).into(),
        ),
        (
            "uncertain",
            e.dates.as_ref().is_some_and(|d| d.uncertain()).into(),
        ),
        ("status", e.status.as_str().into()),
        ("status_label", words.status(e.status)),
        ("summary", opt(e.summary.as_deref())),
        ("actors", links(TermKind::Actor)),
        ("places", links(TermKind::Place)),
        ("tags", links(TermKind::Tag)),
        ("actor_slugs", slugs(TermKind::Actor)),
        ("place_slugs", slugs(TermKind::Place)),
        ("tag_slugs", slugs(TermKind::Tag)),
        (
            "range",
            e.dates.as_ref().is_some_and(|d| d.end.is_some()).into(),
        ),
        (
            "open",
            crate::model::expectations::is_open(site.expectations[i].as_ref()).into(),
        ),
        ("corrected", (!e.corrections.is_empty()).into()),
        ("picture", super::media::picture(site, i)),
    ])
}

/// Events grouped by year, then by month, for timeline listings:
/// `[{year, id, page, count, months: [{label, id, page, count, events, cards}]}]`,
/// where `cards[n]` is `events[n]`'s card as HTML, from `card(i)` for event `i`.
/// `page` is where that year or month has its own page (relative to the
/// root), or none; a year or month with a page of its own lists its events
/// there, not here (no `months`, or no `events`), so that the timeline of a
/// split site holds none and does not change with each event. Events known
/// only to the year come first in their year, under "Some time in 2021".
pub fn years(
    years: &[Year],
    values: &[Value],
    card: impl Fn(usize) -> Value,
    words: &PageWords,
) -> Value {
    years
        .iter()
        .map(|y| {
            let months: Vec<Value> = y
                .months
                .iter()
                .filter(|_| y.page.is_none())
                .map(|m| {
                    let listed = listed_in(m);
                    map([
                        ("label", words.month(y.year, m).into()),
                        ("id", m.id(y.year).into()),
                        ("page", opt(m.page.as_deref())),
                        ("count", m.events.len().into()),
                        (
                            "events",
                            listed
                                .iter()
                                .map(|&i| values[i].clone())
                                .collect::<Vec<Value>>()
                                .into(),
                        ),
                        (
                            "cards",
                            listed
                                .iter()
                                .map(|&i| card(i))
                                .collect::<Vec<Value>>()
                                .into(),
                        ),
                    ])
                })
                .collect();
            map([
                ("year", y.year.into()),
                ("id", format!("y{:04}", y.year).into()),
                ("page", opt(y.page.as_deref())),
                ("count", y.events.len().into()),
                ("months", months.into()),
            ])
        })
        .collect::<Vec<Value>>()
        .into()
}

/// The events of month `m` that a listing shows (see [`years`]): none of a
/// month with a page of its own.
fn listed_in(m: &Month) -> &[usize] {
    match m.page {
        Some(_) => &[],
        None => &m.events,
    }
}

/// Every event a listing of `years` shows, in order (see [`years`]).
pub fn listed(years: &[Year]) -> impl Iterator<Item = usize> + '_ {
    years
        .iter()
        .filter(|y| y.page.is_none())
        .flat_map(|y| y.months.iter().flat_map(|m| listed_in(m).iter().copied()))
}

/// What the filter form offers: every actor, place and tag that has
/// events (an actor known only from its file has none to find) as
/// `{slug, name}`, the statuses in use as `{value, label}`, the number of
/// events, and whether filtering needs the search index (split timelines).
pub fn filters(site: &Site, split: bool, words: &PageWords) -> Value {
    let names = |kind: TermKind| -> Value {
        site.taxonomy(kind)
            .terms
            .iter()
            .filter(|t| !t.events.is_empty())
            .map(|t| {
                map([
                    ("slug", t.slug.as_str().into()),
                    ("name", t.name.as_str().into()),
                ])
            })
            .collect::<Vec<Value>>()
            .into()
    };
    let statuses: Vec<Value> = crate::source::event::Status::ALL
        .iter()
        .filter(|s| site.events.iter().any(|e| e.status == **s))
        .map(|s| map([("value", s.as_str().into()), ("label", words.status(*s))]))
        .collect();
    map([
        ("actors", names(TermKind::Actor)),
        ("places", names(TermKind::Place)),
        ("tags", names(TermKind::Tag)),
        ("statuses", statuses.into()),
        (
            "open",
            site.expectations
                .iter()
                .any(|x| crate::model::expectations::is_open(x.as_ref()))
                .into(),
        ),
        ("corrected", super::corrections::has_page(site).into()),
        ("total", site.events.len().into()),
        ("index", split.into()),
        // The words the filter script says, as JSON.
        ("words", words.script(site.events.len())),
    ])
}

/// `{key, singular, plural}` for a kind of term.
pub fn kind(kind: TermKind, words: &PageWords) -> Value {
    let singular = &kind.key()[..kind.key().len() - 1];
    map([
        ("key", kind.key().into()),
        ("singular", words.get(singular).into()),
        ("plural", words.get(kind.key()).into()),
    ])
}

/// A source as a citation.
pub fn source(s: &crate::source::event::Source, words: &PageWords) -> Value {
    map([
        ("title", s.title.as_str().into()),
        ("url", s.url.as_str().into()),
        ("publisher", opt(s.publisher.as_deref())),
        ("author", opt(s.author.as_deref())),
        ("date", opt(s.date.as_ref().map(|d| words.date_value(d)))),
    ])
}

/// An event's status history as its page shows it: each change with its
/// status in a word, its date, its source (`{title, url}`, or none) and its
/// note.
pub fn history(e: &crate::source::event::Event, words: &PageWords) -> Value {
    e.history
        .iter()
        .map(|change| {
            let word = change.status.as_str();
            let source = change.source.and_then(|n| e.sources.get(n)).map(|s| {
                map([
                    ("title", s.title.as_str().into()),
                    ("url", s.url.as_str().into()),
                ])
            });
            map([
                ("status", word.into()),
                ("label", words.change(change.status)),
                ("date", words.date_value(&change.date)),
                ("source", opt(source)),
                ("note", opt(change.note.as_deref())),
            ])
        })
        .collect::<Vec<Value>>()
        .into()
}

/// An event's expectation as its page shows it: `{by, overdue_since,
/// fulfilled, cancelled}`, where `fulfilled` is the event that settled it
/// (as in `events`), or none.
pub fn expectation(site: &Site, i: usize, events: &[Value], words: &PageWords) -> Value {
    use crate::model::expectations::Outcome;
    let Some(x) = &site.expectations[i] else {
        return Value::none();
    };
    let fulfilled = match x.outcome {
        Outcome::Fulfilled(j) => events[j].clone(),
        _ => Value::none(),
    };
    map([
        ("by", words.date_value(&x.by)),
        (
            "overdue_since",
            opt(x.overdue_since.as_ref().map(|d| words.date_value(d))),
        ),
        ("fulfilled", fulfilled),
        ("cancelled", (x.outcome == Outcome::Cancelled).into()),
    ])
}

/// The expectations nothing has settled, the earliest deadline first:
/// `[{event, by, overdue_since}]`.
pub fn open_expectations(site: &Site, events: &[Value], words: &PageWords) -> Value {
    use crate::model::expectations::Outcome;
    let mut open: Vec<(usize, &crate::model::expectations::Expectation)> = site
        .expectations
        .iter()
        .enumerate()
        .filter_map(|(i, x)| Some((i, x.as_ref()?)))
        .filter(|(_, x)| x.outcome == Outcome::Open)
        .collect();
    open.sort_by(|a, b| a.1.by.cmp(&b.1.by).then(a.0.cmp(&b.0)));
    open.into_iter()
        .map(|(i, x)| {
            map([
                ("event", events[i].clone()),
                ("by", words.date_value(&x.by)),
                (
                    "overdue_since",
                    opt(x.overdue_since.as_ref().map(|d| words.date_value(d))),
                ),
            ])
        })
        .collect::<Vec<Value>>()
        .into()
}

/// Each event's claims as its page shows them (empty for an event without
/// any): `[{id, quote, text, by: {name, url}, when, when_html, via, stance,
/// stance_label, source}]`, where `id` is `claim-1`, `claim-2`... (the claim's anchor on
/// the event's page), `quote` is true for exact words (`text` is without
/// the quotation marks the theme adds), `stance` is `denies` or `expects`
/// (none for a claim that asserts), and `source` is `{title, url}` or none.
/// Built once: the actor pages list the same values.
pub fn claims(site: &Site, words: &PageWords) -> Vec<Value> {
    let actors = site.taxonomy(TermKind::Actor);
    let none = Value::from(Vec::<Value>::new());
    site.events
        .iter()
        .map(|e| {
            if e.claims.is_empty() {
                return none.clone();
            }
            e.claims
                .iter()
                .enumerate()
                .map(|(n, c)| {
                    let speaker = crate::model::statements::speaker(actors, e, c);
                    let by = speaker.map_or_else(Value::none, |t| {
                        map([
                            ("name", t.name.as_str().into()),
                            ("url", urls::term(TermKind::Actor, &t.slug).into()),
                        ])
                    });
                    let stance = (c.stance != crate::source::claims::Stance::Asserts)
                        .then(|| c.stance.as_str());
                    let source = c.source.and_then(|s| e.sources.get(s)).map(|s| {
                        map([
                            ("title", s.title.as_str().into()),
                            ("url", s.url.as_str().into()),
                        ])
                    });
                    map([
                        ("id", format!("claim-{}", n + 1).into()),
                        ("quote", c.words.is_quote().into()),
                        ("text", c.words.text().into()),
                        // Where `text` is a translation: the words as the
                        // event's own file gives them, and their language.
                        ("original", opt(c.original.as_ref().map(|w| w.text()))),
                        (
                            "original_language",
                            opt(c
                                .original
                                .as_ref()
                                .and(site.config.languages.first().map(String::as_str))),
                        ),
                        ("by", by),
                        ("when", words.when(Some(&c.on)).into()),
                        (
                            "when_html",
                            Value::safe_string(&words.when_html(Some(&c.on))),
                        ),
                        ("via", opt(c.via.as_deref())),
                        ("stance", opt(stance)),
                        (
                            "stance_label",
                            opt(stance.map(|s| words.get(&format!("stance_{s}")).to_string())),
                        ),
                        ("source", opt(source)),
                    ])
                })
                .collect::<Vec<Value>>()
                .into()
        })
        .collect()
}

/// An actor's statements for its page, in time order: `[{claim, event}]`,
/// with `claim` as in [`claims`] and `event` as in [`events`].
pub fn statements(site: &Site, actor: usize, claims: &[Value], events: &[Value]) -> Value {
    site.statements
        .get(actor)
        .into_iter()
        .flatten()
        .map(|s| {
            let claim = claims[s.event]
                .as_array()
                .and_then(|list| list.get(s.claim))
                .cloned()
                .unwrap_or_else(Value::none);
            map([("claim", claim), ("event", events[s.event].clone())])
        })
        .collect::<Vec<Value>>()
        .into()
}
