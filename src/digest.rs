//! What something is made from, in short: 128-bit XXH3 digests of texts,
//! template values and the binary. The source stage sums what it read with
//! it (`source::Sources::digest`); rendering, what each page is made from:
//! the templates, the binary, and every value the page's template sees.
//!
//! The build keeps each page's digest in its record of the output; a page
//! whose digest is the recorded one, and whose file is still as that build
//! left it, is the same page, and is not rendered again. Rendering is a
//! function of these inputs only (no clock, no environment), so equal
//! digests mean equal bytes, barring a hash collision (2^-128).

use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::OnceLock;
use tera::{Map, Value};
use xxhash_rust::xxh3::Xxh3;

/// A digest under way.
pub struct Digest<'a> {
    hasher: Xxh3,
    /// What is fed, gathered into pieces of [`PIECE`] bytes: the hasher
    /// costs as much for a few bytes as for a few hundred.
    piece: Vec<u8>,
    known: Option<&'a Known>,
}

const PIECE: usize = 4096;

/// The digests of values that many pages show (each event's), worked out
/// once: a page that shows an event feeds its digest, not the event again.
/// A `Value` keeps its map behind an `Arc`, so every copy of an event's
/// value has its map at one address, which stays its own while these
/// values live.
#[derive(Default)]
pub struct Known(HashMap<usize, u128, BuildHasherDefault<Addresses>>);

/// Hashes an address for [`Known`]: multiplied by an odd constant, which
/// spreads its bits, rather than SipHash, which was a tenth of a build
/// that rendered nothing.
#[derive(Default)]
pub struct Addresses(u64);

impl Hasher for Addresses {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Known {
    /// The digests of `values` (maps; any other is left out).
    pub fn of(values: &[Value]) -> Known {
        let known = values
            .par_iter()
            .filter_map(|value| {
                let map = value.as_map()?;
                let mut digest = Digest::default();
                digest.map(map);
                Some((address(map), digest.value()))
            })
            .collect();
        Known(known)
    }
}

fn address(map: &Map) -> usize {
    std::ptr::from_ref(map) as usize
}

impl Default for Digest<'_> {
    fn default() -> Self {
        Digest {
            hasher: Xxh3::new(),
            piece: Vec::with_capacity(PIECE),
            known: None,
        }
    }
}

/// Feeds `Hash` implementations (Tera's map keys) into the digest.
impl Hasher for Digest<'_> {
    fn write(&mut self, bytes: &[u8]) {
        self.feed(bytes);
    }

    fn finish(&self) -> u64 {
        let mut hasher = self.hasher.clone();
        hasher.update(&self.piece);
        hasher.digest()
    }
}

