//! The site's editions in its other languages (see
//! [`model::editions`]), each rendered as the default one is, into its own
//! folder of the output (`uk/`). They share the theme's assets and the
//! images, which only the default edition writes.

use super::prepared::Part;
use crate::diagnostics::Diagnostic;
use crate::markdown::Bodies;
use crate::model::{self, Site};
use crate::render::Plan;
use crate::sink::{Prefixed, Sink};
use crate::source::theme::Theme;

/// An edition, planned.
pub(super) struct Edition {
    site: Site,
    plan: Plan,
    theme: Theme,
}

/// The editions of `site` in its other languages, each with its theme
/// (`themes`, in the order of `languages`), planned.
pub(super) fn plan(site: &Site, themes: Vec<Theme>) -> Vec<Edition> {
    model::editions::others(site)
        .into_iter()
        .zip(themes)
        .map(|(site, theme)| Edition {
            plan: Plan::new(&site),
            site,
            theme,
        })
        .collect()
}

/// The paths of every HTML page of the editions, with their folders.
pub(super) fn html_paths(editions: &[Edition]) -> Vec<String> {
    let mut paths = Vec::new();
    for e in editions {
        let prefix = e.site.prefix();
        paths.extend(e.plan.html_paths().map(|p| format!("{prefix}{p}")));
        let data = crate::formats::files(&e.site, e.plan.layout());
        paths.extend(data.into_iter().map(|(p, _)| format!("{prefix}{p}")));
    }
    paths
}

/// Renders each edition into its folder of `sink`, or with `lazy` makes
/// it ready to render on request; returns those made ready, and every
/// problem.
pub(super) fn make(
    editions: Vec<Edition>,
    sink: &dyn Sink,
    lazy: bool,
) -> (Vec<Part>, Vec<Diagnostic>) {
    let mut parts = Vec::new();
    let mut problems = Vec::new();
    for Edition {
        mut site,
        plan,
        theme,
    } in editions
    {
        // Few and short next to the default edition's: rendered each time.
        let bodies = Bodies::render(&mut site, None);
        let prefix = site.prefix();
        let into = Prefixed {
            sink,
            prefix: prefix.clone(),
        };
        // The same notes as the default edition's data files: said once.
        let (pages, mut found, _) = super::make(
            &site,
            &bodies,
            &plan,
            &theme,
            &into,
            lazy.then_some(None),
            false,
        );
        problems.append(&mut found);
        if let Some(pages) = pages {
            parts.push(Part {
                prefix,
                site,
                bodies,
                plan,
                theme,
                pages,
            });
        }
    }
    (parts, problems)
}
