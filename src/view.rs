//! What templates see: small values built once from the site model.
//!
//! Each event becomes one `tera::Value` map; a `Value` keeps maps and lists
//! behind `Arc`, so putting the same event on the timeline, on ten term pages
//! and in its neighbours' previous/next links costs a reference count, not a
//! copy. Every URL here is relative to the site root (`events/riyadh/`);
//! templates put the page's `root` prefix (`../../`) before it, so the output
//! works at a domain root and under any sub-path.

use crate::content::Event;
use crate::date::{EventDate, human_range, range_parts};
use crate::site::{Site, TermKind};
use crate::timeline::{Year, month_label};
use tera::{Map, Value};

/// A map from `(key, value)` pairs, in that order.
pub fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    let mut m = Map::with_capacity(N);
    for (k, v) in pairs {
        m.insert(k.into(), v);
    }
    Value::from(m)
}

/// `v` as a value, or none.
pub fn opt<T: Into<Value>>(v: Option<T>) -> Value {
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
    // Each term as `{name, url}`, built once and shared by its events.
    let terms: Vec<Vec<Value>> = TermKind::ALL
        .iter()
        .map(|&kind| {
            site.taxonomy(kind)
                .terms
                .iter()
                .map(|t| {
                    map([
                        ("name", t.name.as_str().into()),
                        ("url", term_url(kind, &t.slug).into()),
                    ])
                })
                .collect()
        })
        .collect();
    site.events
        .iter()
        .map(|e| {
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
                let values = &terms[TermKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)];
                kind.names(e)
                    .iter()
                    .filter_map(|name| tax.index(name))
                    .map(|t| values[t].clone())
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
                ("actor_slugs", slugs(TermKind::Actor)),
                ("place_slugs", slugs(TermKind::Place)),
                ("tag_slugs", slugs(TermKind::Tag)),
                ("range", e.end.is_some().into()),
            ])
        })
        .collect()
}

