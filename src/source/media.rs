//! An event's `media`: pictures, video, audio and links shown with it,
//! each with the text people who cannot see it read instead.
//!
//! ```yaml
//! media:
//!   - src: riyadh.jpg            # beside the event file
//!     alt: Delegations seated at a long table
//!     caption: The first session.
//!     credit: Jane Doe / Example Agency
//!   - src: /maps/region.svg      # static/maps/region.svg
//!     alt: ""
//!     decorative: true
//!   - src: https://www.youtube.com/watch?v=abc
//!     alt: The press conference
//! ```
//!
//! `src` is one of:
//! - a file relative to the event file (`riyadh.jpg`, `img/riyadh.jpg`),
//!   so an event can live in a folder of its own with its pictures;
//! - a path starting with `/`: a file of `static/`, named by the address
//!   it is published at (`/maps/region.svg` is `static/maps/region.svg`);
//! - an `https://` (or `http://`) address: shown as a link with its host
//!   named, or as a link card for YouTube, Vimeo and social media; never
//!   loaded by a page unless `media.remote: true`.
//!
//! Parsing ([`media_field`]) checks what the text alone can tell; where
//! each file is and whether it is there ([`locate`]) is checked against
//! the disk once the site folder is known. A file must be in `content/` or
//! `static/`: a path that leaves them, or a symlink leading out of the
//! site, is refused.

mod locate;

pub use locate::{locate, published, published_path};

use super::fields::{Map, Reader, Spanned};
use crate::diagnostics::display_path;
use crate::yaml::{Node, Pos};
use std::path::PathBuf;

/// The keys of one media item.
pub const KEYS: &[&str] = &[
    "src",
    "alt",
    "caption",
    "credit",
    "link",
    "decorative",
    "captions",
];

/// File extensions, lowercase, of each kind a file may be.
const IMAGES: &[&str] = &["jpg", "jpeg", "png", "webp", "gif", "svg"];
const VIDEOS: &[&str] = &["mp4", "webm"];
const AUDIOS: &[&str] = &["mp3", "ogg"];
/// Every extension a media file may have, for help texts.
const ALL: &str = "jpg, jpeg, png, webp, gif, svg (images), mp4, webm (video), mp3, ogg (audio)";

/// What a media item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Image,
    Video,
    Audio,
    /// A web page: shown as a link (a link card for a known provider).
    Link,
}

impl Kind {
    /// The word used in messages, data files and class names.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Image => "image",
            Kind::Video => "video",
            Kind::Audio => "audio",
            Kind::Link => "link",
        }
    }

    /// The kind a path or address ending in `name` has, by its extension.
    fn of(name: &str) -> Option<Kind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        let ext = ext.as_str();
        if IMAGES.contains(&ext) {
            Some(Kind::Image)
        } else if VIDEOS.contains(&ext) {
            Some(Kind::Video)
        } else if AUDIOS.contains(&ext) {
            Some(Kind::Audio)
        } else {
            None
        }
    }
}

/// A file of the site that a media item shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LocalFile {
    /// As written in `src` (or `captions`).
    pub written: String,
    /// Where it is in the site: relative to the site folder,
    /// `/`-separated (`content/2025-02-18-riyadh/riyadh.jpg`,
    /// `static/maps/region.svg`). Empty until [`locate`] has run.
    pub site_path: String,
    /// Where it is on disk (the site folder joined with `site_path`).
    /// Empty until [`locate`] has run.
    pub disk: PathBuf,
    /// Where it is written in the event file: line and column.
    pub at: (usize, usize),
}

impl LocalFile {
    fn new(written: &Spanned<String>) -> LocalFile {
        LocalFile {
            written: written.value.clone(),
            site_path: String::new(),
            disk: PathBuf::new(),
            at: (written.line, written.column),
        }
    }

    /// The address it is published at, relative to the site root, for a
    /// file of `static/` (`maps/region.svg`); `None` for a file of
    /// `content/`, which is published by whatever processes it.
    pub fn static_address(&self) -> Option<&str> {
        self.site_path.strip_prefix("static/")
    }
}

