//! Reads typed values out of a YAML [`Node`] tree, field by field, collecting
//! every problem with its position in the file.
//!
//! `content` (event front matter) and `config` (`annals.yaml`) both describe
//! their keys with this, so both report problems the same way.

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::yaml::{Key, Node, Pos};
use std::path::{Path, PathBuf};

/// A value with the line and column in the file where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    pub line: usize,
    pub column: usize,
}

/// A scalar's text as pages show it, with where it is: trimmed, without
/// the characters HTML forbids (see [`super::text::strip_forbidden`]).
/// `None` for anything else, and for text that is blank once cleaned.
fn cleaned(node: &Node) -> Option<(String, Pos)> {
    match node {
        Node::Scalar { value, pos, .. } if !node.is_null() => {
            let text = super::text::strip_forbidden(value).trim().to_string();
            (!text.is_empty()).then_some((text, *pos))
        }
        _ => None,
    }
}

/// Reads fields from one file's YAML, turning positions in the YAML text
/// into positions in the file.
pub struct Reader {
    file: PathBuf,
    /// Lines before the YAML text's first line in the file.
    line_offset: usize,
    /// Every problem found so far.
    pub problems: Vec<Diagnostic>,
}

/// A YAML mapping whose keys have been checked against the allowed ones.
pub struct Map<'n> {
    entries: &'n [(Key, Node)],
    pub pos: Pos,
}

impl<'n> Map<'n> {
    /// Its keys, in the order written.
    pub fn keys(&self) -> impl Iterator<Item = &'n str> {
        self.entries.iter().map(|(k, _)| k.name.as_str())
    }

    /// Its keys, each with where it is written, in the order written.
    pub fn keys_at(&self) -> impl Iterator<Item = (&'n str, Pos)> {
        self.entries.iter().map(|(k, _)| (k.name.as_str(), k.pos))
    }

    /// The value of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }
}

