//! An event's translation: a file beside the event's own, with the
//! language before the extension (`2025-02-18-riyadh-meeting.uk.md`
//! beside `2025-02-18-riyadh-meeting.md`, `index.uk.md` beside
//! `index.md`), in a site whose `languages` name that language.
//!
//! A translation says again, in its language, only what words can say:
//! `title`, `summary`, the body, and its `claims`' words (each `quote`,
//! `said` or `via`, by position in the original's list). Everything else
//! (status, dates, actors, sources...) is the original's: a translation
//! cannot make a fact differ between languages. It may repeat `date`, so
//! that the file reads on its own; it must then be the original's.
//!
//! ```yaml
//! ---
//! title: "Москва заявляє, що почала роботу над зустріччю Путіна й Трампа"
//! date: 2025-02-22
//! claims:
//!   - quote: "найінтенсивніша підготовча робота"
//! ---
//! ```

use super::event::{FileKind, front_matter};
use super::fields::Spanned;
use crate::date::Dates;
use crate::diagnostics::Diagnostic;
use crate::yaml::Node;
use std::path::{Path, PathBuf};

/// The keys a translation's front matter accepts.
pub const KEYS: &[&str] = &["title", "summary", "date", "claims"];

/// The keys of one of its claims.
pub const CLAIM_KEYS: &[&str] = &["quote", "said", "via"];

const TRANSLATION_FILE: FileKind = FileKind {
    name: "translation",
    empty: "a translation starts with front matter: a `---` line, a `title:` line, and another `---` line",
    start: "start the file with a `---` line, then a `title:` line, then another `---` line",
};

/// One translation file, read.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The file, as shown in messages.
    pub file: PathBuf,
    /// Its language, as `languages` writes it.
    pub language: String,
    /// The file of the event it translates.
    pub original: PathBuf,
    pub title: Option<String>,
    pub summary: Option<String>,
    /// `date`, if repeated, and where it is written.
    pub date: Option<Spanned<Dates>>,
    /// The words of the original's claims, by position; where the list is.
    pub claims: Vec<ClaimWords>,
    pub claims_at: (usize, usize),
    /// Markdown.
    pub body: String,
    /// A hash of the file's text (XXH3, 128 bits).
    pub digest: u128,
}

/// A claim's words in another language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimWords {
    pub quote: Option<String>,
    pub said: Option<String>,
    pub via: Option<String>,
    /// Where the item starts: line and column.
    pub at: (usize, usize),
}

/// What an event file's name says it is, in a site of `languages`.
#[derive(Debug, PartialEq, Eq)]
pub enum Named {
    /// An event of the default language.
    Event,
    /// A translation into one of the other languages, of the file given.
    Translation { language: String, original: PathBuf },
    /// Its name ends in a language (`.fr.md`) that is not one of them.
    OtherLanguage(String),
    /// Its name ends in the default language (`.en.md`).
    DefaultLanguage(String),
}

