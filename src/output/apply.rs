//! Brings the output folder to a new build, once every file of it is
//! rendered and checked, and the new or changed ones are in the staging
//! folder.
//!
//! Where there was no output folder, the staging folder, record and all,
//! is renamed to be it: one step. Otherwise, in this order:
//!
//! 1. the way is checked: no file the build writes may replace a file or
//!    folder Annals did not write, nor go through a link; a problem here
//!    still changes nothing;
//! 2. the journal is written (by rename, and flushed to the disk first):
//!    every path Annals may own once the build is done or while it is
//!    under way, old and new;
//! 3. the files of the last build that this one does not write are
//!    deleted, and the folders that leaves empty (never one that holds
//!    anything else);
//! 4. the staged files are renamed into place: a folder that is not there
//!    yet whole, a new file into its folder, and a changed file over the
//!    old one, so a reader never sees half a file;
//! 5. the new record is written, by rename, once the file system's clock
//!    has moved on past step 4 (see `previous.rs`);
//! 6. the journal is deleted, and the staging folder.
//!
//! A build stopped anywhere leaves a folder whose every file the record or
//! the journal names, so the next build can take it to the right state:
//! files are compared by their bytes, not trusted, where the record does
//! not vouch for them.
//!
//! `ANNALS_TEST_STOP_AT=after-stage|after-journal|after-delete|mid-move|
//! before-manifest|after-manifest` stops the process there, as a kill
//! would, for the tests.

use super::previous::{Previous, ctime, mtime};
use super::record::{JOURNAL, MANIFEST, Record, is_reserved};
use super::staging::Staging;
use crate::diagnostics::Diagnostic;
use crate::sink::file_error;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a build changed in the output folder.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Files written (new or with other bytes).
    pub written: usize,
    /// Files of the last build deleted, as this one does not write them.
    pub removed: usize,
    /// Taking over a build of an Annals that kept no record: the files
    /// there that this build does not write, which were kept.
    pub kept: Vec<String>,
}

/// The files a build staged: how many are new (in `tree/`), and which
/// replace one of the output (path, and number in `files/`).
#[derive(Debug, Default)]
pub struct Staged {
    pub new: usize,
    pub aside: Vec<(String, usize)>,
}

/// Brings `output` from `previous` to the build whose files are listed in
/// `record` and staged as `staged` says. `read`: some file had to be read
/// to be found unchanged, so the record is written again.
pub fn apply(
    output: &Path,
    previous: Option<&Previous>,
    staging: Staging,
    record: &Record,
    staged: Staged,
    read: bool,
) -> Result<Changes, Vec<Diagnostic>> {
    let Some(previous) = previous else {
        return fresh(output, staging, record).map_err(|d| vec![d]);
    };
    let written = staged.new + staged.aside.len();
    let owned = previous.owned();
    let gone: Vec<&str> = owned
        .files
        .keys()
        .filter(|p| !record.files.contains_key(*p))
        .map(String::as_str)
        .collect();
    let gone_folders: Vec<&str> = owned
        .folders
        .iter()
        .filter(|p| !record.folders.contains(*p))
        .map(String::as_str)
        .collect();
    let kept = if previous.adopting() {
        kept_files(output, record)
    } else {
        Vec::new()
    };
    let unchanged = !staging.tree_used()
        && staged.aside.is_empty()
        && gone.is_empty()
        && gone_folders.is_empty()
        && !read
        && !previous.has_journal()
        && !previous.adopting()
        && previous.manifest() == record;
    if unchanged {
        return Ok(Changes::default());
    }
    if staging.tree_used() {
        let tree = staging.tree().map_err(|d| vec![d])?;
        let way = Way {
            output,
            previous,
            owned: &owned,
            record,
        };
        let mut problems = Vec::new();
        way.check(&tree, "", &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
    }
    stop_at("after-stage");
    let mut journal = record.clone();
    journal.add_missing(&owned);
    put_record(&staging, output, JOURNAL, &journal).map_err(|d| vec![d])?;
    stop_at("after-journal");
    let part_way = |d: Diagnostic| vec![part_way(d)];
    let removed =
        remove_gone(output, &gone, &gone_folders, &needed_folders(record)).map_err(part_way)?;
    stop_at("after-delete");
    let mut moved = 0;
    if staging.tree_used() {
        let tree = staging.tree().map_err(part_way)?;
        move_in(&tree, output, Path::new(""), &mut moved).map_err(part_way)?;
    }
    for (path, n) in &staged.aside {
        let target = output.join(path);
        std::fs::rename(staging.aside(*n), &target)
            .map_err(|e| part_way(file_error("cannot write", &target, e)))?;
        moved_one(&mut moved);
    }
    stop_at("before-manifest");
    put_record(&staging, output, MANIFEST, record).map_err(part_way)?;
    stop_at("after-manifest");
    match std::fs::remove_file(output.join(JOURNAL)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            return Err(part_way(file_error(
                "cannot delete",
                &output.join(JOURNAL),
                e,
            )));
        }
        _ => {}
    }
    Ok(Changes {
        written,
        removed,
        kept,
    })
}

