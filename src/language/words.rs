//! The words the default theme writes, in the site's language: the theme's
//! translation files (`templates/i18n/<lang>.yaml`, embedded in the binary),
//! merged under the site's own `i18n/<lang>.yaml`, over English.
//!
//! A word is looked up in the site's file, then the theme's file for the
//! language, then English, so a page never lacks a word; a word the
//! chosen translation lacks is said in English, and `annals check` is told.
//! A count is a map of CLDR plural forms, chosen by the language's rules.

use super::{Language, Plural};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::yaml::{self, Node, Pos};
use std::collections::HashMap;
use std::path::Path;

/// The theme's translations, by the language they are for. English is
/// complete; every other file has the same keys (a test checks it).
pub const TRANSLATIONS: &[(&str, &str)] = &[
    ("en", include_str!("../../templates/i18n/en.yaml")),
    ("uk", include_str!("../../templates/i18n/uk.yaml")),
    ("ru", include_str!("../../templates/i18n/ru.yaml")),
    ("de", include_str!("../../templates/i18n/de.yaml")),
    ("fr", include_str!("../../templates/i18n/fr.yaml")),
    ("es", include_str!("../../templates/i18n/es.yaml")),
    ("pt", include_str!("../../templates/i18n/pt.yaml")),
    ("pl", include_str!("../../templates/i18n/pl.yaml")),
    ("ar", include_str!("../../templates/i18n/ar.yaml")),
    ("he", include_str!("../../templates/i18n/he.yaml")),
    ("fa", include_str!("../../templates/i18n/fa.yaml")),
    ("tr", include_str!("../../templates/i18n/tr.yaml")),
    ("zh-Hans", include_str!("../../templates/i18n/zh-Hans.yaml")),
    ("ja", include_str!("../../templates/i18n/ja.yaml")),
];

/// One word: plain text, or the forms of a count by plural category
/// (`other` always among them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Text(String),
    Forms(Vec<(Plural, String)>),
}

impl Entry {
    /// The text, or for a count the form for `category` (`other` when the
    /// translation does not give that form).
    fn form(&self, category: Plural) -> &str {
        match self {
            Entry::Text(text) => text,
            Entry::Forms(forms) => forms
                .iter()
                .find(|(p, _)| *p == category)
                .or_else(|| forms.iter().find(|(p, _)| *p == Plural::Other))
                .map_or("", |(_, s)| s.as_str()),
        }
    }
}

/// A translation file read: each key with where it stands and its word.
type Parsed = Vec<(String, Pos, Entry)>;

/// Every word of the theme in one language, ready to look up.
#[derive(Debug)]
pub struct Words {
    language: Language,
    /// Every English key, in the English file's order, with its word.
    entries: Vec<(String, Entry)>,
    index: HashMap<String, usize>,
    /// What `annals check` says about the translation: missing words and
    /// unknown keys, each starting with `file:line:column` where known.
    pub warnings: Vec<String>,
    /// A digest of the language and every word: pages made with the same
    /// were made with the same words.
    pub digest: u128,
}

impl Words {
    /// The theme's English words.
    pub fn english() -> Words {
        Words::new("en", None).unwrap_or_else(|_| Words::empty(Language::new("en")))
    }

    fn empty(language: Language) -> Words {
        Words {
            language,
            entries: Vec::new(),
            index: HashMap::new(),
            warnings: Vec::new(),
            digest: 0,
        }
    }

