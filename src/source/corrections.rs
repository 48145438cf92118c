//! An event's `corrections`: what was put right on its page after it was
//! published, each with the day the correction was published and a note
//! saying what changed.
//!
//! ```yaml
//! corrections:
//!   - date: 2025-02-23
//!     note: "An earlier version gave the meeting's date as 19 February."
//! ```
//!
//! Entries may be written in any order; they are kept (and shown) newest
//! first. Each keeps its place in the file as its `number` (from 1), which
//! names its anchor on the event's page (`#correction-2`): a correction
//! added at the end of the list never changes the anchor of one before it.

use super::fields::{Map, Reader};
use crate::date::{EventDate, Precision};
use crate::yaml::Node;

/// The keys of one `corrections` entry.
pub const KEYS: &[&str] = &["date", "note"];

/// One published correction.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// The day it was published (day precision).
    pub date: EventDate,
    /// What was corrected, as plain text.
    pub note: String,
    /// Its place in the file's list, from 1: its anchor is
    /// `correction-<number>`.
    pub number: usize,
}

impl Correction {
    /// Its anchor on the event's page, without `#`: `correction-2`.
    pub fn anchor(&self) -> String {
        format!("correction-{}", self.number)
    }
}

/// Reads `corrections`, checking each entry: its keys (with a "did you
/// mean"), a `date` that is a day, and a `note` of plain text. Entries
/// with problems are left out (the problems are reported). The result is
/// newest first; of two on one day, the one written later first.
pub fn corrections_field(r: &mut Reader, map: &Map) -> Vec<Correction> {
    let Some(node) = map.get("corrections") else {
        return Vec::new();
    };
    let items = match node {
        Node::Seq { items, .. } => items,
        _ if node.is_null() => return Vec::new(),
        other => {
            r.report(
                other.pos(),
                format!("`corrections` must be a list, but this is {}", other.kind()),
                "write each correction as a list item: `- date: 2025-02-23` then `note: ...` on the next line",
            );
            return Vec::new();
        }
    };
    let mut found = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let Some(m) = r.mapping(item, "a correction", KEYS) else {
            continue;
        };
        let date = r.text(&m, "date", true).and_then(|text| {
            let pos = m.get("date").map(Node::pos).unwrap_or_default();
            match EventDate::parse(&text.value) {
                Ok(d) if d.precision == Precision::Day => Some(d),
                Ok(_) => {
                    r.report(
                        pos,
                        format!(
                            "`{}` is not a day: a correction is published on a day",
                            text.value
                        ),
                        "write the day it was published, such as 2025-02-23",
                    );
                    None
                }
                Err(why) => {
                    r.report(
                        pos,
                        why,
                        "a correction's date is the day it was published, such as 2025-02-23",
                    );
                    None
                }
            }
        });
        let note = r.text(&m, "note", true);
        if let (Some(date), Some(note)) = (date, note) {
            found.push(Correction {
                date,
                note: note.value,
                number: n + 1,
            });
        }
    }
    found.sort_by(|a, b| b.date.cmp(&a.date).then(b.number.cmp(&a.number)));
    found
}

#[cfg(test)]
mod tests {
    use crate::source::event::parse_event;
    use std::path::Path;

    #[test]
    fn kept_newest_first_with_their_places_in_the_file() {
        let text = "---\ntitle: A\ndate: 2025\ncorrections:\n  - {date: 2025-02-23, note: First written}\n  - {date: 2025-03-01, note: Newest}\n  - {date: 2025-02-23, note: \"Same day, written later\"}\n---\n";
        let e = parse_event(Path::new("a.md"), text).unwrap();
        let seen: Vec<(usize, &str, String)> = e
            .corrections
            .iter()
            .map(|c| (c.number, c.note.as_str(), c.anchor()))
            .collect();
        assert_eq!(
            seen,
            [
                (2, "Newest", "correction-2".to_string()),
                (3, "Same day, written later", "correction-3".to_string()),
                (1, "First written", "correction-1".to_string()),
            ]
        );
    }
}