/// Where there was no output folder, or an empty one: the staging folder's
/// tree, with its record, becomes it (replacing the empty folder), in one
/// rename.
fn fresh(output: &Path, staging: Staging, record: &Record) -> Result<Changes, Diagnostic> {
    stop_at("after-stage");
    let tree = staging.tree()?;
    stage_record(&staging, &tree, MANIFEST, record, true, true)?;
    std::fs::rename(&tree, output)
        .map_err(|e| file_error("cannot move the new build to", output, e))?;
    Ok(Changes {
        written: record.files.len(),
        ..Changes::default()
    })
}

/// Stops the process at `point` if `ANNALS_TEST_STOP_AT` names it: the
/// tests' deterministic stand-in for a build killed there.
fn stop_at(point: &str) {
    static AT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let at = AT.get_or_init(|| std::env::var("ANNALS_TEST_STOP_AT").ok());
    if at.as_deref() == Some(point) {
        eprintln!("stopping at {point}, as ANNALS_TEST_STOP_AT asks");
        std::process::abort();
    }
}

/// An error once the output folder has begun to change, which says so.
fn part_way(d: Diagnostic) -> Diagnostic {
    Diagnostic {
        help: Some(
            "the output folder is part-way between the two builds; once the cause is put right, the next build finishes it"
                .into(),
        ),
        ..d
    }
}

/// Writes `record` into the staging folder as `name`, then renames it into
/// the output folder: the journal flushed to the disk, the record after
/// the clock (see [`stage_record`]).
fn put_record(
    staging: &Staging,
    output: &Path,
    name: &str,
    record: &Record,
) -> Result<(), Diagnostic> {
    let dir = staging.dir()?;
    let journal = name == JOURNAL;
    let staged = stage_record(staging, dir, name, record, journal, !journal)?;
    let target = output.join(name);
    std::fs::rename(&staged, &target).map_err(|e| file_error("cannot write", &target, e))
}

/// Writes `record` into the folder `dir` of the staging folder as `name`.
/// With `after_clock` (the record), its modification time is later than
/// every change made before: it is written again, a millisecond later,
/// until the file system's clock has moved on (at most about 20 times).
/// With `flush`, it is flushed to the disk before it is used: the journal,
/// so that a power cut cannot leave renamed files that no record names,
/// and the record of a first build.
/// The record of a rebuild is not: it replaces the old one by rename,
/// which file systems flush first on their own (ext4's `auto_da_alloc`),
/// and flushing it would wait for every file the build renamed to reach
/// the disk.
fn stage_record(
    staging: &Staging,
    dir: &Path,
    name: &str,
    record: &Record,
    flush: bool,
    after_clock: bool,
) -> Result<PathBuf, Diagnostic> {
    let path = dir.join(name);
    let fail = |e| staging.error("cannot write", &path, e);
    let before = if after_clock {
        let probe = dir.join(".annals-probe");
        std::fs::write(&probe, b"").map_err(fail)?;
        let meta = std::fs::symlink_metadata(&probe).map_err(fail)?;
        let _ = std::fs::remove_file(&probe);
        ctime(&meta)
    } else {
        None
    };
    let text = record.text();
    let mut file = std::fs::File::create(&path).map_err(fail)?;
    file.write_all(text.as_bytes()).map_err(fail)?;
    for _ in 0..20 {
        let written = file.metadata().ok().and_then(|m| mtime(&m));
        match (before, written) {
            (Some(before), Some(written)) if written <= before => {
                std::thread::sleep(Duration::from_millis(1));
                file = std::fs::File::create(&path).map_err(fail)?;
                file.write_all(text.as_bytes()).map_err(fail)?;
            }
            _ => break,
        }
    }
    if flush {
        file.sync_data().map_err(fail)?;
    }
    Ok(path)
}

