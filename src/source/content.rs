//! Reads `content/`: one event per Markdown file (parsed by [`super::event`])
//! and the timeline's introduction (`_index.md`), in parallel.
//!
//! Every problem in every file is collected; nothing here knows about HTML.

use super::event::{Event, Intro, parse_event, parse_intro};
use super::text::{CONTENT, read_text};
use super::translation::{self, Named, Translation, parse_translation};
use crate::diagnostics::{Diagnostic, display_path};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod cache;
pub use cache::Cache;
use cache::{Found, Parsed};

/// Everything read from `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub intro: Intro,
    /// Events in file order (sorted paths); drafts left out unless asked for.
    pub events: Vec<Arc<Event>>,
    /// Slugs of events not in this build: drafts left out, and files that
    /// could not be read. Links to them are dropped, not reported.
    pub absent: Vec<String>,
    /// The source stage's warnings (see [`Event::warnings`]), from every
    /// event file read, drafts too (drafts are always checked).
    pub warnings: Vec<String>,
    /// The events' translations, in file order (see [`translation`]).
    pub translations: Vec<Arc<Translation>>,
    /// The introduction in each other language that has one
    /// (`_index.uk.md`), in the order of `languages`.
    pub intros: Vec<(String, Intro)>,
}

/// One file of `content/` read: an event, or an event's translation.
#[derive(Debug, Clone)]
enum File {
    Event(Arc<Event>),
    Translation(Arc<Translation>),
}

/// Reads every event under `site_dir/content`, in parallel, and reports
/// the problems of all files together.
///
/// Returns what could be read together with every problem, so that checks
/// spanning files can still run on the events that did parse.
pub fn load(site_dir: &Path, drafts: bool) -> (Content, Vec<Diagnostic>) {
    load_cached(site_dir, drafts, None, &[])
}

