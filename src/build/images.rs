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
/// look at the disk), cached under the site's [`media::CACHE_FOLDER`].
pub fn make(
    site_dir: &Path,
    requests: &[ImageRequest],
    settings: &MediaSettings,
) -> Result<Media, Vec<Diagnostic>> {
    if requests.is_empty() {
        return Ok(Media::default());
    }
    let cache = site_dir.join(media::CACHE_FOLDER);
    let (images, problems, work) = media::process_counting(requests, settings, &cache);
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
