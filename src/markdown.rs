//! The third stage: Markdown to HTML with pulldown-cmark, safe by default.
//! Every event's body, the introduction and the actors' descriptions are
//! rendered once into [`Bodies`], which the pages and the data files both
//! use.
//!
//! Safety works on the parser's event stream, not on the HTML it produces:
//! raw HTML events are dropped and links or images whose URL uses a
//! scripting scheme lose their URL, unless the site allows raw HTML.

pub mod stored;

use crate::model::Site;
pub use crate::source::config::MarkdownOptions;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use xxhash_rust::xxh3::xxh3_128;

/// The site's Markdown as HTML.
pub struct Bodies {
    /// Each event's body, in the site's order (shared with the cache that
    /// `serve` keeps, so an unchanged body is neither copied nor rendered
    /// again).
    pub events: Vec<Arc<str>>,
    /// The introduction (`_index.md`).
    pub intro: String,
    /// Each actor record's description, in the order of
    /// [`crate::model::people::People::records`].
    pub actors: Vec<String>,
}

impl Bodies {
    /// Renders every body of `site`, in parallel, moving the Markdown out
    /// of the model: from here on only the HTML is used, and the Markdown
    /// is freed (a quarter of the peak memory on large sites). With a
    /// `cache`, bodies rendered by the previous build are reused.
    pub fn render(site: &mut Site, cache: Option<&Cache>) -> Bodies {
        let options = site.config.markdown;
        // An event that no other model shares gives its Markdown up; one
        // that `serve`'s cache keeps for the next rebuild lends it.
        let owned: Vec<Option<String>> = site
            .events
            .iter_mut()
            .map(|e| Arc::get_mut(e).map(|e| std::mem::take(&mut e.body)))
            .collect();
        let markdown: Vec<&str> = site
            .events
            .iter()
            .zip(&owned)
            .map(|(e, own)| own.as_deref().unwrap_or(&e.body))
            .collect();
        let events = match cache {
            Some(cache) => cache.render(&markdown, options),
            None => markdown
                .par_iter()
                .map(|m| render(m, options).into())
                .collect(),
        };
        let intro = render(&std::mem::take(&mut site.intro.body), options);
        // Few and short: rendered each time, without the cache.
        let actors = site
            .people
            .records
            .iter_mut()
            .map(|p| render(&std::mem::take(&mut p.description), options))
            .collect();
        Bodies {
            events,
            intro,
            actors,
        }
    }
}

/// Bodies rendered by the last build (Markdown to HTML, for the options
/// used then), kept by `serve` so that a rebuild renders only new ones, and
/// by `build` in the site's cache folder (see [`stored`]). A body is known
/// by a 128-bit hash of its Markdown (XXH3), so the Markdown itself is not
/// kept.
#[derive(Default)]
pub struct Cache {
    kept: Mutex<(Option<MarkdownOptions>, Kept)>,
    /// How many bodies the last [`Cache::render`] rendered.
    rendered: AtomicUsize,
}

/// Each body's HTML, by the hash of its Markdown.
type Kept = HashMap<u128, Arc<str>>;

