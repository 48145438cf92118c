//! The record Annals keeps in an output folder of the files it wrote there,
//! and what a file's contents are in short.
//!
//! The record (`.annals-manifest`) lists each file of the last build by
//! path, size and a 128-bit XXH3 hash of its bytes, with, for a page, the
//! digest of what it was made from (see `crate::digest`), and the folders
//! of `static/` it published; nothing else, so two builds of the same site
//! with the same Annals write the same record, byte for byte. It is how Annals knows which
//! files in the output are its own: it deletes only those, and replaces
//! only those. While a build changes the folder, a journal
//! (`.annals-journal`, in the same form) lists every path it may own, old
//! and new, so that a build killed part-way leaves no file that the next
//! build cannot tell as its own.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::{Component, Path};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

/// The record's name in the output folder.
pub const MANIFEST: &str = ".annals-manifest";

/// The journal's name in the output folder.
pub const JOURNAL: &str = ".annals-journal";

/// The first line of a record: its format and version.
const HEADER: &str = "annals output record 2";

/// The first line of a record of version 1, which had no digests of what
/// files were made from: still read.
const HEADER_1: &str = "annals output record 1";

/// A file's contents in short: its size and the XXH3 (128-bit) hash of
/// its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sum {
    pub size: u64,
    pub hash: u128,
}

impl Sum {
    /// The sum of `bytes`.
    pub fn of(bytes: &[u8]) -> Sum {
        Sum {
            size: bytes.len() as u64,
            hash: xxh3_128(bytes),
        }
    }

    /// The sum of the file at `path`, read in pieces.
    pub fn of_file(path: &Path) -> io::Result<Sum> {
        let mut summing = Summing::default();
        io::copy(&mut std::fs::File::open(path)?, &mut summing)?;
        Ok(summing.sum())
    }
}

/// A writer that keeps the sum of what is written to it, and nothing else.
pub struct Summing {
    hasher: Xxh3,
    size: u64,
}

impl Default for Summing {
    fn default() -> Self {
        Summing {
            hasher: Xxh3::new(),
            size: 0,
        }
    }
}

impl Summing {
    /// The sum of everything written so far.
    pub fn sum(&self) -> Sum {
        Sum {
            size: self.size,
            hash: self.hasher.digest128(),
        }
    }
}

impl Write for Summing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.hasher.update(buf);
        self.size += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The files (with their sums) and the folders Annals wrote into an
/// output folder; paths relative, `/`-separated.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Record {
    pub files: BTreeMap<String, Sum>,
    /// The digest of what each page was made from, for those made from
    /// known inputs.
    pub inputs: BTreeMap<String, u128>,
    /// Folders of `static/`, published even when empty.
    pub folders: BTreeSet<String>,
    /// The digest of everything the build's pages and data files were
    /// made from (see `source::Sources::digest`), when it was known.
    pub site: Option<u128>,
    /// What the build had to say of its data files (such as what the
    /// calendar leaves out), said again by a build that makes none of
    /// them again because nothing they are made from changed.
    pub notes: Vec<String>,
}

impl Record {
    /// The record as text: a header, then a line a file (`f`, hash, size,
    /// digest of its inputs or `-`, path) or folder (`d`, path), sorted by
    /// path.
    pub fn text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::with_capacity(64 + self.files.len() * 112);
        out.push_str(HEADER);
        out.push('\n');
        if let Some(site) = self.site {
            let _ = writeln!(out, "s {site:032x}");
        }
        for note in &self.notes {
            let _ = writeln!(out, "n {}", escape(note));
        }
        // Written by hand, not through `write!`: at 10,000 pages, twice a
        // build (the journal and the record), formatting was most of it.
        for (path, sum) in &self.files {
            out.push_str("f ");
            push_hex(&mut out, sum.hash);
            let _ = write!(out, " {} ", sum.size);
            match self.inputs.get(path) {
                Some(&inputs) => {
                    push_hex(&mut out, inputs);
                    out.push(' ');
                }
                None => out.push_str("- "),
            }
            push_escaped(&mut out, path);
            out.push('\n');
        }
        for path in &self.folders {
            out.push_str(&format!("d {}\n", escape(path)));
        }
        out
    }

    /// Reads a record written by [`Record::text`]; an error says which
    /// line is wrong and how.
    pub fn parse(text: &str) -> Result<Record, String> {
        let mut lines = text.lines().enumerate();
        let with_inputs = match lines.next() {
            Some((_, HEADER)) => true,
            Some((_, HEADER_1)) => false,
            _ => return Err(format!("line 1 is not `{HEADER}`")),
        };
        let mut record = Record::default();
        for (i, line) in lines {
            let at = |what: &str| format!("line {}: {what}", i + 1);
            let (kind, rest) = line.split_once(' ').ok_or_else(|| at("no path"))?;
            let path = match kind {
                "f" => {
                    let mut parts = rest.splitn(if with_inputs { 4 } else { 3 }, ' ');
                    let hash = parts.next().and_then(|h| u128::from_str_radix(h, 16).ok());
                    let size = parts.next().and_then(|s| s.parse::<u64>().ok());
                    let inputs = match with_inputs {
                        true => match parts.next() {
                            Some("-") => Some(None),
                            Some(h) => u128::from_str_radix(h, 16).ok().map(Some),
                            None => None,
                        },
                        false => Some(None),
                    };
                    let (Some(hash), Some(size), Some(inputs), Some(path)) =
                        (hash, size, inputs, parts.next())
                    else {
                        return Err(at(
                            "a file needs a hash, a size, the digest of its inputs and a path",
                        ));
                    };
                    let path = unescape(path).ok_or_else(|| at("a bad escape in the path"))?;
                    record.files.insert(path.clone(), Sum { size, hash });
                    if let Some(inputs) = inputs {
                        record.inputs.insert(path.clone(), inputs);
                    }
                    path
                }
                "d" => {
                    let path = unescape(rest).ok_or_else(|| at("a bad escape in the path"))?;
                    record.folders.insert(path.clone());
                    path
                }
                "s" if with_inputs => {
                    let site = u128::from_str_radix(rest, 16).map_err(|_| at("a bad digest"))?;
                    record.site = Some(site);
                    continue;
                }
                "n" if with_inputs => {
                    let note = unescape(rest).ok_or_else(|| at("a bad escape in the note"))?;
                    record.notes.push(note);
                    continue;
                }
                _ => return Err(at("neither a file (`f`) nor a folder (`d`)")),
            };
            if !inside(&path) || is_reserved(&path) {
                return Err(at(&format!("`{path}` is not a path inside the folder")));
            }
        }
        Ok(record)
    }

    /// Reads the record at `path`; `None` if there is none.
    pub fn read(path: &Path) -> Result<Option<Record>, String> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|_| "it is not UTF-8".to_string())?;
                Record::parse(&text).map(Some)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Adds the files and folders of `other` that this record lacks.
    pub fn add_missing(&mut self, other: &Record) {
        for (path, sum) in &other.files {
            self.files.entry(path.clone()).or_insert(*sum);
        }
        for (path, inputs) in &other.inputs {
            self.inputs.entry(path.clone()).or_insert(*inputs);
        }
        self.folders.extend(other.folders.iter().cloned());
    }
}

