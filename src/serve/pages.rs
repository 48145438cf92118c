//! What `serve` serves: the theme's assets and the files of `static/`,
//! kept whole (they are few), and the pages and data files, rendered from
//! the site's model when they are asked for and kept in a cache of
//! bounded size, so that what the server holds does not grow with the
//! rendered site.

use crate::build::Model;
use crate::diagnostics;
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Files by path relative to the site's root, `/`-separated
/// (`assets/annals.css`), and their bytes.
pub type Files = HashMap<String, Arc<Vec<u8>>>;

/// The most bytes of rendered pages kept at once.
pub const CACHE_BYTES: usize = 32 * 1024 * 1024;

/// A built site, as served: never changed, only replaced (its cache aside).
pub struct Site {
    files: Files,
    model: Option<Model>,
    /// The images' files (`media/...`) and where the image cache holds
    /// them: read when asked for, never held.
    media: HashMap<String, PathBuf>,
    cache: Mutex<Cache>,
}

/// Rendered pages, the oldest dropped first once they pass
/// [`CACHE_BYTES`].
#[derive(Default)]
struct Cache {
    pages: HashMap<String, Arc<Vec<u8>>>,
    order: VecDeque<String>,
    bytes: usize,
}

impl Cache {
    fn insert(&mut self, path: &str, page: Arc<Vec<u8>>) {
        if page.len() > CACHE_BYTES || self.pages.contains_key(path) {
            return;
        }
        self.bytes += page.len();
        self.pages.insert(path.to_string(), page);
        self.order.push_back(path.to_string());
        while self.bytes > CACHE_BYTES {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some(gone) = self.pages.remove(&old) {
                self.bytes -= gone.len();
            }
        }
    }
}

impl Site {
    /// A site of these files only.
    pub fn from_files(files: Files) -> Site {
        Site {
            files,
            model: None,
            media: HashMap::new(),
            cache: Mutex::default(),
        }
    }

    /// The site with the images of `media` (each one's path in the site,
    /// and the file of the image cache that holds it), read on request.
    pub fn with_media(self, media: HashMap<String, PathBuf>) -> Site {
        Site { media, ..self }
    }

    /// A site of these files, and of the pages `model` renders (a file
    /// replaces a page of the same path, as `static/` does in a build).
    pub fn new(files: Files, model: Model) -> Site {
        Site {
            model: Some(model),
            ..Site::from_files(files)
        }
    }

    /// Whether the site has a file or page at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
            || self.media.contains_key(path)
            || self.model.as_ref().is_some_and(|m| m.has(path))
    }

    /// The file or page at `path`, if there is one; `Err` with the
    /// problems, as text, if the page cannot be rendered.
    pub fn get(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, String>> {
        if let Some(bytes) = self.files.get(path) {
            return Some(Ok(Arc::clone(bytes)));
        }
        if let Some(file) = self.media.get(path) {
            return Some(
                std::fs::read(file)
                    .map(Arc::new)
                    .map_err(|e| format!("cannot read {}: {e}", file.display())),
            );
        }
        let model = self.model.as_ref()?;
        if let Some(page) = self.lock().pages.get(path) {
            return Some(Ok(Arc::clone(page)));
        }
        // Rendered outside the lock: other pages are answered meanwhile.
        match model.render(path)? {
            Ok(mut bytes) => {
                bytes.shrink_to_fit();
                let page = Arc::new(bytes);
                self.lock().insert(path, Arc::clone(&page));
                Some(Ok(page))
            }
            Err(mut problems) => {
                diagnostics::sort(&mut problems);
                Some(Err(diagnostics::report(&problems)))
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_read_from_their_cache_file_when_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("0123456789abcdef-480.webp");
        std::fs::write(&file, b"RIFF").unwrap();
        let media = HashMap::from([("media/0123456789abcdef-480.webp".to_string(), file.clone())]);
        let site = Site::from_files(Files::new()).with_media(media);
        assert!(site.has("media/0123456789abcdef-480.webp"));
        assert!(!site.has("media/0123456789abcdef-960.webp"));
        let got = site
            .get("media/0123456789abcdef-480.webp")
            .unwrap()
            .unwrap();
        assert_eq!(got.as_slice(), b"RIFF");
        std::fs::remove_file(&file).unwrap();
        assert!(
            site.get("media/0123456789abcdef-480.webp")
                .unwrap()
                .is_err()
        );
    }

    #[test]
    fn the_cache_keeps_at_most_its_bytes_dropping_the_oldest() {
        let mut cache = Cache::default();
        let half = Arc::new(vec![0; CACHE_BYTES / 2]);
        cache.insert("a", Arc::clone(&half));
        cache.insert("b", Arc::clone(&half));
        assert_eq!(cache.pages.len(), 2);
        cache.insert("c", Arc::new(vec![0; 10]));
        assert!(!cache.pages.contains_key("a"), "the oldest goes");
        assert!(cache.pages.contains_key("b") && cache.pages.contains_key("c"));
        assert!(cache.bytes <= CACHE_BYTES);
        cache.insert("huge", Arc::new(vec![0; CACHE_BYTES + 1]));
        assert!(!cache.pages.contains_key("huge"), "never kept");
    }
}