impl<'a> Digest<'a> {
    /// A digest that takes the digests of `known` values as known.
    pub fn knowing(known: &'a Known) -> Digest<'a> {
        Digest {
            known: Some(known),
            ..Digest::default()
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        if self.piece.len() + bytes.len() > PIECE {
            self.hasher.update(&self.piece);
            self.piece.clear();
            if bytes.len() > PIECE {
                self.hasher.update(bytes);
                return;
            }
        }
        self.piece.extend_from_slice(bytes);
    }

    /// The digest of everything fed.
    pub fn value(mut self) -> u128 {
        self.hasher.update(&self.piece);
        self.hasher.digest128()
    }

    /// Feeds a number.
    pub fn u128(&mut self, n: u128) {
        self.feed(&n.to_le_bytes());
    }

    /// Feeds a string, with its length, so that `("ab", "c")` and
    /// `("a", "bc")` differ.
    pub fn str(&mut self, text: &str) {
        self.feed(&(text.len() as u64).to_le_bytes());
        self.feed(text.as_bytes());
    }

    /// Feeds a template value: its kind, and what it holds, in order (maps
    /// keep their order: Tera's `preserve_order`), with whether a string is
    /// marked safe, since that changes what the template writes.
    pub fn tera(&mut self, value: &Value) {
        value.kind().hash(self);
        if let Some(text) = value.as_str() {
            self.str(text);
            self.feed(&[u8::from(value.is_safe())]);
        } else if let Some(map) = value.as_map() {
            match self.known.and_then(|k| k.0.get(&address(map))) {
                Some(&known) => self.u128(known),
                None => self.map(map),
            }
        } else if let Some(items) = value.as_array() {
            self.feed(&(items.len() as u64).to_le_bytes());
            items.iter().for_each(|v| self.tera(v));
        } else if let Some(b) = value.as_bool() {
            self.feed(&[u8::from(b)]);
        } else if let Some(bytes) = value.as_bytes() {
            self.feed(&(bytes.len() as u64).to_le_bytes());
            self.feed(bytes);
        } else if let Some(n) = value.as_number() {
            match n {
                tera::Number::Integer(i) => self.feed(&i.to_le_bytes()),
                tera::Number::Float(f) => self.feed(&f.to_bits().to_le_bytes()),
                // A kind of number Tera may add: told apart by what it shows.
                other => self.str(&other.to_string()),
            }
        }
    }

    fn map(&mut self, map: &Map) {
        self.feed(&(map.len() as u64).to_le_bytes());
        for (key, value) in map {
            key.hash(self);
            self.tera(value);
        }
    }
}

/// What stands for the binary: its version, and the size and modification
/// time of its file, so that a rebuilt Annals renders every page again
/// even with the same templates. `None` where the system cannot tell:
/// then no page is taken as unchanged.
pub fn binary() -> Option<u128> {
    static STAMP: OnceLock<Option<u128>> = OnceLock::new();
    *STAMP.get_or_init(|| {
        let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let mut digest = Digest::default();
        digest.str(env!("CARGO_PKG_VERSION"));
        digest.u128(u128::from(meta.len()));
        digest.u128(modified.as_nanos());
        Some(digest.value())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map from `(key, value)` pairs, in that order.
    fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
        Value::from(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v))
                .collect::<Map>(),
        )
    }

    fn of(value: &Value) -> u128 {
        let mut digest = Digest::default();
        digest.tera(value);
        digest.value()
    }

    #[test]
    fn values_that_render_differently_have_different_digests() {
        let values = [
            Value::from("a"),
            Value::safe_string("a"),
            Value::from("b"),
            Value::from(1),
            Value::from(1.0),
            Value::from(true),
            Value::none(),
            Value::from(Vec::<Value>::new()),
            Value::from(vec![Value::from("a")]),
            map([("a", Value::from("b"))]),
            map([("b", Value::from("a"))]),
            map([("a", Value::from("b")), ("c", Value::none())]),
            Value::from(vec![Value::from("ab"), Value::from("c")]),
            Value::from(vec![Value::from("a"), Value::from("bc")]),
        ];
        for (i, a) in values.iter().enumerate() {
            for b in &values[i + 1..] {
                assert_ne!(of(a), of(b), "{a:?} and {b:?}");
            }
        }
        let again = map([("a", Value::from("b")), ("c", Value::none())]);
        assert_eq!(of(&values[11]), of(&again));
    }

    #[test]
    fn a_known_value_counts_as_its_digest() {
        let event = map([("title", Value::from("Talks"))]);
        let known = Known::of(std::slice::from_ref(&event));
        let digest = |page: &Value, knowing: bool| {
            let mut digest = match knowing {
                true => Digest::knowing(&known),
                false => Digest::default(),
            };
            digest.tera(page);
            digest.value()
        };
        let with = digest(&Value::from(vec![event.clone(), Value::from("x")]), true);
        let without = digest(&Value::from(vec![event.clone(), Value::from("x")]), false);
        assert_ne!(with, without);
        // Another event with the same contents, not the known one itself.
        let other = map([("title", Value::from("Talks"))]);
        assert_eq!(
            digest(&Value::from(vec![other, Value::from("x")]), true),
            without
        );
        let changed = map([("title", Value::from("Talks off"))]);
        let after = digest(&Value::from(vec![changed, Value::from("x")]), true);
        assert_ne!(after, with);
        assert_ne!(after, without);
    }
}
