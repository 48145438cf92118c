//! How well each event is sourced, as `annals check` reports it: warnings,
//! not errors, since a developing story is often carried by one report at
//! first, and a source may not say who published it or when.
//!
//! - an event that cites a single source;
//! - a source with no `publisher` or no `date`;
//! - one address cited under two different titles (a typo in one of them,
//!   or two articles given the same link).
//!
//! Only `check` asks for them: a build of a site whose events all rest on
//! one article (as the shipped timeline's do) would otherwise repeat the
//! same warnings on every save.

use crate::source::event::{Event, Source};
use std::collections::HashMap;
use std::sync::Arc;

/// Every sourcing warning of the site, in file order, each starting
/// `file:line:column:`.
pub fn audit(events: &[Arc<Event>]) -> Vec<String> {
    let mut warnings = Vec::new();
    // The first place each address is cited, with its title.
    let mut first: HashMap<&str, (&Event, &Source)> = HashMap::new();
    for e in events {
        if let [only] = e.sources.as_slice() {
            warnings.push(format!(
                "{}: `{}` cites a single source; check it against a second, independent one",
                place(e, only),
                e.title
            ));
        }
        for (n, s) in e.sources.iter().enumerate() {
            let missing = match (&s.publisher, &s.date) {
                (None, None) => Some("no `publisher` and no `date`"),
                (None, Some(_)) => Some("no `publisher`"),
                (Some(_), None) => Some("no `date`"),
                (Some(_), Some(_)) => None,
            };
            if let Some(missing) = missing {
                warnings.push(format!(
                    "{}: source {} (\"{}\") has {missing}: readers cannot tell who published it or when",
                    place(e, s),
                    n + 1,
                    s.title
                ));
            }
            match first.get(s.url.as_str()) {
                None => {
                    first.insert(&s.url, (e, s));
                }
                Some((fe, fs)) if fs.title != s.title => warnings.push(format!(
                    "{}: {} is cited as \"{}\" here and as \"{}\" at {}; give one address one title",
                    place(e, s),
                    s.url,
                    s.title,
                    fs.title,
                    place(fe, fs)
                )),
                Some(_) => {}
            }
        }
    }
    warnings
}

/// `file:line:column` of a source entry.
fn place(e: &Event, s: &Source) -> String {
    format!("{}:{}:{}", e.file.display(), s.at.0, s.at.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::event::parse_event;
    use std::path::Path;

    fn event(file: &str, sources: &str) -> Arc<Event> {
        let text = format!("---\ntitle: {file}\ndate: 2025\nsources:\n{sources}---\n");
        Arc::new(parse_event(Path::new(file), &text).unwrap())
    }

    const FULL: &str =
        "  - title: A\n    url: https://example.org/a\n    publisher: P\n    date: 2025-02-22\n";

    #[test]
    fn warns_of_single_sources_missing_details_and_one_address_with_two_titles() {
        let two =
            format!("{FULL}  - title: B\n    url: https://example.org/b\n    date: 2025-02-22\n");
        let events = [
            event("a.md", FULL),
            event("b.md", &two),
            event(
                "c.md",
                "  - title: A, retitled\n    url: https://example.org/a\n  - title: A\n    url: https://example.org/a\n    publisher: P\n    date: 2025\n",
            ),
        ];
        assert_eq!(
            audit(&events),
            [
                "a.md:5:5: `a.md` cites a single source; check it against a second, independent one",
                "b.md:9:5: source 2 (\"B\") has no `publisher`: readers cannot tell who published it or when",
                "c.md:5:5: source 1 (\"A, retitled\") has no `publisher` and no `date`: readers cannot tell who published it or when",
                "c.md:5:5: https://example.org/a is cited as \"A, retitled\" here and as \"A\" at a.md:5:5; give one address one title",
            ]
        );
    }

    #[test]
    fn a_well_sourced_event_gives_no_warning() {
        let two = format!(
            "{FULL}  - title: B\n    url: https://example.org/b\n    publisher: Q\n    date: 2025-02-23\n"
        );
        assert!(audit(&[event("a.md", &two)]).is_empty());
    }
}
