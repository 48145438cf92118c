//! The HTML of TimelineJS text, as Markdown or as plain text.
//!
//! TimelineJS slides hold fragments of HTML, often pasted from real
//! pages: paragraphs, line breaks, links, bold and italic, lists, quotes,
//! headings and code, with entities, and every kind of broken markup.
//! html5ever (through `scraper`) reads each as a browser reads the
//! `innerHTML` of an element, by the HTML5 parsing rules (fragment
//! parsing in a `body`): unclosed and misnested tags, stray end tags,
//! unquoted attributes and the spec's whole table of character references
//! come out as the tree a browser would show. This module walks that tree
//! and writes Markdown (see `markdown.rs`): those elements become their
//! Markdown forms, any other element is dropped but its text kept, and
//! the contents of `script`, `style`, `iframe`, `svg`, `button` and
//! similar (code, controls or fallback, never text to read) are dropped
//! whole. Links with other addresses
//! than `http:`, `https:` and `mailto:` (relative, `javascript:`) keep
//! their text. Control characters are dropped from text and attributes.
//!
//! Why not a crate for the Markdown too: `html2md` is GPL-3.0. `htmd`
//! (Apache-2.0) writes the code inside `<script>` and `<style>` as text
//! unless each such tag is listed in `skip_tags` (its other mode keeps
//! what it cannot translate as raw HTML). Written here, the escaping of
//! every character is ours to test.

use super::inline::{Context, Inline, is_html_space};
use super::markdown::{Block, MARK, destination, escape, render_blocks, resolve, web_address};
use ego_tree::NodeRef;
use scraper::{Html, Node as Dom};
use std::borrow::Cow;

/// Elements whose content is code, a control or fallback, never text to
/// read: dropped whole.
const DROPPED: &[&str] = &[
    "script", "style", "template", "iframe", "object", "embed", "video", "audio", "canvas", "svg",
    "math", "noscript", "noembed", "noframes", "select", "head", "title", "textarea", "xmp",
    "button",
];

/// Elements whose content HTML reads as text, not tags (with scripting
/// on, as in a browser, `noscript` too): a link is never looked for in
/// them or in their own attributes.
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

/// A node of the tree html5ever builds.
type Node<'a> = NodeRef<'a, Dom>;

/// Reads a fragment of HTML as a browser reads it into an element.
fn parse(html: &str) -> Html {
    Html::parse_fragment(html)
}

/// The nodes of a fragment, in order.
fn top(fragment: &Html) -> Vec<Node<'_>> {
    fragment.root_element().children().collect()
}

/// The children of a node, in order.
fn child_nodes<'a>(node: &Node<'a>) -> Vec<Node<'a>> {
    node.children().collect()
}

/// The name of an element (lowercase); `None` for text and comments.
fn element<'a>(node: &Node<'a>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

/// The text of a text node, without control characters; `None` for
/// elements and comments.
fn text<'a>(node: &Node<'a>) -> Option<Cow<'a, str>> {
    node.value().as_text().map(|t| clean(t))
}

/// An attribute of an element, without control characters.
fn attr(node: &Node, key: &str) -> Option<String> {
    let value = node.value().as_element()?.attr(key)?;
    Some(clean(value).into_owned())
}

/// `text` without control characters (tabs and line ends stay) and
/// without the private-use character that marks emphasis while a
/// paragraph is built.
fn clean(text: &str) -> Cow<'_, str> {
    let drop = |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == MARK;
    if text.contains(drop) {
        Cow::Owned(text.chars().filter(|&c| !drop(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// HTML as plain text on one line: the text of every element but the
/// dropped ones, whitespace collapsed.
pub fn to_text(html: &str) -> String {
    fn walk(nodes: &[Node], out: &mut String) {
        for node in nodes {
            if let Some(t) = text(node) {
                out.push_str(&t);
            }
            let Some(name) = element(node) else {
                continue;
            };
            if DROPPED.contains(&name) {
                continue;
            }
            let block = BLOCK.contains(&name) || name == "br";
            if block {
                out.push(' ');
            }
            walk(&child_nodes(node), out);
            if block || matches!(name, "td" | "th") {
                out.push(' ');
            }
        }
    }
    let fragment = parse(html);
    let mut out = String::new();
    walk(&top(&fragment), &mut out);
    collapse(&out)
}

/// Collapses every run of whitespace to one space and trims the ends.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `http(s)` address in the `href` or `src` of an element, for
/// media given as embed code.
pub fn first_link(html: &str) -> Option<String> {
    fn find(node: Node) -> Option<String> {
        let name = element(&node)?;
        if RAW_TEXT.contains(&name) {
            return None;
        }
        ["href", "src"]
            .iter()
            .find_map(|key| attr(&node, key).and_then(|v| web_address(&v)))
            .or_else(|| node.children().find_map(find))
    }
    let fragment = parse(html);
    top(&fragment).into_iter().find_map(find)
}

/// HTML as Markdown, without raw HTML; an empty string if it has no text.
pub fn to_markdown(html: &str) -> String {
    let fragment = parse(html);
    render_blocks(&blocks(&top(&fragment)))
}

/// HTML as inline Markdown on one line (links, bold and italic kept), for
/// a media credit.
pub fn to_inline_markdown(html: &str) -> String {
    fn walk(nodes: &[Node], line: &mut Inline) {
        for node in nodes {
            match element(node) {
                Some(name) if BLOCK.contains(&name) || name == "br" => {
                    line.whitespace();
                    walk(&child_nodes(node), line);
                    line.whitespace();
                }
                Some(name) if DROPPED.contains(&name) => {}
                _ => inline(node, line, Context::default()),
            }
        }
    }
    let fragment = parse(html);
    let mut line = Inline::default();
    walk(&top(&fragment), &mut line);
    resolve(&[line.out.replace('\n', " ").trim()])
}

/// True if the node or anything in it is a block.
fn has_block(node: &Node) -> bool {
    match element(node) {
        None => false,
        Some(name) => {
            (BLOCK.contains(&name) && !DROPPED.contains(&name))
                || node.children().any(|c| has_block(&c))
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
    let Some(name) = element(node) else {
        inline(node, line, Context::default());
        return;
    };
    let children = &child_nodes(node);
    match name {
        n if DROPPED.contains(&n) => {}
        "ul" | "ol" => {
            flush(line, out);
            let mut items: Vec<Vec<Block>> = Vec::new();
            let mut stray: Vec<Node> = Vec::new();
            for child in children {
                match element(child) {
                    Some("li") => {
                        items.extend(Some(blocks(&stray)).filter(|b| !b.is_empty()));
                        stray.clear();
                        items.extend(Some(blocks(&child_nodes(child))).filter(|b| !b.is_empty()));
                    }
                    _ => stray.push(*child),
                }
            }
            items.extend(Some(blocks(&stray)).filter(|b| !b.is_empty()));
            if !items.is_empty() {
                let start = attr(node, "start")
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
            // html5ever drops the line end that starts a `pre`, as
            // browsers do.
            let code = code.trim_end();
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
        match element(node) {
            None => out.push_str(&text(node).unwrap_or_default()),
            Some("br") => out.push('\n'),
            Some(name) if DROPPED.contains(&name) => {}
            Some(_) => raw_text(&child_nodes(node), out),
        }
    }
}

fn inline(node: &Node, line: &mut Inline, cx: Context) {
    let Some(name) = element(node) else {
        if let Some(t) = text(node) {
            line.text(&t, cx);
        }
        return;
    };
    let children = &child_nodes(node);
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
            match attr(node, "href").and_then(|href| web_address(&href)) {
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