/// What the file at `path` is, by its name: only a site with `languages`
/// has translations; in any other, every file is an event.
pub fn named(path: &Path, languages: &[String]) -> Named {
    let Some((default, _)) = languages.split_first() else {
        return Named::Event;
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let Some((name, language)) = stem.rsplit_once('.') else {
        return Named::Event;
    };
    if name.is_empty() || !super::config::is_language_tag(language) {
        return Named::Event;
    }
    let extension = path.extension().and_then(|x| x.to_str()).unwrap_or("md");
    match languages.iter().find(|l| l.eq_ignore_ascii_case(language)) {
        Some(l) if l == default => Named::DefaultLanguage(language.to_string()),
        Some(l) => Named::Translation {
            language: l.clone(),
            original: path.with_file_name(format!("{name}.{extension}")),
        },
        None => Named::OtherLanguage(language.to_string()),
    }
}

/// The problem of a file [`named`] as neither an event nor a translation,
/// if it is one.
pub fn misnamed(file: &Path, named: &Named, languages: &[String]) -> Option<Diagnostic> {
    let list = languages.join(", ");
    let (message, help) = match named {
        Named::OtherLanguage(language) => (
            format!("the file name says this is in `{language}`, which is not one of the site's languages ({list})"),
            format!("add `{language}` to `languages` in annals.yaml, or rename the file"),
        ),
        Named::DefaultLanguage(language) => (
            format!("the file name says this is in `{language}`, the site's default language"),
            "an event in the default language has no language in its name: rename the file without it".to_string(),
        ),
        _ => return None,
    };
    Some(Diagnostic::at(file, 1, 1, message).help(help))
}

/// Parses one translation file. `file` is the path shown in messages.
pub fn parse_translation(
    file: &Path,
    text: &str,
    language: &str,
    original: &Path,
) -> Result<Translation, Vec<Diagnostic>> {
    let (split, mut r, root) = front_matter(file, text, &TRANSLATION_FILE)?;
    let Some(map) = r.mapping(&root, "a translation's front matter", KEYS) else {
        return Err(r.problems);
    };
    let date = r
        .text(&map, "date", false)
        .and_then(|d| match Dates::parse(&d.value) {
            Ok(value) => Some(Spanned {
                value,
                line: d.line,
                column: d.column,
            }),
            Err(why) => {
                let pos = map.get("date").map(Node::pos).unwrap_or_default();
                r.report(
                    pos,
                    why,
                    "a translation's `date` is its original's, written the same way",
                );
                None
            }
        });
    let claims_at = map
        .get("claims")
        .map(|n| r.place(n.pos()))
        .unwrap_or_default();
    let mut claims = Vec::new();
    for item in r.list(&map, "claims").unwrap_or_default() {
        let Some(m) = r.mapping(item, "a claim of a translation", CLAIM_KEYS) else {
            continue;
        };
        claims.push(ClaimWords {
            quote: r.text(&m, "quote", false).map(|t| t.value),
            said: r.text(&m, "said", false).map(|t| t.value),
            via: r.text(&m, "via", false).map(|t| t.value),
            at: r.place(item.pos()),
        });
    }
    let translation = Translation {
        file: file.to_path_buf(),
        language: language.to_string(),
        original: original.to_path_buf(),
        title: r.text(&map, "title", false).map(|t| t.value),
        summary: r.text(&map, "summary", false).map(|t| t.value),
        date,
        claims,
        claims_at,
        body: split.body.to_string(),
        digest: xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
    };
    match r.problems.is_empty() {
        true => Ok(translation),
        false => Err(r.problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["en".into(), "uk".into()]
    }

    #[test]
    fn a_file_name_says_which_language_it_is_in() {
        let t = |name: &str| named(Path::new(name), &langs());
        assert_eq!(t("content/riyadh.md"), Named::Event);
        assert_eq!(
            t("content/riyadh.uk.md"),
            Named::Translation {
                language: "uk".into(),
                original: PathBuf::from("content/riyadh.md")
            }
        );
        assert_eq!(
            t("content/riyadh/index.UK.markdown"),
            Named::Translation {
                language: "uk".into(),
                original: PathBuf::from("content/riyadh/index.markdown")
            }
        );
        assert_eq!(t("content/riyadh.fr.md"), Named::OtherLanguage("fr".into()));
        assert_eq!(
            t("content/riyadh.en.md"),
            Named::DefaultLanguage("en".into())
        );
        // Not a language: a dot in a name, a number.
        assert_eq!(t("content/talks.v2.md"), Named::Event);
        assert_eq!(t("content/2025.02.18.md"), Named::Event);
        // A site in one language has no translations.
        assert_eq!(named(Path::new("content/riyadh.uk.md"), &[]), Named::Event);
    }

    #[test]
    fn a_translation_holds_words_only() {
        let text = "---\ntitle: \"Зустріч\"\ndate: 2025-02-18\nclaims:\n  - quote: \"слова\"\n    via: \"інтерв'ю\"\n---\nТекст.\n";
        let t = parse_translation(Path::new("a.uk.md"), text, "uk", Path::new("a.md")).unwrap();
        assert_eq!(t.title.as_deref(), Some("Зустріч"));
        assert_eq!(t.claims.len(), 1);
        assert_eq!(t.claims[0].quote.as_deref(), Some("слова"));
        assert_eq!(t.claims[0].via.as_deref(), Some("інтерв'ю"));
        assert_eq!(t.date.as_ref().map(|d| d.line), Some(3));
        assert_eq!(t.body, "Текст.\n");
        let status = "---\ntitle: X\nstatus: denied\n---\n";
        let err =
            parse_translation(Path::new("a.uk.md"), status, "uk", Path::new("a.md")).unwrap_err();
        assert!(err[0].to_string().contains("a.uk.md:3:1"), "{}", err[0]);
        assert!(err[0].to_string().contains("status"), "{}", err[0]);
    }
}
