//! Where rendered files go: the output folder, memory, or nowhere.
//!
//! The output folder is checked first: it may not be the site itself, hold
//! it, or lie inside the folders Annals reads (`target.rs`), nor be a
//! folder of other files (`previous.rs`). A build then writes only the
//! files whose bytes changed and deletes only the files of its last build
//! that are gone, knowing its own files by the record it keeps in the
//! folder (`record.rs`). Each file is summed as it is rendered and written,
//! if new or changed, into a staging folder beside the output
//! (`update.rs`, `staging.rs`); only when everything is rendered and
//! checked are the staged files renamed into place (`apply.rs`). A failed
//! build changes nothing; a killed one leaves what the next build
//! finishes.

mod apply;
mod previous;
mod record;
mod staging;
mod target;
mod update;

pub use apply::Changes;
pub use record::{JOURNAL, MANIFEST};
pub use target::check_target;
pub use update::Update;

use crate::diagnostics::Diagnostic;
use crate::sink::{Page, Sink, Writer, file_error};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::statics::Statics;

    /// Builds `pages` into `out`, as `build` does.
    fn write(out: &Path, pages: &[Page]) -> Result<Changes, Vec<Diagnostic>> {
        let update = Update::new(out, out).map_err(|d| vec![d])?;
        for page in pages {
            update.put(&page.path, &page.bytes).map_err(|d| vec![d])?;
        }
        update.finish(&Statics::default())
    }

    fn page(path: &str, text: &str) -> Page {
        Page {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_failed_write_leaves_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[page("index.html", "one")]).unwrap();
        let bad = [page("index.html", "two"), page("../escape.html", "x")];
        assert!(write(&out, &bad).is_err());
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
        write(&out, &[page("index.html", "three")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "three"
        );
    }

    #[test]
    fn only_changed_files_are_written_and_only_gone_ones_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = [
            page("index.html", "home"),
            page("a/index.html", "a"),
            page("b/index.html", "b"),
        ];
        assert_eq!(write(&out, &first).unwrap().written, 3);
        std::fs::write(out.join("CNAME"), "example.org").unwrap();
        std::fs::write(out.join("a/mine.txt"), "mine").unwrap();
        let second = [page("index.html", "home"), page("c/index.html", "c")];
        let changes = write(&out, &second).unwrap();
        assert_eq!((changes.written, changes.removed), (1, 2));
        let mut names: Vec<_> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(&out).unwrap().to_owned())
            .collect();
        names.retain(|n| n != Path::new(MANIFEST));
        let names: Vec<_> = names.iter().map(|n| n.to_str().unwrap()).collect();
        // b/ went with its page; a/ holds a file of the author's.
        assert_eq!(
            names,
            [
                "CNAME",
                "a",
                "a/mine.txt",
                "c",
                "c/index.html",
                "index.html"
            ]
        );
        assert_eq!(write(&out, &second).unwrap().written, 0);
    }

    #[test]
    fn a_file_annals_did_not_write_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[page("index.html", "home")]).unwrap();
        std::fs::write(out.join("robots.txt"), "mine").unwrap();
        let again = [page("index.html", "new home"), page("robots.txt", "ours")];
        assert!(write(&out, &again).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("robots.txt")).unwrap(),
            "mine"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "home"
        );
    }
}