/// [`load`], taking unchanged files from `cache` when there is one, in a
/// site of `languages` (see [`super::config::Config::languages`]): each
/// event's translations are read with it, and the introduction's
/// (`_index.uk.md`).
pub fn load_cached(
    site_dir: &Path,
    drafts: bool,
    cache: Option<&Cache>,
    languages: &[String],
) -> (Content, Vec<Diagnostic>) {
    let dir = site_dir.join("content");
    if !dir.is_dir() {
        let missing = Diagnostic::new(Some(&display_path(&dir)), "there is no content folder here")
            .help("put one Markdown file per event in content/, or run `annals new` to write the first");
        return (Content::default(), vec![missing]);
    }
    let found = match cache {
        Some(cache) => cache.find(site_dir, &dir, languages),
        None => {
            let (paths, problems) = find_files(site_dir, &dir);
            Found {
                paths,
                problems,
                kept: Vec::new(),
            }
        }
    };
    let mut problems = found.problems.clone();
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
    for language in languages.iter().skip(1) {
        let path = dir.join(format!("_index.{language}.md"));
        if path.is_file() {
            match read_text(&path, CONTENT).and_then(|t| parse_intro(&display_path(&path), &t)) {
                Ok(intro) => content.intros.push((language.clone(), intro)),
                Err(mut e) => problems.append(&mut e),
            }
        }
    }
    let parse = |path: &Path| -> Parsed {
        let shown = display_path(path);
        let named = translation::named(path, languages);
        if let Some(wrong) = translation::misnamed(&shown, &named, languages) {
            return Err(vec![wrong]);
        }
        let text = read_text(path, CONTENT)?;
        match named {
            Named::Translation { language, original } => {
                let original = display_path(&original);
                parse_translation(&shown, &text, &language, &original)
                    .map(|t| File::Translation(Arc::new(t)))
            }
            _ => parse_event(&shown, &text).map(|e| File::Event(Arc::new(e))),
        }
    };
    let parsed: Vec<Parsed> = (found.paths.par_iter().enumerate())
        .map(
            |(i, path)| match (found.kept.get(i).cloned().flatten(), cache) {
                (Some(kept), _) => kept,
                (None, Some(cache)) => cache.get_or_parse(path, parse),
                (None, None) => parse(path),
            },
        )
        .collect();
    let located: Vec<Parsed> = parsed
        .par_iter()
        .zip(&found.paths)
        .map(|(parsed, path)| {
            let mut event = match parsed.clone()? {
                File::Event(event) => event,
                translation => return Ok(translation),
            };
            // Looked for on every build: a file can come or go while the
            // event file stays as it was.
            if event.media.is_empty() {
                return Ok(File::Event(event));
            }
            let missing = super::media::locate(site_dir, path, Arc::make_mut(&mut event));
            match missing.is_empty() {
                true => Ok(File::Event(event)),
                false => Err(missing),
            }
        })
        .collect();
    if let Some(cache) = cache {
        cache.loaded(&found, parsed);
    }
    // The files that gave an event of this build: the only ones a
    // translation can be of. Those of drafts left out and of files with
    // problems are not, and their translations go quietly.
    let mut originals = std::collections::HashSet::new();
    let mut translations = Vec::new();
    for (result, path) in located.into_iter().zip(&found.paths) {
        let result = match result {
            Ok(File::Translation(t)) => {
                translations.push(t);
                continue;
            }
            Ok(File::Event(event)) => Ok(event),
            Err(e) => Err(e),
        };
        if let Ok(event) = &result {
            content.warnings.extend(event.warnings.iter().cloned());
        }
        match result {
            Ok(event) if event.draft && !drafts => content.absent.push(event.slug.clone()),
            Ok(event) => {
                if languages.len() > 1 {
                    originals.insert(event.file.clone());
                }
                content.events.push(event);
            }
            Err(mut e) => {
                problems.append(&mut e);
                let stem = super::event::file_slug_stem(path);
                content.absent.push(crate::slug::slugify(&stem));
            }
        }
    }
    let all: std::collections::HashSet<PathBuf> = match translations.is_empty() {
        true => Default::default(),
        false => found.paths.iter().map(|p| display_path(p)).collect(),
    };
    for translation in translations {
        if originals.contains(&translation.original) {
            content.translations.push(translation);
        } else if !all.contains(&translation.original) {
            let name = translation.original.file_name().unwrap_or_default();
            problems.push(
                Diagnostic::at(
                    &translation.file,
                    1,
                    1,
                    format!("this translates `{}`, which is not there", name.to_string_lossy()),
                )
                .help("a translation sits beside its event's file, named as it is with the language before the extension: riyadh.md, riyadh.uk.md"),
            );
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
        cache.stands()
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
        let load = || load_cached(site, false, Some(&cache), &[]).0.events.len();
        assert_eq!(load(), 2);
        // Loaded before any watch ran: the changes told are not all there
        // were.
        cache.changed(site, &[PathBuf::from("content/a.md")]);
        assert!(!walked(&cache));
        cache.watching();
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

    #[test]
    fn where_the_walk_stands_the_files_the_watch_names_are_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        std::fs::create_dir_all(site.join("content")).unwrap();
        let write = |name: &str, title: &str| {
            let text = format!("---\ntitle: {title}\ndate: 2025-01-01\n---\n");
            std::fs::write(site.join("content").join(name), text).unwrap();
        };
        write("a.md", "A");
        write("b.md", "B");
        let cache = Cache::default();
        cache.watching();
        let titles = || {
            let (content, _) = load_cached(site, false, Some(&cache), &[]);
            content
                .events
                .iter()
                .map(|e| e.title.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(titles(), ["A", "B"]);
        write("b.md", "B, edited");
        cache.changed(site, &[PathBuf::from("content/b.md")]);
        assert!(walked(&cache));
        assert_eq!(titles(), ["A", "B, edited"]);
        // Told twice before a load: both count.
        write("a.md", "A, edited");
        cache.changed(site, &[PathBuf::from("content/a.md")]);
        write("c.md", "C");
        cache.changed(site, &[PathBuf::from("content/c.md")]);
        assert!(!walked(&cache), "a new file: the folder is walked again");
        assert_eq!(titles(), ["A, edited", "B, edited", "C"]);
    }
}
