//! `annals serve`: serves the site over HTTP from memory,
//! as a static host would serve its build: pretty URLs resolve to their
//! `index.html`, folders without a trailing slash redirect to it, unknown
//! paths get `404.html`. Only the rendered pages, the files of the
//! site's `static/` folder and the images the pages show (read from the
//! site's image cache, as a build made them) can be served; nothing is
//! written but that cache.
//!
//! Each (re)build loads and checks the site and makes a new [`Site`]: its
//! assets and static files, and its model, from which a page or data file
//! is rendered when it is asked for (and kept in a bounded cache). It replaces the
//! old one in a single pointer swap: a request answers from the snapshot
//! it started with, and a rebuild never holds up requests.
//!
//! For live preview, served HTML pages get a small script (never part of
//! the site) that listens on `/__annals/events` (server-sent events) and
//! reloads the page, keeping its scroll position, when the site is rebuilt.
//! While the last rebuild failed, pages are the list of its problems
//! (assets are still served from the last good build).
//!
//! HTTP/1.1 (GET and HEAD, keep-alive, every body with its Content-Length)
//! is read and written by [`http`]. Threads: one accepts,
//! one per open connection answers it (at most [`MAX_CONNECTIONS`]; a
//! connection idle for [`IDLE`] is closed), and one broadcaster writes to
//! every page listening for reloads, so an open page costs no thread and
//! a closed one is let go at the next rebuild or heartbeat.
//! (tiny_http, used before, could leave a new connection waiting until
//! another one closed: its pool queued connections for threads it counted
//! as idle but had already woken, and each connection keeps its thread.)

mod http;
mod live;
mod pages;
mod respond;
mod server;
pub mod watch;

pub use live::{Progress, ServeOptions, serve};
pub use server::{Control, EVENTS_PATH, IDLE, MAX_CONNECTIONS, MAX_LISTENERS, Server};

use crate::build::{self, BuildOptions, BuildReport};
use crate::diagnostics::{Diagnostic, display_path};
pub use pages::{CACHE_BYTES, Files, Site};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Loads and checks the site and takes the files of its `static/` folder:
/// what `annals build` would write, but for the pages and data files,
/// which are rendered when they are asked for. The report's
/// `output` is empty, as nothing is written. `cache` keeps what the next
/// rebuild can reuse.
pub fn render(
    options: &BuildOptions,
    cache: &build::Cache,
) -> Result<(Site, BuildReport), Vec<Diagnostic>> {
    let start = Instant::now();
    let prepared = build::prepare_site(options, Some(cache))?;
    let mut files: Files = prepared
        .files
        .into_iter()
        .map(|p| (p.path, Arc::new(p.bytes)))
        .collect();
    // Static files replace pages of the same path, as they do in a build.
    let mut problems = Vec::new();
    for file in prepared.statics.files {
        match std::fs::read(&file.source) {
            Ok(bytes) => {
                files.insert(file.path, Arc::new(bytes));
            }
            Err(e) => problems.push(Diagnostic::new(
                Some(&display_path(&file.source)),
                format!("cannot read: {e}"),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let report = BuildReport {
        events: prepared.events,
        pages: prepared.html_pages,
        output: PathBuf::new(),
        elapsed: start.elapsed(),
        notes: prepared.notes,
        warnings: prepared.warnings,
        changes: Default::default(),
    };
    let media = prepared.media.into_iter().collect();
    Ok((Site::new(files, prepared.model).with_media(media), report))
}
