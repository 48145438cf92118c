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

    /// Whether the file at `path` is there already as made from inputs of
    /// digest `inputs` (see `crate::digest`), untouched since: then it
    /// counts as put, and need not be made again. Only the output folder
    /// keeps what files were made from; every other sink says no.
    fn unchanged(&self, _path: &str, _inputs: u128) -> bool {
        false
    }

    /// [`Sink::put`] for a file made from inputs of digest `inputs`, for
    /// the next build's [`Sink::unchanged`].
    fn put_made_from(&self, path: &str, bytes: &[u8], _inputs: u128) -> Result<(), Diagnostic> {
        self.put(path, bytes)
    }

    /// Whether the output holds, untouched, every file of a build of a
    /// site whose digest was `site` (see `source::Sources::digest`): then
    /// they all count as put again, and come back with what that build said
    /// of its data files. Only the output folder can tell; every other
    /// sink says no.
    fn carry_over(&self, _site: u128) -> Option<Carried> {
        None
    }

    /// Notes that every file put so far was made from a site of digest
    /// `site`, and that its data files had `notes` to say, for the next
    /// build's [`Sink::carry_over`].
    fn made(&self, _site: u128, _notes: &[String]) {}
}

/// Puts every file into a folder of another sink: an edition's files go
/// under `uk/` (see `model::editions`). Whether the whole output is taken
/// over is decided once, for all editions, by the sink itself.
pub struct Prefixed<'a> {
    pub sink: &'a dyn Sink,
    /// The folder, with its closing `/`.
    pub prefix: String,
}

impl Prefixed<'_> {
    fn path(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }
}

impl Sink for Prefixed<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.sink.put(&self.path(path), bytes)
    }

    fn put_with(&self, path: &str, write: &mut Writer) -> Result<(), Diagnostic> {
        self.sink.put_with(&self.path(path), write)
    }

    fn unchanged(&self, path: &str, inputs: u128) -> bool {
        self.sink.unchanged(&self.path(path), inputs)
    }

    fn put_made_from(&self, path: &str, bytes: &[u8], inputs: u128) -> Result<(), Diagnostic> {
        self.sink.put_made_from(&self.path(path), bytes, inputs)
    }
}

/// The files of an earlier build taken over whole (see
/// [`Sink::carry_over`]).
pub struct Carried {
    /// Their paths.
    pub paths: Vec<String>,
    /// What that build said of its data files.
    pub notes: Vec<String>,
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
