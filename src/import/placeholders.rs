//! `annals init`'s placeholders in the site an import goes into: its
//! introduction (`content/_index.md`, "My timeline"), its two example
//! events, and the picture the first one shows (removed with it, never
//! from under an edited example). A file is a placeholder only while its bytes are exactly what
//! `init` writes ([`crate::init::CONTENT`]); a file the author has edited
//! is never touched.
//!
//! An import that writes events removes the untouched example events, and
//! the untouched introduction gives way to the title slide; the report
//! lists each. An import that writes no event touches nothing.

use std::path::Path;

/// The untouched placeholders of a site.
#[derive(Debug, Default)]
pub(super) struct Placeholders {
    /// `content/_index.md` is init's, untouched.
    pub(super) intro: bool,
    /// init's example events that are untouched, relative to the site.
    pub(super) examples: Vec<&'static str>,
}

/// True if the file at `rel` in the site holds exactly `bytes`.
fn untouched(site_dir: &Path, rel: &str, bytes: &str) -> bool {
    std::fs::read(site_dir.join(rel)).is_ok_and(|b| b == bytes.as_bytes())
}

/// Finds init's untouched placeholders in the site.
pub(super) fn find(site_dir: &Path) -> Placeholders {
    let mut found = Placeholders::default();
    for (i, (rel, bytes)) in crate::init::CONTENT.iter().enumerate() {
        if !untouched(site_dir, rel, bytes) {
            continue;
        }
        if i == 0 {
            found.intro = true;
        } else {
            found.examples.push(rel);
        }
    }
    found
}

/// Removes the placeholders found before (each checked again, so a file
/// edited meanwhile stays), the introduction only if `intro` (the title
/// slide replaces it). Returns the lines for the report, and the removals
/// that failed.
pub(super) fn remove(
    site_dir: &Path,
    found: &Placeholders,
    intro: bool,
) -> (Vec<String>, Vec<(String, std::io::Error)>) {
    let mut lines = Vec::new();
    let mut failed = Vec::new();
    let mut remove = |rel: &str, bytes: &str, line: &str| {
        if !untouched(site_dir, rel, bytes) {
            return false;
        }
        match std::fs::remove_file(site_dir.join(rel)) {
            Ok(()) => {
                let shown = crate::diagnostics::display_path(&site_dir.join(rel));
                lines.push(line.replace("{}", &shown.display().to_string()));
                true
            }
            Err(e) => {
                failed.push((rel.to_string(), e));
                false
            }
        }
    };
    let content = crate::init::CONTENT;
    if intro && found.intro {
        let (rel, bytes) = content[0];
        remove(
            rel,
            bytes,
            "replaced {}, init's untouched introduction, with the title slide",
        );
    }
    let mut first_removed = false;
    for &(rel, bytes) in content.iter().filter(|(r, _)| found.examples.contains(r)) {
        let removed = remove(rel, bytes, "removed {}, init's untouched example event");
        first_removed |= removed && rel == content[1].0;
    }
    // The example picture goes with the example that shows it, so an
    // edited example keeps its picture.
    if first_removed {
        let (rel, bytes) = crate::init::EXAMPLE_PICTURE;
        remove(
            rel,
            bytes,
            "removed {}, the picture of init's example event",
        );
    }
    (lines, failed)
}