impl Reader {
    pub fn new(file: &Path, line_offset: usize) -> Self {
        Reader {
            file: file.to_path_buf(),
            line_offset,
            problems: Vec::new(),
        }
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The position in the file of a position in the YAML text.
    pub fn place(&self, pos: Pos) -> (usize, usize) {
        (pos.line + self.line_offset, pos.column)
    }

    /// Records a problem at a position in the YAML text.
    pub fn report(&mut self, pos: Pos, message: impl Into<String>, help: impl Into<String>) {
        let (line, column) = self.place(pos);
        let help: String = help.into();
        let mut d = Diagnostic::at(&self.file, line, column, message);
        if !help.is_empty() {
            d = d.help(help);
        }
        self.problems.push(d);
    }

    /// Parses YAML text, reporting its problems at their places in the
    /// file. `None` after a syntax error: nothing more can be read.
    pub fn parse(&mut self, text: &str) -> Option<Node> {
        let (root, errors) = crate::yaml::parse(text);
        for e in errors {
            let mut message = e.message;
            if let Some(first) = e.first {
                message = format!("{message} (first on line {})", self.place(first).0);
            }
            self.report(e.pos, message, e.help.unwrap_or_default());
        }
        root
    }

    /// Reads `node` as a mapping whose keys must be among `known`; an
    /// unknown key is reported at the key with the nearest known one.
    /// `what` names the mapping in messages ("front matter", "a source").
    pub fn mapping<'n>(&mut self, node: &'n Node, what: &str, known: &[&str]) -> Option<Map<'n>> {
        let Node::Map { entries, pos } = node else {
            if node.is_null() {
                return Some(Map {
                    entries: &[],
                    pos: node.pos(),
                });
            }
            self.report(
                node.pos(),
                format!(
                    "{what} must be a mapping of `key: value` lines, but this is {}",
                    node.kind()
                ),
                format!("allowed keys: {}", known.join(", ")),
            );
            return None;
        };
        for (key, _) in entries {
            if !known.contains(&key.name.as_str()) {
                let allowed = format!("allowed keys in {what}: {}", known.join(", "));
                let help = match did_you_mean(&key.name, known) {
                    Some(near) => format!("did you mean `{near}`? {allowed}"),
                    None => allowed,
                };
                self.report(
                    key.pos,
                    format!("unknown key `{}` in {what}", key.name),
                    help,
                );
            }
        }
        Some(Map { entries, pos: *pos })
    }

    /// Reads `node` as a mapping whose keys are the author's own (languages,
    /// names), any key allowed; `None` (with a problem saying `help`
    /// unless it is null) for anything else.
    pub fn open_mapping<'n>(&mut self, node: &'n Node, what: &str, help: &str) -> Option<Map<'n>> {
        match node {
            Node::Map { entries, pos } => Some(Map { entries, pos: *pos }),
            _ if node.is_null() => None,
            _ => {
                let message = format!("{what} must be a mapping, but this is {}", node.kind());
                self.report(node.pos(), message, help);
                None
            }
        }
    }

    /// A single line of text. `None` (with a problem) if it is not text, or
    /// if it is required and missing or blank; `None` (silently) if it is
    /// optional and absent or null.
    pub fn text(&mut self, map: &Map, key: &str, required: bool) -> Option<Spanned<String>> {
        let Some(node) = map.get(key) else {
            if required {
                self.report(
                    map.pos,
                    format!("`{key}` is missing"),
                    format!("add a line `{key}: ...`"),
                );
            }
            return None;
        };
        match (node, cleaned(node)) {
            (_, Some((value, pos))) => {
                let (line, column) = self.place(pos);
                Some(Spanned {
                    value,
                    line,
                    column,
                })
            }
            (Node::Scalar { .. }, None) => {
                if required {
                    self.report(
                        node.pos(),
                        format!("`{key}` is empty"),
                        format!("give `{key}` a value"),
                    );
                }
                None
            }
            (other, None) => {
                self.report(
                    other.pos(),
                    format!("`{key}` must be text, but this is {}", other.kind()),
                    "quote text that contains `[`, `{`, `: ` or `#`",
                );
                None
            }
        }
    }

    /// A whole number from `min` to `max`. Anything else is a problem.
    pub fn count(&mut self, map: &Map, key: &str, min: usize, max: usize) -> Option<usize> {
        let node = map.get(key)?;
        if let Node::Scalar {
            value, plain: true, ..
        } = node
            && let Ok(n) = value.parse::<usize>()
            && (min..=max).contains(&n)
        {
            return Some(n);
        }
        let found = match node {
            Node::Scalar { value, .. } if value.trim().is_empty() => "empty".to_string(),
            Node::Scalar {
                value,
                plain: false,
                ..
            } => format!("the text \"{value}\""),
            Node::Scalar { value, .. } => format!("`{value}`"),
            other => other.kind().to_string(),
        };
        let range = match max {
            usize::MAX => format!("{min} or more"),
            max => format!("from {min} to {max}"),
        };
        self.report(
            node.pos(),
            format!("`{key}` must be a whole number {range}, not {found}"),
            format!("write e.g. `{key}: {}`", min.max(1)),
        );
        None
    }

    /// `true` or `false` (also `True`, `FALSE`...). Anything else is a problem.
    pub fn flag(&mut self, map: &Map, key: &str) -> Option<bool> {
        let node = map.get(key)?;
        if node.is_null() {
            return None;
        }
        match node {
            Node::Scalar {
                value, plain: true, ..
            } if matches!(value.as_str(), "true" | "True" | "TRUE") => Some(true),
            Node::Scalar {
                value, plain: true, ..
            } if matches!(value.as_str(), "false" | "False" | "FALSE") => Some(false),
            other => {
                self.report(
                    other.pos(),
                    format!("`{key}` must be true or false, not {}", shown(other)),
                    "write true or false, without quotes",
                );
                None
            }
        }
    }

    /// A list of non-empty names. A single name is a problem (it is easy to
    /// write `tags: a, b` meaning two tags).
    pub fn names(&mut self, map: &Map, key: &str) -> Vec<Spanned<String>> {
        let Some(items) = self.list(map, key) else {
            return Vec::new();
        };
        let mut names = Vec::with_capacity(items.len());
        for item in items {
            match cleaned(item) {
                Some((value, pos)) => {
                    let (line, column) = self.place(pos);
                    names.push(Spanned {
                        value,
                        line,
                        column,
                    });
                }
                None => self.report(
                    item.pos(),
                    format!(
                        "each item of `{key}` must be a name, but this is {}",
                        item.kind()
                    ),
                    format!("write `{key}: [\"First name\", \"Second name\"]`"),
                ),
            }
        }
        names
    }

    /// The items of a list, or `None` (with a problem unless absent or null).
    pub fn list<'n>(&mut self, map: &Map<'n>, key: &str) -> Option<&'n [Node]> {
        let node = map.get(key)?;
        match node {
            Node::Seq { items, .. } => Some(items),
            _ if node.is_null() => None,
            other => {
                let example = if key == "sources" {
                    "write each source as a list item: `- title: ...` then `url: ...` on the next line".to_string()
                } else if key == "claims" {
                    "write each claim as a list item: `- by: ...` then `on: ...`, `quote: ...` and `source: ...` on the next lines".to_string()
                } else {
                    format!(
                        "write a list, e.g. `{key}: [\"First\", \"Second\"]`, or one `- item` per line"
                    )
                };
                self.report(
                    other.pos(),
                    format!("`{key}` must be a list, but this is {}", other.kind()),
                    example,
                );
                None
            }
        }
    }
}

/// A value as a message names it: a scalar in backquotes, else its kind.
pub fn shown(node: &Node) -> String {
    match node {
        Node::Scalar { value, .. } => format!("`{value}`"),
        _ => node.kind().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn read(text: &str, known: &[&str], f: impl FnOnce(&mut Reader, &Map)) -> Vec<Diagnostic> {
        let (root, errors) = yaml::parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        let root = root.unwrap();
        let mut reader = Reader::new(Path::new("f.md"), 1);
        if let Some(map) = reader.mapping(&root, "front matter", known) {
            f(&mut reader, &map);
        }
        reader.problems
    }

    #[test]
    fn collects_every_problem_with_file_positions() {
        let problems = read(
            "titel: x\ndraft: maybe\ntags: a, b\n",
            &["title", "draft", "tags"],
            |r, m| {
                assert_eq!(r.text(m, "title", true), None);
                assert_eq!(r.flag(m, "draft"), None);
                assert!(r.names(m, "tags").is_empty());
            },
        );
        let places: Vec<(usize, usize)> = problems.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, [(2, 1), (2, 1), (3, 8), (4, 7)], "{problems:#?}");
        assert!(
            problems[0]
                .help
                .as_deref()
                .unwrap()
                .contains("did you mean `title`")
        );
    }

    #[test]
    fn blank_required_text_is_a_problem() {
        let problems = read("title: \"  \"\n", &["title"], |r, m| {
            assert_eq!(r.text(m, "title", true), None);
        });
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("empty"));
    }
}
