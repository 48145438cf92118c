//! Data files others can reuse — feeds, calendar, TimelineJS, JSON and the
//! sitemap — written from the same site model as the pages, in one pass.
//! Each is on by default and can be switched off under `outputs:` in
//! `annals.yaml`. Absolute URLs come from `base_url`; without it, files that
//! cannot work with relative URLs are left out, and the build says so.

pub mod actors_json;
pub mod atom;
pub mod changes;
pub mod events_json;
pub mod ical;
pub mod json_date;
pub mod jsonld;
mod media_json;
pub mod search;
pub mod sitemap;
pub mod standing;
pub mod timelinejs;

use crate::base_url::BaseUrl;
use crate::diagnostics::Diagnostic;
use crate::language::Words;
use crate::markdown::Bodies;
use crate::model::{Layout, Site, TermKind};
use crate::sink::Sink;
use std::borrow::Cow;

/// What every format is built from.
pub struct Inputs<'a> {
    pub site: &'a Site,
    /// Each event's body as HTML, in the site's order.
    pub bodies: &'a [std::sync::Arc<str>],
    /// Each actor record's description as HTML, in the order of
    /// `site.people.records`.
    pub descriptions: &'a [String],
    /// Where the site is published, where it is known.
    pub base: Option<&'a BaseUrl>,
    /// Where this edition of the site is, in it (`uk/`; see
    /// [`Site::prefix`]); its pages are there, the images at the root.
    pub prefix: String,
    /// The theme's words around dates in the site's language ("c.",
    /// "since {date}"), for the dates readers see in the files.
    pub date_words: crate::date::ThemeDateWords,
}

impl<'a> Inputs<'a> {
    /// What the formats of `site` are built from, in the theme's `words`.
    pub fn of(site: &'a Site, bodies: &'a Bodies, words: &Words) -> Inputs<'a> {
        Inputs {
            site,
            bodies: &bodies.events,
            descriptions: &bodies.actors,
            base: site.config.base_url.as_ref(),
            prefix: site.prefix(),
            date_words: words.date_words(),
        }
    }

    /// The absolute URL of a path relative to the edition's root
    /// (`events/riyadh/`), if `base_url` is set.
    pub fn absolute(&self, relative: &str) -> Option<String> {
        self.base
            .map(|b| b.join(&format!("{}{relative}", self.prefix)))
    }

    /// The URL of a file at the site's root (an image: `media/...`) as the
    /// edition's data files give it: absolute with `base_url`, else
    /// relative to the edition's root.
    pub fn root_file(&self, path: &str) -> String {
        match self.base {
            Some(b) => b.join(path),
            None => format!("{}{path}", self.site.up()),
        }
    }
}

/// One data file of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    /// The search index of a timeline split over pages.
    Search,
    /// The Atom feed of the whole timeline (`None`) or of an actor or tag.
    Atom(Option<(TermKind, usize)>),
    Changes,
    Sitemap,
    Robots,
    Calendar,
    TimelineJs,
    EventsJson,
}

/// The data files of the site, by path, as the options in `annals.yaml`
/// and `base_url` have them. A timeline split over pages gets the search
/// index its filters load.
pub fn files(site: &Site, layout: &Layout) -> Vec<(String, Data)> {
    let outputs = site.config.outputs;
    let base = site.config.base_url.is_some();
    let mut files = Vec::new();
    let mut add = |path: &str, data| files.push((path.to_string(), data));
    if layout.split {
        add(search::PATH, Data::Search);
    }
    if outputs.atom && site.config.writes_feeds() {
        for (path, term) in atom::paths(site) {
            add(&path, Data::Atom(term));
        }
        add(changes::PATH, Data::Changes);
    }
    // One sitemap for the whole site, at its root, listing every edition.
    if outputs.sitemap && base && site.edition == 0 {
        add(sitemap::PATH, Data::Sitemap);
        add(sitemap::ROBOTS, Data::Robots);
    }
    if outputs.calendar {
        add(ical::PATH, Data::Calendar);
    }
    if outputs.timelinejs {
        add(timelinejs::PATH, Data::TimelineJs);
    }
    if outputs.json {
        add(events_json::PATH, Data::EventsJson);
    }
    files
}

/// The data file at `path`, if the site has one.
pub fn find(site: &Site, layout: &Layout, path: &str) -> Option<Data> {
    files(site, layout)
        .into_iter()
        .find_map(|(p, data)| (p == path).then_some(data))
}

