//! Atom 1.0 feeds (RFC 4287): `atom.xml` for the whole timeline, and
//! `actors/<slug>/atom.xml` and `tags/<slug>/atom.xml` for each actor and
//! tag. Entries are the newest events first (the site's time order,
//! reversed), at most `outputs.atom_limit` of them.
//!
//! An entry's id is its page's absolute URL, stable as long as `base_url`
//! is; its `updated` time is the latest date of its status history and
//! its corrections, or else
//! where the event is placed in time (the first instant of its start's year
//! or month; for an event not dated yet, of its `reported_on`), never the
//! clock, so rebuilds are byte-identical. Feeds need
//! absolute URLs, so they are written only when `base_url` is known.

use super::{Inputs, xml_escape};
use crate::date::{LocalDates, rfc3339_utc};
use crate::model::site::{Site, TermKind};
use crate::model::urls;
use crate::sink::Page;
use crate::source::event::Event;
use std::fmt::Write as _;

/// `atom.xml` and a feed under each actor's and tag's page.
pub fn feeds(input: &Inputs) -> Vec<Page> {
    paths(input.site)
        .into_iter()
        .map(|(_, term)| feed_of(input, term))
        .collect()
}

/// The path of each feed, and the actor or tag it is of (`None` for the
/// whole timeline's `atom.xml`), in the order [`feeds`] makes them.
pub fn paths(site: &Site) -> Vec<(String, Option<(TermKind, usize)>)> {
    let mut paths = vec![("atom.xml".to_string(), None)];
    for kind in [TermKind::Actor, TermKind::Tag] {
        // An actor known only from its file has no events, and no feed:
        // an empty feed would need an `updated` date that nothing gives.
        for (t, term) in site.taxonomy(kind).terms.iter().enumerate() {
            if !term.events.is_empty() {
                let path = format!("{}atom.xml", urls::term(kind, &term.slug));
                paths.push((path, Some((kind, t))));
            }
        }
    }
    paths
}

/// The feed of the whole timeline (`None`), or of one actor or tag.
pub fn feed_of(input: &Inputs, term: Option<(TermKind, usize)>) -> Page {
    let site = input.site;
    match term {
        None => {
            let all: Vec<usize> = (0..site.events.len()).collect();
            feed(input, "", site.title(), &all)
        }
        Some((kind, t)) => {
            let term = &site.taxonomy(kind).terms[t];
            let dir = urls::term(kind, &term.slug);
            let title = format!("{} · {}", term.name, site.title());
            feed(input, &dir, &title, &term.events)
        }
    }
}

/// The feed of `events` (indices in time order), published in `dir`
/// (relative to the root, `""` or `tags/diplomacy/`).
fn feed(input: &Inputs, dir: &str, title: &str, events: &[usize]) -> Page {
    let site = input.site;
    let url = |rel: &str| input.absolute(rel).unwrap_or_else(|| rel.to_string());
    let limit = site.config.outputs.atom_limit;
    let dates = LocalDates::new(&site.config.language);
    // Newest first: `events` are in the site's time order.
    let newest: Vec<usize> = events.iter().rev().take(limit).copied().collect();
    let updated = newest
        .iter()
        .map(|&i| updated(&site.events[i]))
        .max()
        .unwrap_or(0);

    let mut x = String::with_capacity(2048 + newest.len() * 2048);
    head(
        &mut x,
        input,
        &Head {
            title,
            id: &url(dir),
            page: &url(dir),
            self_url: &url(&format!("{dir}atom.xml")),
            updated,
        },
    );
    for &i in &newest {
        entry(
            &mut x,
            input,
            &site.events[i],
            &input.bodies[i],
            &url,
            &dates,
        );
    }
    x.push_str("</feed>\n");
    Page {
        path: format!("{dir}atom.xml"),
        bytes: x.into_bytes(),
    }
}

/// What opens a feed, besides what the site gives.
pub(super) struct Head<'a> {
    pub title: &'a str,
    /// The feed's stable id.
    pub id: &'a str,
    /// The page it follows (absolute).
    pub page: &'a str,
    /// Where the feed itself is (absolute).
    pub self_url: &'a str,
    /// The newest entry's time, in Unix seconds.
    pub updated: i64,
}

