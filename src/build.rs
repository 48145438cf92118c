//! The pipeline: one run from the files on disk to the output, with one
//! type handed from each stage to the next.
//!
//! ```text
//! source::read ──▶ Sources ──model::assemble──▶ Site ──Bodies::render──▶ Bodies
//!     ──render::Plan (pages) + formats::write (data files)──▶ Sink
//! ```
//!
//! `build` streams the pages into a sink that compares each with the
//! output folder and stages only the new and changed ones, moved into
//! place once everything is rendered and checked; `check` into a sink
//! that keeps nothing. `serve` stops short of the pages: it gets the data
//! files and a [`Model`] that renders any page on request. Each stage
//! returns every problem it finds, and the pipeline stops after a stage
//! that found any
//! (the model's checks across files still run on the files that parsed).

use crate::diagnostics::{self, Diagnostic};
use crate::digest::{self, Digest};
use crate::formats;
use crate::markdown::{self, Bodies};
use crate::model;
use crate::output;
use crate::render;
use crate::sink::{Page, Sink};
use crate::source::statics::Statics;
use crate::source::{self, Reading, Sources};
use std::path::{Path, PathBuf};
use std::time::Instant;

mod editions;
mod images;
mod prepared;
mod recording;
mod report;
mod timing;
pub use prepared::{Model, Prepared, prepare_site};
use recording::Recording;
pub use report::BuildReport;
use report::kept_note;
pub use timing::timed;
use timing::timing;

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site_dir: PathBuf,
    /// Overrides `base_url` from `annals.yaml`.
    pub base_url: Option<String>,
    /// Overrides `as_of` from `annals.yaml`: the day expectations are
    /// judged on.
    pub as_of: Option<String>,
    /// Include events marked `draft: true`.
    pub drafts: bool,
}

/// A site rendered in memory, for `serve` and tests.
pub struct Rendered {
    pub events: usize,
    /// Sorted by path.
    pub pages: Vec<Page>,
    /// The files of `static/`, published beside the pages.
    pub statics: Statics,
    /// What became of each image the pages show.
    pub images: crate::media::Images,
    /// Things the author should know that are not problems (such as files
    /// left out for want of `base_url`), one line each.
    pub notes: Vec<String>,
    /// Things the author should look at, though the site builds (such as a
    /// name written in two ways), one line each.
    pub warnings: Vec<String>,
}

impl Rendered {
    /// The HTML pages among the pages (the rest are assets and data files).
    pub fn html_pages(&self) -> impl Iterator<Item = &Page> {
        self.pages.iter().filter(|p| p.path.ends_with(".html"))
    }
}

/// What `serve` keeps from one build to the next so that a rebuild after
/// an edit reads, parses and renders from Markdown only the files that
/// changed, and renders the cards of only the events whose values changed
/// (all of them after [`Cache::templates_changed`]). Everything else is
/// made again from the kept parts.
#[derive(Default)]
pub struct Cache {
    content: source::content::Cache,
    bodies: markdown::Cache,
    cards: render::CardCache,
}

impl Cache {
    /// Forgets what was rendered through the templates: they changed.
    pub fn templates_changed(&self) {
        self.cards.forget();
    }

    /// Takes note that a watch on the site's files runs from now on (see
    /// [`source::content::Cache::watching`]).
    pub fn watching(&self) {
        self.content.watching();
    }

    /// Takes note of the paths the watch saw change, relative to
    /// `site_dir` (see [`source::content::Cache::changed`]).
    pub fn changed(&self, site_dir: &Path, changed: &[PathBuf]) {
        self.content.changed(site_dir, changed);
    }
}

/// What a run takes from the builds before it.
#[derive(Clone, Copy)]
enum Kept<'a> {
    /// Nothing: `annals check`, and renderings into memory without a cache.
    Nothing,
    /// What `serve` keeps in memory from its last rebuild.
    Served(&'a Cache),
    /// The bodies kept in the site's cache folder: `annals build`.
    Stored,
}

