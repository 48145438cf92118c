//! The first stage: the files a site is made of, read from disk. The
//! settings ([`config`]), the events and introduction ([`content`], each
//! file parsed by [`event`]), the actor records ([`actors`]), the theme's
//! templates ([`theme`]) and the files published as they are ([`statics`])
//! become one [`Sources`].
//!
//! This is the only stage that reads the site's files; every later stage
//! works on what it hands on.

pub mod actors;
pub mod claims;
pub mod config;
pub mod content;
pub mod corrections;
pub mod event;
pub mod expectation;
pub mod fields;
pub mod history;
pub mod media;
pub mod statics;
pub mod status;
pub mod text;
pub mod theme;
pub mod translation;

use crate::base_url::BaseUrl;
use crate::diagnostics::Diagnostic;
use crate::digest::Digest;
use crate::language::Words;
use config::Config;
use content::Content;
use statics::Statics;
use std::path::Path;
use theme::Theme;
use xxhash_rust::xxh3::xxh3_128;

/// What to read, and how.
#[derive(Clone)]
pub struct Reading<'a> {
    pub site_dir: &'a Path,
    /// Replaces `base_url` from `annals.yaml` (`--base-url`, or the address
    /// `serve` listens on).
    pub base_url: Option<&'a str>,
    /// Replaces `as_of` from `annals.yaml` (`--as-of`).
    pub as_of: Option<&'a str>,
    /// The day expectations are judged on when no `as_of` is set (`check`
    /// judges them on today; nothing else depends on it).
    pub as_of_default: Option<crate::date::EventDate>,
    /// Read events marked `draft: true` into the site.
    pub drafts: bool,
    /// Event files parsed before, for `serve`'s rebuilds.
    pub cache: Option<&'a content::Cache>,
}

/// Everything a site is made of, as read from disk.
pub struct Sources {
    pub config: Config,
    pub content: Content,
    /// `None` when its templates have problems.
    pub theme: Option<Theme>,
    /// The theme in each other language of a site in several (see
    /// `languages` in [`Config`]), in their order: the same templates,
    /// saying that language's words.
    pub editions: Vec<Theme>,
    pub statics: Statics,
    /// The actor files of `actors/`, in file order.
    pub actors: Vec<actors::Actor>,
}

impl Sources {
    /// A digest (XXH3, 128 bits) of everything read that the pages and
    /// data files are made from: the settings (with the options that
    /// replace them), the introduction, each event's file and name, the
    /// events left out, the actor records, the theme's templates and
    /// assets, and the paths of the files of `static/` (one may take the
    /// place of a page), not their bytes: they are published as they are,
    /// and compared on their own. `None` without a theme.
    pub fn digest(&self) -> Option<u128> {
        let theme = self.theme.as_ref()?;
        let mut digest = Digest::default();
        digest.str(&format!("{:?}", self.config));
        digest.str(&format!("{:?}", self.content.intro));
        for event in &self.content.events {
            digest.str(&event.file.to_string_lossy());
            digest.u128(event.digest);
        }
        digest.u128(self.content.events.len() as u128);
        for translation in &self.content.translations {
            digest.str(&translation.file.to_string_lossy());
            digest.u128(translation.digest);
        }
        digest.u128(self.content.translations.len() as u128);
        digest.str(&format!("{:?}", self.content.intros));
        for slug in &self.content.absent {
            digest.str(slug);
        }
        digest.str(&format!("{:?}", self.actors));
        digest.u128(theme.digest);
        for edition in &self.editions {
            digest.u128(edition.digest);
        }
        for (path, bytes) in &theme.assets {
            digest.str(path);
            digest.u128(xxh3_128(bytes));
        }
        digest.u128(theme.assets.len() as u128);
        for file in &self.statics.files {
            digest.str(&file.path);
        }
        Some(digest.value())
    }
}

