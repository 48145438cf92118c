//! The theme: Tera templates built once, from the default theme embedded in
//! the binary and the site's own `templates/`, which override it by name.
//!
//! The embedded files are added under the `theme/` prefix and Tera's
//! fallback prefixes find them when the site has no file of that name, so a
//! site's `base.html` is used by the theme's `index.html` too.

use crate::diagnostics::Diagnostic;
use crate::diagnostics::display_path;
use crate::language::{Words, words};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::{Kwargs, State, Tera, TeraResult, Value};

/// The default theme's templates, embedded at compile time.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "components.html",
        include_str!("../../templates/components.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("event.html", include_str!("../../templates/event.html")),
    ("terms.html", include_str!("../../templates/terms.html")),
    ("term.html", include_str!("../../templates/term.html")),
    ("period.html", include_str!("../../templates/period.html")),
    (
        "corrections.html",
        include_str!("../../templates/corrections.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
];

/// The default theme's assets, written to the output as they are.
pub const ASSETS: &[(&str, &[u8])] = &[
    (
        "assets/annals.css",
        include_bytes!("../../templates/assets/annals.css"),
    ),
    (
        "assets/annals.js",
        include_bytes!("../../templates/assets/annals.js"),
    ),
];

const PREFIX: &str = "theme/";

/// The templates whose output Tera escapes for HTML (see `autoescape_on`).
const ESCAPED: [&str; 3] = [".html", ".xml", ".svg"];

/// Whether the template `name` escapes what it says.
fn escapes(name: &str) -> bool {
    ESCAPED.iter().any(|e| name.ends_with(e))
}

mod inline;

/// Templates ready to render, and where each came from for error messages.
pub struct Theme {
    pub tera: Tera,
    /// The theme's assets (`assets/annals.css`...), each replaced by the
    /// site's `templates/assets/` file of the same name, plus the site's
    /// own: written to the output as they are.
    pub assets: Vec<(String, Vec<u8>)>,
    /// Template name to the file shown in messages.
    origins: HashMap<String, PathBuf>,
    /// A digest (XXH3, 128 bits) of every template's name and source and
    /// of the words: pages made with the same digest were made with the
    /// same templates in the same words.
    pub digest: u128,
    /// The theme's words in the site's language (see [`Words`]).
    pub words: Arc<Words>,
    /// Each language of the site and its name in itself (`uk`,
    /// `Українська`), the default first: for the language switcher. One
    /// entry for a site in one language.
    pub languages: Vec<(String, String)>,
}

impl Theme {
    /// Builds the embedded theme with the site's overrides from
    /// `site_dir/templates/**/*.html`, saying `words`.
    pub fn load(site_dir: &Path, words: Arc<Words>) -> Result<Theme, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on(ESCAPED.to_vec());
        // Functions before templates: Tera checks each call as it adds one.
        register_words(&mut tera, words.clone());
        register_full_stop(&mut tera);
        let mut origins = HashMap::new();
        if let Err(e) = tera.set_fallback_prefixes(vec![PREFIX.to_string()]) {
            return Err(vec![Diagnostic::new(None, e.to_string())]);
        }
        for (name, _) in TEMPLATES {
            origins.insert(
                format!("{PREFIX}{name}"),
                PathBuf::from(format!("templates/{name} (built-in theme)")),
            );
        }
        let assets = ASSETS
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        let mut theme = Theme {
            tera,
            assets,
            origins,
            digest: 0,
            languages: vec![(
                words.language().tag().to_string(),
                words.get("language_name").to_string(),
            )],
            words,
        };
        // The plain words go into the templates once (see [`inline`]).
        let said = |name: &str, src: &'static str| inline::words(src, &theme.words, escapes(name));
        let embedded: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(name, src)| (format!("{PREFIX}{name}"), said(name, src).into_owned()))
            .collect();
        if let Err(e) = theme.tera.add_raw_templates(embedded) {
            return Err(theme.diagnostics(&e));
        }
        let (overrides, assets, mut problems) = site_templates(site_dir);
        for (name, bytes) in assets {
            match theme.assets.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = bytes,
                None => theme.assets.push((name, bytes)),
            }
        }
        for (name, path, _) in &overrides {
            theme.origins.insert(name.clone(), path.clone());
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let sources = overrides
            .iter()
            .map(|(n, _, src)| (n.as_str(), src.as_str()));
        let inlined: Vec<(&str, std::borrow::Cow<str>)> = sources
            .clone()
            .map(|(n, src)| (n, inline::words(src, &theme.words, escapes(n))))
            .collect();
        let inlined = inlined.iter().map(|(n, src)| (*n, src.as_ref()));
        if let Err(e) = theme.tera.add_raw_templates(inlined) {
            problems.extend(theme.diagnostics(&e));
            return Err(problems);
        }
        let words_digest = format!("{:032x}", theme.words.digest);
        let words = std::iter::once(("i18n", words_digest.as_str()));
        theme.digest = digest(TEMPLATES.iter().copied().chain(sources).chain(words));
        Ok(theme)
    }

    /// Turns a Tera error into diagnostics naming the template file, line
    /// and column.
    pub fn diagnostics(&self, error: &tera::Error) -> Vec<Diagnostic> {
        let origin = |name: &str| {
            self.origins
                .get(name)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")))
        };
        match error.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let span = report.span();
                vec![
                    Diagnostic::at(
                        &origin(report.filename()),
                        span.start_line,
                        span.start_col + 1,
                        report.message(),
                    )
                    .help("fix the template; see the Tera 2 documentation for its syntax"),
                ]
            }
            tera::ErrorKind::Msg(text) => {
                // Add-time reference errors: one report per problem, each
                // with a `--> name:line:col` line.
                let mut out = Vec::new();
                for block in text.split("\n\n") {
                    let message = block
                        .lines()
                        .next()
                        .unwrap_or(block)
                        .trim_start_matches("error: ")
                        .to_string();
                    let place = block.lines().find_map(|l| l.trim().strip_prefix("--> "));
                    let d = match place.and_then(parse_place) {
                        Some((name, line, column)) => {
                            Diagnostic::at(&origin(name), line, column, message)
                        }
                        None => Diagnostic::new(None, message),
                    };
                    out.push(d);
                }
                out
            }
            _ => vec![Diagnostic::new(None, format!("template error: {error}"))],
        }
    }
}

