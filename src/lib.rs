//! Annals: a static site generator for event timelines.
//!
//! Data flows one way: files on disk ([`config`], [`content`]) become a site
//! model ([`site`]), which is rendered through the theme ([`theme`],
//! [`view`], [`render`]) into pages in memory, which [`output`] writes.
//! Each stage returns every problem it finds as [`Diagnostic`]s; the
//! pipeline stops after a stage that found any.

pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod fields;
pub mod formats;
pub mod http;
pub mod import;
pub mod init;
pub mod markdown;
pub mod new;
pub mod output;
pub mod render;
pub mod serve;
pub mod site;
pub mod slug;
pub mod theme;
pub mod timeline;
pub mod view;
pub mod watch;
pub mod yaml;

pub use diagnostics::Diagnostic;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site_dir: PathBuf,
    /// Overrides `base_url` from `annals.yaml`.
    pub base_url: Option<String>,
    /// Include events marked `draft: true`.
    pub drafts: bool,
}

/// A site loaded and rendered in memory.
pub struct Rendered {
    pub events: usize,
    pub pages: Vec<render::Page>,
    /// Things the author should know that are not problems (such as files
    /// left out for want of `base_url`), one line each.
    pub notes: Vec<String>,
}

impl Rendered {
    /// The HTML pages among the pages (the rest are assets and data files).
    pub fn html_pages(&self) -> impl Iterator<Item = &render::Page> {
        self.pages.iter().filter(|p| p.path.ends_with(".html"))
    }
}

impl BuildReport {
    /// "10 events, 42 pages in 31 ms", as the commands report a build.
    pub fn summary(&self) -> String {
        format!(
            "{} {}, {} pages in {} ms",
            self.events,
            diagnostics::plural(self.events, "event", "events"),
            self.pages,
            self.elapsed.as_millis()
        )
    }
}

/// What a finished build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub events: usize,
    pub pages: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// See [`Rendered::notes`].
    pub notes: Vec<String>,
}

/// What `serve` keeps from one build to the next so that a rebuild after
/// an edit reads, parses and renders from Markdown only the files that
/// changed. Everything else is rendered again from the kept parts.
#[derive(Default)]
pub struct Cache {
    content: content::Cache,
    /// Markdown to HTML, for the options used last.
    bodies: std::sync::Mutex<(Option<markdown::MarkdownOptions>, HashMap<String, String>)>,
}

impl Cache {
    /// The events' bodies as HTML, rendering only bodies not seen before.
    fn bodies(&self, site: &site::Site) -> Vec<String> {
        use rayon::prelude::*;
        let options = site.config.markdown;
        let mut kept = std::mem::take(&mut *self.bodies.lock().unwrap_or_else(|p| p.into_inner()));
        if kept.0 != Some(options) {
            kept = (Some(options), HashMap::new());
        }
        let bodies: Vec<(String, bool)> = site
            .events
            .par_iter()
            .map(|e| match kept.1.get(&e.body) {
                Some(html) => (html.clone(), false),
                None => (markdown::render(&e.body, options), true),
            })
            .collect();
        // Keep the bodies of this build: add the new, drop the gone.
        for (e, (html, new)) in site.events.iter().zip(&bodies) {
            if *new {
                kept.1.insert(e.body.clone(), html.clone());
            }
        }
        if kept.1.len() > site.events.len() {
            let current: std::collections::HashSet<&str> =
                site.events.iter().map(|e| e.body.as_str()).collect();
            kept.1.retain(|body, _| current.contains(body.as_str()));
        }
        *self.bodies.lock().unwrap_or_else(|p| p.into_inner()) = kept;
        bodies.into_iter().map(|(html, _)| html).collect()
    }
}

/// Loads the config and content and assembles the site model.
pub fn load(options: &BuildOptions) -> Result<site::Site, Vec<Diagnostic>> {
    load_cached(options, None)
}

