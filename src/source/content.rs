//! Reads `content/`: one event per Markdown file (parsed by [`super::event`])
//! and the timeline's introduction (`_index.md`), in parallel.
//!
//! Every problem in every file is collected; nothing here knows about HTML.

use super::event::{Event, Intro, parse_event, parse_intro};
use super::text::{CONTENT, read_text};
use crate::diagnostics::{Diagnostic, display_path};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// Everything read from `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub intro: Intro,
    /// Events in file order (sorted paths); drafts left out unless asked for.
    pub events: Vec<Event>,
    /// Slugs of events not in this build: drafts left out, and files that
    /// could not be read. Links to them are dropped, not reported.
    pub absent: Vec<String>,
    /// The source stage's warnings (see [`Event::warnings`]), from every
    /// event file read, drafts too (drafts are always checked).
    pub warnings: Vec<String>,
}

/// Reads every event under `site_dir/content`, in parallel, and reports
/// the problems of all files together.
///
/// Returns what could be read together with every problem, so that checks
/// spanning files can still run on the events that did parse.
pub fn load(site_dir: &Path, drafts: bool) -> (Content, Vec<Diagnostic>) {
    load_cached(site_dir, drafts, None)
}

/// Event files parsed by an earlier build, for `serve`'s rebuilds: a file
/// whose size and modification time have not changed is not read or
/// parsed again.
///
/// It keeps the last walk of `content/` too, which the next load takes
/// when [`Cache::changed`] was told of every change since and none of them
/// can change which event files there are: at 10,000 events the walk is a
/// quarter of a rebuild.
#[derive(Default)]
pub struct Cache {
    parsed: Mutex<HashMap<PathBuf, Cached>>,
    walk: Mutex<Kept>,
}

/// The last walk, and whether it stands for the next load.
#[derive(Default)]
struct Kept {
    walk: Option<Walk>,
    stands: bool,
}

/// The event files found in `content/`, and the problems found on the way.
#[derive(Clone)]
struct Walk {
    paths: Vec<PathBuf>,
    problems: Vec<Diagnostic>,
}

/// A file's size and modification time when it was parsed, and the result.
struct Cached {
    stamp: (u64, Option<SystemTime>),
    parsed: Result<Event, Vec<Diagnostic>>,
}

impl Cache {
    /// Takes note that the paths `changed` (relative to `site_dir`, as the
    /// watch gives them) changed since the last load: the last walk of
    /// `content/` is forgotten unless each is an event file it found and
    /// that is still a file, or something else than an event file and a
    /// folder (an editor's temporary file), or outside `content/`.
    pub fn changed(&self, site_dir: &Path, changed: &[PathBuf]) {
        let mut kept = self.walk.lock().unwrap_or_else(|p| p.into_inner());
        let Some(found) = kept.walk.as_ref() else {
            return;
        };
        let content = Path::new("content");
        let stands = changed.iter().all(|rel| {
            if !rel.starts_with(content) || rel == content {
                // The site folder itself (or above) is not a file's change.
                return !content.starts_with(rel);
            }
            let path = site_dir.join(rel);
            let meta = std::fs::symlink_metadata(&path);
            if is_markdown(&path) {
                meta.is_ok_and(|m| m.is_file()) && found.paths.contains(&path)
            } else {
                !meta.is_ok_and(|m| m.is_dir() || m.is_symlink())
                    && !found.paths.iter().any(|p| p.starts_with(&path))
            }
        });
        kept.stands = stands;
    }

    /// The event files under `dir`: the last walk's, where it stands.
    fn find(&self, site_dir: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        let mut kept = self.walk.lock().unwrap_or_else(|p| p.into_inner());
        let stands = std::mem::take(&mut kept.stands);
        let found = match &mut kept.walk {
            Some(found) if stands => found,
            walk => {
                let (paths, problems) = find_files(site_dir, dir);
                walk.insert(Walk { paths, problems })
            }
        };
        (found.paths.clone(), found.problems.clone())
    }

    /// The parsed file at `path`, from the cache if the file is unchanged.
    fn get_or_parse(
        &self,
        path: &Path,
        parse: impl Fn(&Path) -> Result<Event, Vec<Diagnostic>>,
    ) -> Result<Event, Vec<Diagnostic>> {
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

    /// Forgets files that are no longer there.
    fn keep_only(&self, paths: &[PathBuf]) {
        let keep: std::collections::HashSet<&PathBuf> = paths.iter().collect();
        self.parsed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|path, _| keep.contains(path));
    }
}