/// The folders the build needs: those of its files and of `static/`, with
/// every folder above them.
fn needed_folders(record: &Record) -> HashSet<&str> {
    let mut needed = HashSet::new();
    let paths = record.files.keys().map(|p| (p, false));
    for (path, is_folder) in paths.chain(record.folders.iter().map(|p| (p, true))) {
        if is_folder {
            needed.insert(path.as_str());
        }
        needed.extend(path.match_indices('/').map(|(i, _)| &path[..i]));
    }
    needed
}

/// Deletes the files of the last build that this one does not write, then
/// the folders that leaves empty, and the empty folders of `static/` that
/// are gone, never a folder the build needs. A path reached through a link
/// is left alone: it is not in the output folder. Returns how many files
/// were deleted.
fn remove_gone(
    output: &Path,
    gone: &[&str],
    gone_folders: &[&str],
    needed: &HashSet<&str>,
) -> Result<usize, Diagnostic> {
    let mut real = RealFolders::default();
    let mut emptied = BTreeSet::new();
    let mut removed = 0;
    for path in gone {
        if !real.above(output, path) {
            continue;
        }
        let full = output.join(path);
        if std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_file()) {
            std::fs::remove_file(&full).map_err(|e| file_error("cannot delete", &full, e))?;
            removed += 1;
        }
        emptied.extend(path.match_indices('/').map(|(i, _)| &path[..i]));
    }
    for folder in gone_folders {
        emptied.insert(folder);
        emptied.extend(folder.match_indices('/').map(|(i, _)| &folder[..i]));
    }
    let mut emptied: Vec<&str> = emptied
        .into_iter()
        .filter(|f| !needed.contains(f))
        .collect();
    // The deepest first, so that a folder is empty when it is reached.
    emptied.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
    for folder in emptied {
        let full = output.join(folder);
        if real.above(output, folder) && std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_dir())
        {
            // Fails, as it should, on a folder that holds anything.
            let _ = std::fs::remove_dir(&full);
        }
    }
    Ok(removed)
}

/// Which folders of the output are folders, not links; remembered.
#[derive(Default)]
struct RealFolders(HashMap<String, bool>);

impl RealFolders {
    /// Whether every folder above `path` is a real folder.
    fn above(&mut self, output: &Path, path: &str) -> bool {
        path.match_indices('/').all(|(i, _)| {
            let folder = &path[..i];
            *self.0.entry(folder.to_string()).or_insert_with(|| {
                std::fs::symlink_metadata(output.join(folder)).is_ok_and(|m| m.is_dir())
            })
        })
    }
}

/// Renames what the staging folder `from` holds at `rel` into the output:
/// a folder the output lacks whole, the rest file by file. Folders go
/// before files, so a page is in place before the pages that link to it.
fn move_in(from: &Path, output: &Path, rel: &Path, moved: &mut usize) -> Result<(), Diagnostic> {
    let dir = from.join(rel);
    let mut entries: Vec<(bool, std::ffi::OsString)> = std::fs::read_dir(&dir)
        .and_then(|entries| {
            entries
                .map(|e| e.and_then(|e| Ok((!e.file_type()?.is_dir(), e.file_name()))))
                .collect()
        })
        .map_err(|e| file_error("cannot read", &dir, e))?;
    entries.sort();
    for (is_file, name) in entries {
        let rel = rel.join(&name);
        let target = output.join(&rel);
        if !is_file && std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            move_in(from, output, &rel, moved)?;
            continue;
        }
        std::fs::rename(from.join(&rel), &target)
            .map_err(|e| file_error("cannot write", &target, e))?;
        moved_one(moved);
    }
    Ok(())
}