impl Cache {
    /// A cache holding `kept`, rendered with `options`.
    fn holding(options: MarkdownOptions, kept: Kept) -> Cache {
        Cache {
            kept: Mutex::new((Some(options), kept)),
            rendered: AtomicUsize::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (Option<MarkdownOptions>, Kept)> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the bodies held.
    fn with_kept<T>(&self, f: impl FnOnce(&Kept) -> T) -> T {
        f(&self.lock().1)
    }

    /// How many bodies the last [`Cache::render`] rendered from Markdown.
    pub fn rendered(&self) -> usize {
        self.rendered.load(Ordering::Relaxed)
    }

    /// Each of `markdown` as HTML, rendering only what the last build did
    /// not; keeps this build's for the next.
    fn render(&self, markdown: &[&str], options: MarkdownOptions) -> Vec<Arc<str>> {
        let mut kept = std::mem::take(&mut *self.lock());
        if kept.0 != Some(options) {
            kept = (Some(options), HashMap::new());
        }
        let rendered = AtomicUsize::new(0);
        let (keys, html): (Vec<u128>, Vec<Arc<str>>) = markdown
            .par_iter()
            .map(|m| {
                let key = xxh3_128(m.as_bytes());
                match kept.1.get(&key) {
                    Some(html) => (key, Arc::clone(html)),
                    None => {
                        rendered.fetch_add(1, Ordering::Relaxed);
                        (key, render(m, options).into())
                    }
                }
            })
            .unzip();
        kept.1 = keys.into_iter().zip(html.iter().cloned()).collect();
        *self.lock() = kept;
        self.rendered
            .store(rendered.into_inner(), Ordering::Relaxed);
        html
    }
}

/// Renders Markdown to HTML: CommonMark plus tables, footnotes,
/// strikethrough and heading ids (`{#id}`, or made from the heading text).
pub fn render(text: &str, options: MarkdownOptions) -> String {
    let flags = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let text = crate::source::text::strip_forbidden(text);
    let mut events: Vec<Event> = Vec::new();
    let mut dropped_link = false;
    for event in Parser::new_ext(&text, flags) {
        if options.unsafe_html {
            events.push(event);
            continue;
        }
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::Start(Tag::Link { ref dest_url, .. })
            | Event::Start(Tag::Image { ref dest_url, .. })
                if is_script_url(dest_url) =>
            {
                dropped_link = true;
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) if dropped_link => {
                dropped_link = false;
            }
            other => events.push(other),
        }
    }
    let has_image = |e: &Event| matches!(e, Event::Start(Tag::Image { .. }));
    if !options.remote_media && events.iter().any(has_image) {
        events = remote_images_as_links(events);
    }
    add_heading_ids(&mut events);
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// True for the address of a file on another host: `http:`, `https:` or
/// `//host/…`.
pub fn is_remote(url: &str) -> bool {
    let url = url.trim_start();
    let scheme = |s: &str| url.len() >= s.len() && url[..s.len()].eq_ignore_ascii_case(s);
    scheme("http:") || scheme("https:") || url.starts_with("//") || url.starts_with("\\\\")
}

/// Pictures from other hosts become links to them, with their alt text
/// (or their address, if they have none) as the link's text: shown as
/// pictures, they would make every reader's browser ask another host for
/// them. A picture inside a link keeps only its alt text.
fn remote_images_as_links(events: Vec<Event>) -> Vec<Event> {
    /// A picture being written: this site's own, or another host's (made
    /// a link or not, its address, and whether it had any text).
    enum Open<'a> {
        Own,
        Remote(bool, CowStr<'a>, bool),
    }
    let mut out = Vec::with_capacity(events.len());
    let mut links = 0usize;
    let mut open: Vec<Open> = Vec::new();
    for event in events {
        match event {
            Event::Start(Tag::Link { .. }) => {
                links += 1;
                out.push(event);
            }
            Event::End(TagEnd::Link) => {
                links = links.saturating_sub(1);
                out.push(event);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if is_remote(&dest_url) => {
                let linked = links == 0;
                if linked {
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest_url.clone(),
                        title,
                        id,
                    }));
                }
                open.push(Open::Remote(linked, dest_url, false));
            }
            Event::Start(Tag::Image { .. }) => {
                open.push(Open::Own);
                out.push(event);
            }
            Event::End(TagEnd::Image) => match open.pop() {
                Some(Open::Remote(linked, url, wrote)) => {
                    if !wrote {
                        out.push(Event::Text(url));
                    }
                    if linked {
                        out.push(Event::End(TagEnd::Link));
                    }
                }
                _ => out.push(event),
            },
            other => {
                if let Some(Open::Remote(_, _, wrote)) = open.last_mut() {
                    *wrote = true;
                }
                out.push(other);
            }
        }
    }
    out
}

