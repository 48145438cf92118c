//! The theme's words as the pages use them, made once per build from the
//! site's [`Words`]: `w` for templates (every plain word by key), the
//! script's words, the dates in the site's language with the words around
//! them, and the status labels events show.

use super::tera_value;
use crate::date::{Dates, EventDate, LocalDates, Precision, ThemeDateWords};
use crate::language::Words;
use crate::language::words::Entry;
use crate::model::timeline::Month;
use crate::source::event::Status;
use std::sync::Arc;
use tera::{Map, Value};

/// The words every page may show, ready to put in.
pub struct PageWords {
    pub words: Arc<Words>,
    /// `w` in templates: each plain word by its key (counts are said
    /// through `t(key=..., n=...)`).
    pub map: Value,
    /// The words around dates, as text (the dates' HTML escapes them).
    pub dates: ThemeDateWords,
    /// Writes dates in the site's language.
    pub local: LocalDates,
    /// "Date not set", escaped for HTML.
    pub not_set_html: String,
    /// The label of each status, as in [`Status::ALL`]: on events, and in
    /// a history of changes.
    status: Vec<Value>,
    change: Vec<Value>,
}

impl PageWords {
    /// The words of `words`, with dates in the language of `language`
    /// (the site's BCP 47 tag).
    pub fn new(words: Arc<Words>, language: &str) -> PageWords {
        let mut map = Map::new();
        for (key, entry) in words.entries() {
            if let Entry::Text(text) = entry {
                map.insert(key.to_string().into(), text.as_str().into());
            }
        }
        let dates = words.date_words();
        let mut not_set_html = String::with_capacity(dates.not_set.len());
        crate::html::escape_into(&dates.not_set, &mut not_set_html);
        let label = |prefix: &str| -> Vec<Value> {
            Status::ALL
                .iter()
                .map(|s| Value::from(words.get(&format!("{prefix}{}", s.as_str())).to_string()))
                .collect()
        };
        PageWords {
            map: Value::from(map),
            dates,
            local: LocalDates::new(language),
            not_set_html,
            status: label("status_"),
            change: label("change_"),
            words,
        }
    }

    /// What readers are told an event's status is.
    pub fn status(&self, status: Status) -> Value {
        self.status[position(status)].clone()
    }

    /// A status in an event's history of changes.
    pub fn change(&self, status: Status) -> Value {
        self.change[position(status)].clone()
    }

    /// The whole "when" of an event (or of a claim) for readers, in the
    /// site's language: "c. 17–21 February 2025", "з 22 лютого 2025 р.".
    pub fn when(&self, dates: Option<&Dates>) -> String {
        self.local.when(dates, &self.dates.borrowed())
    }

    /// [`PageWords::when`] as HTML, each date in a `<time>`.
    pub fn when_html(&self, dates: Option<&Dates>) -> String {
        self.local.when_html(dates, &self.dates.borrowed())
    }

    /// One date for readers, in the site's language.
    pub fn date(&self, date: &EventDate) -> String {
        self.local.date(date, &self.dates.borrowed())
    }

    /// One date as templates see it (see [`tera_value::date`]).
    pub fn date_value(&self, date: &EventDate) -> Value {
        tera_value::date(date, &self.local)
    }

    /// A month's heading: "February 2025" ("лютий 2025 р."), or for month
    /// 0 (events known only to the year) "Some time in 2025".
    pub fn month_label(&self, year: i16, month: u8) -> String {
        match month {
            0 => self
                .words
                .say("some_time_in", &[("year", &self.local.number(year))]),
            _ => self.date(&EventDate {
                year,
                month,
                day: 1,
                seconds: 0,
                offset: 0,
                precision: Precision::Month,
            }),
        }
    }

    /// The heading of a month of a listing: "February 2025", "Some time in
    /// 2025" (month 0), "Some time in the 2010s" (a decade's events).
    pub fn month(&self, year: i16, m: &Month) -> String {
        match m.decade {
            true => self
                .words
                .say("some_time_in_decade", &[("year", &self.local.number(year))]),
            false => self.month_label(year, m.month),
        }
    }

    /// The words the filter script says on a site of `total` events, as
    /// JSON: the count of all events, the count of those shown
    /// (`{shown}` standing for the number), and its two messages. The
    /// plural forms are chosen here, by `total`, so the script needs no
    /// plural rules.
    pub fn script(&self, total: usize) -> Value {
        let n = total as u64;
        let said = serde_json::json!({
            "events": self.words.say_count("events", n, &[]),
            "shown_of_total": self.words.say_count("shown_of_total", n, &[]),
            "loading": self.words.get("loading"),
            "index_failed": self.words.get("index_failed"),
        });
        Value::from(said.to_string())
    }

    /// The plain word for `key`.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.words.get(key)
    }
}

fn position(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}