/// [`load`], taking unchanged event files from `cache` when there is one.
fn load_cached(
    options: &BuildOptions,
    cache: Option<&Cache>,
) -> Result<site::Site, Vec<Diagnostic>> {
    let dir = &options.site_dir;
    if !dir.is_dir() {
        return Err(vec![
            Diagnostic::new(None, format!("{} is not a folder", dir.display()))
                .help("give the folder that holds content/ (and annals.yaml, if the site has one)"),
        ]);
    }
    // Config, the files and what spans files are checked together, so every
    // problem is reported in one run.
    let (content, mut problems) =
        content::load_cached(dir, options.drafts, cache.map(|c| &c.content));
    let mut config = config::load(dir).unwrap_or_else(|mut p| {
        problems.append(&mut p);
        config::Config::default()
    });
    if let Some(url) = &options.base_url {
        match config::normalize_base_url(url) {
            Ok(url) => config.base_url = Some(url),
            Err(why) => problems.push(
                Diagnostic::new(None, format!("--base-url: {why}"))
                    .help("write it like https://example.org/timeline/"),
            ),
        }
    }
    match site::assemble(config, content) {
        Ok(site) if problems.is_empty() => Ok(site),
        Ok(_) => Err(problems),
        Err(mut more) => {
            problems.append(&mut more);
            Err(problems)
        }
    }
}

/// What rendering a site into a [`output::Sink`] did.
struct Done {
    events: usize,
    html_pages: usize,
    notes: Vec<String>,
}

impl Done {
    /// The report of a build that started at `start` and went to `output`.
    fn report(self, output: PathBuf, start: Instant) -> BuildReport {
        BuildReport {
            events: self.events,
            pages: self.html_pages,
            output,
            elapsed: start.elapsed(),
            notes: self.notes,
        }
    }
}

/// Loads, checks and renders the whole site, handing every page to `sink`
/// as it is finished.
fn render_into(
    options: &BuildOptions,
    cache: Option<&Cache>,
    sink: &dyn output::Sink,
) -> Result<Done, Vec<Diagnostic>> {
    // The theme does not depend on the content: build both, report both.
    let (site, theme) = timed("load", || {
        rayon::join(
            || load_cached(options, cache),
            || theme::Theme::load(&options.site_dir),
        )
    });
    let (mut site, theme) = match (site, theme) {
        (Ok(s), Ok(t)) => (s, t),
        (s, t) => {
            let mut problems = s.err().unwrap_or_default();
            problems.extend(t.err().unwrap_or_default());
            return Err(problems);
        }
    };
    let bodies = timed("markdown", || match cache {
        Some(cache) => cache.bodies(&site),
        None => markdown::render_bodies(&site),
    });
    // Only the HTML is used from here on: free the Markdown (a quarter of
    // the peak memory on large sites).
    for event in &mut site.events {
        event.body = String::new();
    }
    let plan = render::Plan::new(&site);
    let html: Vec<&str> = plan.html_paths().collect();
    // The data files do not depend on the pages: write both at once.
    let (pages, (mut problems, notes)) = rayon::join(
        || timed("pages", || plan.render(&site, &theme, &bodies, sink)),
        || timed("data files", || formats::write(&site, &bodies, &html, sink)),
    );
    if let Err(mut more) = pages {
        more.append(&mut problems);
        problems = more;
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let done = Done {
        events: site.events.len(),
        html_pages: html.len(),
        notes,
    };
    // Freeing a large site's many small allocations takes a while (0.7 s
    // at 100,000 events); nothing waits for it.
    std::thread::spawn(move || drop((site, bodies, plan)));
    Ok(done)
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
    let done = render_into(options, cache, &memory)?;
    Ok(Rendered {
        events: done.events,
        pages: memory.into_pages(),
        notes: done.notes,
    })
}

/// Loads, checks and renders the whole site, keeping nothing: what
/// `annals check` does. The report's `output` is empty.
pub fn check(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    Ok(render_into(options, None, &output::Discard)?.report(PathBuf::new(), start))
}

/// Builds the site into `output` (default `SITE_DIR/public`). Pages are
/// written as they are rendered, into a folder that replaces the output
/// only once every page is there.
pub fn build(
    options: &BuildOptions,
    output: Option<&Path>,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let output = output.map_or_else(|| options.site_dir.join("public"), Path::to_path_buf);
    let target = output::check_target(&options.site_dir, &output).map_err(|d| vec![d])?;
    let staging = output::Staging::new(&target).map_err(|d| vec![d])?;
    let done = render_into(options, None, &staging)?;
    timed("finish", || {
        staging.finish(&options.site_dir.join("static"))
    })
    .map_err(|d| vec![d])?;
    Ok(done.report(output, start))
}

/// Runs `f`; with `ANNALS_TIMINGS` set in the environment, prints how long
/// it took to stderr, for benchmarks.
pub fn timed<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*ON.get_or_init(|| std::env::var_os("ANNALS_TIMINGS").is_some()) {
        return f();
    }
    let start = Instant::now();
    let value = f();
    // Resident memory after the stage, in MiB, where Linux tells it.
    let rss = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(String::new(), |pages| {
            format!(", {} MiB resident", (pages * 4096) >> 20)
        });
    eprintln!(
        "timing: {stage} {:.1} ms{rss}",
        start.elapsed().as_secs_f64() * 1000.0
    );
    value
}