/// Writes the data file `data` of the site to `out`. `html_pages` are the
/// paths of the HTML pages, for the sitemap.
pub fn render(
    data: Data,
    site: &Site,
    bodies: &Bodies,
    words: &Words,
    html_pages: &[&str],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let input = Inputs::of(site, bodies, words);
    match bytes(data, &input, html_pages) {
        Some(bytes) => out.write_all(&bytes),
        None => events_json::write(&input, out),
    }
}

/// The bytes of the data file `data`; `None` for `events.json`, which is
/// written piece by piece (see [`events_json::write`]).
fn bytes(data: Data, input: &Inputs, html_pages: &[&str]) -> Option<Vec<u8>> {
    Some(match data {
        Data::EventsJson => return None,
        Data::Search => search::index(input),
        Data::Atom(term) => atom::feed_of(input, term).bytes,
        Data::Changes => changes::feed(input).bytes,
        Data::Sitemap => sitemap::sitemap(input, html_pages).bytes,
        Data::Robots => sitemap::robots(input).bytes,
        Data::Calendar => ical::calendar(input).0.bytes,
        Data::TimelineJs => timelinejs::timeline(input).bytes,
    })
}

/// Writes the data files of the site into `sink`, one at a time, and
/// returns the problems writing them and the [`notes`]. `html_pages` are
/// the paths of the HTML pages, for the sitemap.
pub fn write(
    site: &Site,
    layout: &Layout,
    bodies: &Bodies,
    words: &Words,
    html_pages: &[&str],
    sink: &dyn Sink,
) -> (Vec<Diagnostic>, Vec<String>) {
    let input = Inputs::of(site, bodies, words);
    let problems = files(site, layout)
        .into_iter()
        .filter_map(|(path, data)| {
            match bytes(data, &input, html_pages) {
                Some(bytes) => sink.put(&path, &bytes),
                // Written as it is made, never held whole.
                None => sink.put_with(&path, &mut |out| events_json::write(&input, out)),
            }
            .err()
        })
        .collect();
    (problems, notes(site))
}

/// Notes for the author about the data files: what was left out or is
/// relative for want of `base_url`, and how many denied reports, and
/// events without a span it can show, the calendar leaves out.
pub fn notes(site: &Site) -> Vec<String> {
    let outputs = site.config.outputs;
    let base = site.config.base_url.is_some();
    let mut left_out = Vec::new();
    let mut relative = Vec::new();
    if outputs.atom && !site.config.writes_feeds() {
        left_out.push("atom.xml");
        left_out.push(changes::PATH);
    }
    if outputs.sitemap && !base {
        left_out.push("sitemap.xml, robots.txt");
    }
    let mut notes = Vec::new();
    if outputs.calendar {
        let left_out = ical::LeftOut::of(site);
        if left_out.denied > 0 {
            let denied = left_out.denied;
            let reports = crate::diagnostics::plural(denied, "report", "reports");
            notes.push(format!(
                "{} leaves out {denied} denied {reports}",
                ical::PATH
            ));
        }
        let mut spanless = Vec::new();
        for (n, what) in [
            (left_out.open, "with no known end"),
            (left_out.undated, "not dated yet"),
        ] {
            if n > 0 {
                let events = crate::diagnostics::plural(n, "event", "events");
                spanless.push(format!("{n} {events} {what}"));
            }
        }
        if !spanless.is_empty() {
            notes.push(format!(
                "{} leaves out {}",
                ical::PATH,
                spanless.join(" and ")
            ));
        }
        if !base {
            relative.push(ical::PATH);
        }
    }
    if outputs.timelinejs && !base {
        relative.push(timelinejs::PATH);
    }
    if outputs.json && !base {
        relative.push(events_json::PATH);
    }
    if !base {
        let mut parts = Vec::new();
        if !left_out.is_empty() {
            parts.push(format!("left out {}", left_out.join(", ")));
        }
        if !relative.is_empty() {
            parts.push(format!(
                "{} link pages relatively or not at all",
                relative.join(", ")
            ));
        }
        // The 404 page is served at any depth, so its links cannot be
        // relative: they start at the base URL's path, or at `/`.
        parts.push(
            "404.html links from the host's root (/), which is right only if the site is \
             published there"
                .into(),
        );
        notes.push(format!(
            "no base_url: {} (set base_url in annals.yaml or pass --base-url)",
            parts.join("; ")
        ));
    }
    notes
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) && !text.chars().any(is_xml_invalid) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_invalid(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Characters XML 1.0 does not allow at all (control characters but tab,
/// newline and carriage return).
fn is_xml_invalid(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml() {
        assert_eq!(
            xml_escape("a & <b> \"c\" 'd'\u{1}"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;"
        );
        assert!(matches!(xml_escape("plain"), Cow::Borrowed(_)));
    }
}
