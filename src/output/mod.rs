//! Writes rendered pages to the output folder, safely.
//!
//! The output folder is checked first: it may not be the site itself, hold
//! it, or lie inside the folders Annals reads. Pages are written to a fresh
//! folder beside the output, and only when every file is written is it
//! swapped in; a failed build leaves the previous output exactly as it was.

mod staging;
mod target;

pub use staging::Staging;
pub use target::check_target;

use crate::diagnostics::Diagnostic;
use crate::sink::{Page, Sink, Writer, file_error};
use crate::source::statics::Statics;
use rayon::prelude::*;
use std::io;
use std::path::Path;
use std::sync::Mutex;

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
        write(&mut io::sink()).map_err(|e| file_error("cannot write", Path::new(path), e))
    }
}

/// Writes `pages` and the files of `static/` into a new folder beside
/// `output`, then swaps it in. On any error the partial folder is removed
/// and `output` is untouched.
pub fn write(output: &Path, pages: &[Page], statics: &Statics) -> Result<(), Diagnostic> {
    let staging = Staging::new(output)?;
    pages
        .par_iter()
        .try_for_each(|page| staging.put(&page.path, &page.bytes))?;
    staging.finish(statics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let page = |path: &str, text: &str| Page {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        };
        write(&out, &[page("index.html", "one")], &Statics::default()).unwrap();
        let bad = [page("index.html", "two"), page("../escape.html", "x")];
        assert!(write(&out, &bad, &Statics::default()).is_err());
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
        write(&out, &[page("index.html", "three")], &Statics::default()).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "three"
        );
    }
}
