//! The theme's words as the pages use them, made once per build from the
//! site's [`Words`]: `w` for templates (every plain word by key), the
//! script's words, the words around dates, and the status labels events
//! show.

use crate::date::DateWords;
use crate::language::Words;
use crate::language::words::{Entry, escape_html};
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
    /// The words the filter script shows, as JSON: the counts it says and
    /// its messages (`script_words` in templates).
    pub script: Value,
    /// The words around dates, as text.
    pub dates: DateWords,
    /// The same, escaped for HTML.
    pub dates_html: DateWords,
    /// The label of each status, as in [`Status::ALL`]: on events, and in
    /// a history of changes.
    status: Vec<Value>,
    change: Vec<Value>,
}

impl PageWords {
    pub fn new(words: Arc<Words>) -> PageWords {
        let mut map = Map::new();
        let mut script = serde_json::Map::new();
        for (key, entry) in words.entries() {
            if let Entry::Text(text) = entry {
                map.insert(key.to_string().into(), text.as_str().into());
            }
            if SCRIPT.contains(&key) {
                let value = match entry {
                    Entry::Text(text) => serde_json::Value::from(text.as_str()),
                    Entry::Forms(forms) => forms
                        .iter()
                        .map(|(p, s)| (p.as_str().to_string(), serde_json::Value::from(s.as_str())))
                        .collect::<serde_json::Map<_, _>>()
                        .into(),
                };
                script.insert(key.to_string(), value);
            }
        }
        let dates = DateWords {
            not_set: words.get("date_not_set").into(),
            circa: words.get("circa").into(),
            uncertain: words.get("uncertain").into(),
            since: words.get("since").into(),
            open_end: words.get("open_end").into(),
        };
        let html = |s: &str| {
            let mut out = String::with_capacity(s.len());
            escape_html(s, &mut out);
            out
        };
        let dates_html = DateWords {
            not_set: html(&dates.not_set),
            circa: html(&dates.circa),
            uncertain: html(&dates.uncertain),
            since: html(&dates.since),
            open_end: html(&dates.open_end),
        };
        let label = |prefix: &str| -> Vec<Value> {
            Status::ALL
                .iter()
                .map(|s| Value::from(words.get(&format!("{prefix}{}", s.as_str())).to_string()))
                .collect()
        };
        PageWords {
            map: Value::from(map),
            script: Value::from(serde_json::Value::Object(script).to_string()),
            dates,
            dates_html,
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

    /// A month's heading: "February 2025", or for month 0 (events known
    /// only to the year) "Some time in 2025".
    pub fn month_label(&self, year: i16, month: u8) -> String {
        match month {
            0 => self
                .words
                .say("some_time_in", &[("year", &year.to_string())]),
            _ => crate::model::timeline::month_label(year, month),
        }
    }

    /// The heading of a month of a listing (see [`Month::label`]).
    pub fn month(&self, year: i16, m: &Month) -> String {
        match m.decade {
            true => self
                .words
                .say("some_time_in_decade", &[("year", &year.to_string())]),
            false => self.month_label(year, m.month),
        }
    }

    /// The plain word for `key`.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.words.get(key)
    }
}

/// The words the filter script says.
const SCRIPT: &[&str] = &["events", "shown_of_total", "loading", "index_failed"];

fn position(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}
