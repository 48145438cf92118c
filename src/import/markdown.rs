//! The Markdown that import writes: escaping so that text reads as it
//! did in TimelineJS, link addresses, and blocks laid out as Markdown.
//!
//! No HTML ever reaches the output: every `<` of the text is escaped, and
//! so is every other character Markdown would read as markup (`*`, `_`,
//! `[`, `` ` ``, a `#` or `1.` starting a line, …). Links keep only
//! `http:`, `https:` and `mailto:` addresses. Bold or italic that Markdown
//! would not read as such (`**` between a letter and punctuation, as in
//! `word**(x)**`) is written as plain text rather than with stray
//! asterisks: each paragraph is written with its markers and without, and
//! the markers are kept only if both show the same text.

/// An emphasis marker while a paragraph is being built; it becomes `*`
/// if Markdown reads every marker of the paragraph as emphasis, and
/// nothing otherwise (see [`resolve`]). A private-use character, taken out
/// of the input.
pub(super) const MARK: char = '\u{E000}';

/// Markdown with [`MARK`]s, lines split at hard breaks, as it will be
/// written: with `*` for the marks if that reads as the same text as
/// without them, else without them (`word**(x)**` would show its
/// asterisks). Each line has its line-start escapes.
pub(super) fn resolve(lines: &[&str]) -> String {
    let version = |mark: &str| {
        lines
            .iter()
            .map(|l| escape_line_start(&l.replace(MARK, mark)))
            .collect::<Vec<_>>()
            .join("\\\n")
    };
    let flat = version("");
    if !lines.iter().any(|l| l.contains(MARK)) {
        return flat;
    }
    let starred = version("*");
    if shown_text(&starred) == shown_text(&flat) {
        starred
    } else {
        flat
    }
}

/// The text Markdown shows, without its formatting.
fn shown_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// An address a link may keep: `http(s)` (a protocol-relative `//host`
/// becomes `https:`) or `mailto:`. `None` for anything else.
pub fn web_address(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let url = if url.starts_with("//") {
        format!("https:{url}")
    } else {
        url.to_string()
    };
    let ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s) && lower.len() > s.len())
        || (lower.starts_with("//") && lower.len() > 2);
    ok.then_some(url)
}

/// A link destination as Markdown: characters that would end or break it
/// percent-encoded, and in `<…>` if it has parentheses.
pub fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() || c.is_whitespace() => {
                for b in c.encode_utf8(&mut [0; 4]).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    if out.contains(['(', ')']) {
        format!("<{out}>")
    } else {
        out
    }
}

/// Escapes text so Markdown shows it as it is. Characters that only
/// matter at the start of a line are handled by [`escape_line_start`].
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            // `&amp;` would be read as a reference; a lone `&` is fine.
            '&' => {
                let name = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                    .count();
                if name > 0 && chars.get(i + 1 + name) == Some(&';') {
                    out.push('\\');
                }
                out.push('&');
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes what would make a line of text a heading, a list item, a quote
/// or a rule: a leading `#`, `-`, `+`, `=` or `>`, or a number followed by
/// `.` or `)` and a space.
pub fn escape_line_start(line: &str) -> String {
    if line.starts_with(['#', '-', '+', '=', '>']) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits)
        && line[digits..].starts_with(['.', ')'])
        && line[digits + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
    {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_string()
}

/// A block of the Markdown being written.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    /// Inline Markdown, escaped, its lines joined by hard breaks.
    Paragraph(String),
    Heading(usize, String),
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Code(String),
    Rule,
}

pub(super) fn render_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut last_list: Option<(bool, bool)> = None;
    for b in blocks {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        // Two lists in a row would merge into one: the second uses the
        // other marker (`*` for `-`, `)` for `.`).
        let alternate = match b {
            Block::List { ordered, .. } => {
                let alt = matches!(last_list, Some((o, a)) if o == *ordered && !a);
                last_list = Some((*ordered, alt));
                alt
            }
            _ => {
                last_list = None;
                false
            }
        };
        out.push_str(&render_block(b, alternate));
    }
    out
}

fn render_block(b: &Block, alternate: bool) -> String {
    match b {
        Block::Paragraph(text) => text.clone(),
        Block::Heading(level, text) => format!("{} {text}", "#".repeat(*level)),
        Block::Rule => "* * *".into(),
        Block::Code(code) => {
            let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            format!("{fence}\n{code}\n{fence}")
        }
        Block::Quote(inner) => quote(&render_blocks(inner)),
        Block::List {
            ordered,
            start,
            items,
        } => {
            let rendered: Vec<String> = items.iter().map(|item| render_item(item)).collect();
            let loose = rendered.iter().any(|r| r.contains("\n\n"));
            let mut out = Vec::new();
            for (i, body) in rendered.iter().enumerate() {
                let marker = match (ordered, alternate) {
                    (false, false) => "-".to_string(),
                    (false, true) => "*".to_string(),
                    (true, false) => format!("{}.", start + i as u64),
                    (true, true) => format!("{})", start + i as u64),
                };
                let indent = " ".repeat(marker.len() + 1);
                let mut text = String::new();
                for (n, l) in body.split('\n').enumerate() {
                    if n == 0 {
                        text.push_str(&format!("{marker} {l}"));
                    } else if l.is_empty() {
                        text.push('\n');
                    } else {
                        text.push_str(&format!("\n{indent}{l}"));
                    }
                }
                out.push(text);
            }
            out.join(if loose { "\n\n" } else { "\n" })
        }
    }
}

/// Markdown as a block quote: each line after `> ` (an empty one `>`).
pub(super) fn quote(markdown: &str) -> String {
    markdown
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A list item's blocks: a nested list follows its text directly, so a
/// simple item stays one line and the list stays tight.
fn render_item(item: &[Block]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    for (i, b) in item.iter().enumerate() {
        if let Some(prev) = previous {
            // Only a list starting at 1 may follow text without a blank
            // line; `3.` would be read as more text.
            let tight = matches!(prev, Block::Paragraph(_))
                && matches!(b, Block::List { ordered, start, .. } if !ordered || *start == 1);
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        out.push_str(&render_blocks(&item[i..=i]));
        previous = Some(b);
    }
    out
}
