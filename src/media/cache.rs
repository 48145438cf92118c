//! The image cache: the files made from each image, kept between builds
//! in a folder of the site (`.annals-cache/media/`), so a rebuild does no
//! image work for an image it has seen.
//!
//! Each image has a key: a hash of its bytes, the settings and
//! [`VERSION`]. Its files are `<key>-<width>.<ext>` (`<key>.svg` for an
//! SVG), the same names as in the output's `media/`, and `<key>.txt` lists
//! them. Every file is written to a temporary name and renamed into place,
//! the list last: a build killed half-way leaves whole files and, for the
//! image it was making, no list, so the next build makes that image again.

use super::{Format, Processed, Variant};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The version of the processing: change it when what is made from an
/// image changes (formats, quality, resizing), so old files are not used.
pub const VERSION: u32 = 1;

/// Where a site keeps its image cache, relative to the site folder.
pub const FOLDER: &str = ".annals-cache/media";

/// Where the output keeps images, and `serve` answers them.
pub const URL_FOLDER: &str = "media";

/// The key of an image of content `bytes` made with `widths`.
pub fn key(bytes: &[u8], widths: &[u32]) -> String {
    let mut buf = Vec::with_capacity(24 + widths.len() * 4);
    buf.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(bytes).to_le_bytes());
    buf.extend_from_slice(&VERSION.to_le_bytes());
    for w in widths {
        buf.extend_from_slice(&w.to_le_bytes());
    }
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&buf))
}

/// The file name of one made file.
pub fn file_name(key: &str, width: u32, format: Format) -> String {
    match format {
        Format::Svg => format!("{key}.svg"),
        _ => format!("{key}-{width}.{}", format.extension()),
    }
}

/// Whether `name` could be a file of the cache (and of the output's
/// `media/`): `serve` answers only such names.
pub fn is_file_name(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    let key = stem.split_once('-').map_or(stem, |(k, w)| {
        if w.is_empty() || !w.bytes().all(|b| b.is_ascii_digit()) {
            ""
        } else {
            k
        }
    });
    key.len() == 16
        && key.bytes().all(|b| b.is_ascii_hexdigit())
        && ["webp", "jpg", "png", "svg", "gif"].contains(&ext)
}

/// What the cache holds for `key`, if it holds all of it.
pub fn find(dir: &Path, key: &str) -> Option<Processed> {
    let text = fs::read_to_string(dir.join(format!("{key}.txt"))).ok()?;
    let mut lines = text.lines();
    if lines.next()? != format!("annals-media {VERSION}") {
        return None;
    }
    let mut size = lines.next()?.split(' ');
    let (width, height) = (size.next()?.parse().ok()?, size.next()?.parse().ok()?);
    let mut processed = Processed {
        width,
        height,
        modern: Vec::new(),
        fallback: Vec::new(),
    };
    for line in lines {
        let mut parts = line.split(' ');
        let set = parts.next()?;
        let format = match parts.next()? {
            "webp" => Format::Webp,
            "jpg" => Format::Jpeg,
            "png" => Format::Png,
            "svg" => Format::Svg,
            "gif" => Format::Gif,
            _ => return None,
        };
        let width: u32 = parts.next()?.parse().ok()?;
        let height: u32 = parts.next()?.parse().ok()?;
        let name = file_name(key, width, format);
        if !dir.join(&name).is_file() {
            return None;
        }
        let variant = Variant {
            url_path: format!("{URL_FOLDER}/{name}"),
            width,
            height,
            format,
        };
        match set {
            "modern" => processed.modern.push(variant),
            "fallback" => processed.fallback.push(variant),
            _ => return None,
        }
    }
    Some(processed)
}

/// One file to keep: its format, size, set and bytes.
pub struct Entry<'a> {
    pub format: Format,
    pub width: u32,
    pub height: u32,
    pub modern: bool,
    pub bytes: &'a [u8],
}

/// Keeps `entries`, made from an image of size `size`, under `key` in the
/// folder `dir`, and returns what [`find`] will find; without a folder,
/// only returns it.
pub fn store(
    dir: Option<&Path>,
    key: &str,
    size: (u32, u32),
    entries: &[Entry],
) -> Result<Processed, String> {
    if let Some(dir) = dir {
        fs::create_dir_all(dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    }
    let mut list = format!("annals-media {VERSION}\n{} {}\n", size.0, size.1);
    let mut processed = Processed {
        width: size.0,
        height: size.1,
        modern: Vec::new(),
        fallback: Vec::new(),
    };
    for e in entries {
        let name = file_name(key, e.width, e.format);
        if let Some(dir) = dir {
            write_atomic(&dir.join(&name), e.bytes)?;
        }
        let set = if e.modern { "modern" } else { "fallback" };
        list.push_str(&format!(
            "{set} {} {} {}\n",
            e.format.extension(),
            e.width,
            e.height
        ));
        let variant = Variant {
            url_path: format!("{URL_FOLDER}/{name}"),
            width: e.width,
            height: e.height,
            format: e.format,
        };
        match e.modern {
            true => processed.modern.push(variant),
            false => processed.fallback.push(variant),
        }
    }
    if let Some(dir) = dir {
        write_atomic(&dir.join(format!("{key}.txt")), list.as_bytes())?;
    }
    Ok(processed)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it to
/// `path`: a reader sees the old file or the whole new one, never part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp: PathBuf = path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let result = fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| fs::rename(&tmp, path));
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        format!("cannot write {}: {e}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_serve_answers() {
        assert!(is_file_name("0123456789abcdef-480.webp"));
        assert!(is_file_name("0123456789abcdef.svg"));
        assert!(!is_file_name("0123456789abcdef.txt"));
        assert!(!is_file_name("0123456789abcdef-.jpg"));
        assert!(!is_file_name("../x-480.jpg"));
        assert!(!is_file_name(".0123456789abcdef-480.jpg.1.2.tmp"));
    }

    #[test]
    fn key_depends_on_bytes_and_widths() {
        assert_ne!(key(b"a", &[480]), key(b"b", &[480]));
        assert_ne!(key(b"a", &[480]), key(b"a", &[960]));
        assert_eq!(key(b"a", &[480]).len(), 16);
    }
}
