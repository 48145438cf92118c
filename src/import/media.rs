//! A slide's media: what TimelineJS shows beside the text becomes a
//! `media` entry of the event (`src`, `alt`, `caption`, `credit`, `link`),
//! or, for a quotation, a Markdown block quote in the body.
//!
//! What the media "URL" holds decides:
//!
//! - **A web address** is the entry's `src` as written (a protocol-relative
//!   `//host/a.jpg` as `https://host/a.jpg`, as TimelineJS pages load it).
//! - **A path** is the `src` as written: relative to the event file
//!   (`images/a.jpg` is `content/images/a.jpg`), or from the site root
//!   (`/img/a.jpg` is `static/img/a.jpg`). The report lists each, as a
//!   file to copy into the site, since the picture itself is not in the
//!   TimelineJS file.
//! - **Embed code** (HTML): a pasted tweet (`<blockquote
//!   class="twitter-tweet">`) becomes an entry linking to the tweet, its
//!   status address (the last link to `/status/` in it; its other links
//!   are hashtags and mentions); an `<iframe>` an entry linking to the
//!   page it embeds; any other `<blockquote>` is a quotation: a block
//!   quote in the body, its attribution the media credit, else the
//!   quote's own `<cite>`, on a last line `— attribution`, then the
//!   caption; other embed code gives its first `http(s)` link.
//! - Anything else (a `data:` or `javascript:` address), and a `src` the
//!   build would refuse (a file of a kind Annals does not show, such as
//!   `report.pdf`; a file name with a query), as the build's own parser
//!   reads it, is left out with a note.
//!
//! `alt` is TimelineJS's `alt` (the sheet's "Alt Text" column). Without
//! it, the alt text is the event's title exactly as written (its
//! headline), with a note: `annals check` warns when an image's alt
//! equals the title, so each of these is flagged for review. The caption
//! and credit are plain text, as Annals shows them (their HTML read as a
//! browser shows it); the addresses of links in them, which plain text
//! cannot hold, are listed in a note. The media's click-through `link` is
//! kept if it is a web address, else left out with a note.

use super::{Slide, html, markdown};
use scraper::{Html, Selector};
use std::path::Path;

/// A `media` entry, as written in the front matter.
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Entry {
    pub(super) src: String,
    pub(super) alt: String,
    pub(super) caption: Option<String>,
    pub(super) credit: Option<String>,
    pub(super) link: Option<String>,
}

impl Entry {
    /// The entry as a YAML list item under `media:`. Values are JSON
    /// strings, which YAML reads as double-quoted strings on one line.
    pub(super) fn yaml(&self) -> String {
        let q = |s: &str| serde_json::json!(s).to_string();
        let mut out = format!("  - src: {}\n    alt: {}\n", q(&self.src), q(&self.alt));
        for (key, value) in [
            ("caption", &self.caption),
            ("credit", &self.credit),
            ("link", &self.link),
        ] {
            if let Some(v) = value {
                out.push_str(&format!("    {key}: {}\n", q(v)));
            }
        }
        out
    }
}

/// What a slide's media becomes.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Media {
    /// The `media` entry, if there is one.
    pub(super) entry: Option<Entry>,
    /// Markdown for the body: a quotation.
    pub(super) body: Option<String>,
    /// A relative path to copy into the site.
    pub(super) copy: Option<String>,
}

