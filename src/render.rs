//! Renders every page of a [`Site`] through the [`Theme`], in parallel,
//! handing each finished page to a [`Sink`] (the output folder, or memory
//! for `serve`) as soon as it is rendered, so pages are never all held at
//! once.
//!
//! Nothing is rendered twice: template values are built once per event,
//! and each event's card (the `event_card` component) is rendered once per
//! relative root it is shown under, then pasted into every listing — the
//! timeline, its year and month pages, and the actor, place and tag pages.

use crate::diagnostics::Diagnostic;
use crate::markdown;
use crate::output::Sink;
use crate::site::{Site, TermKind};
use crate::theme::Theme;
use crate::timeline::{self, Layout};
use crate::view;
use rayon::prelude::*;
use std::sync::Mutex;
use tera::{Context, Tera, Value};

/// One output file: its path relative to the output folder (`/`-separated,
/// no `..`), and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What a page shows.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// The timeline's front page.
    Index,
    /// A year of a split timeline (index into `Layout::years`).
    Year(usize),
    /// A dense month of a split timeline: year, then index among the year's
    /// months that have pages.
    Month(usize, usize),
    Event(usize),
    Terms(TermKind),
    Term(TermKind, usize),
    NotFound,
}

/// A page still to render: where it goes and what it shows.
struct Job {
    path: String,
    kind: Kind,
    /// Roughly how long the page takes: the events it lists.
    weight: usize,
}

/// The pages of a site, planned before anything is rendered, so that their
/// paths are known (for the sitemap) while they render.
pub struct Plan {
    layout: Layout,
    jobs: Vec<Job>,
}

/// The relative prefix from a page at `path` to the site root.
fn root_of(path: &str) -> String {
    match path.matches('/').count() {
        0 => "./".into(),
        depth => "../".repeat(depth),
    }
}

impl Plan {
    /// Every page of the site, longest first: otherwise the pages listing
    /// many events end up together at the tail, rendered by one thread.
    pub fn new(site: &Site) -> Plan {
        let layout = Layout::plan(site);
        let mut jobs = Vec::with_capacity(site.events.len() + 64);
        let mut add =
            |path: String, kind: Kind, weight: usize| jobs.push(Job { path, kind, weight });
        add("index.html".into(), Kind::Index, site.events.len());
        if layout.split {
            for (n, y) in layout.years.iter().enumerate() {
                add(
                    format!("{:04}/index.html", y.year),
                    Kind::Year(n),
                    y.events.len(),
                );
                for (k, m) in y.months.iter().filter(|m| m.page.is_some()).enumerate() {
                    let path = format!("{:04}/{:02}/index.html", y.year, m.month);
                    add(path, Kind::Month(n, k), m.events.len());
                }
            }
        }
        for (i, e) in site.events.iter().enumerate() {
            add(format!("events/{}/index.html", e.slug), Kind::Event(i), 1);
        }
        for kind in TermKind::ALL {
            let tax = site.taxonomy(kind);
            add(
                format!("{}/index.html", kind.key()),
                Kind::Terms(kind),
                tax.terms.len() / 8,
            );
            for (t, term) in tax.terms.iter().enumerate() {
                let path = format!("{}/{}/index.html", kind.key(), term.slug);
                add(path, Kind::Term(kind, t), term.events.len());
            }
        }
        add("404.html".into(), Kind::NotFound, 0);
        jobs.sort_by_key(|job| std::cmp::Reverse(job.weight));
        Plan { layout, jobs }
    }

    /// The paths of the HTML pages, in render order.
    pub fn html_paths(&self) -> impl Iterator<Item = &str> {
        self.jobs.iter().map(|j| j.path.as_str())
    }