/// Counts one rename into the output; the first is where `mid-move` stops.
fn moved_one(moved: &mut usize) {
    *moved += 1;
    if *moved == 1 {
        stop_at("mid-move");
    }
}

/// Collects files in the output folder that Annals took over from a build
/// that kept no record and that this build does not write (hidden files
/// and folders are not looked at: Annals writes none).
fn kept_files(output: &Path, record: &Record) -> Vec<String> {
    let walk = walkdir::WalkDir::new(output)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    walk.flatten()
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(output).ok()?.to_str()?;
            let rel = rel.replace(std::path::MAIN_SEPARATOR, "/");
            (!record.files.contains_key(&rel) && !is_reserved(&rel)).then_some(rel)
        })
        .collect()
}

/// The check of step 1: what is in the output where the staged files go.
struct Way<'a> {
    output: &'a Path,
    previous: &'a Previous,
    /// Every file and folder Annals may own there.
    owned: &'a Record,
    /// The new build.
    record: &'a Record,
}

impl Way<'_> {
    /// Checks everything staged under `rel` of `from`, adding a problem for
    /// each thing in the way.
    fn check(&self, from: &Path, rel: &str, problems: &mut Vec<Diagnostic>) {
        let Ok(entries) = std::fs::read_dir(from.join(rel)) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            let staged_folder = entry.file_type().is_ok_and(|t| t.is_dir());
            let target = self.output.join(&rel);
            let Ok(there) = std::fs::symlink_metadata(&target) else {
                continue;
            };
            let problem = if there.file_type().is_symlink() {
                Some("this is a link, and Annals does not write through links")
            } else if staged_folder && there.is_dir() {
                self.check(from, &rel, problems);
                None
            } else if there.is_file() && (self.goes(&rel) || !staged_folder && self.owns(&rel))
                || there.is_dir() && self.all_go(&target)
            {
                // Replaced, or deleted before the new one comes.
                None
            } else if there.is_file() && !staged_folder {
                Some("Annals did not write this file, and the build would replace it")
            } else {
                Some(
                    "this is in the way of what the build writes here, and Annals did not write it",
                )
            };
            if let Some(problem) = problem {
                problems.push(
                    Diagnostic::new(Some(&self.previous.shown(&rel)), problem).help(
                        "move it out of the output folder and build again; nothing was changed in the output folder",
                    ),
                );
            }
        }
    }

    /// Whether the file at `rel` is Annals' own and the build deletes it.
    fn goes(&self, rel: &str) -> bool {
        self.owned.files.contains_key(rel) && !self.record.files.contains_key(rel)
    }

    fn owns(&self, rel: &str) -> bool {
        self.previous.owns_file(rel)
    }

    /// Whether everything in the folder `dir` is a file the build deletes,
    /// or a folder the deletions empty (so the folder goes, and a file can
    /// take its place).
    fn all_go(&self, dir: &Path) -> bool {
        walkdir::WalkDir::new(dir).into_iter().all(|e| {
            e.ok().is_some_and(|e| {
                let kind = e.file_type();
                let rel = e
                    .path()
                    .strip_prefix(self.output)
                    .ok()
                    .and_then(Path::to_str);
                rel.is_some_and(|rel| {
                    kind.is_file() && self.goes(rel) || kind.is_dir() && self.emptied(rel)
                })
            })
        })
    }

    /// Whether the build's deletions empty the folder `rel`: a folder of
    /// `static/` that is gone, or one that holds a file of the last build
    /// (in a folder in the way of a new file, none is of the new build).
    fn emptied(&self, rel: &str) -> bool {
        let prefix = format!("{rel}/");
        let holds_owned = self
            .owned
            .files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(path, _)| path.starts_with(&prefix));
        holds_owned || self.owned.folders.contains(rel) && !self.record.folders.contains(rel)
    }
}
