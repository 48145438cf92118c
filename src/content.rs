//! Reads `content/`: one event per Markdown file, its YAML front matter
//! checked field by field, and the timeline's introduction (`_index.md`).
//!
//! Every problem in every file is collected; nothing here knows about HTML.

use crate::date::{self, EventDate};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::fields::{Map, Reader, Spanned};
use crate::yaml::{self, Node};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// The keys an event's front matter accepts.
pub const EVENT_KEYS: &[&str] = &[
    "title",
    "date",
    "end",
    "approximate",
    "status",
    "summary",
    "actors",
    "places",
    "tags",
    "sources",
    "related",
    "slug",
    "draft",
];
const SOURCE_KEYS: &[&str] = &["title", "url", "publisher", "author", "date"];
const INDEX_KEYS: &[&str] = &["title", "description"];

/// Where an event stands: whether it happened, or only was said to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Happened,
    Announced,
    Planned,
    Expected,
    Reported,
    Denied,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Happened,
        Status::Announced,
        Status::Planned,
        Status::Expected,
        Status::Reported,
        Status::Denied,
        Status::Cancelled,
    ];

    /// The word used in front matter and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Happened => "happened",
            Status::Announced => "announced",
            Status::Planned => "planned",
            Status::Expected => "expected",
            Status::Reported => "reported",
            Status::Denied => "denied",
            Status::Cancelled => "cancelled",
        }
    }

    /// The label readers see.
    pub fn label(self) -> &'static str {
        match self {
            Status::Happened => "Happened",
            Status::Announced => "Announced",
            Status::Planned => "Planned",
            Status::Expected => "Expected",
            Status::Reported => "Reported, unconfirmed",
            Status::Denied => "Denied",
            Status::Cancelled => "Cancelled",
        }
    }

    fn parse(word: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

/// A cited source.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub title: String,
    pub url: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub date: Option<EventDate>,
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
    pub date: EventDate,
    pub end: Option<EventDate>,
    pub approximate: bool,
    pub status: Status,
    pub summary: Option<String>,
    pub actors: Vec<String>,
    pub places: Vec<String>,
    pub tags: Vec<String>,
    pub sources: Vec<Source>,
    /// Slugs of related events, with where each was written.
    pub related: Vec<Spanned<String>>,
    pub draft: bool,
    /// The Markdown body.
    pub body: String,
}

/// The timeline's introduction, from `content/_index.md`.
#[derive(Debug, Clone, Default)]
pub struct Intro {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Markdown.
    pub body: String,
}

/// Everything read from `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub intro: Intro,
    /// Events in file order (sorted paths); drafts left out unless asked for.
    pub events: Vec<Event>,
    /// Slugs of events not in this build: drafts left out, and files that
    /// could not be read. Links to them are dropped, not reported.
    pub absent: Vec<String>,
}

/// A path as it should appear in messages: without a leading `./`.
pub fn display_path(path: &Path) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path.to_path_buf(),
    }
}

/// Reads every event under `site_dir/content`, in parallel, and reports
/// the problems of all files together.
///
/// Returns what could be read together with every problem, so that checks
/// spanning files can still run on the events that did parse.
pub fn load(site_dir: &Path, drafts: bool) -> (Content, Vec<Diagnostic>) {
    load_cached(site_dir, drafts, None)
}

/// Event files parsed by an earlier build, for `serve`'s rebuilds: a file
/// whose size and modification time have not changed is not read or
/// parsed again.
#[derive(Default)]
pub struct Cache(Mutex<HashMap<PathBuf, Cached>>);

/// A file's size and modification time when it was parsed, and the result.
struct Cached {
    stamp: (u64, Option<SystemTime>),
    parsed: Result<Event, Vec<Diagnostic>>,
}

impl Cache {
    /// The parsed file at `path`, from the cache if the file is unchanged.
    fn get_or_parse(
        &self,
        path: &Path,
        parse: impl Fn(&Path) -> Result<Event, Vec<Diagnostic>>,
    ) -> Result<Event, Vec<Diagnostic>> {
        let lock = || self.0.lock().unwrap_or_else(|p| p.into_inner());
        let Ok(meta) = std::fs::metadata(path) else {
            return parse(path);
        };
        let stamp = (meta.len(), meta.modified().ok());
        if let Some(hit) = lock().get(path).filter(|c| c.stamp == stamp) {
            return hit.parsed.clone();
        }
        let parsed = parse(path);
        lock().insert(
            path.to_path_buf(),
            Cached {
                stamp,
                parsed: parsed.clone(),
            },
        );
        parsed
    }