/// Reads a slide's media; `title` is the event's title, the alt text when
/// the slide gives none (`None` where no alt text is written: the
/// introduction). `notes` gets what was changed or left out.
pub(super) fn media(slide: &Slide, title: Option<&str>, notes: &mut Vec<String>) -> Media {
    let raw = slide.media_url.trim();
    if raw.is_empty() {
        return Media::default();
    }
    let src = if raw.starts_with('<') {
        match embed(raw) {
            Embedded::Link(url) => url,
            Embedded::Quote { markdown, cite } => {
                // In the body, which is Markdown, their links stay.
                let inline =
                    |html: &str| Some(html::to_inline_markdown(html)).filter(|t| !t.is_empty());
                let by = inline(&slide.media_credit).or(cite);
                return Media {
                    body: quotation(&markdown, by, inline(&slide.media_caption)),
                    ..Media::default()
                };
            }
            Embedded::Nothing => {
                notes.push(format!(
                    "its media `{}` is embed code with no web address in it; it was left out",
                    shorten(raw)
                ));
                return Media::default();
            }
        }
    } else {
        raw.to_string()
    };
    let mut copy = None;
    let src = match web(&src) {
        Some(url) => url,
        None if is_path(&src) => {
            copy = Some(src.clone());
            src
        }
        None => {
            notes.push(format!(
                "its media `{}` is not a web address or a file; it was left out",
                shorten(&src)
            ));
            return Media::default();
        }
    };
    let probe = Entry {
        src: src.clone(),
        alt: "-".into(),
        ..Entry::default()
    };
    if let Some(why) = refused(&probe) {
        notes.push(format!(
            "its media `{}` is not one Annals can show ({why}); it was left out",
            shorten(&src)
        ));
        return Media::default();
    }
    // The introduction shows no entry, so what is said of one does not
    // apply to it.
    let mut said = Vec::new();
    let caption = plain(&slide.media_caption, "caption", &mut said);
    let credit = plain(&slide.media_credit, "credit", &mut said);
    if title.is_some() {
        notes.append(&mut said);
    }
    let alt = match (html::to_text(&slide.media_alt), title) {
        (alt, _) if !alt.is_empty() => alt,
        (_, None) => String::new(),
        (_, Some(title)) => {
            notes.push(
                "its media has no alt text: the headline is its alt, for you to review (`annals check` flags it)"
                    .into(),
            );
            title.to_string()
        }
    };
    let link = match slide.media_link.trim() {
        "" => None,
        link => match web(link) {
            Some(url) => Some(url),
            None => {
                notes.push(format!(
                    "its media link `{}` is not a web address; it was left out",
                    shorten(link)
                ));
                None
            }
        },
    };
    Media {
        entry: Some(Entry {
            src,
            alt,
            caption,
            credit,
            link,
        }),
        body: None,
        copy,
    }
}

/// A caption or credit as the plain text Annals shows (`None` if empty).
/// The addresses of its links cannot be shown: the note lists them.
fn plain(html: &str, what: &str, notes: &mut Vec<String>) -> Option<String> {
    let text = html::to_text(html);
    if text.is_empty() {
        return None;
    }
    let links: Vec<String> = Html::parse_fragment(html)
        .select(&Selector::parse("a[href]").expect("a valid selector"))
        .filter_map(|a| a.value().attr("href").and_then(web))
        .collect();
    if !links.is_empty() {
        notes.push(format!(
            "its media {what} is plain text in Annals, so its {} left out: {}",
            if links.len() == 1 {
                "link was"
            } else {
                "links were"
            },
            links.join(" ")
        ));
    }
    Some(text)
}

/// A web address (`//host` becomes `https://host`); `None` if it is not
/// one.
fn web(url: &str) -> Option<String> {
    markdown::web_address(url).filter(|u| !u.to_ascii_lowercase().starts_with("mailto:"))
}

