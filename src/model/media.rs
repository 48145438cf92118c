//! The site's media as pages and data files show it: each event's items
//! with the addresses to load them from, once the images are processed
//! (see [`crate::media`]).
//!
//! What a page may load is decided here, once: a file of the site is
//! loaded from the site; an address on another host only with
//! `media.remote: true` (otherwise it is a link, and the page makes no
//! request to another host).

use super::Site;
use crate::media::{ImageRequest, Processed, Variant};
use crate::source::event::Event;
use crate::source::media::{Kind, Media, Src};

/// The images the site's events show, each once, for
/// [`crate::media::process`]: every local image, where its event names it
/// first.
pub fn image_requests(site: &Site) -> Vec<ImageRequest> {
    let mut seen = std::collections::HashSet::new();
    let mut requests = Vec::new();
    for e in &site.events {
        for item in &e.media {
            if item.kind != Kind::Image {
                continue;
            }
            let Some(file) = item.file() else { continue };
            if seen.insert(file.disk.clone()) {
                requests.push(ImageRequest {
                    file: file.disk.clone(),
                    site_path: file.site_path.clone(),
                    at: (e.file.clone(), file.at.0, file.at.1),
                });
            }
        }
    }
    requests
}

/// Where a file of `content/` that is published as it is (video, audio,
/// captions) goes in the output, relative to the root:
/// `content/2025-02-18-riyadh/clip.mp4` is `media/2025-02-18-riyadh/clip.mp4`.
pub fn published_path(site_path: &str) -> String {
    let rest = site_path.strip_prefix("content/").unwrap_or(site_path);
    format!("media/{rest}")
}

/// How a page shows one media item.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown<'a> {
    /// A picture the page loads: `img` (with `srcset`s when processed).
    Picture(Picture<'a>),
    /// A video or audio file the page plays, with its captions file.
    Player {
        src: String,
        captions: Option<String>,
    },
    /// A link: a page on another host, or media there not loaded
    /// (`media.remote: false`), with the host or the provider named.
    Link {
        url: &'a str,
        host: &'a str,
        provider: Option<&'static str>,
    },
}

/// A picture to load.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture<'a> {
    /// The `img`'s `src`: the largest fallback, or the file itself.
    /// Relative to the site root, or an absolute address.
    pub src: String,
    /// Its size in pixels, when known (every processed image): the
    /// original's, whose shape every file has.
    pub size: Option<(u32, u32)>,
    /// The size of the `src` file, when known.
    pub src_size: Option<(u32, u32)>,
    /// Modern format (WebP) files by width, for a `<source>`.
    pub modern: &'a [Variant],
    /// Fallback files by width, for the `img`'s `srcset`.
    pub fallback: &'a [Variant],
    /// The `<source>`'s MIME type.
    pub modern_type: Option<&'static str>,
}

impl Picture<'_> {
    /// The smallest file of the picture, for a thumbnail: its address and
    /// size, when known.
    pub fn smallest(&self) -> (String, Option<(u32, u32)>) {
        let small = self.modern.first().or(self.fallback.first());
        match small {
            Some(v) => (v.url_path.clone(), Some((v.width, v.height))),
            None => (self.src.clone(), self.size),
        }
    }
}

