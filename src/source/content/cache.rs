//! What `serve` keeps of `content/` from one load to the next: the events
//! parsed from each file, and the last walk of the folder.
//!
//! A file whose size and modification time have not changed is not read
//! or parsed again. While a watch is running and has told of every change
//! since the last load ([`Cache::watching`], [`Cache::changed`]), and none
//! of the changes can add or remove an event file, the last walk stands
//! and the files the watch did not name are not even looked at: at 10,000
//! events, walking the folder and asking each file's size took half of a
//! rebuild.

use super::{File, is_markdown};
use crate::diagnostics::Diagnostic;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// An event file (or a translation) parsed, shared with the models built
/// from it, or its problems.
pub(super) type Parsed = Result<File, Vec<Diagnostic>>;

/// See the module's documentation.
#[derive(Default)]
pub struct Cache {
    parsed: Mutex<HashMap<PathBuf, Cached>>,
    walk: Mutex<Kept>,
}

/// The last walk, and what the watch said since.
#[derive(Default)]
struct Kept {
    walk: Option<Walk>,
    /// Whether the walk stands for the next load.
    stands: bool,
    /// Whether the watch told of changes since the last load, and the
    /// event files it named.
    told: bool,
    touched: HashSet<PathBuf>,
    /// Whether a watch is running, and whether it was during the last
    /// load: only then has it told of every change since.
    watching: bool,
    loaded_watched: bool,
    /// The site's languages at the last load: they say which files are
    /// translations, so all is read again when they change.
    languages: Vec<String>,
}

/// The event files found in `content/`, the problems found on the way,
/// and once they were loaded, what each one gave, in the same order.
#[derive(Clone)]
struct Walk {
    paths: Vec<PathBuf>,
    problems: Vec<Diagnostic>,
    parsed: Vec<Parsed>,
}

/// A file's size and modification time when it was parsed, and the result.
struct Cached {
    stamp: (u64, Option<SystemTime>),
    parsed: Parsed,
}

/// What a load is to read: the event files, the problems of the walk, and
/// for each file the last load's result where it stands.
pub(super) struct Found {
    pub paths: Vec<PathBuf>,
    pub problems: Vec<Diagnostic>,
    pub kept: Vec<Option<Parsed>>,
}

impl Cache {
    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.walk.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes note that a watch on the site's files is running from now on,
    /// and will tell [`Cache::changed`] of every change.
    pub fn watching(&self) {
        self.kept().watching = true;
    }

    /// Takes note that the paths `changed` (relative to `site_dir`, as the
    /// watch gives them) changed since the last load: the last walk of
    /// `content/` is forgotten unless the watch was running during that
    /// load and each path is an event file it found and that is still a
    /// file, or something else than an event file and a folder (an
    /// editor's temporary file), or outside `content/`.
    pub fn changed(&self, site_dir: &Path, changed: &[PathBuf]) {
        let mut kept = self.kept();
        let kept = &mut *kept;
        let Some(found) = kept.walk.as_ref().filter(|_| kept.loaded_watched) else {
            return;
        };
        let content = Path::new("content");
        let mut touched = Vec::new();
        let stands = changed.iter().all(|rel| {
            if !rel.starts_with(content) || rel == content {
                // The site folder itself (or above) is not a file's change.
                return !content.starts_with(rel);
            }
            let path = site_dir.join(rel);
            let meta = std::fs::symlink_metadata(&path);
            if is_markdown(&path) {
                let known = meta.is_ok_and(|m| m.is_file()) && found.paths.contains(&path);
                touched.push(path);
                known
            } else {
                !meta.is_ok_and(|m| m.is_dir() || m.is_symlink())
                    && !found.paths.iter().any(|p| p.starts_with(&path))
            }
        });
        // Told again before a load: what was told before still counts.
        kept.stands = stands && (kept.stands || !kept.told);
        kept.told = true;
        kept.touched.extend(touched);
    }

    /// The event files under `dir`: the last walk's, where it stands, with
    /// the last load's result of each file the watch did not name.
    pub(super) fn find(&self, site_dir: &Path, dir: &Path, languages: &[String]) -> Found {
        let mut kept = self.kept();
        let mut stands = std::mem::take(&mut kept.stands);
        if kept.languages != languages {
            kept.languages = languages.to_vec();
            self.parsed
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clear();
            stands = false;
        }
        kept.told = false;
        let touched = std::mem::take(&mut kept.touched);
        kept.loaded_watched = kept.watching;
        match &kept.walk {
            Some(walk) if stands && walk.parsed.len() == walk.paths.len() => Found {
                kept: (walk.paths.iter().zip(&walk.parsed))
                    .map(|(path, parsed)| (!touched.contains(path)).then(|| parsed.clone()))
                    .collect(),
                paths: walk.paths.clone(),
                problems: walk.problems.clone(),
            },
            _ => {
                let (paths, problems) = super::find_files(site_dir, dir);
                kept.walk = Some(Walk {
                    paths: paths.clone(),
                    problems: problems.clone(),
                    parsed: Vec::new(),
                });
                Found {
                    kept: Vec::new(),
                    paths,
                    problems,
                }
            }
        }
    }

    /// The parsed file at `path`, from the cache if the file is unchanged.
    pub(super) fn get_or_parse(&self, path: &Path, parse: impl Fn(&Path) -> Parsed) -> Parsed {
        let lock = || self.parsed.lock().unwrap_or_else(|p| p.into_inner());
        let Ok(meta) = std::fs::metadata(path) else {
            return parse(path);
        };
        let stamp = (meta.len(), meta.modified().ok());
        if let Some(hit) = lock().get(path).filter(|c| c.stamp == stamp) {
            return hit.parsed.clone();
        }
        let parsed = parse(path);
        lock().insert(
            path.to_path_buf(),
            Cached {
                stamp,
                parsed: parsed.clone(),
            },
        );
        parsed
    }

    /// Keeps what the load of `found` gave (`parsed`, in the same order),
    /// and forgets files that are no longer there (none, where the last
    /// walk stood).
    pub(super) fn loaded(&self, found: &Found, parsed: Vec<Parsed>) {
        if found.kept.is_empty() {
            let keep: HashSet<&PathBuf> = found.paths.iter().collect();
            self.parsed
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .retain(|path, _| keep.contains(path));
        }
        if let Some(walk) = &mut self.kept().walk {
            walk.parsed = parsed;
        }
    }

    #[cfg(test)]
    pub(super) fn stands(&self) -> bool {
        self.kept().stands
    }
}