    /// Forgets files that are no longer there.
    fn keep_only(&self, paths: &[PathBuf]) {
        let keep: std::collections::HashSet<&PathBuf> = paths.iter().collect();
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|path, _| keep.contains(path));
    }
}

/// [`load`], taking unchanged files from `cache` when there is one.
pub fn load_cached(
    site_dir: &Path,
    drafts: bool,
    cache: Option<&Cache>,
) -> (Content, Vec<Diagnostic>) {
    let dir = site_dir.join("content");
    if !dir.is_dir() {
        let missing = Diagnostic::new(Some(&display_path(&dir)), "there is no content folder here")
            .help("put one Markdown file per event in content/, or run `annals new` to write the first");
        return (Content::default(), vec![missing]);
    }
    let (paths, mut problems) = find_files(site_dir, &dir);
    let index_path = dir.join("_index.md");
    let mut content = Content::default();
    if index_path.is_file() {
        match read_text(&index_path, CONTENT)
            .and_then(|t| parse_intro(&display_path(&index_path), &t))
        {
            Ok(intro) => content.intro = intro,
            Err(mut e) => problems.append(&mut e),
        }
    }
    let parse = |path: &Path| {
        read_text(path, CONTENT).and_then(|text| parse_event(&display_path(path), &text))
    };
    let parsed: Vec<Result<Event, Vec<Diagnostic>>> = paths
        .par_iter()
        .map(|path| match cache {
            Some(cache) => cache.get_or_parse(path, parse),
            None => parse(path),
        })
        .collect();
    if let Some(cache) = cache {
        cache.keep_only(&paths);
    }
    for (result, path) in parsed.into_iter().zip(&paths) {
        match result {
            Ok(event) if event.draft && !drafts => content.absent.push(event.slug),
            Ok(event) => content.events.push(event),
            Err(mut e) => {
                problems.append(&mut e);
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                content.absent.push(crate::slug::slugify(stem));
            }
        }
    }
    (content, problems)
}

/// The event files under `dir`, sorted; names starting with `_` or `.` are
/// skipped. A symlink (to an event file or to a folder) that leads outside
/// the site is reported and not followed, and so is a symlink loop.
fn find_files(site_dir: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    let root = std::fs::canonicalize(site_dir).unwrap_or_else(|_| site_dir.to_path_buf());
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(['_', '.']))
        });
    while let Some(entry) = walker.next() {
        match entry {
            Ok(e) => {
                let is_event =
                    e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md");
                let is_dir = e.file_type().is_dir();
                // The content folder itself may be a link; what it holds may not
                // lead out of the site.
                if (is_event || is_dir)
                    && e.depth() > 0
                    && e.path_is_symlink()
                    && !std::fs::canonicalize(e.path()).is_ok_and(|real| real.starts_with(&root))
                {
                    let what = if is_dir { "folder" } else { "file" };
                    problems.push(
                        Diagnostic::new(
                            Some(&display_path(e.path())),
                            "this symlink points outside the site",
                        )
                        .help(format!(
                            "copy the {what} into content/ instead of linking to it"
                        )),
                    );
                    if is_dir {
                        walker.skip_current_dir();
                    }
                } else if is_event {
                    paths.push(e.into_path());
                }
            }
            Err(err) => {
                let shown = err.path().map(display_path);
                let message = if err.loop_ancestor().is_some() {
                    "this symlink makes a loop in the content folder".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        err.io_error().map_or(err.to_string(), |e| e.to_string())
                    )
                };
                problems.push(Diagnostic::new(shown.as_deref(), message));
            }
        }
    }
    (paths, problems)
}

/// The largest text file Annals reads (event, `annals.yaml`, template):
/// 10 MiB. A file that long is a mistake (or an attack); bigger files are
/// refused before they are read.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// What a file is, for [`read_text`]'s messages: its kind in the plural,
/// and what to do with one that is too large.
pub struct Kind {
    pub plural: &'static str,
    pub when_too_large: &'static str,
}

const CONTENT: Kind = Kind {
    plural: "content files",
    when_too_large: "split it into several events, or link to long documents from `sources:`",
};

/// Reads a file as UTF-8 text, or says where it stops being UTF-8. Files
/// over [`MAX_FILE_BYTES`] are refused by their size on disk, and reading
/// stops at the limit should the file grow meanwhile.
pub fn read_text(path: &Path, kind: Kind) -> Result<String, Vec<Diagnostic>> {
    use std::io::Read;
    let shown = display_path(path);
    let cannot = |e: std::io::Error| {
        vec![Diagnostic::new(
            Some(&shown),
            format!("cannot read this file: {e}"),
        )]
    };
    let too_large = |size: String| {
        vec![
            Diagnostic::new(
                Some(&shown),
                format!("this file is {size}; {} may be at most 10 MiB", kind.plural),
            )
            .help(kind.when_too_large),
        ]
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let len = file.metadata().map_err(cannot)?.len();
    if len > MAX_FILE_BYTES {
        return Err(too_large(format!(
            "{:.1} MiB ({len} bytes)",
            len as f64 / (1024.0 * 1024.0)
        )));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large("over 10 MiB".into()));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = String::from_utf8_lossy(good.rsplit(|&b| b == b'\n').next().unwrap_or(good)).chars().count() + 1;
        vec![Diagnostic::at(&shown, line, column, "this file is not UTF-8 text")
            .help("save it as UTF-8 (every modern editor can); the byte here is not a valid character")]
    })
}