/// Where a media item is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Src {
    /// A file of the site.
    File(LocalFile),
    /// An address on another host.
    Remote {
        /// As browsers read it.
        url: String,
        /// Its host, lowercase, without `www.`, as readers are told it.
        host: String,
        /// The service it belongs to, for a video site or social network
        /// ("YouTube", "Vimeo"): such addresses are link cards.
        provider: Option<&'static str>,
    },
}

/// One item of an event's `media`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Media {
    pub src: Src,
    pub kind: Kind,
    /// What people who cannot see it read instead; empty for a decorative
    /// item (and only for one).
    pub alt: String,
    /// `decorative: true`: an image that adds nothing to the text, which
    /// screen readers skip.
    pub decorative: bool,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// The click-through address, as browsers read it.
    pub link: Option<String>,
    /// A WebVTT captions file, for video and audio.
    pub captions: Option<Src>,
    /// Where the item starts in the file, and where its `src` is written:
    /// line and column.
    pub at: (usize, usize),
    pub src_at: (usize, usize),
}

impl Media {
    /// True for a raster picture (not a drawing, not a link to a page):
    /// one that `annals check` expects a credit for.
    pub fn is_photo(&self) -> bool {
        let name = match &self.src {
            Src::File(f) => f.written.as_str(),
            Src::Remote { url, .. } => url.as_str(),
        };
        self.kind == Kind::Image && !path_of(name).to_ascii_lowercase().ends_with(".svg")
    }

    /// The file it shows, when it is a file of the site.
    pub fn file(&self) -> Option<&LocalFile> {
        match &self.src {
            Src::File(f) => Some(f),
            Src::Remote { .. } => None,
        }
    }
}

/// The path of an address or file name, without its query or fragment.
fn path_of(text: &str) -> &str {
    text.split(['?', '#']).next().unwrap_or(text)
}

/// Known video sites and social networks, by host (without `www.`), and
/// how readers know them. Their addresses become link cards.
const PROVIDERS: &[(&str, &str)] = &[
    ("youtube.com", "YouTube"),
    ("m.youtube.com", "YouTube"),
    ("youtu.be", "YouTube"),
    ("youtube-nocookie.com", "YouTube"),
    ("vimeo.com", "Vimeo"),
    ("player.vimeo.com", "Vimeo"),
    ("twitter.com", "X (Twitter)"),
    ("mobile.twitter.com", "X (Twitter)"),
    ("x.com", "X (Twitter)"),
    ("facebook.com", "Facebook"),
    ("m.facebook.com", "Facebook"),
    ("fb.watch", "Facebook"),
    ("instagram.com", "Instagram"),
    ("tiktok.com", "TikTok"),
    ("bsky.app", "Bluesky"),
    ("threads.net", "Threads"),
    ("linkedin.com", "LinkedIn"),
    ("reddit.com", "Reddit"),
    ("t.me", "Telegram"),
    ("soundcloud.com", "SoundCloud"),
    ("dailymotion.com", "Dailymotion"),
];

const SRC_HELP: &str = "`src` is a file beside the event file (`riyadh.jpg`), a file of static/ written from the site root (`/img/riyadh.jpg`), or an https:// address";

const CAPTIONS_HELP: &str = "`captions` is a WebVTT file (.vtt) beside the event file, or from static/ as `/captions/clip.vtt`";

/// Reads `media`, checking each item's keys and values. Files are not
/// looked for here: see [`locate`]. `title` is the event's, for the
/// warning about an `alt` that only repeats it (import writes the
/// headline as `alt` when a slide has none); every warning goes to
/// `warnings`, one line each.
pub fn media_field(
    r: &mut Reader,
    map: &Map,
    title: Option<&str>,
    warnings: &mut Vec<String>,
) -> Vec<Media> {
    let Some(items) = r.list(map, "media") else {
        return Vec::new();
    };
    let mut media = Vec::with_capacity(items.len());
    for item in items {
        let Some(m) = r.mapping(item, "a media item", KEYS) else {
            continue;
        };
        if let Some(one) = item_field(r, &m, item) {
            item_warnings(r, &one, title, warnings);
            media.push(one);
        }
    }
    media
}