/// A `srcset` for `variants`, each address after `root`:
/// `root/media/x-480.webp 480w, root/media/x-960.webp 960w`.
pub fn srcset(root: &str, variants: &[Variant]) -> String {
    variants
        .iter()
        .map(|v| format!("{root}{} {}w", v.url_path, v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How `item` is shown on the site's pages.
pub fn shown<'a>(site: &'a Site, item: &'a Media) -> Shown<'a> {
    let remote = site.config.media.remote;
    match (&item.src, item.kind) {
        (Src::Remote { url, .. }, Kind::Image) if remote => Shown::Picture(Picture {
            src: url.clone(),
            size: None,
            src_size: None,
            modern: &[],
            fallback: &[],
            modern_type: None,
        }),
        (Src::Remote { url, .. }, Kind::Video | Kind::Audio) if remote => Shown::Player {
            src: url.clone(),
            captions: captions(item),
        },
        (
            Src::Remote {
                url,
                host,
                provider,
            },
            _,
        ) => Shown::Link {
            url,
            host,
            provider: *provider,
        },
        (Src::File(file), Kind::Image) => {
            let processed: Option<&Processed> = site.images.get(&file.disk);
            match processed {
                Some(p) => {
                    let largest = p.fallback.last().or(p.modern.last());
                    Shown::Picture(Picture {
                        src: largest.map_or_else(|| local_address(file), |v| v.url_path.clone()),
                        size: Some((p.width, p.height)).filter(|&(w, h)| w > 0 && h > 0),
                        src_size: largest
                            .map(|v| (v.width, v.height))
                            .filter(|&(w, h)| w > 0 && h > 0),
                        modern: &p.modern,
                        fallback: &p.fallback,
                        modern_type: p.modern.first().map(|v| v.format.mime()),
                    })
                }
                None => Shown::Picture(Picture {
                    src: local_address(file),
                    size: None,
                    src_size: None,
                    modern: &[],
                    fallback: &[],
                    modern_type: None,
                }),
            }
        }
        (Src::File(file), _) => Shown::Player {
            src: local_address(file),
            captions: captions(item),
        },
    }
}

/// Where a file of the site is published, relative to the root: a file of
/// `static/` where `static/` puts it, one of `content/` under `media/`.
fn local_address(file: &crate::source::media::LocalFile) -> String {
    match file.static_address() {
        Some(path) => path.to_string(),
        None => published_path(&file.site_path),
    }
}

/// The captions file's address, when it is one the page may load.
fn captions(item: &Media) -> Option<String> {
    match item.captions.as_ref()? {
        Src::File(f) => Some(local_address(f)),
        Src::Remote { url, .. } => Some(url.clone()),
    }
}

/// The first image of `event` that a page may show as the event's picture
/// (Open Graph, JSON-LD, the Atom entry, the card's thumbnail), with its
/// item: not decorative, and loaded from the site (or from another host
/// with `media.remote: true`).
pub fn first_picture<'a>(site: &'a Site, event: &'a Event) -> Option<(&'a Media, Picture<'a>)> {
    event.media.iter().find_map(|item| {
        if item.decorative || item.kind != Kind::Image {
            return None;
        }
        match shown(site, item) {
            Shown::Picture(p) => Some((item, p)),
            _ => None,
        }
    })
}

/// The files of `content/` that pages play as they are (video, audio,
/// captions): where each is on disk and where it is published, each
/// once, sorted by where it is published.
pub fn published_files(site: &Site) -> Vec<(std::path::PathBuf, String)> {
    let mut files = std::collections::BTreeMap::new();
    for e in &site.events {
        for item in &e.media {
            let mut add = |src: &Src| {
                if let Src::File(f) = src
                    && f.static_address().is_none()
                    && !f.site_path.is_empty()
                {
                    files.insert(published_path(&f.site_path), f.disk.clone());
                }
            };
            if item.kind != Kind::Image {
                add(&item.src);
            }
            if let Some(c) = &item.captions {
                add(c);
            }
        }
    }
    files.into_iter().map(|(path, disk)| (disk, path)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_files_are_published_under_media() {
        assert_eq!(
            published_path("content/2025-02-18-riyadh/clip.mp4"),
            "media/2025-02-18-riyadh/clip.mp4"
        );
    }

    #[test]
    fn a_srcset_lists_each_width_after_the_root() {
        let v = |w: u32| Variant {
            url_path: format!("media/a-{w}.webp"),
            width: w,
            height: w / 2,
            format: crate::media::Format::Webp,
        };
        assert_eq!(
            srcset("../../", &[v(480), v(960)]),
            "../../media/a-480.webp 480w, ../../media/a-960.webp 960w"
        );
    }
}
