//! What an event is, and one event file (or `_index.md`) parsed: its
//! front matter split from its body and checked field by field, every
//! problem with its line and column.

mod dates;

pub use super::status::Status;
use super::text::nfc;
pub use dates::reported_on_default;

use super::fields::{Map, Reader, Spanned};
use super::status::status_of;
use crate::date::{self, Dates, EventDate};
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Node};
use std::path::{Path, PathBuf};

/// The keys an event's front matter accepts.
pub const EVENT_KEYS: &[&str] = &[
    "title",
    "date",
    "end",
    "approximate",
    "reported_on",
    "status",
    "summary",
    "actors",
    "places",
    "tags",
    "sources",
    "related",
    "slug",
    "draft",
    "history",
    "expected_by",
    "fulfils",
    "corrections",
    "claims",
    "media",
];
pub const SOURCE_KEYS: &[&str] = &["title", "url", "publisher", "author", "date"];
pub const INDEX_KEYS: &[&str] = &["title", "description"];

/// A cited source.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub title: String,
    /// An http(s) address, serialised as browsers read it
    /// (`HTTPS://Example.org` is `https://example.org/`).
    pub url: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub date: Option<EventDate>,
    /// Where the entry starts in the file: line and column.
    pub at: (usize, usize),
}

/// One event, as its file describes it.
#[derive(Debug, Clone)]
pub struct Event {
    /// The file, as shown in messages.
    pub file: PathBuf,
    pub slug: String,
    /// Where `slug:` was written, or (0, 0) when it comes from the file name.
    pub slug_at: (usize, usize),
    pub title: String,
    /// When it is, as written (`2025-02-17/2025-02-21`, `2022~`, `201X`,
    /// `2025-02-22/..`), with `end` and `approximate: true` taken in; `None`
    /// for an event not dated yet (only announced, planned, expected and
    /// reported events may be).
    pub dates: Option<Dates>,
    /// The day it first became known: `reported_on`, else its default
    /// ([`reported_on_default`]). Every event without `dates` has one, and
    /// is placed in time at it.
    pub reported_on: Option<EventDate>,
    pub status: Status,
    pub summary: Option<String>,
    /// Names, NFC-normalised, each once.
    pub actors: Vec<String>,
    pub places: Vec<String>,
    pub tags: Vec<String>,
    /// The deadline by which it should have happened, with where it is
    /// written (see [`super::expectation`]).
    pub expected_by: Option<Spanned<EventDate>>,
    /// The slug of the expected event this one settles.
    pub fulfils: Option<Spanned<String>>,
    /// How the status moved, in time order; the last entry's status is
    /// `status`. Empty when the file has no `history`.
    pub history: Vec<super::history::Change>,
    /// Corrections published on its page, newest first (see
    /// [`super::corrections`]). Empty when the file has none.
    pub corrections: Vec<super::corrections::Correction>,
    /// Where each name was written, line and column: those of `actors`,
    /// then `places`, then `tags`, in their order. Read it with
    /// [`Event::name_at`].
    pub name_places: Vec<(u32, u32)>,
    pub sources: Vec<Source>,
    /// Slugs of related events, with where each was written.
    pub related: Vec<Spanned<String>>,
    /// Who said what, when, and through which outlet (see
    /// [`super::claims`]), in the order written.
    pub claims: Vec<super::claims::Claim>,
    /// Pictures, video, audio and links shown with it (see
    /// [`super::media`]), in the order written. Their files are found on
    /// disk by [`super::media::locate`].
    pub media: Vec<super::media::Media>,
    /// What the author should look at, though the event builds (such as a
    /// claim citing a source the event does not have), one line each,
    /// `file:line:column: ...`. Every source-stage warning goes here.
    pub warnings: Vec<String>,
    pub draft: bool,
    /// The Markdown body.
    pub body: String,
    /// The language its words are written in, where it is not the page's:
    /// an event shown untranslated in another language's edition (see
    /// `model::editions`). `None` for an event read from its file.
    pub language: Option<String>,
    /// The digest (XXH3, 128 bits) of the file's text: whatever the
    /// event is, it is read from that text alone.
    pub digest: u128,
}

impl Event {
    /// Where `name` is written under `key` (`actors`, `places` or `tags`):
    /// its line and column.
    pub fn name_at(&self, key: &str, name: &str) -> Option<(usize, usize)> {
        let lists = [
            ("actors", &self.actors),
            ("places", &self.places),
            ("tags", &self.tags),
        ];
        let mut offset = 0;
        for (k, list) in lists {
            if k == key {
                let i = list.iter().position(|n| n == name)?;
                let &(line, column) = self.name_places.get(offset + i)?;
                return Some((line as usize, column as usize));
            }
            offset += list.len();
        }
        None
    }
}

/// The timeline's introduction, from `content/_index.md`.
#[derive(Debug, Clone, Default)]
pub struct Intro {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Markdown.
    pub body: String,
}

