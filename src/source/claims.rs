//! An event's `claims`: who said what, when, through which outlet, and the
//! source that reports it. Each claim names one of the event's actors,
//! carries either the exact words (`quote`, shown in quotation marks) or
//! reported speech (`said`, shown without them), and may say that its
//! speaker denies or expects something rather than asserts it.
//!
//! ```yaml
//! claims:
//!   - by: Marco Rubio
//!     on: 2025-02-20
//!     via: an interview with Catherine Herridge
//!     quote: "There isn’t going to be a meeting until we know what the meeting is going to be about."
//!     source: 1
//!   - by: Donald Trump
//!     on: 2025-02-21
//!     said: Reports that he plans to travel to Moscow to meet Putin on 9 May.
//!     stance: denies
//!     source: 1
//! ```
//!
//! A `source` number with no such source is a warning, not an error: the
//! claim is shown without its citation, and `annals check --strict` fails.

use super::fields::{Map, Reader};
use crate::date::{Dates, when};
use crate::diagnostics::{allowed_help, did_you_mean};
use crate::yaml::Node;

/// The keys of one claim.
pub const KEYS: &[&str] = &["by", "on", "via", "quote", "said", "stance", "source"];

/// Whether the speaker asserts what the claim says, denies it, or expects
/// it to happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    Asserts,
    Denies,
    Expects,
}

impl Stance {
    /// Every stance, in the order help texts list them.
    pub const ALL: [Stance; 3] = [Stance::Asserts, Stance::Denies, Stance::Expects];

    /// The word written in front matter, and shown to readers.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserts => "asserts",
            Stance::Denies => "denies",
            Stance::Expects => "expects",
        }
    }
}

/// What was said: the exact words, or reported speech.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    /// `quote`: the exact words, shown in quotation marks.
    Quote(String),
    /// `said`: reported speech, shown without them.
    Said(String),
}

impl Words {
    /// The text as written, without quotation marks.
    pub fn text(&self) -> &str {
        match self {
            Words::Quote(t) | Words::Said(t) => t,
        }
    }

    /// True for the exact words.
    pub fn is_quote(&self) -> bool {
        matches!(self, Words::Quote(_))
    }

    /// As readers see it in running text: a quote in quotation marks,
    /// reported speech as it is.
    pub fn shown(&self) -> String {
        match self {
            Words::Quote(t) => format!("“{t}”"),
            Words::Said(t) => t.clone(),
        }
    }
}

/// One claim of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Who said it: an index into the event's `actors`.
    pub by: usize,
    /// When it was said, in any form of `date`.
    pub on: Dates,
    /// The outlet or setting ("Russian state media").
    pub via: Option<String>,
    pub words: Words,
    /// The words as the event's own file gives them, where `words` are a
    /// translation of them (see `model::editions`).
    pub original: Option<Words>,
    pub stance: Stance,
    /// Index into the event's `sources` (written 1-based); `None` when the
    /// number names no source (a warning).
    pub source: Option<usize>,
}

impl Claim {
    /// The claim in words, the one wording of every output that says it in
    /// plain text: `Donald Trump (21 February 2025, at a White House press
    /// availability), denies: …`; a claim that asserts leaves its stance
    /// out. `name` is the speaker as shown.
    pub fn in_words(&self, name: &str) -> String {
        let mut said = format!("{name} ({}", when(Some(&self.on)));
        if let Some(via) = &self.via {
            said.push_str(", ");
            said.push_str(via);
        }
        said.push(')');
        if self.stance != Stance::Asserts {
            said.push_str(", ");
            said.push_str(self.stance.as_str());
        }
        said.push_str(": ");
        said.push_str(&self.words.shown());
        said
    }
}

