//! `annals init`: scaffolds a new site that builds and serves as it is:
//! `annals.yaml` with every key explained, an introduction, two example
//! events that show the front matter, the editor schemas, and no templates
//! (the embedded theme serves) unless the author asks for a copy to edit.

use crate::diagnostics::Diagnostic;
use crate::source::theme;
use std::path::{Path, PathBuf};

/// The JSON Schemas editors use to check `annals.yaml` and the front
/// matter of events, their translations and actor files.
pub const SCHEMAS: &[(&str, &str)] = &[
    (
        ".annals/annals.schema.json",
        include_str!("../schemas/annals.schema.json"),
    ),
    (
        ".annals/event.schema.json",
        include_str!("../schemas/event.schema.json"),
    ),
    (
        ".annals/actor.schema.json",
        include_str!("../schemas/actor.schema.json"),
    ),
    (
        ".annals/translation.schema.json",
        include_str!("../schemas/translation.schema.json"),
    ),
];

const CONFIG: &str = r#"# yaml-language-server: $schema=.annals/annals.schema.json
# Settings of this Annals site. Every key is optional; remove the # to use one.

# The site's name, on every page (default: the title in content/_index.md).
# title: "My timeline"

# For the description meta tag and link previews (default: _index.md's).
# description: "What this timeline follows"

# Where the site will be published. Links between pages are relative, so the
# site works anywhere; this makes feeds, calendar and sitemap URLs absolute.
# base_url: https://example.org/timeline/

# The day expectations (expected_by) are judged on: past their deadline and
# unsettled, they show as overdue. Without it, nothing depends on the clock.
# as_of: 2025-03-10

# The language of the pages, as a BCP 47 tag.
# language: en

# markdown:
#   unsafe_html: false     # true keeps raw HTML and javascript: links in bodies

# media:
#   remote: false          # true shows pictures from other hosts; false links to them

# timeline:
#   split_threshold: 500   # past this many events, one page per year

# Data files written beside the pages (all on by default).
# outputs:
#   atom: true             # atom.xml, and a feed per actor and tag
#   atom_limit: 50         # entries per feed, newest first
#   calendar: true         # calendar.ics
#   timelinejs: true       # timeline.json, for TimelineJS embeds
#   json: true             # events.json
#   sitemap: true          # sitemap.xml and robots.txt
"#;

const INTRO: &str = r#"---
title: "My timeline"
description: "One sentence on what this timeline follows."
---

This text introduces the timeline, above its first event. Write it in Markdown.
"#;

const FIRST: &str = r#"---
# yaml-language-server: $schema=../.annals/event.schema.json
title: "Delegations meet for the first round of talks"
date: 2025-02-18
summary: "One line, shown in listings and feeds."
actors: ["First Delegation", "Second Delegation"]
places: ["Geneva"]
tags: ["talks"]
sources:
  - title: "Headline of the report this event comes from"
    url: "https://example.org/report"
    publisher: "Example News"
    author: "A. Reporter"
    date: 2025-02-19
related: ["2025-03-second-round-expected"]
media:                  # pictures, video, audio or links, each shown as a figure
  - src: "example-map.svg"   # beside this file; or /img/x.jpg for static/img/x.jpg
    alt: "A drawn map: a green coast on a blue sea, two red dots joined by a dashed line"
    caption: "An example picture: replace it with your own."
    credit: "Drawing made by annals init"
---