    /// The words for the language `tag`, with the site's own translation
    /// file (`path` as shown in messages, and its text) over the theme's.
    /// Bad YAML or a value that is not a word is an error; a key the
    /// theme does not know, or a word the translation lacks, a warning.
    pub fn new(tag: &str, site: Option<(&Path, &str)>) -> Result<Words, Vec<Diagnostic>> {
        let language = Language::new(tag);
        let mut problems = Vec::new();
        let mut theme_file = |name: &str| {
            let (_, text) = TRANSLATIONS.iter().find(|(n, _)| *n == name)?;
            let shown = format!("templates/i18n/{name}.yaml (built-in theme)");
            match parse(Path::new(&shown), text) {
                Ok(parsed) => Some((shown, parsed)),
                Err(mut found) => {
                    problems.append(&mut found);
                    None
                }
            }
        };
        let english = theme_file("en").map(|(_, p)| p).unwrap_or_default();
        // The theme's translation for the language, if it has one.
        let matched = language
            .candidates()
            .into_iter()
            .find(|n| TRANSLATIONS.iter().any(|(t, _)| t == n));
        let english_only = matched.as_deref() == Some("en");
        let theme = matched.and_then(|name| theme_file(&name));
        let site = match site {
            Some((path, text)) => match parse(path, text) {
                Ok(parsed) => Some((path.display().to_string(), parsed)),
                Err(mut found) => {
                    problems.append(&mut found);
                    None
                }
            },
            None => None,
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut warnings = Vec::new();
        let lookup = |parsed: &Parsed, key: &str| {
            parsed
                .iter()
                .find(|(k, _, _)| k == key)
                .map(|(_, _, e)| e.clone())
        };
        if theme.is_none() && site.is_none() {
            warnings.push(format!(
                "the theme has no translation for `{tag}`, so its words are in English; \
                 write them in i18n/{tag}.yaml (see templates/i18n/en.yaml for the keys)"
            ));
        }
        let mut entries = Vec::with_capacity(english.len());
        for (key, _, word) in &english {
            let found = site
                .as_ref()
                .and_then(|(_, p)| lookup(p, key))
                .or_else(|| theme.as_ref().and_then(|(_, p)| lookup(p, key)));
            let entry = match found {
                Some(entry) => entry,
                None => {
                    if !english_only && (theme.is_some() || site.is_some()) {
                        let file = theme.as_ref().or(site.as_ref()).map(|(f, _)| f.as_str());
                        warnings.push(format!(
                            "{}: `{key}` is missing from the `{tag}` translation, so it is said in English",
                            file.unwrap_or("i18n")
                        ));
                    }
                    word.clone()
                }
            };
            entries.push((key.clone(), entry));
        }
        if let Some((file, parsed)) = &site {
            let known: Vec<&str> = english.iter().map(|(k, _, _)| k.as_str()).collect();
            for (key, pos, _) in parsed {
                if !known.contains(&key.as_str()) {
                    let hint = did_you_mean(key, &known)
                        .map(|k| format!(" (did you mean `{k}`?)"))
                        .unwrap_or_default();
                    warnings.push(format!(
                        "{file}:{}:{}: `{key}` is not a word of the theme{hint}; it is not used",
                        pos.line, pos.column
                    ));
                }
            }
        }
        let index = entries
            .iter()
            .enumerate()
            .map(|(n, (k, _))| (k.clone(), n))
            .collect();
        let mut digest = crate::digest::Digest::default();
        digest.str(tag);
        for (key, entry) in &entries {
            digest.str(key);
            digest.str(&format!("{entry:?}"));
        }
        Ok(Words {
            language,
            entries,
            index,
            warnings,
            digest: digest.value(),
        })
    }

    /// The site's language.
    pub fn language(&self) -> &Language {
        &self.language
    }

    /// Every word, in the English file's order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries.iter().map(|(k, e)| (k.as_str(), e))
    }

    /// The word for `key` (for a count, its `other` form), or none for a
    /// key the theme does not have.
    pub fn find(&self, key: &str) -> Option<&Entry> {
        self.index.get(key).map(|&n| &self.entries[n].1)
    }

