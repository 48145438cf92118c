//! The media fixture of tests/browser.rs: a timeline of 50 events, each in
//! a folder of its own with a photo of its own (generated here: distinct,
//! with the detail of a photo, so it weighs what a photo weighs), and one
//! more event that shows every other kind of item: a video with captions,
//! a link card, a picture on another host and a decorative drawing.

use std::path::Path;

/// How many events have a photo.
pub const PHOTOS: usize = 50;

/// The photos' size, in pixels: over the smallest default width (480), so
/// that a card's thumbnail comes from a resized file, as in a real site.
const SIZE: (u32, u32) = (800, 520);

/// A deterministic generator of numbers, so that each run writes the same
/// photos.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }
}

/// Photo `n`: a sky and ground of their own colours, a few soft shapes,
/// and grain, as JPEG. Its detail is what makes it weigh what a photo
/// does: a flat picture would make the page-weight test meaningless.
fn photo(n: usize) -> Vec<u8> {
    let mut rng = Lcg(n as u64 * 7919 + 17);
    let (w, h) = SIZE;
    let horizon = h / 3 + rng.next() % (h / 3);
    let sky = [rng.next() % 90 + 110, rng.next() % 60 + 150, 220];
    let ground = [
        rng.next() % 80 + 60,
        rng.next() % 80 + 80,
        rng.next() % 50 + 30,
    ];
    let blobs: Vec<(i64, i64, i64, [u32; 3])> = (0..6)
        .map(|_| {
            (
                (rng.next() % w) as i64,
                (rng.next() % h) as i64,
                (rng.next() % 120 + 30) as i64,
                [rng.next() % 256, rng.next() % 256, rng.next() % 256],
            )
        })
        .collect();
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let base = if y < horizon { sky } else { ground };
        let mut c = base;
        for &(bx, by, r, colour) in &blobs {
            let (dx, dy) = (x as i64 - bx, y as i64 - by);
            if dx * dx + dy * dy < r * r {
                c = colour;
            }
        }
        let grain = (rng.next() % 41) as i32 - 20;
        let shade = (y as i32 * 30 / h as i32) - 15;
        image::Rgb(c.map(|v| (v as i32 + grain + shade).clamp(0, 255) as u8))
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Jpeg).unwrap();
    bytes.into_inner()
}

/// A drawing for the decorative item.
const DRAWING: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"40\" viewBox=\"0 0 600 40\"><path d=\"M0 20 H600\" stroke=\"#888\" stroke-width=\"2\" stroke-dasharray=\"8 6\"/></svg>\n";

/// The slug of the event with every other kind of item.
pub const ALL_KINDS: &str = "2025-06-30-every-kind";

/// The slug of the first event with a photo.
pub const FIRST_PHOTO: &str = "2025-01-01-photo-1";

/// Writes the fixture into `dir`.
pub fn write_media_site(dir: &Path) {
    let write = |rel: &str, bytes: &[u8]| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    write(
        "annals.yaml",
        b"title: Pictures\ndescription: A timeline with a photo on every event.\n",
    );
    for n in 1..=PHOTOS {
        let (month, day) = ((n - 1) / 10 + 1, (n - 1) % 10 * 3 + 1);
        let slug = format!("2025-{month:02}-{day:02}-photo-{n}");
        let text = format!(
            "---\ntitle: Event number {n} with a photo\ndate: 2025-{month:02}-{day:02}\nsummary: What happened on this day, in one line.\nactors: [Agency {}]\nmedia:\n  - src: photo.jpg\n    alt: Coloured shapes over a horizon, picture {n}\n    caption: Picture {n}, generated for this test.\n    credit: Annals tests\n---\nThe body of event {n}.\n",
            n % 5
        );
        write(&format!("content/{slug}/index.md"), text.as_bytes());
        write(&format!("content/{slug}/photo.jpg"), &photo(n));
    }
    let every = "---\ntitle: Every kind of media\ndate: 2025-06-30\nmedia:\n  - src: clip.webm\n    alt: A short clip\n    caption: A video with captions.\n    captions: clip.vtt\n  - src: https://www.youtube.com/watch?v=abc\n    alt: The press conference\n    caption: On YouTube.\n  - src: https://news.example.org/photo.jpg\n    alt: The delegations arriving\n    credit: Example Agency\n  - src: /drawings/line.svg\n    alt: \"\"\n    decorative: true\n---\nEvery kind.\n";
    write(&format!("content/{ALL_KINDS}/index.md"), every.as_bytes());
    write(&format!("content/{ALL_KINDS}/clip.webm"), b"");
    write(
        &format!("content/{ALL_KINDS}/clip.vtt"),
        b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n",
    );
    write("static/drawings/line.svg", DRAWING.as_bytes());
}
