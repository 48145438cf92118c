//! `events.json`: Annals' own JSON of the whole site, for other programs.
//! Its shape is described by `schemas/events.schema.json` and versioned by
//! its `version` field: a change that could break a reader raises it.
//!
//! Version 2: an event may have no date yet (`date` and `precision` null,
//! `edtf` null), a date may be a decade (`201X`), and each event carries
//! its dates' exact form (`edtf`), whether they are uncertain, whether a
//! range runs on (`end_open`, `2025-02-22/..`) or has an unknown end
//! (`end_unknown`, `2025-02-22/`), and `reported_on`.

use super::Inputs;
use super::json_date::{DateJson, date, precision};
use crate::base_url::BaseUrl;
use crate::date::{DateWords, Dates, End, EventDate, LocalDates, Point};
use crate::model::expectations::Outcome;
use crate::model::site::TermKind;
use crate::model::urls;
use crate::source::event::Event;
use serde::Serialize;

/// The version of the format, `version` in the file.
pub const VERSION: u32 = 2;

#[derive(Serialize)]
struct File<'a> {
    version: u32,
    generator: &'static str,
    title: &'a str,
    description: Option<&'a str>,
    base_url: Option<&'a str>,
    events: Vec<EventJson<'a>>,
    /// With their records from `actors/` (see [`super::actors_json`]).
    actors: Vec<super::actors_json::ActorJson<'a>>,
    places: Vec<TermJson<'a>>,
    tags: Vec<TermJson<'a>>,
}

/// One of an event's own dates, which may also be a decade (`201X`) and
/// say how sure it is.
#[derive(Serialize)]
struct PointJson {
    value: String,
    precision: &'static str,
    text: String,
    approximate: bool,
    uncertain: bool,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    title: &'a str,
    url: &'a str,
    publisher: Option<&'a str>,
    author: Option<&'a str>,
    date: Option<DateJson>,
}

#[derive(Serialize)]
struct EventJson<'a> {
    slug: &'a str,
    /// Absolute with `base_url`, else relative to the site root.
    url: String,
    title: &'a str,
    /// The dates in EDTF: `2022~`, `201X`, `2025-02-17/2025-02-21`,
    /// `2025-02-22/..`; none for an event not dated yet.
    edtf: Option<String>,
    /// The start.
    date: Option<PointJson>,
    /// A known end.
    end: Option<PointJson>,
    /// `/..`: still going.
    end_open: bool,
    /// `/`: the end is not known.
    end_unknown: bool,
    /// The start's precision.
    precision: Option<&'static str>,
    /// Whether any of its dates is approximate, or uncertain.
    approximate: bool,
    uncertain: bool,
    /// "c. 17–21 February 2025", "Date not set".
    when: String,
    /// The day it first became known, as given or by default.
    reported_on: Option<DateJson>,
    status: &'static str,
    summary: Option<&'a str>,
    actors: Vec<&'a str>,
    /// Each of `actors`: the actor it names and its role on the date.
    actor_roles: Vec<super::actors_json::ActorRoleJson<'a>>,
    places: Vec<&'a str>,
    tags: Vec<&'a str>,
    sources: Vec<SourceJson<'a>>,
    /// How the status changed, in time order; empty without a `history`.
    history: Vec<ChangeJson<'a>>,
    /// What it is expected by, and what became of that; none without
    /// `expected_by`.
    expectation: Option<ExpectationJson<'a>>,
    /// The slug of the expected event this one settles.
    fulfils: Option<&'a str>,
    /// Corrections published on its page, newest first; empty without.
    corrections: Vec<CorrectionJson<'a>>,
    related: Vec<&'a str>,
    /// Who said what, when, through which outlet, in the order written.
    claims: Vec<ClaimJson<'a>>,
    /// Pictures, video, audio and links shown with it, in the order
    /// written.
    media: Vec<super::media_json::MediaJson<'a>>,
    /// The body rendered to HTML.
    body_html: &'a str,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    date: DateJson,
    status: &'static str,
    /// The number of the source that says so, in `sources`, from 1.
    source: Option<usize>,
    note: Option<&'a str>,
}

/// One claim, as its front matter gives it: `by` is one of the event's
/// `actors`, `on` its dates in EDTF, and exactly one of `quote` and `said`
/// is not null.
#[derive(Serialize)]
struct ClaimJson<'a> {
    by: &'a str,
    on: String,
    /// `on` for readers: "21 February 2025".
    when: String,
    via: Option<&'a str>,
    quote: Option<&'a str>,
    said: Option<&'a str>,
    /// `asserts`, `denies` or `expects`.
    stance: &'static str,
    /// The number of the source that reports it, in `sources`, from 1;
    /// null when the number written names no source.
    source: Option<usize>,
}

#[derive(Serialize)]
struct CorrectionJson<'a> {
    /// The day it was published.
    date: DateJson,
    note: &'a str,
    /// Its anchor on the event's page: `correction-2`.
    anchor: String,
}

#[derive(Serialize)]
struct ExpectationJson<'a> {
    by: DateJson,
    /// `open`, `fulfilled` or `cancelled`.
    outcome: &'static str,
    /// The slug of the event that fulfils it.
    fulfilled_by: Option<&'a str>,
    /// With `as_of` past the deadline and nothing settling it.
    overdue_since: Option<DateJson>,
}

#[derive(Serialize)]
struct TermJson<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    /// Slugs of its events, in time order.
    events: Vec<&'a str>,
}