/// A file split into its front matter and body.
struct Split<'t> {
    /// The YAML text between the fences.
    yaml: &'t str,
    /// The Markdown after the closing fence.
    body: &'t str,
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

/// Parses one event file. `file` is the path shown in messages; the slug
/// defaults to the file's stem.
pub fn parse_event(file: &Path, text: &str) -> Result<Event, Vec<Diagnostic>> {
    let split = match split(text) {
        Ok(Some(s)) => s,
        Ok(None) if text.trim().is_empty() => {
            return Err(vec![Diagnostic::new(Some(file), "this event file is empty")
                .help("an event starts with front matter: a `---` line, `title:` and `date:` lines, and another `---` line")]);
        }
        Ok(None) => {
            return Err(vec![Diagnostic::at(file, 1, 1, "this event file has no front matter")
                .help("start the file with a `---` line, then `title:` and `date:` lines, then another `---` line")]);
        }
        Err(why) => {
            return Err(vec![Diagnostic::at(file, 1, 1, why).help(
                "add a line with only `---` after the last front matter line",
            )]);
        }
    };
    let mut r = Reader::new(file, 1);
    let Some(root) = r.parse(split.yaml) else {
        return Err(r.problems);
    };
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
    let date = date_field(&mut r, &map, "date", true);
    let end = date_field(&mut r, &map, "end", false);
    if let (Some(start), Some(end)) = (&date, &end)
        && !start.not_after(end)
    {
        let pos = map.get("end").map(Node::pos).unwrap_or_default();
        r.report(
            pos,
            format!("the event ends ({end}) before it starts ({start})"),
            "`end` must not be before `date`",
        );
    }
    let status = status_field(&mut r, &map);
    let slug = slug_field(&mut r, &map, file);
    let sources = sources_field(&mut r, &map);
    let event = Event {
        file: file.to_path_buf(),
        slug: slug.0,
        slug_at: slug.1,
        title: title.map(|t| t.value).unwrap_or_default(),
        date: date.unwrap_or(EventDate {
            year: 1,
            month: 1,
            day: 1,
            seconds: 0,
            offset: 0,
            precision: date::Precision::Year,
        }),
        end,
        approximate: r.flag(&map, "approximate").unwrap_or(false),
        status,
        summary: r.text(&map, "summary", false).map(|s| s.value),
        actors: unique(r.names(&map, "actors")),
        places: unique(r.names(&map, "places")),
        tags: unique(r.names(&map, "tags")),
        sources,
        related: r.names(&map, "related"),
        draft: r.flag(&map, "draft").unwrap_or(false),
        body: split.body.to_string(),
    };
    if r.problems.is_empty() {
        Ok(event)
    } else {
        Err(r.problems)
    }
}

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
    let Some(word) = r.text(map, "status", false) else {
        return Status::Happened;
    };
    Status::parse(&word.value).unwrap_or_else(|| {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        let allowed = format!("allowed: {}", names.join(", "));
        let help = match did_you_mean(&word.value, &names) {
            Some(near) => format!("did you mean `{near}`? {allowed}"),
            None => allowed,
        };
        let pos = map.get("status").map(Node::pos).unwrap_or_default();
        r.report(pos, format!("`{}` is not a status", word.value), help);
        Status::Happened
    })
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
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    (crate::slug::slugify(stem), (0, 0))
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
        let url = r.text(&m, "url", true);
        if let Some(url) = &url
            && !(url.value.starts_with("https://") || url.value.starts_with("http://"))
        {
            let pos = m.get("url").map(Node::pos).unwrap_or_default();
            r.report(
                pos,
                format!("`{}` is not a web address", url.value),
                "a source's url starts with https:// or http://",
            );
        }
        let source = Source {
            title: title.map(|t| t.value).unwrap_or_default(),
            url: url.map(|u| u.value).unwrap_or_default(),
            publisher: r.text(&m, "publisher", false).map(|s| s.value),
            author: r.text(&m, "author", false).map(|s| s.value),
            date: date_field(r, &m, "date", false),
        };
        sources.push(source);
    }
    sources
}

