//! Renders every page of a [`Site`] through the [`Theme`], in parallel,
//! into memory. Nothing is written to disk here.

use crate::diagnostics::Diagnostic;
use crate::markdown;
use crate::site::{Site, TermKind};
use crate::theme::Theme;
use crate::timeline::{self, Layout};
use crate::view;
use rayon::prelude::*;
use tera::{Context, Value};

/// One output file: its path relative to the output folder (`/`-separated,
/// no `..`), and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A page still to render: where it goes, which template, and its values.
struct Job {
    path: String,
    template: &'static str,
    /// The prefix that leads from this page to the site root (`../../`).
    root: String,
    /// Roughly how long the page takes: the events it lists.
    weight: usize,
    /// What the page is about, for titles and link previews.
    title: String,
    values: Vec<(&'static str, Value)>,
}

/// The relative prefix from a page at `path` to the site root.
fn root_of(path: &str) -> String {
    match path.matches('/').count() {
        0 => "./".into(),
        depth => "../".repeat(depth),
    }
}

/// Renders every page and the theme's assets. Template errors are
/// collected from all pages and reported together.
/// `bodies` are the events' bodies as HTML, in the site's order.
pub fn render(site: &Site, theme: &Theme, bodies: &[String]) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let mut tera = theme.tera.clone();
    tera.global_context().insert_value("site", view::site(site));
    let events = view::events(site);
    let layout = Layout::plan(site);
    let mut jobs = jobs(site, &events, &layout, bodies);
    // Long pages first, one page per task: otherwise the pages listing many
    // events end up together at the tail, rendered by one thread.
    jobs.sort_by_key(|job| std::cmp::Reverse(job.weight));

    let results: Vec<Result<Page, tera::Error>> = jobs
        .into_par_iter()
        .with_max_len(1)
        .map(|job| {
            let mut ctx = Context::new();
            ctx.insert_value("root", Value::from(job.root));
            ctx.insert_value("path", Value::from(job.path.as_str()));
            // The page's own URL, relative to the root (`events/riyadh/`).
            let url = job.path.strip_suffix("index.html").unwrap_or(&job.path);
            ctx.insert_value("page_url", Value::from(url));
            ctx.insert_value("page_title", Value::from(job.title));
            for (k, v) in job.values {
                ctx.insert_value(k, v);
            }
            let mut bytes = Vec::with_capacity(16 * 1024);
            tera.render_to(job.template, &ctx, &mut bytes)?;
            Ok(Page {
                path: job.path,
                bytes,
            })
        })
        .collect();

