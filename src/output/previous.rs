//! What an output folder holds before a build: which of its files are
//! Annals' own, and whether a file there has the bytes a build would write
//! already, so that it is left untouched.
//!
//! A file is Annals' own if the record (`.annals-manifest`) or the journal
//! of a build that did not finish lists it. Its bytes are taken to be what
//! the record says when its size is the recorded one and its status last
//! changed (ctime: any write, rename or `touch`, which no one can set back)
//! before the record was written; otherwise the file is read and summed.
//! Annals writes the record only once the clock has moved on past its last
//! change to the folder, so a file edited even a moment after a build is
//! read, never trusted.

use super::record::{JOURNAL, MANIFEST, Record, Sum};
use super::target::refusal;
use crate::diagnostics::{Diagnostic, display_path};
use std::fs::Metadata;
use std::io;
use std::path::{Path, PathBuf};

/// An output folder as the build found it.
pub struct Previous {
    output: PathBuf,
    /// The folder as the author named it, for messages.
    shown: PathBuf,
    /// The record of the last finished build (empty if there is none).
    manifest: Record,
    /// When the record was written, where the system tells.
    written: Option<Stamp>,
    /// The journal of a build that did not finish, if one did not.
    journal: Option<Record>,
    /// A build of an Annals that kept no record: the files at the paths
    /// this build writes are taken as its own (and no other file).
    adopting: bool,
}

/// What [`Previous::judge`] found at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Annals' own file, with the very bytes the build has for it;
    /// `read` if the file had to be read to know that.
    Same { read: bool },
    /// Annals' own file, with other bytes: it is replaced.
    Replace,
    /// Nothing, or something that writing the file will have to get out
    /// of the way (a folder, a link): it is written, and the way checked
    /// before anything changes.
    Write,
}

/// A time as the file system keeps it: seconds and nanoseconds.
type Stamp = (i64, i64);