/// A file split into its front matter and body.
pub(super) struct Split<'t> {
    /// The YAML text between the fences.
    pub(super) yaml: &'t str,
    /// The Markdown after the closing fence.
    pub(super) body: &'t str,
}

/// Splits `---` fenced front matter from the body. The opening fence is
/// the first line (after an optional BOM); the closing one is the next line
/// that is exactly `---`.
fn split(text: &str) -> Result<Option<Split<'_>>, &'static str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Ok(None);
    }
    let start = first.len();
    let mut at = start;
    for line in lines {
        if line.trim_end() == "---" {
            return Ok(Some(Split {
                yaml: &text[start..at],
                body: &text[at + line.len()..],
            }));
        }
        at += line.len();
    }
    Err("the front matter is never closed")
}

/// A kind of file made of front matter and a Markdown body, for the
/// messages about one that is empty or has no front matter: "event",
/// and how such a file starts.
pub(super) struct FileKind {
    pub(super) name: &'static str,
    pub(super) empty: &'static str,
    pub(super) start: &'static str,
}

const EVENT_FILE: FileKind = FileKind {
    name: "event",
    empty: "an event starts with front matter: a `---` line, `title:` and `date:` lines, and another `---` line",
    start: "start the file with a `---` line, then `title:` and `date:` lines, then another `---` line",
};

/// Splits a file of `kind` into its front matter and body and parses the
/// front matter, with a [`Reader`] for its fields; every problem so far
/// if that cannot be done.
pub(super) fn front_matter<'t>(
    file: &Path,
    text: &'t str,
    kind: &FileKind,
) -> Result<(Split<'t>, Reader, Node), Vec<Diagnostic>> {
    let split = match split(text) {
        Ok(Some(s)) => s,
        Ok(None) if text.trim().is_empty() => {
            let message = format!("this {} file is empty", kind.name);
            return Err(vec![Diagnostic::new(Some(file), message).help(kind.empty)]);
        }
        Ok(None) => {
            let message = format!("this {} file has no front matter", kind.name);
            return Err(vec![Diagnostic::at(file, 1, 1, message).help(kind.start)]);
        }
        Err(why) => {
            return Err(vec![Diagnostic::at(file, 1, 1, why).help(
                "add a line with only `---` after the last front matter line",
            )]);
        }
    };
    let mut r = Reader::new(file, 1);
    match r.parse(split.yaml) {
        Some(root) => Ok((split, r, root)),
        None => Err(r.problems),
    }
}

/// Parses one event file. `file` is the path shown in messages; the slug
/// defaults to the file's stem.
pub fn parse_event(file: &Path, text: &str) -> Result<Event, Vec<Diagnostic>> {
    let (split, mut r, root) = front_matter(file, text, &EVENT_FILE)?;
    let Some(map) = r.mapping(&root, "front matter", EVENT_KEYS) else {
        return Err(r.problems);
    };
    if matches!(root, Node::Map { ref entries, .. } if entries.is_empty()) && r.problems.is_empty()
    {
        r.report(
            yaml::Pos { line: 0, column: 0 },
            "the front matter is empty",
            "an event needs at least `title:` and `date:`",
        );
        return Err(r.problems);
    }
    let title = r.text(&map, "title", true);
    let mut status = status_field(&mut r, &map);
    let slug = slug_field(&mut r, &map, file);
    let sources = sources_field(&mut r, &map);
    let history = super::history::history_field(&mut r, &map, sources.len());
    if let Some(last) = history.last() {
        status = super::history::agrees(&mut r, &map, status, last);
    }
    let read = dates::read(&mut r, &map, status);
    let reported_on = date_field(&mut r, &map, "reported_on", false);
    let (expected_by, fulfils) = super::expectation::read(&mut r, &map, status);
    let mut name_places = Vec::new();
    let mut names = |key: &'static str| -> Vec<String> {
        let spanned = unique(r.names(&map, key));
        name_places.extend(spanned.iter().map(|n| (n.line as u32, n.column as u32)));
        spanned.into_iter().map(|n| n.value).collect()
    };
    let (actors, places, tags) = (names("actors"), names("places"), names("tags"));
    let mut warnings = Vec::new();
    let claims = super::claims::claims_field(&mut r, &map, &actors, sources.len(), &mut warnings);
    let title_text = title.as_ref().map(|t| t.value.as_str());
    let media = super::media::media_field(&mut r, &map, title_text, &mut warnings);
    let mut event = Event {
        digest: xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
        file: file.to_path_buf(),
        slug: slug.0,
        slug_at: slug.1,
        title: title.map(|t| t.value).unwrap_or_default(),
        dates: read.dates,
        reported_on,
        status,
        summary: r.text(&map, "summary", false).map(|s| s.value),
        actors,
        places,
        tags,
        name_places,
        history,
        corrections: super::corrections::corrections_field(&mut r, &map),
        expected_by,
        fulfils,
        sources,
        related: r.names(&map, "related"),
        claims,
        media,
        warnings,
        draft: r.flag(&map, "draft").unwrap_or(false),
        body: split.body.to_string(),
        language: None,
    };
    if event.reported_on.is_none() {
        event.reported_on = reported_on_default(&event);
    }
    if read.undated {
        dates::check_placed(&mut r, &map, &event);
    }
    if r.problems.is_empty() {
        Ok(event)
    } else {
        Err(r.problems)
    }
}