    let mut pages = Vec::with_capacity(results.len() + theme.assets.len());
    let mut problems: Vec<Diagnostic> = Vec::new();
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err(e) => {
                for d in theme.diagnostics(&e) {
                    if !problems.contains(&d) {
                        problems.push(d);
                    }
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if layout.split {
        pages.push(Page {
            path: "search.json".into(),
            bytes: view::search_index(site),
        });
    }
    for (path, bytes) in &theme.assets {
        pages.push(Page {
            path: path.clone(),
            bytes: bytes.clone(),
        });
    }
    Ok(pages)
}

/// Every page of the site, with its values. Event bodies are rendered from
/// Markdown here, in parallel, once each.
fn jobs(site: &Site, events: &[Value], layout: &Layout, bodies: &[String]) -> Vec<Job> {
    let mut jobs = Vec::with_capacity(site.events.len() + 16);

    timeline_jobs(site, events, layout, &mut jobs);

    for (i, (e, body)) in site.events.iter().zip(bodies).enumerate() {
        let path = format!("events/{}/index.html", e.slug);
        let neighbour = |j: Option<usize>| j.map_or_else(Value::none, |j| events[j].clone());
        jobs.push(Job {
            root: root_of(&path),
            path,
            template: "event.html",
            weight: 1,
            title: e.title.clone(),
            values: vec![
                ("event", events[i].clone()),
                ("jsonld", Value::safe_string(&view::event_jsonld(site, i))),
                ("body", Value::safe_string(body)),
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
                ("previous", neighbour(i.checked_sub(1))),
                ("next", neighbour(Some(i + 1).filter(|&j| j < events.len()))),
            ],
        });
    }

    for kind in TermKind::ALL {
        let tax = site.taxonomy(kind);
        let kind_value = view::kind(kind);
        let list: Vec<Value> = tax
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
        let path = format!("{}/index.html", kind.key());
        jobs.push(Job {
            root: root_of(&path),
            path,
            template: "terms.html",
            weight: tax.terms.len() / 8,
            title: kind.plural().into(),
            values: vec![("kind", kind_value.clone()), ("terms", list.into())],
        });
        for t in &tax.terms {
            let path = format!("{}/{}/index.html", kind.key(), t.slug);
            jobs.push(Job {
                root: root_of(&path),
                path,
                template: "term.html",
                weight: t.events.len(),
                title: t.name.clone(),
                values: vec![
                    ("kind", kind_value.clone()),
                    (
                        "term",
                        view::map([
                            ("name", t.name.as_str().into()),
                            ("count", t.events.len().into()),
                        ]),
                    ),
                    (
                        "years",
                        view::years(&timeline::group(site, t.events.iter().copied()), events),
                    ),
                ],
            });
        }
    }

    // The 404 page is served at any depth, so its links start at the path
    // the site is published under.
    let root_path = site
        .config
        .base_url
        .as_deref()
        .and_then(|u| u.splitn(4, '/').nth(3).map(|p| format!("/{p}")))
        .unwrap_or_else(|| "/".into());
    jobs.push(Job {
        path: "404.html".into(),
        template: "404.html",
        weight: 0,
        title: "Page not found".into(),
        root: root_path,
        values: Vec::new(),
    });
    jobs
}

/// The timeline: `index.html`, and when the layout is split, one page per
/// year (and per month of a dense year), each with the overview strip, the
/// year navigation and the filters.
fn timeline_jobs(site: &Site, events: &[Value], layout: &Layout, jobs: &mut Vec<Job>) {
    let bins = timeline::bins(site, layout);
    let filters = view::filters(site, layout.split);
    let year_nav: Value = layout
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
        .into();
    let intro = Value::safe_string(&markdown::render(&site.intro.body, site.config.markdown));
    let overview = |root: &str| {
        view::map([
            ("svg", Value::safe_string(&timeline::svg(&bins, root))),
            ("first", view::opt(bins.first().map(|b| b.label.as_str()))),
            ("last", view::opt(bins.last().map(|b| b.label.as_str()))),
        ])
    };
    let page = |path: String,
                years: &[timeline::Year],
                weight: usize,
                title: String,
                extra: Vec<(&'static str, Value)>| {
        let root = root_of(&path);
        let mut values = vec![
            ("overview", overview(&root)),
            ("year_nav", year_nav.clone()),
            ("filters", filters.clone()),
            ("years", view::years(years, events)),
        ];
        values.extend(extra);
        let template = if values.iter().any(|(k, _)| *k == "period") {
            "period.html"
        } else {
            "index.html"
        };
        Job {
            path,
            template,
            root,
            weight,
            title,
            values,
        }
    };
    jobs.push(page(
        "index.html".into(),
        &layout.years,
        site.events.len(),
        site.title().to_string(),
        vec![("intro", intro)],
    ));
    if !layout.split {
        return;
    }
    for (n, y) in layout.years.iter().enumerate() {
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
        let period = view::map([("label", y.year.to_string().into()), ("up", Value::none())]);
        let extra = vec![
            ("period", period),
            (
                "previous",
                link(n.checked_sub(1).and_then(|p| layout.years.get(p))),
            ),
            ("next", link(layout.years.get(n + 1))),
        ];
        jobs.push(page(
            format!("{:04}/index.html", y.year),
            std::slice::from_ref(&shown),
            y.events.len(),
            y.year.to_string(),
            extra,
        ));
        let dense: Vec<&timeline::Month> = y.months.iter().filter(|m| m.page.is_some()).collect();
        for (k, m) in dense.iter().enumerate() {
            let shown = timeline::Year {
                page: None,
                months: vec![timeline::Month {
                    page: None,
                    ..(*m).clone()
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
            let period = view::map([
                ("label", timeline::month_label(y.year, m.month).into()),
                ("up", up),
            ]);
            let extra = vec![
                ("period", period),
                (
                    "previous",
                    link(k.checked_sub(1).and_then(|p| dense.get(p))),
                ),
                ("next", link(dense.get(k + 1))),
            ];
            let path = format!("{:04}/{:02}/index.html", y.year, m.month);
            jobs.push(page(
                path,
                std::slice::from_ref(&shown),
                m.events.len(),
                timeline::month_label(y.year, m.month),
                extra,
            ));
        }
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
