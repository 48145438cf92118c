//! Image files (src/media): sizes, orientation, no metadata in what is
//! written, hostile files refused at the event that names them, and the
//! cache across builds. Every image is made here, with the image crate.

use annals::media::{self, Format, ImageRequest, MediaSettings, Processed, Work};
use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use std::path::{Path, PathBuf};

/// The GPS latitude written into the test photo: 24° 38' 12.34" as three
/// EXIF rationals, bytes that must appear in no written file.
const GPS_LATITUDE: [u32; 6] = [24, 1, 38, 1, 1234, 100];
const XMP_NS: &[u8] = b"http://ns.adobe.com/xap/1.0/";
const XMP_SECRET: &[u8] = b"Photographer at home, 24.6368N";

/// A photo-like JPEG, `w` x `h`: a gradient, red on the left half and
/// blue on the right.
fn photo(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        let shade = (60 + (y * 120 / h.max(1))) as u8;
        if x < w / 2 {
            Rgb([200, shade / 2, shade / 3])
        } else {
            Rgb([shade / 3, shade / 2, 200])
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// `jpeg` with an EXIF segment (orientation, GPS latitude) and an XMP
/// segment inserted after its start marker.
fn with_metadata(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&count.to_le_bytes());
        tiff.extend_from_slice(&value);
    };
    // IFD0 at 8: orientation, and the GPS IFD at 8 + 2 + 2*12 + 4 = 38.
    tiff.extend_from_slice(&2u16.to_le_bytes());
    let o = orientation.to_le_bytes();
    entry(&mut tiff, 0x0112, 3, 1, [o[0], o[1], 0, 0]);
    entry(&mut tiff, 0x8825, 4, 1, 38u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD at 38: latitude ref and latitude, its data at 38 + 30 = 68.
    tiff.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut tiff, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut tiff, 0x0002, 5, 3, 68u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for n in GPS_LATITUDE {
        tiff.extend_from_slice(&n.to_le_bytes());
    }
    let segment = |payload: &[u8]| {
        let mut s = vec![0xFF, 0xE1];
        s.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        s.extend_from_slice(payload);
        s
    };
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&tiff);
    let mut xmp = XMP_NS.to_vec();
    xmp.push(0);
    xmp.extend_from_slice(b"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">");
    xmp.extend_from_slice(XMP_SECRET);
    xmp.extend_from_slice(b"</x:xmpmeta>");
    let mut out = jpeg[..2].to_vec();
    out.extend(segment(&exif));
    out.extend(segment(&xmp));
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn gps_bytes() -> Vec<u8> {
    GPS_LATITUDE.iter().flat_map(|n| n.to_le_bytes()).collect()
}

/// A PNG with alpha: its top half transparent.
fn png_with_alpha(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |x, y| match y < h / 2 {
        true => Rgba([0, 0, 0, 0]),
        false => Rgba([(x * 4) as u8, 120, 40, 255]),
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgba8)
        .unwrap();
    out
}

/// CRC-32 as PNG chunks use it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A well-formed PNG header claiming `w` x `h` RGB pixels, with a tiny
/// (wrong) body: what a decompression bomb looks like to a decoder.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        Site {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join(media::CACHE_FOLDER)
    }

    /// Writes `bytes` as `content/<name>`, named by `content/event.md` at
    /// line `line`, column 5.
    fn image(&self, name: &str, bytes: &[u8], line: usize) -> ImageRequest {
        let file = self.dir.path().join("content").join(name);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, bytes).unwrap();
        ImageRequest {
            file,
            site_path: format!("content/{name}"),
            at: (PathBuf::from("content/event.md"), line, 5),
        }
    }

    fn process(
        &self,
        requests: &[ImageRequest],
        widths: &[u32],
    ) -> (media::Images, Vec<annals::Diagnostic>, Work) {
        let settings = MediaSettings {
            widths: widths.to_vec(),
            remote: false,
        };
        media::process_counting(requests, &settings, &self.cache(), true)
    }

    /// The bytes of a written file, from the cache (the build copies it
    /// into the output as it is).
    fn bytes(&self, url_path: &str) -> Vec<u8> {
        let name = url_path.strip_prefix("media/").expect("under media/");
        std::fs::read(self.cache().join(name)).unwrap()
    }
}

