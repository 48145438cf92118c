//! `annals.yaml`: the site's settings, every key optional and defaulted,
//! unknown keys refused.

use super::fields::Reader;
use crate::base_url::BaseUrl;
use crate::date::EventDate;
use crate::diagnostics::{Diagnostic, display_path};
use crate::media::MediaSettings;
use crate::yaml::Node;
use std::path::Path;

pub mod names;

/// The name of the config file at the site root.
pub const FILE_NAME: &str = "annals.yaml";

/// The keys `annals.yaml` accepts at its top level.
pub const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "as_of",
    "language",
    "languages",
    "names",
    "markdown",
    "media",
    "timeline",
    "outputs",
];
const OUTPUT_KEYS: &[&str] = &[
    "atom",
    "atom_limit",
    "calendar",
    "timelinejs",
    "json",
    "sitemap",
];
const MARKDOWN_KEYS: &[&str] = &["unsafe_html"];
const MEDIA_KEYS: &[&str] = &["widths", "remote"];
const TIMELINE_KEYS: &[&str] = &["split_threshold"];

/// Past this many events the timeline is split into one page per year.
pub const SPLIT_THRESHOLD: usize = 500;

/// A site's settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's name, in every page title. Default: `_index.md`'s title,
    /// else "Timeline".
    pub title: Option<String>,
    pub description: Option<String>,
    /// Where the site is published, ending in `/`; used only where an
    /// absolute URL is required. Links between pages are relative.
    pub base_url: Option<BaseUrl>,
    /// The day the site is shown as known on, and expectations judged on
    /// (`as_of`, or `--as-of`): none, and nothing in the output depends on
    /// the clock.
    pub as_of: Option<EventDate>,
    /// The day expectations are judged on when `as_of` is not set: today,
    /// for `annals check`, which writes nothing; else none.
    pub judged_on: Option<EventDate>,
    /// BCP 47 language tag for `<html lang>` and the theme's words
    /// (see `crate::language`). Default `en`; with `languages`, the first
    /// of them.
    pub language: String,
    /// The languages of a site in several (`languages: [en, uk]`), the
    /// default first; empty for a site in one. An event's translation is
    /// a file beside it with the language before the extension
    /// (`riyadh.uk.md`).
    pub languages: Vec<String>,
    /// The names of places, tags and actors in the other languages
    /// (`names:`, see [`names`]).
    pub names: Vec<names::Names>,
    pub markdown: MarkdownOptions,
    /// Past this many events, the timeline is one page per year (per month
    /// for a year with more than this many), `timeline.split_threshold`.
    pub split_threshold: usize,
    pub outputs: Outputs,
    /// How images are made (`media:`).
    pub media: MediaSettings,
}

impl Config {
    /// Whether the Atom feeds are written: they are on, and their links can
    /// be absolute.
    pub fn writes_feeds(&self) -> bool {
        self.outputs.atom && self.base_url.is_some()
    }
}

/// How Markdown is rendered for a site (`markdown:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Keep raw HTML and every link scheme (`markdown.unsafe_html`).
    pub unsafe_html: bool,
    /// Show pictures from other hosts as pictures (`media.remote`); off,
    /// each becomes a link, so pages load nothing from other hosts.
    pub remote_media: bool,
}

/// Which data files a build writes besides the pages (`outputs:`); all on
/// by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outputs {
    /// `atom.xml`, and `atom.xml` under each actor's and tag's page.
    pub atom: bool,
    /// How many entries a feed holds, newest first (`atom_limit`).
    pub atom_limit: usize,
    /// `calendar.ics`.
    pub calendar: bool,
    /// `timeline.json`, for TimelineJS.
    pub timelinejs: bool,
    /// `events.json`.
    pub json: bool,
    /// `sitemap.xml` and `robots.txt`.
    pub sitemap: bool,
}

impl Default for Outputs {
    fn default() -> Self {
        Outputs {
            atom: true,
            atom_limit: 50,
            calendar: true,
            timelinejs: true,
            json: true,
            sitemap: true,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: None,
            description: None,
            base_url: None,
            as_of: None,
            judged_on: None,
            language: "en".into(),
            languages: Vec::new(),
            names: Vec::new(),
            markdown: MarkdownOptions::default(),
            split_threshold: SPLIT_THRESHOLD,
            outputs: Outputs::default(),
            media: MediaSettings::default(),
        }
    }
}

/// Reads `site_dir/annals.yaml` if there is one.
pub fn load(site_dir: &Path) -> Result<Config, Vec<Diagnostic>> {
    let path = site_dir.join(FILE_NAME);
    if !path.exists() {
        return Ok(Config::default());
    }
    let kind = super::text::Kind {
        plural: "settings files",
        when_too_large: "annals.yaml holds a few settings; the timeline's text goes in content/",
    };
    let text = super::text::read_text(&path, kind)?;
    parse(&display_path(&path), &text)
}

