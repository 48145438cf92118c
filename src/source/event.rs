//! One event file, or `_index.md`, parsed: its front matter split from
//! its body and checked field by field, every problem with its line and
//! column.

use super::content::{EVENT_KEYS, Event, INDEX_KEYS, Intro, SOURCE_KEYS, Source, Status};
use super::fields::{Map, Reader, Spanned};
use crate::date::{self, EventDate};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::yaml::{self, Node};
use std::path::Path;

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