/// Registers `t`, the theme's words for templates:
/// `t(key="events", n=3)` says a count in the site's language, and
/// `t(key="since", date=d.html)` fills a word's placeholders. In HTML the
/// word's own text is escaped and values already safe (HTML) are put in as
/// they are, the rest escaped, so a word may wrap a link or a `<time>`.
/// Plain words are also in every page's context as `w` (`w.timeline`),
/// which is quicker.
fn register_words(tera: &mut Tera, words: Arc<Words>) {
    tera.register_function("t", move |kw: Kwargs, st: &State| -> TeraResult<Value> {
        let key: &str = kw.must_get("key")?;
        let n: Option<i64> = kw.get("n")?;
        let pattern = match n {
            Some(n) => words.count(key, n.unsigned_abs()),
            None => words.get(key),
        };
        let html = st.autoescaping_enabled();
        let mut args: Vec<(String, String)> = Vec::new();
        for (name, value) in kw.iter() {
            let name = name.to_string();
            if name == "key" {
                continue;
            }
            let text = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            // In HTML, text that is not HTML already (a name, a note, a
            // credit from front matter) is escaped and isolated, so that a
            // Latin name in an Arabic sentence, or the reverse, keeps its
            // place; numbers and `<time>` elements go in as they are.
            let text = match html && !value.is_safe() {
                true if value.as_str().is_some() => {
                    let mut escaped = String::with_capacity(text.len() + 11);
                    escaped.push_str("<bdi>");
                    crate::html::escape_into(&text, &mut escaped);
                    escaped.push_str("</bdi>");
                    escaped
                }
                true => {
                    let mut escaped = String::with_capacity(text.len());
                    crate::html::escape_into(&text, &mut escaped);
                    escaped
                }
                false => text,
            };
            args.push((name, text));
        }
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let said = words::fill(pattern, &args, html);
        Ok(match html {
            true => Value::safe_string(&said),
            false => Value::from(said),
        })
    });
}