/// Which of `actors` (an event's, as written) `by` names: the one that
/// makes the same slug, so that `by` may differ from the actor's spelling
/// by case, accents or punctuation, as the actor's page does. The index
/// into `actors`, or `None`.
pub fn names_actor(actors: &[String], by: &str) -> Option<usize> {
    // Written alike, as it mostly is: no slug to make.
    if let Some(i) = actors.iter().position(|a| a == by) {
        return Some(i);
    }
    let wanted = crate::slug::slugify(by);
    actors
        .iter()
        .position(|a| crate::slug::slugify(a) == wanted)
}

/// Reads `claims`, checking each entry: its keys, a `by` among `actors`,
/// an `on` in a form of `date`, exactly one of `quote` and `said`, a known
/// `stance` and a `source` number. Entries with problems are left out (the
/// problems are reported); a source number beyond `sources_len` is added
/// to `warnings` as `file:line:column: ...`, and the claim kept without it.
pub fn claims_field(
    r: &mut Reader,
    map: &Map,
    actors: &[String],
    sources_len: usize,
    warnings: &mut Vec<String>,
) -> Vec<Claim> {
    let Some(items) = r.list(map, "claims") else {
        return Vec::new();
    };
    let mut claims = Vec::with_capacity(items.len());
    for item in items {
        let Some(m) = r.mapping(item, "a claim", KEYS) else {
            continue;
        };
        let by = by_field(r, &m, actors);
        let on = r.text(&m, "on", true).and_then(|text| {
            Dates::parse(&text.value)
                .map_err(|why| {
                    let pos = m.get("on").map(Node::pos).unwrap_or_default();
                    r.report(pos, why, ON_HELP);
                })
                .ok()
        });
        let via = r.text(&m, "via", false).map(|v| v.value);
        let words = words_field(r, &m);
        let stance = stance_field(r, &m);
        let source = source_field(r, &m, sources_len, warnings);
        let (Some(by), Some(on), Some(words), Some(stance), Some(source)) =
            (by, on, words, stance, source)
        else {
            continue;
        };
        claims.push(Claim {
            by,
            on,
            via,
            words,
            original: None,
            stance,
            source,
        });
    }
    claims
}

const ON_HELP: &str = "`on` is when it was said, in the forms of `date`: a day (2025-02-21), a month (2025-02), a year, a date-time with offset, each optionally followed by ~, ? or %, or a range (2025-02-17/2025-02-21)";

/// `by`: one of the event's actors, with the nearest one as a hint.
fn by_field(r: &mut Reader, m: &Map, actors: &[String]) -> Option<usize> {
    let by = r.text(m, "by", true)?;
    if let Some(i) = names_actor(actors, &by.value) {
        return Some(i);
    }
    let pos = m.get("by").map(Node::pos).unwrap_or_default();
    let help = if actors.is_empty() {
        "this event has no `actors`: add the speaker to `actors`, then name them in `by`"
            .to_string()
    } else {
        let lower: Vec<String> = actors.iter().map(|a| a.to_lowercase()).collect();
        let refs: Vec<&str> = lower.iter().map(String::as_str).collect();
        let listed = format!(
            "`by` names one of this event's actors: {}",
            actors.join(", ")
        );
        match did_you_mean(&by.value, &refs).and_then(|near| refs.iter().position(|&c| c == near)) {
            Some(i) => format!("did you mean `{}`? {listed}", actors[i]),
            None => format!("{listed}; add the speaker to `actors` if they belong there"),
        }
    };
    r.report(
        pos,
        format!("`{}` is not one of this event's actors", by.value),
        help,
    );
    None
}