/// Sorts diagnostics by file, line and column, for stable output.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Pages as (path, text), for comparing builds.
    fn pages(rendered: Rendered) -> Vec<(String, String)> {
        rendered
            .pages
            .into_iter()
            .map(|p| (p.path, String::from_utf8_lossy(&p.bytes).into_owned()))
            .collect()
    }

    #[test]
    fn a_cached_rebuild_renders_what_a_fresh_build_does() {
        let dir = tempfile::tempdir().unwrap();
        let options = BuildOptions {
            site_dir: dir.path().to_path_buf(),
            base_url: None,
            drafts: false,
        };
        write(
            dir.path(),
            "content/a.md",
            "---\ntitle: Alpha\ndate: 2020\n---\nFirst *body*.\n",
        );
        write(
            dir.path(),
            "content/b.md",
            "---\ntitle: Beta\ndate: 2021\n---\nSecond.\n",
        );
        let cache = Cache::default();
        let first = pages(render_site_cached(&options, Some(&cache)).unwrap());
        assert_eq!(first, pages(render_site(&options).unwrap()));

        // An edit (of a different length, so the stamp differs even on a
        // coarse clock), a new file and a deleted one all show.
        write(
            dir.path(),
            "content/a.md",
            "---\ntitle: Alpha, edited\ndate: 2020\n---\nFirst *body*, edited.\n",
        );
        write(
            dir.path(),
            "content/c.md",
            "---\ntitle: Gamma\ndate: 2022\n---\nThird.\n",
        );
        std::fs::remove_file(dir.path().join("content/b.md")).unwrap();
        let second = pages(render_site_cached(&options, Some(&cache)).unwrap());
        assert_eq!(second, pages(render_site(&options).unwrap()));
        let page = |name: &str| {
            second
                .iter()
                .find(|(p, _)| p == name)
                .map(|(_, t)| t.clone())
        };
        assert!(
            page("events/a/index.html")
                .unwrap()
                .contains("First <em>body</em>, edited.")
        );
        assert!(page("events/c/index.html").is_some());
        assert!(page("events/b/index.html").is_none());

        // A file broken and then restored is reported, then built again.
        write(
            dir.path(),
            "content/c.md",
            "---\ntitle: [Gamma\ndate: 2022\n---\n",
        );
        assert!(render_site_cached(&options, Some(&cache)).is_err());
        write(
            dir.path(),
            "content/c.md",
            "---\ntitle: Gamma again\ndate: 2022\n---\nThird.\n",
        );
        let third = pages(render_site_cached(&options, Some(&cache)).unwrap());
        assert_eq!(third, pages(render_site(&options).unwrap()));
    }
}
