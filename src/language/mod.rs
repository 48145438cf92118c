//! The language of a site: its tag (`language:` in `annals.yaml`), the
//! plural rules of that language (CLDR, through ICU4X), the way it is
//! written ([`direction`]), and the words the theme writes in it
//! ([`words`]).
//!
//! This module reads no file: the site's own translation file, if any, is
//! read by `source` and handed to [`words::Words::new`].

pub mod direction;
pub mod words;

use icu::locale::Locale;
use icu::plurals::{PluralCategory, PluralRules};

pub use words::Words;

/// A site's language: its tag as written, and how counts are said in it.
pub struct Language {
    tag: String,
    plurals: PluralRules,
}

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Language").field("tag", &self.tag).finish()
    }
}

impl Language {
    /// The language of `tag` (a BCP 47 tag, checked by `config`). A tag
    /// ICU4X cannot read gets English plural rules: the words still come
    /// from the files the tag names.
    pub fn new(tag: &str) -> Language {
        let locale: Locale = tag.parse().unwrap_or(icu::locale::locale!("en"));
        // Compiled data covers every CLDR locale and falls back to the root
        // rules ("other" only) for the rest, so this does not fail in
        // practice; English rules are the safe answer if it ever does.
        let plurals = PluralRules::try_new_cardinal((&locale).into())
            .or_else(|_| PluralRules::try_new_cardinal(icu::locale::locale!("en").into()))
            .expect("English plural rules are compiled in");
        Language {
            tag: tag.to_string(),
            plurals,
        }
    }

    /// The tag as the site wrote it (`uk`, `pt-BR`).
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The CLDR plural category of `n` in this language.
    pub fn plural(&self, n: u64) -> Plural {
        Plural::from(self.plurals.category_for(n))
    }

    /// Every plural category this language uses.
    pub fn plural_forms(&self) -> Vec<Plural> {
        self.plurals.categories().map(Plural::from).collect()
    }

    /// The names to look for a translation under, most specific first:
    /// `uk-UA` gives `uk-UA`, `uk`; `zh-Hans-CN` gives `zh-Hans-CN`,
    /// `zh-Hans`, `zh`. Simplified Chinese is also what a bare `zh` or
    /// `zh-CN` means (not `zh-Hant` or `zh-TW`).
    pub fn candidates(&self) -> Vec<String> {
        let parts: Vec<&str> = self.tag.split(['-', '_']).collect();
        let mut names: Vec<String> = (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("-"))
            .collect();
        let lower = self.tag.to_ascii_lowercase();
        let traditional = ["-hant", "-tw", "-hk", "-mo"]
            .iter()
            .any(|s| lower.contains(s));
        if parts[0].eq_ignore_ascii_case("zh") && !traditional {
            let at = names.len() - 1;
            names.insert(at, "zh-Hans".to_string());
            names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        }
        names
    }
}

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    pub const ALL: [Plural; 6] = [
        Plural::Zero,
        Plural::One,
        Plural::Two,
        Plural::Few,
        Plural::Many,
        Plural::Other,
    ];

    /// The CLDR name, as translation files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }

    pub fn parse(word: &str) -> Option<Plural> {
        Plural::ALL.into_iter().find(|p| p.as_str() == word)
    }
}

impl From<PluralCategory> for Plural {
    fn from(c: PluralCategory) -> Plural {
        match c {
            PluralCategory::Zero => Plural::Zero,
            PluralCategory::One => Plural::One,
            PluralCategory::Two => Plural::Two,
            PluralCategory::Few => Plural::Few,
            PluralCategory::Many => Plural::Many,
            PluralCategory::Other => Plural::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_lead_to_translations() {
        let c = |tag: &str| Language::new(tag).candidates();
        assert_eq!(c("uk-UA"), ["uk-UA", "uk"]);
        assert_eq!(c("pt-BR"), ["pt-BR", "pt"]);
        assert_eq!(c("zh-Hans-CN"), ["zh-Hans-CN", "zh-Hans", "zh"]);
        assert_eq!(c("zh-CN"), ["zh-CN", "zh-Hans", "zh"]);
        assert_eq!(c("zh"), ["zh-Hans", "zh"]);
        assert_eq!(c("zh-Hant-TW"), ["zh-Hant-TW", "zh-Hant", "zh"]);
        assert_eq!(c("en"), ["en"]);
    }

    #[test]
    fn plural_categories_follow_cldr() {
        let uk = Language::new("uk");
        let forms: Vec<Plural> = [1, 2, 5, 21].map(|n| uk.plural(n)).into();
        assert_eq!(forms, [Plural::One, Plural::Few, Plural::Many, Plural::One]);
        let ar = Language::new("ar");
        let forms: Vec<Plural> = [0, 1, 2, 3, 11, 100].map(|n| ar.plural(n)).into();
        assert_eq!(
            forms,
            [
                Plural::Zero,
                Plural::One,
                Plural::Two,
                Plural::Few,
                Plural::Many,
                Plural::Other
            ]
        );
        assert_eq!(Language::new("ja").plural(1), Plural::Other);
        assert_eq!(Language::new("en-GB").plural(1), Plural::One);
    }
}
