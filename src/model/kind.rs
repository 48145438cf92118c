//! The three kinds of names an event carries: actors, places and tags.

use crate::source::event::Event;

/// The three kinds of names an event can carry, each with pages of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    Actor,
    Place,
    Tag,
}

impl TermKind {
    pub const ALL: [TermKind; 3] = [TermKind::Actor, TermKind::Place, TermKind::Tag];

    /// The URL folder and front matter key: `actors`, `places`, `tags`.
    pub fn key(self) -> &'static str {
        match self {
            TermKind::Actor => "actors",
            TermKind::Place => "places",
            TermKind::Tag => "tags",
        }
    }

    /// "Actor", "Place", "Tag".
    pub fn singular(self) -> &'static str {
        match self {
            TermKind::Actor => "Actor",
            TermKind::Place => "Place",
            TermKind::Tag => "Tag",
        }
    }

    /// "Actors", "Places", "Tags".
    pub fn plural(self) -> &'static str {
        match self {
            TermKind::Actor => "Actors",
            TermKind::Place => "Places",
            TermKind::Tag => "Tags",
        }
    }

    /// The names an event carries of this kind.
    pub fn names(self, event: &Event) -> &[String] {
        match self {
            TermKind::Actor => &event.actors,
            TermKind::Place => &event.places,
            TermKind::Tag => &event.tags,
        }
    }
}
