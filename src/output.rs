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
use std::collections::BTreeSet;
use std::io;
use std::path::{Component, Path, PathBuf};

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

/// Writes `pages` and the files of `static_dir` (if it exists) into a new
/// folder beside `output`, then swaps it in. On any error the partial
/// folder is removed and `output` is untouched.
pub fn write(output: &Path, pages: &[Page], static_dir: &Path) -> Result<(), Diagnostic> {
    let fail = |what: &str, path: &Path, e: io::Error| {
        Diagnostic::new(
            None,
            format!("{what} {}: {e}", display_path(path).display()),
        )
        .help("nothing was changed in the output folder")
    };
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| fail("cannot create", &parent, e))?;
    let staging = parent.join(format!(".{name}.annals-new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = fill(&staging, pages, static_dir).and_then(|()| swap(&staging, output));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    // Name files by where they would have gone, not by the staging folder.
    result.map_err(|(what, path, e)| match path.strip_prefix(&staging) {
        Ok(rel) => fail(what, &output.join(rel), e),
        Err(_) => fail(what, &path, e),
    })
}

type WriteError = (&'static str, PathBuf, io::Error);

fn fill(staging: &Path, pages: &[Page], static_dir: &Path) -> Result<(), WriteError> {
    std::fs::create_dir(staging).map_err(|e| ("cannot create", staging.to_path_buf(), e))?;
    let mut dirs = BTreeSet::new();
    for page in pages {
        let rel = safe_relative(&page.path).ok_or_else(|| {
            (
                "refusing to write",
                PathBuf::from(&page.path),
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the path leaves the output folder",
                ),
            )
        })?;
        if let Some(parent) = rel.parent() {
            dirs.insert(staging.join(parent));
        }
    }
    for dir in &dirs {
        std::fs::create_dir_all(dir).map_err(|e| ("cannot create", dir.clone(), e))?;
    }
    pages.par_iter().try_for_each(|page| {
        let path = staging.join(&page.path);
        std::fs::write(&path, &page.bytes).map_err(|e| ("cannot write", path, e))
    })?;
    if static_dir.is_dir() {
        copy_tree(static_dir, staging)?;
    }
    Ok(())
}

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
    let _ = std::fs::remove_dir_all(&old);
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
