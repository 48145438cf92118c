//! The staging folder: where a build writes the files that are new or
//! changed, beside the output folder (so on the same file system, and
//! moved into place by rename). It is made when the first file is
//! written, so a build that changes nothing makes none, and it is removed
//! when the build ends, whether it succeeded or not.
//!
//! It holds two folders. `tree/` is laid out as the output: the files that
//! are new there, so that a folder the output lacks is moved in whole (and
//! a first build is one rename). `files/` holds the files that replace one
//! there, numbered, each renamed over its old self: no folder to make in
//! the staging folder and to remove again, which on a disk is much of the
//! cost of a rebuild where every page changed.

use super::record::{Sum, Summing, inside};
use crate::diagnostics::Diagnostic;
use crate::sink::{Writer, file_error};
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// A folder beside the output folder, `.NAME.annals-new-PID`, holding the
/// files a build writes before they are moved into the output.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// Whether the folder was made, or why it could not be.
    made_dir: OnceLock<Result<(), Diagnostic>>,
    /// Folders made in `tree/` so far: most pages are the first file in
    /// theirs.
    made: Mutex<HashSet<PathBuf>>,
    /// Whether anything was put in `tree/`.
    tree_used: AtomicBool,
    /// The number of the next file in `files/`.
    next: AtomicUsize,
}

/// Where a file was staged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// In `tree/`, at its path.
    Tree,
    /// In `files/`, numbered.
    Aside(usize),
}

/// The staging folder's name for output folder `name`, without the pid.
fn staging_prefix(name: &str) -> String {
    format!(".{name}.annals-new-")
}

