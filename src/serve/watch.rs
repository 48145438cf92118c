//! Watches what a site is built from — `content/`, `actors/`, `templates/`, `i18n/`,
//! `static/` and `annals.yaml` — and reports changes in batches, so that an editor's
//! save (write a temporary file, rename it over the old one) or a checkout
//! touching many files is one rebuild, not many. Reading a file is not a
//! change: the rebuild itself reads every file.

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// How long the files must be quiet before a batch is reported.
pub const QUIET: Duration = Duration::from_millis(20);

/// The folders a site is built from, besides `annals.yaml`.
const SOURCES: &[&str] = &["content", "actors", "templates", "i18n", "static"];

/// A running watch; dropping it stops watching.
pub struct Watch {
    watcher: RecommendedWatcher,
    site_dir: PathBuf,
    /// Source folders watched so far.
    watched: Vec<PathBuf>,
    /// One message per batch of changes, with the paths that changed,
    /// relative to the site folder.
    pub changes: Receiver<Vec<PathBuf>>,
}

impl Watch {
    /// Keeps each source folder watched after the batch `changed`: one
    /// created since the watch began is watched (a site may get its
    /// `templates/` while it is being served), and one that was itself
    /// deleted, moved, or replaced (`rm -rf content && cp -r backup
    /// content`, `mv content x && mv x content`) is watched again, as a
    /// watch on a folder ends with it (inotify) and when it is moved away.
    /// Called before each rebuild, which reads every file anyway: a file
    /// written while no watch was attached is not missed.
    pub fn follow(&mut self, changed: &[PathBuf]) {
        for source in SOURCES {
            let dir = self.site_dir.join(source);
            if changed.iter().any(|p| p.as_os_str() == *source) {
                // The watch may be gone already: then there is nothing to
                // remove, and that is not a problem.
                let _ = self.watcher.unwatch(&dir);
                self.watched.retain(|w| w != &dir);
            }
            if dir.is_dir()
                && !self.watched.contains(&dir)
                && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.push(dir);
            }
        }
    }
}

/// Starts watching `site_dir`. The site folder itself is watched without
/// its subfolders (for `annals.yaml`, and for source folders created
/// later), each source folder with them; nothing else (such as `target/`
/// or the output) is watched.
pub fn watch(site_dir: &Path) -> notify::Result<Watch> {
    // Events name paths in the watched form: watch the real, absolute path.
    let site_dir = std::fs::canonicalize(site_dir)?;
    let site = site_dir.clone();
    // A changed path relative to the site, if the site is built from it.
    let relevant = move |path: &Path| -> Option<PathBuf> {
        let rel = path.strip_prefix(&site).ok()?;
        let mut parts = rel.components();
        let ok = match (parts.next(), parts.next()) {
            (Some(first), None) => {
                let name = first.as_os_str();
                name == "annals.yaml" || SOURCES.iter().any(|s| name == *s)
            }
            (Some(first), Some(_)) => SOURCES.iter().any(|s| first.as_os_str() == *s),
            _ => false,
        };
        ok.then(|| rel.to_path_buf())
    };
    let (raw_tx, raw_rx) = channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // The system lost track (its queue of changes overflowed): any
        // file may have changed, and every folder is looked at again.
        if let Ok(event) = &event
            && event.need_rescan()
        {
            let all = SOURCES.iter().chain(["annals.yaml"].iter());
            let _ = raw_tx.send(all.map(PathBuf::from).collect());
            return;
        }
        if let Ok(event) = event
            && !matches!(event.kind, EventKind::Access(_))
        {
            let paths: Vec<PathBuf> = event
                .paths
                .into_iter()
                .filter_map(|p| relevant(&p))
                .collect();
            if !paths.is_empty() {
                let _ = raw_tx.send(paths);
            }
        }
    })?;
    watcher.watch(&site_dir, RecursiveMode::NonRecursive)?;
    let (tx, rx) = channel();
    // Batches: the first change, then every change until QUIET passes
    // without one.
    std::thread::spawn(move || {
        while let Ok(mut batch) = raw_rx.recv() {
            loop {
                match raw_rx.recv_timeout(QUIET) {
                    Ok(more) => batch.extend(more),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            batch.sort();
            batch.dedup();
            if tx.send(batch).is_err() {
                return;
            }
        }
    });
    let mut watch = Watch {
        watcher,
        site_dir,
        watched: Vec::new(),
        changes: rx,
    };
    watch.follow(&[]);
    Ok(watch)
}
