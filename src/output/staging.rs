//! A new build written into a fresh folder beside the output folder, and
//! swapped in only when every file is there.

use crate::diagnostics::Diagnostic;
use crate::sink::{Sink, Writer, file_error};
use crate::source::statics::Statics;
use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// A new build being written into a fresh folder beside the output folder.
/// [`Staging::finish`] swaps it in; dropped unfinished (after an error),
/// it removes itself and the output folder stays as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    finished: bool,
    /// Folders made so far: most pages are the first file in theirs.
    made: Mutex<HashSet<PathBuf>>,
}

/// The staging folder's name for output folder `name`, without the pid.
fn staging_prefix(name: &str) -> String {
    format!(".{name}.annals-new-")
}

impl Staging {
    /// Creates the staging folder for `output` (an absolute path from
    /// [`check_target`]), first removing what builds that were killed
    /// before they finished left beside it.
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
        let _ = remove_tree(&dir);
        // Named by the output folder: the staging folder is ours, not the
        // author's.
        std::fs::create_dir(&dir).map_err(|e| file_error("cannot create", output, e))?;
        Ok(Staging {
            made: Mutex::default(),
            dir,
            output: output.to_path_buf(),
            finished: false,
        })
    }

    /// Copies the files of `static/` in and swaps the new build into
    /// place.
    pub fn finish(mut self, statics: &Statics) -> Result<(), Diagnostic> {
        copy_statics(statics, &self.dir)
            .and_then(|()| swap(&self.dir, &self.output))
            .map_err(|(what, path, e)| self.error(what, &path, e))?;
        self.finished = true;
        Ok(())
    }

    /// An error about `path`, named by where it would have gone in the
    /// output folder rather than by the staging folder.
    fn error(&self, what: &str, path: &Path, e: io::Error) -> Diagnostic {
        match path.strip_prefix(&self.dir) {
            Ok(rel) => file_error(what, &self.output.join(rel), e),
            Err(_) => file_error(what, path, e),
        }
    }
}

impl Staging {
    /// Where the page at `path` goes in the staging folder, with its folder
    /// made; refused if the path would lead out of it.
    fn target(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        match safe_relative(path) {
            Some(rel) => {
                let target = self.dir.join(rel);
                let made = || self.made.lock().unwrap_or_else(|p| p.into_inner());
                if let Some(parent) = target.parent()
                    && !made().contains(parent)
                {
                    // Two threads may both make it: that is no error.
                    std::fs::create_dir_all(parent)
                        .map_err(|e| self.error("cannot create", parent, e))?;
                    made().insert(parent.to_path_buf());
                }
                Ok(target)
            }
            None => {
                let why = io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the path leaves the output folder",
                );
                Err(file_error("refusing to write", Path::new(path), why))
            }
        }
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let target = self.target(path)?;
        std::fs::write(&target, bytes).map_err(|e| self.error("cannot write", &target, e))
    }

    fn put_with(&self, path: &str, write: &mut Writer) -> Result<(), Diagnostic> {
        let target = self.target(path)?;
        let written = std::fs::File::create(&target).and_then(|file| {
            let mut out = io::BufWriter::with_capacity(256 * 1024, file);
            write(&mut out)?;
            io::Write::flush(&mut out)
        });
        written.map_err(|e| self.error("cannot write", &target, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// Removes staging folders (and their `.old` companions) in `parent` left
/// by builds that no longer run: a build killed part-way leaves its
/// staging folder, never a half-written output. Only on systems where a
/// process's liveness can be seen in `/proc`.
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

/// Removes a folder and everything in it. A previous build the author made
/// read-only cannot be emptied as it is: its folders are made writable
/// (for their owner) and the removal tried again.
fn remove_tree(path: &Path) -> io::Result<()> {
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

type WriteError = (&'static str, PathBuf, io::Error);

/// Copies the files of `static/` into `to`, keeping the folder layout;
/// a static file replaces a page of the same path.
fn copy_statics(statics: &Statics, to: &Path) -> Result<(), WriteError> {
    for folder in &statics.folders {
        let target = to.join(folder);
        std::fs::create_dir_all(&target).map_err(|e| ("cannot create", target.clone(), e))?;
    }
    for file in &statics.files {
        std::fs::copy(&file.source, to.join(&file.path))
            .map_err(|e| ("cannot copy", file.source.clone(), e))?;
    }
    Ok(())
}

/// Moves the finished folder into place, keeping the old one until the new
/// one is there.
fn swap(staging: &Path, output: &Path) -> Result<(), WriteError> {
    if !output.exists() {
        return std::fs::rename(staging, output)
            .map_err(|e| ("cannot move the new build to", output.to_path_buf(), e));
    }
    let old = staging.with_file_name(format!(
        "{}.old",
        staging
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    std::fs::rename(output, &old).map_err(|e| ("cannot replace", output.to_path_buf(), e))?;
    if let Err(e) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&old, output);
        return Err(("cannot move the new build to", output.to_path_buf(), e));
    }
    let _ = remove_tree(&old);
    Ok(())
}

/// `path` as a relative path that stays inside the folder it is joined to.
fn safe_relative(path: &str) -> Option<&Path> {
    let p = Path::new(path);
    let ok = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    ok.then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_cannot_leave_the_output() {
        assert!(safe_relative("events/a/index.html").is_some());
        for bad in ["", "../x", "/etc/passwd", "a/../../b", "./a"] {
            assert!(safe_relative(bad).is_none(), "{bad}");
        }
    }
}