/// True for `javascript:`, `vbscript:` and `data:` URLs, however they are
/// cased or padded with spaces and control characters.
pub fn is_script_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
}

/// Ids the default theme gives elements of its pages (the page's main
/// region, the filter form and its parts), besides those of [`is_theme_id`]'s
/// patterns.
const THEME_IDS: &[&str] = &["main", "filters", "filter-count", "order", "results"];

/// True for an id the theme may use on a page a body or the introduction
/// is shown on: one of [`THEME_IDS`], `annals-…` (its own sections),
/// `e-<slug>` (each event's heading), `claim-<n>` (each claim of an event's
/// page, which other pages link to) and `y2025` or `y2025-02` (each year and
/// month of the timeline). A heading never takes one, so that the theme's
/// links and script always find their element.
pub fn is_theme_id(id: &str) -> bool {
    let period = |rest: &str| {
        let (year, month) = rest.split_at(rest.len().min(4));
        year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && (month.is_empty()
                || month.len() == 3
                    && month.starts_with('-')
                    && month[1..].bytes().all(|b| b.is_ascii_digit()))
    };
    THEME_IDS.contains(&id)
        || id.starts_with("annals-")
        || id.starts_with("e-")
        || id.starts_with("claim-")
        || id.strip_prefix('y').is_some_and(period)
}

/// Gives every heading without an id one made from its text, unique in the
/// document; an id the theme uses (written or made) is taken with `h-`
/// before it (`## Filters` is `h-filters`).
fn add_heading_ids(events: &mut [Event]) {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) if !is_theme_id(id) => {
                Some(id.to_string())
            }
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        let base = match &events[i] {
            Event::Start(Tag::Heading { id: None, .. }) => {
                let mut text = String::new();
                for e in &events[i + 1..] {
                    match e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        _ => {}
                    }
                }
                Some(crate::slug::slugify(&text))
            }
            Event::Start(Tag::Heading { id: Some(id), .. }) if is_theme_id(id) => {
                Some(id.to_string())
            }
            _ => None,
        };
        if let Some(mut base) = base {
            if is_theme_id(&base) {
                base.insert_str(0, "h-");
            }
            let mut id = base.clone();
            let mut n = 1;
            while !used.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safe(md: &str) -> String {
        render(md, MarkdownOptions::default())
    }

    #[test]
    fn renders_extensions() {
        let html =
            safe("## Talks\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~no~~ yes[^1]\n\n[^1]: note\n");
        assert!(html.contains("<h2 id=\"talks\">Talks</h2>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>no</del>"), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }

    #[test]
    fn heading_ids_are_unique_and_explicit_ids_win() {
        let html = safe("# Talks\n\n# Talks\n\n# Other {#talks-2}\n");
        assert!(html.contains("id=\"talks\""), "{html}");
        assert!(html.contains("id=\"talks-3\""), "{html}");
        assert!(html.contains("id=\"talks-2\">Other"), "{html}");
    }

    #[test]
    fn drops_raw_html_and_script_links_by_default() {
        let html = safe(
            "<script>alert(1)</script>\n\nhi <b onclick=\"x\">there</b> [x](javascript:alert(1)) [y]( JaVaScRiPt:alert(1)) ![i](data:text/html,x) [ok](https://example.org)\n",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org\">ok</a>"),
            "{html}"
        );
        assert!(html.contains("x"), "link text kept: {html}");
    }

    #[test]
    fn unsafe_html_keeps_it_when_asked() {
        let html = render(
            "<em class=\"x\">hi</em>\n",
            MarkdownOptions {
                unsafe_html: true,
                ..MarkdownOptions::default()
            },
        );
        assert!(html.contains("<em class=\"x\">"), "{html}");
    }

    #[test]
    fn detects_script_urls() {
        assert!(is_script_url("javascript:alert(1)"));
        assert!(is_script_url(" \tjava\nscript:x"));
        assert!(is_script_url("VBScript:x"));
        assert!(!is_script_url("https://example.org/javascript:"));
        assert!(!is_script_url("/relative"));
    }
}
