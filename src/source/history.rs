//! An event's `history`: how its status moved, each change with its date,
//! the source that says so and an optional note. A report that is then
//! denied is two entries, and the event's status is the last one's.
//!
//! ```yaml
//! history:
//!   - {date: 2025-02-20, status: reported, source: 1}
//!   - {date: 2025-02-21, status: denied, source: 2, note: "Trump called the reports false."}
//! ```

use super::fields::{Map, Reader};
use super::status::{Status, status_of};
use crate::date::EventDate;
use crate::yaml::Node;

/// The keys of one `history` entry.
pub const KEYS: &[&str] = &["date", "status", "source", "note"];

/// One change of an event's status.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub date: EventDate,
    pub status: Status,
    /// Index into the event's `sources` (written 1-based).
    pub source: Option<usize>,
    pub note: Option<String>,
}

/// Reads `history`, checking each entry: its keys, a date, a known status,
/// a `source` that is the number of one of the event's `sources_len`
/// sources, and entries in time order. Entries with problems are left out
/// (the problems are reported).
pub fn history_field(r: &mut Reader, map: &Map, sources_len: usize) -> Vec<Change> {
    let Some(items) = r.list(map, "history") else {
        return Vec::new();
    };
    let mut history: Vec<Change> = Vec::with_capacity(items.len());
    for item in items {
        let Some(m) = r.mapping(item, "a `history` entry", KEYS) else {
            continue;
        };
        let date = r.text(&m, "date", true).and_then(|text| {
            EventDate::parse(&text.value)
                .map_err(|why| {
                    let pos = m.get("date").map(Node::pos).unwrap_or_default();
                    r.report(
                        pos,
                        why,
                        format!("a history date is {}", crate::date::FORMS),
                    );
                })
                .ok()
        });
        let status = status_of(r, &m, true);
        let source = match m.get("source") {
            None => None,
            Some(node) => {
                let number = r.count(&m, "source", 1, usize::MAX);
                match number {
                    Some(n) if n <= sources_len => Some(n - 1),
                    Some(n) => {
                        r.report(
                            node.pos(),
                            format!(
                                "there is no source {n}: this event has {}",
                                count(sources_len)
                            ),
                            "`source` is the number of an entry of `sources`, counting from 1",
                        );
                        None
                    }
                    None => None,
                }
            }
        };
        let note = r.text(&m, "note", false).map(|n| n.value);
        let (Some(date), Some(status)) = (date, status) else {
            continue;
        };
        if let Some(before) = history.last()
            && date < before.date
        {
            let pos = m.get("date").map(Node::pos).unwrap_or_default();
            r.report(
                pos,
                format!(
                    "this entry ({date}) comes before the one above it ({})",
                    before.date
                ),
                "write `history` in time order, the earliest change first",
            );
            continue;
        }
        history.push(Change {
            date,
            status,
            source,
            note,
        });
    }
    history
}

/// The event's status given its history's `last` entry: the entry's, and
/// a `status` written beside it must say the same.
pub fn agrees(r: &mut Reader, map: &Map, written: Status, last: &Change) -> Status {
    if let Some(node) = map.get("status")
        && written != last.status
    {
        r.report(
            node.pos(),
            format!(
                "`status: {}` disagrees with the last `history` entry ({}, {})",
                written.as_str(),
                last.status.as_str(),
                last.date
            ),
            "the status is the last history entry's: leave `status` out, or make them agree",
        );
    }
    last.status
}

/// How many sources an event has, for messages: "no `sources`", "1
/// source", "3 sources".
pub(super) fn count(sources: usize) -> String {
    match sources {
        0 => "no `sources`".to_string(),
        1 => "1 source".to_string(),
        n => format!("{n} sources"),
    }
}
