//! Reads a TimelineJS 3 JSON file
//! (<https://timeline.knightlab.com/docs/json-format.html>): `{title?,
//! events, eras?}`, each slide with `start_date`, `end_date`, `text`,
//! `media`, `group`, `display_date` and `unique_id`.
//!
//! It is read as a `serde_json::Value` and interpreted leniently, as
//! TimelineJS does: numbers may be strings, unknown keys are ignored, and a
//! slide that does not fit is skipped with a reason instead of failing the
//! whole file. Only a file that is not JSON, or not an object with an
//! `events` list, is an error.

use super::{DateParts, Input, Slide};
use crate::diagnostics::Diagnostic;
use serde_json::{Map, Value};
use std::path::Path;

const SHAPE: &str = "a TimelineJS file is a JSON object: {\"title\": {…}, \"events\": [{\"start_date\": {\"year\": \"2021\"}, \"text\": {\"headline\": \"…\"}}, …]}";

pub(super) fn read(file: &Path, text: &str) -> Result<Input, Vec<Diagnostic>> {
    let value: Value = serde_json::from_str(text).map_err(|e| vec![syntax(file, text, &e)])?;
    let Value::Object(root) = value else {
        return Err(vec![
            Diagnostic::new(
                Some(file),
                "this JSON is not a TimelineJS timeline: it is not an object",
            )
            .help(SHAPE),
        ]);
    };
    let events = match root.get("events") {
        Some(Value::Array(events)) => events,
        Some(_) => {
            return Err(vec![
                Diagnostic::new(Some(file), "`events` is not a list of slides").help(SHAPE),
            ]);
        }
        None => {
            return Err(vec![
                Diagnostic::new(
                    Some(file),
                    "this JSON has no `events`: it is not a TimelineJS timeline",
                )
                .help(SHAPE),
            ]);
        }
    };
    let not_a_slide = |label: String| Slide {
        label,
        skip: Some("it is not a slide (a JSON object)".into()),
        ..Slide::default()
    };
    let mut input = Input::default();
    match root.get("title") {
        Some(Value::Object(title)) => input.title = Some(slide(title, "the title slide".into())),
        Some(Value::Null) | None => {}
        Some(_) => input.title = Some(not_a_slide("the title slide".into())),
    }
    for (i, event) in events.iter().enumerate() {
        let label = format!("slide {}", i + 1);
        input.events.push(match event {
            Value::Object(map) => slide(map, label),
            _ => not_a_slide(label),
        });
    }
    if let Some(Value::Array(eras)) = root.get("eras") {
        for (i, era) in eras.iter().enumerate() {
            let label = format!("era {}", i + 1);
            let mut era = match era {
                Value::Object(map) => slide(map, label),
                _ => Slide {
                    label,
                    ..Slide::default()
                },
            };
            era.skip = Some("it is an era, and Annals has no eras".into());
            input.events.push(era);
        }
    }
    Ok(input)
}

/// A JSON syntax error at its line and column (in characters).
fn syntax(file: &Path, text: &str, e: &serde_json::Error) -> Diagnostic {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => &message,
    };
    let line = e.line().max(1);
    // serde_json counts bytes; messages count characters.
    let column = text.lines().nth(line - 1).map_or(e.column(), |l| {
        let bytes = e.column().saturating_sub(1).min(l.len());
        let bytes = (0..=bytes)
            .rev()
            .find(|&b| l.is_char_boundary(b))
            .unwrap_or(0);
        l[..bytes].chars().count() + 1
    });
    Diagnostic::at(
        file,
        line,
        column,
        format!("this is not valid JSON: {message}"),
    )
    .help(SHAPE)
}

