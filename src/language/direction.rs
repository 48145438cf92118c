//! Which way the site's language is written: right to left for Arabic,
//! Hebrew, Persian, Urdu and the other languages in a right-to-left script,
//! left to right for the rest. Pages of a right-to-left site carry
//! `dir="rtl"` on `<html>`, and the theme's stylesheet, whose sides are all
//! logical (inline-start, inline-end), mirrors with it.

use icu::locale::{Direction as IcuDirection, LanguageIdentifier, LocaleDirectionality};

/// The direction text in a language runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

impl Direction {
    /// The direction of `language`, a BCP 47 tag (`ar`, `he-IL`,
    /// `az-Arab`). The language's likely script decides, as CLDR gives it,
    /// so a script subtag wins (`az-Arab` is right to left, `az` is not).
    /// A tag ICU4X cannot read, or a language whose script it does not
    /// know, is taken as left to right: the direction of every page before
    /// directions were known, and of most languages.
    pub fn of(language: &str) -> Direction {
        // The extended likely subtags also know Yiddish and Dhivehi, which
        // the common set leaves out; the data is compiled in either way, and
        // the lookup is made once per build.
        let directions = LocaleDirectionality::new_extended();
        let right_to_left = language
            .parse::<LanguageIdentifier>()
            .ok()
            .and_then(|id| directions.get(&id))
            == Some(IcuDirection::RightToLeft);
        if right_to_left {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        }
    }

    /// The value of an HTML `dir` attribute: `rtl` or `ltr`.
    pub fn html(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_languages_are_known_by_their_script() {
        for tag in [
            "ar", "ar-EG", "he", "he-IL", "fa", "fa-IR", "ur", "ps", "ckb", "sd", "ug", "yi", "dv",
            "az-Arab", "iw",
        ] {
            assert_eq!(Direction::of(tag), Direction::RightToLeft, "{tag}");
        }
    }

    #[test]
    fn other_languages_and_unreadable_tags_are_left_to_right() {
        for tag in [
            "en", "en-GB", "uk", "ru", "de", "zh-Hans", "ja", "tr", "az", "az-Latn", "ar-Latn",
            "tlh", "en_US", "",
        ] {
            assert_eq!(Direction::of(tag), Direction::LeftToRight, "{tag}");
        }
    }

    #[test]
    fn the_attribute_is_rtl_or_ltr() {
        assert_eq!(Direction::RightToLeft.html(), "rtl");
        assert_eq!(Direction::LeftToRight.html(), "ltr");
    }
}
