//! `calendar.ics`: iCalendar (RFC 5545). (Being written.)

use super::Inputs;
use crate::render::Page;

/// The calendar of every event.
pub fn calendar(_input: &Inputs) -> Page {
    Page {
        path: "calendar.ics".into(),
        bytes: Vec::new(),
    }
}
