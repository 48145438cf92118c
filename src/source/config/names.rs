//! `names:` in `annals.yaml`: the names of places, tags and actors in the
//! site's other languages, for those no actor record names (an actor
//! record's own `names` come first). Each is keyed by the name as the
//! events write it; any spelling of the same term (the same slug) will do.
//!
//! ```yaml
//! languages: [en, uk]
//! names:
//!   uk:
//!     Geneva: Женева
//!     diplomacy: дипломатія
//! ```

use crate::source::fields::{Map, Reader, Spanned};
use crate::source::text::nfc;

/// The names given in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    /// The language, with where it is written.
    pub language: Spanned<String>,
    /// Each name as the events write it (with where it is written), and
    /// the name in `language`, NFC-normalised.
    pub names: Vec<(Spanned<String>, String)>,
}

const HELP: &str = "`names` gives, for each of the site's other languages, the name of each place, tag or actor as the events write it: `names: {uk: {Geneva: Женева}}`";

/// Reads `names`, whose languages must be among `languages` but the first.
pub(super) fn read(reader: &mut Reader, map: &Map, languages: &[String]) -> Vec<Names> {
    let Some(node) = map.get("names") else {
        return Vec::new();
    };
    let mut all = Vec::new();
    let Some(by_language) = reader.open_mapping(node, "`names`", HELP) else {
        return all;
    };
    for (language, pos) in by_language.keys_at() {
        let Some(inner) = by_language.get(language) else {
            continue;
        };
        if !languages.iter().skip(1).any(|l| l == language) {
            let help = match languages.split_first() {
                None => "`names` is for a site in several languages: list them first, `languages: [en, uk]`".to_string(),
                Some((first, _)) if first == language => format!(
                    "`{first}` is the default language: the events' own names are its names"
                ),
                Some(_) => format!("the site's other languages: {}", languages[1..].join(", ")),
            };
            reader.report(
                pos,
                format!("`names` gives names in `{language}`, which is not one of the site's other languages"),
                help,
            );
            continue;
        }
        let Some(names) = reader.open_mapping(inner, &format!("`names.{language}`"), HELP) else {
            continue;
        };
        let (line, column) = reader.place(pos);
        let mut given = Names {
            language: Spanned {
                value: language.to_string(),
                line,
                column,
            },
            names: Vec::new(),
        };
        for (written, at) in names.keys_at() {
            let Some(name) = reader.text(&names, written, true) else {
                continue;
            };
            let (line, column) = reader.place(at);
            let written = Spanned {
                value: nfc(written),
                line,
                column,
            };
            given.names.push((written, nfc(&name.value)));
        }
        all.push(given);
    }
    all
}