fn all(p: &Processed) -> impl Iterator<Item = &media::Variant> {
    p.modern.iter().chain(&p.fallback)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[test]
fn a_photo_is_turned_upright_resized_never_upscaled_and_stripped_of_metadata() {
    let site = Site::new();
    let original = with_metadata(&photo(200, 100), 6);
    assert!(contains(&original, b"Exif") && contains(&original, &gps_bytes()));
    let request = site.image("x/photo.jpg", &original, 7);
    let (images, problems, work) = site.process(std::slice::from_ref(&request), &[48, 96, 1600]);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(work, Work { made: 1, cached: 0 });
    let p = &images[&request.file];
    // EXIF orientation 6: turned a quarter clockwise, 100 x 200.
    assert_eq!((p.width, p.height), (100, 200));
    let sizes = |v: &[media::Variant]| -> Vec<(u32, u32, Format)> {
        v.iter().map(|v| (v.width, v.height, v.format)).collect()
    };
    // 1600 is wider than the photo: its own width is the last.
    assert_eq!(
        sizes(&p.modern),
        [
            (48, 96, Format::Webp),
            (96, 192, Format::Webp),
            (100, 200, Format::Webp)
        ]
    );
    assert_eq!(
        sizes(&p.fallback),
        [
            (48, 96, Format::Jpeg),
            (96, 192, Format::Jpeg),
            (100, 200, Format::Jpeg)
        ]
    );
    for v in all(p) {
        let bytes = site.bytes(&v.url_path);
        assert!(v.url_path.starts_with("media/"), "{}", v.url_path);
        assert!(!contains(&bytes, b"exif"), "EXIF in {}", v.url_path);
        assert!(!contains(&bytes, &gps_bytes()), "GPS in {}", v.url_path);
        assert!(!contains(&bytes, XMP_NS), "XMP in {}", v.url_path);
        assert!(!contains(&bytes, XMP_SECRET), "XMP text in {}", v.url_path);
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (v.width, v.height));
    }
    // The left of the photo (red) is now its top, the right (blue) its
    // bottom.
    let largest = p.fallback.last().unwrap();
    let img = image::load_from_memory(&site.bytes(&largest.url_path))
        .unwrap()
        .to_rgb8();
    let top = img.get_pixel(50, 20).0;
    let bottom = img.get_pixel(50, 180).0;
    assert!(top[0] > 150 && top[2] < 100, "top {top:?}");
    assert!(bottom[2] > 150 && bottom[0] < 100, "bottom {bottom:?}");
}

#[test]
fn a_png_with_alpha_keeps_it_with_a_png_fallback() {
    let site = Site::new();
    let request = site.image("chart.png", &png_with_alpha(64, 40), 3);
    let (images, problems, _) = site.process(std::slice::from_ref(&request), &[32, 960]);
    assert!(problems.is_empty(), "{problems:#?}");
    let p = &images[&request.file];
    assert_eq!((p.width, p.height), (64, 40));
    assert_eq!(
        p.fallback
            .iter()
            .map(|v| (v.width, v.format))
            .collect::<Vec<_>>(),
        [(32, Format::Png), (64, Format::Png)]
    );
    assert!(p.modern.iter().all(|v| v.format == Format::Webp));
    for v in all(p) {
        let img = image::load_from_memory(&site.bytes(&v.url_path))
            .unwrap()
            .to_rgba8();
        assert_eq!(
            img.get_pixel(1, 1).0[3],
            0,
            "{} is transparent at the top",
            v.url_path
        );
        assert_eq!(
            img.get_pixel(1, img.height() - 1).0[3],
            255,
            "{}",
            v.url_path
        );
    }
}

#[test]
fn an_svg_is_published_as_written_with_its_size() {
    let site = Site::new();
    let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 60\"><rect width=\"120\" height=\"60\"/></svg>\n";
    let request = site.image("map.svg", svg, 4);
    let (images, problems, _) = site.process(std::slice::from_ref(&request), &[480]);
    assert!(problems.is_empty(), "{problems:#?}");
    let p = &images[&request.file];
    assert_eq!((p.width, p.height), (120, 60));
    assert!(p.modern.is_empty());
    assert_eq!(p.fallback.len(), 1);
    assert_eq!(p.fallback[0].format, Format::Svg);
    assert_eq!(site.bytes(&p.fallback[0].url_path), svg);
}