/// The opening of a feed, up to its first entry: the XML declaration, the
/// `<feed>` element, title, the site's description, id, alternate and
/// `self` links, `updated` time, author and generator. `changes.xml` opens
/// the same way.
pub(super) fn head(x: &mut String, input: &Inputs, h: &Head) {
    let site = input.site;
    let (title, page, self_url) = (h.title, h.page, h.self_url);
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&site.config.language)
    );
    let _ = writeln!(x, "<title>{}</title>", xml_escape(title));
    if let Some(d) = site
        .config
        .description
        .as_deref()
        .or(site.intro.description.as_deref())
    {
        let _ = writeln!(x, "<subtitle>{}</subtitle>", xml_escape(d));
    }
    let _ = writeln!(x, "<id>{}</id>", xml_escape(h.id));
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(page)
    );
    let _ = writeln!(
        x,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(self_url)
    );
    let _ = writeln!(x, "<updated>{}</updated>", rfc3339_utc(h.updated));
    let _ = writeln!(
        x,
        "<author><name>{}</name></author>",
        xml_escape(site.title())
    );
    let _ = writeln!(
        x,
        "<generator version=\"{}\">Annals</generator>",
        env!("CARGO_PKG_VERSION")
    );
}

/// One entry; `dates` writes its dates in the site's language (the words
/// around them, like the feed's other words, are English).
fn entry(
    x: &mut String,
    input: &Inputs,
    e: &Event,
    body: &str,
    url: &dyn Fn(&str) -> String,
    dates: &LocalDates,
) {
    let page = url(&urls::event(&e.slug));
    let page = xml_escape(&page);
    x.push_str("<entry>\n");
    let _ = writeln!(x, "<title>{}</title>", xml_escape(&e.title));
    let _ = writeln!(x, "<id>{page}</id>");
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{page}\"/>"
    );
    let _ = writeln!(x, "<updated>{}</updated>", rfc3339_utc(updated(e)));
    let when = dates.when(e.dates.as_ref(), &input.date_words.borrowed());
    let summary = match &e.summary {
        Some(s) => format!("{when} ({}): {s}", e.status.label()),
        None => format!("{when} ({})", e.status.label()),
    };
    let _ = writeln!(x, "<summary>{}</summary>", xml_escape(&summary));
    for tag in &e.tags {
        if let Some(t) = input.site.taxonomy(TermKind::Tag).get(tag) {
            let _ = writeln!(
                x,
                "<category term=\"{}\" label=\"{}\"/>",
                xml_escape(&t.slug),
                xml_escape(&t.name)
            );
        }
    }
    // Links in the body are relative to the event's page.
    let figure = super::media_json::atom_figure(input, e, url);
    let _ = writeln!(
        x,
        "<content type=\"html\" xml:base=\"{page}\">{}{}{}</content>",
        xml_escape(&figure),
        xml_escape(body),
        xml_escape(&claims_html(input, e))
    );
    x.push_str("</entry>\n");
}

/// An event's claims as HTML after its body, each in words (see
/// [`crate::source::claims::Claim::in_words`]) with its source linked;
/// empty for an event without claims.
fn claims_html(input: &Inputs, e: &Event) -> String {
    if e.claims.is_empty() {
        return String::new();
    }
    let actors = input.site.taxonomy(TermKind::Actor);
    let mut html = String::from("\n<h2>Statements</h2>\n");
    for c in &e.claims {
        let name = crate::model::statements::speaker(actors, e, c).map_or_else(
            || e.actors.get(c.by).map_or("", String::as_str),
            |t| &t.name,
        );
        let _ = write!(html, "<p>{}", xml_escape(&c.in_words(name)));
        if let Some(s) = c.source.and_then(|n| e.sources.get(n)) {
            let _ = write!(
                html,
                " (<a href=\"{}\">{}</a>)",
                xml_escape(&s.url),
                xml_escape(&s.title)
            );
        }
        html.push_str("</p>\n");
    }
    html
}

/// When an entry last changed, in Unix seconds: the latest date of its
/// status history and its corrections, or the event's date (never the
/// clock, so a build is the same for the same files).
pub(super) fn updated(e: &Event) -> i64 {
    e.history
        .iter()
        .map(|c| c.date.unix_seconds())
        .chain(e.corrections.iter().map(|c| c.date.unix_seconds()))
        .chain(std::iter::once(e.placed_at().unix_seconds()))
        .max()
        .unwrap_or(0)
}