/// Registers `full_stop`, which ends a sentence: it adds a full stop
/// unless the text already ends with one, as a date may ("18 лютого
/// 2025 р."), looking past the closing tags at its end (`</time>`). For a
/// sentence the template writes in pieces: `{% filter full_stop %}...{%
/// endfilter %}`.
fn register_full_stop(tera: &mut Tera) {
    tera.register_filter(
        "full_stop",
        |v: &Value, _: Kwargs, _: &State| -> TeraResult<Value> {
            let written = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            let mut text = written.trim_end();
            // Past closing tags: "...р.</time></strong>".
            while let Some(at) = text
                .rfind("</")
                .filter(|&at| text.ends_with('>') && !text[at + 2..].contains('<'))
            {
                text = text[..at].trim_end();
            }
            let out = match text.ends_with('.') {
                true => written.trim_end().to_string(),
                false => format!("{}.", written.trim_end()),
            };
            Ok(match v.is_safe() {
                true => Value::safe_string(&out),
                false => Value::from(out),
            })
        },
    );
}

/// The digest of templates given as (name, source), in order.
fn digest<'a>(templates: impl Iterator<Item = (&'a str, &'a str)>) -> u128 {
    let mut digest = crate::digest::Digest::default();
    for (name, source) in templates {
        digest.str(name);
        digest.str(source);
    }
    digest.value()
}

/// `name:line:col` as Tera prints it.
fn parse_place(text: &str) -> Option<(&str, usize, usize)> {
    let mut parts = text.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?, line, column))
}

/// The site's own templates: (name, file shown in messages, source).
/// The site's own templates, `(name, file shown in messages, source)`,
/// and its theme assets under `templates/assets/`, `(path, bytes)`.
type SiteFiles = (
    Vec<(String, PathBuf, String)>,
    Vec<(String, Vec<u8>)>,
    Vec<Diagnostic>,
);

fn site_templates(site_dir: &Path) -> SiteFiles {
    let dir = site_dir.join("templates");
    let mut found = Vec::new();
    let mut assets = Vec::new();
    let mut problems = Vec::new();
    if !dir.is_dir() {
        return (found, assets, problems);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::new(
                    e.path().map(display_path).as_deref(),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        if !entry.file_type().is_file() {
            continue;
        }
        let name = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let shown = display_path(path);
        if name.starts_with("assets/") {
            match std::fs::read(path) {
                Ok(bytes) => assets.push((name, bytes)),
                Err(e) => problems.push(Diagnostic::new(
                    Some(&shown),
                    format!("cannot read this file: {e}"),
                )),
            }
            continue;
        }
        if path.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let kind = crate::source::text::Kind {
            plural: "templates",
            when_too_large: "move what is large into templates/assets/ or static/",
        };
        match crate::source::text::read_text(path, kind) {
            Ok(src) => found.push((name, shown, src)),
            Err(mut more) => problems.append(&mut more),
        }
    }
    (found, assets, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for entry in walkdir::WalkDir::new(&dir) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let translation = name
                .strip_prefix("i18n/")
                .and_then(|n| n.strip_suffix(".yaml"))
                .is_some_and(|lang| words::TRANSLATIONS.iter().any(|(l, _)| *l == lang));
            let embedded = TEMPLATES.iter().any(|(n, _)| *n == name)
                || ASSETS.iter().any(|(n, _)| *n == name)
                || translation;
            assert!(embedded, "templates/{name} is not embedded in theme.rs");
        }
    }

    #[test]
    fn the_embedded_theme_builds() {
        let theme = Theme::load(Path::new("/nonexistent"), Arc::new(Words::english()))
            .unwrap_or_else(|e| panic!("{e:#?}"));
        assert!(
            theme
                .tera
                .get_template_names()
                .any(|n| n == "theme/index.html")
        );
    }

    #[test]
    fn places_are_read_from_tera_reports() {
        assert_eq!(parse_place("page.html:2:12"), Some(("page.html", 2, 12)));
        assert_eq!(parse_place("x"), None);
    }
}
