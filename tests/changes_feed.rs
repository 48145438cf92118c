//! `changes.xml`, the Atom feed of the story's developments (first
//! reports, changes of status, corrections), read back with a real Atom
//! parser (feed-rs) and checked as XML with quick-xml: newest first, every
//! entry with an id, an `updated` time and a link to its anchor, ids stable
//! from build to build, dates from the data, left out without `base_url`,
//! and linked from the timeline.

mod common;
use common::*;
use feed_rs::model::{Entry, Feed};
use std::collections::BTreeMap;

const BASE: &str = "https://example.org/story/";

/// The shipped timeline, copied into a fresh site.
fn shipped() -> Site {
    let files: Vec<(String, String)> = shipped_event_files()
        .into_iter()
        .map(|(name, text)| (format!("content/{name}"), text))
        .collect();
    site_owned(&files)
}

fn feed(site: &Site) -> Feed {
    let text = site.read("public/changes.xml");
    well_formed(&text);
    feed_rs::parser::parse(text.as_bytes())
        .unwrap_or_else(|e| panic!("changes.xml does not parse: {e}\n{text}"))
}

/// Panics unless `xml` is well-formed: one root element, every element
/// closed by its own name, attributes and references that resolve.
fn well_formed(xml: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut depth, mut roots) = (0usize, 0usize);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                roots += usize::from(depth == 0);
                depth += 1;
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("bad attribute: {err}"));
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap_or_else(|err| panic!("bad attribute value: {err}"));
                }
            }
            Ok(Event::Empty(e)) => {
                assert!(depth > 0, "an element outside the root");
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("bad attribute: {err}"));
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap_or_else(|err| panic!("bad attribute value: {err}"));
                }
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::GeneralRef(r)) => {
                if r.is_char_ref() {
                    assert!(
                        matches!(r.resolve_char_ref(), Ok(Some(_))),
                        "bad character reference"
                    );
                } else {
                    let name = r.xml10_content();
                    assert!(
                        ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_ref()),
                        "undefined entity &{name};"
                    );
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at byte {}: {e}", reader.buffer_position()),
        }
    }
    assert_eq!((depth, roots), (0, 1), "one root element, closed");
}

/// An entry's id, `updated` time (RFC 3339) and link.
fn parts(e: &Entry) -> (String, String, String) {
    let updated = e.updated.expect("every entry has updated").to_rfc3339();
    assert_eq!(e.links.len(), 1, "one link: {e:?}");
    (e.id.clone(), updated, e.links[0].href.clone())
}

#[test]
fn the_shipped_story_in_changes_newest_first() {
    let s = shipped();
    build_ok(&s, &["--base-url", BASE]);
    let feed = feed(&s);
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.id, format!("{BASE}changes.xml"));
    let entries: Vec<(String, String, String)> = feed.entries.iter().map(parts).collect();
    // One first report per event, and the Moscow trip's denial; the
    // shipped timeline has no correction.
    assert_eq!(entries.len(), 11, "{entries:#?}");
    for (id, _, link) in &entries {
        assert_eq!(id, link, "the id is the link to the change");
        assert!(id.starts_with(&format!("{BASE}events/")), "{id}");
    }
    let ids: std::collections::BTreeSet<&String> = entries.iter().map(|e| &e.0).collect();
    assert_eq!(ids.len(), entries.len(), "ids are unique");
    // Newest first, each at its own date, never the build's.
    let dates: Vec<&str> = entries.iter().map(|e| e.1.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    assert_eq!(
        feed.updated.map(|u| u.to_rfc3339()).as_deref(),
        Some(dates[0])
    );
    let trip = format!("{BASE}events/2025-05-09-reported-moscow-trip/");
    let by_id: BTreeMap<&str, &str> = entries
        .iter()
        .map(|(id, updated, _)| (id.as_str(), updated.as_str()))
        .collect();
    assert_eq!(
        by_id[format!("{trip}#change-2").as_str()],
        "2025-02-21T00:00:00+00:00"
    );
    assert_eq!(
        by_id[format!("{trip}#reported").as_str()],
        "2025-02-21T00:00:00+00:00"
    );
    assert_eq!(
        by_id[format!("{BASE}events/2021-06-geneva-summit/#reported").as_str()],
        "2021-06-01T00:00:00+00:00"
    );
    assert_eq!(entries.last().unwrap().1, "2021-06-01T00:00:00+00:00");
    let denial = feed
        .entries
        .iter()
        .find(|e| e.id == format!("{trip}#change-2"))
        .unwrap();
    assert_eq!(
        denial.title.as_ref().unwrap().content,
        "Denied: Reported Trump trip to Moscow on 9 May"
    );

    // Every anchor is on its event's page.
    for (_, _, link) in &entries {
        let (page, anchor) = link.split_once('#').unwrap();
        let file = format!("public/{}index.html", &page[BASE.len()..]);
        let html = s.read(&file);
        assert!(
            html.contains(&format!(" id=\"{anchor}\"")),
            "{file} has no #{anchor}"
        );
    }
}

