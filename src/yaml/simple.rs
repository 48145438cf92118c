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
mod tests {
    use super::super::{parse, parse_with_libyaml};
    use super::events;

    /// Asserts that `text` gives the same tree and problems both ways, and
    /// says whether the fast reader read it.
    fn agrees(text: &str) -> bool {
        assert_eq!(parse(text), parse_with_libyaml(text), "on {text:?}");
        events(text).is_some()
    }

    #[test]
    fn reads_the_usual_front_matter() {
        let text = "title: \"Talks in Riyadh\"\ndate: 2025-02-18 # Tuesday\n\
                    tags: [diplomacy, \"US–Russia\", 'it''s']\nactors:\n  - Marco Rubio\n  - «Sergei»\n\
                    sources:\n- title: Report\n  url: https://example.org/a#b\n  \
                    publisher: 'The Times'\nrelated: []\nsummary: a, b [c] {d} x:y\n";
        assert!(agrees(text));
    }

    #[test]
    fn leaves_everything_else_to_libyaml() {
        for text in [
            "",
            "# only a comment\n",
            "title:\n",
            "title: a\n  b\n",
            "title: a: b\n",
            "title: \"a\\\"b\"\n",
            "title: |\n  a\n",
            "title: &a x\nb: *a\n",
            "title: [a,\n  b]\n",
            "title: {a: b}\n",
            "title: x\n---\nb: c\n",
            "title:\tx\n",
            "title: x\r\n",
            "\u{feff}title: x\n",
            "title: x\u{2028}y\n",
            " title: x\n",
            "- a\n",
        ] {
            assert!(!agrees(text), "{text:?}");
        }
    }

    /// A small random number source, the same on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }
    }

    const KEYS: &[&str] = &["title", "tags", "a-b", "_x", "2025", "t", "url"];
    const BAD_KEYS: &[&str] = &["-k", "ti tle", "\"q\"", "? k", "k k", "[k]"];
    const VALUES: &[&str] = &[
        "Riyadh",
        "a b  c",
        "x:y",
        "a #c",
        "a#b",
        "-5",
        "-x",
        "2025-02-18",
        "null",
        "~",
        "é«»",
        "a, b",
        "[x]",
        "x]",
        "\"q\"",
        "'it''s'",
        "\"a\" # c",
        "'a' ",
        "[a, b]",
        "[\"a\", 'b']",
        "[]",
        "[ ]",
        "[a b, c d]",
        "[é, ü] #c",
        "[a,b]",
        "[ a , b ]",
        "a ",
        "\"\"",
        "''",
        "\"a'b\"",
        "'a\"b'",
        "x-y_z.w/v",
        "1.5",
        "true",
    ];
    const BAD_VALUES: &[&str] = &[
        "x: y",
        "- x",
        "\"a\\\"b\"",
        "'x",
        "\"open",
        "\"a\" b",
        "\"a\"#c",
        "[a,]",
        "[a: b]",
        "[[a]]",
        "[a, {b: c}]",
        "[a",
        "[a]x",
        "|",
        ">",
        "&a x",
        "*a",
        "!t x",
        "%x",
        "@x",
        "`x",
        "x\u{85}y",
        "x\u{feff}",
        "a\u{2028}",
        "?x",
        ":x",
        "#",
        "a:",
        "a\tb",
        "x\r",
    ];

    /// A mapping of 1–4 keys at `indent`, each line after `first` (which
    /// goes where the caller has put its text already).
    fn gen_map(r: &mut Rng, out: &mut String, indent: usize, depth: usize) {
        for n in 0..1 + r.below(4) {
            if n > 0 {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(r.pick(KEYS));
            out.push(':');
            match r.below(if depth < 3 { 6 } else { 3 }) {
                0..=2 => {
                    out.push_str(&" ".repeat(1 + r.below(2)));
                    out.push_str(r.pick(VALUES));
                    out.push('\n');
                }
                3 => {
                    out.push('\n');
                    let inner = indent + 1 + r.below(4);
                    out.push_str(&" ".repeat(inner));
                    gen_map(r, out, inner, depth + 1);
                }
                _ => {
                    out.push_str(["", " # list"][r.below(2)]);
                    out.push('\n');
                    // Sometimes a list at the key's own indentation.
                    let inner = indent + r.below(3) * 2;
                    gen_seq(r, out, inner, depth + 1);
                }
            }
            if r.below(8) == 0 {
                out.push_str(["\n", "# c\n", "   # c\n", "  \n"][r.below(4)]);
            }
        }
    }

    /// A block list of 1–3 items at `indent`.
    fn gen_seq(r: &mut Rng, out: &mut String, indent: usize, depth: usize) {
        for _ in 0..1 + r.below(3) {
            out.push_str(&" ".repeat(indent));
            let gap = 1 + r.below(3) * r.below(2);
            out.push('-');
            out.push_str(&" ".repeat(gap));
            if depth < 3 && r.below(3) == 0 {
                gen_map(r, out, indent + 1 + gap, depth + 1);
            } else {
                out.push_str(r.pick(VALUES));
                out.push('\n');
            }
        }
    }

    /// Spoils one line of `text` in one of several ways.
    fn spoil(r: &mut Rng, text: &str) -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let i = r.below(lines.len());
        match r.below(6) {
            0 => lines[i].insert(0, ' '),
            1 => {
                let line = lines[i].trim_start().to_string();
                lines[i] = line;
            }
            2 => lines[i] = format!("{}: {}", r.pick(BAD_KEYS), r.pick(VALUES)),
            3 => lines[i] = format!("{}: {}", r.pick(KEYS), r.pick(BAD_VALUES)),
            4 => lines.insert(
                i,
                r.pick(&["-", "---", "...", "  - ", "t:", "x", "  y"])
                    .into(),
            ),
            _ => {
                let line = &mut lines[i];
                let at = line
                    .char_indices()
                    .map(|(j, _)| j)
                    .nth(r.below(line.chars().count().max(1)));
                line.insert_str(
                    at.unwrap_or(0),
                    r.pick(&[":", " ", "#", "'", "\"", "]", "\t", "é"]),
                );
            }
        }
        lines.join("\n") + "\n"
    }

    /// Random front matter, half of it spoilt: each is read the same both
    /// ways, and the fast reader reads many of them.
    #[test]
    fn agrees_with_libyaml_on_generated_documents() {
        let mut r = Rng(0x9e37_79b9_7f4a_7c15);
        let (mut fast, cases) = (0, 20_000);
        for _ in 0..cases {
            let mut text = String::new();
            gen_map(&mut r, &mut text, 0, 0);
            if r.below(2) == 0 {
                text = spoil(&mut r, &text);
            }
            if agrees(&text) {
                fast += 1;
            }
        }
        assert!(fast > cases / 4, "only {fast} of {cases} read fast");
    }

    #[test]
    fn reads_the_shipped_events_fast() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let Some(front) = text
                .strip_prefix("---\n")
                .and_then(|t| t.split_once("\n---\n"))
            else {
                continue;
            };
            assert!(agrees(front.0), "{:?} is not read fast", front.0);
            read += 1;
        }
        assert!(read >= 10, "only {read} events");
    }
}
