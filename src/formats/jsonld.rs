//! schema.org JSON-LD for event pages, which search engines read.

use super::standing::Standing;
use crate::date::EventDate;
use crate::model::{Site, urls};
use serde::Serialize;

/// schema.org `Event` JSON-LD for an event's page, safe to put inside a
/// `<script>` element. Dates keep their precision (`2021-06` is a valid
/// ISO 8601 date); an event not dated yet has no `startDate`, nor has one
/// known only to the decade (`201X`: ISO 8601-1 has no decade, and `2010`
/// would claim the year), and an open or unknown end no `endDate`;
/// `eventStatus` is `EventScheduled` or `EventCancelled`
/// where the event's status bears it out, and left out where it does not
/// (reported, expected and denied events, and announced and planned ones
/// whose dates are not known to the day: see `standing.rs`); places become
/// `location`; sources become `subjectOf`
/// as the articles about the event they are (not `sameAs`, which would
/// claim they are the event itself). Corrections become the page's
/// (`mainEntityOfPage`, a `WebPage`) `correction`s, each a
/// `CorrectionComment` with `text` and `datePublished`, newest first.
pub fn event(site: &Site, i: usize) -> String {
    // Fields in alphabetical order, as the pages have always had them.
    #[derive(Serialize)]
    struct Ld<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'a str>,
        #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
        end_date: Option<String>,
        #[serde(rename = "eventStatus", skip_serializing_if = "Option::is_none")]
        event_status: Option<&'static str>,
        /// Its first picture, where an absolute address is known.
        #[serde(skip_serializing_if = "Option::is_none")]
        image: Option<Image<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        location: Vec<Named<'a>>,
        #[serde(rename = "mainEntityOfPage", skip_serializing_if = "Option::is_none")]
        main_entity_of_page: Option<Page<'a>>,
        name: &'a str,
        #[serde(rename = "startDate", skip_serializing_if = "Option::is_none")]
        start_date: Option<String>,
        #[serde(rename = "subjectOf", skip_serializing_if = "Vec::is_empty")]
        subject_of: Vec<Work<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    }
    /// A Place, Organization or Person: a type and a name.
    #[derive(Serialize)]
    struct Named<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
    }
    /// The event's page, which carries its corrections: schema.org gives
    /// `correction` to a CreativeWork (a WebPage is one), not to an Event.
    #[derive(Serialize)]
    struct Page<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        correction: Vec<Comment<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    }
    /// An ImageObject: the picture's address and size, caption and credit.
    #[derive(Serialize)]
    struct Image<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<&'a str>,
        #[serde(rename = "creditText", skip_serializing_if = "Option::is_none")]
        credit_text: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        height: Option<u32>,
        url: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        width: Option<u32>,
    }
    /// A CorrectionComment: what was corrected, and when.
    #[derive(Serialize)]
    struct Comment<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "datePublished")]
        date_published: String,
        text: &'a str,
    }
    #[derive(Serialize)]
    struct Work<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        author: Option<Named<'a>>,
        #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
        date_published: Option<String>,
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        publisher: Option<Named<'a>>,
        url: &'a str,
    }
    let e = &site.events[i];
    let named = |kind, name| Named { kind, name };
    let url = site
        .config
        .base_url
        .as_ref()
        .map(|base| base.join(&format!("{}{}", site.prefix(), urls::event(&e.slug))));
    let image = crate::model::media::first_picture(site, e).and_then(|(item, p)| {
        let url = match item.file() {
            Some(_) => site.config.base_url.as_ref()?.join(&p.src),
            None => p.src.clone(),
        };
        let (width, height) = p.src_size.unzip();
        Some(Image {
            kind: "ImageObject",
            caption: item.caption.as_deref(),
            credit_text: item.credit.as_deref(),
            height,
            url,
            width,
        })
    });
    let ld = Ld {
        context: "https://schema.org",
        kind: "Event",
        description: e.summary.as_deref(),
        end_date: e.end_date().and_then(EventDate::datetime),
        event_status: Standing::of(e).event_status(),
        image,
        location: e
            .places
            .iter()
            .map(|p| named("Place", p.as_str()))
            .collect(),
        main_entity_of_page: (!e.corrections.is_empty()).then(|| Page {
            kind: "WebPage",
            correction: e
                .corrections
                .iter()
                .map(|c| Comment {
                    kind: "CorrectionComment",
                    date_published: c.date.machine(),
                    text: &c.note,
                })
                .collect(),
            url: url.clone(),
        }),
        name: &e.title,
        start_date: e.start_date().and_then(EventDate::datetime),
        subject_of: e
            .sources
            .iter()
            .map(|s| Work {
                kind: "CreativeWork",
                author: s.author.as_deref().map(|a| named("Person", a)),
                date_published: s.date.as_ref().map(EventDate::machine),
                name: &s.title,
                publisher: s.publisher.as_deref().map(|p| named("Organization", p)),
                url: &s.url,
            })
            .collect(),
        url,
    };
    // `<`, `>` and `&` as JSON escapes: the text can never end the script.
    let json = serde_json::to_string(&ld).expect("JSON of strings");
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}
