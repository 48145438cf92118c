//! What templates see: small values built once from the site model.
//!
//! Each event becomes one `tera::Value` map; a `Value` keeps maps and lists
//! behind `Arc`, so putting the same event on the timeline, on ten term pages
//! and in its neighbours' previous/next links costs a reference count, not a
//! copy. Every URL here is relative to the site root (`events/riyadh/`);
//! templates put the page's `root` prefix (`../../`) before it, so the output
//! works at a domain root and under any sub-path.

use crate::content::Event;
use crate::date::{EventDate, Precision, human_range, range_parts};
use crate::site::{Site, TermKind};
use tera::{Map, Value};

/// A map from `(key, value)` pairs, in that order.
pub fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    let mut m = Map::with_capacity(N);
    for (k, v) in pairs {
        m.insert(k.into(), v);
    }
    Value::from(m)
}

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or_else(Value::none, Into::into)
}

/// A date as templates see it: `human` for readers, `machine` for
/// `<time datetime>`.
pub fn date(d: &EventDate) -> Value {
    map([("human", d.human().into()), ("machine", d.machine().into())])
}

/// The whole "when" of an event for readers: "c. 17–21 February 2025".
pub fn when(e: &Event) -> String {
    let text = match &e.end {
        Some(end) => human_range(&e.date, end),
        None => e.date.human(),
    };
    if e.approximate {
        format!("c. {text}")
    } else {
        text
    }
}

/// The "when" of an event as HTML: one `<time>` per end, each with its
/// `datetime` at its own precision. Built only from numbers and month names,
/// so it needs no escaping.
pub fn when_html(e: &Event) -> String {
    let time =
        |d: &EventDate, text: &str| format!("<time datetime=\"{}\">{text}</time>", d.machine());
    let prefix = if e.approximate { "c. " } else { "" };
    match &e.end {
        Some(end) => {
            let (a, sep, b) = range_parts(&e.date, end);
            format!("{prefix}{}{sep}{}", time(&e.date, &a), time(end, &b))
        }
        None => format!("{prefix}{}", time(&e.date, &e.date.human())),
    }
}

/// The relative URL of a term's page.
pub fn term_url(kind: TermKind, slug: &str) -> String {
    format!("{}/{slug}/", kind.key())
}

/// Every event as a template value, in the site's (time) order.
pub fn events(site: &Site) -> Vec<Value> {
    site.events
        .iter()
        .map(|e| {
            let links = |kind: TermKind| -> Value {
                let tax = site.taxonomy(kind);
                kind.names(e)
                    .iter()
                    .filter_map(|name| tax.get(name))
                    .map(|t| {
                        map([
                            ("name", t.name.as_str().into()),
                            ("url", term_url(kind, &t.slug).into()),
                        ])
                    })
                    .collect::<Vec<Value>>()
                    .into()
            };
            map([
                ("slug", e.slug.as_str().into()),
                ("url", format!("events/{}/", e.slug).into()),
                ("title", e.title.as_str().into()),
                ("when", when(e).into()),
                ("when_html", Value::safe_string(&when_html(e))),
                ("date", date(&e.date)),
                ("end", opt(e.end.as_ref().map(date))),
                ("approximate", e.approximate.into()),
                ("status", e.status.as_str().into()),
                ("status_label", e.status.label().into()),
                ("summary", opt(e.summary.as_deref())),
                ("actors", links(TermKind::Actor)),
                ("places", links(TermKind::Place)),
                ("tags", links(TermKind::Tag)),
            ])
        })
        .collect()
}

/// Events grouped by year, then by month, for timeline listings:
/// `[{year, id, months: [{label, id, count, events}]}]`. Events known only
/// to the year come first in their year, under "Some time in 2021".
pub fn years(site: &Site, indices: impl IntoIterator<Item = usize>, values: &[Value]) -> Value {
    type Months = Vec<(u8, Vec<Value>)>;
    let mut years: Vec<(i16, Months)> = Vec::new();
    for i in indices {
        let d = &site.events[i].date;
        let month = if d.precision == Precision::Year {
            0
        } else {
            d.month
        };
        if years.last().is_none_or(|(y, _)| *y != d.year) {
            years.push((d.year, Vec::new()));
        }
        let months = &mut years.last_mut().expect("pushed above").1;
        if months.last().is_none_or(|(m, _)| *m != month) {
            months.push((month, Vec::new()));
        }
        months
            .last_mut()
            .expect("pushed above")
            .1
            .push(values[i].clone());
    }
    years
        .into_iter()
        .map(|(year, months)| {
            let months: Vec<Value> = months
                .into_iter()
                .map(|(month, events)| {
                    let label = if month > 0 {
                        EventDate {
                            year,
                            month,
                            day: 1,
                            seconds: 0,
                            offset: 0,
                            precision: Precision::Month,
                        }
                        .human()
                    } else {
                        format!("Some time in {year}")
                    };
                    map([
                        ("label", label.into()),
                        ("id", format!("y{year:04}-{month:02}").into()),
                        ("count", events.len().into()),
                        ("events", events.into()),
                    ])
                })
                .collect();
            map([
                ("year", year.into()),
                ("id", format!("y{year:04}").into()),
                ("months", months.into()),
            ])
        })
        .collect::<Vec<Value>>()
        .into()
}

/// The site-wide values every page sees as `site`.
pub fn site(site: &Site) -> Value {
    let c = &site.config;
    map([
        ("title", site.title().into()),
        (
            "description",
            opt(c
                .description
                .as_deref()
                .or(site.intro.description.as_deref())),
        ),
        ("language", c.language.as_str().into()),
        ("base_url", opt(c.base_url.as_deref())),
        ("event_count", site.events.len().into()),
        (
            "generator",
            concat!("Annals ", env!("CARGO_PKG_VERSION")).into(),
        ),
    ])
}

/// `{key, singular, plural}` for a kind of term.
pub fn kind(kind: TermKind) -> Value {
    map([
        ("key", kind.key().into()),
        ("singular", kind.singular().into()),
        ("plural", kind.plural().into()),
    ])
}

/// A source as a citation.
pub fn source(s: &crate::content::Source) -> Value {
    map([
        ("title", s.title.as_str().into()),
        ("url", s.url.as_str().into()),
        ("publisher", opt(s.publisher.as_deref())),
        ("author", opt(s.author.as_deref())),
        ("date", opt(s.date.as_ref().map(date))),
    ])
}
