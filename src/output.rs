//! Writes rendered pages to the output folder, safely.
//!
//! The output folder is checked first: it may not be the site itself, hold
//! it, or lie inside the folders Annals reads. Pages are written to a fresh
//! folder beside the output, and only when every file is written is it
//! swapped in; a failed build leaves the previous output exactly as it was.

use crate::content::display_path;
use crate::diagnostics::Diagnostic;
use crate::render::Page;
use rayon::prelude::*;
use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Folders of the site that Annals reads; output may not go into them.
const READ_FOLDERS: &[&str] = &["content", "templates", "static"];

/// Checks that `output` is a safe place to build `site_dir` into.
/// Returns the output folder's absolute, symlink-free path, which is what
/// [`write`] should be given.
pub fn check_target(site_dir: &Path, output: &Path) -> Result<PathBuf, Diagnostic> {
    let refuse = |why: String| {
        Err(Diagnostic::new(
            None,
            format!("refusing to build into {}: {why}", output.display()),
        )
        .help("choose an output folder of its own, such as public/ inside the site (the default)"))
    };
    let site = std::fs::canonicalize(site_dir).map_err(|e| {
        Diagnostic::new(
            None,
            format!("cannot open the site folder {}: {e}", site_dir.display()),
        )
    })?;
    let out = absolute(output).map_err(|e| {
        Diagnostic::new(
            None,
            format!("cannot use {} as output: {e}", output.display()),
        )
    })?;
    if out == site {
        return refuse("it is the site folder itself".into());
    }
    if site.starts_with(&out) {
        return refuse("it contains the site".into());
    }
    for folder in READ_FOLDERS {
        if out.starts_with(site.join(folder)) {
            return refuse(format!("it is inside the site's {folder}/ folder"));
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return refuse("it is a file, not a folder".into());
        }
        let mut entries = std::fs::read_dir(&out)
            .map_err(|e| Diagnostic::new(None, format!("cannot read {}: {e}", output.display())))?;
        let empty = entries.next().is_none();
        if !empty && !out.join("index.html").is_file() {
            return refuse("it is a folder with other files in it, not a previous Annals build (it has no index.html); Annals replaces the whole output folder".into());
        }
    }
    Ok(out)
}

/// The absolute, symlink-free form of `path`, which need not exist yet:
/// its nearest existing ancestor is resolved and the rest appended.
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut rest = Vec::new();
    let mut existing = path.as_path();
    loop {
        match std::fs::canonicalize(existing) {
            Ok(mut real) => {
                for part in rest.iter().rev() {
                    real.push(part);
                }
                return Ok(real);
            }
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                _ => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "the path has `..` or no folder that exists",
                    ));
                }
            },
        }
    }
}

/// Where rendered pages go: the output folder's staging copy for `build`,
/// memory for `serve` and tests. Called from many threads at once.
pub trait Sink: Sync {
    /// Stores one page; `path` is relative, `/`-separated.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;

    /// Stores a page that `write` writes piece by piece, for files too
    /// large to hold whole.
    fn put_with(&self, path: &str, write: &mut Writer) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| fail("cannot write", Path::new(path), e))?;
        self.put(path, &bytes)
    }
}

/// Writes a file's contents to the writer it is given.
pub type Writer<'a> = dyn FnMut(&mut dyn io::Write) -> io::Result<()> + 'a;

/// Pages kept in memory.
#[derive(Default)]
pub struct Memory(Mutex<Vec<Page>>);

impl Memory {
    /// The pages, sorted by path.
    pub fn into_pages(self) -> Vec<Page> {
        let mut pages = self.0.into_inner().unwrap_or_else(|p| p.into_inner());
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        pages
    }
}

impl Sink for Memory {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let page = Page {
            path: path.to_string(),
            bytes: bytes.to_vec(),
        };
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(page);
        Ok(())
    }
}

