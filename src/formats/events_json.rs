//! `events.json`: Annals' own JSON of the site. (Being written.)

use super::Inputs;
use crate::render::Page;

/// Every event and every actor, place and tag.
pub fn events(_input: &Inputs) -> Page {
    Page {
        path: "events.json".into(),
        bytes: Vec::new(),
    }
}
