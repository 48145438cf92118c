//! The plan of an import (which files, under which names, and what is
//! said about each slide) and its carrying out: files are created, never
//! replaced.

use super::event::{Item, broken, check_event, event_slide, title_slide};
use super::{ImportReport, Input};
use crate::date::EventDate;
use crate::diagnostics::Diagnostic;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The slugs of the events already in the site (drafts and files with
/// problems too), with their files where known.
pub(super) fn existing_slugs(site_dir: &Path) -> HashMap<String, Option<PathBuf>> {
    if !site_dir.join("content").is_dir() {
        return HashMap::new();
    }
    let (content, _) = crate::source::content::load(site_dir, true);
    let mut slugs: HashMap<String, Option<PathBuf>> = content
        .absent
        .into_iter()
        .map(|slug| (slug, None))
        .collect();
    for event in content.events {
        slugs.insert(event.slug.clone(), Some(event.file.clone()));
    }
    slugs
}

/// Decides every file and message of an import, without touching the
/// disk: `taken` says why a file name in `content/` cannot be used.
pub(super) fn plan(
    input: Input,
    content: &Path,
    taken: &dyn Fn(&str) -> Option<String>,
    today: &EventDate,
) -> Vec<Item> {
    let mut items: Vec<Item> = input.notes.into_iter().map(Item::Note).collect();
    if let Some(title) = &input.title {
        items.extend(title_slide(title, content, taken));
    }
    let mut claimed: HashSet<String> = HashSet::new();
    for slide in &input.events {
        let mut notes = Vec::new();
        let result = match &slide.skip {
            Some(why) => Err(why.clone()),
            None => event_slide(slide, today, &mut notes),
        };
        let result = result.and_then(|made| {
            let name = claim(&made.stem, &mut claimed);
            if let Some(why) = taken(&name) {
                return Err(why);
            }
            Ok((made, name))
        });
        match result {
            Ok((made, name)) => {
                items.extend(
                    notes
                        .into_iter()
                        .map(|n| Item::Note(format!("note: {}: {n}", slide.who()))),
                );
                let path = content.join(&name);
                items.push(match check_event(&path, &made) {
                    Ok(()) => Item::Write {
                        name,
                        text: made.text,
                        who: slide.who(),
                        title: false,
                        copy: made.copy,
                    },
                    Err(why) => Item::Broken(broken(&path, slide, &why)),
                });
            }
            Err(why) => items.push(Item::Skip(format!("skipped {}: {why}", slide.who()))),
        }
    }
    items
}

/// `stem.md`, or `stem-2.md`, `stem-3.md`… if this import has used it.
pub(super) fn claim(stem: &str, claimed: &mut HashSet<String>) -> String {
    let mut candidate = stem.to_string();
    let mut n = 2;
    while !claimed.insert(candidate.clone()) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    format!("{candidate}.md")
}

/// A plan that writes no event: the title slide is not written either.
pub(super) fn nothing(items: Vec<Item>) -> Vec<Item> {
    items
        .into_iter()
        .map(|item| match item {
            Item::Write { who, .. } => Item::Skip(format!(
                "skipped {who}: no event was imported, so it was not written"
            )),
            other => other,
        })
        .collect()
}

/// Carries out a plan: creates each file (never replacing one) and
/// gathers the messages.
pub(super) fn write(items: Vec<Item>, content: &Path, shown: PathBuf) -> ImportReport {
    use std::io::Write as _;
    let mut report = ImportReport {
        content_dir: shown.clone(),
        ..ImportReport::default()
    };
    let needs_folder = items.iter().any(|i| matches!(i, Item::Write { .. }));
    let folder_error = needs_folder
        .then(|| std::fs::create_dir_all(content).err())
        .flatten();
    for item in items {
        match item {
            Item::Note(line) => report.messages.push(line),
            Item::Skip(line) => {
                report.skipped += 1;
                report.messages.push(line);
            }
            Item::Broken(d) => {
                report.skipped += 1;
                report.errors.push(d);
            }
            Item::Write {
                name,
                text,
                who,
                title,
                copy,
            } => {
                let file_shown = shown.join(&name);
                if let Some(e) = &folder_error {
                    report.skipped += 1;
                    report.errors.push(Diagnostic::new(
                        Some(&file_shown),
                        format!(
                            "cannot write this file for {who}: cannot create {}: {e}",
                            shown.display()
                        ),
                    ));
                    continue;
                }
                let result = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(content.join(&name))
                    .and_then(|mut f| f.write_all(text.as_bytes()));
                match result {
                    Ok(()) if title => report.title = true,
                    Ok(()) => {
                        report.events += 1;
                        if let Some(path) = copy {
                            report.messages.push(copy_line(&shown, &path, &who));
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        report.skipped += 1;
                        report
                            .messages
                            .push(format!("skipped {who}: {} exists", file_shown.display()));
                    }
                    Err(e) => {
                        report.skipped += 1;
                        report.errors.push(Diagnostic::new(
                            Some(&file_shown),
                            format!("cannot write this file for {who}: {e}"),
                        ));
                    }
                }
            }
        }
    }
    report
}

/// The report's line for a media file to copy in: a `src` is relative to
/// the event file, in `content/`, or from the site root, in `static/`.
fn copy_line(content: &Path, path: &str, who: &str) -> String {
    let target = match path.strip_prefix('/') {
        Some(rooted) => content.with_file_name("static").join(rooted),
        None => content.join(path),
    };
    let target = target.display();
    format!("copy in: {target}, the media file of {who}, which the TimelineJS file only names")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_cannot_be_written_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("blocker"), "").unwrap();
        let content = dir.path().join("blocker/content");
        let items = vec![
            Item::Write {
                name: "x.md".into(),
                text: "---\ntitle: X\ndate: 2021\n---\n".into(),
                who: "slide 1 \"X\"".into(),
                title: false,
                copy: None,
            },
            Item::Skip("skipped slide 2: why".into()),
        ];
        let report = write(items, &content, PathBuf::from("blocker/content"));
        assert_eq!((report.events, report.skipped), (0, 2));
        assert_eq!(report.errors.len(), 1);
        assert!(
            report.errors[0].message.starts_with(
                "cannot write this file for slide 1 \"X\": cannot create blocker/content: "
            ),
            "{}",
            report.errors[0].message
        );
    }
}
