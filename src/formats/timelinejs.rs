//! `timeline.json`: the TimelineJS 3 JSON format. (Being written.)

use super::Inputs;
use crate::render::Page;

/// The timeline for a TimelineJS embed.
pub fn timeline(_input: &Inputs) -> Page {
    Page {
        path: "timeline.json".into(),
        bytes: Vec::new(),
    }
}
