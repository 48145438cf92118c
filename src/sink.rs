//! Where rendering hands its files: the [`Page`] type and the [`Sink`]
//! trait, which the output folder, memory (`serve`, tests) and `check`'s
//! discard each implement. Rendering knows only this, not where files end
//! up.

use crate::diagnostics::Diagnostic;
use std::io;
use std::path::Path;

/// One output file: its path relative to the output folder (`/`-separated,
/// no `..`), and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
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
        write(&mut bytes).map_err(|e| file_error("cannot write", Path::new(path), e))?;
        self.put(path, &bytes)
    }
}

/// Writes a file's contents to the writer it is given.
pub type Writer<'a> = dyn FnMut(&mut dyn io::Write) -> io::Result<()> + 'a;

/// A file that could not be written (`what`: "cannot write"), with the
/// promise that matters.
pub fn file_error(what: &str, path: &Path, e: io::Error) -> Diagnostic {
    let shown = crate::diagnostics::display_path(path);
    Diagnostic::new(None, format!("{what} {}: {e}", shown.display()))
        .help("nothing was changed in the output folder")
}
