//! A sink in front of another that remembers the paths handed over, for
//! the files of `static/` to be checked against what the build generates.

use crate::diagnostics::Diagnostic;
use crate::sink::{Carried, Sink, Writer};
use std::sync::Mutex;

/// A sink that passes files on, remembering their paths when asked to
/// (for the files of `static/` to be checked against them).
pub(super) struct Recording<'a> {
    sink: &'a dyn Sink,
    paths: Option<Mutex<Vec<String>>>,
}

impl<'a> Recording<'a> {
    pub(super) fn new(sink: &'a dyn Sink, record: bool) -> Self {
        let paths = record.then(Mutex::default);
        Recording { sink, paths }
    }

    fn record(&self, path: &str) {
        if let Some(paths) = &self.paths {
            let mut paths = paths.lock().unwrap_or_else(|p| p.into_inner());
            paths.push(path.to_string());
        }
    }

    /// The paths written, if they were recorded.
    pub(super) fn paths(self) -> Vec<String> {
        self.paths
            .map(|p| p.into_inner().unwrap_or_else(|p| p.into_inner()))
            .unwrap_or_default()
    }
}

impl Sink for Recording<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.record(path);
        self.sink.put(path, bytes)
    }

    fn put_with(&self, path: &str, write: &mut Writer) -> Result<(), Diagnostic> {
        self.record(path);
        self.sink.put_with(path, write)
    }

    fn unchanged(&self, path: &str, inputs: u128) -> bool {
        let unchanged = self.sink.unchanged(path, inputs);
        if unchanged {
            self.record(path);
        }
        unchanged
    }

    fn put_made_from(&self, path: &str, bytes: &[u8], inputs: u128) -> Result<(), Diagnostic> {
        self.record(path);
        self.sink.put_made_from(path, bytes, inputs)
    }

    fn carry_over(&self, site: u128) -> Option<Carried> {
        let carried = self.sink.carry_over(site)?;
        carried.paths.iter().for_each(|path| self.record(path));
        Some(carried)
    }

    fn made(&self, site: u128, notes: &[String]) {
        self.sink.made(site, notes);
    }
}