/// Names in the order given, each once.
fn unique(names: Vec<Spanned<String>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for n in names {
        if !out.contains(&n.value) {
            out.push(n.value);
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
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Event, Vec<Diagnostic>> {
        parse_event(Path::new("content/2025-02-18-riyadh.md"), text)
    }

    fn problems(text: &str) -> Vec<(usize, usize, String)> {
        let mut p: Vec<_> = parse(text)
            .unwrap_err()
            .into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect();
        p.sort();
        p
    }

    #[test]
    fn reads_a_full_event() {
        let e = parse(
            "\u{feff}---\r\ntitle: \"Riyadh: talks\"\r\ndate: 2025-02-18\r\nend: 2025-02-19\r\napproximate: true\r\nstatus: reported\r\nsummary: One line.\r\nactors: [Marco Rubio, Mike Waltz, Marco Rubio]\r\nplaces:\r\n  - Riyadh\r\ntags: [diplomacy]\r\nsources:\r\n  - title: Article\r\n    url: https://example.org/a\r\n    publisher: The Epoch Times\r\n    author: Ryan Morgan\r\n    date: 2025-02-22\r\nrelated: [geneva]\r\n---\r\nBody *text*.\r\n",
        )
        .unwrap();
        assert_eq!(e.slug, "2025-02-18-riyadh");
        assert_eq!(e.title, "Riyadh: talks");
        assert_eq!(e.date.machine(), "2025-02-18");
        assert_eq!(e.end.unwrap().machine(), "2025-02-19");
        assert!(e.approximate);
        assert_eq!(e.status, Status::Reported);
        assert_eq!(e.actors, ["Marco Rubio", "Mike Waltz"]);
        assert_eq!(e.places, ["Riyadh"]);
        assert_eq!(e.sources[0].publisher.as_deref(), Some("The Epoch Times"));
        assert_eq!(e.related[0].value, "geneva");
        assert_eq!((e.related[0].line, e.related[0].column), (18, 11));
        assert_eq!(e.body, "Body *text*.\r\n");
    }

    #[test]
    fn reports_every_problem_of_a_file_at_its_line() {
        let found = problems(
            "---\ntitel: x\ndate: 2025-13-45\nstatus: happend\napproximate: maybe\ntags: a, b\nslug: ../../etc\nsources:\n  - title: A\n    url: javascript:alert(1)\n  - url: https://x.org\n---\n",
        );
        let places: Vec<(usize, usize)> = found.iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(
            places,
            [
                (2, 1),
                (2, 1),
                (3, 7),
                (4, 9),
                (5, 14),
                (6, 7),
                (7, 7),
                (10, 10),
                (11, 5)
            ],
            "{found:#?}"
        );
        assert!(found[0].2.contains("titel") || found[1].2.contains("titel"));
    }

    #[test]
    fn refuses_broken_files_without_panicking() {
        for (text, message) in [
            ("", "empty"),
            ("title: x\n", "no front matter"),
            ("---\ntitle: x\n", "never closed"),
            ("---\n---\n", "empty"),
            ("---\n- a\n- b\n---\n", "mapping"),
            ("---\ntitle: \"x\ndate: 2021\n---\n", "invalid YAML"),
            ("---\ntitle: x\ntitle: y\ndate: 2021\n---\n", "twice"),
            (
                "---\ntitle: x\ndate: 2022\nend: 2021\n---\n",
                "before it starts",
            ),
            ("---\ntitle: [a]\ndate: 2021\n---\n", "must be text"),
            ("---\ntitle: x\ndate: 2021\n---\n---\n", ""),
        ] {
            let result = parse(text);
            if message.is_empty() {
                assert!(result.is_ok(), "{text:?}: {result:?}");
            } else {
                let errors = result.unwrap_err();
                assert!(
                    errors.iter().any(|d| d.message.contains(message)),
                    "{text:?}: {errors:#?}"
                );
            }
        }
    }

    #[test]
    fn a_yaml_syntax_error_is_placed_in_the_file() {
        let found = problems("---\ntitle: x\ndate: 2021\ntags: [a, b\nplaces: [c]\n---\n");
        assert_eq!((found[0].0, found[0].1), (4, 7), "{found:#?}");
        assert_eq!(
            found.len(),
            1,
            "nothing more is reported after a syntax error: {found:#?}"
        );
    }

    #[test]
    fn a_file_stem_becomes_a_slug() {
        let e = parse_event(
            Path::new("content/Talks in Київ.md"),
            "---\ntitle: x\ndate: 2021\n---\n",
        )
        .unwrap();
        assert_eq!(e.slug, "talks-in-kiyiv");
    }
}
