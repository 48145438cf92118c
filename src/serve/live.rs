//! What `annals serve` does from start to finish: build the site into
//! memory, serve it, and — with live reload — watch the site's files,
//! rebuild after each change and publish the result (or its problems) to
//! the open pages.

use super::{Server, render, watch};
use crate::build::{BuildOptions, BuildReport, Cache};
use crate::diagnostics::{self, Diagnostic};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// What to serve, and how.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site_dir: PathBuf,
    /// The address to listen on.
    pub bind: String,
    /// The port to listen on; the next free one of the ten after it is
    /// used if it is taken (0: any free port).
    pub port: u16,
    pub drafts: bool,
    /// The day expectations are judged on (`--as-of`).
    pub as_of: Option<String>,
    /// Watch for changes and reload open pages.
    pub reload: bool,
}

/// What happens while serving, for the person who runs the server.
#[derive(Debug)]
pub enum Progress {
    /// The port asked for is taken: another is used.
    PortTaken { asked: u16, using: u16 },
    /// The first build is done.
    Built(BuildReport),
    /// Files are being watched.
    Watching,
    /// The server answers at this address, until the process ends.
    Serving(SocketAddr),
    /// `what` changed ("content/a.md", or "3 files") and the site was
    /// rebuilt.
    Rebuilt { what: String, report: BuildReport },
    /// `what` changed and the site no longer builds; its problems, as text,
    /// are what open pages show until the next good save.
    Failed { what: String, problems: String },
}

/// Builds the site, serves it, and (with `reload`) rebuilds it on every
/// change, telling `tell` what happens. Returns only if the first build or
/// the server cannot start.
pub fn serve(
    options: ServeOptions,
    tell: impl Fn(Progress) + Send + Sync + 'static,
) -> Result<(), Vec<Diagnostic>> {
    let tell = Arc::new(tell);
    // Listen first, so the build's absolute URLs (feeds, sitemap) point
    // at this server, as `base_url` would on the published site.
    let server = Server::bind(&options.bind, options.port, options.reload).map_err(|e| {
        let help = match e.kind() {
            std::io::ErrorKind::AddrInUse => "pass another --port, or stop the program using it",
            _ => "pass an address of this machine to --bind: 127.0.0.1, 0.0.0.0, ::1 or localhost",
        };
        vec![Diagnostic::new(None, format!("cannot listen on {}: {e}", options.bind)).help(help)]
    })?;
    let address = server.address;
    let build = BuildOptions {
        site_dir: options.site_dir,
        base_url: Some(match address.ip().is_unspecified() {
            true => format!("http://localhost:{}/", address.port()),
            false => format!("http://{address}/"),
        }),
        as_of: options.as_of,
        drafts: options.drafts,
    };
    let control = server.control();
    // Unchanged event files are not parsed again, nor their Markdown or
    // cards rendered, on a rebuild.
    let cache = Cache::default();
    let (files, report) = render(&build, &cache)?;
    control.publish(files);
    if options.port != 0 && address.port() != options.port {
        tell(Progress::PortTaken {
            asked: options.port,
            using: address.port(),
        });
    }
    tell(Progress::Built(report));
    if options.reload {
        let mut watch = watch::watch(&build.site_dir).map_err(|e| {
            vec![
                Diagnostic::new(
                    None,
                    format!("cannot watch {}: {e}", build.site_dir.display()),
                )
                .help("pass --no-reload to serve without watching"),
            ]
        })?;
        cache.watching();
        let told = Arc::clone(&tell);
        std::thread::spawn(move || {
            while let Ok(mut changed) = watch.changes.recv() {
                // Changes made during the last rebuild: one rebuild for all.
                while let Ok(more) = watch.changes.try_recv() {
                    changed.extend(more);
                }
                changed.sort();
                changed.dedup();
                watch.follow(&changed);
                cache.changed(&build.site_dir, &changed);
                // Cards are kept while their events and the templates stay
                // the same: the watch is what says the templates changed
                // (the folder itself when it was replaced or moved).
                if changed
                    .iter()
                    .any(|p| p.starts_with("templates") || p.starts_with("i18n"))
                {
                    cache.templates_changed();
                }
                let what = match changed.as_slice() {
                    [one] => one.display().to_string(),
                    many => format!("{} files", many.len()),
                };
                match render(&build, &cache) {
                    Ok((files, report)) => {
                        control.publish(files);
                        told(Progress::Rebuilt { what, report });
                    }
                    Err(mut problems) => {
                        diagnostics::sort(&mut problems);
                        let problems = diagnostics::report(&problems);
                        told(Progress::Failed {
                            what,
                            problems: problems.clone(),
                        });
                        control.fail(problems);
                    }
                }
            }
        });
        tell(Progress::Watching);
    }
    tell(Progress::Serving(address));
    server.run();
    Ok(())
}