    /// Renders every page and the theme's assets into `sink`. Template and
    /// write errors are collected from all pages and reported together.
    /// `bodies` are the events' bodies as HTML, in the site's order.
    pub fn render(
        &self,
        site: &Site,
        theme: &Theme,
        bodies: &[String],
        sink: &dyn Sink,
    ) -> Result<(), Vec<Diagnostic>> {
        let mut tera = theme.tera.clone();
        tera.global_context().insert_value("site", view::site(site));
        let values = Values::new(site, &self.layout, &tera).map_err(|e| theme.diagnostics(&e))?;
        let problems: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
        let report = |found: Vec<Diagnostic>| {
            let mut all = problems.lock().unwrap_or_else(|p| p.into_inner());
            for d in found {
                if !all.contains(&d) {
                    all.push(d);
                }
            }
        };
        self.jobs.par_iter().with_max_len(1).for_each(|job| {
            // The 404 page is served at any depth, so its links start at
            // the path the site is published under.
            let root = match job.kind {
                Kind::NotFound => values.root_path.clone(),
                _ => root_of(&job.path),
            };
            let (template, title, page_values) = values.of(site, &self.layout, bodies, job, &root);
            let mut ctx = Context::new();
            ctx.insert_value("root", Value::from(root));
            ctx.insert_value("path", Value::from(job.path.as_str()));
            // The page's own URL, relative to the root (`events/riyadh/`).
            let url = job.path.strip_suffix("index.html").unwrap_or(&job.path);
            ctx.insert_value("page_url", Value::from(url));
            ctx.insert_value("page_title", Value::from(title));
            for (k, v) in page_values {
                ctx.insert_value(k, v);
            }
            // Room for the page's listing, up to a few MiB.
            let mut bytes = Vec::with_capacity((16 + job.weight.min(4096)) * 1024);
            match tera.render_to(template, &ctx, &mut bytes) {
                Ok(()) => {
                    if let Err(d) = sink.put(&job.path, &bytes) {
                        report(vec![d]);
                    }
                }
                Err(e) => report(theme.diagnostics(&e)),
            }
        });
        if self.layout.split
            && let Err(d) = sink.put("search.json", &view::search_index(site))
        {
            report(vec![d]);
        }
        for (path, bytes) in &theme.assets {
            if let Err(d) = sink.put(path, bytes) {
                report(vec![d]);
            }
        }
        let problems = problems.into_inner().unwrap_or_else(|p| p.into_inner());
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// Stands for the page's root in cards, which are rendered once for all
/// pages: the root is put in when a page lists the card. Were an author to
/// write it in a title, it would turn into a `../` there, nothing worse.
const ROOT_MARK: &str = "\u{1}root\u{1}";

/// Each event's card (the theme's `event_card` component), rendered once
/// with [`ROOT_MARK`] for the root and kept in the pieces between roots.
struct Cards {
    /// Every event as a template value, in the site's order.
    events: Vec<Value>,
    pieces: Vec<Vec<String>>,
}

impl Cards {
    /// Renders every card.
    fn new(tera: &Tera, events: Vec<Value>) -> Result<Cards, tera::Error> {
        let pieces = events
            .par_iter()
            .map(|e| {
                let mut ctx = Context::new();
                ctx.insert_value("e", e.clone());
                ctx.insert_value("root", Value::from(ROOT_MARK));
                let mut card = Vec::with_capacity(1024);
                tera.render_component_to("event_card", &ctx, None, true, &mut card)?;
                let card = String::from_utf8(card)?;
                Ok(card.split(ROOT_MARK).map(str::to_string).collect())
            })
            .collect::<Result<Vec<Vec<String>>, tera::Error>>()?;
        Ok(Cards { events, pieces })
    }

    /// Event `i`'s card as listed on a page whose root is `root`.
    fn get(&self, root: &str, i: usize) -> Value {
        Value::safe_string(&self.pieces[i].join(root))
    }
}

/// Template values shared by many pages, built once.
struct Values {
    cards: Cards,
    filters: Value,
    year_nav: Value,
    intro: Value,
    bins: Vec<timeline::Bin>,
    root_path: String,
}

impl Values {
    fn new(site: &Site, layout: &Layout, tera: &Tera) -> Result<Values, tera::Error> {
        let events = view::events(site);
        Ok(Values {
            cards: Cards::new(tera, events)?,
            filters: view::filters(site, layout.split),
            year_nav: layout
                .years
                .iter()
                .map(|y| {
                    view::map([
                        ("year", y.year.into()),
                        ("id", format!("y{:04}", y.year).into()),
                        ("page", view::opt(y.page.as_deref())),
                    ])
                })
                .collect::<Vec<Value>>()
                .into(),
            intro: Value::safe_string(&markdown::render(&site.intro.body, site.config.markdown)),
            bins: timeline::bins(site, layout),
            root_path: site
                .config
                .base_url
                .as_deref()
                .and_then(|u| u.splitn(4, '/').nth(3).map(|p| format!("/{p}")))
                .unwrap_or_else(|| "/".into()),
        })
    }

    /// A page's template, title and values.
    fn of(
        &self,
        site: &Site,
        layout: &Layout,
        bodies: &[String],
        job: &Job,
        root: &str,
    ) -> (&'static str, String, Vec<(&'static str, Value)>) {
        let listed = |years: &[timeline::Year]| {
            view::years(years, &self.cards.events, |i| self.cards.get(root, i))
        };
        match job.kind {
            Kind::Index => {
                let mut values = self.timeline_values(root, listed(&layout.years));
                values.push(("intro", self.intro.clone()));
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
                        view::map([
                            ("label", o.year.to_string().into()),
                            ("page", view::opt(o.page.as_deref())),
                        ])
                    })
                };
                let mut values = self.timeline_values(root, listed(std::slice::from_ref(&shown)));
                values.extend([
                    (
                        "period",
                        view::map([("label", y.year.to_string().into()), ("up", Value::none())]),
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
                        view::map([
                            ("label", timeline::month_label(y.year, o.month).into()),
                            ("page", view::opt(o.page.as_deref())),
                        ])
                    })
                };
                let up = view::map([
                    ("label", y.year.to_string().into()),
                    ("page", view::opt(y.page.as_deref())),
                ]);
                let label = timeline::month_label(y.year, m.month);
                let mut values = self.timeline_values(root, listed(std::slice::from_ref(&shown)));
                values.extend([
                    (
                        "period",
                        view::map([("label", label.clone().into()), ("up", up)]),
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
                    ("jsonld", Value::safe_string(&view::event_jsonld(site, i))),
                    ("body", Value::safe_string(&bodies[i])),
                    (
                        "sources",
                        e.sources
                            .iter()
                            .map(view::source)
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
                        view::map([
                            ("name", t.name.as_str().into()),
                            ("url", view::term_url(kind, &t.slug).into()),
                            ("count", t.events.len().into()),
                        ])
                    })
                    .collect();
                let values = vec![("kind", view::kind(kind)), ("terms", list.into())];
                ("terms.html", kind.plural().to_string(), values)
            }
            Kind::Term(kind, t) => {
                let t = &site.taxonomy(kind).terms[t];
                let values = vec![
                    ("kind", view::kind(kind)),
                    (
                        "term",
                        view::map([
                            ("name", t.name.as_str().into()),
                            ("count", t.events.len().into()),
                        ]),
                    ),
                    (
                        "years",
                        listed(&timeline::group(site, t.events.iter().copied())),
                    ),
                ];
                ("term.html", t.name.clone(), values)
            }
            Kind::NotFound => ("404.html", "Page not found".into(), Vec::new()),
        }
    }

    /// What every timeline page has: the overview strip, the year
    /// navigation, the filters and its events by year.
    fn timeline_values(&self, root: &str, years: Value) -> Vec<(&'static str, Value)> {
        let overview = view::map([
            ("svg", Value::safe_string(&timeline::svg(&self.bins, root))),
            (
                "first",
                view::opt(self.bins.first().map(|b| b.label.as_str())),
            ),
            (
                "last",
                view::opt(self.bins.last().map(|b| b.label.as_str())),
            ),
        ]);
        vec![
            ("overview", overview),
            ("year_nav", self.year_nav.clone()),
            ("filters", self.filters.clone()),
            ("years", years),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_lead_back_to_the_site_root() {
        assert_eq!(root_of("index.html"), "./");
        assert_eq!(root_of("actors/index.html"), "../");
        assert_eq!(root_of("events/riyadh/index.html"), "../../");
    }
}
