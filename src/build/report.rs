//! What a build says it did: the report the commands print, and the note
//! for files kept in an output folder an earlier Annals built.

use crate::diagnostics;
use crate::output::{self, Changes};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a finished build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub events: usize,
    pub pages: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
    /// See [`super::Rendered::notes`].
    pub notes: Vec<String>,
    /// See [`super::Rendered::warnings`].
    pub warnings: Vec<String>,
    /// What the build changed in the output folder.
    pub changes: output::Changes,
}

impl BuildReport {
    /// "10 events, 42 pages in 31 ms", as the commands report a build.
    pub fn summary(&self) -> String {
        format!(
            "{} {}, {} pages in {} ms",
            self.events,
            diagnostics::plural(self.events, "event", "events"),
            self.pages,
            self.elapsed.as_millis()
        )
    }

    /// "3 files written, 1 removed", or "no file changed": what the build
    /// changed in the output folder.
    pub fn changed(&self) -> String {
        let Changes {
            written, removed, ..
        } = self.changes;
        match (written, removed) {
            (0, 0) => "no file changed".into(),
            (w, 0) => format!("{w} {} written", diagnostics::plural(w, "file", "files")),
            (w, r) => format!(
                "{w} {} written, {r} removed",
                diagnostics::plural(w, "file", "files")
            ),
        }
    }
}

/// The note for files kept in an output folder that an Annals without a
/// record built.
pub(super) fn kept_note(output: &Path, kept: &[String]) -> String {
    let shown: Vec<&str> = kept.iter().take(3).map(String::as_str).collect();
    let more = if kept.len() > shown.len() {
        ", ..."
    } else {
        ""
    };
    format!(
        "{} was built by an earlier Annals, which kept no record of the files it wrote: \
         kept {} that this build does not write ({}{more}); delete any you no longer want \
         (from now on Annals records its files, and deletes those a build no longer writes)",
        diagnostics::display_path(output).display(),
        diagnostics::plural(kept.len(), "a file", &format!("{} files", kept.len())),
        shown.join(", ")
    )
}