fn slide(map: &Map<String, Value>, label: String) -> Slide {
    let object = |key: &str| map.get(key).and_then(Value::as_object);
    let field = |obj: Option<&Map<String, Value>>, key: &str| {
        obj.and_then(|o| o.get(key)).map(text).unwrap_or_default()
    };
    let start = map.get("start_date").map(date);
    let end = map.get("end_date").map(date);
    let mut display_date = map.get("display_date").map(text).unwrap_or_default();
    if display_date.trim().is_empty() {
        // TimelineJS also takes a display date inside each date.
        let own = |key: &str| field(object(key), "display_date");
        display_date = match (own("start_date"), own("end_date")) {
            (a, b) if b.trim().is_empty() => a,
            (a, b) if a.trim().is_empty() => b,
            (a, b) => format!("{a} – {b}"),
        };
    }
    Slide {
        label,
        start,
        end,
        display_date,
        headline: field(object("text"), "headline"),
        text: field(object("text"), "text"),
        media_url: field(object("media"), "url"),
        media_caption: field(object("media"), "caption"),
        media_credit: field(object("media"), "credit"),
        media_alt: field(object("media"), "alt"),
        media_link: field(object("media"), "link"),
        group: map.get("group").map(text).unwrap_or_default(),
        unique_id: map.get("unique_id").map(text).unwrap_or_default(),
        skip: None,
    }
}

/// A JSON value as text: strings as they are, numbers and booleans
/// written out, anything else empty.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// A date part: a string or a number (`2021.0` is 2021); empty or `null`
/// is absent.
fn part(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.as_i64().is_none() && n.as_u64().is_none() && f.fract() == 0.0 => {
                format!("{f:.0}")
            }
            _ => n.to_string(),
        },
        Value::String(s) => s.trim().to_string(),
        Value::Null => return None,
        other => other.to_string(),
    };
    (!text.is_empty()).then_some(text)
}

fn date(value: &Value) -> DateParts {
    let Value::Object(map) = value else {
        return match value {
            Value::Null => DateParts::default(),
            _ => DateParts {
                problem: Some(
                    "its date is not an object of parts like {\"year\": \"2021\"}".into(),
                ),
                ..DateParts::default()
            },
        };
    };
    DateParts {
        year: part(map.get("year")),
        month: part(map.get("month")),
        day: part(map.get("day")),
        hour: part(map.get("hour")),
        minute: part(map.get("minute")),
        second: part(map.get("second")),
        problem: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_have_their_place() {
        let text = "{\n  \"events\": [\n    {\"é\": x}\n  ]\n}";
        let e = read(Path::new("t.json"), text).unwrap_err();
        assert_eq!((e[0].line, e[0].column), (3, 11));
        assert!(
            e[0].message
                .starts_with("this is not valid JSON: expected value"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn reads_slides_leniently() {
        let text = r#"{
            "title": {"text": {"headline": "T", "text": "<p>Intro</p>"}},
            "events": [
                {"start_date": {"year": 2021, "month": "6", "day": null}, "text": {"headline": "A"}, "group": "g", "unique_id": "a"},
                {"start_date": {"year": -44.0}, "end_date": {"year": ""}, "media": {"url": "u", "caption": "c", "credit": "r", "alt": "a", "link": "l"}},
                "not a slide"
            ],
            "eras": [{"start_date": {"year": 1}, "text": {"headline": "E"}}]
        }"#;
        let input = read(Path::new("t.json"), text).unwrap();
        assert_eq!(input.title.as_ref().unwrap().headline, "T");
        let a = &input.events[0];
        assert_eq!(a.start.as_ref().unwrap().year.as_deref(), Some("2021"));
        assert_eq!(a.start.as_ref().unwrap().month.as_deref(), Some("6"));
        assert_eq!(a.start.as_ref().unwrap().day, None);
        assert_eq!((a.group.as_str(), a.unique_id.as_str()), ("g", "a"));
        let b = &input.events[1];
        assert_eq!(b.start.as_ref().unwrap().year.as_deref(), Some("-44"));
        assert!(b.end.as_ref().unwrap().is_empty());
        assert_eq!(
            (
                b.media_url.as_str(),
                b.media_caption.as_str(),
                b.media_credit.as_str(),
                b.media_alt.as_str(),
                b.media_link.as_str()
            ),
            ("u", "c", "r", "a", "l")
        );
        assert_eq!(input.events.len(), 4);
        assert_eq!(input.events[2].label, "slide 3");
        assert!(input.events[2].skip.is_some());
        assert_eq!(input.events[3].who(), "era 1 \"E\"");
        assert!(input.events[3].skip.as_ref().unwrap().contains("era"));
    }

    #[test]
    fn files_that_are_not_timelines() {
        for text in ["[1]", "{\"title\": {}}", "{\"events\": {}}"] {
            assert!(read(Path::new("t.json"), text).is_err(), "{text}");
        }
    }
}