impl Previous {
    /// Reads what the folder `output` (absolute) holds; `None` if it does
    /// not exist or is empty. A folder of other files is refused (`shown`
    /// is the output folder as the author named it), as is an unreadable
    /// record.
    pub fn read(output: &Path, shown: &Path) -> Result<Option<Previous>, Diagnostic> {
        if std::fs::read_dir(output).is_ok_and(|mut entries| entries.next().is_none()) {
            return Ok(None);
        }
        let entries = match std::fs::read_dir(output) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                let shown = display_path(shown);
                return Err(Diagnostic::new(
                    None,
                    format!("cannot read {}: {e}", shown.display()),
                ));
            }
        };
        let record = |name: &str| {
            let path = output.join(name);
            Record::read(&path).map_err(|why| {
                Diagnostic::new(
                    None,
                    format!(
                        "cannot read {}, Annals' record of the files it wrote there: {why}",
                        display_path(&shown.join(name)).display()
                    ),
                )
                .help("without it Annals cannot tell its files from others; if the folder holds nothing of yours, delete it and build again")
            })
        };
        let manifest = record(MANIFEST)?;
        let journal = record(JOURNAL)?;
        let written = manifest
            .as_ref()
            .and_then(|_| std::fs::symlink_metadata(output.join(MANIFEST)).ok())
            .and_then(|meta| mtime(&meta));
        let mut previous = Previous {
            output: output.to_path_buf(),
            shown: shown.to_path_buf(),
            adopting: false,
            manifest: manifest.clone().unwrap_or_default(),
            written,
            journal,
        };
        if manifest.is_some() || previous.journal.is_some() {
            return Ok(Some(previous));
        }
        // No record: hidden files only (a worktree's .git, .nojekyll) is
        // as good as empty, since Annals writes no hidden file but its
        // record; a build of an earlier Annals is taken over.
        let visible = entries
            .flatten()
            .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
        if visible {
            if !made_by_annals(&output.join("index.html")) {
                return Err(refusal(
                    shown,
                    "it is a folder with other files in it, not a build of Annals: it has no record of one (.annals-manifest) and no index.html made by Annals",
                ));
            }
            previous.adopting = true;
        }
        Ok(Some(previous))
    }

    /// Where `rel` is in the output folder, as the author would name it.
    pub fn shown(&self, rel: &str) -> PathBuf {
        display_path(&self.shown.join(rel))
    }

    /// Whether the folder is a build of an Annals that kept no record.
    pub fn adopting(&self) -> bool {
        self.adopting
    }

    /// Whether a build that did not finish left its journal.
    pub fn has_journal(&self) -> bool {
        self.journal.is_some()
    }

    /// The record of the last finished build.
    pub fn manifest(&self) -> &Record {
        &self.manifest
    }

    /// Every file and folder Annals may have written into the folder: the
    /// record's and the journal's.
    pub fn owned(&self) -> Record {
        let mut owned = self.manifest.clone();
        if let Some(journal) = &self.journal {
            owned.add_missing(journal);
        }
        owned
    }

    /// Whether the file at `path` is Annals' own (or, taking over an
    /// earlier build, may be taken as such).
    pub fn owns_file(&self, path: &str) -> bool {
        self.adopting
            || self.manifest.files.contains_key(path)
            || self
                .journal
                .as_ref()
                .is_some_and(|j| j.files.contains_key(path))
    }

    /// Whether the file at `path` has the bytes summed by `sum` already.
    /// A file there that Annals did not write is refused: it would be
    /// replaced.
    pub fn judge(&self, path: &str, sum: Sum) -> Result<Found, Diagnostic> {
        let full = self.output.join(path);
        let meta = match std::fs::symlink_metadata(&full) {
            Ok(meta) if meta.is_file() => meta,
            _ => return Ok(Found::Write),
        };
        if !self.owns_file(path) {
            return Err(Diagnostic::new(
                Some(&self.shown(path)),
                "Annals did not write this file, and the build would replace it",
            )
            .help("move it out of the output folder (into static/, to publish it) and build again; nothing was changed in the output folder"));
        }
        if meta.len() != sum.size {
            return Ok(Found::Replace);
        }
        let recorded = self.manifest.files.get(path);
        if let Some(recorded) = recorded
            && self.unchanged_since_written(&meta)
        {
            return Ok(if *recorded == sum {
                Found::Same { read: false }
            } else {
                Found::Replace
            });
        }
        Ok(match Sum::of_file(&full) {
            Ok(found) if found == sum => Found::Same { read: true },
            _ => Found::Replace,
        })
    }

    /// The sum of the file at `path` if the last build made it from
    /// inputs of digest `inputs` and it is as that build left it (its
    /// recorded size, and no change since the record was written): then
    /// the same inputs make the same file, with no need to make it again.
    pub fn made_from(&self, path: &str, inputs: u128) -> Option<Sum> {
        if self.manifest.inputs.get(path) != Some(&inputs) {
            return None;
        }
        let sum = *self.manifest.files.get(path)?;
        let meta = std::fs::symlink_metadata(self.output.join(path)).ok()?;
        let intact =
            meta.is_file() && meta.len() == sum.size && self.unchanged_since_written(&meta);
        intact.then_some(sum)
    }

    /// Whether the file of `meta` last changed before the record was
    /// written.
    fn unchanged_since_written(&self, meta: &Metadata) -> bool {
        match (ctime(meta), self.written) {
            (Some(changed), Some(written)) => changed < written,
            _ => false,
        }
    }
}

/// When a file's contents last changed.
#[cfg(unix)]
pub fn mtime(meta: &Metadata) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.mtime(), meta.mtime_nsec()))
}

/// When a file's status (contents, name, mode) last changed.
#[cfg(unix)]
pub fn ctime(meta: &Metadata) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.ctime(), meta.ctime_nsec()))
}

#[cfg(not(unix))]
pub fn mtime(_: &Metadata) -> Option<Stamp> {
    None
}

#[cfg(not(unix))]
pub fn ctime(_: &Metadata) -> Option<Stamp> {
    None
}

/// Whether the file at `path` is a page that names Annals as its
/// generator, as every page of the embedded theme does.
fn made_by_annals(path: &Path) -> bool {
    let mut head = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|file| io::Read::read_to_end(&mut io::Read::take(file, 8192), &mut head));
    read.is_ok()
        && String::from_utf8_lossy(&head).contains("<meta name=\"generator\" content=\"Annals")
}