/// One media item; `None` (with every problem reported) if it is wrong.
fn item_field(r: &mut Reader, m: &Map, item: &Node) -> Option<Media> {
    let src_text = r.text(m, "src", true);
    let src = src_text.as_ref().and_then(|s| src_field(r, m, s));
    let decorative = r.flag(m, "decorative").unwrap_or(false);
    let alt = alt_field(r, m, decorative);
    let caption = r.text(m, "caption", false).map(|s| s.value);
    let credit = r.text(m, "credit", false).map(|s| s.value);
    let link =
        r.text(m, "link", false)
            .and_then(|text| match crate::base_url::web_address(&text.value) {
                Ok(url) => Some(String::from(url)),
                Err(why) => {
                    let pos = m.get("link").map(Node::pos).unwrap_or_default();
                    r.report(
                        pos,
                        format!("`{}` is not a web address: {why}", text.value),
                        "`link` is the http:// or https:// address a click on the item opens",
                    );
                    None
                }
            });
    let captions = r.text(m, "captions", false);
    let (src, kind) = src?;
    let captions = captions.and_then(|text| captions_field(r, m, &text, kind));
    let alt = alt?;
    let src_text = src_text?;
    Some(Media {
        src,
        kind,
        alt,
        decorative,
        caption,
        credit,
        link,
        captions,
        at: r.place(item.pos()),
        src_at: (src_text.line, src_text.column),
    })
}

/// `alt`: required text, or `""` with `decorative: true`.
fn alt_field(r: &mut Reader, m: &Map, decorative: bool) -> Option<String> {
    let given = m.get("alt");
    let blank = given.is_some_and(|node| matches!(node, Node::Scalar { value, .. } if value.trim().is_empty() || node.is_null()));
    if decorative {
        if given.is_none() || blank {
            return Some(String::new());
        }
        let pos = given.map(Node::pos).unwrap_or_default();
        r.report(
            pos,
            "a decorative item has no alt text",
            "write `alt: \"\"` with `decorative: true`, or remove `decorative: true` if the picture says something the text does not",
        );
        return None;
    }
    if blank {
        let pos = given.map(Node::pos).unwrap_or_default();
        r.report(
            pos,
            "`alt` is empty",
            "describe what the item shows for people who cannot see it; `alt: \"\"` is only for a picture marked `decorative: true`",
        );
        return None;
    }
    if given.is_none() {
        r.report(
            m.pos,
            "`alt` is missing",
            "add `alt:` describing what the item shows for people who cannot see it (or `alt: \"\"` with `decorative: true` for a picture that only decorates)",
        );
        return None;
    }
    r.text(m, "alt", true).map(|s| s.value)
}

/// Reads `src`: a file of the site or an http(s) address, and its kind.
fn src_field(r: &mut Reader, m: &Map, text: &Spanned<String>) -> Option<(Src, Kind)> {
    let pos = m.get("src").map(Node::pos).unwrap_or_default();
    let src = location(r, pos, text, SRC_HELP)?;
    let kind = match &src {
        Src::Remote {
            provider: Some(_), ..
        } => Kind::Link,
        Src::Remote { url, .. } => {
            let rest = url.split_once("://").map_or("", |(_, rest)| rest);
            let path = path_of(rest).split_once('/').map_or("", |(_, p)| p);
            Kind::of(path).unwrap_or(Kind::Link)
        }
        Src::File(_) => match Kind::of(&text.value) {
            Some(kind) => kind,
            None => {
                r.report(
                    pos,
                    format!("`{}` is not a kind of media Annals shows", text.value),
                    format!("a media file ends in one of: {ALL}"),
                );
                return None;
            }
        },
    };
    Some((src, kind))
}

