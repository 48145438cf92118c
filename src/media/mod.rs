//! Image files: every picture an event names, resized to a few widths in a
//! modern format plus a fallback, with no metadata, cached across builds.
//!
//! The model hands [`process`] the images it found ([`ImageRequest`]); the
//! result ([`Images`]) says, for each, the files to link ([`Variant`]) and
//! the original's size. The build then writes every variant into the output
//! through the sink, and `serve` answers the same paths from the cache.

use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `media:` in `annals.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaSettings {
    /// The widths images are resized to, ascending, without repeats
    /// (`media.widths`). Widths above an original's are skipped.
    pub widths: Vec<u32>,
    /// Show media from other hosts as media (`media.remote`); off, each
    /// becomes a link, so pages load nothing from other hosts.
    pub remote: bool,
}

/// The widths images are made in when `annals.yaml` names none: a phone
/// (480), a tablet or a phone at 2x (960), a wide screen (1600).
pub const DEFAULT_WIDTHS: [u32; 3] = [480, 960, 1600];

impl Default for MediaSettings {
    fn default() -> Self {
        MediaSettings {
            widths: DEFAULT_WIDTHS.to_vec(),
            remote: false,
        }
    }
}

/// One image an event names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRequest {
    /// The image on disk (already checked to exist, inside the site).
    pub file: PathBuf,
    /// As shown in messages, e.g. "content/2025-x/riyadh.jpg".
    pub site_path: String,
    /// The event file, line and column that name it.
    pub at: (PathBuf, usize, usize),
}

/// A written image's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Webp,
    Jpeg,
    Png,
    Svg,
    Gif,
}

impl Format {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Gif => "gif",
        }
    }

    /// The MIME type, for `<source type>` and HTTP.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Svg => "image/svg+xml",
            Format::Gif => "image/gif",
        }
    }
}

/// One written file of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// From the site root, no leading slash, e.g. "media/<key>-480.webp".
    pub url_path: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
}

/// What became of one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    /// The original's size, after EXIF orientation.
    pub width: u32,
    pub height: u32,
    /// Ascending width, in a modern format (WebP); empty for SVG.
    pub modern: Vec<Variant>,
    /// Ascending width: JPEG for photos, PNG for graphics; SVG: one entry,
    /// as-is.
    pub fallback: Vec<Variant>,
}

/// Every processed image, keyed by [`ImageRequest::file`].
pub type Images = BTreeMap<PathBuf, Processed>;

/// Makes (or finds in `cache_dir`) every variant of every requested image.
/// Returns what it made and a problem for each image it refused, at the
/// event file, line and column that names it.
pub fn process(
    requests: &[ImageRequest],
    settings: &MediaSettings,
    cache_dir: &Path,
) -> (Images, Vec<Diagnostic>) {
    let _ = (settings, cache_dir);
    let mut images = Images::new();
    let problems = Vec::new();
    for request in requests {
        // First version: the original as its only variant, size unknown.
        let ext = request
            .file
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let format = match ext.as_str() {
            "png" => Format::Png,
            "svg" => Format::Svg,
            "gif" => Format::Gif,
            "webp" => Format::Webp,
            _ => Format::Jpeg,
        };
        let key = xxhash_rust::xxh3::xxh3_64(request.site_path.as_bytes());
        let (width, height) = image::ImageReader::open(&request.file)
            .ok()
            .and_then(|r| r.with_guessed_format().ok())
            .and_then(|r| r.into_dimensions().ok())
            .unwrap_or((0, 0));
        let variant = Variant {
            url_path: format!("media/{key:016x}.{}", format.extension()),
            width,
            height,
            format,
        };
        images.insert(
            request.file.clone(),
            Processed {
                width,
                height,
                modern: Vec::new(),
                fallback: vec![variant],
            },
        );
    }
    (images, problems)
}
