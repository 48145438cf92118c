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
use crate::date::{DateWords, EventDate, LocalDates, full_stop, rfc3339_utc};
use crate::model::changes::{Development, Kind, first_reported_lead};
use crate::model::urls;
use crate::sink::Page;
use std::fmt::Write as _;

/// Where the feed is written.
pub const PATH: &str = "changes.xml";

/// The feed of the site's developments.
pub fn feed(input: &Inputs) -> Page {
    let site = input.site;
    let dates = LocalDates::new(&site.config.language);
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
        let day = dates.date(&d.date, &DateWords::default());
        let (title, summary) = match d.kind {
            Kind::Reported => (
                format!("First reported: {}", e.title),
                full_stop(&first_reported(&d.date, &dates)),
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

/// "First reported on 22 February 2025", "First reported in June 2021",
/// "First reported in the 2010s": the feed's words for a first report,
/// the date in the site's language.
fn first_reported(day: &EventDate, dates: &LocalDates) -> String {
    let shown = dates.date(day, &DateWords::default());
    format!("{} {shown}", first_reported_lead(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_report_says_its_date_in_the_sites_language() {
        let day = EventDate::parse("2025-02-21").unwrap();
        let month = EventDate::parse("2021-06").unwrap();
        let en = LocalDates::english();
        assert_eq!(
            first_reported(&day, &en),
            "First reported on 21 February 2025"
        );
        assert_eq!(first_reported(&month, &en), "First reported in June 2021");
        let uk = LocalDates::new("uk");
        assert!(first_reported(&day, &uk).ends_with("21 лютого 2025\u{202f}р."));
    }
}