/// Why `annals build` would refuse the entry's `src` (a kind of file
/// Annals does not show, a query in a file name), read by the very parser
/// it uses; `None` if it would take it.
fn refused(entry: &Entry) -> Option<String> {
    let text = format!("---\ntitle: x\ndate: 2000\nmedia:\n{}---\n", entry.yaml());
    let problems = crate::source::event::parse_event(Path::new("content/x.md"), &text).err()?;
    Some(
        problems
            .iter()
            .map(|d| d.message.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// True for a relative path or one from the site's root: no scheme (no
/// `:` before the first `/`), no whitespace.
fn is_path(text: &str) -> bool {
    let head = text.split('/').next().unwrap_or("");
    !text.is_empty()
        && !head.contains(':')
        && !text.contains(char::is_whitespace)
        && !text.starts_with("//")
}

/// At most 60 characters of `text`, with `…` if cut, for messages.
fn shorten(text: &str) -> String {
    let shown: String = text.chars().take(60).collect();
    if shown.len() < text.len() {
        format!("{shown}…")
    } else {
        shown
    }
}

/// What embed code holds.
#[derive(Debug, PartialEq)]
enum Embedded {
    /// The address of what it embeds.
    Link(String),
    /// A quotation, as Markdown, with the text of its `<cite>` if any.
    Quote {
        markdown: String,
        cite: Option<String>,
    },
    Nothing,
}

fn embed(raw: &str) -> Embedded {
    let mut fragment = Html::parse_fragment(raw);
    let select = |s: &str| Selector::parse(s).expect("a valid selector");
    let tweet = fragment
        .select(&select("blockquote.twitter-tweet a[href]"))
        .filter_map(|a| a.value().attr("href").and_then(status_url))
        .next_back();
    if let Some(url) = tweet {
        return Embedded::Link(url);
    }
    let frame = fragment
        .select(&select("iframe[src]"))
        .find_map(|f| f.value().attr("src").and_then(markdown::web_address));
    if let Some(url) = frame {
        return Embedded::Link(url);
    }
    if fragment.select(&select("blockquote")).next().is_some() {
        let cites: Vec<_> = fragment.select(&select("cite")).map(|c| c.id()).collect();
        let cite: Vec<String> = fragment
            .select(&select("cite"))
            .map(|c| html::collapse(&c.text().collect::<String>()))
            .filter(|t| !t.is_empty())
            .collect();
        for id in cites {
            if let Some(mut node) = fragment.tree.get_mut(id) {
                node.detach();
            }
        }
        let markdown = html::to_markdown(&fragment.root_element().inner_html());
        if !markdown.is_empty() {
            let cite = Some(markdown::escape(&cite.join("; "))).filter(|c| !c.is_empty());
            return Embedded::Quote { markdown, cite };
        }
    }
    match html::first_link(raw) {
        Some(url) => Embedded::Link(url),
        None => Embedded::Nothing,
    }
}

/// A tweet's own address (`https://twitter.com/user/status/123`), without
/// its query; `None` for any other link (a hashtag, a mention).
fn status_url(href: &str) -> Option<String> {
    let url = markdown::web_address(href)?;
    let rest = url.split_once("://")?.1;
    let rest = rest.split(['?', '#']).next()?;
    let mut parts = rest.split('/');
    let host = parts.next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.strip_prefix("mobile.").unwrap_or(host);
    let (user, kind, id) = (parts.next()?, parts.next()?, parts.next()?);
    let ok = matches!(host, "twitter.com" | "x.com")
        && !user.is_empty()
        && matches!(kind, "status" | "statuses")
        && !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| format!("https://{host}/{user}/status/{id}"))
}

/// A block quote with its attribution (`— attribution`) on its last line,
/// then the caption. `None` if the quote has no text.
fn quotation(markdown: &str, by: Option<String>, caption: Option<String>) -> Option<String> {
    if markdown.is_empty() {
        return None;
    }
    // The quote may be the whole fragment (`> …`) or sit inside it.
    let mut out = if markdown.starts_with('>') && markdown.lines().all(|l| l.starts_with('>')) {
        markdown.to_string()
    } else {
        markdown::quote(markdown)
    };
    if let Some(by) = by {
        out.push_str(&format!("\n>\n> — {by}"));
    }
    if let Some(caption) = caption {
        out.push_str(&format!("\n\n{caption}"));
    }
    Some(out)
}

#[cfg(test)]
mod tests;
