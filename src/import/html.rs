//! The HTML of TimelineJS text, as Markdown or as plain text.
//!
//! TimelineJS slides hold small fragments of HTML: paragraphs, line
//! breaks, links, bold and italic, lists, quotes, headings and code, with
//! entities. This reads them leniently (as browsers do: unclosed tags,
//! stray end tags, unquoted attributes) into a small tree and writes
//! Markdown: those elements become their Markdown forms, any other element
//! is dropped but its text kept, and the contents of `script`, `style`,
//! `iframe`, `svg` and similar (code or fallback, never text) are dropped
//! whole. No HTML ever reaches the output: every `<` of the text is
//! escaped, and so is every other character Markdown would read as markup
//! (`*`, `_`, `[`, `` ` ``, a `#` or `1.` starting a line, …), so the text
//! reads as it did in TimelineJS. Links keep only `http:`, `https:` and
//! `mailto:` addresses; other links (relative, `javascript:`) keep their
//! text. Bold or italic that Markdown would not read as such (`**`
//! between a letter and punctuation, as in `word**(x)**`) is written as
//! plain text rather than with stray asterisks: each paragraph is written
//! with its markers and without, and the markers are kept only if both
//! show the same text.
//!
//! Why not a crate: `html2md` is GPL-3.0. `htmd` (Apache-2.0) parses
//! with html5ever and its DOM, and by default writes the code inside
//! `<script>` and `<style>` as text unless each such tag is listed in
//! `skip_tags` (its other mode keeps what it cannot translate as raw HTML).
//! The fragments TimelineJS holds need no full HTML5 parser, and written
//! here, the escaping of every character is ours to test.

use std::ops::Range;

/// Elements with no content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is code or fallback, never text: dropped whole.
const DROPPED: &[&str] = &[
    "script", "style", "template", "iframe", "object", "embed", "video", "audio", "canvas", "svg",
    "math", "noscript", "noembed", "noframes", "select", "head", "title", "textarea", "xmp",
];

/// Elements whose content the tokenizer must not read as tags.
const RAW_TEXT: &[&str] = &[
    "script", "style", "iframe", "noembed", "noframes", "xmp", "title", "textarea", "noscript",
];

/// Elements that start a new block (a paragraph break around them).
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// The HTML 4 Latin-1 entities, `&nbsp;` (U+00A0) to `&yuml;` (U+00FF), in
/// code point order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Greek small letters, `&alpha;` (U+03B1) to `&omega;` (U+03C9).
const GREEK: [&str; 25] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigmaf", "sigma", "tau", "upsilon", "phi",
    "chi", "psi", "omega",
];