/// Parses the text of `annals.yaml`; `path` is used in messages.
pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::new(path, 0);
    let root = reader.parse(text);

    let mut config = Config::default();
    if let Some(root) = root
        && let Some(map) = reader.mapping(&root, FILE_NAME, KEYS)
    {
        config.title = reader.text(&map, "title", false).map(|s| s.value);
        config.description = reader.text(&map, "description", false).map(|s| s.value);
        if let Some(url) = reader.text(&map, "base_url", false) {
            match BaseUrl::parse(&url.value) {
                Ok(u) => config.base_url = Some(u),
                Err(why) => reader.report(
                    map.get("base_url").map(|n| n.pos()).unwrap_or_default(),
                    why,
                    "write it like https://example.org/ or https://example.org/timeline/: http or https, a host, a path, and no user name, password, query or fragment",
                ),
            }
        }
        if let Some(text) = reader.text(&map, "as_of", false) {
            match as_of(&text.value) {
                Ok(day) => config.as_of = Some(day),
                Err(why) => reader.report(
                    map.get("as_of").map(|n| n.pos()).unwrap_or_default(),
                    why,
                    "write a day, like as_of: 2025-03-10",
                ),
            }
        }
        if let Some(lang) = reader.text(&map, "language", false) {
            if is_language_tag(&lang.value) {
                config.language = lang.value;
            } else {
                reader.report(
                    map.get("language").map(|n| n.pos()).unwrap_or_default(),
                    format!("`{}` is not a language tag", lang.value),
                    "use a BCP 47 tag such as en, en-GB, uk or ru",
                );
            }
        }
        read_languages(&mut reader, &map, &mut config);
        config.names = names::read(&mut reader, &map, &config.languages);
        if let Some(node) = map.get("markdown")
            && let Some(md) = reader.mapping(node, "`markdown`", MARKDOWN_KEYS)
        {
            config.markdown.unsafe_html = reader.flag(&md, "unsafe_html").unwrap_or(false);
        }
        if let Some(node) = map.get("media")
            && let Some(media) = reader.mapping(node, "`media`", MEDIA_KEYS)
        {
            config.media.remote = reader.flag(&media, "remote").unwrap_or(false);
            config.markdown.remote_media = config.media.remote;
            if let Some(widths) = widths(&mut reader, &media) {
                config.media.widths = widths;
            }
        }
        if let Some(node) = map.get("timeline")
            && let Some(t) = reader.mapping(node, "`timeline`", TIMELINE_KEYS)
            && let Some(n) = reader.count(&t, "split_threshold", 1, 1_000_000)
        {
            config.split_threshold = n;
        }
        if let Some(node) = map.get("outputs")
            && let Some(o) = reader.mapping(node, "`outputs`", OUTPUT_KEYS)
        {
            let d = Outputs::default();
            config.outputs = Outputs {
                atom: reader.flag(&o, "atom").unwrap_or(d.atom),
                atom_limit: reader
                    .count(&o, "atom_limit", 1, 100_000)
                    .unwrap_or(d.atom_limit),
                calendar: reader.flag(&o, "calendar").unwrap_or(d.calendar),
                timelinejs: reader.flag(&o, "timelinejs").unwrap_or(d.timelinejs),
                json: reader.flag(&o, "json").unwrap_or(d.json),
                sitemap: reader.flag(&o, "sitemap").unwrap_or(d.sitemap),
            };
        }
    }
    if reader.problems.is_empty() {
        Ok(config)
    } else {
        Err(reader.problems)
    }
}

/// The largest width `media.widths` accepts, in pixels.
pub const MAX_WIDTH: u32 = 8192;

/// `media.widths`: a non-empty list of whole numbers from 16 to
/// [`MAX_WIDTH`], returned ascending without repeats.
fn widths(reader: &mut Reader, media: &super::fields::Map) -> Option<Vec<u32>> {
    let help = "write e.g. `widths: [480, 960, 1600]`: widths in pixels, from 16 to 8192";
    let node = media.get("widths")?;
    let items = reader.list(media, "widths")?;
    if items.is_empty() {
        reader.report(node.pos(), "`widths` must name at least one width", help);
        return None;
    }
    let mut widths = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Node::Scalar {
                value, plain: true, ..
            } if value
                .parse::<u32>()
                .is_ok_and(|w| (16..=MAX_WIDTH).contains(&w)) =>
            {
                widths.push(value.parse::<u32>().unwrap_or_default());
            }
            other => {
                reader.report(
                    other.pos(),
                    format!(
                        "each of `widths` must be a whole number from 16 to {MAX_WIDTH}, not {}",
                        super::fields::shown(other)
                    ),
                    help,
                );
            }
        }
    }
    if widths.len() != items.len() {
        return None;
    }
    widths.sort_unstable();
    widths.dedup();
    Some(widths)
}

