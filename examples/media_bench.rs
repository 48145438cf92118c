//! The image side of issue 21's benchmark (bench/media.py runs it):
//!
//!     cargo run --release --example media_bench -- photos SITE N
//!     cargo run --release --example media_bench -- process SITE
//!
//! `photos` writes N distinct photo-like JPEGs of 2000 x 1300 px (q90,
//! smooth colour fields with grain, about the size of a camera's photo
//! cut to that size) as `SITE/content/<i>/photo.jpg`, with an event
//! `index.md` beside each that shows it. `process` makes every
//! `SITE/content/*/photo.jpg` with the default widths into the site's
//! image cache, as a build does, and prints how many it made and how many
//! it found in the cache: the image work of a build, without the pages.

use annals::media::{self, ImageRequest, MediaSettings};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["photos", site, n] => photos(Path::new(site), n.parse().expect("N")),
        ["process", site] => process(Path::new(site)),
        _ => {
            eprintln!("usage: media_bench photos SITE N | media_bench process SITE");
            std::process::exit(2);
        }
    }
}

fn photos(site: &Path, n: u32) {
    (0..n).into_par_iter().for_each(|i| {
        let dir = site
            .join("content")
            .join(format!("{:04}-photo-{i}", 2000 + i % 25));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("photo.jpg"), photo(i, 2000, 1300)).unwrap();
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let year = 2000 + i % 25;
        std::fs::write(
            dir.join("index.md"),
            format!(
                "---\ntitle: \"Photo event {i}\"\ndate: {year}-{month:02}-{day:02}\n\
                 media:\n  - src: photo.jpg\n    alt: \"Generated photo {i}: colour fields\"\n    \
                 credit: \"Generated for the benchmark\"\n---\n\nEvent {i} with one photo.\n"
            ),
        )
        .unwrap();
    });
}

/// A photo-like image: smooth colour fields that differ with `seed`, with
/// a little grain, so it compresses as photos do.
fn photo(seed: u32, w: u32, h: u32) -> Vec<u8> {
    let s = seed as f32;
    let (fx, fy) = (
        0.002 + (s * 0.37).sin().abs() * 0.004,
        0.003 + (s * 0.71).cos().abs() * 0.004,
    );
    let mut rng = seed.wrapping_mul(2_654_435_761) | 1;
    let mut pixels = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            rng ^= rng << 13;
            rng ^= rng >> 17;
            rng ^= rng << 5;
            let grain = (rng % 9) as f32 - 4.0;
            let (xf, yf) = (x as f32, y as f32);
            let a = (xf * fx + s).sin() * (yf * fy - s * 0.5).cos();
            let b = ((xf + yf) * fx * 0.7 + s * 1.3).sin();
            let px = |base: f32, k: f32| (base + k + grain).clamp(0.0, 255.0) as u8;
            pixels.push(px(120.0 + 80.0 * a, 20.0 * b));
            pixels.push(px(110.0 + 60.0 * b, 30.0 * a));
            pixels.push(px(100.0 + 70.0 * (a * b), -10.0 * b));
        }
    }
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 90)
        .encode(&pixels, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

fn process(site: &Path) {
    let mut requests: Vec<ImageRequest> = std::fs::read_dir(site.join("content"))
        .unwrap()
        .filter_map(|e| {
            let file: PathBuf = e.ok()?.path().join("photo.jpg");
            file.is_file().then(|| ImageRequest {
                site_path: file.strip_prefix(site).unwrap().display().to_string(),
                at: (file.with_file_name("index.md"), 5, 10),
                file,
            })
        })
        .collect();
    requests.sort_by(|a, b| a.file.cmp(&b.file));
    let start = std::time::Instant::now();
    let cache = site.join(media::CACHE_FOLDER);
    let (images, problems, work) =
        media::process_counting(&requests, &MediaSettings::default(), &cache, true);
    println!(
        "{} images: {} made, {} from the cache, {} problems in {:.2} s",
        images.len(),
        work.made,
        work.cached,
        problems.len(),
        start.elapsed().as_secs_f64()
    );
}