    /// The word for `key`, or the key itself for one the theme does not
    /// have (so a theme's typo shows on the page instead of failing).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.find(key).map_or(key, |e| e.form(Plural::Other))
    }

    /// The form of the count `key` for `n`, its placeholders unfilled.
    pub fn count<'a>(&'a self, key: &'a str, n: u64) -> &'a str {
        match self.find(key) {
            Some(entry) => entry.form(self.language.plural(n)),
            None => key,
        }
    }

    /// The word for `key` with its placeholders filled (`{date}` from
    /// `("date", "…")`), as plain text.
    pub fn say(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args, false)
    }

    /// The count `key` for `n`, `{n}` and the other placeholders filled.
    /// The words around dates ("c.", "since {date}"...), for the dates'
    /// writer (see [`crate::date::LocalDates`]).
    pub fn date_words(&self) -> crate::date::ThemeDateWords {
        crate::date::ThemeDateWords {
            not_set: self.get("date_not_set").into(),
            circa: self.get("circa").into(),
            uncertain: self.get("uncertain").into(),
            since: self.get("since").into(),
            open_end: self.get("open_end").into(),
        }
    }

    pub fn say_count(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let number = n.to_string();
        let mut all = vec![("n", number.as_str())];
        all.extend_from_slice(args);
        fill(self.count(key, n), &all, false)
    }
}

/// `pattern` with each `{name}` replaced by its value in `args` (left as
/// it is when `args` has none). With `html`, the pattern's own text is
/// escaped for HTML and the values are put in as they are (HTML already).
pub fn fill(pattern: &str, args: &[(&str, &str)], html: bool) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    let put = |out: &mut String, text: &str| match html {
        true => crate::html::escape_into(text, out),
        false => out.push_str(text),
    };
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| Some((close, args.iter().find(|(k, _)| *k == &after[..close])?.1)));
        match value {
            Some((close, value)) => {
                put(&mut out, &rest[..open]);
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                put(&mut out, &rest[..=open]);
                rest = after;
            }
        }
    }
    put(&mut out, rest);
    out
}

/// Reads a translation file: a mapping of keys to words, a word being
/// text or a mapping of plural forms to text.
fn parse(path: &Path, text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (root, errors) = yaml::parse(text);
    let mut problems: Vec<Diagnostic> = errors
        .into_iter()
        .map(|e| {
            let d = Diagnostic::at(path, e.pos.line, e.pos.column, e.message);
            match e.help {
                Some(h) => d.help(h),
                None => d,
            }
        })
        .collect();
    let at = |pos: Pos, message: String, help: &str| {
        Diagnostic::at(path, pos.line, pos.column, message).help(help)
    };
    let mut parsed = Vec::new();
    match root {
        None => {}
        Some(node) if node.is_null() => {}
        Some(Node::Map { entries, .. }) => {
            for (key, value) in entries {
                match word(&value) {
                    Ok(entry) => parsed.push((key.name, key.pos, entry)),
                    Err((pos, why)) => problems.push(at(
                        pos,
                        format!("`{}` {why}", key.name),
                        "give text, or for a count a map of plural forms (zero, one, two, few, many, other) with {n} where the number goes",
                    )),
                }
            }
        }
        Some(other) => problems.push(at(
            other.pos(),
            format!("a translation file is a map of words, not {}", other.kind()),
            "write one `key: word` a line, like `timeline: Timeline`",
        )),
    }
    match problems.is_empty() {
        true => Ok(parsed),
        false => Err(problems),
    }
}

/// One word of a translation file.
fn word(value: &Node) -> Result<Entry, (Pos, String)> {
    match value {
        node if node.is_null() => Err((node.pos(), "is empty".into())),
        Node::Scalar { value, .. } => Ok(Entry::Text(value.clone())),
        Node::Map { entries, pos } => {
            let mut forms = Vec::new();
            for (key, form) in entries {
                let Some(category) = Plural::parse(&key.name) else {
                    return Err((
                        key.pos,
                        format!(
                            "has the plural form `{}`, which CLDR does not have",
                            key.name
                        ),
                    ));
                };
                match form {
                    Node::Scalar { value, .. } if !form.is_null() => {
                        forms.push((category, value.clone()))
                    }
                    _ => return Err((form.pos(), "has a plural form that is not text".into())),
                }
            }
            if !forms.iter().any(|(p, _)| *p == Plural::Other) {
                return Err((*pos, "has no `other` form".into()));
            }
            Ok(Entry::Forms(forms))
        }
        node => Err((node.pos(), format!("is {}, not a word", node.kind()))),
    }
}

#[cfg(test)]
mod tests;