#[test]
fn hostile_files_are_refused_at_the_event_that_names_them() {
    let site = Site::new();
    let whole = photo(300, 200);
    let mut noise = Vec::with_capacity(4096);
    let mut x: u32 = 2_463_534_242;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise.push(x as u8);
    }
    let bmp = {
        let mut b = b"BM".to_vec();
        b.extend_from_slice(&[0; 52]);
        b
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bomb.png", png_claiming(30_000, 30_000), "30000 x 30000"),
        (
            "cut.jpg",
            whole[..whole.len() * 6 / 10].to_vec(),
            "cut short",
        ),
        ("noise.jpg", noise, "not an image"),
        ("old.bmp", bmp, "BMP images are not supported"),
        (
            "scan.tiff",
            b"II*\0\x08\0\0\0\0\0".to_vec(),
            "TIFF images are not supported",
        ),
        ("empty.png", Vec::new(), "empty"),
        (
            "nosize.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".to_vec(),
            "no size",
        ),
    ];
    let requests: Vec<ImageRequest> = cases
        .iter()
        .enumerate()
        .map(|(i, (name, bytes, _))| site.image(name, bytes, 10 + i))
        .collect();
    let mut missing = site.image("gone.jpg", b"", 30);
    missing.file = site.dir.path().join("content/not-there.jpg");
    let mut all_requests = requests.clone();
    all_requests.push(missing);
    let (images, problems, work) = site.process(&all_requests, &[480]);
    assert!(images.is_empty());
    assert_eq!(work, Work::default());
    assert_eq!(problems.len(), cases.len() + 1, "{problems:#?}");
    for (i, (name, _, why)) in cases.iter().enumerate() {
        let d = problems
            .iter()
            .find(|d| d.message.contains(&format!("content/{name}")))
            .unwrap_or_else(|| panic!("no problem for {name}: {problems:#?}"));
        assert_eq!(d.file.as_deref(), Some(Path::new("content/event.md")));
        assert_eq!((d.line, d.column), (10 + i, 5), "{name}");
        assert!(d.message.contains(why), "{name}: {}", d.message);
    }
    assert!(
        problems
            .iter()
            .any(|d| d.line == 30 && d.message.contains("cannot read"))
    );
}

#[test]
fn a_second_run_does_no_image_work_and_a_killed_one_leaves_a_usable_cache() {
    let site = Site::new();
    let requests: Vec<ImageRequest> = (0..4u32)
        .map(|i| {
            site.image(
                &format!("p{i}.jpg"),
                &photo(120 + i * 10, 80),
                1 + i as usize,
            )
        })
        .collect();
    let widths = [64, 128];
    let (first, problems, work) = site.process(&requests, &widths);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(work, Work { made: 4, cached: 0 });

    let (second, _, work) = site.process(&requests, &widths);
    assert_eq!(
        work,
        Work { made: 0, cached: 4 },
        "no image work the second time"
    );
    assert_eq!(first, second);

    // Other settings are other files.
    let (_, _, work) = site.process(&requests, &[64]);
    assert_eq!(work, Work { made: 4, cached: 0 });

    // A build killed while writing: a temporary file left over, one
    // image whose list was never written, one whose list is cut short.
    let cache = site.cache();
    let key_of = |p: &Processed| {
        let name = p.modern[0].url_path.strip_prefix("media/").unwrap();
        name.split('-').next().unwrap().to_string()
    };
    let keys: Vec<String> = requests.iter().map(|r| key_of(&first[&r.file])).collect();
    std::fs::write(cache.join(format!(".{}-64.webp.99.0.tmp", keys[0])), b"RIF").unwrap();
    std::fs::remove_file(cache.join(format!("{}.txt", keys[1]))).unwrap();
    let list = cache.join(format!("{}.txt", keys[2]));
    let text = std::fs::read_to_string(&list).unwrap();
    std::fs::write(&list, &text[..text.len() / 2]).unwrap();
    std::fs::remove_file(cache.join(format!("{}-128.jpg", keys[3]))).unwrap();

    let (third, problems, work) = site.process(&requests, &widths);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(third, first);
    assert_eq!(
        work,
        Work { made: 3, cached: 1 },
        "made again: those left unfinished"
    );
}

#[test]
fn the_same_file_named_by_two_events_is_made_once() {
    let site = Site::new();
    let a = site.image("p.jpg", &photo(100, 60), 2);
    let mut b = a.clone();
    b.at.1 = 9;
    let (images, problems, work) = site.process(&[a, b], &[480]);
    assert!(problems.is_empty());
    assert_eq!(images.len(), 1);
    assert_eq!(work.made, 1);
}
