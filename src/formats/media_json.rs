//! An event's media as the data files carry it: every item in
//! `events.json`, the first in `timeline.json` and in the Atom entry.

use super::{Inputs, xml_escape};
use crate::model::media::{Shown, first_picture, shown};
use crate::source::event::Event;
use crate::source::media::Media;
use serde::Serialize;

/// One media item in `events.json`.
#[derive(Serialize)]
pub(super) struct MediaJson<'a> {
    /// `image`, `video`, `audio` or `link`.
    kind: &'static str,
    /// As written in the front matter.
    src: &'a str,
    /// Where pages load it from (`loaded`) or link to it: absolute with
    /// `base_url`, else relative to the site root; an address on another
    /// host as it is.
    url: String,
    /// Whether pages load it (`false`: they link to it).
    loaded: bool,
    alt: &'a str,
    decorative: bool,
    caption: Option<&'a str>,
    credit: Option<&'a str>,
    link: Option<&'a str>,
    /// For an address of a video site or social network: its name.
    provider: Option<&'static str>,
    /// A picture's size in pixels, when known.
    width: Option<u32>,
    height: Option<u32>,
    /// The captions file of a video or audio item.
    captions: Option<String>,
    /// A picture's files, by format and width.
    files: Vec<FileJson>,
}

/// One written file of a picture.
#[derive(Serialize)]
struct FileJson {
    url: String,
    width: u32,
    height: u32,
    /// Its MIME type.
    #[serde(rename = "type")]
    mime: &'static str,
}

/// `path` (relative to the site root, or an address) as the data files
/// give it: absolute with `base_url`.
fn address(input: &Inputs, path: &str) -> String {
    if path.starts_with("https://") || path.starts_with("http://") {
        return path.to_string();
    }
    input.root_file(path)
}

/// Every media item of `e`.
pub(super) fn items<'a>(input: &Inputs<'a>, e: &'a Event) -> Vec<MediaJson<'a>> {
    e.media.iter().map(|item| one(input, item)).collect()
}

fn one<'a>(input: &Inputs<'a>, item: &'a Media) -> MediaJson<'a> {
    let src = match &item.src {
        crate::source::media::Src::File(f) => f.written.as_str(),
        crate::source::media::Src::Remote { url, .. } => url.as_str(),
    };
    let mut json = MediaJson {
        kind: item.kind.as_str(),
        src,
        url: String::new(),
        loaded: true,
        alt: &item.alt,
        decorative: item.decorative,
        caption: item.caption.as_deref(),
        credit: item.credit.as_deref(),
        link: item.link.as_deref(),
        provider: None,
        width: None,
        height: None,
        captions: None,
        files: Vec::new(),
    };
    match shown(input.site, item) {
        Shown::Picture(p) => {
            json.url = address(input, &p.src);
            (json.width, json.height) = p.size.unzip();
            json.files = p
                .modern
                .iter()
                .chain(p.fallback)
                .map(|v| FileJson {
                    url: address(input, &v.url_path),
                    width: v.width,
                    height: v.height,
                    mime: v.format.mime(),
                })
                .collect();
        }
        Shown::Player { src, captions } => {
            json.url = address(input, &src);
            json.captions = captions.map(|c| address(input, &c));
        }
        Shown::Link { url, provider, .. } => {
            json.url = url.to_string();
            json.loaded = false;
            json.provider = provider;
        }
    }
    json
}

/// TimelineJS's `media` of a slide: `{url, caption, credit}` of the
/// event's first item that is not decorative, with `link` where it has one
/// and `alt`.
#[derive(Serialize)]
pub(super) struct SlideMedia {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    alt: String,
}

/// The slide's media of `e`, if it has an item to show. TimelineJS
/// renders `caption` and `credit` as HTML: they are escaped.
pub(super) fn slide(input: &Inputs, e: &Event) -> Option<SlideMedia> {
    let item = e.media.iter().find(|m| !m.decorative)?;
    let json = one(input, item);
    let escaped = |t: Option<&str>| t.map(|t| xml_escape(t).into_owned());
    Some(SlideMedia {
        url: json.url,
        caption: escaped(item.caption.as_deref()),
        credit: escaped(item.credit.as_deref()),
        link: item.link.clone(),
        alt: item.alt.clone(),
    })
}

/// The event's picture as HTML for its Atom entry, before its body: a
/// figure with its caption and credit; empty without a picture. `url`
/// makes a path relative to the site root absolute.
pub(super) fn atom_figure(input: &Inputs, e: &Event, url: &dyn Fn(&str) -> String) -> String {
    let Some((item, p)) = first_picture(input.site, e) else {
        return String::new();
    };
    let src = match item.file() {
        Some(_) => url(&p.src),
        None => p.src.clone(),
    };
    let size = p
        .src_size
        .map(|(w, h)| format!(" width=\"{w}\" height=\"{h}\""))
        .unwrap_or_default();
    let mut html = format!(
        "<figure><img src=\"{}\" alt=\"{}\"{size}>",
        xml_escape(&src),
        xml_escape(&item.alt)
    );
    let words: Vec<String> = [
        item.caption.as_deref().map(|c| xml_escape(c).into_owned()),
        item.credit
            .as_deref()
            .map(|c| format!("Credit: {}", xml_escape(c))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !words.is_empty() {
        html.push_str(&format!("<figcaption>{}</figcaption>", words.join(" ")));
    }
    html.push_str("</figure>\n");
    html
}
