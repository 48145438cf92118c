//! What an event is expected to be settled by: `expected_by`, the deadline
//! a planned, expected or announced event should have happened by, and
//! `fulfils`, on the later event that settles it.
//!
//! ```yaml
//! expected_by: 2025-03-08     # on the expected event
//! fulfils: 2025-02-22-envoys-meeting-expected   # on the event that settles it
//! ```

use super::fields::{Map, Reader, Spanned};
use super::status::Status;
use crate::date::EventDate;
use crate::yaml::Node;

/// The statuses an expectation can stand on: it has not happened (yet), or
/// it was called off (which settles it).
pub const EXPECTING: [Status; 4] = [
    Status::Planned,
    Status::Expected,
    Status::Announced,
    Status::Cancelled,
];

/// Reads `expected_by` (a date, on an event whose `status` is one of
/// [`EXPECTING`]) and `fulfils` (a slug), each with where it is written.
pub fn read(
    r: &mut Reader,
    map: &Map,
    status: Status,
) -> (Option<Spanned<EventDate>>, Option<Spanned<String>>) {
    let by = r.text(map, "expected_by", false).and_then(|text| {
        let pos = map.get("expected_by").map(Node::pos).unwrap_or_default();
        match EventDate::parse(&text.value) {
            Err(why) => {
                r.report(pos, why, format!("`expected_by` is {}", crate::date::FORMS));
                None
            }
            Ok(_) if !EXPECTING.contains(&status) => {
                r.report(
                    pos,
                    format!("a {} event is expected by no date", status.as_str()),
                    "`expected_by` goes on a planned, expected or announced event (or one since cancelled): the deadline by which it should have happened",
                );
                None
            }
            Ok(date) => Some(Spanned {
                value: date,
                line: text.line,
                column: text.column,
            }),
        }
    });
    let fulfils = r.text(map, "fulfils", false);
    (by, fulfils)
}