/// `captions`: a `.vtt` file (or address) for a video or audio item.
fn captions_field(r: &mut Reader, m: &Map, text: &Spanned<String>, kind: Kind) -> Option<Src> {
    let pos = m.get("captions").map(Node::pos).unwrap_or_default();
    let value = text.value.as_str();
    if !matches!(kind, Kind::Video | Kind::Audio) {
        r.report(
            pos,
            format!(
                "only video and audio have captions, and this is {}",
                kind.as_str()
            ),
            "remove `captions`, or describe the item in `caption` and `alt`",
        );
        return None;
    }
    if !path_of(value).to_ascii_lowercase().ends_with(".vtt") {
        r.report(
            pos,
            format!("`{value}` is not a WebVTT file"),
            CAPTIONS_HELP,
        );
        return None;
    }
    location(r, pos, text, CAPTIONS_HELP)
}

/// Reads a `src` or `captions` value at `pos`: an http(s) address or the
/// path of a file; a problem, with `help`, for anything else.
fn location(r: &mut Reader, pos: Pos, text: &Spanned<String>, help: &str) -> Option<Src> {
    let value = text.value.as_str();
    let found = address(value).and_then(|remote| match remote {
        Some(remote) => Ok(remote),
        None => file_path(value).map(|()| Src::File(LocalFile::new(text))),
    });
    found
        .map_err(|why| r.report(pos, format!("`{value}` {why}"), help))
        .ok()
}

/// `Some` for an http(s) address, `None` for a path, and an error for
/// any other scheme (`javascript:`, `data:`, `file:`) or a `//host` path.
fn address(text: &str) -> Result<Option<Src>, String> {
    if text.starts_with("//") || text.starts_with("\\\\") {
        return Err("has no scheme: write the address with https://".into());
    }
    let scheme_end = text.find(':').filter(|&i| {
        i > 0
            && text[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && text.as_bytes()[0].is_ascii_alphabetic()
    });
    let Some(end) = scheme_end else {
        return Ok(None);
    };
    let scheme = text[..end].to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!(
            "is a `{scheme}:` address; media is a file of the site or an http(s) address"
        ));
    }
    let url =
        crate::base_url::web_address(text).map_err(|why| format!("is not a web address: {why}"))?;
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let provider = PROVIDERS
        .iter()
        .find(|(h, _)| *h == host)
        .map(|&(_, name)| name);
    Ok(Some(Src::Remote {
        url: String::from(url),
        host,
        provider,
    }))
}

/// Checks a file path as written: `/`-separated, no backslash, no NUL,
/// no query.
fn file_path(text: &str) -> Result<(), String> {
    if text.contains('\\') {
        return Err("has a backslash: separate folders with `/`".into());
    }
    if text.contains(['\0', '?', '#']) {
        return Err("is not a file name (it has `?`, `#` or a NUL character)".into());
    }
    if text.trim_end_matches('/').is_empty() || text.ends_with('/') {
        return Err("names a folder, not a file".into());
    }
    Ok(())
}

/// The warnings about one item that builds: a photo without a credit,
/// and an `alt` that only repeats the event's title.
fn item_warnings(r: &Reader, item: &Media, title: Option<&str>, warnings: &mut Vec<String>) {
    let file = display_path(r.file());
    let (line, column) = item.at;
    if item.is_photo() && item.credit.is_none() {
        warnings.push(format!(
            "{}:{line}:{column}: this photo has no `credit`: say who took it (or whose it is), as the publisher must",
            file.display()
        ));
    }
    if let Some(title) = title
        && !item.alt.is_empty()
        && item.alt.trim().to_lowercase() == title.trim().to_lowercase()
    {
        warnings.push(format!(
            "{}:{line}:{column}: the media's `alt` only repeats the event's title: describe what it shows (import writes the title when a slide has no alt text)",
            file.display()
        ));
    }
}

#[cfg(test)]
mod tests;
