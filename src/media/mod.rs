//! Image files: every picture an event names, resized to a few widths in a
//! modern format plus a fallback, with no metadata, cached across builds.
//!
//! The model hands [`process`] the images it found ([`ImageRequest`]); the
//! result ([`Images`]) says, for each, the files to link ([`Variant`]) and
//! the original's size. The build then writes every variant into the output
//! through the sink, and `serve` answers the same paths from the cache.

use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub mod cache;
mod decode;
mod encode;
mod svg;

pub use cache::FOLDER as CACHE_FOLDER;
pub use decode::{MAX_PIXELS, MAX_SIDE};

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

/// What [`process_counting`] did besides its result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Images decoded and encoded: not found in the cache.
    pub made: usize,
    /// Images found whole in the cache.
    pub cached: usize,
}

/// Makes (or finds in `cache_dir`) every variant of every requested image.
/// Returns what it made and a problem for each image it refused, at the
/// event file, line and column that names it.
pub fn process(
    requests: &[ImageRequest],
    settings: &MediaSettings,
    cache_dir: &Path,
) -> (Images, Vec<Diagnostic>) {
    let (images, problems, _) = process_counting(requests, settings, cache_dir, true);
    (images, problems)
}

/// [`process`], also saying how many images it made and how many it found
/// in the cache. Each file is read and hashed once however many events
/// name it; images are made in parallel. Without `keep` (`annals check`,
/// which writes nothing), what is not in the cache is made and checked,
/// but not kept there.
pub fn process_counting(
    requests: &[ImageRequest],
    settings: &MediaSettings,
    cache_dir: &Path,
    keep: bool,
) -> (Images, Vec<Diagnostic>, Work) {
    let mut files: Vec<&Path> = requests.iter().map(|r| r.file.as_path()).collect();
    files.sort_unstable();
    files.dedup();
    let results: Vec<(&Path, Outcome)> = files
        .par_iter()
        .map(|&file| (file, one(file, settings, cache_dir, keep)))
        .collect();
    let mut images = Images::new();
    let mut failed = BTreeMap::new();
    let mut work = Work::default();
    for (file, result) in results {
        match result {
            Ok((processed, made)) => {
                match made {
                    true => work.made += 1,
                    false => work.cached += 1,
                }
                images.insert(file.to_path_buf(), processed);
            }
            Err(why) => {
                failed.insert(file, why);
            }
        }
    }
    let problems = requests
        .iter()
        .filter_map(|r| {
            let why = failed.get(r.file.as_path())?;
            let (event, line, column) = &r.at;
            Some(
                Diagnostic::at(
                    event,
                    *line,
                    *column,
                    format!("cannot use the image {}: {why}", r.site_path),
                )
                .help("use a whole JPEG, PNG, WebP, GIF or SVG file of at most 12000 px a side"),
            )
        })
        .collect();
    (images, problems, work)
}

/// What became of one file: what it is and whether it was made (else
/// found in the cache), or why it was refused.
type Outcome = Result<(Processed, bool), String>;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 100 << 20;

/// One image: from the cache if it is there (`false`), else made and, with
/// `keep`, kept there (`true`).
fn one(
    file: &Path,
    settings: &MediaSettings,
    cache_dir: &Path,
    keep: bool,
) -> Result<(Processed, bool), String> {
    let len = std::fs::metadata(file)
        .map_err(|e| format!("cannot read it: {e}"))?
        .len();
    if len > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {} MB, more than Annals reads (100 MB)",
            len >> 20
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read it: {e}"))?;
    let key = cache::key(&bytes, &settings.widths);
    if let Some(found) = cache::find(cache_dir, &key) {
        return Ok((found, false));
    }
    let is_svg = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    let stored = if is_svg {
        let (width, height) = svg::size(&bytes)?;
        let entry = cache::Entry {
            format: Format::Svg,
            width,
            height,
            modern: false,
            bytes: &bytes,
        };
        cache::store(keep.then_some(cache_dir), &key, (width, height), &[entry])
    } else {
        let decoded = decode::decode(&bytes)?;
        drop(bytes);
        let size = (decoded.pixels.width(), decoded.pixels.height());
        let made = encode::encode(&decoded, &settings.widths)?;
        drop(decoded);
        let entries: Vec<cache::Entry> = made
            .iter()
            .map(|m| cache::Entry {
                format: m.format,
                width: m.width,
                height: m.height,
                modern: m.modern,
                bytes: &m.bytes,
            })
            .collect();
        cache::store(keep.then_some(cache_dir), &key, size, &entries)
    };
    stored.map(|p| (p, true))
}