fn point(p: &Point, dates: &LocalDates) -> PointJson {
    PointJson {
        value: p.date.machine(),
        precision: precision(p.date.precision),
        text: dates.date(&p.date, &DateWords::default()),
        approximate: p.approximate,
        uncertain: p.uncertain,
    }
}

/// The file's path in the output.
pub const PATH: &str = "events.json";

/// Writes every event and every actor, place and tag to `out`, as it goes:
/// with the bodies, this is the largest file of a site.
pub fn write<'a>(input: &Inputs<'a>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let site: &'a crate::model::site::Site = input.site;
    let bodies: &'a [std::sync::Arc<str>] = input.bodies;
    let url = |rel: String| input.absolute(&rel).unwrap_or(rel);
    // Dates for readers in the site's language, with the theme's words
    // around them ("c.", "since").
    let dates = &LocalDates::new(&site.config.language);
    let words = &input.date_words.borrowed();
    let date = |d: &EventDate| date(d, dates);
    let point = |p: &Point| point(p, dates);
    let event = |i: usize, e: &'a Event| EventJson {
        slug: &e.slug,
        url: url(urls::event(&e.slug)),
        title: &e.title,
        edtf: e.dates.as_ref().map(Dates::edtf),
        date: e.dates.as_ref().map(|d| point(&d.start)),
        end: match e.dates.as_ref().and_then(|d| d.end.as_ref()) {
            Some(End::At(end)) => Some(point(end)),
            _ => None,
        },
        end_open: matches!(
            e.dates.as_ref().and_then(|d| d.end.as_ref()),
            Some(End::Open)
        ),
        end_unknown: matches!(
            e.dates.as_ref().and_then(|d| d.end.as_ref()),
            Some(End::Unknown)
        ),
        precision: e.start_date().map(|d| precision(d.precision)),
        approximate: e.dates.as_ref().is_some_and(Dates::approximate),
        uncertain: e.dates.as_ref().is_some_and(Dates::uncertain),
        when: dates.when(e.dates.as_ref(), words),
        reported_on: e.reported_on.as_ref().map(date),
        status: e.status.as_str(),
        summary: e.summary.as_deref(),
        actors: e.actors.iter().map(String::as_str).collect(),
        actor_roles: super::actors_json::roles_of(input, e),
        places: e.places.iter().map(String::as_str).collect(),
        tags: e.tags.iter().map(String::as_str).collect(),
        sources: e
            .sources
            .iter()
            .map(|s| SourceJson {
                title: &s.title,
                url: &s.url,
                publisher: s.publisher.as_deref(),
                author: s.author.as_deref(),
                date: s.date.as_ref().map(date),
            })
            .collect(),
        history: e
            .history
            .iter()
            .map(|c| ChangeJson {
                date: date(&c.date),
                status: c.status.as_str(),
                source: c.source.map(|n| n + 1),
                note: c.note.as_deref(),
            })
            .collect(),
        expectation: site.expectations[i].as_ref().map(|x| {
            let (outcome, fulfilled_by) = match x.outcome {
                Outcome::Open => ("open", None),
                Outcome::Cancelled => ("cancelled", None),
                Outcome::Fulfilled(j) => ("fulfilled", Some(site.events[j].slug.as_str())),
            };
            ExpectationJson {
                by: date(&x.by),
                outcome,
                fulfilled_by,
                overdue_since: x.overdue_since.as_ref().map(date),
            }
        }),
        fulfils: e.fulfils.as_ref().map(|f| f.value.as_str()),
        corrections: e
            .corrections
            .iter()
            .map(|c| CorrectionJson {
                date: date(&c.date),
                note: &c.note,
                anchor: c.anchor(),
            })
            .collect(),
        related: site.related[i]
            .iter()
            .map(|&j| site.events[j].slug.as_str())
            .collect(),
        claims: e
            .claims
            .iter()
            .map(|c| ClaimJson {
                by: e.actors.get(c.by).map_or("", String::as_str),
                on: c.on.edtf(),
                when: dates.when(Some(&c.on), words),
                via: c.via.as_deref(),
                quote: c.words.is_quote().then(|| c.words.text()),
                said: (!c.words.is_quote()).then(|| c.words.text()),
                stance: c.stance.as_str(),
                source: c.source.map(|n| n + 1),
            })
            .collect(),
        media: super::media_json::items(input, e),
        body_html: &bodies[i],
    };
    let terms = |kind: TermKind| -> Vec<TermJson> {
        site.taxonomy(kind)
            .terms
            .iter()
            .map(|t| TermJson {
                name: &t.name,
                slug: &t.slug,
                url: url(crate::model::urls::term(kind, &t.slug)),
                events: t
                    .events
                    .iter()
                    .map(|&i| site.events[i].slug.as_str())
                    .collect(),
            })
            .collect()
    };
    let file = File {
        version: VERSION,
        generator: concat!("Annals ", env!("CARGO_PKG_VERSION")),
        title: site.title(),
        description: site
            .config
            .description
            .as_deref()
            .or(site.intro.description.as_deref()),
        base_url: site.config.base_url.as_ref().map(BaseUrl::as_str),
        events: site
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| event(i, e))
            .collect(),
        actors: super::actors_json::actors(input, url, dates),
        places: terms(TermKind::Place),
        tags: terms(TermKind::Tag),
    };
    serde_json::to_writer(&mut *out, &file)?;
    out.write_all(b"\n")
}
