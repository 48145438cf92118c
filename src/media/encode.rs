//! Resizing a decoded image to its widths and writing each width in a
//! modern format and a fallback. Re-encoding from pixels is what strips
//! every piece of metadata: nothing of the original file but its pixels
//! reaches the output (no EXIF, GPS, XMP or ICC profile).

use super::Format;
use super::decode::{Decoded, Kind};
use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ExtendedColorType, ImageEncoder};

/// Lossy quality for WebP and JPEG photos: at 960 px wide it measured
/// 42 dB PSNR / 0.97 SSIM against the resized original (notes/images.md),
/// between q75 and q85.
const QUALITY: u8 = 80;

/// One file made from an image.
pub struct Made {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// In the modern set (else the fallback).
    pub modern: bool,
    pub bytes: Vec<u8>,
}

/// The widths to make of an image `original` px wide: those of `widths`
/// below it, then the original's own. Never wider than the original.
pub fn widths_for(original: u32, widths: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = widths.iter().copied().filter(|&w| w < original).collect();
    if widths.iter().any(|&w| w >= original) || out.is_empty() {
        out.push(original);
    }
    out
}

/// The height of `width`, keeping the aspect ratio of `w` x `h`.
pub fn height_for(width: u32, w: u32, h: u32) -> u32 {
    let exact = u64::from(h) * u64::from(width);
    let w = u64::from(w.max(1));
    u32::try_from((exact + w / 2) / w)
        .unwrap_or(u32::MAX)
        .max(1)
}

/// Every file of `decoded` at each of `widths`: the modern format first,
/// then the fallback, each ascending by width.
pub fn encode(decoded: &Decoded, widths: &[u32]) -> Result<Vec<Made>, String> {
    let (w, h) = (decoded.pixels.width(), decoded.pixels.height());
    let alpha = has_alpha(&decoded.pixels);
    let (pixel_type, bytes) = match alpha {
        true => (PixelType::U8x4, decoded.pixels.to_rgba8().into_raw()),
        false => (PixelType::U8x3, decoded.pixels.to_rgb8().into_raw()),
    };
    let src = Image::from_vec_u8(w, h, bytes, pixel_type).map_err(|e| e.to_string())?;
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    let mut modern = Vec::new();
    let mut fallback = Vec::new();
    for &width in &widths_for(w, widths) {
        let height = height_for(width, w, h);
        let pixels = if (width, height) == (w, h) {
            src.buffer().to_vec()
        } else {
            let mut dst = Image::new(width, height, pixel_type);
            resizer
                .resize(&src, &mut dst, &options)
                .map_err(|e| e.to_string())?;
            dst.into_vec()
        };
        let color = if alpha {
            ExtendedColorType::Rgba8
        } else {
            ExtendedColorType::Rgb8
        };
        let made = |format, modern, bytes| Made {
            width,
            height,
            format,
            modern,
            bytes,
        };
        let lossless = decoded.kind == Kind::Graphic;
        modern.push(made(
            Format::Webp,
            true,
            webp(&pixels, width, height, alpha, lossless)?,
        ));
        fallback.push(match (decoded.kind, alpha) {
            (Kind::Photo, false) => made(Format::Jpeg, false, jpeg(&pixels, width, height)?),
            _ => made(Format::Png, false, png(&pixels, width, height, color)?),
        });
    }
    modern.append(&mut fallback);
    Ok(modern)
}

/// Whether any pixel is not fully opaque.
fn has_alpha(image: &DynamicImage) -> bool {
    image.color().has_alpha() && image.to_rgba8().pixels().any(|p| p.0[3] != 255)
}

fn webp(pixels: &[u8], w: u32, h: u32, alpha: bool, lossless: bool) -> Result<Vec<u8>, String> {
    let layout = match alpha {
        true => webp::PixelLayout::Rgba,
        false => webp::PixelLayout::Rgb,
    };
    let encoder = webp::Encoder::new(pixels, layout, w, h);
    encoder
        .encode_simple(lossless, f32::from(QUALITY))
        .map(|m| m.to_vec())
        .map_err(|e| format!("cannot write it as WebP: {e:?}"))
}

fn jpeg(pixels: &[u8], w: u32, h: u32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let (w16, h16) = (u16::try_from(w), u16::try_from(h));
    let (Ok(w16), Ok(h16)) = (w16, h16) else {
        return Err("too large for JPEG".into());
    };
    jpeg_encoder::Encoder::new(&mut out, QUALITY)
        .encode(pixels, w16, h16, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| format!("cannot write it as JPEG: {e}"))?;
    Ok(out)
}

fn png(pixels: &[u8], w: u32, h: u32, color: ExtendedColorType) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(pixels, w, h, color)
        .map_err(|e| format!("cannot write it as PNG: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_wider_than_the_original() {
        assert_eq!(widths_for(2000, &[480, 960, 1600]), [480, 960, 1600]);
        assert_eq!(widths_for(1200, &[480, 960, 1600]), [480, 960, 1200]);
        assert_eq!(widths_for(960, &[480, 960, 1600]), [480, 960]);
        assert_eq!(widths_for(300, &[480, 960]), [300]);
    }

    #[test]
    fn keeps_the_aspect_ratio() {
        assert_eq!(height_for(480, 2000, 1300), 312);
        assert_eq!(height_for(1, 2000, 10), 1);
    }
}