/// Events grouped by year, then by month, for timeline listings:
/// `[{year, id, page, count, months: [{label, id, page, count, events, cards}]}]`,
/// where `cards[n]` is `events[n]`'s card as HTML, from `card(i)` for event `i`.
/// `page` is where that year or month has its own page (relative to the
/// root), or none; events known only to the year come first in their year,
/// under "Some time in 2021".
pub fn years(years: &[Year], values: &[Value], card: impl Fn(usize) -> Value) -> Value {
    years
        .iter()
        .map(|y| {
            let months: Vec<Value> = y
                .months
                .iter()
                .map(|m| {
                    map([
                        ("label", month_label(y.year, m.month).into()),
                        ("id", format!("y{:04}-{:02}", y.year, m.month).into()),
                        ("page", opt(m.page.as_deref())),
                        ("count", m.events.len().into()),
                        (
                            "events",
                            m.events
                                .iter()
                                .map(|&i| values[i].clone())
                                .collect::<Vec<Value>>()
                                .into(),
                        ),
                        (
                            "cards",
                            m.events
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

/// What the filter form offers: every actor, place and tag as
/// `{slug, name}`, the statuses in use as `{value, label}`, the number of
/// events, and whether filtering needs the search index (split timelines).
pub fn filters(site: &Site, split: bool) -> Value {
    let names = |kind: TermKind| -> Value {
        site.taxonomy(kind)
            .terms
            .iter()
            .map(|t| {
                map([
                    ("slug", t.slug.as_str().into()),
                    ("name", t.name.as_str().into()),
                ])
            })
            .collect::<Vec<Value>>()
            .into()
    };
    let statuses: Vec<Value> = crate::content::Status::ALL
        .iter()
        .filter(|s| site.events.iter().any(|e| e.status == **s))
        .map(|s| map([("value", s.as_str().into()), ("label", s.label().into())]))
        .collect();
    map([
        ("actors", names(TermKind::Actor)),
        ("places", names(TermKind::Place)),
        ("tags", names(TermKind::Tag)),
        ("statuses", statuses.into()),
        ("total", site.events.len().into()),
        ("index", split.into()),
    ])
}

/// The compact index the filter script loads when the timeline is split
/// over several pages: every term once as `[slug, name]`, every event as
/// `[slug, title, when, status, summary, [actor], [place], [tag]]` with
/// terms as indices into those lists.
pub fn search_index(site: &Site) -> Vec<u8> {
    /// One event: `[slug, title, when, status, summary, actors, places, tags]`.
    type Entry<'a> = (
        &'a str,
        &'a str,
        String,
        &'a str,
        &'a str,
        Vec<usize>,
        Vec<usize>,
        Vec<usize>,
    );
    // Fields in alphabetical order, as the file has always had them.
    #[derive(serde::Serialize)]
    struct Index<'a> {
        actors: Vec<[&'a str; 2]>,
        events: Vec<Entry<'a>>,
        places: Vec<[&'a str; 2]>,
        tags: Vec<[&'a str; 2]>,
        version: u32,
    }
    let terms = |kind: TermKind| -> Vec<[&str; 2]> {
        site.taxonomy(kind)
            .terms
            .iter()
            .map(|t| [t.slug.as_str(), t.name.as_str()])
            .collect()
    };
    let indices = |kind: TermKind, e: &Event| -> Vec<usize> {
        let tax = site.taxonomy(kind);
        kind.names(e).iter().filter_map(|n| tax.index(n)).collect()
    };
    let index = Index {
        actors: terms(TermKind::Actor),
        events: site
            .events
            .iter()
            .map(|e| {
                (
                    e.slug.as_str(),
                    e.title.as_str(),
                    when(e),
                    e.status.as_str(),
                    e.summary.as_deref().unwrap_or(""),
                    indices(TermKind::Actor, e),
                    indices(TermKind::Place, e),
                    indices(TermKind::Tag, e),
                )
            })
            .collect(),
        places: terms(TermKind::Place),
        tags: terms(TermKind::Tag),
        version: 1,
    };
    serde_json::to_vec(&index).expect("JSON of strings and numbers")
}

/// schema.org `Event` JSON-LD for an event's page, safe to put inside a
/// `<script>` element. Dates keep their precision (`2021-06` is a valid
/// ISO 8601 date); `eventStatus` is `EventCancelled` for cancelled and
/// denied events and `EventScheduled` otherwise (schema.org has no status
/// for "reported"); places become `location`; sources become `subjectOf`
/// as the articles about the event they are (not `sameAs`, which would
/// claim they are the event itself).
pub fn event_jsonld(site: &Site, i: usize) -> String {
    use crate::content::Status;
    use serde::Serialize;
    // Fields in alphabetical order, as the pages have always had them.
    #[derive(Serialize)]
    struct Ld<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'a str>,
        #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
        end_date: Option<String>,
        #[serde(rename = "eventStatus")]
        event_status: &'static str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        location: Vec<Named<'a>>,
        name: &'a str,
        #[serde(rename = "startDate")]
        start_date: String,
        #[serde(rename = "subjectOf", skip_serializing_if = "Vec::is_empty")]
        subject_of: Vec<Work<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    }
    /// A Place, Organization or Person: a type and a name.
    #[derive(Serialize)]
    struct Named<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
    }
    #[derive(Serialize)]
    struct Work<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        author: Option<Named<'a>>,
        #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
        date_published: Option<String>,
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        publisher: Option<Named<'a>>,
        url: &'a str,
    }
    let e = &site.events[i];
    let named = |kind, name| Named { kind, name };
    let ld = Ld {
        context: "https://schema.org",
        kind: "Event",
        description: e.summary.as_deref(),
        end_date: e.end.as_ref().map(EventDate::machine),
        event_status: match e.status {
            Status::Cancelled | Status::Denied => "https://schema.org/EventCancelled",
            _ => "https://schema.org/EventScheduled",
        },
        location: e
            .places
            .iter()
            .map(|p| named("Place", p.as_str()))
            .collect(),
        name: &e.title,
        start_date: e.date.machine(),
        subject_of: e
            .sources
            .iter()
            .map(|s| Work {
                kind: "CreativeWork",
                author: s.author.as_deref().map(|a| named("Person", a)),
                date_published: s.date.as_ref().map(EventDate::machine),
                name: &s.title,
                publisher: s.publisher.as_deref().map(|p| named("Organization", p)),
                url: &s.url,
            })
            .collect(),
        url: site
            .config
            .base_url
            .as_ref()
            .map(|base| format!("{base}events/{}/", e.slug)),
    };
    // `<`, `>` and `&` as JSON escapes: the text can never end the script.
    let json = serde_json::to_string(&ld).expect("JSON of strings");
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
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
        // Feeds are written only when their links can be absolute.
        ("feeds", (c.outputs.atom && c.base_url.is_some()).into()),
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
