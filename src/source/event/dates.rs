//! An event's dates read from its front matter — `date` (any form of
//! [`Dates`]), `end`, `approximate` — and `reported_on`, the day the event
//! first became known, with its default; and what the later stages ask of
//! them: the wording, and where the event is placed in time.

use super::{Event, Status};
use crate::date::{self, Dates, End, EventDate, Point, Precision};
use crate::source::fields::{Map, Reader};
use crate::yaml::Node;

impl Status {
    /// Whether an event of this status may leave out `date`: one that is
    /// only announced, planned, expected or reported may not have one yet.
    pub fn may_be_undated(self) -> bool {
        matches!(
            self,
            Status::Announced | Status::Planned | Status::Expected | Status::Reported
        )
    }
}

/// Where an event with nothing to place it by is put: never, since such an
/// event is refused, but the type needs a date.
static NOWHERE: EventDate = EventDate {
    year: 1,
    month: 1,
    day: 1,
    seconds: 0,
    offset: 0,
    precision: Precision::Year,
};

impl Event {
    /// When it is, for readers: "c. 17–21 February 2025", "Date not set".
    pub fn when(&self) -> String {
        date::when(self.dates.as_ref())
    }

    /// [`Event::when`] as HTML, with a `<time>` element per date.
    pub fn when_html(&self) -> String {
        date::when_html(self.dates.as_ref())
    }

    /// The date the event is placed at in time: the start of its dates, or,
    /// for an event not dated yet, its `reported_on`.
    pub fn placed_at(&self) -> &EventDate {
        match (&self.dates, &self.reported_on) {
            (Some(dates), _) => &dates.start.date,
            (None, Some(reported)) => reported,
            (None, None) => &NOWHERE,
        }
    }

    /// The start of its dates, if it has any.
    pub fn start_date(&self) -> Option<&EventDate> {
        self.dates.as_ref().map(|d| &d.start.date)
    }

    /// The known end of its dates, if they are a range with one.
    pub fn end_date(&self) -> Option<&EventDate> {
        self.dates.as_ref().and_then(Dates::end_date)
    }

    /// Whether the event goes in a calendar: it has dates, and they do not
    /// run on with no end (`/..`) or an unknown one (`/`).
    pub fn has_calendar_dates(&self) -> bool {
        self.dates
            .as_ref()
            .is_some_and(|d| !matches!(d.end, Some(End::Open | End::Unknown)))
    }
}

/// The `reported_on default`: the day an event first became known, when
/// its front matter does not say.
///
/// 1. The earliest `history` date, if the event has a history.
/// 2. For an event that happened, was announced or was cancelled, the
///    start of its `date`.
/// 3. Otherwise the earliest `date` of its sources (for a planned,
///    expected, reported or denied event, and for an announced one that has
///    no date yet).
pub fn reported_on_default(event: &Event) -> Option<EventDate> {
    if let Some(first) = event.history.first() {
        return Some(first.date.clone());
    }
    let started = matches!(
        event.status,
        Status::Happened | Status::Announced | Status::Cancelled
    );
    if started && let Some(start) = event.start_date() {
        return Some(start.clone());
    }
    event
        .sources
        .iter()
        .filter_map(|s| s.date.as_ref())
        .min()
        .cloned()
}

/// What `read` found.
pub(super) struct Read {
    pub dates: Option<Dates>,
    /// `date` is left out (or empty), as the status allows.
    pub undated: bool,
}

/// Reads `date`, `end` and `approximate`, reporting every problem: a date
/// in no form Annals reads, a range that ends before it starts or that is
/// given twice, `date` left out of an event whose status needs one.
pub(super) fn read(r: &mut Reader, map: &Map, status: Status) -> Read {
    let help = |key: &str| format!("`{key}` takes {}", date::DATE_FORMS);
    let required = !status.may_be_undated();
    let mut dates = None;
    let mut undated = false;
    if required && map.get("date").is_none() {
        r.report(
            map.pos,
            format!("`date` is missing: a {} event needs a date", status.as_str()),
            "add a line `date: 2025-02-18` (or 2025-02, 2025, 2022~, 201X, 2025-02-17/2025-02-21...); only an announced, planned, expected or reported event may leave `date` out",
        );
    } else {
        let before = r.problems.len();
        match r.text(map, "date", required) {
            Some(text) => match Dates::parse(&text.value) {
                Ok(d) => dates = Some(d),
                Err(why) => {
                    let pos = map.get("date").map(Node::pos).unwrap_or_default();
                    r.report(pos, why, help("date"));
                }
            },
            None => undated = r.problems.len() == before && !required,
        }
    }

    if let Some(text) = r.text(map, "end", false) {
        let pos = map.get("end").map(Node::pos).unwrap_or_default();
        let given = text.value.as_str();
        let end = if given.contains('/') || given == ".." {
            r.report(
                pos,
                format!("`{given}` is a range, but `end` takes one date"),
                "write a range in `date` alone: `date: 2025-02-17/2025-02-21`, `date: 2025-02-22/..` (still going) or `date: 2025-02-22/` (end unknown)",
            );
            None
        } else {
            match Point::parse(given) {
                Ok(end) => Some(end),
                Err(why) => {
                    r.report(pos, why, help("end"));
                    None
                }
            }
        };
        match (&mut dates, end) {
            (Some(Dates { end: Some(_), .. }), Some(_)) => r.report(
                pos,
                "the end is given twice: after the `/` in `date`, and in `end`",
                "keep one: `date: 2025-02-17/2025-02-21`, or `date: 2025-02-17` and `end: 2025-02-21`",
            ),
            (Some(dates), Some(end)) if !dates.start.date.not_after(&end.date) => r.report(
                pos,
                format!(
                    "the event ends ({}) before it starts ({})",
                    end.date, dates.start.date
                ),
                "`end` must not be before `date`",
            ),
            (Some(dates), Some(end)) => dates.end = Some(End::At(end)),
            (None, Some(_)) if undated => r.report(
                pos,
                "`end` is given, but `date` is not",
                "give the start in `date`, or leave `end` out until the dates are known",
            ),
            _ => {}
        }
    }

    if r.flag(map, "approximate") == Some(true) {
        match &mut dates {
            Some(dates) => {
                dates.start.approximate = true;
                if let Some(End::At(end)) = &mut dates.end {
                    end.approximate = true;
                }
            }
            None if undated => {
                let pos = map.get("approximate").map(Node::pos).unwrap_or_default();
                r.report(
                    pos,
                    "`approximate: true`, but there is no `date` to be approximate",
                    "leave `approximate` out until the date is known, or give the date, e.g. `date: 2022~`",
                );
            }
            None => {}
        }
    }
    Read { dates, undated }
}

/// Reports an event without a date that has nothing to place it by: no
/// `reported_on`, and no default for it.
pub(super) fn check_placed(r: &mut Reader, map: &Map, event: &Event) {
    if event.dates.is_some() || event.reported_on.is_some() {
        return;
    }
    let pos = map.get("status").map_or(map.pos, Node::pos);
    r.report(
        pos,
        format!(
            "this {} event has no date, and nothing says when it became known",
            event.status.as_str()
        ),
        "add `reported_on: 2025-02-22` (the day it first became known), a `history`, or a source with a `date`: an event without a date is placed in the timeline at that day",
    );
}