/// Other named entities found in written text.
const NAMED: &[(&str, char)] = &[
    ("quot", '"'),
    ("amp", '&'),
    ("apos", '\''),
    ("lt", '<'),
    ("gt", '>'),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("fnof", 'ƒ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("bull", '•'),
    ("hellip", '…'),
    ("permil", '‰'),
    ("prime", '′'),
    ("Prime", '″'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("oline", '‾'),
    ("frasl", '⁄'),
    ("euro", '€'),
    ("trade", '™'),
    ("larr", '←'),
    ("uarr", '↑'),
    ("rarr", '→'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("minus", '−'),
    ("infin", '∞'),
    ("asymp", '≈'),
    ("ne", '≠'),
    ("le", '≤'),
    ("ge", '≥'),
    ("Delta", 'Δ'),
    ("Omega", 'Ω'),
];

/// What `&#128;`–`&#159;` mean in HTML (windows-1252, as browsers read
/// them), from U+0080; `None` where browsers keep the control character.
const CP1252: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

fn named_entity(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    if let Some(i) = GREEK.iter().position(|n| *n == name) {
        return char::from_u32(0x3B1 + i as u32);
    }
    NAMED.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Decodes character references (`&amp;`, `&#8212;`, `&#x2014;`) and
/// drops control characters. An unknown name is kept as it is written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        push_clean(&mut out, &rest[..at]);
        rest = &rest[at..];
        match entity(rest) {
            Some((c, len)) => {
                if let Some(c) = c {
                    push_clean(&mut out, c.encode_utf8(&mut [0; 4]));
                }
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_clean(&mut out, rest);
    out
}

/// The character a reference at the start of `text` stands for, and its
/// length; `None` if it is not a reference Annals knows.
fn entity(text: &str) -> Option<(Option<char>, usize)> {
    let body = &text[1..];
    if let Some(num) = body.strip_prefix('#') {
        // `skip`: the bytes of `&#` or `&#x`.
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex.bytes().take_while(u8::is_ascii_hexdigit).count(), 16, 3),
            None => (num.bytes().take_while(u8::is_ascii_digit).count(), 10, 2),
        };
        if digits == 0 {
            return None;
        }
        let start = skip - 2;
        let value = u32::from_str_radix(&num[start..start + digits], radix).unwrap_or(u32::MAX);
        let semicolon = usize::from(num[start + digits..].starts_with(';'));
        let c = match value {
            0x80..=0x9F => CP1252[(value - 0x80) as usize],
            0 => Some('\u{FFFD}'),
            v => Some(char::from_u32(v).unwrap_or('\u{FFFD}')),
        };
        return Some((c, skip + digits + semicolon));
    }
    let name_len = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if name_len == 0 || !body[name_len..].starts_with(';') {
        return None;
    }
    named_entity(&body[..name_len]).map(|c| (Some(c), name_len + 2))
}

/// Appends `text` without control characters (tabs and line ends stay).
fn push_clean(out: &mut String, text: &str) {
    out.extend(
        text.chars()
            .filter(|&c| (!c.is_control() || matches!(c, '\t' | '\n' | '\r')) && c != MARK),
    );
}

/// An emphasis marker while a paragraph is being built; it becomes `*`
/// if Markdown reads every marker of the paragraph as emphasis, and
/// nothing otherwise (see [`resolve`]). A private-use character, taken out
/// of the input.
const MARK: char = '\u{E000}';

/// Markdown with [`MARK`]s, lines split at hard breaks, as it will be
/// written: with `*` for the marks if that reads as the same text as
/// without them, else without them (`word**(x)**` would show its
/// asterisks). Each line has its line-start escapes.
fn resolve(lines: &[&str]) -> String {
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

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Text(String),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End {
        name: String,
    },
}

/// Splits HTML into text and tags; comments, doctypes and processing
/// instructions disappear, and so does the content of raw-text elements
/// such as `script`.
fn tokenize(html: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        let after = &rest[1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
        } else if after.starts_with(['!', '?']) {
            rest = after.find('>').map_or("", |end| &after[end + 1..]);
        } else if let Some(end) = after.strip_prefix('/')
            && end.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            let name_len = tag_name_len(end);
            let name = end[..name_len].to_ascii_lowercase();
            rest = end.find('>').map_or("", |close| &end[close + 1..]);
            flush_text(&mut tokens, &mut text);
            tokens.push(Token::End { name });
        } else if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let (name, attrs, len) = start_tag(after);
            rest = &after[len..];
            flush_text(&mut tokens, &mut text);
            if RAW_TEXT.contains(&name.as_str()) {
                rest = skip_raw_text(rest, &name);
                if DROPPED.contains(&name.as_str()) {
                    continue;
                }
            }
            tokens.push(Token::Start { name, attrs });
        } else {
            text.push('<');
            rest = after;
        }
    }
    text.push_str(rest);
    flush_text(&mut tokens, &mut text);
    tokens
}

fn flush_text(tokens: &mut Vec<Token>, text: &mut String) {
    if !text.is_empty() {
        tokens.push(Token::Text(decode_entities(text)));
        text.clear();
    }
}

fn tag_name_len(s: &str) -> usize {
    s.find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(s.len())
}

/// What follows a raw-text element's start tag, after its end tag.
fn skip_raw_text<'t>(rest: &'t str, name: &str) -> &'t str {
    let close = format!("</{name}");
    let lower = rest.to_ascii_lowercase();
    match lower.find(&close) {
        Some(at) => {
            let after = &rest[at + close.len()..];
            after.find('>').map_or("", |end| &after[end + 1..])
        }
        None => "",
    }
}

/// Reads a start tag from just after its `<`: the name, the attributes
/// (names lowercased, values decoded) and how many bytes it took. A tag
/// cut off by the end of the text takes the rest.
fn start_tag(s: &str) -> (String, Vec<(String, String)>, usize) {
    let name_len = tag_name_len(s);
    let name = s[..name_len].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let bytes = s.as_bytes();
    let mut i = name_len;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (name, attrs, s.len());
        }
        if bytes[i] == b'>' {
            return (name, attrs, i + 1);
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
            i += 1;
        }
        // A lone `=` or `/` where a name should be: skip it.
        if i == start {
            i += 1;
            continue;
        }
        let attr = s[start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let from = i + 1;
                let end = s[from..]
                    .bytes()
                    .position(|b| b == quote)
                    .map_or(s.len(), |p| from + p);
                value = decode_entities(&s[from..end]);
                i = (end + 1).min(s.len());
            } else {
                let from = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = decode_entities(&s[from..i]);
            }
        }
        attrs.push((attr, value));
    }
}

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Element {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<Node>,
    },
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Node::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            Node::Text(_) => None,
        }
    }
}