#[test]
fn ids_are_stable_across_builds_and_a_new_correction() {
    let s = shipped();
    build_ok(&s, &["--base-url", BASE]);
    let first = s.read("public/changes.xml");
    build_ok(&s, &["--base-url", BASE]);
    assert_eq!(
        s.read("public/changes.xml"),
        first,
        "rebuilds are identical"
    );
    let before: Vec<(String, String, String)> = feed(&s).entries.iter().map(parts).collect();

    // A correction added to an event: a new entry at the top, and every
    // entry before it unchanged.
    let file = "content/2025-02-18-riyadh-meeting.md";
    let text = s.read(file).replacen(
        "date: 2025-02-18\n",
        "date: 2025-02-18\ncorrections:\n  - date: 2025-03-01\n    note: A test correction.\n",
        1,
    );
    s.write(file, text);
    build_ok(&s, &["--base-url", BASE]);
    let after: Vec<(String, String, String)> = feed(&s).entries.iter().map(parts).collect();
    let riyadh = format!("{BASE}events/2025-02-18-riyadh-meeting/#correction-1");
    assert_eq!(
        after[0],
        (
            riyadh.clone(),
            "2025-03-01T00:00:00+00:00".to_string(),
            riyadh.clone()
        )
    );
    assert_eq!(after[1..], before[..]);
    let top = &feed(&s).entries[0];
    assert_eq!(
        top.title.as_ref().unwrap().content,
        "Correction: US and Russian delegations meet in Riyadh"
    );
    assert_eq!(
        top.summary.as_ref().unwrap().content,
        "Correction, 1 March 2025: A test correction."
    );

    // A second correction, written after the first but dated earlier,
    // keeps the first one's id.
    let text = s.read(file).replacen(
        "    note: A test correction.\n",
        "    note: A test correction.\n  - date: 2025-02-28\n    note: Another.\n",
        1,
    );
    s.write(file, text);
    build_ok(&s, &["--base-url", BASE]);
    let ids: Vec<String> = feed(&s).entries.iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids[0], riyadh);
    assert_eq!(ids[1], riyadh.replace("correction-1", "correction-2"));
}

#[test]
fn left_out_without_base_url_and_linked_from_the_timeline_with_it() {
    let s = shipped();
    build_ok(&s, &[]);
    assert!(!s.join("public/changes.xml").exists());
    let index = s.read("public/index.html");
    assert!(!index.contains("changes.xml"), "no link to a missing feed");

    build_ok(&s, &["--base-url", BASE]);
    let index = s.read("public/index.html");
    assert!(
        index.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Changes · Timeline\" href=\"./changes.xml\">"),
        "{index}"
    );
    assert!(
        index.contains("<a href=\"./changes.xml\" type=\"application/atom+xml\">changes feed</a>"),
        "{index}"
    );
    // Switched off with the other feeds.
    s.write("annals.yaml", "outputs:\n  atom: false\n");
    build_ok(&s, &["--base-url", BASE]);
    assert!(!s.join("public/changes.xml").exists());
    assert!(!s.read("public/index.html").contains("changes.xml"));
}

#[test]
fn as_of_cuts_the_story_at_that_day() {
    let s = shipped();
    build_ok(&s, &["--base-url", BASE, "--as-of", "2025-02-20"]);
    let entries: Vec<(String, String, String)> = feed(&s).entries.iter().map(parts).collect();
    assert!(!entries.is_empty());
    assert!(
        entries
            .iter()
            .all(|e| e.1.as_str() <= "2025-02-20T00:00:00+00:00"),
        "{entries:#?}"
    );
}