impl<'a> Kept<'a> {
    fn from(cache: Option<&'a Cache>) -> Kept<'a> {
        cache.map_or(Kept::Nothing, Kept::Served)
    }

    fn served(self) -> Option<&'a Cache> {
        match self {
            Kept::Served(cache) => Some(cache),
            _ => None,
        }
    }
}

/// What one run of the pipeline did.
struct Done {
    events: usize,
    html_pages: usize,
    notes: Vec<String>,
    warnings: Vec<String>,
    statics: Statics,
    /// With `lazy`: what renders any page on request.
    model: Option<Model>,
    /// What became of each image the pages show.
    images: crate::media::Images,
    /// The images' files in the output and where the cache holds them.
    media_files: Vec<(String, PathBuf)>,
}

impl Done {
    /// The report of a build that started at `start` and went to `output`.
    fn report(&self, output: PathBuf, start: Instant) -> BuildReport {
        BuildReport {
            events: self.events,
            pages: self.html_pages,
            output,
            elapsed: start.elapsed(),
            notes: self.notes.clone(),
            warnings: self.warnings.clone(),
            changes: output::Changes::default(),
        }
    }
}

/// Runs every stage, handing every page to `sink` as it is finished.
fn run(options: &BuildOptions, kept: Kept, sink: &dyn Sink) -> Result<Done, Vec<Diagnostic>> {
    run_judging(options, kept, sink, None, false)
}

