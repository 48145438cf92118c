//! `annals new`: writes a new event file with a filled-in front matter
//! skeleton that builds as it is.

use crate::date::{self, EventDate};
use crate::diagnostics::Diagnostic;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `content/<date>-<slug>.md` under `site_dir` and returns its path.
/// `date` defaults to today; an existing file is never overwritten.
pub fn new_event(site_dir: &Path, title: &str, date: Option<&str>) -> Result<PathBuf, Diagnostic> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Diagnostic::new(None, "the title is empty")
            .help("annals new \"Talks in Riyadh\" --date 2025-02-18"));
    }
    let date = match date {
        Some(text) => EventDate::parse(text).map_err(|why| {
            Diagnostic::new(None, format!("--date: {why}"))
                .help(format!("--date takes {}", date::FORMS))
        })?,
        None => date::today(),
    };
    let stem_date = date.machine().chars().take(10).collect::<String>();
    let path = site_dir
        .join("content")
        .join(format!("{stem_date}-{}.md", crate::slug::slugify(title)));
    let text = skeleton(title, &date);
    let shown = crate::diagnostics::display_path(&path);
    std::fs::create_dir_all(site_dir.join("content"))
        .map_err(|e| Diagnostic::new(None, format!("cannot create the content folder: {e}")))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Diagnostic::new(
                Some(&shown),
                "this file exists already; it was left as it is",
            )
            .help("give the new event another title or date, or edit the existing file"),
            _ => Diagnostic::new(Some(&shown), format!("cannot create this file: {e}")),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Diagnostic::new(Some(&shown), format!("cannot write this file: {e}")))?;
    Ok(shown)
}

/// The text of a new event file. The title is quoted by serde_yaml, so any
/// title is written as valid YAML.
fn skeleton(title: &str, date: &EventDate) -> String {
    let title = serde_yaml::to_string(title).unwrap_or_else(|_| format!("{title:?}\n"));
    format!(
        "---
title: {title}date: {date}
status: happened   # or: announced, planned, expected, reported, denied, cancelled
summary: \"\"       # one line for listings and feeds
actors: []         # e.g. [\"Marco Rubio\", \"Sergei Ryabkov\"]
places: []         # e.g. [\"Riyadh\"]
tags: []           # e.g. [\"diplomacy\"]
# end: {date}      # for an event that lasts several days
# approximate: true
# sources:
#   - title: \"Headline of the article\"
#     url: \"https://example.org/article\"
#     publisher: \"Publisher\"
#     author: \"Author\"
#     date: {date}
# related: [\"slug-of-another-event\"]
# draft: true
---

What happened, in your own words. Markdown works here.
",
        date = date.machine()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_file_that_parses_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let title = "Talks: day #2 \"in\" Riyadh";
        let path = new_event(dir.path(), title, Some("2025-02-18")).unwrap();
        assert!(
            path.ends_with("content/2025-02-18-talks-day-2-in-riyadh.md"),
            "{}",
            path.display()
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let event = crate::source::event::parse_event(&path, &text)
            .unwrap_or_else(|e| panic!("{e:#?}\n{text}"));
        assert_eq!(event.title, title);
        assert_eq!(event.when(), "18 February 2025");
        let again = new_event(dir.path(), title, Some("2025-02-18")).unwrap_err();
        assert!(again.message.contains("exists already"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }
}