/// Builds a tree as browsers would for these fragments: void elements
/// have no children, an end tag closes up to its open element (a stray one
/// is ignored), a block closes an open `p`, and `li` closes the previous
/// `li` of its list.
fn parse(html: &str) -> Vec<Node> {
    struct Open {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<Node>,
    }
    fn close(stack: &mut Vec<Open>, root: &mut Vec<Node>) {
        let open = stack.pop().expect("an open element");
        let node = Node::Element {
            name: open.name,
            attrs: open.attrs,
            children: open.children,
        };
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => root.push(node),
        }
    }
    /// The depth of the open `name` above any of `boundaries`.
    fn find(stack: &[Open], name: &str, boundaries: &[&str]) -> Option<usize> {
        for (i, open) in stack.iter().enumerate().rev() {
            if open.name == name {
                return Some(i);
            }
            if boundaries.contains(&open.name.as_str()) {
                return None;
            }
        }
        None
    }

    let mut root = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    for token in tokenize(html) {
        match token {
            Token::Text(text) => match stack.last_mut() {
                Some(open) => open.children.push(Node::Text(text)),
                None => root.push(Node::Text(text)),
            },
            Token::Start { name, attrs } => {
                if BLOCK.contains(&name.as_str())
                    && let Some(at) = find(
                        &stack,
                        "p",
                        &["li", "ul", "ol", "blockquote", "td", "th", "div", "table"],
                    )
                {
                    while stack.len() > at {
                        close(&mut stack, &mut root);
                    }
                }
                if name == "li"
                    && let Some(at) = find(&stack, "li", &["ul", "ol"])
                {
                    while stack.len() > at {
                        close(&mut stack, &mut root);
                    }
                }
                let node = Open {
                    name,
                    attrs,
                    children: Vec::new(),
                };
                if VOID.contains(&node.name.as_str()) {
                    stack.push(node);
                    close(&mut stack, &mut root);
                } else {
                    stack.push(node);
                }
            }
            Token::End { name } if name == "br" => {
                let br = Node::Element {
                    name,
                    attrs: Vec::new(),
                    children: Vec::new(),
                };
                match stack.last_mut() {
                    Some(open) => open.children.push(br),
                    None => root.push(br),
                }
            }
            Token::End { name } => {
                if let Some(at) = stack.iter().rposition(|o| o.name == name) {
                    while stack.len() > at {
                        close(&mut stack, &mut root);
                    }
                }
            }
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut root);
    }
    root
}

/// HTML as plain text on one line: the text of every element but the
/// dropped ones, whitespace collapsed.
pub fn to_text(html: &str) -> String {
    fn walk(nodes: &[Node], out: &mut String) {
        for node in nodes {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element { name, .. } if DROPPED.contains(&name.as_str()) => {}
                Node::Element { name, children, .. } => {
                    let block = BLOCK.contains(&name.as_str()) || name == "br";
                    if block {
                        out.push(' ');
                    }
                    walk(children, out);
                    if block || matches!(name.as_str(), "td" | "th") {
                        out.push(' ');
                    }
                }
            }
        }
    }
    let mut out = String::new();
    walk(&parse(html), &mut out);
    collapse(&out)
}

