//! `annals init`'s placeholders in the site an import goes into: its
//! introduction (`content/_index.md`, "My timeline") and its two example
//! events. A file is a placeholder only while its bytes are exactly what
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
    let mut files: Vec<(&str, &str)> = Vec::new();
    if intro && found.intro {
        files.push((
            crate::init::CONTENT[0].0,
            "replaced {}, init's untouched introduction, with the title slide",
        ));
    }
    files.extend(
        found
            .examples
            .iter()
            .map(|rel| (*rel, "removed {}, init's untouched example event")),
    );
    for (rel, line) in files {
        let Some((_, bytes)) = crate::init::CONTENT.iter().find(|(r, _)| *r == rel) else {
            continue;
        };
        if !untouched(site_dir, rel, bytes) {
            continue;
        }
        match std::fs::remove_file(site_dir.join(rel)) {
            Ok(()) => {
                let shown = crate::diagnostics::display_path(&site_dir.join(rel));
                lines.push(line.replace("{}", &shown.display().to_string()));
            }
            Err(e) => failed.push((rel.to_string(), e)),
        }
    }
    (lines, failed)
}
