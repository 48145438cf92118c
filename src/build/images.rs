//! The build's image step: the images the model names, made (or found in
//! the site's image cache) before the pages that show them, and their
//! files put into the sink beside the pages.

use crate::diagnostics::Diagnostic;
use crate::media::{self, ImageRequest, Images, MediaSettings};
use crate::sink::Sink;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The images of one build.
#[derive(Default)]
pub struct Media {
    /// What each image became, for the pages.
    pub images: Images,
    /// Every file to publish: its path in the output (`media/...`) and
    /// the file of the cache that holds it. `serve` answers from these.
    pub files: Vec<(String, PathBuf)>,
    /// How many images were made and how many found in the cache.
    pub work: media::Work,
}

impl Media {
    /// Folds what the images are into the digest of a site's inputs: each
    /// file's name is a hash of its image's content and the settings.
    pub fn digest(&self, digest: u128) -> u128 {
        let mut d = crate::digest::Digest::default();
        d.u128(digest);
        for (path, _) in &self.files {
            d.str(path);
        }
        d.value()
    }

    /// "images: 3 made, 997 from the cache", or nothing without images.
    pub fn note(&self) -> Option<String> {
        let media::Work { made, cached } = self.work;
        (made + cached > 0).then(|| {
            format!(
                "images: {made} made, {cached} from the cache ({})",
                media::CACHE_FOLDER
            )
        })
    }
}

/// Makes every image of `requests` (none: nothing is done, not even a
/// look at the disk), cached under the site's [`media::CACHE_FOLDER`];
/// without `keep` (`annals check`), what the cache lacks is made and
/// checked but not kept.
pub fn make(
    site_dir: &Path,
    requests: &[ImageRequest],
    settings: &MediaSettings,
    keep: bool,
) -> Result<Media, Vec<Diagnostic>> {
    if requests.is_empty() {
        return Ok(Media::default());
    }
    let cache = site_dir.join(media::CACHE_FOLDER);
    let (images, problems, work) = media::process_counting(requests, settings, &cache, keep);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut files: Vec<(String, PathBuf)> = images
        .values()
        .flat_map(|p| p.modern.iter().chain(&p.fallback))
        .map(|v| {
            let name = v.url_path.rsplit('/').next().unwrap_or_default();
            (v.url_path.clone(), cache.join(name))
        })
        .collect();
    files.sort_unstable();
    files.dedup();
    Ok(Media {
        images,
        files,
        work,
    })
}

/// Puts every file of `media` into `sink`, but those the output holds
/// untouched already (a file's name is its content's hash, so its path is
/// all it is made from).
pub fn put(media: &Media, sink: &dyn Sink) -> Vec<Diagnostic> {
    media
        .files
        .par_iter()
        .filter_map(|(path, source)| {
            let made_from = xxhash_rust::xxh3::xxh3_128(path.as_bytes());
            if sink.unchanged(path, made_from) {
                return None;
            }
            match std::fs::read(source) {
                Ok(bytes) => sink.put_made_from(path, &bytes, made_from).err(),
                Err(e) => Some(crate::sink::file_error("cannot read", source, e)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{MANIFEST, Update};
    use crate::source::statics::Statics;
    use std::os::unix::fs::MetadataExt;

    /// A PNG of `w` x `h` pixels, a gradient.
    fn png(w: u32, h: u32) -> Vec<u8> {
        use image::ImageEncoder;
        let pixels: Vec<u8> = (0..w * h)
            .flat_map(|i| [(i % 251) as u8, 90, 200])
            .collect();
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(&pixels, w, h, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    fn stamps(dir: &Path, paths: &[(String, PathBuf)]) -> Vec<(u64, i64, i64)> {
        paths
            .iter()
            .map(|(p, _)| {
                let m = std::fs::metadata(dir.join(p)).unwrap();
                (m.ino(), m.mtime(), m.mtime_nsec())
            })
            .collect()
    }

    #[test]
    fn no_request_costs_nothing() {
        let media = make(
            Path::new("/nonexistent"),
            &[],
            &MediaSettings::default(),
            true,
        )
        .unwrap();
        assert!(media.files.is_empty() && media.note().is_none());
    }

    #[test]
    fn image_files_reach_the_output_once_and_are_not_written_again() {
        let site = tempfile::tempdir().unwrap();
        let file = site.path().join("content/a.png");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, png(40, 20)).unwrap();
        let requests = [ImageRequest {
            file,
            site_path: "content/a.png".into(),
            at: ("content/a.md".into(), 4, 8),
        }];
        let settings = MediaSettings {
            widths: vec![16, 480],
            remote: false,
        };
        let out = site.path().join("public");
        let build = || {
            let media = make(site.path(), &requests, &settings, true).unwrap();
            let update = Update::new(&out, &out).unwrap();
            assert!(put(&media, &update).is_empty());
            let changes = update.finish(&Statics::default()).unwrap();
            (media, changes)
        };
        let (media, changes) = build();
        assert_eq!(media.work.made, 1);
        // WebP and PNG, at 16 px and the original's 40.
        assert_eq!(media.files.len(), 4);
        assert_eq!(changes.written, 4);
        let manifest = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
        for (path, cached) in &media.files {
            assert!(path.starts_with("media/"), "{path}");
            assert_eq!(
                std::fs::read(out.join(path)).unwrap(),
                std::fs::read(cached).unwrap()
            );
            assert!(manifest.contains(path.as_str()), "{path} is in the record");
        }
        let before = stamps(&out, &media.files);

        let (again, changes) = build();
        assert_eq!((again.work.made, again.work.cached), (0, 1));
        assert_eq!(
            again.note().unwrap(),
            "images: 0 made, 1 from the cache (.annals-cache/media)"
        );
        assert_eq!(changes.written, 0);
        assert_eq!(stamps(&out, &again.files), before, "same inode, same mtime");
    }
}
