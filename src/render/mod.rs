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
mod event_values;
mod media;
pub mod overview;
mod people;
mod site_value;
mod tera_value;
mod values;
pub mod view;
mod words;

use crate::diagnostics::Diagnostic;
use crate::digest::{self, Digest};
use crate::markdown::Bodies;
use crate::model::{Layout, Site, TermKind, urls};
use crate::sink::Sink;
use crate::source::theme::Theme;
pub use cards::CardCache;
use event_values::EventValues;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Mutex;
use tera::{Context, Tera, Value};
use values::{CardsAs, Values};

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
        // One page for addresses that lead nowhere, at the site's root.
        if site.edition == 0 {
            add("404.html".into(), Kind::NotFound, 0);
        }
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
    /// site in their context, and the values many pages show, each event's
    /// card among them (so a template error there is found now).
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
        let pages = self.shared(site, bodies, theme, false, cards.map(|c| &c.values));
        let reuse = cards.map(|cache| (&pages.site, cache));
        match pages.values.render_cards(&pages.tera, None, reuse) {
            Ok(()) => Ok(pages),
            Err(e) => Err(theme.diagnostics(&e)),
        }
    }

    /// [`Plan::pages`], no card rendered yet.
    /// With `digests`, also what the pages are made from, for
    /// [`Plan::render`] to tell which it need not make (`serve`, which
    /// renders a page when asked for it, has no use for them).
    fn shared(
        &self,
        site: &Site,
        bodies: &Bodies,
        theme: &Theme,
        digests: bool,
        kept: Option<&EventValues>,
    ) -> Pages {
        let mut tera = theme.tera.clone();
        let words = words::PageWords::new(theme.words.clone(), &site.config.language);
        let site_value = site_value::site(site, &words, &theme.languages);
        // What every page is made with: the binary, the templates and the
        // site's own values.
        let made_with = digest::binary().filter(|_| digests).map(|binary| {
            let mut digest = Digest::default();
            digest.u128(binary);
            digest.u128(theme.digest);
            digest.tera(&site_value);
            digest.value()
        });
        tera.global_context()
            .insert_value("site", site_value.clone());
        tera.global_context().insert_value("w", words.map.clone());
        let values = Values::new(site, &self.layout, bodies, made_with.is_some(), kept, words);
        let index = self
            .jobs
            .iter()
            .enumerate()
            .map(|(n, job)| (job.path.clone(), n))
            .collect();
        Pages {
            tera,
            site: site_value,
            values,
            index,
            made_with,
        }
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
        let (template, ctx) = self.context(pages, site, bodies, job);
        Some(render_to_bytes(pages, theme, job, template, &ctx))
    }

    /// A page's template and context.
    fn context(
        &self,
        pages: &Pages,
        site: &Site,
        bodies: &Bodies,
        job: &Job,
    ) -> (&'static str, Context) {
        let cards = CardsAs::Html(&pages.tera);
        let (template, values) = self.values(pages, site, bodies, job, &cards);
        let mut ctx = Context::new();
        for (k, v) in values {
            ctx.insert_value(k, v);
        }
        (template, ctx)
    }

    /// The digest of what the page of `job` is made from: what every page
    /// is made with (`with`), its template, and its context, each event's
    /// card standing for itself (it is made from the event's value, which
    /// the context holds, and the templates); and the events whose cards
    /// it lists.
    fn inputs(
        &self,
        pages: &Pages,
        site: &Site,
        bodies: &Bodies,
        job: &Job,
        with: u128,
    ) -> (u128, Vec<usize>) {
        let mut digest = Digest::knowing(&pages.values.known);
        digest.u128(with);
        let listed = std::cell::RefCell::default();
        let (template, values) = self.values(pages, site, bodies, job, &CardsAs::Numbers(&listed));
        digest.str(template);
        for (k, v) in &values {
            digest.str(k);
            digest.tera(v);
        }
        (digest.value(), listed.into_inner())
    }

    /// A page's template and the values its template sees, each event's
    /// card given as `cards` says.
    fn values(
        &self,
        pages: &Pages,
        site: &Site,
        bodies: &Bodies,
        job: &Job,
        cards: &CardsAs,
    ) -> (&'static str, Vec<(&'static str, Value)>) {
        let values = &pages.values;
        // The 404 page is served at any depth, so its links start at the
        // path the site is published under.
        let root = match job.kind {
            Kind::NotFound => values.root_path.clone(),
            _ => root_of(&job.path),
        };
        let (template, title, page_values) =
            values.of(site, &self.layout, bodies, job, &root, cards);
        // The page's own URL, relative to the root (`events/riyadh/`).
        let url = urls::of_file(&job.path);
        let mut all = vec![
            ("root", Value::from(root)),
            ("path", Value::from(job.path.as_str())),
            ("page_url", Value::from(url)),
            ("page_title", Value::from(title)),
        ];
        all.extend(page_values);
        (template, all)
    }

    /// Renders every page into `sink`, but a page
    /// the sink has made from the same inputs already; returns how many
    /// pages it made. Template and write errors are collected from all
    /// pages and reported together.
    pub fn render(
        &self,
        site: &Site,
        bodies: &Bodies,
        theme: &Theme,
        sink: &dyn Sink,
    ) -> Result<usize, Vec<Diagnostic>> {
        let pages = self.shared(site, bodies, theme, true, None);
        let problems: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
        let report = |found: Vec<Diagnostic>| {
            let mut all = problems.lock().unwrap_or_else(|p| p.into_inner());
            for d in found {
                if !all.contains(&d) {
                    all.push(d);
                }
            }
        };
        // What each page is made from: a page the output has made from the
        // same is not made again.
        let todo: Vec<(&Job, Option<u128>, Vec<usize>)> = self
            .jobs
            .par_iter()
            .with_max_len(1)
            .filter_map(|job| match pages.made_with {
                Some(with) => {
                    let (inputs, listed) = self.inputs(&pages, site, bodies, job, with);
                    (!sink.unchanged(&job.path, inputs)).then_some((job, Some(inputs), listed))
                }
                None => Some((job, None, Vec::new())),
            })
            .collect();
        // The cards of the events those pages list, at once.
        let needed = pages.made_with.map(|_| {
            let mut needed = vec![false; pages.values.events()];
            for &i in todo.iter().flat_map(|(_, _, listed)| listed) {
                needed[i] = true;
            }
            needed
        });
        if let Err(e) = pages
            .values
            .render_cards(&pages.tera, needed.as_deref(), None)
        {
            return Err(theme.diagnostics(&e));
        }
        todo.par_iter()
            .with_max_len(1)
            .for_each(|&(job, inputs, _)| {
                let (template, ctx) = self.context(&pages, site, bodies, job);
                let put = |bytes: &[u8]| match inputs {
                    Some(inputs) => sink.put_made_from(&job.path, bytes, inputs),
                    None => sink.put(&job.path, bytes),
                };
                match render_to_bytes(&pages, theme, job, template, &ctx) {
                    Ok(bytes) => {
                        if let Err(d) = put(&bytes) {
                            report(vec![d]);
                        }
                    }
                    Err(found) => report(found),
                }
            });
        let problems = problems.into_inner().unwrap_or_else(|p| p.into_inner());
        if problems.is_empty() {
            Ok(todo.len())
        } else {
            Err(problems)
        }
    }
}

/// Renders the page of `job` through `template`.
fn render_to_bytes(
    pages: &Pages,
    theme: &Theme,
    job: &Job,
    template: &str,
    ctx: &Context,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    // Room for the page's listing, up to a few MiB.
    let mut bytes = Vec::with_capacity((16 + job.weight.min(4096)) * 1024);
    match pages.tera.render_to(template, ctx, &mut bytes) {
        Ok(()) => Ok(bytes),
        Err(e) => Err(theme.diagnostics(&e)),
    }
}

/// What every page of a site shares, for rendering any one of them (see
/// [`Plan::pages`]).
pub struct Pages {
    tera: Tera,
    /// `site` in templates.
    site: Value,
    values: Values,
    /// Each page's job, by path.
    index: HashMap<String, usize>,
    /// The digest of what every page is made with (see [`digest`]), where
    /// the binary can be told.
    made_with: Option<u128>,
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