What happened, in your own words. Markdown works: *emphasis*, [links](https://example.org),
lists and quotes:

> Quote people exactly, and cite where the quote comes from.
"#;

const SECOND: &str = r#"---
# yaml-language-server: $schema=../.annals/event.schema.json
title: "Second round of talks expected"
date: 2025-03           # known only to the month: shown as "March 2025"
approximate: true       # shown as "c. March 2025"
status: expected        # happened (default), announced, planned, expected, reported, denied, cancelled
summary: "Dates that are uncertain stay as precise as the sources make them."
actors: ["First Delegation", "Second Delegation"]
tags: ["talks"]
related: ["2025-02-18-first-round-of-talks"]
---

An event that has not happened yet, or that is only reported, is shown differently from
what happened, and says so in words.
"#;

/// The text files of `content/` that `init` writes, the introduction
/// first, then the example events (the first shows [`EXAMPLE_PICTURE`]):
/// `import` replaces the ones still exactly as written here.
pub const CONTENT: &[(&str, &str)] = &[
    ("content/_index.md", INTRO),
    ("content/2025-02-18-first-round-of-talks.md", FIRST),
    ("content/2025-03-second-round-expected.md", SECOND),
];

/// The picture the first example event shows: a drawing made here, so
/// that the example credits it truthfully. Its path, and its text.
pub const EXAMPLE_PICTURE: (&str, &str) = (
    "content/example-map.svg",
    r##"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400">
<rect width="640" height="400" fill="#bcd9ea"/>
<path d="M0 120 C90 100 150 150 230 130 S380 60 460 90 S590 150 640 120 V400 H0 Z" fill="#a9cf8f"/>
<path d="M0 250 C120 230 200 280 320 260 S520 220 640 250" fill="none" stroke="#7fb36a" stroke-width="3"/>
<path d="M170 300 C260 250 380 240 470 200" fill="none" stroke="#444" stroke-width="4" stroke-dasharray="12 10"/>
<circle cx="170" cy="300" r="12" fill="#c0392b"/>
<circle cx="470" cy="200" r="12" fill="#c0392b"/>
</svg>
"##,
);

/// What `init` wrote and what it left alone.
#[derive(Debug, Default)]
pub struct Scaffold {
    pub written: Vec<PathBuf>,
    /// Files that existed already (only with `force`).
    pub kept: Vec<PathBuf>,
}

/// Scaffolds a site in `dir`, creating it if needed. A folder with files in
/// it is refused unless `force`; even then no existing file is replaced.
/// With `theme`, the default templates are copied to `templates/` to edit.
pub fn init(dir: &Path, theme: bool, force: bool) -> Result<Scaffold, Diagnostic> {
    let fail = |what: &str, path: &Path, e: std::io::Error| {
        Diagnostic::new(None, format!("cannot {what} {}: {e}", path.display()))
    };
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::new(
            None,
            format!("{} is a file, not a folder", dir.display()),
        ));
    }
    let has_files = dir.is_dir()
        && std::fs::read_dir(dir)
            .map_err(|e| fail("read", dir, e))?
            .next()
            .is_some();
    if has_files && !force {
        return Err(Diagnostic::new(None, format!("{} is not empty", dir.display()))
            .help("choose an empty or new folder, or pass --force to add the files that are missing (nothing is replaced)"));
    }
    let mut files: Vec<(PathBuf, &[u8])> = vec![(PathBuf::from("annals.yaml"), CONFIG.as_bytes())];
    files.extend(
        CONTENT
            .iter()
            .map(|(p, s)| (PathBuf::from(p), s.as_bytes())),
    );
    files.push((PathBuf::from(".gitignore"), b"public/\n.annals-cache/\n"));
    files.extend(
        SCHEMAS
            .iter()
            .map(|(p, s)| (PathBuf::from(p), s.as_bytes())),
    );
    files.push((
        PathBuf::from(EXAMPLE_PICTURE.0),
        EXAMPLE_PICTURE.1.as_bytes(),
    ));
    if theme {
        files.extend(
            theme::TEMPLATES
                .iter()
                .map(|(n, s)| (Path::new("templates").join(n), s.as_bytes())),
        );
        files.extend(
            theme::ASSETS
                .iter()
                .map(|(n, b)| (Path::new("templates").join(n), *b)),
        );
    }
    let mut done = Scaffold::default();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail("create", parent, e))?;
        }
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        match created {
            Ok(mut file) => {
                std::io::Write::write_all(&mut file, bytes).map_err(|e| fail("write", &path, e))?;
                done.written.push(rel);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => done.kept.push(rel),
            Err(e) => return Err(fail("create", &path, e)),
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_examples_are_valid_events() {
        for (name, text) in [
            ("2025-02-18-first-round-of-talks", FIRST),
            ("2025-03-second-round-expected", SECOND),
        ] {
            let e =
                crate::source::event::parse_event(Path::new(&format!("content/{name}.md")), text)
                    .unwrap_or_else(|d| panic!("{d:#?}"));
            assert_eq!(e.slug, name);
        }
        crate::source::config::parse(Path::new("annals.yaml"), CONFIG)
            .unwrap_or_else(|d| panic!("{d:#?}"));
        crate::source::event::parse_intro(Path::new("content/_index.md"), INTRO).unwrap();
    }
}