/// [`load`], taking unchanged files from `cache` when there is one.
pub fn load_cached(
    site_dir: &Path,
    drafts: bool,
    cache: Option<&Cache>,
) -> (Content, Vec<Diagnostic>) {
    let dir = site_dir.join("content");
    if !dir.is_dir() {
        let missing = Diagnostic::new(Some(&display_path(&dir)), "there is no content folder here")
            .help("put one Markdown file per event in content/, or run `annals new` to write the first");
        return (Content::default(), vec![missing]);
    }
    let (paths, mut problems) = match cache {
        Some(cache) => cache.find(site_dir, &dir),
        None => find_files(site_dir, &dir),
    };
    let index_path = dir.join("_index.md");
    let mut content = Content::default();
    if index_path.is_file() {
        match read_text(&index_path, CONTENT)
            .and_then(|t| parse_intro(&display_path(&index_path), &t))
        {
            Ok(intro) => content.intro = intro,
            Err(mut e) => problems.append(&mut e),
        }
    }
    let parse = |path: &Path| {
        read_text(path, CONTENT).and_then(|text| parse_event(&display_path(path), &text))
    };
    let parsed: Vec<Result<Event, Vec<Diagnostic>>> = paths
        .par_iter()
        .map(|path| {
            let mut event = match cache {
                Some(cache) => cache.get_or_parse(path, parse),
                None => parse(path),
            }?;
            // Looked for on every build: a file can come or go while the
            // event file stays as it was.
            let missing = super::media::locate(site_dir, path, &mut event);
            if missing.is_empty() {
                Ok(event)
            } else {
                Err(missing)
            }
        })
        .collect();
    if let Some(cache) = cache {
        cache.keep_only(&paths);
    }
    for (result, path) in parsed.into_iter().zip(&paths) {
        if let Ok(event) = &result {
            content.warnings.extend(event.warnings.iter().cloned());
        }
        match result {
            Ok(event) if event.draft && !drafts => content.absent.push(event.slug),
            Ok(event) => content.events.push(event),
            Err(mut e) => {
                problems.append(&mut e);
                let stem = super::event::file_slug_stem(path);
                content.absent.push(crate::slug::slugify(&stem));
            }
        }
    }
    (content, problems)
}

/// True for the extensions event files may have: `.md` and `.markdown`,
/// in any case (`.MD`, as some tools write it).
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown"))
}

/// The event files under `dir`, sorted; names starting with `_` or `.` are
/// skipped. A symlink (to an event file or to a folder) that leads outside
/// the site is reported and not followed, and so is a symlink loop. Also
/// lists `actors/` (see [`super::actors`]).
pub(super) fn find_files(site_dir: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    let folder = dir
        .file_name()
        .map_or("content".into(), |n| n.to_string_lossy());
    let root = std::fs::canonicalize(site_dir).unwrap_or_else(|_| site_dir.to_path_buf());
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(['_', '.']))
        });
    while let Some(entry) = walker.next() {
        match entry {
            Ok(e) => {
                let is_event = e.file_type().is_file() && is_markdown(e.path());
                let is_dir = e.file_type().is_dir();
                // The content folder itself may be a link; what it holds may not
                // lead out of the site.
                if (is_event || is_dir)
                    && e.depth() > 0
                    && e.path_is_symlink()
                    && !std::fs::canonicalize(e.path()).is_ok_and(|real| real.starts_with(&root))
                {
                    let what = if is_dir { "folder" } else { "file" };
                    problems.push(
                        Diagnostic::new(
                            Some(&display_path(e.path())),
                            "this symlink points outside the site",
                        )
                        .help(format!(
                            "copy the {what} into {folder}/ instead of linking to it"
                        )),
                    );
                    if is_dir {
                        walker.skip_current_dir();
                    }
                } else if is_event {
                    paths.push(e.into_path());
                }
            }
            Err(err) => {
                let shown = err.path().map(display_path);
                let message = if err.loop_ancestor().is_some() {
                    format!("this symlink makes a loop in the {folder} folder")
                } else {
                    format!(
                        "cannot read: {}",
                        err.io_error().map_or(err.to_string(), |e| e.to_string())
                    )
                };
                problems.push(Diagnostic::new(shown.as_deref(), message));
            }
        }
    }
    (paths, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walked(cache: &Cache) -> bool {
        cache.walk.lock().unwrap().stands
    }

    #[test]
    fn the_last_walk_stands_while_no_change_can_change_the_event_files() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        std::fs::create_dir_all(site.join("content/sub")).unwrap();
        let event = "---\ntitle: A\ndate: 2025-01-01\n---\n";
        std::fs::write(site.join("content/a.md"), event).unwrap();
        std::fs::write(site.join("content/sub/b.md"), event).unwrap();
        let cache = Cache::default();
        let load = || load_cached(site, false, Some(&cache)).0.events.len();
        assert_eq!(load(), 2);
        // Loads, makes a change, and says whether the walk stands after
        // being told of `changed`.
        let stands = |change: &dyn Fn(), changed: &[&str]| {
            let changed: Vec<PathBuf> = changed.iter().map(PathBuf::from).collect();
            load();
            assert!(!walked(&cache), "a load takes the walk only once");
            change();
            cache.changed(site, &changed);
            walked(&cache)
        };
        let write = |rel: &str| std::fs::write(site.join(rel), event).unwrap();
        // An event file edited, an editor's temporary file come and gone,
        // a template: the same files.
        let edit = || {
            write("content/.a.md.swp");
            std::fs::rename(site.join("content/.a.md.swp"), site.join("content/a.md")).unwrap();
        };
        let changed = ["content/a.md", "content/.a.md.swp", "templates/base.html"];
        assert!(stands(&edit, &changed));
        assert!(stands(
            &|| write("content/sub/b.md"),
            &["content/sub/b.md", "annals.yaml"]
        ));
        // A new event file, a new folder, a deleted file, a deleted folder
        // named without its files, the content folder itself.
        assert!(!stands(&|| write("content/c.md"), &["content/c.md"]));
        assert_eq!(load(), 3);
        let folder = || std::fs::create_dir(site.join("content/new")).unwrap();
        assert!(!stands(&folder, &["content/new"]));
        let delete = || std::fs::remove_file(site.join("content/c.md")).unwrap();
        assert!(!stands(&delete, &["content/c.md"]));
        assert_eq!(load(), 2);
        let delete = || std::fs::remove_dir_all(site.join("content/sub")).unwrap();
        assert!(!stands(&delete, &["content/sub"]));
        assert_eq!(load(), 1);
        assert!(!stands(&|| (), &["content"]));
        assert!(!stands(&|| (), &[""]));
    }
}
