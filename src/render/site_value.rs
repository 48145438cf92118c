//! `site` in templates: the values every page of a site (of one edition
//! of it, in a site in several languages) shares.

use super::tera_value::{map, opt};
use super::words::PageWords;
use crate::model::Site;
use tera::Value;

/// The site-wide values every page sees as `site`; `languages` are the
/// site's languages with their names (see [`Theme::languages`]).
///
/// [`Theme::languages`]: crate::source::theme::Theme::languages
pub fn site(site: &Site, words: &PageWords, languages: &[(String, String)]) -> Value {
    let c = &site.config;
    map([
        // Where this language's edition is (`uk/`), and the way back from
        // it to the site's root, where the assets and images are (`../`).
        ("prefix", site.prefix().into()),
        ("up", site.up().into()),
        ("languages", editions(site, languages)),
        ("title", site.title().into()),
        (
            "description",
            opt(c
                .description
                .as_deref()
                .or(site.intro.description.as_deref())),
        ),
        ("language", c.language.as_str().into()),
        // `rtl` or `ltr`: which way the language is written.
        (
            "dir",
            crate::language::direction::Direction::of(&c.language)
                .html()
                .into(),
        ),
        ("base_url", opt(c.base_url.as_ref().map(|u| u.as_str()))),
        ("event_count", site.events.len().into()),
        (
            "generator",
            concat!("Annals ", env!("CARGO_PKG_VERSION")).into(),
        ),
        // Feeds are written only when their links can be absolute.
        ("feeds", c.writes_feeds().into()),
        // Whether there is a corrections page (`corrections/`).
        ("corrections", super::corrections::has_page(site).into()),
        // The day the site is shown as known on, if one is set.
        ("as_of", opt(c.as_of.as_ref().map(|d| words.date_value(d)))),
    ])
}

/// The site's editions, for the language switcher and the links between
/// translations: `[{code, name, prefix, dir, current}]`, the default
/// first; empty for a site in one language.
fn editions(site: &Site, languages: &[(String, String)]) -> Value {
    if languages.len() < 2 {
        return Value::from(Vec::<Value>::new());
    }
    (languages.iter().enumerate())
        .map(|(n, (code, name))| {
            map([
                ("code", code.as_str().into()),
                ("name", name.as_str().into()),
                (
                    "prefix",
                    crate::model::editions::prefix(&site.config.languages, n).into(),
                ),
                (
                    "dir",
                    crate::language::direction::Direction::of(code)
                        .html()
                        .into(),
                ),
                ("current", (n == site.edition).into()),
            ])
        })
        .collect::<Vec<Value>>()
        .into()
}