/// [`run`]; `check_on` is `Some(today)` for `annals check`, which judges
/// expectations on that day where neither the options nor `annals.yaml`
/// give an `as_of` day, and audits the sources (see [`model::sourcing`]).
fn run_judging(
    options: &BuildOptions,
    kept: Kept,
    sink: &dyn Sink,
    check_on: Option<crate::date::EventDate>,
    lazy: bool,
) -> Result<Done, Vec<Diagnostic>> {
    let checking = check_on.is_some();
    let cache = kept.served();
    let reading = Reading {
        site_dir: &options.site_dir,
        base_url: options.base_url.as_deref(),
        as_of: options.as_of.as_deref(),
        as_of_default: check_on,
        drafts: options.drafts,
        cache: cache.map(|c| &c.content),
    };
    let (sources, mut problems) = timed("load", || source::read(reading));
    // What the output is made from, in short, with the binary that makes
    // it: only a build keeps it.
    let digest = match lazy || checking {
        true => None,
        false => sources
            .digest()
            .zip(digest::binary())
            .map(|(site, binary)| {
                let mut digest = Digest::default();
                digest.u128(site);
                digest.u128(binary);
                digest.value()
            }),
    };
    let Sources {
        config,
        content,
        theme,
        editions: edition_themes,
        statics,
        actors,
    } = sources;
    let (mut site, theme) = match (model::assemble_with(config, content, actors), theme) {
        (Ok(site), Some(theme)) if problems.is_empty() => (site, theme),
        (site, _) => {
            problems.extend(site.err().unwrap_or_default());
            return Err(problems);
        }
    };
    if checking {
        site.warnings.extend(model::sourcing::audit(&site.events));
        site.warnings
            .extend(model::translations::untranslated(&site));
        site.warnings
            .extend(model::translations::unused_names(&site));
        // What the translation lacks or has too much of.
        site.warnings.extend(theme.words.warnings.iter().cloned());
    }
    // Images first: the pages show their sizes, and their content is
    // part of what the output is made from.
    let media = timed("images", || {
        images::make(
            &options.site_dir,
            &model::media::image_requests(&site),
            &model::media::image_settings(&site.config.media),
            !checking,
        )
    })?;
    site.images = media.images.clone();
    let digest = digest.map(|d| media.digest(d));
    let plan = render::Plan::new(&site);
    // Made before the bodies: an edition shows an untranslated event with
    // the original's body, which rendering takes out of the event.
    let editions = editions::plan(&site, edition_themes);
    let edition_paths = editions::html_paths(&editions);
    let html_pages = plan.html_paths().count()
        + (edition_paths.iter())
            .filter(|p| p.ends_with(".html"))
            .count();
    let sink = Recording::new(sink, !statics.is_empty());
    // A build over the output of the same site, all of it as that build
    // left it, makes nothing again.
    let carried = digest.and_then(|digest| timed("carry over", || sink.carry_over(digest)));
    // The bodies to keep in the site's cache folder, once all is well.
    let mut keep_bodies = None;
    let (made, mut problems, notes) = match carried {
        Some(carried) => (None, Vec::new(), carried.notes),
        None => {
            let stored = matches!(kept, Kept::Stored)
                .then(|| {
                    let path = markdown::stored::path(&options.site_dir);
                    markdown::stored::Stored::open(path, site.config.markdown)
                })
                .flatten();
            let bodies = timed("markdown", || {
                let cache = cache.map(|c| &c.bodies);
                Bodies::render(&mut site, cache.or(stored.as_ref().map(|s| &s.1)))
            });
            if let Some((_, kept)) = &stored {
                let all = bodies.events.len();
                timing(&format!("rendered {} of {all} bodies", kept.rendered()));
            }
            keep_bodies = stored;
            let (pages, problems, notes) = make(
                &site,
                &bodies,
                &plan,
                &theme,
                &sink,
                lazy.then_some(cache.map(|c| &c.cards)),
                true,
            );
            let mut problems = problems;
            let (parts, mut more) = timed("editions", || editions::make(editions, &sink, lazy));
            problems.append(&mut more);
            if !lazy && !checking {
                problems.extend(timed("image files", || images::put(&media, &sink)));
            }
            if let Some(digest) = digest {
                sink.made(digest, &notes);
            }
            (Some((bodies, pages, parts)), problems, notes)
        }
    };
    let mut generated = sink.paths();
    if lazy && !statics.is_empty() {
        generated.extend(plan.html_paths().map(str::to_string));
        let data = formats::files(&site, plan.layout());
        generated.extend(data.into_iter().map(|(path, _)| path));
        generated.extend(edition_paths);
    }
    // A problem of the output folder (it cannot be made) comes from every
    // file written: say it once.
    let mut seen = Vec::with_capacity(problems.len());
    problems.retain(|d| {
        let new = !seen.contains(d);
        if new {
            seen.push(d.clone());
        }
        new
    });
    let (replaced, mut clashes) = statics.against(generated.iter().map(String::as_str));
    problems.append(&mut clashes);
    problems.extend(reserved_names(&statics));
    if !problems.is_empty() {
        return Err(problems);
    }
    // A refused build leaves the site folder as it was.
    if let Some((stored, kept)) = keep_bodies {
        timed("keep bodies", || stored.save(&kept));
    }
    let mut notes = notes;
    notes.extend(statics.note());
    notes.extend(media.note());
    let mut warnings = std::mem::take(&mut site.warnings);
    if !replaced.is_empty() {
        warnings.push(format!(
            "static/ replaces {} that Annals generates: {}",
            diagnostics::plural(replaced.len(), "a file", "files"),
            replaced.join(", ")
        ));
    }
    let events = site.events.len();
    let model = match made {
        Some((bodies, Some(pages), parts)) => {
            let default = prepared::Part {
                prefix: String::new(),
                site,
                bodies,
                plan,
                theme,
                pages,
            };
            Some(Model {
                parts: std::iter::once(default).chain(parts).collect(),
            })
        }
        made => {
            // Freeing a large site's many small allocations takes a while
            // (0.7 s at 100,000 events); nothing waits for it.
            std::thread::spawn(move || drop((site, made, plan)));
            None
        }
    };
    Ok(Done {
        events,
        html_pages,
        notes,
        warnings,
        statics,
        model,
        images: media.images,
        media_files: media.files,
    })
}

