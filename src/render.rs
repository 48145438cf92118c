//! Renders every page of a [`Site`] through the [`Theme`], in parallel,
//! into memory. Nothing is written to disk here.

use crate::diagnostics::Diagnostic;
use crate::markdown;
use crate::site::{Site, TermKind};
use crate::theme::{self, Theme};
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
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let mut tera = theme.tera.clone();
    tera.global_context().insert_value("site", view::site(site));
    let events = view::events(site);
    let mut jobs = jobs(site, &events);
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

    let mut pages = Vec::with_capacity(results.len() + theme::ASSETS.len());
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
    for (path, bytes) in theme::ASSETS {
        pages.push(Page {
            path: path.to_string(),
            bytes: bytes.to_vec(),
        });
    }
    Ok(pages)
}

/// Every page of the site, with its values. Event bodies are rendered from
/// Markdown here, in parallel, once each.
fn jobs(site: &Site, events: &[Value]) -> Vec<Job> {
    let md = site.config.markdown;
    let mut jobs = Vec::with_capacity(site.events.len() + 16);

    jobs.push(Job {
        path: "index.html".into(),
        template: "index.html",
        root: root_of("index.html"),
        weight: site.events.len(),
        values: vec![
            (
                "intro",
                Value::safe_string(&markdown::render(&site.intro.body, md)),
            ),
            ("years", view::years(site, 0..site.events.len(), events)),
        ],
    });

    let bodies: Vec<String> = site
        .events
        .par_iter()
        .map(|e| markdown::render(&e.body, md))
        .collect();
    for (i, (e, body)) in site.events.iter().zip(bodies).enumerate() {
        let path = format!("events/{}/index.html", e.slug);
        let neighbour = |j: Option<usize>| j.map_or_else(Value::none, |j| events[j].clone());
        jobs.push(Job {
            root: root_of(&path),
            path,
            template: "event.html",
            weight: 1,
            values: vec![
                ("event", events[i].clone()),
                ("body", Value::safe_string(&body)),
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
            values: vec![("kind", kind_value.clone()), ("terms", list.into())],
        });
        for t in &tax.terms {
            let path = format!("{}/{}/index.html", kind.key(), t.slug);
            jobs.push(Job {
                root: root_of(&path),
                path,
                template: "term.html",
                weight: t.events.len(),
                values: vec![
                    ("kind", kind_value.clone()),
                    (
                        "term",
                        view::map([
                            ("name", t.name.as_str().into()),
                            ("count", t.events.len().into()),
                        ]),
                    ),
                    ("years", view::years(site, t.events.iter().copied(), events)),
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
        root: root_path,
        values: Vec::new(),
    });
    jobs
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