/// Reads the whole site, the content and the theme at once, and returns
/// what could be read together with every problem found, so that checks
/// spanning files can still run on the events that did parse. A broken
/// `annals.yaml` gives the default settings.
pub fn read(reading: Reading) -> (Sources, Vec<Diagnostic>) {
    let dir = reading.site_dir;
    if !dir.is_dir() {
        let missing = Diagnostic::new(None, format!("{} is not a folder", dir.display()))
            .help("give the folder that holds content/ (and annals.yaml, if the site has one)");
        let sources = Sources {
            config: Config::default(),
            content: Content::default(),
            theme: None,
            editions: Vec::new(),
            statics: Statics::default(),
            actors: Vec::new(),
        };
        return (sources, vec![missing]);
    }
    // The settings first, alone: the theme's words depend on the
    // language, and its `languages` say which files are translations.
    let mut config_problems = Vec::new();
    let mut config = config::load(dir).unwrap_or_else(|p| {
        config_problems = p;
        Config::default()
    });
    let languages = &config.languages.clone();
    let ((content, mut problems), ((theme, statics), (actors, mut actor_problems))) = rayon::join(
        || content::load_cached(dir, reading.drafts, reading.cache, languages),
        || {
            rayon::join(
                || rayon::join(|| themes(dir, &config), || Statics::list(dir)),
                || actors::load(dir),
            )
        },
    );
    problems.append(&mut actor_problems);
    problems.append(&mut config_problems);
    if let Some(url) = reading.base_url {
        match BaseUrl::parse(url) {
            Ok(url) => config.base_url = Some(url),
            Err(why) => problems.push(
                Diagnostic::new(None, format!("--base-url: {why}"))
                    .help("write it like https://example.org/timeline/"),
            ),
        }
    }
    if let Some(text) = reading.as_of {
        match config::as_of(text) {
            Ok(day) => config.as_of = Some(day),
            Err(why) => problems.push(
                Diagnostic::new(None, format!("--as-of: {why}"))
                    .help("write a day, like --as-of 2025-03-10"),
            ),
        }
    }
    config.judged_on = reading.as_of_default.clone();
    let (theme, editions) = match theme {
        Ok(mut themes) => {
            let editions = themes.split_off(1);
            (themes.pop(), editions)
        }
        Err(mut p) => {
            problems.append(&mut p);
            (None, Vec::new())
        }
    };
    let mut statics = statics
        .map_err(|mut p| problems.append(&mut p))
        .unwrap_or_default();
    // The video, audio and captions files of content/ the events play.
    statics.files.extend(media::published(&content.events));
    let sources = Sources {
        config,
        content,
        theme,
        editions,
        statics,
        actors,
    };
    (sources, problems)
}

/// The theme in each of the site's languages, the default first (only
/// that one for a site in one language), each knowing the names of them
/// all, in their own words, for the language switcher.
fn themes(dir: &Path, config: &Config) -> Result<Vec<Theme>, Vec<Diagnostic>> {
    let languages = match config.languages.is_empty() {
        true => std::slice::from_ref(&config.language),
        false => &config.languages[..],
    };
    let mut themes = Vec::with_capacity(languages.len());
    let mut problems = Vec::new();
    for tag in languages {
        match words(dir, tag).and_then(|w| Theme::load(dir, std::sync::Arc::new(w))) {
            Ok(theme) => themes.push(theme),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        problems.dedup();
        return Err(problems);
    }
    let names: Vec<(String, String)> = (languages.iter().zip(&themes))
        .map(|(tag, theme)| (tag.clone(), theme.words.get("language_name").to_string()))
        .collect();
    for theme in &mut themes {
        theme.languages = names.clone();
    }
    Ok(themes)
}

/// The theme's words in the site's language `tag`, with the site's own
/// `i18n/<tag>.yaml` over them: the most specific file there is
/// (`i18n/pt-BR.yaml`, else `i18n/pt.yaml`).
fn words(site_dir: &Path, tag: &str) -> Result<Words, Vec<Diagnostic>> {
    let language = crate::language::Language::new(tag);
    let file = language
        .candidates()
        .into_iter()
        .map(|name| site_dir.join("i18n").join(format!("{name}.yaml")))
        .find(|path| path.is_file());
    let Some(path) = file else {
        return Words::new(tag, None);
    };
    let kind = text::Kind {
        plural: "translation files",
        when_too_large: "a translation file holds the theme's few words",
    };
    let text = text::read_text(&path, kind)?;
    let shown = crate::diagnostics::display_path(&path);
    Words::new(tag, Some((&shown, &text)))
}
