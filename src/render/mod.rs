//! Renders every page of a [`Site`] through the [`Theme`], in parallel,
//! handing each finished page to a [`Sink`] (the output folder, or memory
//! for `serve`) as soon as it is rendered, so pages are never all held at
//! once.
//!
//! Nothing is rendered twice: template values are built once per event,
//! and each event's card (the `event_card` component) is rendered once per
//! relative root it is shown under, then pasted into every listing — the
//! timeline, its year and month pages, and the actor, place and tag pages.

mod cards;
pub mod corrections;
pub mod overview;
mod people;
mod tera_value;
mod values;
pub mod view;

use crate::diagnostics::Diagnostic;
use crate::markdown::Bodies;
use crate::model::{Layout, Site, TermKind, urls};
use crate::sink::Sink;
use crate::source::theme::Theme;
pub use cards::CardCache;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Mutex;
use tera::{Context, Tera, Value};
use values::Values;

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
    /// Every correction of the site (only when there is one).
    Corrections,
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
        add(urls::file(""), Kind::Index, site.events.len());
        for (n, y) in layout.years.iter().enumerate() {
            if let Some(page) = &y.page {
                add(urls::file(page), Kind::Year(n), y.events.len());
            }
            let pages = y.months.iter().filter_map(|m| Some((m.page.as_ref()?, m)));
            for (k, (page, m)) in pages.enumerate() {
                add(urls::file(page), Kind::Month(n, k), m.events.len());
            }
        }
        for (i, e) in site.events.iter().enumerate() {
            add(urls::file(&urls::event(&e.slug)), Kind::Event(i), 1);
        }
        for kind in TermKind::ALL {
            let tax = site.taxonomy(kind);
            let weight = tax.terms.len() / 8;
            add(urls::file(&urls::terms(kind)), Kind::Terms(kind), weight);
            for (t, term) in tax.terms.iter().enumerate() {
                let path = urls::file(&urls::term(kind, &term.slug));
                add(path, Kind::Term(kind, t), term.events.len());
            }
        }
        if corrections::has_page(site) {
            add(urls::file(&urls::corrections()), Kind::Corrections, 0);
        }
        add("404.html".into(), Kind::NotFound, 0);
        jobs.sort_by_key(|job| std::cmp::Reverse(job.weight));
        Plan { layout, jobs }
    }

    /// How the timeline is laid out over pages.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The paths of the HTML pages, in render order.
    pub fn html_paths(&self) -> impl Iterator<Item = &str> {
        self.jobs.iter().map(|j| j.path.as_str())
    }

    /// What every page shares, built once: the theme's templates with the
    /// site in their context, and the values many pages show (each event's
    /// card among them).
    pub fn pages(
        &self,
        site: &Site,
        bodies: &Bodies,
        theme: &Theme,
    ) -> Result<Pages, Vec<Diagnostic>> {
        self.pages_reusing(site, bodies, theme, None)
    }

    /// [`Plan::pages`], taking the cards of unchanged events from `cards`
    /// (and keeping this site's there for the next time).
    pub fn pages_reusing(
        &self,
        site: &Site,
        bodies: &Bodies,
        theme: &Theme,
        cards: Option<&CardCache>,
    ) -> Result<Pages, Vec<Diagnostic>> {
        let mut tera = theme.tera.clone();
        let shared = view::site(site);
        tera.global_context().insert_value("site", shared.clone());
        let reuse = cards.map(|cache| (&shared, cache));
        let values = Values::new(site, &self.layout, bodies, &tera, reuse)
            .map_err(|e| theme.diagnostics(&e))?;
        let index = self
            .jobs
            .iter()
            .enumerate()
            .map(|(n, job)| (job.path.clone(), n))
            .collect();
        Ok(Pages {
            tera,
            values,
            index,
        })
    }

    /// Renders the page at `path` (`events/x/index.html`), if the site has
    /// one: what [`Plan::render`] hands its sink for that path.
    pub fn render_page(
        &self,
        pages: &Pages,
        site: &Site,
        bodies: &Bodies,
        theme: &Theme,
        path: &str,
    ) -> Option<Result<Vec<u8>, Vec<Diagnostic>>> {
        let job = &self.jobs[*pages.index.get(path)?];
        Some(self.render_job(pages, site, bodies, theme, job))
    }

    fn render_job(
        &self,
        pages: &Pages,
        site: &Site,
        bodies: &Bodies,
        theme: &Theme,
        job: &Job,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let values = &pages.values;
        // The 404 page is served at any depth, so its links start at the
        // path the site is published under.
        let root = match job.kind {
            Kind::NotFound => values.root_path.clone(),
            _ => root_of(&job.path),
        };
        let (template, title, page_values) = values.of(site, &self.layout, bodies, job, &root);
        let mut ctx = Context::new();
        ctx.insert_value("root", Value::from(root));
        ctx.insert_value("path", Value::from(job.path.as_str()));
        // The page's own URL, relative to the root (`events/riyadh/`).
        let url = urls::of_file(&job.path);
        ctx.insert_value("page_url", Value::from(url));
        ctx.insert_value("page_title", Value::from(title));
        for (k, v) in page_values {
            ctx.insert_value(k, v);
        }
        // Room for the page's listing, up to a few MiB.
        let mut bytes = Vec::with_capacity((16 + job.weight.min(4096)) * 1024);
        match pages.tera.render_to(template, &ctx, &mut bytes) {
            Ok(()) => Ok(bytes),
            Err(e) => Err(theme.diagnostics(&e)),
        }
    }

    /// Renders every page and the theme's assets into `sink`. Template and
    /// write errors are collected from all pages and reported together.
    pub fn render(
        &self,
        site: &Site,
        bodies: &Bodies,
        theme: &Theme,
        sink: &dyn Sink,
    ) -> Result<(), Vec<Diagnostic>> {
        let pages = self.pages(site, bodies, theme)?;
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
            match self.render_job(&pages, site, bodies, theme, job) {
                Ok(bytes) => {
                    if let Err(d) = sink.put(&job.path, &bytes) {
                        report(vec![d]);
                    }
                }
                Err(found) => report(found),
            }
        });
        if let Err(found) = put_assets(theme, sink) {
            report(found);
        }
        let problems = problems.into_inner().unwrap_or_else(|p| p.into_inner());
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// What every page of a site shares, for rendering any one of them (see
/// [`Plan::pages`]).
pub struct Pages {
    tera: Tera,
    values: Values,
    /// Each page's job, by path.
    index: HashMap<String, usize>,
}

impl Pages {
    /// Whether the site has a page at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.index.contains_key(path)
    }
}

/// Hands the theme's assets (CSS, scripts) to `sink`.
pub fn put_assets(theme: &Theme, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    let problems: Vec<Diagnostic> = theme
        .assets
        .iter()
        .filter_map(|(path, bytes)| sink.put(path, bytes).err())
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
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
