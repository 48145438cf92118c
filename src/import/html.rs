//! The HTML of TimelineJS text, as Markdown or as plain text.
//!
//! TimelineJS slides hold small fragments of HTML: paragraphs, line
//! breaks, links, bold and italic, lists, quotes, headings and code, with
//! entities. This reads them leniently (as browsers do: unclosed tags,
//! stray end tags, unquoted attributes) into a small tree and writes
//! Markdown (see `markdown.rs`): those elements become their Markdown
//! forms, any other element is dropped but its text kept, and the contents
//! of `script`, `style`, `iframe`, `svg` and similar (code or fallback,
//! never text) are dropped whole. Links with other addresses than
//! `http:`, `https:` and `mailto:` (relative, `javascript:`) keep their
//! text.
//!
//! Why not a crate: `html2md` is GPL-3.0. `htmd` (Apache-2.0) parses
//! with html5ever and its DOM, and by default writes the code inside
//! `<script>` and `<style>` as text unless each such tag is listed in
//! `skip_tags` (its other mode keeps what it cannot translate as raw HTML).
//! The fragments TimelineJS holds need no full HTML5 parser, and written
//! here, the escaping of every character is ours to test.

use super::inline::{Context, Inline, is_html_space};
use super::markdown::{Block, MARK, destination, escape, render_blocks, resolve, web_address};

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

#[cfg(test)]
mod tests;

#[cfg(test)]
mod fuzz;
