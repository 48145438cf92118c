//! Reading an image file into pixels, refusing what cannot be read safely:
//! unknown and unsupported formats, corrupt and truncated files, and files
//! that claim more pixels than a build should hold in memory.

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The longest side Annals decodes, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// The most pixels Annals decodes in one image (60 megapixels, more than
/// most cameras make).
pub const MAX_PIXELS: u64 = 60_000_000;
/// The most memory the decoder may take for one image.
const MAX_ALLOC: u64 = 512 << 20;

/// What kind of picture an image is, which decides its formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// From a JPEG or WebP: lossy WebP, JPEG fallback (PNG with alpha).
    Photo,
    /// From a PNG or GIF (drawings, charts, screenshots): lossless WebP,
    /// PNG fallback.
    Graphic,
}

/// A decoded image, turned upright by its EXIF orientation.
pub struct Decoded {
    pub pixels: DynamicImage,
    pub kind: Kind,
}

/// Decodes `bytes`, or says in a few words why not (the caller names the
/// file and the event).
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let Some(format) = reader.format() else {
        return Err("this is not an image Annals can read".into());
    };
    let kind = match format {
        ImageFormat::Jpeg => {
            if !ends_like_jpeg(bytes) {
                return Err("the JPEG is cut short (it lacks the end marker FF D9): \
                            the file was not copied whole"
                    .into());
            }
            Kind::Photo
        }
        ImageFormat::WebP => Kind::Photo,
        ImageFormat::Png | ImageFormat::Gif => Kind::Graphic,
        other => {
            return Err(format!(
                "{} images are not supported",
                other
                    .extensions_str()
                    .first()
                    .map_or("these", |e| e)
                    .to_uppercase()
            ));
        }
    };
    // The size the header claims, read before any pixel.
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(explain)?;
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_large(w, h));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(explain)?;
    let orientation = decoder.orientation().map_err(explain)?;
    let mut pixels = DynamicImage::from_decoder(decoder).map_err(explain)?;
    pixels.apply_orientation(orientation);
    Ok(Decoded { pixels, kind })
}

/// Whether a JPEG ends with its end-of-image marker, allowing for a little
/// padding after it (some cameras add zeros).
fn ends_like_jpeg(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(2)
        .rposition(|w| w == [0xFF, 0xD9])
        .is_some_and(|at| {
            tail[at + 2..]
                .iter()
                .all(|b| matches!(b, 0 | b'\n' | b'\r' | b' ' | 0xFF))
        })
}

fn too_large(w: u32, h: u32) -> String {
    format!(
        "the image claims {w} x {h} pixels, more than Annals decodes \
         (at most {MAX_SIDE} px a side and {} megapixels)",
        MAX_PIXELS / 1_000_000
    )
}

/// An error of the image crate, in words for the author.
fn explain(error: image::ImageError) -> String {
    use image::ImageError as E;
    match error {
        E::Limits(_) => "the image is larger than Annals decodes \
                         (at most 12000 px a side and 60 megapixels)"
            .into(),
        E::Unsupported(e) => format!("the image uses something Annals cannot read: {e}"),
        E::Decoding(e) => format!("the file is corrupt: {e}"),
        E::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the file is cut short: it was not copied whole".into()
        }
        other => format!("the file cannot be read: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_marker_with_padding() {
        assert!(ends_like_jpeg(&[1, 2, 0xFF, 0xD9]));
        assert!(ends_like_jpeg(&[1, 2, 0xFF, 0xD9, 0, 0, b'\n']));
        assert!(!ends_like_jpeg(&[1, 2, 0xFF, 0xD9, 7, 8, 9]));
        assert!(!ends_like_jpeg(&[0xFF, 0xD8, 0xFF]));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert_eq!(decode(b"").err().unwrap(), "the file is empty");
        assert!(decode(b"BM\x00\x00\x00\x00").is_err());
        assert!(decode(&[0x13; 300]).err().unwrap().contains("not an image"));
    }
}
