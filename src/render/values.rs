//! The values a page's template sees, built from the site model; those
//! shared by many pages are built once.

use super::cards::{CardCache, Cards};
use super::event_values::EventValues;
use super::words::PageWords;
use super::{Job, Kind, overview, tera_value, view};
use crate::base_url::BaseUrl;
use crate::digest::{Digest, Known};
use crate::formats::jsonld;
use crate::markdown::Bodies;
use crate::model::{Layout, Site, TermKind, timeline, urls};
use std::hash::Hash;
use tera::{Tera, Value};

/// How a page's values give each event's card.
pub(super) enum CardsAs<'a> {
    /// As HTML, rendered through these templates.
    Html(&'a Tera),
    /// As the event's number, each noted here.
    Numbers(&'a std::cell::RefCell<Vec<usize>>),
}

/// Template values shared by many pages, built once.
pub(super) struct Values {
    cards: Cards,
    /// Each event's claims (see [`view::claims`]).
    claims: Vec<Value>,
    filters: Value,
    year_nav: Value,
    intro: Value,
    strip: Option<timeline::Strip>,
    pub(super) root_path: String,
    /// The digest of each event's value.
    pub(super) known: Known,
    /// The theme's words.
    pub(super) words: PageWords,
}

impl Values {
    /// The shared values; with `digests`, each event's digest too.
    /// With `kept`, the events' values of the last rebuild are taken where
    /// they are made from the same (see [`EventValues`]).
    pub(super) fn new(
        site: &Site,
        layout: &Layout,
        bodies: &Bodies,
        digests: bool,
        kept: Option<&EventValues>,
        words: PageWords,
    ) -> Values {
        let events = match kept {
            Some(kept) => kept.events(site, &words),
            None => view::events(site, &words),
        };
        Values {
            known: match digests {
                true => Known::of(&events),
                false => Known::default(),
            },
            cards: Cards::new(events),
            claims: view::claims(site, &words),
            filters: view::filters(site, layout.split, &words),
            year_nav: layout
                .years
                .iter()
                .map(|y| {
                    tera_value::map([
                        ("year", y.year.into()),
                        ("id", format!("y{:04}", y.year).into()),
                        ("page", tera_value::opt(y.page.as_deref())),
                    ])
                })
                .collect::<Vec<Value>>()
                .into(),
            intro: Value::safe_string(&bodies.intro),
            strip: timeline::bins(site, layout, &words.local),
            root_path: site
                .config
                .base_url
                .as_ref()
                .map_or("/", BaseUrl::path)
                .to_string(),
            words,
        }
    }

    /// How many events the site has.
    pub(super) fn events(&self) -> usize {
        self.cards.events.len()
    }

    /// Renders the cards of the events `needed` says (all, if `None`),
    /// taking those of unchanged events from a cache with `reuse` (see
    /// [`Cards::render`]).
    pub(super) fn render_cards(
        &self,
        tera: &Tera,
        needed: Option<&[bool]>,
        reuse: Option<(&Value, &CardCache)>,
    ) -> Result<(), tera::Error> {
        self.cards.render(tera, needed, reuse)
    }

    /// A page's template, title and values; with [`CardsAs::Numbers`],
    /// each event's number stands for its card (see
    /// [`super::Plan::inputs`]), and is noted.
    pub(super) fn of(
        &self,
        site: &Site,
        layout: &Layout,
        bodies: &Bodies,
        job: &Job,
        root: &str,
        cards: &CardsAs,
    ) -> (&'static str, String, Vec<(&'static str, Value)>) {
        let listed = |years: &[timeline::Year]| match cards {
            CardsAs::Html(tera) => view::years(
                years,
                &self.cards.events,
                |i| self.cards.get(tera, root, i),
                &self.words,
            ),
            // What the listing is made from, in short: its years and
            // months, and each event it lists, whose card it shows, summed
            // without making the listing, which is only made for a page
            // that is rendered.
            CardsAs::Numbers(listed) => {
                let mut digest = Digest::knowing(&self.known);
                years.hash(&mut digest);
                for i in view::listed(years) {
                    digest.tera(&self.cards.events[i]);
                    listed.borrow_mut().push(i);
                }
                Value::from(format!("{:032x}", digest.value()))
            }
        };
        match job.kind {
            Kind::Index => {
                let mut values = self.timeline_values(root, listed(&layout.years));
                values.push(("intro", self.intro.clone()));
                values.push((
                    "open",
                    view::open_expectations(site, &self.cards.events, &self.words),
                ));
                ("index.html", site.title().to_string(), values)
            }
            Kind::Year(n) => {
                let y = &layout.years[n];
                // On its own page a year lists its events (or links to its months).
                let shown = timeline::Year {
                    page: None,
                    ..y.clone()
                };
                let link = |other: Option<&timeline::Year>| {
                    other.map_or_else(Value::none, |o| {
                        tera_value::map([
                            ("label", o.year.to_string().into()),
                            ("page", tera_value::opt(o.page.as_deref())),
                        ])
                    })
                };
                let mut values = self.timeline_values(root, listed(std::slice::from_ref(&shown)));
                values.extend([
                    (
                        "period",
                        tera_value::map([
                            ("label", y.year.to_string().into()),
                            ("up", Value::none()),
                        ]),
                    ),
                    (
                        "previous",
                        link(n.checked_sub(1).and_then(|p| layout.years.get(p))),
                    ),
                    ("next", link(layout.years.get(n + 1))),
                ]);
                ("period.html", y.year.to_string(), values)
            }
            Kind::Month(n, k) => {
                let y = &layout.years[n];
                let dense: Vec<&timeline::Month> =
                    y.months.iter().filter(|m| m.page.is_some()).collect();
                let m = dense[k];
                let shown = timeline::Year {
                    page: None,
                    months: vec![timeline::Month {
                        page: None,
                        ..m.clone()
                    }],
                    events: m.events.clone(),
                    ..y.clone()
                };
                let link = |other: Option<&&timeline::Month>| {
                    other.map_or_else(Value::none, |o| {
                        tera_value::map([
                            ("label", self.words.month_label(y.year, o.month).into()),
                            ("page", tera_value::opt(o.page.as_deref())),
                        ])
                    })
                };
                let up = tera_value::map([
                    ("label", y.year.to_string().into()),
                    ("page", tera_value::opt(y.page.as_deref())),
                ]);
                let label = self.words.month_label(y.year, m.month);
                let mut values = self.timeline_values(root, listed(std::slice::from_ref(&shown)));
                values.extend([
                    (
                        "period",
                        tera_value::map([("label", label.clone().into()), ("up", up)]),
                    ),
                    (
                        "previous",
                        link(k.checked_sub(1).and_then(|p| dense.get(p))),
                    ),
                    ("next", link(dense.get(k + 1))),
                ]);
                ("period.html", label, values)
            }
            Kind::Event(i) => {
                let e = &site.events[i];
                let events = &self.cards.events;
                let event = |j: Option<usize>| j.map_or_else(Value::none, |j| events[j].clone());
                let values = vec![
                    ("event", events[i].clone()),
                    ("jsonld", Value::safe_string(&jsonld::event(site, i))),
                    ("body", Value::safe_string(&bodies.events[i])),
                    ("history", view::history(e, &self.words)),
                    ("corrections", super::corrections::of_event(e, &self.words)),
                    ("reported", super::corrections::reported(e, &self.words)),
                    (
                        "expectation",
                        view::expectation(site, i, events, &self.words),
                    ),
                    ("claims", self.claims[i].clone()),
                    (
                        "media",
                        super::media::items(site, i, &format!("{root}{}", site.up()), &self.words),
                    ),
                    (
                        "sources",
                        e.sources
                            .iter()
                            .map(|s| view::source(s, &self.words))
                            .collect::<Vec<Value>>()
                            .into(),
                    ),
                    (
                        "related",
                        site.related[i]
                            .iter()
                            .map(|&j| events[j].clone())
                            .collect::<Vec<Value>>()
                            .into(),
                    ),
                    ("previous", event(i.checked_sub(1))),
                    ("next", event(Some(i + 1).filter(|&j| j < events.len()))),
                ];
                ("event.html", e.title.clone(), values)
            }
            Kind::Terms(kind) => {
                let list: Vec<Value> = site
                    .taxonomy(kind)
                    .terms
                    .iter()
                    .map(|t| {
                        tera_value::map([
                            ("name", t.name.as_str().into()),
                            ("url", urls::term(kind, &t.slug).into()),
                            ("count", t.events.len().into()),
                        ])
                    })
                    .collect();
                let values = vec![
                    ("kind", view::kind(kind, &self.words)),
                    ("terms", list.into()),
                ];
                ("terms.html", self.words.get(kind.key()).to_string(), values)
            }
            Kind::Term(kind, t) => {
                let statements = match kind {
                    TermKind::Actor => view::statements(site, t, &self.claims, &self.cards.events),
                    _ => Value::from(Vec::<Value>::new()),
                };
                let t = &site.taxonomy(kind).terms[t];
                let values = vec![
                    ("statements", statements),
                    ("kind", view::kind(kind, &self.words)),
                    (
                        "term",
                        tera_value::map([
                            ("name", t.name.as_str().into()),
                            ("count", t.events.len().into()),
                        ]),
                    ),
                    (
                        "years",
                        listed(&timeline::group(site, t.events.iter().copied())),
                    ),
                    // An actor's record (`actors/`), or none.
                    (
                        "person",
                        super::people::person(site, bodies, kind, &t.slug, &self.words),
                    ),
                ];
                ("term.html", t.name.clone(), values)
            }
            Kind::Corrections => (
                "corrections.html",
                self.words.get("corrections").into(),
                vec![(
                    "corrections",
                    super::corrections::page(site, &self.cards.events, &self.words),
                )],
            ),
            Kind::NotFound => (
                "404.html",
                self.words.get("page_not_found").into(),
                Vec::new(),
            ),
        }
    }

    /// What every timeline page has: the overview strip, the year
    /// navigation, the filters and its events by year.
    fn timeline_values(&self, root: &str, years: Value) -> Vec<(&'static str, Value)> {
        // No strip (no events) draws nothing.
        let strip = self.strip.as_ref();
        let label = |b: Option<&timeline::Bin>| tera_value::opt(b.map(|b| b.label.as_str()));
        let overview = tera_value::map([
            (
                "svg",
                Value::safe_string(&strip.map_or(String::new(), |s| overview::svg(s, root))),
            ),
            ("per", tera_value::opt(strip.map(|s| s.unit.name(1)))),
            (
                "per_label",
                tera_value::opt(strip.map(|s| {
                    self.words
                        .get(&format!("per_{}", s.unit.name(1)))
                        .to_string()
                })),
            ),
            ("first", label(strip.and_then(|s| s.bins.first()))),
            ("last", label(strip.and_then(|s| s.bins.last()))),
        ]);
        vec![
            ("overview", overview),
            ("year_nav", self.year_nav.clone()),
            ("filters", self.filters.clone()),
            ("years", years),
        ]
    }
}
