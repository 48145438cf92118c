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
pub mod search;
pub mod sitemap;
pub mod standing;
pub mod timelinejs;

use crate::base_url::BaseUrl;
use crate::diagnostics::Diagnostic;
use crate::markdown::Bodies;
use crate::model::{Layout, Site};
use crate::sink::{Page, Sink};
use std::borrow::Cow;

/// What every format is built from.
pub struct Inputs<'a> {
    pub site: &'a Site,
    /// Each event's body as HTML, in the site's order.
    pub bodies: &'a [String],
    /// Each actor record's description as HTML, in the order of
    /// `site.people.records`.
    pub descriptions: &'a [String],
    /// Where the site is published, where it is known.
    pub base: Option<&'a BaseUrl>,
}

impl Inputs<'_> {
    /// The absolute URL of a path relative to the site root
    /// (`events/riyadh/`), if `base_url` is set.
    pub fn absolute(&self, relative: &str) -> Option<String> {
        self.base.map(|b| b.join(relative))
    }
}

/// Writes the data files of the site into `sink`, one at a time, and
/// returns the problems writing them and notes for the author (what was
/// left out or is relative for want of `base_url`, and how many denied
/// reports, and events without a span it can show, the calendar leaves
/// out). `html_pages` are the
/// paths of the HTML pages, for the sitemap. A timeline split over pages
/// gets the search index its filters load.
pub fn write(
    site: &Site,
    layout: &Layout,
    bodies: &Bodies,
    html_pages: &[&str],
    sink: &dyn Sink,
) -> (Vec<Diagnostic>, Vec<String>) {
    let input = Inputs {
        site,
        bodies: &bodies.events,
        descriptions: &bodies.actors,
        base: site.config.base_url.as_ref(),
    };
    let outputs = site.config.outputs;
    let mut problems = Vec::new();
    let mut put = |page: Page| {
        if let Err(d) = sink.put(&page.path, &page.bytes) {
            problems.push(d);
        }
    };
    let mut left_out = Vec::new();
    let mut relative = Vec::new();
    if layout.split {
        put(Page {
            path: search::PATH.into(),
            bytes: search::index(site),
        });
    }
    if outputs.atom {
        if site.config.writes_feeds() {
            atom::feeds(&input).into_iter().for_each(&mut put);
            put(changes::feed(&input));
        } else {
            left_out.push("atom.xml");
            left_out.push(changes::PATH);
        }
    }
    if outputs.sitemap {
        if input.base.is_some() {
            put(sitemap::sitemap(&input, html_pages));
            put(sitemap::robots(&input));
        } else {
            left_out.push("sitemap.xml, robots.txt");
        }
    }
    let mut notes = Vec::new();
    if outputs.calendar {
        let (calendar, left_out) = ical::calendar(&input);
        put(calendar);
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
        if input.base.is_none() {
            relative.push(ical::PATH);
        }
    }
    if outputs.timelinejs {
        put(timelinejs::timeline(&input));
        if input.base.is_none() {
            relative.push("timeline.json");
        }
    }
    if outputs.json {
        if let Err(d) = sink.put_with(events_json::PATH, &mut |out| {
            events_json::write(&input, out)
        }) {
            problems.push(d);
        }
        if input.base.is_none() {
            relative.push("events.json");
        }
    }
    if input.base.is_none() {
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
    (problems, notes)
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
