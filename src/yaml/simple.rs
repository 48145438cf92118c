//! A fast reader for the plain YAML that nearly all front matter is made
//! of: `key: value` lines, lists written `[a, "b"]` or as `- item` lines,
//! and mappings inside lists (`- title: …` then `url: …`), with quoted or
//! plain one-line values and comments.
//!
//! It gives the same parser events, at the same positions, as libyaml does
//! for that text, and libyaml stays the authority: anything outside that
//! plain shape (tabs, block scalars, anchors, tags, escapes, values over
//! several lines, empty values, keys that are not simple names, flow
//! mappings, odd characters…) makes [`events`] return `None` at once, and
//! the text is parsed by libyaml instead. So it decides nothing that libyaml
//! would decide differently; the tests compare the two on generated text.
//! On a typical event's front matter libyaml spends about 112,000
//! instructions, this reader about 22,000 (callgrind).

use super::{Event, Pos};

/// Nesting the fast reader follows; front matter needs three levels.
const MAX_DEPTH: usize = 6;

/// The parser events of `text`, or `None` if it is not plain enough.
pub(super) fn events(text: &str) -> Option<Vec<(Event, Pos)>> {
    let mut reader = Reader {
        lines: lines(text)?,
        at: 0,
        depth: 0,
        out: Vec::with_capacity(64),
    };
    let first = reader.lines.first()?;
    if first.indent != 0 {
        return None;
    }
    reader
        .out
        .push((Event::DocumentStart, Pos { line: 1, column: 1 }));
    reader.map(0)?;
    if reader.at != reader.lines.len() {
        return None;
    }
    Some(reader.out)
}

/// A line with something on it: not blank, not only a comment.
#[derive(Clone, Copy)]
struct Line<'t> {
    /// 1-based.
    number: usize,
    /// Leading spaces.
    indent: usize,
    /// The rest of the line, without its line break.
    text: &'t str,
}

/// The lines that hold something, or `None` if a character or line could
/// mean something the fast reader does not follow.
fn lines(text: &str) -> Option<Vec<Line<'_>>> {
    if !text.chars().all(plain_char) {
        return None;
    }
    let mut out = Vec::with_capacity(16);
    for (i, raw) in text.split('\n').enumerate() {
        let text = raw.trim_start_matches(' ');
        let indent = raw.len() - text.len();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        // Document markers and directives.
        if indent == 0
            && (text.starts_with("---") || text.starts_with("...") || text.starts_with('%'))
        {
            return None;
        }
        out.push(Line {
            number: i + 1,
            indent,
            text,
        });
    }
    Some(out)
}

/// Characters that mean nothing special to libyaml beyond what is read
/// here: printable ones, and `\n`. Tabs, carriage returns, the byte order
/// mark and Unicode line separators send the text to libyaml.
fn plain_char(c: char) -> bool {
    matches!(c, '\n' | ' '..='~')
        || (c >= '\u{a0}'
            && !matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ))
}

struct Reader<'t> {
    lines: Vec<Line<'t>>,
    /// The next line to read.
    at: usize,
    depth: usize,
    out: Vec<(Event, Pos)>,
}

impl<'t> Reader<'t> {
    fn open(&mut self, event: Event, pos: Pos) -> Option<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.out.push((event, pos));
        Some(())
    }

    /// Where a collection starting on the current line at `indent` is.
    fn here(&self, indent: usize) -> Pos {
        at(self.lines[self.at].number, indent + 1)
    }

    fn close(&mut self, event: Event) {
        self.depth -= 1;
        self.out.push((event, Pos::default()));
    }

    fn scalar(&mut self, value: String, plain: bool, pos: Pos) {
        let event = Event::Scalar {
            value,
            plain,
            anchored: false,
        };
        self.out.push((event, pos));
    }

    /// A block mapping whose keys start at column `indent + 1`, from the
    /// current line to the first line indented less.
    fn map(&mut self, indent: usize) -> Option<()> {
        self.open(Event::MapStart { anchored: false }, self.here(indent))?;
        while let Some(&line) = self.lines.get(self.at) {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (key, rest) = split_key(line.text)?;
            self.scalar(key.to_string(), true, at(line.number, indent + 1));
            let value = rest.trim_start_matches(' ');
            if value.is_empty() || value.starts_with('#') {
                // The value is on the lines below.
                self.at += 1;
                let next = *self.lines.get(self.at)?;
                if next.indent > indent {
                    self.block(next.indent)?;
                } else if next.indent == indent && is_item(next.text) {
                    self.seq(indent)?;
                } else {
                    // An empty value: libyaml places it.
                    return None;
                }
            } else {
                let column = indent + key.len() + 1 + (rest.len() - value.len()) + 1;
                self.inline(at(line.number, column), value)?;
                self.at += 1;
            }
        }
        self.close(Event::MapEnd);
        Some(())
    }

    /// A block list whose `-` are at column `indent + 1`.
    fn seq(&mut self, indent: usize) -> Option<()> {
        self.open(Event::SeqStart { anchored: false }, self.here(indent))?;
        while let Some(&line) = self.lines.get(self.at) {
            if line.indent > indent {
                return None;
            }
            if line.indent < indent || !is_item(line.text) {
                break;
            }
            let after = &line.text[1..];
            let item = after.trim_start_matches(' ');
            if item.is_empty() || item.starts_with(['#', '-']) {
                return None;
            }
            let column = indent + 1 + (after.len() - item.len());
            if split_key(item).is_some() {
                // A mapping starts on the item's line: read that line as
                // if it began where the key does.
                self.lines[self.at] = Line {
                    number: line.number,
                    indent: column,
                    text: item,
                };
                self.map(column)?;
            } else {
                self.inline(at(line.number, column + 1), item)?;
                self.at += 1;
            }
        }
        self.close(Event::SeqEnd);
        Some(())
    }

    /// The mapping or list starting on the current line, at `indent`.
    fn block(&mut self, indent: usize) -> Option<()> {
        if is_item(self.lines[self.at].text) {
            self.seq(indent)
        } else {
            self.map(indent)
        }
    }

    /// A value on the rest of a line, starting at `pos`: one scalar or a
    /// one-line `[...]` list, then nothing but a comment.
    fn inline(&mut self, pos: Pos, text: &str) -> Option<()> {
        let rest = if let Some(list) = text.strip_prefix('[') {
            self.flow_seq(pos, list)?
        } else {
            let (value, plain, rest) = one_line_scalar(text, false)?;
            self.scalar(value, plain, pos);
            rest
        };
        end_of_line(rest)
    }

    /// The items of a `[...]` list after its `[`; returns what follows `]`.
    fn flow_seq<'s>(&mut self, pos: Pos, text: &'s str) -> Option<&'s str> {
        self.open(Event::SeqStart { anchored: false }, pos)?;
        let mut rest = text.trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix(']') {
            self.close(Event::SeqEnd);
            return Some(after);
        }
        loop {
            // Columns count characters, and a list's text may hold any.
            let consumed = text.len() - rest.len();
            let column = pos.column + 1 + text[..consumed].chars().count();
            let (value, plain, after) = one_line_scalar(rest, true)?;
            self.scalar(value, plain, at(pos.line, column));
            let after = after.trim_start_matches(' ');
            if let Some(after) = after.strip_prefix(']') {
                self.close(Event::SeqEnd);
                return Some(after);
            }
            rest = after.strip_prefix(',')?.trim_start_matches(' ');
        }
    }
}

