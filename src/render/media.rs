//! Media as templates see it: each event's `picture` (its first image,
//! for the card's thumbnail and the Open Graph image) and, on the event's
//! page, every item ready to show as a `figure`.

use super::tera_value::{map, opt};
use super::words::PageWords;
use crate::media::Variant;
use crate::model::Site;
use crate::model::media::{Picture, Shown, first_picture, shown, srcset};
use crate::source::media::Kind;
use tera::Value;

/// The `sizes` of a picture on an event's page: the column is at most
/// 44rem wide (see annals.css), the page's width on a phone.
const PAGE_SIZES: &str = "(min-width: 48rem) 44rem, calc(100vw - 2rem)";

/// Files by width as `[{url, width}]`, addresses relative to the root.
fn widths(variants: &[Variant]) -> Value {
    variants
        .iter()
        .map(|v| {
            map([
                ("url", v.url_path.as_str().into()),
                ("width", v.width.into()),
            ])
        })
        .collect::<Vec<Value>>()
        .into()
}

/// Event `i`'s picture, or none: `{src, remote, width, height,
/// src_width, src_height, alt,
/// modern, type, fallback}`, where `src` is the largest fallback file
/// (JPEG or PNG: what Open Graph readers take), `modern` and `fallback`
/// list the files by width (`[{url, width}]`), and every address is
/// relative to the root unless `remote`.
pub fn picture(site: &Site, i: usize) -> Value {
    let Some((item, p)) = first_picture(site, &site.events[i]) else {
        return Value::none();
    };
    let (width, height) = p.size.unzip();
    let (src_width, src_height) = p.src_size.unzip();
    map([
        ("src", p.src.as_str().into()),
        ("remote", (item.file().is_none()).into()),
        ("width", opt(width)),
        ("height", opt(height)),
        ("src_width", opt(src_width)),
        ("src_height", opt(src_height)),
        ("alt", item.alt.as_str().into()),
        ("modern", widths(p.modern)),
        ("type", opt(p.modern_type)),
        ("fallback", widths(p.fallback)),
    ])
}

/// The address of `path` from a page at `root`: relative to the root for
/// a file of the site, as it is for an address on another host.
fn address(root: &str, path: &str) -> String {
    if path.starts_with("https://") || path.starts_with("http://") {
        path.to_string()
    } else {
        format!("{root}{path}")
    }
}

/// Every media item of event `i`, for its page at `root`, as
/// `[{kind, alt, decorative, caption, credit, link, ...}]` with every
/// address complete: a `picture` has `src`, `srcset`, `modern_srcset`,
/// `type`, `sizes`, `width` and `height`; a `video` or `audio` has `src`
/// and `captions`; a `link` has `url`, `host`, `provider` and `what`.
pub fn items(site: &Site, i: usize, root: &str, words: &PageWords) -> Value {
    site.events[i]
        .media
        .iter()
        .map(|item| {
            let common = [
                ("alt", item.alt.as_str().into()),
                ("decorative", item.decorative.into()),
                ("caption", opt(item.caption.as_deref())),
                ("credit", opt(item.credit.as_deref())),
                ("link", opt(item.link.as_deref())),
            ];
            let own: Vec<(&'static str, Value)> = match shown(site, item) {
                Shown::Picture(p) => picture_values(root, &p),
                Shown::Player { src, captions } => vec![
                    ("kind", item.kind.as_str().into()),
                    ("src", address(root, &src).into()),
                    ("captions", opt(captions.map(|c| address(root, &c)))),
                ],
                Shown::Link {
                    url,
                    host,
                    provider,
                } => vec![
                    ("kind", "link".into()),
                    ("url", url.into()),
                    ("host", host.into()),
                    ("provider", opt(provider)),
                    ("what", words.get(what(item.kind)).into()),
                ],
            };
            let mut m = tera::Map::new();
            for (k, v) in common.into_iter().chain(own) {
                m.insert(k.into(), v);
            }
            Value::from(m)
        })
        .collect::<Vec<Value>>()
        .into()
}

/// A picture's values on an event's page.
fn picture_values(root: &str, p: &Picture) -> Vec<(&'static str, Value)> {
    let (width, height) = p.size.unzip();
    let set = |v: &[Variant]| (v.len() > 1).then(|| srcset(root, v));
    vec![
        ("kind", "picture".into()),
        ("src", address(root, &p.src).into()),
        ("srcset", opt(set(p.fallback))),
        (
            "modern_srcset",
            opt((!p.modern.is_empty()).then(|| srcset(root, p.modern))),
        ),
        ("type", opt(p.modern_type)),
        ("sizes", PAGE_SIZES.into()),
        ("width", opt(width)),
        ("height", opt(height)),
    ]
}

/// The key of the word for what a link that stands for media on another
/// host leads to.
fn what(kind: Kind) -> &'static str {
    match kind {
        Kind::Image => "media_image",
        Kind::Video => "media_video",
        Kind::Audio => "media_audio",
        Kind::Link => "media_page",
    }
}