impl Staging {
    /// The staging folder for `output` (an absolute path), not made yet.
    /// What builds that were killed before they finished left beside the
    /// output is removed first.
    pub fn new(output: &Path) -> Result<Staging, Diagnostic> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| file_error("cannot create", &parent, e))?;
        remove_abandoned(&parent, &staging_prefix(&name));
        let dir = parent.join(format!("{}{}", staging_prefix(&name), std::process::id()));
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            made_dir: OnceLock::new(),
            made: Mutex::default(),
            tree_used: AtomicBool::new(false),
            next: AtomicUsize::new(0),
        })
    }

    /// The folder, made (with `tree/` and `files/`) if it was not yet.
    pub fn dir(&self) -> Result<&Path, Diagnostic> {
        let made = self.made_dir.get_or_init(|| {
            let _ = remove_tree(&self.dir);
            // Named by the output folder: the staging folder is ours, not
            // the author's.
            ["", "tree", "files"]
                .iter()
                .try_for_each(|sub| std::fs::create_dir(self.dir.join(sub)))
                .map_err(|e| file_error("cannot create", &self.output, e))
        });
        made.clone().map(|()| self.dir.as_path())
    }

    /// Whether the folder was made.
    pub fn is_made(&self) -> bool {
        matches!(self.made_dir.get(), Some(Ok(())))
    }

    /// `tree/`, made if it was not yet.
    pub fn tree(&self) -> Result<PathBuf, Diagnostic> {
        Ok(self.dir()?.join("tree"))
    }

    /// Whether anything was put in `tree/`.
    pub fn tree_used(&self) -> bool {
        self.tree_used.load(Ordering::Relaxed)
    }

    /// The file numbered `n` in `files/`.
    pub fn aside(&self, n: usize) -> PathBuf {
        self.dir.join("files").join(n.to_string())
    }

    /// Writes `bytes` as the file at `path`: `aside` in `files/`, else in
    /// `tree/`.
    pub fn write(&self, path: &str, bytes: &[u8], aside: bool) -> Result<Place, Diagnostic> {
        let (target, place) = self.target(path, aside)?;
        std::fs::write(&target, bytes).map_err(|e| self.error("cannot write", &target, e))?;
        Ok(place)
    }

    /// Writes the file at `path` with `write` (`aside` as for
    /// [`Staging::write`]), and returns its sum.
    pub fn write_with(
        &self,
        path: &str,
        write: &mut Writer,
        aside: bool,
    ) -> Result<(Sum, Place), Diagnostic> {
        let (target, place) = self.target(path, aside)?;
        let written = std::fs::File::create(&target).and_then(|file| {
            // The buffer is in front of the sum too: writers such as
            // serde_json write a few bytes at a time, and hashing each
            // piece on its own costs more than hashing the chunks.
            let mut out = io::BufWriter::with_capacity(
                256 * 1024,
                Tee {
                    file,
                    sum: Summing::default(),
                },
            );
            write(&mut out)?;
            let tee = out.into_inner().map_err(io::IntoInnerError::into_error)?;
            Ok(tee.sum.sum())
        });
        let sum = written.map_err(|e| self.error("cannot write", &target, e))?;
        Ok((sum, place))
    }

    /// Copies the file at `source` in as the file at `path` (`aside` as
    /// for [`Staging::write`]).
    pub fn copy(&self, path: &str, source: &Path, aside: bool) -> Result<Place, Diagnostic> {
        let (target, place) = self.target(path, aside)?;
        std::fs::copy(source, &target).map_err(|e| file_error("cannot copy", source, e))?;
        Ok(place)
    }

    /// Makes the folder at `path` in `tree/` (for a folder of `static/`).
    pub fn folder(&self, path: &str) -> Result<(), Diagnostic> {
        let target = self.tree()?.join(relative(path)?);
        self.tree_used.store(true, Ordering::Relaxed);
        std::fs::create_dir_all(&target).map_err(|e| self.error("cannot create", &target, e))
    }

    /// Removes the file staged for `path` at `place`.
    pub fn remove(&self, path: &str, place: Place) {
        let _ = std::fs::remove_file(match place {
            Place::Tree => self.dir.join("tree").join(path),
            Place::Aside(n) => self.aside(n),
        });
    }

    /// An error about `path`, named by where it would have gone in the
    /// output folder rather than by the staging folder.
    pub fn error(&self, what: &str, path: &Path, e: io::Error) -> Diagnostic {
        match path.strip_prefix(self.dir.join("tree")) {
            Ok(rel) => file_error(what, &self.output.join(rel), e),
            Err(_) => file_error(what, path, e),
        }
    }

    /// Where the file at `path` goes in the staging folder, with its folder
    /// made; refused if the path would lead out of it.
    fn target(&self, path: &str, aside: bool) -> Result<(PathBuf, Place), Diagnostic> {
        let rel = relative(path)?;
        if aside {
            self.dir()?;
            let n = self.next.fetch_add(1, Ordering::Relaxed);
            return Ok((self.aside(n), Place::Aside(n)));
        }
        let target = self.tree()?.join(rel);
        self.tree_used.store(true, Ordering::Relaxed);
        let made = || self.made.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(parent) = target.parent()
            && !made().contains(parent)
        {
            // Two threads may both make it: that is no error.
            std::fs::create_dir_all(parent).map_err(|e| self.error("cannot create", parent, e))?;
            made().insert(parent.to_path_buf());
        }
        Ok((target, Place::Tree))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.is_made() {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// `path` as a relative path that stays inside the folder it is joined to,
/// or the error that refuses it.
fn relative(path: &str) -> Result<&Path, Diagnostic> {
    if inside(path) {
        return Ok(Path::new(path));
    }
    let why = io::Error::new(
        io::ErrorKind::InvalidInput,
        "the path leaves the output folder",
    );
    Err(file_error("refusing to write", Path::new(path), why))
}

/// Writes to a file and sums what it writes.
struct Tee<W> {
    file: W,
    sum: Summing,
}

impl<W: io::Write> io::Write for Tee<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.sum.write_all(&buf[..n])?;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Removes staging folders (and their `.old` companions, from versions of
/// Annals that swapped whole folders) in `parent` left by builds that no
/// longer run. Only on systems where a process's liveness can be seen in
/// `/proc`.
fn remove_abandoned(parent: &Path, prefix: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        let pid = rest.strip_suffix(".old").unwrap_or(rest);
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = remove_tree(&entry.path());
        }
    }
}

/// Removes a folder and everything in it. A folder the author made
/// read-only cannot be emptied as it is: its folders are made writable
/// (for their owner) and the removal tried again.
pub fn remove_tree(path: &Path) -> io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            #[cfg(unix)]
            for entry in walkdir::WalkDir::new(path).into_iter().flatten() {
                use std::os::unix::fs::PermissionsExt;
                if entry.file_type().is_dir()
                    && let Ok(meta) = entry.metadata()
                {
                    let mode = meta.permissions().mode() | 0o700;
                    let _ = std::fs::set_permissions(
                        entry.path(),
                        std::fs::Permissions::from_mode(mode),
                    );
                }
            }
            std::fs::remove_dir_all(path)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_made_at_the_first_file_and_removed_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(&dir.path().join("public")).unwrap();
        assert!(!staging.is_made());
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
        assert_eq!(staging.write("a/b.html", b"x", false).unwrap(), Place::Tree);
        let (sum, place) = staging
            .write_with("c.json", &mut |out| out.write_all(b"{}"), true)
            .unwrap();
        assert_eq!((sum, place), (Sum::of(b"{}"), Place::Aside(0)));
        assert!(staging.write("../escape", b"x", false).is_err());
        let made = staging.dir().unwrap().to_path_buf();
        assert_eq!(std::fs::read(made.join("tree/a/b.html")).unwrap(), b"x");
        assert_eq!(std::fs::read(staging.aside(0)).unwrap(), b"{}");
        drop(staging);
        assert!(!made.exists());
    }
}