fn at(line: usize, column: usize) -> Pos {
    Pos { line, column }
}

/// A `- ` list item line (or a bare `-`).
fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// `name: rest` or `name:` with a simple name, split at the colon.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let (key, rest) = text.split_at(end);
    let rest = rest.strip_prefix(':')?;
    // libyaml allows keys of up to 1024 characters on one line.
    let starts_well =
        key.len() <= 128 && key.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
    (starts_well && (rest.is_empty() || rest.starts_with(' '))).then_some((key, rest))
}

/// Nothing left on the line but spaces and a comment.
fn end_of_line(rest: &str) -> Option<()> {
    let trimmed = rest.trim_start_matches(' ');
    (trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())).then_some(())
}

/// YAML's indicator characters but `-`: a plain value may not start with
/// one, and a plain list item may not hold one.
const INDICATORS: &str = "?:,[]{}#&*!|>'\"%@`";

/// A one-line scalar: the value, whether it is plain, and what follows it.
/// In a `[...]` list (`in_list`) a plain value ends at `,` or `]`; in a
/// block mapping or list, at a comment (` #`) or at the line's end.
fn one_line_scalar(text: &str, in_list: bool) -> Option<(String, bool, &str)> {
    match text.as_bytes().first()? {
        b'"' => double_quoted(text),
        b'\'' => single_quoted(text),
        _ if !plain_start(text) => None,
        _ if in_list => {
            let end = text.find([',', ']']).unwrap_or(text.len());
            let value = text[..end].trim_end_matches(' ');
            let special = |c: char| INDICATORS.contains(c) || c == '\\';
            if value.is_empty() || value.contains(special) {
                return None;
            }
            Some((value.to_string(), true, &text[value.len()..]))
        }
        _ => {
            let value = match text.find(" #") {
                Some(i) => &text[..i],
                None => text,
            };
            let value = value.trim_end_matches(' ');
            if value.contains(": ") || value.ends_with(':') {
                return None;
            }
            Some((value.to_string(), true, &text[value.len()..]))
        }
    }
}

/// Whether a plain value may start here: not with a YAML indicator, except
/// `-` before a digit (a negative number).
fn plain_start(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('-') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) => !INDICATORS.contains(c),
        None => false,
    }
}

/// `"…"` closed on the same line, without escapes.
fn double_quoted(text: &str) -> Option<(String, bool, &str)> {
    let inner = &text[1..];
    let end = inner.find(['"', '\\'])?;
    if inner.as_bytes()[end] != b'"' {
        return None;
    }
    Some((inner[..end].to_string(), false, &inner[end + 1..]))
}

/// `'…'` closed on the same line, where `''` stands for `'`.
fn single_quoted(text: &str) -> Option<(String, bool, &str)> {
    let mut value = String::new();
    let mut rest = &text[1..];
    loop {
        let end = rest.find('\'')?;
        value.push_str(&rest[..end]);
        rest = &rest[end + 1..];
        match rest.strip_prefix('\'') {
            Some(after) => {
                value.push('\'');
                rest = after;
            }
            None => return Some((value, false, rest)),
        }
    }
}

#[cfg(test)]
mod tests;
