//! A site loaded, checked and made ready to render any page on request,
//! which is what `annals serve` keeps instead of every rendered page.

use super::{BuildOptions, Cache, run_judging};
use crate::diagnostics::Diagnostic;
use crate::formats;
use crate::markdown::Bodies;
use crate::model;
use crate::output;
use crate::render;
use crate::sink::{Page, file_error};
use crate::source::statics::Statics;
use crate::source::theme::Theme;
use std::path::Path;

/// A checked site, ready to render any of its pages on request: what
/// `serve` keeps instead of every page.
pub struct Model {
    /// The site in each of its languages, the default (at the root)
    /// first (see [`model::editions`]).
    pub(super) parts: Vec<Part>,
}

/// One edition of a site, ready to render.
pub(super) struct Part {
    /// Where its files are: `""`, or `uk/`.
    pub(super) prefix: String,
    pub(super) site: model::Site,
    pub(super) bodies: Bodies,
    pub(super) plan: render::Plan,
    pub(super) theme: Theme,
    pub(super) pages: render::Pages,
}

impl Model {
    /// Whether the site has an HTML page or a data file at `path`
    /// (`events/x/index.html`, `events.json`, `uk/events.json`).
    pub fn has(&self, path: &str) -> bool {
        self.part(path)
            .is_some_and(|(part, path)| part.pages.has(path) || part.data(path).is_some())
    }

    /// Renders the page or data file at `path`, if the site has one; a
    /// template error comes back as its problems.
    pub fn render(&self, path: &str) -> Option<Result<Vec<u8>, Vec<Diagnostic>>> {
        let (part, path) = self.part(path)?;
        part.render(path)
    }

    /// The edition `path` is in, and the path within it.
    fn part<'p>(&self, path: &'p str) -> Option<(&Part, &'p str)> {
        let other = self.parts.iter().skip(1).find_map(|part| {
            let rest = path.strip_prefix(part.prefix.as_str())?;
            Some((part, rest))
        });
        other.or_else(|| Some((self.parts.first()?, path)))
    }
}

impl Part {
    fn render(&self, path: &str) -> Option<Result<Vec<u8>, Vec<Diagnostic>>> {
        let (site, bodies, theme) = (&self.site, &self.bodies, &self.theme);
        if let Some(page) = self
            .plan
            .render_page(&self.pages, site, bodies, theme, path)
        {
            return Some(page);
        }
        let data = self.data(path)?;
        let html: Vec<&str> = self.plan.html_paths().collect();
        let mut bytes = Vec::new();
        Some(
            formats::render(data, site, bodies, &theme.words, &html, &mut bytes)
                .map(|()| bytes)
                .map_err(|e| vec![file_error("cannot write", Path::new(path), e)]),
        )
    }

    /// The data file at `path`, if the edition has one.
    fn data(&self, path: &str) -> Option<formats::Data> {
        formats::find(&self.site, self.plan.layout(), path)
    }
}

/// A site loaded and checked, with the theme's assets, and its pages and
/// data files left to render on request.
pub struct Prepared {
    pub events: usize,
    pub html_pages: usize,
    /// The theme's assets.
    pub files: Vec<Page>,
    pub model: Model,
    pub statics: Statics,
    /// The images' files: each one's path in the site (`media/...`) and
    /// the file of the image cache that holds it.
    pub media: Vec<(String, std::path::PathBuf)>,
    pub notes: Vec<String>,
    pub warnings: Vec<String>,
}

/// Runs every stage but the rendering of pages and data files (the pages'
/// shared parts, such as each event's card, are made, so a template error
/// there is found), reusing what `cache` kept from the previous run.
pub fn prepare_site(
    options: &BuildOptions,
    cache: Option<&Cache>,
) -> Result<Prepared, Vec<Diagnostic>> {
    let memory = output::Memory::default();
    let done = run_judging(options, super::Kept::from(cache), &memory, None, true)?;
    let Some(model) = done.model else {
        return Err(vec![Diagnostic::new(None, "the pages were not prepared")]);
    };
    Ok(Prepared {
        events: done.events,
        html_pages: done.html_pages,
        files: memory.into_pages(),
        model,
        statics: done.statics,
        media: done.media_files,
        notes: done.notes,
        warnings: done.warnings,
    })
}