/// Collapses every run of whitespace to one space and trims the ends.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `http(s)` address in the `href` or `src` of an element, for
/// media given as embed code.
pub fn first_link(html: &str) -> Option<String> {
    tokenize(html).into_iter().find_map(|t| match t {
        Token::Start { attrs, .. } => attrs
            .into_iter()
            .filter(|(k, _)| k == "href" || k == "src")
            .find_map(|(_, v)| web_address(&v)),
        _ => None,
    })
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
enum Block {
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

/// Inline Markdown being built, with HTML's whitespace rules: runs of
/// whitespace are one space, and none at the start or end of a line.
#[derive(Default)]
struct Inline {
    /// Markdown so far; `\n` marks a hard line break.
    out: String,
    /// Whitespace was seen and not yet written.
    space: bool,
    /// Whitespace came before any content.
    leading_space: bool,
    /// The byte ranges of the markers of the emphasis just written (with
    /// any it ends with), if its text ends in punctuation: a closing marker
    /// there does not close if a letter follows (`**Note:**x`), so then
    /// they are all taken out again.
    fragile: Vec<Range<usize>>,
    /// For a part built separately: the character before it where it will
    /// go (see [`Inline::tail`]), and the same ignoring emphasis markers.
    before: Option<char>,
    before_text: Option<char>,
}

/// What the inline elements around the current one are.
#[derive(Clone, Copy, Default)]
struct Context {
    strong: bool,
    em: bool,
    link: bool,
    /// In a heading, where `#`s may end it.
    heading: bool,
}

impl Inline {
    /// An empty part to build what goes at the end of this one.
    fn part(&self) -> Inline {
        Inline {
            before: self.tail(),
            before_text: self.tail_text(),
            ..Inline::default()
        }
    }

    /// The character text written now would follow: a space if one is
    /// pending, `None` at the start of a line.
    fn tail(&self) -> Option<char> {
        if self.space {
            return Some(' ');
        }
        match self.out.chars().last() {
            None => self.before,
            Some('\n') => None,
            c => c,
        }
    }

    /// Like [`Inline::tail`], ignoring emphasis markers, which may go.
    fn tail_text(&self) -> Option<char> {
        if self.space {
            return Some(' ');
        }
        match self.out.trim_end_matches(MARK).chars().last() {
            None => self.before_text,
            Some('\n') => None,
            c => c,
        }
    }

    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n')
    }

    /// Writes Markdown, after the pending space if there is one.
    fn push(&mut self, markdown: &str) {
        if markdown.is_empty() {
            return;
        }
        if markdown.trim_start_matches(MARK).starts_with('[') {
            self.escape_bang();
        }
        if self.space && !self.at_line_start() {
            self.out.push(' ');
        } else if self.fragile.last().is_some_and(|r| r.end == self.out.len())
            && markdown.starts_with(char::is_alphanumeric)
        {
            for r in self.fragile.drain(..).rev() {
                self.out.replace_range(r, "");
            }
        }
        self.fragile.clear();
        self.space = false;
        self.out.push_str(markdown);
    }

    fn text(&mut self, text: &str, cx: Context) {
        for (i, word) in text.split(is_html_space).enumerate() {
            if i > 0 {
                self.whitespace();
            }
            if !word.is_empty() && cx.heading {
                // A heading's closing `#`s are markup.
                self.push(&escape(word).replace('#', "\\#"));
            } else if !word.is_empty() {
                self.push(&escape(word));
            }
        }
    }

    fn whitespace(&mut self) {
        if self.out.is_empty() {
            self.leading_space = true;
        }
        self.space = true;
    }

    fn hard_break(&mut self) {
        self.space = false;
        self.out.push('\n');
    }

    /// Adds `inner`, built separately, between `open` and `close`, with
    /// its outer whitespace and line breaks moved outside the markers
    /// (`** bold **` is not bold in Markdown).
    fn wrap(&mut self, inner: Inline, open: &str, close: &str) {
        if inner.leading_space {
            self.whitespace();
        }
        let body = inner.out.trim_matches('\n');
        if inner.out.starts_with('\n') && !body.is_empty() {
            self.hard_break();
        }
        // The part's own fragile markers, if they end it, from its body's
        // start.
        let lead = inner.out.len() - inner.out.trim_start_matches('\n').len();
        let ending: Vec<Range<usize>> = match inner.fragile.last() {
            Some(r) if r.end == lead + body.len() => inner
                .fragile
                .iter()
                .map(|r| r.start - lead..r.end - lead)
                .collect(),
            _ => Vec::new(),
        };
        if !open.is_empty() && body.contains("\n\n") {
            // Two breaks end a paragraph, and markers cannot span
            // paragraphs: each paragraph gets its own.
            let parts = body.split("\n\n").map(|p| p.trim_matches('\n'));
            for (i, part) in parts.filter(|p| !p.is_empty()).enumerate() {
                if i > 0 {
                    self.hard_break();
                    self.hard_break();
                }
                self.marked(part, open, close);
            }
        } else if !body.is_empty() && open.starts_with('*') {
            self.emphasis(body, open, &ending);
        } else if !body.is_empty() {
            self.push(&format!("{open}{body}{close}"));
            if close.is_empty() {
                let start = self.out.len() - body.len();
                self.fragile = shift(&ending, start);
            }
        }
        if inner.out.ends_with('\n') {
            self.hard_break();
        }
        if inner.space {
            self.whitespace();
        }
    }

    /// Escapes a `!` that ends the text so far, before a link: `![` would
    /// make it an image.
    fn escape_bang(&mut self) {
        if self.space {
            return;
        }
        let text = self.out.trim_end_matches(MARK);
        let Some(head) = text.strip_suffix('!') else {
            return;
        };
        let (at, backslashes) = (head.len(), head.len() - head.trim_end_matches('\\').len());
        if backslashes % 2 == 0 {
            self.out.insert(at, '\\');
            // Markers after it moved on by one byte.
            for r in &mut self.fragile {
                if r.start >= at {
                    *r = r.start + 1..r.end + 1;
                }
            }
        }
    }

    /// Writes one paragraph's worth of `body` between `open` and `close`.
    fn marked(&mut self, body: &str, open: &str, close: &str) {
        if open.starts_with('*') {
            self.emphasis(body, open, &[]);
        } else {
            self.push(&format!("{open}{body}{close}"));
        }
    }

    /// Writes `body` between `marker`s if Markdown will read them as
    /// emphasis: an opening marker right after a letter or a `*` must be
    /// followed by a letter (`word**(x)**` is not bold), else the text is
    /// written plain. See [`Inline::fragile`] for the closing marker.
    fn emphasis(&mut self, body: &str, marker: &str, ending: &[Range<usize>]) {
        // Markers next to a no-break space do not count either: it goes
        // outside them.
        let start = body.len() - body.trim_start_matches(char::is_whitespace).len();
        let core = body.trim_matches(char::is_whitespace);
        let (lead, trail) = (&body[..start], &body[start + core.len()..]);
        if core.is_empty() {
            return self.push(body);
        }
        if !lead.is_empty() || !trail.is_empty() {
            self.push(lead);
            let ending: Vec<Range<usize>> = match trail.is_empty() {
                true => ending
                    .iter()
                    .map(|r| r.start.saturating_sub(start)..r.end - start)
                    .collect(),
                false => Vec::new(),
            };
            self.emphasis(core, marker, &ending);
            return self.push(trail);
        }
        let marker = &marker.replace('*', &MARK.to_string());
        let before = self.tail();
        let first = body.trim_start_matches(MARK).chars().next();
        let last = body.trim_end_matches(MARK).chars().last();
        let is_punct = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        let opens = match before {
            Some(MARK) => false,
            Some(c) if c.is_alphanumeric() => !is_punct(first),
            _ => true,
        };
        if !opens {
            self.push(body);
            self.fragile = shift(ending, self.out.len() - body.len());
            return;
        }
        if body.trim_start_matches(MARK).starts_with('[') {
            self.escape_bang();
        }
        self.push(marker);
        let open = self.out.len() - marker.len()..self.out.len();
        let start = self.out.len();
        self.out.push_str(body);
        self.out.push_str(marker);
        let close = self.out.len() - marker.len()..self.out.len();
        if is_punct(last) {
            self.fragile = [open]
                .into_iter()
                .chain(shift(ending, start))
                .chain([close])
                .collect();
        }
    }
}

/// Byte ranges moved `by` bytes on.
fn shift(ranges: &[Range<usize>], by: usize) -> Vec<Range<usize>> {
    ranges.iter().map(|r| r.start + by..r.end + by).collect()
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// HTML as Markdown, without raw HTML; an empty string if it has no text.
pub fn to_markdown(html: &str) -> String {
    let blocks = blocks(&parse(html));
    render_blocks(&blocks)
}

/// HTML as inline Markdown on one line (links, bold and italic kept), for
/// a media credit.
pub fn to_inline_markdown(html: &str) -> String {
    fn walk(nodes: &[Node], line: &mut Inline) {
        for node in nodes {
            match node {
                Node::Element { name, children, .. }
                    if BLOCK.contains(&name.as_str()) || name == "br" =>
                {
                    line.whitespace();
                    walk(children, line);
                    line.whitespace();
                }
                Node::Element { name, .. } if DROPPED.contains(&name.as_str()) => {}
                node => inline(node, line, Context::default()),
            }
        }
    }
    let mut line = Inline::default();
    walk(&parse(html), &mut line);
    resolve(&[line.out.replace('\n', " ").trim()])
}

/// True if the node or anything in it is a block.
fn has_block(node: &Node) -> bool {
    match node {
        Node::Text(_) => false,
        Node::Element { name, children, .. } => {
            (BLOCK.contains(&name.as_str()) && !DROPPED.contains(&name.as_str()))
                || children.iter().any(has_block)
        }
    }
}

fn blocks(nodes: &[Node]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut line = Inline::default();
    for node in nodes {
        block(node, &mut out, &mut line);
    }
    flush(&mut line, &mut out);
    out
}

/// Ends the paragraph being built, if it has any text.
fn flush(line: &mut Inline, out: &mut Vec<Block>) {
    let taken = std::mem::take(line);
    let mut lines: Vec<&str> = Vec::new();
    for l in taken.out.split('\n') {
        let l = l.trim_matches(' ');
        if l.is_empty() {
            // Two breaks in a row (`<br><br>`) end a paragraph.
            if !lines.is_empty() {
                out.push(Block::Paragraph(resolve(&lines)));
                lines.clear();
            }
        } else {
            lines.push(l);
        }
    }
    if !lines.is_empty() {
        out.push(Block::Paragraph(resolve(&lines)));
    }
}

fn block(node: &Node, out: &mut Vec<Block>, line: &mut Inline) {
    let Node::Element { name, children, .. } = node else {
        inline(node, line, Context::default());
        return;
    };
    match name.as_str() {
        n if DROPPED.contains(&n) => {}
        "ul" | "ol" => {
            flush(line, out);
            let mut items: Vec<Vec<Block>> = Vec::new();
            let mut stray: Vec<Node> = Vec::new();
            for child in children {
                match child {
                    Node::Element { name, children, .. } if name == "li" => {
                        items.extend(Some(blocks(&stray)).filter(|b| !b.is_empty()));
                        stray.clear();
                        items.extend(Some(blocks(children)).filter(|b| !b.is_empty()));
                    }
                    other => stray.push(other.clone()),
                }
            }
            items.extend(Some(blocks(&stray)).filter(|b| !b.is_empty()));
            if !items.is_empty() {
                let start = node
                    .attr("start")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .unwrap_or(1)
                    .min(999_999_999);
                out.push(Block::List {
                    ordered: name == "ol",
                    start,
                    items,
                });
            }
        }
        "blockquote" => {
            flush(line, out);
            let inner = blocks(children);
            if !inner.is_empty() {
                out.push(Block::Quote(inner));
            }
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            flush(line, out);
            let mut heading = Inline::default();
            let cx = Context {
                heading: true,
                ..Context::default()
            };
            for child in children {
                inline(child, &mut heading, cx);
            }
            let text = heading
                .out
                .split('\n')
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let text = resolve(&[&text]);
            // A heading ending in `}` ends in attributes (`{#id}`), even
            // after `\{`; as a reference, the `}` is text.
            let text = match text.strip_suffix('}') {
                Some(rest) => format!("{rest}&#125;"),
                None => text,
            };
            if !text.is_empty() {
                let level = usize::from(name.as_bytes()[1] - b'0');
                out.push(Block::Heading(level, text));
            }
        }
        "pre" => {
            flush(line, out);
            let mut code = String::new();
            raw_text(children, &mut code);
            let code = code.strip_prefix('\n').unwrap_or(&code).trim_end();
            if !code.trim().is_empty() {
                out.push(Block::Code(code.to_string()));
            }
        }
        "hr" => {
            flush(line, out);
            out.push(Block::Rule);
        }
        "br" => line.hard_break(),
        "td" | "th" => {
            line.whitespace();
            for child in children {
                block(child, out, line);
            }
            line.whitespace();
        }
        n if BLOCK.contains(&n) => {
            flush(line, out);
            for child in children {
                block(child, out, line);
            }
            flush(line, out);
        }
        // An inline element around blocks (`<b><p>…</p></b>`): the blocks
        // win and the inline formatting is dropped.
        _ if children.iter().any(has_block) => {
            for child in children {
                block(child, out, line);
            }
        }
        _ => inline(node, line, Context::default()),
    }
}

/// The text of nodes as it is, with `<br>` as a line end, for `<pre>`.
fn raw_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(&t.replace("\r\n", "\n")),
            Node::Element { name, .. } if name == "br" => out.push('\n'),
            Node::Element { name, .. } if DROPPED.contains(&name.as_str()) => {}
            Node::Element { children, .. } => raw_text(children, out),
        }
    }
}

