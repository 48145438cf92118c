//! `changes.xml`: an Atom feed of the story's developments, newest first,
//! for readers who follow a developing story: each event's first report,
//! each change of its status, and each correction (the site's
//! [`Development`]s), at most `outputs.atom_limit` of them.
//!
//! An entry's id and link are the event page's absolute URL with the
//! change's anchor (`…/events/riyadh/#reported`, `#change-2`,
//! `#correction-1`): unique, and stable while `base_url` is and the
//! event's file only grows (see [`crate::model::changes`]). Its `updated`
//! time is the development's own date, never the clock. Like the other
//! feeds it needs absolute URLs, so it is written only with `base_url`.

use super::atom::{Head, head};
use super::{Inputs, xml_escape};
use crate::date::rfc3339_utc;
use crate::model::changes::{Development, Kind, first_reported};
use crate::model::urls;
use crate::sink::Page;
use std::fmt::Write as _;

/// Where the feed is written.
pub const PATH: &str = "changes.xml";

/// The feed of the site's developments.
pub fn feed(input: &Inputs) -> Page {
    let site = input.site;
    let url = |rel: &str| input.absolute(rel).unwrap_or_else(|| rel.to_string());
    let shown: Vec<&Development> = site
        .changes
        .iter()
        .take(site.config.outputs.atom_limit)
        .collect();
    let updated = shown.first().map_or(0, |d| d.date.unix_seconds());
    let mut x = String::with_capacity(1024 + shown.len() * 512);
    head(
        &mut x,
        input,
        &Head {
            title: &format!("Changes · {}", site.title()),
            id: &url(PATH),
            page: &url(""),
            self_url: &url(PATH),
            updated,
        },
    );
    for d in shown {
        let e = &site.events[d.event];
        let link = format!("{}#{}", url(&urls::event(&e.slug)), d.anchor(&site.events));
        let link = xml_escape(&link);
        let day = d.date.human();
        let (title, summary) = match d.kind {
            Kind::Reported => (
                format!("First reported: {}", e.title),
                format!("{}.", first_reported(&d.date)),
            ),
            Kind::Status(n) => {
                let change = &e.history[n];
                let label = change.status.label();
                let mut summary = format!("{label}, {day}");
                if let Some(note) = &change.note {
                    let _ = write!(summary, ": {note}");
                }
                (format!("{label}: {}", e.title), summary)
            }
            Kind::Correction(n) => (
                format!("Correction: {}", e.title),
                format!("Correction, {day}: {}", e.corrections[n].note),
            ),
        };
        x.push_str("<entry>\n");
        let _ = writeln!(x, "<title>{}</title>", xml_escape(&title));
        let _ = writeln!(x, "<id>{link}</id>");
        let _ = writeln!(
            x,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>"
        );
        let _ = writeln!(
            x,
            "<updated>{}</updated>",
            rfc3339_utc(d.date.unix_seconds())
        );
        let _ = writeln!(x, "<summary>{}</summary>", xml_escape(&summary));
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    Page {
        path: PATH.into(),
        bytes: x.into_bytes(),
    }
}
