//! Inline Markdown being built from HTML: HTML's whitespace rules, hard
//! breaks, and emphasis markers placed where Markdown will read them.

use super::markdown::{MARK, escape};
use std::ops::Range;

/// Inline Markdown being built, with HTML's whitespace rules: runs of
/// whitespace are one space, and none at the start or end of a line.
#[derive(Default)]
pub(super) struct Inline {
    /// Markdown so far; `\n` marks a hard line break.
    pub(super) out: String,
    /// Whitespace was seen and not yet written.
    pub(super) space: bool,
    /// Whitespace came before any content.
    pub(super) leading_space: bool,
    /// The byte ranges of the markers of the emphasis just written (with
    /// any it ends with), if its text ends in punctuation: a closing marker
    /// there does not close if a letter follows (`**Note:**x`), so then
    /// they are all taken out again.
    pub(super) fragile: Vec<Range<usize>>,
    /// For a part built separately: the character before it where it will
    /// go (see [`Inline::tail`]), and the same ignoring emphasis markers.
    pub(super) before: Option<char>,
    pub(super) before_text: Option<char>,
}

/// What the inline elements around the current one are.
#[derive(Clone, Copy, Default)]
pub(super) struct Context {
    pub(super) strong: bool,
    pub(super) em: bool,
    pub(super) link: bool,
    /// In a heading, where `#`s may end it.
    pub(super) heading: bool,
}

impl Inline {
    /// An empty part to build what goes at the end of this one.
    pub(super) fn part(&self) -> Inline {
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
    pub(super) fn tail_text(&self) -> Option<char> {
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
    pub(super) fn push(&mut self, markdown: &str) {
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

    pub(super) fn text(&mut self, text: &str, cx: Context) {
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

    pub(super) fn whitespace(&mut self) {
        if self.out.is_empty() {
            self.leading_space = true;
        }
        self.space = true;
    }

    pub(super) fn hard_break(&mut self) {
        self.space = false;
        self.out.push('\n');
    }

    /// Adds `inner`, built separately, between `open` and `close`, with
    /// its outer whitespace and line breaks moved outside the markers
    /// (`** bold **` is not bold in Markdown).
    pub(super) fn wrap(&mut self, inner: Inline, open: &str, close: &str) {
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

pub(super) fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}