/// Whether `path` is one of the names the record and journal take.
pub fn is_reserved(path: &str) -> bool {
    path == MANIFEST || path == JOURNAL
}

/// Whether `path` is relative, `/`-separated and stays inside the folder
/// it is joined to: no `..`, no root, no `.`, not empty.
pub fn inside(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Adds `n` as 32 lowercase hexadecimal digits, as `{:032x}` writes it.
fn push_hex(out: &mut String, n: u128) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut digits = [0u8; 32];
    for (i, d) in digits.iter_mut().rev().enumerate() {
        *d = DIGITS[(n >> (4 * i)) as usize & 15];
    }
    out.extend(digits.iter().map(|&d| char::from(d)));
}

/// Adds `path` as [`escape`] writes it.
fn push_escaped(out: &mut String, path: &str) {
    if path.contains(['\\', '\n', '\r']) {
        out.push_str(&escape(path));
    } else {
        out.push_str(path);
    }
}

fn escape(path: &str) -> String {
    path.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unescape(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_it_was_written() {
        let mut record = Record::default();
        for (path, text) in [
            ("index.html", "home"),
            ("events/a b/index.html", "a"),
            ("odd\\name\nwith lines\r", ""),
        ] {
            record.files.insert(path.into(), Sum::of(text.as_bytes()));
        }
        record
            .inputs
            .insert("events/a b/index.html".into(), 7 << 100);
        record.folders.insert("img/empty".into());
        let text = record.text();
        assert!(text.starts_with("annals output record 2\nf "), "{text}");
        assert!(
            text.contains(" 00000070000000000000000000000000 events/a b/"),
            "{text}"
        );
        let home = Sum::of(b"home");
        assert!(
            text.contains(&format!("f {:032x} 4 - index.html\n", home.hash)),
            "{text}"
        );
        assert_eq!(Record::parse(&text).unwrap(), record);
        assert_eq!(text.lines().count(), 5);
        record.site = Some(3);
        record.notes = vec!["calendar.ics leaves out\n2 events".into()];
        let text = record.text();
        assert!(
            text.starts_with(&format!("{HEADER}\ns {:032x}\nn calendar", 3)),
            "{text}"
        );
        assert_eq!(Record::parse(&text).unwrap(), record);
    }

    #[test]
    fn a_record_of_version_1_is_read_without_inputs() {
        let text = format!("{HEADER_1}\nf {:032x} 4 events/a b/index.html\n", 5);
        let record = Record::parse(&text).unwrap();
        let sum = Sum { size: 4, hash: 5 };
        assert_eq!(record.files["events/a b/index.html"], sum);
        assert!(record.inputs.is_empty());
    }

    #[test]
    fn a_record_that_leads_out_of_the_folder_is_refused() {
        for bad in [
            "f 00 1 - ../outside",
            "f 00 1 - /etc/passwd",
            "f 00 1 - .annals-manifest",
            "d a/../../b",
            "f 00 x - a",
            "x a",
            "f zz 1 - a",
            "f 00 1 zz a",
            "f 00 1 a",
            "s zz",
            "n bad\\escape",
            "d bad\\escape",
        ] {
            let text = format!("{HEADER}\n{bad}\n");
            assert!(Record::parse(&text).is_err(), "{bad}");
        }
        assert!(Record::parse("something else\n").is_err());
    }

    #[test]
    fn sums_of_bytes_and_of_files_agree() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let bytes = vec![7u8; 300_000];
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(Sum::of_file(&path).unwrap(), Sum::of(&bytes));
        assert_ne!(Sum::of(b"a"), Sum::of(b"b"));
        assert!(inside("a/b.html") && !inside("./a") && !inside(""));
    }
}
