//! The site's `static/` folder: files published as they are, beside the
//! rendered pages, replacing a page of the same path. One listing, made
//! once per build and used by `build`, `check` and `serve` alike, so the
//! three accept and refuse the same files.
//!
//! Symlinks are not followed, so nothing outside the site is published.

use crate::diagnostics::{Diagnostic, display_path};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The name of the folder, at the site root.
pub const FOLDER: &str = "static";

/// What `static/` holds, in the order of a sorted walk (a folder before
/// what it holds).
#[derive(Debug, Clone, Default)]
pub struct Statics {
    /// `SITE_DIR/static`.
    pub dir: PathBuf,
    /// Folders, relative and `/`-separated (`img`, `img/icons`); empty
    /// ones are published too.
    pub folders: Vec<String>,
    pub files: Vec<StaticFile>,
    /// What is left out: symlinks (not followed, so that nothing outside
    /// the site is published) and anything else that is neither a file nor
    /// a folder, relative.
    pub left_out: Vec<String>,
}

/// One file of `static/`.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Where it goes in the output: relative, `/`-separated.
    pub path: String,
    /// Where it is on disk.
    pub source: PathBuf,
}

impl Statics {
    /// Lists `site_dir/static`, if there is one, reporting every entry
    /// that cannot be read or published.
    pub fn list(site_dir: &Path) -> Result<Statics, Vec<Diagnostic>> {
        let dir = site_dir.join(FOLDER);
        let mut statics = Statics {
            dir: dir.clone(),
            ..Statics::default()
        };
        if !dir.is_dir() {
            return Ok(statics);
        }
        let mut problems = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = display_path(e.path().unwrap_or(&dir));
                    problems.push(Diagnostic::new(Some(&path), format!("cannot read: {e}")));
                    continue;
                }
            };
            let kind = entry.file_type();
            let relative = entry
                .path()
                .strip_prefix(&dir)
                .ok()
                .and_then(|rel| rel.to_str())
                .map(|rel| rel.replace(std::path::MAIN_SEPARATOR, "/"));
            let Some(path) = relative else {
                problems.push(
                    Diagnostic::new(Some(&display_path(entry.path())), "the name is not UTF-8")
                        .help("rename it: a published file's name is part of its URL"),
                );
                continue;
            };
            if kind.is_dir() {
                statics.folders.push(path);
            } else if !kind.is_file() {
                statics.left_out.push(path);
            } else {
                statics.files.push(StaticFile {
                    path,
                    source: entry.into_path(),
                });
            }
        }
        if problems.is_empty() {
            Ok(statics)
        } else {
            Err(problems)
        }
    }

    pub fn is_empty(&self) -> bool {
        self.folders.is_empty() && self.files.is_empty()
    }

    /// The note about what was left out, if anything was.
    pub fn note(&self) -> Option<String> {
        (!self.left_out.is_empty()).then(|| {
            format!(
                "left out of static/, as symlinks are not followed (nothing outside the site is published): {}",
                self.left_out.join(", ")
            )
        })
    }

    /// Checks the static files against the paths of the files a build
    /// generates: a static file may replace a generated file that is not a
    /// page (`robots.txt`, an asset; its path is returned, for a warning),
    /// but may not replace a page, take the name of a folder Annals
    /// generates, nor a static folder the name of a generated file (a
    /// problem each).
    pub fn against<'a>(
        &'a self,
        generated: impl IntoIterator<Item = &'a str>,
    ) -> (Vec<&'a str>, Vec<Diagnostic>) {
        let mut files = HashSet::new();
        let mut folders = HashSet::new();
        for path in generated {
            folders.extend(path.match_indices('/').map(|(i, _)| &path[..i]));
            files.insert(path);
        }
        let shown = |path: &str| display_path(&self.dir.join(path));
        let mut replaced = Vec::new();
        let mut problems = Vec::new();
        for file in &self.files {
            if folders.contains(file.path.as_str()) {
                problems.push(
                    Diagnostic::new(
                        Some(&shown(&file.path)),
                        "Annals generates a folder of that name",
                    )
                    .help("rename the static file"),
                );
            } else if files.contains(file.path.as_str()) && file.path.ends_with(".html") {
                problems.push(
                    Diagnostic::new(Some(&shown(&file.path)), "Annals generates this page")
                        .help("rename the static file; to change how pages look, copy a template into templates/ (annals init --theme)"),
                );
            } else if files.contains(file.path.as_str()) {
                replaced.push(file.path.as_str());
            }
        }
        for folder in &self.folders {
            if files.contains(folder.as_str()) {
                problems.push(
                    Diagnostic::new(Some(&shown(folder)), "Annals generates a file of that name")
                        .help("rename the static folder"),
                );
            }
        }
        (replaced, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_and_files_and_checks_them_against_the_build() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("static/img/empty")).unwrap();
        std::fs::write(root.join("static/img/a.png"), b"png").unwrap();
        std::fs::write(root.join("static/events"), b"x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/passwd", root.join("static/img/link")).unwrap();
        let statics = Statics::list(root).unwrap();
        assert_eq!(statics.folders, ["img", "img/empty"]);
        let files: Vec<&str> = statics.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(files, ["events", "img/a.png"]);
        #[cfg(unix)]
        assert_eq!(statics.left_out, ["img/link"]);
        let (replaced, clashes) = statics.against(["events/a/index.html", "img", "img/a.png"]);
        // (A page replaced is a problem too: see tests/command_line.rs.)
        assert_eq!(replaced, ["img/a.png"]);
        let messages: Vec<&str> = clashes.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Annals generates a folder of that name",
                "Annals generates a file of that name"
            ]
        );
        assert!(Statics::list(&root.join("nowhere")).unwrap().is_empty());
    }
}