/// Renders the pages and the data files into `sink`, at once: neither
/// depends on the other. With `lazy` (`Some`, for `serve`, with the cards
/// kept from its last rebuild), the pages are only made ready to render,
/// the theme's assets written, and the data files left to render on
/// request. The theme's assets are written with `assets` (the default
/// edition; the others share them). Returns the prepared pages with
/// `lazy`, every problem, and the data files' notes.
fn make(
    site: &model::Site,
    bodies: &Bodies,
    plan: &render::Plan,
    theme: &crate::source::theme::Theme,
    sink: &dyn Sink,
    lazy: Option<Option<&render::CardCache>>,
    assets: bool,
) -> (Option<render::Pages>, Vec<Diagnostic>, Vec<String>) {
    let html: Vec<&str> = plan.html_paths().collect();
    let put_assets = || match assets {
        true => render::put_assets(theme, sink),
        false => Ok(()),
    };
    let (pages, (mut problems, notes)) = rayon::join(
        || {
            timed("pages", || match lazy {
                Some(cards) => plan
                    .pages_reusing(site, bodies, theme, cards)
                    .and_then(|pages| put_assets().map(|()| Some(pages))),
                None => plan.render(site, bodies, theme, sink).and_then(|made| {
                    let all = plan.html_paths().count();
                    timing(&format!("made {made} of {all} pages"));
                    put_assets().map(|()| None)
                }),
            })
        },
        || {
            timed("data files", || match lazy {
                // Rendered on request (see `Model::render`).
                Some(_) => (Vec::new(), formats::notes(site)),
                None => formats::write(site, plan.layout(), bodies, &theme.words, &html, sink),
            })
        },
    );
    match pages {
        Ok(pages) => (pages, problems, notes),
        Err(mut more) => {
            more.append(&mut problems);
            (None, more, notes)
        }
    }
}

/// A problem for each file of `static/` named as the record Annals keeps
/// in the output folder.
fn reserved_names(statics: &Statics) -> Vec<Diagnostic> {
    let reserved = [output::MANIFEST, output::JOURNAL];
    statics
        .files
        .iter()
        .filter(|f| reserved.contains(&f.path.as_str()))
        .map(|f| {
            Diagnostic::new(
                Some(&diagnostics::display_path(&f.source)),
                "this is the name of the record Annals keeps in the output folder",
            )
            .help("rename the static file")
        })
        .collect()
}

/// Loads, checks and renders the whole site into memory, writing nothing.
pub fn render_site(options: &BuildOptions) -> Result<Rendered, Vec<Diagnostic>> {
    render_site_cached(options, None)
}

/// [`render_site`], reusing what `cache` kept from the previous build (and
/// keeping this one's for the next).
pub fn render_site_cached(
    options: &BuildOptions,
    cache: Option<&Cache>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let memory = output::Memory::default();
    let done = run(options, Kept::from(cache), &memory)?;
    Ok(Rendered {
        events: done.events,
        pages: memory.into_pages(),
        statics: done.statics,
        images: done.images,
        notes: done.notes,
        warnings: done.warnings,
    })
}

/// Loads, checks and renders the whole site, keeping nothing: what
/// `annals check` does. Expectations are judged on `as_of`, or else on
/// today (check writes nothing, so nothing comes to depend on the clock).
/// The report's `output` is empty.
pub fn check(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let today = Some(crate::date::today());
    Ok(
        run_judging(options, Kept::Nothing, &output::Discard, today, false)?
            .report(PathBuf::new(), start),
    )
}

/// Builds the site into `output` (default `SITE_DIR/public`). Each file is
/// compared with the one there as it is rendered; the new and changed ones
/// are staged beside the output and moved into place only once everything
/// is rendered and checked, and the files of the last build that are gone
/// are deleted then (see [`output`]).
pub fn build(
    options: &BuildOptions,
    output: Option<&Path>,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let output = output.map_or_else(|| options.site_dir.join("public"), Path::to_path_buf);
    let target = output::check_target(&options.site_dir, &output).map_err(|d| vec![d])?;
    let update = output::Update::new(&target, &output).map_err(|d| vec![d])?;
    let done = run(options, Kept::Stored, &update)?;
    let changes = timed("finish", || update.finish(&done.statics))?;
    let mut report = done.report(output, start);
    if !changes.kept.is_empty() {
        report.notes.push(kept_note(&report.output, &changes.kept));
    }
    report.changes = changes;
    Ok(report)
}

#[cfg(test)]
mod tests;