/// A plain date (a source's `date`, `reported_on`).
fn date_field(r: &mut Reader, map: &Map, key: &str, required: bool) -> Option<EventDate> {
    let text = r.text(map, key, required)?;
    match EventDate::parse(&text.value) {
        Ok(d) => Some(d),
        Err(why) => {
            let pos = map.get(key).map(Node::pos).unwrap_or_default();
            r.report(pos, why, format!("`{key}` takes {}", date::FORMS));
            None
        }
    }
}

fn status_field(r: &mut Reader, map: &Map) -> Status {
    status_of(r, map, false).unwrap_or(Status::Happened)
}

/// The slug and where it was written: `slug:` if given (and valid), else
/// the file stem, made into a slug if it is not one already.
fn slug_field(r: &mut Reader, map: &Map, file: &Path) -> (String, (usize, usize)) {
    if let Some(slug) = r.text(map, "slug", false) {
        if crate::slug::is_valid(&slug.value) {
            return (slug.value, (slug.line, slug.column));
        }
        let pos = map.get("slug").map(Node::pos).unwrap_or_default();
        r.report(
            pos,
            format!("`{}` is not a usable slug", slug.value),
            format!(
                "a slug has only lowercase letters, digits and single hyphens, e.g. `{}`",
                crate::slug::slugify(&slug.value)
            ),
        );
    }
    (crate::slug::slugify(&file_slug_stem(file)), (0, 0))
}

/// What an event's slug is made from when it has no `slug:`: the file's
/// stem, or for `index.md` (an event in a folder of its own, beside its
/// pictures) the folder's name.
pub fn file_slug_stem(file: &Path) -> String {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem.eq_ignore_ascii_case("index")
        && let Some(folder) = file.parent().and_then(Path::file_name)
    {
        return folder.to_string_lossy().into_owned();
    }
    stem.to_string()
}

fn sources_field(r: &mut Reader, map: &Map) -> Vec<Source> {
    let Some(items) = r.list(map, "sources") else {
        return Vec::new();
    };
    let mut sources = Vec::new();
    for item in items {
        let Some(m) = r.mapping(item, "a source", SOURCE_KEYS) else {
            continue;
        };
        let title = r.text(&m, "title", true);
        let url = r.text(&m, "url", true).and_then(|url| {
            match crate::base_url::web_address(&url.value) {
                Ok(parsed) => Some(String::from(parsed)),
                Err(why) => {
                    let pos = m.get("url").map(Node::pos).unwrap_or_default();
                    r.report(
                        pos,
                        format!("`{}` is not a web address: {why}", url.value),
                        "a source's url is an http:// or https:// address with a host, such as https://example.org/2025/article",
                    );
                    None
                }
            }
        });
        let source = Source {
            title: title.map(|t| t.value).unwrap_or_default(),
            url: url.unwrap_or_default(),
            publisher: r.text(&m, "publisher", false).map(|s| s.value),
            author: r.text(&m, "author", false).map(|s| s.value),
            date: date_field(r, &m, "date", false),
            at: r.place(item.pos()),
        };
        sources.push(source);
    }
    sources
}

/// Names in the order given, each once.
fn unique(names: Vec<Spanned<String>>) -> Vec<Spanned<String>> {
    let mut out: Vec<Spanned<String>> = Vec::with_capacity(names.len());
    for mut n in names {
        n.value = nfc(&n.value);
        if !out.iter().any(|o| o.value == n.value) {
            out.push(n);
        }
    }
    out
}

/// Parses `_index.md`: optional front matter with `title` and
/// `description`, then the introduction.
pub fn parse_intro(file: &Path, text: &str) -> Result<Intro, Vec<Diagnostic>> {
    let split = match split(text) {
        Ok(Some(s)) => s,
        Ok(None) => {
            return Ok(Intro {
                body: text.to_string(),
                ..Intro::default()
            });
        }
        Err(why) => {
            return Err(vec![
                Diagnostic::at(file, 1, 1, why)
                    .help("add a line with only `---` after the front matter"),
            ]);
        }
    };
    let mut r = Reader::new(file, 1);
    let root = r.parse(split.yaml);
    let mut intro = Intro {
        body: split.body.to_string(),
        ..Intro::default()
    };
    if let Some(root) = root
        && let Some(map) = r.mapping(&root, "_index.md front matter", INDEX_KEYS)
    {
        intro.title = r.text(&map, "title", false).map(|s| s.value);
        intro.description = r.text(&map, "description", false).map(|s| s.value);
    }
    if r.problems.is_empty() {
        Ok(intro)
    } else {
        Err(r.problems)
    }
}

#[cfg(test)]
mod tests;