/// Pages thrown away as they come, for `annals check`.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _path: &str, _bytes: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn put_with(&self, path: &str, write: &mut Writer) -> Result<(), Diagnostic> {
        write(&mut io::sink()).map_err(|e| fail("cannot write", Path::new(path), e))
    }
}

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
        std::fs::create_dir_all(&parent).map_err(|e| fail("cannot create", &parent, e))?;
        remove_abandoned(&parent, &staging_prefix(&name));
        let dir = parent.join(format!("{}{}", staging_prefix(&name), std::process::id()));
        let _ = remove_tree(&dir);
        // Named by the output folder: the staging folder is ours, not the
        // author's.
        std::fs::create_dir(&dir).map_err(|e| fail("cannot create", output, e))?;
        Ok(Staging {
            made: Mutex::default(),
            dir,
            output: output.to_path_buf(),
            finished: false,
        })
    }

    /// Copies the files of `static_dir` (if it exists) in and swaps the new
    /// build into place.
    pub fn finish(mut self, static_dir: &Path) -> Result<(), Diagnostic> {
        let result = if static_dir.is_dir() {
            copy_tree(static_dir, &self.dir)
        } else {
            Ok(())
        };
        result
            .and_then(|()| swap(&self.dir, &self.output))
            .map_err(|(what, path, e)| self.error(what, &path, e))?;
        self.finished = true;
        Ok(())
    }

    /// An error about `path`, named by where it would have gone in the
    /// output folder rather than by the staging folder.
    fn error(&self, what: &str, path: &Path, e: io::Error) -> Diagnostic {
        match path.strip_prefix(&self.dir) {
            Ok(rel) => fail(what, &self.output.join(rel), e),
            Err(_) => fail(what, path, e),
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
                Err(fail("refusing to write", Path::new(path), why))
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

/// A write error, with where it happened and the promise that matters.
fn fail(what: &str, path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::new(
        None,
        format!("{what} {}: {e}", display_path(path).display()),
    )
    .help("nothing was changed in the output folder")
}

/// Writes `pages` and the files of `static_dir` (if it exists) into a new
/// folder beside `output`, then swaps it in. On any error the partial
/// folder is removed and `output` is untouched.
pub fn write(output: &Path, pages: &[Page], static_dir: &Path) -> Result<(), Diagnostic> {
    let staging = Staging::new(output)?;
    pages
        .par_iter()
        .try_for_each(|page| staging.put(&page.path, &page.bytes))?;
    staging.finish(static_dir)
}

type WriteError = (&'static str, PathBuf, io::Error);

/// Copies the regular files of `from` into `to`, keeping the folder layout.
/// Symlinks are not followed, so nothing outside the site is published.
fn copy_tree(from: &Path, to: &Path) -> Result<(), WriteError> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(from).to_path_buf();
            ("cannot read", path, io::Error::other(e.to_string()))
        })?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| ("cannot create", target.clone(), e))?;
        } else if entry.file_type().is_file() {
            if target.is_dir() {
                let why = io::Error::other(
                    "Annals generates a folder of that name; rename the static file",
                );
                return Err(("cannot copy", entry.path().to_path_buf(), why));
            }

            std::fs::copy(entry.path(), &target)
                .map_err(|e| ("cannot copy", entry.path().to_path_buf(), e))?;
        }
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

    #[test]
    fn refuses_unsafe_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        for bad in [
            site.clone(),
            dir.path().to_path_buf(),
            site.join("content/out"),
            site.join("."),
            site.join("static/x"),
        ] {
            assert!(check_target(&site, &bad).is_err(), "{}", bad.display());
        }
        assert!(check_target(&site, &site.join("public")).is_ok());
        assert!(check_target(&site, &dir.path().join("elsewhere/deep")).is_ok());
        std::fs::create_dir_all(dir.path().join("docs")).unwrap();
        std::fs::write(dir.path().join("docs/notes.txt"), "mine").unwrap();
        assert!(check_target(&site, &dir.path().join("docs")).is_err());
    }

    #[test]
    fn a_failed_write_leaves_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let page = |path: &str, text: &str| Page {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        };
        write(
            &out,
            &[page("index.html", "one")],
            &dir.path().join("static"),
        )
        .unwrap();
        let bad = [page("index.html", "two"), page("../escape.html", "x")];
        assert!(write(&out, &bad, &dir.path().join("static")).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "one"
        );
        assert!(!dir.path().join("escape.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
        write(
            &out,
            &[page("index.html", "three")],
            &dir.path().join("static"),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "three"
        );
    }
}