/// Exactly one of `quote` and `said`.
fn words_field(r: &mut Reader, m: &Map) -> Option<Words> {
    let quote = m.get("quote").and_then(|_| r.text(m, "quote", true));
    let said = m.get("said").and_then(|_| r.text(m, "said", true));
    match (quote, said) {
        (Some(q), None) => Some(Words::Quote(q.value)),
        (None, Some(s)) => Some(Words::Said(s.value)),
        (Some(_), Some(_)) => {
            let pos = m.get("said").map(Node::pos).unwrap_or_default();
            r.report(
                pos,
                "this claim has both `quote` and `said`",
                "keep one: `quote` is the exact words, shown in quotation marks; `said` is reported speech, shown without them",
            );
            None
        }
        (None, None) => {
            // `quote` or `said` given but empty was reported already.
            if m.get("quote").is_none() && m.get("said").is_none() {
                r.report(
                    m.pos,
                    "this claim has neither `quote` nor `said`",
                    "add `quote: \"...\"` (the exact words, shown in quotation marks) or `said: ...` (reported speech, shown without them)",
                );
            }
            None
        }
    }
}

/// `stance`, `asserts` when left out.
fn stance_field(r: &mut Reader, m: &Map) -> Option<Stance> {
    let Some(text) = r.text(m, "stance", false) else {
        // Absent, empty, or not text (reported).
        return match m.get("stance") {
            Some(node) if !node.is_null() && !matches!(node, Node::Scalar { .. }) => None,
            _ => Some(Stance::Asserts),
        };
    };
    if let Some(stance) = Stance::ALL.into_iter().find(|s| s.as_str() == text.value) {
        return Some(stance);
    }
    let words: Vec<&str> = Stance::ALL.iter().map(|s| s.as_str()).collect();
    let help = allowed_help(&text.value, &words);
    let pos = m.get("stance").map(Node::pos).unwrap_or_default();
    r.report(pos, format!("`{}` is not a stance", text.value), help);
    None
}

/// `source`: required, a whole number from 1. `Some(None)` for a number
/// beyond the event's sources, with a warning.
fn source_field(
    r: &mut Reader,
    m: &Map,
    sources_len: usize,
    warnings: &mut Vec<String>,
) -> Option<Option<usize>> {
    let Some(node) = m.get("source") else {
        r.report(
            m.pos,
            "`source` is missing",
            "add `source: 1`: the number of the entry of `sources` that reports this claim, counting from 1",
        );
        return None;
    };
    let n = r.count(m, "source", 1, usize::MAX)?;
    if n <= sources_len {
        return Some(Some(n - 1));
    }
    let (line, column) = r.place(node.pos());
    let has = super::history::count(sources_len);
    warnings.push(format!(
        "{}:{line}:{column}: this claim cites source {n}, but the event has {has}; it is shown without a source (`source` is the number of an entry of `sources`, counting from 1)",
        r.file().display()
    ));
    Some(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_names_the_actor_with_the_same_slug() {
        let actors = ["Marco Rubio".to_string(), "José Martí".to_string()];
        assert_eq!(names_actor(&actors, "Marco Rubio"), Some(0));
        assert_eq!(names_actor(&actors, "MARCO RUBIO"), Some(0));
        assert_eq!(names_actor(&actors, "Jose Marti"), Some(1));
        assert_eq!(names_actor(&actors, "Jose\u{301} Marti\u{301}"), Some(1));
        assert_eq!(names_actor(&actors, "Marco Rubbio"), None);
        assert_eq!(names_actor(&[], "Marco Rubio"), None);
    }

    #[test]
    fn a_claim_in_words() {
        let claim = |words: Words, via: Option<&str>, stance: Stance| Claim {
            by: 0,
            on: Dates::parse("2025-02-21").unwrap(),
            via: via.map(String::from),
            words,
            original: None,
            stance,
            source: Some(0),
        };
        assert_eq!(
            claim(
                Words::Said("Reports of a trip.".into()),
                Some("at a White House press availability"),
                Stance::Denies
            )
            .in_words("Donald Trump"),
            "Donald Trump (21 February 2025, at a White House press availability), denies: Reports of a trip."
        );
        assert_eq!(
            claim(Words::Quote("Words.".into()), None, Stance::Asserts).in_words("A"),
            "A (21 February 2025): “Words.”"
        );
    }
}
