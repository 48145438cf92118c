//! Where each media file of an event is: in the site's folders, found on
//! disk, and (for what pages play as it is) where it is published.

use super::{CAPTIONS_HELP, LocalFile, SRC_HELP, Src};
use crate::diagnostics::{Diagnostic, display_path};
use std::path::Path;

/// Where `written` (a `src` of the event at `event`, relative to the
/// site folder, `/`-separated) is in the site: relative to the site
/// folder. An error if it leaves `content/` and `static/`.
pub(super) fn site_path(event: &str, written: &str) -> Result<String, String> {
    let mut parts: Vec<&str> = Vec::new();
    let rest = match written.strip_prefix('/') {
        Some(rest) => {
            parts.push(crate::source::statics::FOLDER);
            rest
        }
        None => {
            parts.extend(event.split('/'));
            parts.pop(); // the event file's own name
            written
        }
    };
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("leads out of the site".into());
                }
            }
            part => parts.push(part),
        }
    }
    let inside = parts.len() > 1 && matches!(parts[0], "content" | "static");
    if !inside {
        return Err(if parts.is_empty() {
            "leads out of the site".into()
        } else {
            format!("leads out of content/ and static/ (to {})", parts.join("/"))
        });
    }
    Ok(parts.join("/"))
}

/// Finds each media file of the event read from `path` (under
/// `site_dir`) on disk, filling in [`LocalFile::site_path`] and
/// [`LocalFile::disk`]. Reports, at the line and column of its `src`
/// (`captions`), a file that is not there, one outside `content/` and
/// `static/`, and one reached through a symlink that leads out of the
/// site.
pub fn locate(
    site_dir: &Path,
    path: &Path,
    event: &mut crate::source::event::Event,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if event.media.is_empty() {
        return problems;
    }
    let relative = path
        .strip_prefix(site_dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/");
    let root = std::fs::canonicalize(site_dir).unwrap_or_else(|_| site_dir.to_path_buf());
    let shown = display_path(&event.file);
    for item in &mut event.media {
        let files = [
            match &mut item.src {
                Src::File(f) => Some((f, SRC_HELP)),
                Src::Remote { .. } => None,
            },
            match &mut item.captions {
                Some(Src::File(f)) => Some((f, CAPTIONS_HELP)),
                _ => None,
            },
        ];
        for (file, help) in files.into_iter().flatten() {
            if let Err(why) = find(site_dir, &root, &relative, file) {
                let (line, column) = file.at;
                problems.push(
                    Diagnostic::at(&shown, line, column, format!("`{}` {why}", file.written))
                        .help(help),
                );
            }
        }
    }
    problems
}

/// Finds one file: see [`locate`].
fn find(site_dir: &Path, root: &Path, event: &str, file: &mut LocalFile) -> Result<(), String> {
    let path = site_path(event, &file.written)?;
    let disk = site_dir.join(&path);
    let meta = std::fs::metadata(&disk);
    if !meta.as_ref().is_ok_and(|m| m.is_file()) {
        return Err(match meta {
            Ok(_) => format!("is a folder ({path}), not a file"),
            Err(_) => format!("is not there: there is no file {path}"),
        });
    }
    let real = std::fs::canonicalize(&disk).map_err(|e| format!("cannot be read: {e}"))?;
    if !real.starts_with(root) {
        return Err(format!(
            "leads out of the site: {path} is a symlink to a file elsewhere; copy the file in instead"
        ));
    }
    file.site_path = path;
    file.disk = disk;
    Ok(())
}

/// Where a file of `content/` that pages play as it is (video, audio,
/// captions) is published, relative to the site root:
/// `content/2025-02-18-riyadh/clip.mp4` is `media/2025-02-18-riyadh/clip.mp4`.
pub fn published_path(site_path: &str) -> String {
    let rest = site_path.strip_prefix("content/").unwrap_or(site_path);
    format!("media/{rest}")
}

/// The files of `content/` that `events` play as they are (video, audio,
/// captions), each once, sorted by where they are published, as files to
/// publish beside those of `static/`. Pictures are published by what
/// processes them (see [`crate::media`]); a file of `static/` is
/// published already.
pub fn published(
    events: &[std::sync::Arc<crate::source::event::Event>],
) -> Vec<crate::source::statics::StaticFile> {
    let mut files = std::collections::BTreeMap::new();
    let mut add = |src: &Src| {
        if let Src::File(f) = src
            && f.static_address().is_none()
            && !f.site_path.is_empty()
        {
            files.insert(published_path(&f.site_path), f.disk.clone());
        }
    };
    for item in events.iter().flat_map(|e| &e.media) {
        if item.kind != super::Kind::Image {
            add(&item.src);
        }
        if let Some(c) = &item.captions {
            add(c);
        }
    }
    files
        .into_iter()
        .map(|(path, source)| crate::source::statics::StaticFile { path, source })
        .collect()
}
