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

/// Loads the config and content and assembles the site model.
pub fn load(options: &BuildOptions) -> Result<site::Site, Vec<Diagnostic>> {
    let dir = &options.site_dir;
    if !dir.is_dir() {
        return Err(vec![
            Diagnostic::new(None, format!("{} is not a folder", dir.display()))
                .help("give the folder that holds content/ (and annals.yaml, if the site has one)"),
        ]);
    }
    // Config, the files and what spans files are checked together, so every
    // problem is reported in one run.
    let (content, mut problems) = content::load(dir, options.drafts);
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

/// Loads, checks and renders the whole site without writing anything.
pub fn render_site(options: &BuildOptions) -> Result<Rendered, Vec<Diagnostic>> {
    // The theme does not depend on the content: build both, report both.
    let (site, theme) = rayon::join(|| load(options), || theme::Theme::load(&options.site_dir));
    let (site, theme) = match (site, theme) {
        (Ok(s), Ok(t)) => (s, t),
        (s, t) => {
            let mut problems = s.err().unwrap_or_default();
            problems.extend(t.err().unwrap_or_default());
            return Err(problems);
        }
    };
    let bodies = markdown::render_bodies(&site);
    let mut pages = render::render(&site, &theme, &bodies)?;
    let mut rendered = Rendered {
        events: site.events.len(),
        pages: Vec::new(),
        notes: Vec::new(),
    };
    let html: Vec<&str> = pages
        .iter()
        .map(|p| p.path.as_str())
        .filter(|p| p.ends_with(".html"))
        .collect();
    let (data, notes) = formats::pages(&site, &bodies, &html);
    pages.extend(data);
    rendered.pages = pages;
    rendered.notes = notes;
    Ok(rendered)
}

/// Builds the site into `output` (default `SITE_DIR/public`).
pub fn build(
    options: &BuildOptions,
    output: Option<&Path>,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let output = output.map_or_else(|| options.site_dir.join("public"), Path::to_path_buf);
    let target = output::check_target(&options.site_dir, &output).map_err(|d| vec![d])?;
    let rendered = render_site(options)?;
    output::write(&target, &rendered.pages, &options.site_dir.join("static"))
        .map_err(|d| vec![d])?;
    Ok(BuildReport {
        events: rendered.events,
        pages: rendered.html_pages().count(),
        output,
        elapsed: start.elapsed(),
        notes: rendered.notes,
    })
}

/// Sorts diagnostics by file, line and column, for stable output.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
}
