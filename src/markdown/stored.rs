//! Bodies rendered by earlier builds, kept in the site's cache folder
//! (`.annals-cache/bodies`), so that a rebuild renders from Markdown only
//! the bodies that changed: at 10,000 events, rendering every body is a
//! sixth of a rebuild's work, and reading them back a hundredth.
//!
//! The file holds a header, then one entry per body:
//!
//! ```text
//! "annals bodies 1\n"  stamp (16 bytes)
//! key (16)  length (4)  check (8)  HTML (length bytes)   ...
//! ```
//!
//! All numbers little-endian. The stamp is a digest of the binary (see
//! [`crate::digest::binary`]) and of the Markdown options: a file written
//! by another Annals, or for other options, is not read. The key is the
//! XXH3-128 of the body's Markdown, the check the XXH3-64 of its HTML.
//!
//! New bodies are appended; when the file holds more than twice the bodies
//! of the site, it is written again, whole, beside and renamed over. A
//! build killed while appending leaves a last entry cut short: reading
//! stops at the first entry that is cut or fails its check, and the next
//! append starts there. Nothing here can fail a build: a file that cannot
//! be read is taken as empty, and one that cannot be written is left.

use super::{Cache, Kept, MarkdownOptions};
use crate::digest::{self, Digest};
use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use xxhash_rust::xxh3::xxh3_64;

const MAGIC: &[u8] = b"annals bodies 1\n";
const HEAD: usize = MAGIC.len() + 16;
/// Key, length and check before each body's HTML.
const ENTRY: usize = 16 + 4 + 8;

/// Where the bodies of the site in `site_dir` are kept.
pub fn path(site_dir: &Path) -> PathBuf {
    site_dir.join(".annals-cache").join("bodies")
}

/// The bodies kept in the file, and what is needed to add to it.
pub struct Stored {
    path: PathBuf,
    stamp: [u8; 16],
    /// The keys of the entries the file holds.
    keys: HashSet<u128>,
    /// Where its last whole entry ends: 0 for a file to write anew.
    end: u64,
}

impl Stored {
    /// Reads the file at `path`, for a build with `options`. `None` where
    /// the binary cannot be told from another (then nothing is kept).
    pub fn open(path: PathBuf, options: MarkdownOptions) -> Option<(Stored, Cache)> {
        let mut digest = Digest::default();
        digest.u128(digest::binary()?);
        digest.str(&format!("{options:?}"));
        let stamp = digest.value().to_le_bytes();
        let bytes = std::fs::read(&path).unwrap_or_default();
        let (kept, end) = match bytes.get(..HEAD) {
            Some(head) if head[..MAGIC.len()] == *MAGIC && head[MAGIC.len()..] == stamp => {
                read(&bytes)
            }
            _ => (Kept::default(), 0),
        };
        let stored = Stored {
            path,
            stamp,
            keys: kept.keys().copied().collect(),
            end,
        };
        Some((stored, Cache::holding(options, kept)))
    }

    /// Adds to the file the bodies `cache` holds and it does not, or writes
    /// it again with only those of `cache` when it holds more than twice as
    /// many as they. Errors are left: the next build renders again.
    pub fn save(self, cache: &Cache) {
        let _ = cache.with_kept(|kept| self.write(kept));
    }