/// Reads an `as_of` day: `2025-03-10`.
pub fn as_of(text: &str) -> Result<EventDate, String> {
    match EventDate::parse(text.trim()) {
        Ok(day) if day.precision == crate::date::Precision::Day => Ok(day),
        Ok(_) => Err(format!(
            "`{text}` is not a day: as_of is a day, such as 2025-03-10"
        )),
        Err(why) => Err(why),
    }
}

/// `languages:`: each a language tag, each once; the first is the
/// default, and `language`, if given too, must be it.
fn read_languages(reader: &mut Reader, map: &super::fields::Map, config: &mut Config) {
    let names = reader.names(map, "languages");
    for (i, name) in names.iter().enumerate() {
        let pos = crate::yaml::Pos {
            line: name.line.saturating_sub(reader.place(Default::default()).0),
            column: name.column,
        };
        if !is_language_tag(&name.value) {
            reader.report(
                pos,
                format!("`{}` is not a language tag", name.value),
                "use BCP 47 tags such as en, en-GB, uk, ar or zh-Hans",
            );
        } else if names[..i]
            .iter()
            .any(|n| n.value.eq_ignore_ascii_case(&name.value))
        {
            reader.report(
                pos,
                format!("`{}` is listed twice", name.value),
                "list each language once, the default first",
            );
        } else {
            config.languages.push(name.value.clone());
        }
    }
    let Some(first) = config.languages.first() else {
        return;
    };
    match map.get("language") {
        Some(node) if !config.language.eq_ignore_ascii_case(first) => reader.report(
            node.pos(),
            format!(
                "`language` is `{}` but the first of `languages` is `{first}`",
                config.language
            ),
            "the first of `languages` is the site's default language: leave `language` out, or make them the same",
        ),
        _ => config.language = first.clone(),
    }
}

/// Whether `tag` is shaped as a BCP 47 language tag: a language of two or
/// three letters, then subtags of one to eight letters or digits.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional() {
        let c = parse(Path::new("annals.yaml"), "").unwrap();
        assert_eq!(c.language, "en");
        assert!(!c.markdown.unsafe_html);
    }

    #[test]
    fn reads_every_key() {
        let c = parse(
            Path::new("annals.yaml"),
            "title: T\ndescription: D\nbase_url: https://example.org/annals\nlanguage: en-GB\nmarkdown:\n  unsafe_html: true\ntimeline:\n  split_threshold: 3\n",
        )
        .unwrap();
        assert_eq!(
            c.base_url.as_ref().map(BaseUrl::as_str),
            Some("https://example.org/annals/")
        );
        assert_eq!(c.language, "en-GB");
        assert!(c.markdown.unsafe_html);
        assert_eq!(c.split_threshold, 3);
    }

    #[test]
    fn reports_every_problem_at_its_place() {
        let errors = parse(
            Path::new("annals.yaml"),
            "titel: T\nbase_url: ftp://x\nlanguage: \"en GB\"\nmarkdown:\n  unsafe: true\n",
        )
        .unwrap_err();
        let mut places: Vec<(usize, usize)> = errors.iter().map(|d| (d.line, d.column)).collect();
        places.sort();
        assert_eq!(places, [(1, 1), (2, 11), (3, 11), (5, 3)], "{errors:#?}");
    }

    #[test]
    fn media_defaults_and_widths() {
        let c = parse(Path::new("annals.yaml"), "").unwrap();
        assert_eq!(c.media, MediaSettings::default());
        let c = parse(
            Path::new("annals.yaml"),
            "media:\n  widths: [960, 320, 960]\n  remote: true\n",
        )
        .unwrap();
        assert_eq!(c.media.widths, [320, 960]);
        assert!(c.media.remote && c.markdown.remote_media);
    }

    #[test]
    fn bad_media_widths_are_reported_at_their_place() {
        for (text, place) in [
            ("media:\n  widths: [480, big]\n", (2, 17)),
            ("media:\n  widths: [480, 9]\n", (2, 17)),
            ("media:\n  widths: []\n", (2, 11)),
            ("media:\n  widths: 480\n", (2, 11)),
            ("media:\n  width: [480]\n", (2, 3)),
        ] {
            let errors = parse(Path::new("annals.yaml"), text).unwrap_err();
            let places: Vec<(usize, usize)> = errors.iter().map(|d| (d.line, d.column)).collect();
            assert_eq!(places, [place], "{text}: {errors:#?}");
        }
    }
}
