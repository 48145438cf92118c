//! Where an event stands: the `status` word, read from front matter or a
//! `history` entry.

use super::fields::{Map, Reader};
use crate::diagnostics::allowed_help;
use crate::yaml::Node;

/// Where an event stands: whether it happened, or only was said to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Happened,
    Announced,
    Planned,
    Expected,
    Reported,
    Denied,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Happened,
        Status::Announced,
        Status::Planned,
        Status::Expected,
        Status::Reported,
        Status::Denied,
        Status::Cancelled,
    ];

    /// The word used in front matter and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Happened => "happened",
            Status::Announced => "announced",
            Status::Planned => "planned",
            Status::Expected => "expected",
            Status::Reported => "reported",
            Status::Denied => "denied",
            Status::Cancelled => "cancelled",
        }
    }

    /// The label readers see.
    pub fn label(self) -> &'static str {
        match self {
            Status::Happened => "Happened",
            Status::Announced => "Announced",
            Status::Planned => "Planned",
            Status::Expected => "Expected",
            Status::Reported => "Reported, unconfirmed",
            Status::Denied => "Denied",
            Status::Cancelled => "Cancelled",
        }
    }

    pub fn parse(word: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

/// The `status` of `map` (front matter or a `history` entry), if it is
/// there and one of [`Status::ALL`]; an unknown word is reported with the
/// allowed ones.
pub fn status_of(r: &mut Reader, map: &Map, required: bool) -> Option<Status> {
    let word = r.text(map, "status", required)?;
    let status = Status::parse(&word.value);
    if status.is_none() {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        let help = allowed_help(&word.value, &names);
        let pos = map.get("status").map(Node::pos).unwrap_or_default();
        r.report(pos, format!("`{}` is not a status", word.value), help);
    }
    status
}
