//! `timeline.json`: the timeline in the TimelineJS 3 JSON format
//! (<https://timeline.knightlab.com/docs/json-format.html>), for a
//! TimelineJS embed to load.
//!
//! The title slide carries the site's title as its headline and the site's
//! description (`description` in `annals.yaml`, else in `content/_index.md`)
//! as its text. Each event is one slide, in time order:
//!
//! - `start_date` (and `end_date`, when the event has an `end`) holds only
//!   the parts the date has: `{"year": "2021"}` for a year,
//!   `{"year": "2021", "month": "6"}` for a month, `"day"` too for a day,
//!   and `"hour"`, `"minute"` and `"second"` too for an instant. The parts
//!   are strings of integers, as TimelineJS's own examples and spreadsheet
//!   export write them. TimelineJS reads a time as the viewer's local time
//!   and has no UTC offsets, so an instant keeps the wall-clock time the
//!   author wrote (`14:30` of `2025-02-18T14:30:00+03:00`), not UTC;
//!   `display_date` still shows the offset. An instant `end` after an
//!   instant `date` is written in the start's offset (the end
//!   `2025-02-18T08:00:00Z` of a start at `10:00:00+03:00` is `11:00`), as
//!   `display_date` shows it, so the end always follows the start; an end
//!   that is the start again (`end: 2025-02` after `date: 2025-02`) is left
//!   out.
//! - `display_date` is the date as the pages show it ("c. 17–21 February
//!   2025", "18 February 2025, 14:30 UTC+03:00", "May 2025?", "2010s",
//!   "since 22 February 2025", "Date not set"), so TimelineJS never shows
//!   a year or month as if it were its first day. (On its time axis
//!   TimelineJS, which has no notion of precision, still places a year or
//!   month at its first day: a range ending `2025-01` is drawn ending on
//!   1 January 2025, and a decade, `201X`, starts at 2010.)
//! - TimelineJS needs a `start_date` on every slide: an event not dated yet
//!   is placed where the site's timeline places it, at its `reported_on`
//!   (its `display_date` says "Date not set"). An open end (`2025-02-22/..`)
//!   or an unknown one (`2025-02-22/`) has no `end_date`.
//! - `text.headline` is the title and `text.text` the summary in a `<p>`,
//!   both HTML-escaped (TimelineJS renders them as HTML), followed, when
//!   `base_url` is known, by `<p><a href="…">Read more</a></p>` linking to
//!   the event's page.
//! - `media` is the event's first media item that is not decorative:
//!   `url` (absolute with `base_url`), `caption` and `credit` (escaped, as
//!   TimelineJS renders them as HTML), `link` and `alt`.
//! - `group` is the event's first tag, if it has one; `unique_id` is its
//!   slug.
//!
//! An empty timeline still writes valid JSON, with `"events": []`
//! (TimelineJS itself will not show a timeline without events).

use super::{Inputs, xml_escape};
use crate::date::{EventDate, LocalDates, Precision};
use crate::model::urls;
use crate::sink::Page;
use crate::source::event::Event;
use serde::Serialize;

#[derive(Serialize)]
struct Timeline {
    title: Slide,
    events: Vec<Slide>,
}

#[derive(Serialize)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<super::media_json::SlideMedia>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// A TimelineJS date: only the parts the date has.
#[derive(Serialize, Debug, PartialEq)]
struct Date {
    year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    second: Option<String>,
}

/// The file's path in the output.
pub const PATH: &str = "timeline.json";

/// The timeline for a TimelineJS embed.
pub fn timeline(input: &Inputs) -> Page {
    let site = input.site;
    let description = site
        .config
        .description
        .as_deref()
        .or(site.intro.description.as_deref())
        .filter(|d| !d.trim().is_empty());
    let title = Slide {
        start_date: None,
        end_date: None,
        display_date: None,
        text: Text {
            headline: html(site.title()),
            text: description.map(paragraph).unwrap_or_default(),
        },
        media: None,
        group: None,
        unique_id: None,
    };
    let dates = LocalDates::new(&site.config.language);
    let events = site
        .events
        .iter()
        .map(|e| slide(input, e, &dates))
        .collect();
    let mut bytes =
        serde_json::to_vec_pretty(&Timeline { title, events }).expect("JSON of strings");
    bytes.push(b'\n');
    Page {
        path: PATH.into(),
        bytes,
    }
}

/// One event's slide; `dates` writes its `display_date` in the site's
/// language.
fn slide(input: &Inputs, e: &Event, dates: &LocalDates) -> Slide {
    let mut text = e
        .summary
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(paragraph)
        .unwrap_or_default();
    if let Some(url) = input.absolute(&urls::event(&e.slug)) {
        text.push_str(&format!(
            "<p><a href=\"{}\">Read more</a></p>",
            xml_escape(&url)
        ));
    }
    let start = e.placed_at();
    Slide {
        start_date: Some(date(start)),
        end_date: e
            .end_date()
            .and_then(|end| crate::date::end_as_shown(start, end))
            .as_ref()
            .map(date),
        display_date: Some(dates.when(e.dates.as_ref(), &input.date_words.borrowed())),
        text: Text {
            headline: html(&e.title),
            text,
        },
        media: super::media_json::slide(input, e),
        group: e.tags.first().cloned(),
        unique_id: Some(e.slug.clone()),
    }
}

/// The parts of a date at its precision; an instant at its own local time.
fn date(d: &EventDate) -> Date {
    let at = |p: Precision, v: u32| (d.precision >= p).then(|| v.to_string());
    Date {
        year: d.year.to_string(),
        month: at(Precision::Month, d.month.into()),
        day: at(Precision::Day, d.day.into()),
        hour: at(Precision::Instant, d.seconds / 3600),
        minute: at(Precision::Instant, d.seconds / 60 % 60),
        second: at(Precision::Instant, d.seconds % 60),
    }
}

/// Plain text as HTML.
fn html(text: &str) -> String {
    xml_escape(text.trim()).into_owned()
}

/// Plain text as an HTML paragraph.
fn paragraph(text: &str) -> String {
    format!("<p>{}</p>", html(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> EventDate {
        EventDate::parse(s).unwrap()
    }

    fn json(date: &Date) -> String {
        serde_json::to_string(date).unwrap()
    }

    #[test]
    fn dates_have_only_the_parts_they_know() {
        assert_eq!(json(&super::date(&d("2021"))), r#"{"year":"2021"}"#);
        assert_eq!(
            json(&super::date(&d("2021-06"))),
            r#"{"year":"2021","month":"6"}"#
        );
        assert_eq!(
            json(&super::date(&d("2025-02-18"))),
            r#"{"year":"2025","month":"2","day":"18"}"#
        );
        assert_eq!(
            json(&super::date(&d("2025-02-18T14:30:05+03:00"))),
            r#"{"year":"2025","month":"2","day":"18","hour":"14","minute":"30","second":"5"}"#
        );
    }

    #[test]
    fn escapes_text_as_html() {
        assert_eq!(
            paragraph("Tom & Jerry <b> \"x\" 'y'\u{1} — Київ 🗓️"),
            "<p>Tom &amp; Jerry &lt;b&gt; &quot;x&quot; &apos;y&apos; — Київ 🗓️</p>"
        );
        assert_eq!(html("  A < B  "), "A &lt; B");
    }
}
