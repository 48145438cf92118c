//! The theme's plain words put into its templates once, as they load:
//! `{{ w.timeline }}` and `{{ t(key="actors_label") }}` become the word
//! itself, escaped as rendering escapes it. Said through the template's
//! context, each was a lookup by name (three hashed lookups for a global)
//! on every page: some thirty a page, a tenth of a 10,000-event build.
//! `{{ site.dir }}`, the direction of the theme's language (`ltr` or
//! `rtl`), is put in too: a right-to-left page says it on most lines.
//! Only these exact forms are put in; any other (`{{ w.x | upper }}`,
//! `t(key=..., n=...)`, a word with plural forms) is left to rendering,
//! which says the same. A template that names its own variable `w` or
//! `site` would see the theme's here instead.

use crate::language::Words;
use crate::language::words::{Entry, fill};
use std::borrow::Cow;

/// `source` with its plain words put in, for a template whose output is
/// escaped (`html`) or not.
pub fn words<'s>(source: &'s str, words: &Words, html: bool) -> Cow<'s, str> {
    let mut out = String::new();
    let mut changed = false;
    let mut rest = source;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            break;
        };
        let inner = &after[..close];
        // Whitespace control (`{{-`, `-}}`) is left to Tera.
        let word = (!inner.starts_with('-') && !inner.ends_with('-'))
            .then(|| said(inner.trim(), words, html))
            .flatten();
        match word {
            Some(word) => {
                out.push_str(&rest[..open]);
                out.push_str(&word);
                changed = true;
            }
            None => out.push_str(&rest[..open + 2 + close + 2]),
        }
        rest = &after[close + 2..];
    }
    if !changed {
        return Cow::Borrowed(source);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// What `{{ expression }}` says, if it is a plain word of the theme.
fn said(expression: &str, words: &Words, html: bool) -> Option<String> {
    if expression == "site.dir" {
        let tag = words.language().tag();
        return Some(
            crate::language::direction::Direction::of(tag)
                .html()
                .to_string(),
        );
    }
    if let Some(key) = expression.strip_prefix("w.").filter(|k| is_key(k)) {
        let Entry::Text(text) = words.find(key)? else {
            return None;
        };
        return Some(match html {
            true => {
                let mut escaped = Vec::with_capacity(text.len());
                tera::escape_html(text, &mut escaped).ok()?;
                String::from_utf8(escaped).ok()?
            }
            false => text.clone(),
        });
    }
    let key = expression
        .strip_prefix("t(")?
        .strip_suffix(')')?
        .trim()
        .strip_prefix("key")?
        .trim_start()
        .strip_prefix('=')?
        .trim_start()
        .strip_prefix('"')?
        .strip_suffix('"')?;
    if !is_key(key) {
        return None;
    }
    match words.find(key)? {
        Entry::Text(text) => Some(fill(text, &[], html)),
        _ => None,
    }
}

/// Whether `key` is shaped as a word's key: letters, digits and `_`.
fn is_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Words {
        Words::english()
    }

    #[test]
    fn plain_words_are_put_in_as_rendering_would_say_them() {
        let w = english();
        let source = "<a dir=\"{{ site.dir }}\">{{ w.timeline }}</a> {{t(key=\"actors_label\")}} {{ w.timeline | upper }} {{ t(key=\"events\", n=2) }} {{- w.timeline }} {{ w.no_such_word }} {{ x }}";
        let out = words(source, &w, true);
        assert_eq!(
            out,
            format!(
                "<a dir=\"ltr\">{}</a> {} {{{{ w.timeline | upper }}}} {{{{ t(key=\"events\", n=2) }}}} {{{{- w.timeline }}}} {{{{ w.no_such_word }}}} {{{{ x }}}}",
                w.get("timeline"),
                w.get("actors_label")
            )
        );
    }

    #[test]
    fn words_are_escaped_in_html_only() {
        let w = Words::new(
            "en",
            Some((
                std::path::Path::new("i18n/en.yaml"),
                "timeline: \"Q&A <'\\\"'>\"\n",
            )),
        )
        .unwrap();
        assert_eq!(
            words("{{ w.timeline }}", &w, true),
            "Q&amp;A &lt;&#39;&quot;&#39;&gt;"
        );
        assert_eq!(words("{{ w.timeline }}", &w, false), "Q&A <'\"'>");
        // A template without words is not copied.
        assert!(matches!(words("{{ x }}", &w, true), Cow::Borrowed(_)));
    }
}
