//! Where a build may go: never the site itself, a folder holding it, or a
//! folder Annals reads. (Whether a folder that is there already may be
//! built into is for its record to say: see `previous.rs`.)

use crate::diagnostics::Diagnostic;
use std::io;
use std::path::{Path, PathBuf};

/// Folders of the site that Annals reads; output may not go into them.
const READ_FOLDERS: &[&str] = &["content", "actors", "templates", "i18n", "static"];

/// Checks that `output` is a safe place to build `site_dir` into.
/// Returns the output folder's absolute, symlink-free path, which is what
/// [`super::Update::new`] should be given.
pub fn check_target(site_dir: &Path, output: &Path) -> Result<PathBuf, Diagnostic> {
    let refuse = |why: String| Err(refusal(output, &why));
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
    if out.exists() && !out.is_dir() {
        return refuse("it is a file, not a folder".into());
    }
    Ok(out)
}

/// The refusal to build into `output` (as the author named it), for `why`.
pub fn refusal(output: &Path, why: &str) -> Diagnostic {
    Diagnostic::new(
        None,
        format!("refusing to build into {}: {why}", output.display()),
    )
    .help("choose an output folder of its own, such as public/ inside the site (the default)")
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

#[cfg(test)]
mod tests {
    use super::*;

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
        std::fs::write(dir.path().join("file.txt"), "mine").unwrap();
        assert!(check_target(&site, &dir.path().join("file.txt")).is_err());
    }
}