fn inline(node: &Node, line: &mut Inline, cx: Context) {
    let (name, children) = match node {
        Node::Text(t) => return line.text(t, cx),
        Node::Element { name, children, .. } => (name.as_str(), children),
    };
    let part = line.part();
    let inner = |cx: Context| {
        let mut sub = Inline {
            before: part.before,
            before_text: part.before_text,
            ..Inline::default()
        };
        for child in children {
            inline(child, &mut sub, cx);
        }
        sub
    };
    match name {
        n if DROPPED.contains(&n) => {}
        "br" => line.hard_break(),
        "strong" | "b" if !cx.strong => {
            let sub = inner(Context { strong: true, ..cx });
            line.wrap(sub, "**", "**");
        }
        "em" | "i" if !cx.em => {
            let sub = inner(Context { em: true, ..cx });
            line.wrap(sub, "*", "*");
        }
        "code" | "kbd" | "samp" | "tt" => {
            let mut raw = String::new();
            raw_text(children, &mut raw);
            let text = collapse(&raw);
            if raw.starts_with(is_html_space) {
                line.whitespace();
            }
            if text.is_empty() {
                return;
            }
            // Two code spans in a row would run their backticks together:
            // the second is written as text.
            if line.tail_text() == Some('`') {
                line.text(&text, cx);
                if raw.ends_with(is_html_space) {
                    line.whitespace();
                }
                return;
            }
            let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest + 1);
            let pad = if text.starts_with('`') || text.ends_with('`') {
                " "
            } else {
                ""
            };
            line.push(&format!("{fence}{pad}{text}{pad}{fence}"));
            if raw.ends_with(is_html_space) {
                line.whitespace();
            }
        }
        "a" if !cx.link => {
            let sub = inner(Context { link: true, ..cx });
            match node.attr("href").and_then(web_address) {
                Some(url) => {
                    let dest = destination(&url);
                    if sub.out.trim().is_empty() {
                        let shown = escape(url.strip_prefix("mailto:").unwrap_or(&url));
                        line.wrap(Inline { out: shown, ..sub }, "[", &format!("]({dest})"));
                    } else {
                        line.wrap(sub, "[", &format!("]({dest})"));
                    }
                }
                None => line.wrap(sub, "", ""),
            }
        }
        "td" | "th" | "li" | "dt" | "dd" => {
            line.whitespace();
            let sub = inner(cx);
            line.wrap(sub, "", "");
            line.whitespace();
        }
        _ => {
            let sub = inner(cx);
            line.wrap(sub, "", "");
        }
    }
}