    fn write(&self, kept: &Kept) -> std::io::Result<()> {
        let new: Vec<(&u128, &Arc<str>)> = kept
            .iter()
            .filter(|(k, _)| !self.keys.contains(k))
            .collect();
        let held = self.keys.len() + new.len();
        let whole = self.end == 0 || held > 2 * kept.len() + 64;
        if new.is_empty() && !whole {
            return Ok(());
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        if whole {
            let staged = self.path.with_extension("new");
            let mut out = std::io::BufWriter::new(std::fs::File::create(&staged)?);
            out.write_all(MAGIC)?;
            out.write_all(&self.stamp)?;
            for (key, html) in kept {
                entry(&mut out, *key, html)?;
            }
            out.into_inner().map_err(|e| e.into_error())?;
            return std::fs::rename(&staged, &self.path);
        }
        let file = std::fs::OpenOptions::new().write(true).open(&self.path)?;
        // Past a last entry cut short by a killed build.
        file.set_len(self.end)?;
        let mut out = std::io::BufWriter::new(file);
        std::io::Seek::seek(&mut out, std::io::SeekFrom::Start(self.end))?;
        for (key, html) in new {
            entry(&mut out, *key, html)?;
        }
        out.flush()
    }
}

/// Writes one entry.
fn entry(out: &mut impl std::io::Write, key: u128, html: &str) -> std::io::Result<()> {
    let len = u32::try_from(html.len()).map_err(std::io::Error::other)?;
    out.write_all(&key.to_le_bytes())?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(&xxh3_64(html.as_bytes()).to_le_bytes())?;
    out.write_all(html.as_bytes())
}

/// The entries of a file whose header is right, and where the last whole
/// one ends.
fn read(bytes: &[u8]) -> (Kept, u64) {
    let mut kept = Kept::default();
    let mut at = HEAD;
    while let Some(head) = bytes.get(at..at + ENTRY) {
        let number = |from: usize, to: usize| -> [u8; 16] {
            let mut n = [0; 16];
            n[..to - from].copy_from_slice(&head[from..to]);
            n
        };
        let key = u128::from_le_bytes(number(0, 16));
        let len = u128::from_le_bytes(number(16, 20)) as usize;
        let check = u128::from_le_bytes(number(20, 28)) as u64;
        let Some(html) = bytes.get(at + ENTRY..at + ENTRY + len) else {
            break;
        };
        if xxh3_64(html) != check {
            break;
        }
        let Ok(html) = std::str::from_utf8(html) else {
            break;
        };
        kept.insert(key, Arc::from(html));
        at += ENTRY + len;
    }
    (kept, at as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> MarkdownOptions {
        MarkdownOptions::default()
    }

    fn bodies(cache: &Cache, markdown: &[&str]) -> Vec<Arc<str>> {
        cache.render(markdown, options())
    }

    #[test]
    fn bodies_come_back_from_the_file_and_only_new_ones_are_rendered() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path());
        let (stored, cache) = Stored::open(file.clone(), options()).unwrap();
        let first = bodies(&cache, &["*one*", "two"]);
        stored.save(&cache);
        let (stored, cache) = Stored::open(file.clone(), options()).unwrap();
        assert_eq!(cache.rendered(), 0);
        let again = bodies(&cache, &["*one*", "three"]);
        assert_eq!(again[0], first[0]);
        assert_eq!(&*again[1], "<p>three</p>\n");
        // Only "three" was rendered; "two" is still in the file.
        assert_eq!(cache.rendered(), 1);
        let before = std::fs::metadata(&file).unwrap().len();
        stored.save(&cache);
        let after = std::fs::metadata(&file).unwrap().len();
        assert_eq!(after - before, (ENTRY + "<p>three</p>\n".len()) as u64);
        let (_, cache) = Stored::open(file, options()).unwrap();
        assert_eq!(&*bodies(&cache, &["two"])[0], "<p>two</p>\n");
        assert_eq!(cache.rendered(), 0);
    }

    #[test]
    fn a_cut_entry_is_dropped_and_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path());
        let (stored, cache) = Stored::open(file.clone(), options()).unwrap();
        bodies(&cache, &["one", "two"]);
        stored.save(&cache);
        // A build killed while appending.
        let whole = std::fs::read(&file).unwrap();
        std::fs::write(&file, &whole[..whole.len() - 3]).unwrap();
        let (stored, cache) = Stored::open(file.clone(), options()).unwrap();
        bodies(&cache, &["one", "two"]);
        assert_eq!(cache.rendered(), 1);
        stored.save(&cache);
        assert_eq!(std::fs::read(&file).unwrap().len(), whole.len());
        let (_, cache) = Stored::open(file, options()).unwrap();
        bodies(&cache, &["one", "two"]);
        assert_eq!(cache.rendered(), 0);
    }

    #[test]
    fn a_file_for_other_options_or_damaged_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path());
        let (stored, cache) = Stored::open(file.clone(), options()).unwrap();
        bodies(&cache, &["<b>raw</b>"]);
        stored.save(&cache);
        let unsafe_html = MarkdownOptions {
            unsafe_html: true,
            ..options()
        };
        let (_, cache) = Stored::open(file.clone(), unsafe_html).unwrap();
        let html = cache.render(&["<b>raw</b>"], unsafe_html);
        assert_eq!(&*html[0], "<p><b>raw</b></p>\n");
        // One byte of the HTML changed: its check fails.
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 2;
        bytes[last] ^= 1;
        std::fs::write(&file, &bytes).unwrap();
        let (_, cache) = Stored::open(file, options()).unwrap();
        bodies(&cache, &["<b>raw</b>"]);
        assert_eq!(cache.rendered(), 1);
    }

    #[test]
    fn a_file_with_many_stale_bodies_is_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path());
        for round in 0..3 {
            let (stored, cache) = Stored::open(file.clone(), options()).unwrap();
            let markdown: Vec<String> = (0..100).map(|i| format!("body {round} {i}")).collect();
            let markdown: Vec<&str> = markdown.iter().map(String::as_str).collect();
            cache.render(&markdown, options());
            stored.save(&cache);
        }
        let (stored, _) = Stored::open(file, options()).unwrap();
        // Rounds 0 and 1 appended (200 bodies); round 2 would have made
        // 300, more than twice 100 and 64: the file holds round 2's only.
        assert_eq!(stored.keys.len(), 100);
    }
}