fn render_blocks(blocks: &[Block]) -> String {
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
        Block::Quote(inner) => render_blocks(inner)
            .lines()
            .map(|l| {
                if l.is_empty() {
                    ">".to_string()
                } else {
                    format!("> {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        to_markdown(html)
    }

    /// Renders Markdown as Annals does and fails on any raw HTML.
    fn render(markdown: &str) -> String {
        crate::markdown::render(markdown, crate::markdown::MarkdownOptions::default())
    }

    #[test]
    fn entity_tables_line_up() {
        assert_eq!(named_entity("nbsp"), Some('\u{a0}'));
        assert_eq!(named_entity("copy"), Some('©'));
        assert_eq!(named_entity("times"), Some('×'));
        assert_eq!(named_entity("eacute"), Some('é'));
        assert_eq!(named_entity("divide"), Some('÷'));
        assert_eq!(named_entity("yuml"), Some('ÿ'));
        assert_eq!(named_entity("sigmaf"), Some('ς'));
        assert_eq!(named_entity("omega"), Some('ω'));
        assert_eq!(named_entity("nope"), None);
    }

    #[test]
    fn decodes_references() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry &lt;3 &quot;x&quot; &#39;y&#x27; &mdash; &hellip;"),
            "Tom & Jerry <3 \"x\" 'y' — …"
        );
        assert_eq!(
            decode_entities("&#150; &#x1F5D3; &#0; &#xD800;"),
            "– 🗓 \u{FFFD} \u{FFFD}"
        );
        assert_eq!(
            decode_entities("AT&T &bogus; & &#; &amp"),
            "AT&T &bogus; & &#; &amp"
        );
        assert_eq!(decode_entities("a\u{0}b\u{7}c\td"), "abc\td");
    }

    #[test]
    fn paragraphs_breaks_and_emphasis() {
        assert_eq!(
            md("<p>One <b>bold</b> and <em>em</em>.</p><p>Two<br>lines</p>"),
            "One **bold** and *em*.\n\nTwo\\\nlines"
        );
        assert_eq!(md("<strong> spaced </strong>word"), "**spaced** word");
        assert_eq!(md("a<b></b>b <i> </i>c"), "ab c");
        assert_eq!(md("<b><b>nested</b></b>"), "**nested**");
        assert_eq!(md("text<br><br>more"), "text\n\nmore");
        assert_eq!(
            md("Loose text\n  <p>then a paragraph"),
            "Loose text\n\nthen a paragraph"
        );
    }

    #[test]
    fn links_keep_only_web_addresses() {
        assert_eq!(
            md(
                r#"See <a href="https://e.org/a_(b)?x=1&amp;y=2" target="_blank">the <b>page</b></a>."#
            ),
            "See [the **page**](<https://e.org/a_(b)?x=1&y=2>)."
        );
        assert_eq!(md(r#"<a href="javascript:alert(1)">click</a>"#), "click");
        assert_eq!(md(r#"<a href="/relative">rel</a>"#), "rel");
        assert_eq!(
            md(r#"<a href="//cdn.org/x">x</a>"#),
            "[x](https://cdn.org/x)"
        );
        assert_eq!(
            md(r#"<a href="mailto:a@b.org"></a>"#),
            "[a@b.org](mailto:a@b.org)"
        );
        assert_eq!(
            md(r#"<a href="https://e.org/a b">x</a>"#),
            "[x](https://e.org/a%20b)"
        );
    }

    #[test]
    fn lists_quotes_headings_code() {
        assert_eq!(
            md("<ul><li>one<li>two <b>b</b></li><li><ul><li>inner</li></ul></li></ul>"),
            "- one\n- two **b**\n- - inner"
        );
        assert_eq!(
            md("<ol start=\"3\"><li>three</li><li>four<ul><li>sub</li></ul></li></ol>"),
            "3. three\n4. four\n   - sub"
        );
        assert_eq!(md("<ul><li>a</li></ul><ul><li>b</li></ul>"), "- a\n\n* b");
        assert_eq!(
            md("<blockquote><p>Quote</p><p>More <cite>Someone</cite></p></blockquote>"),
            "> Quote\n>\n> More Someone"
        );
        assert_eq!(
            md("<h2>Title #1 {x}</h2>text"),
            "## Title \\#1 {x&#125;\n\ntext"
        );
        assert_eq!(md("Use <code>a`b</code> now"), "Use ``a`b`` now");
        assert_eq!(
            md("<pre>let x = 1;\n  y</pre>"),
            "```\nlet x = 1;\n  y\n```"
        );
        assert_eq!(md("a<hr>b"), "a\n\n* * *\n\nb");
    }

    #[test]
    fn emphasis_markdown_would_not_read_is_plain_text() {
        assert_eq!(md("word<b>(x)</b> and <b>(y)</b>"), "word(x) and **(y)**");
        assert_eq!(md("<b>Note:</b>x <b>Note:</b> x"), "Note:x **Note:** x");
        assert_eq!(md("<b>&nbsp;x</b>"), "\u{a0}**x**");
        assert_eq!(md("<i>a<br><br>b</i>"), "*a*\n\n*b*");
        assert_eq!(md("<i>a</i><b>b</b>"), "*a*b");
        assert_eq!(
            md("Wow!<a href=\"https://x.org\">y</a>"),
            "Wow\\![y](https://x.org)"
        );
        assert_eq!(md("<code>a</code><code>b</code>"), "`a`b");
    }

    #[test]
    fn drops_code_and_unknown_tags_but_keeps_text() {
        assert_eq!(
            md(
                "<p>Safe<script>alert('x')</script> <span class=\"tl-note\">note</span></p><style>p{}</style><iframe src=x>fallback</iframe><!-- c -->"
            ),
            "Safe note"
        );
        assert_eq!(md("<SCRIPT type=x>bad()</SCRIPT >ok"), "ok");
        assert_eq!(
            md("<img src=x alt=y>pic <font color=red>red</font>"),
            "pic red"
        );
        assert_eq!(md("unclosed <script>alert(1)"), "unclosed");
    }

    #[test]
    fn escapes_text_that_would_be_markup() {
        assert_eq!(
            md(
                "<p>1984. A year</p><p>- not a list</p><p># not a heading</p><p>5 * 3 = [x] &lt;b&gt; _a_ `c` ~s~ a|b \\ &amp;amp;</p>"
            ),
            "1984\\. A year\n\n\\- not a list\n\n\\# not a heading\n\n5 \\* 3 = \\[x\\] \\<b> \\_a\\_ \\`c\\` \\~s\\~ a\\|b \\\\ \\&amp;"
        );
        assert_eq!(md("a<br>+ b<br>> c"), "a\\\n\\+ b\\\n\\> c");
        assert_eq!(md("Tom &amp; Jerry &lt;3"), "Tom & Jerry \\<3");
    }

    #[test]
    fn nothing_renders_as_raw_html_and_text_survives() {
        let cases = [
            "<p>x <b>y</b> <script>z</script></p>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "<div><p>a<p>b</div><ul><li>c</ul>",
            "<<b>>x</b> < y <3 &lt;!- c -&gt;",
            "<p>5 * 3 * 2 and a_b_c and [link](http://x)</p>",
            "<ol><li>1. one</li><li># two</li></ol>",
            "<blockquote>> nested</blockquote>",
            "<b>bold<br></b>after",
            "<a href='https://x.org'><b>bold link</b></a>",
        ];
        for html in cases {
            let markdown = md(html);
            assert!(
                !super::super::has_raw_html(&markdown),
                "{html} -> {markdown}"
            );
            // What readers see is the text the HTML had.
            let out = render(&markdown);
            assert_eq!(
                to_text(&out),
                to_text(html),
                "{html} -> {markdown} -> {out}"
            );
        }
    }

    #[test]
    fn plain_text_and_inline_credit() {
        assert_eq!(
            to_text("  <b>Ada</b>&nbsp;Lovelace<br>born <i>1815</i>  "),
            "Ada Lovelace born 1815"
        );
        assert_eq!(to_text("<p>a</p><p>b</p><script>x</script>"), "a b");
        assert_eq!(
            to_inline_markdown(
                r#"<a href="https://chm.org/">Computer History Museum</a>, <i>2015</i>"#
            ),
            "[Computer History Museum](https://chm.org/), *2015*"
        );
        assert_eq!(
            first_link(
                r#"<blockquote class="twitter-tweet"><a href="https://twitter.com/x/status/1">t</a></blockquote>"#
            ),
            Some("https://twitter.com/x/status/1".into())
        );
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;

    /// Random soups of the tags and characters that matter: never a panic,
    /// never raw HTML, and readers see the text the HTML had.
    #[test]
    fn random_fragments() {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<i>",
            "</em>",
            "<ul>",
            "<li>",
            "</ul>",
            "<ol start=3>",
            "</ol>",
            "<br>",
            "<blockquote>",
            "</blockquote>",
            "<a href='https://x.org/(a)'>",
            "</a>",
            "<h2>",
            "</h2>",
            "<code>",
            "</code>",
            "<pre>",
            "</pre>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "&amp;",
            "&lt;",
            "&#42;",
            "*",
            "_",
            "#",
            "1.",
            "-",
            "+",
            ">",
            "<",
            "`",
            "[",
            "]",
            "\\",
            "|",
            "~",
            " ",
            "\n",
            "word",
            "Київ",
            "<hr>",
            "<div>",
            "</div>",
            "<span>",
            "<table><tr><td>",
            "</td><td>",
            "</table>",
            "!",
            "=",
            "&",
            "{",
            "}",
            ":",
            "<img src=x>",
            "<a href=javascript:x>",
            "12)",
            "   ",
            "</i>",
            "<em>",
            "</strong>",
            "<strong>",
            "(",
            ")",
            "a",
            "9.",
            "<br><br>",
            "x_y",
            "**",
            "<a href='https://e.org/'>",
            "</li>",
            "</b>",
            "<blockquote><p>",
            "<h1>",
            "</h1>",
            "<pre>a\n  b</pre>",
            "\u{a0}",
            "<kbd>",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..5000 {
            let len = 1 + next() % 30;
            let html: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let markdown = to_markdown(&html);
            assert!(
                !super::super::has_raw_html(&markdown),
                "{html:?} -> {markdown:?}"
            );
            let _ = (to_text(&html), to_inline_markdown(&html));
            let out =
                crate::markdown::render(&markdown, crate::markdown::MarkdownOptions::default());
            // Smart punctuation turns `--` into `–`, as in every body.
            let norm = |s: String| s.replace([' ', '-', '–', '—'], "");
            // An empty link shows its address: not text the HTML had.
            if markdown.contains("[https://") {
                continue;
            }
            assert_eq!(
                norm(to_text(&out)),
                norm(to_text(&html)),
                "{html:?} -> {markdown:?} -> {out:?}"
            );
        }
    }
}
