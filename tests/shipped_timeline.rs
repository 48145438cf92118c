//! The shipped timeline against the article it was written from: Ryan
//! Morgan, "Efforts To Arrange Trump–Putin Meeting Underway, Moscow Says",
//! The Epoch Times, 22 February 2025. Each test pins one way the content
//! once said more than the article does.

mod common;
use common::shipped_event_files;

use annals::source::claims::Words;
use annals::source::event::{Event, Intro, Status, parse_event, parse_intro};
use std::collections::BTreeMap;
use std::path::Path;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// The article every event is written from.
const ARTICLE: &str = "https://freedombunker.com/2025/02/22/efforts-to-arrange-trump-putin-meeting-underway-moscow-says/";

/// The shipped events by slug.
fn events() -> BTreeMap<String, Event> {
    let mut events = BTreeMap::new();
    for (name, text) in shipped_event_files() {
        let shown = Path::new("content").join(&name);
        let event = parse_event(&shown, &text)
            .unwrap_or_else(|problems| panic!("{name} does not parse: {problems:?}"));
        events.insert(event.slug.clone(), event);
    }
    assert!(events.len() >= 10, "only {} shipped events", events.len());
    events
}

fn event(slug: &str) -> Event {
    events()
        .remove(slug)
        .unwrap_or_else(|| panic!("no shipped event {slug}"))
}

fn intro() -> Intro {
    let path = Path::new(REPO).join("content/_index.md");
    let text = std::fs::read_to_string(&path).unwrap();
    parse_intro(Path::new("content/_index.md"), &text)
        .unwrap_or_else(|problems| panic!("_index.md does not parse: {problems:?}"))
}

/// Everything a reader sees of an event, except its slug and related
/// slugs: title, summary, actors, places, tags and body.
fn shown(e: &Event) -> String {
    let mut text = vec![e.title.clone(), e.summary.clone().unwrap_or_default()];
    text.extend(e.actors.iter().cloned());
    text.extend(e.places.iter().cloned());
    text.extend(e.tags.iter().cloned());
    text.push(e.body.clone());
    text.join("\n")
}

/// The lowercase words of a text, split at anything not a letter or digit.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn no_title_summary_tag_body_or_description_says_summit() {
    // The article calls them meetings and talks, never a summit. Slugs keep
    // the word so that published addresses do not move.
    let mut found = Vec::new();
    for (slug, e) in events() {
        if shown(&e).to_lowercase().contains("summit") {
            found.push(slug);
        }
    }
    let intro = intro();
    for (part, text) in [
        ("title", intro.title.unwrap_or_default()),
        ("description", intro.description.unwrap_or_default()),
        ("body", intro.body),
    ] {
        if text.to_lowercase().contains("summit") {
            found.push(format!("_index.md {part}"));
        }
    }
    assert!(found.is_empty(), "\"summit\" in: {found:?}");
}

#[test]
fn every_event_cites_the_article() {
    for (slug, e) in events() {
        let source = e
            .sources
            .iter()
            .find(|s| s.url == ARTICLE)
            .unwrap_or_else(|| panic!("{slug} does not cite the article"));
        assert_eq!(
            source.title, "Efforts To Arrange Trump–Putin Meeting Underway, Moscow Says",
            "{slug}"
        );
        assert_eq!(source.author.as_deref(), Some("Ryan Morgan"), "{slug}");
        assert_eq!(
            source.publisher.as_deref(),
            Some("The Epoch Times"),
            "{slug}"
        );
        let date = source.date.as_ref().map(|d| d.machine());
        assert_eq!(date.as_deref(), Some("2025-02-22"), "{slug}");
    }
}

#[test]
fn no_event_names_a_place_the_article_does_not_give_it() {
    // The places the article gives each event; an event not listed here
    // has none in the article. Ryabkov's remarks and the envoys' meeting
    // have no place; Trump's remarks were at "a White House press
    // availability", not said to be in Washington.
    let given: BTreeMap<&str, &[&str]> = BTreeMap::from([
        ("2021-06-geneva-summit", &["Geneva", "Switzerland"][..]),
        ("2022-02-invasion-of-ukraine", &["Ukraine"][..]),
        ("2025-02-18-riyadh-meeting", &["Riyadh", "Saudi Arabia"][..]),
        ("2025-02-21-trump-press-availability", &["White House"][..]),
        ("2025-05-09-reported-moscow-trip", &["Moscow"][..]),
    ]);
    for (slug, e) in events() {
        let allowed = given.get(slug.as_str()).copied().unwrap_or(&[]);
        let extra: Vec<&String> = e
            .places
            .iter()
            .filter(|p| !allowed.contains(&p.as_str()))
            .collect();
        assert!(
            extra.is_empty(),
            "{slug} names {extra:?}; the article gives it {allowed:?}"
        );
    }
}

#[test]
fn the_march_on_ukraine_is_told_in_the_article_s_words_not_as_a_launch_or_a_start() {
    let e = event("2022-02-invasion-of-ukraine");
    assert!(
        e.title.contains("march on Ukraine"),
        "the article says Moscow's troops \"marched on Ukraine\": {:?}",
        e.title
    );
    let text = shown(&e).to_lowercase();
    for word in ["launch", "start", "began", "begin", "opening"] {
        assert!(
            !text.contains(word),
            "the invasion event says {word:?}, which the article does not:\n{text}"
        );
    }
}

#[test]
fn no_event_says_rubio_led_the_us_delegation() {
    // The article lists him as one of the three members of the delegation.
    for (slug, e) in events() {
        let words = words(&shown(&e));
        for word in ["led", "lead", "leads", "leading", "headed", "heads"] {
            assert!(
                !words.iter().any(|w| w == word),
                "{slug} says {word:?}; the article names no leader of the delegation"
            );
        }
    }
}

#[test]
fn the_index_says_which_dates_were_inferred_instead_of_claiming_the_article_s_precision() {
    let body = intro().body;
    assert!(
        !body.contains("as precise as the article gives them"),
        "{body}"
    );
    // The article's own words for the dates that had to be worked out.
    for words in [
        "three years ago",
        "this week",
        "within the next two weeks",
        "May 9",
        "inferred",
    ] {
        assert!(
            body.contains(words),
            "_index.md does not mention {words:?}:\n{body}"
        );
    }
}

#[test]
fn approximate_dates_quote_the_article_s_words_they_come_from() {
    for (slug, words) in [
        ("2022-02-invasion-of-ukraine", "three years ago"),
        ("2025-02-17-trump-zelenskyy-exchange", "this week"),
    ] {
        let e = event(slug);
        assert!(
            e.dates.as_ref().is_some_and(|d| d.approximate()),
            "{slug} is not marked approximate"
        );
        assert!(
            e.body.contains(words),
            "{slug} does not say its date comes from the article's {words:?}:\n{}",
            e.body
        );
    }
}

#[test]
fn the_riyadh_event_gives_the_agreements_as_rubio_s_announcement_in_the_article_s_terms() {
    let e = event("2025-02-18-riyadh-meeting");
    let summary = e.summary.clone().unwrap_or_default();
    assert!(
        summary.contains("Rubio announces"),
        "the agreement on teams is Rubio's announcement: {summary:?}"
    );
    for stronger in ["made clear", "depend on first"] {
        assert!(!e.body.contains(stronger), "{stronger:?} in:\n{}", e.body);
    }
    assert!(e.body.contains("contingent on"), "{}", e.body);
}

#[test]
fn the_envoys_meeting_is_ryabkov_s_could_with_his_deadline() {
    let e = event("2025-02-22-envoys-meeting-expected");
    assert!(
        e.title.contains("Ryabkov") && e.title.contains("could meet"),
        "{:?}",
        e.title
    );
    assert!(
        !shown(&e).to_lowercase().contains("expected"),
        "{}",
        shown(&e)
    );
    // Issue 17: an expectation with its deadline, "within the next two
    // weeks" of 22 February, is what the model can now say; the title keeps
    // it Ryabkov's word.
    assert_eq!(e.status, Status::Expected);
    let by = e.expected_by.as_ref().map(|b| b.value.machine());
    assert_eq!(by.as_deref(), Some("2025-03-08"));
}

#[test]
fn the_putin_trump_meeting_is_moscow_s_word_and_no_date_is_said_to_be_unset() {
    let e = event("2025-02-22-trump-putin-summit-planned");
    assert!(e.title.contains("Moscow says"), "{:?}", e.title);
    // The article gives no date or venue; it does not say none was set.
    assert!(!shown(&e).contains("been set"), "{}", shown(&e));
    assert!(!shown(&e).contains("yet set"), "{}", shown(&e));
}

#[test]
fn the_shipped_timeline_says_how_much_is_known_of_each_date() {
    // Issue 17: an undated meeting placed at the day it became known, an
    // expectation with its deadline, an approximate month.
    let meeting = event("2025-02-22-trump-putin-summit-planned");
    assert!(
        meeting.dates.is_none(),
        "the article gives the meeting no date"
    );
    assert_eq!(
        meeting.reported_on.as_ref().map(|d| d.machine()).as_deref(),
        Some("2025-02-22")
    );
    assert_eq!(meeting.status, Status::Planned);
    // "Within the next two weeks" is a deadline now, not an approximate range.
    let envoys = event("2025-02-22-envoys-meeting-expected");
    assert!(envoys.dates.is_none());
    assert!(
        envoys.body.contains("within the next two weeks"),
        "{}",
        envoys.body
    );
    assert_eq!(
        envoys.reported_on.as_ref().map(|d| d.machine()).as_deref(),
        Some("2025-02-22")
    );
    let invasion = event("2022-02-invasion-of-ukraine");
    assert_eq!(
        invasion.dates.as_ref().map(|d| d.edtf()).as_deref(),
        Some("2022-02~")
    );
}

/// The paragraphs of the article that quote someone, exactly as the
/// article prints them (its curly quotation marks and apostrophes
/// included). Every shipped `quote` must come from one of their quotations.
const ARTICLE_QUOTING: &str = "In remarks he shared with Russian state media, Ryabkov indicated that efforts to arrange the meeting have begun in earnest but will require “the most intensive preparatory work.”
The Russian official said U.S. and Russian envoys could meet “within the next two weeks” to lay the groundwork for the eventual talks between the two leaders.
In a Feb. 20 interview, journalist Catherine Herridge asked Rubio what the potential timeline is for a sit-down meeting between Trump and Putin. Rubio responded:
“There isn’t going to be a meeting until we know what the meeting is going to be about.
“I think when that meeting happens will largely depend on whether we can make any progress on ending the war in Ukraine, and if we can, and that meeting is what seals the deal.”
“I think that President Putin and President Zelenskyy are going to have to get together because, you know what, we want to stop killing millions of people,” Trump said.";

/// The article's quotations: each run of text after an opening “, up to
/// the closing ” or the end of its paragraph (a quotation that runs on
/// into the next paragraph opens it again, without closing the first).
fn article_quotations() -> Vec<&'static str> {
    ARTICLE_QUOTING
        .lines()
        .flat_map(|line| line.split('“').skip(1))
        .map(|after| after.split('”').next().unwrap_or(after))
        .collect()
}

#[test]
fn every_shipped_quote_is_the_article_s_words_character_for_character() {
    let quotations = article_quotations();
    assert_eq!(quotations.len(), 5, "{quotations:#?}");
    let mut quotes = 0;
    for (slug, e) in events() {
        for claim in &e.claims {
            let source = claim.source.and_then(|n| e.sources.get(n));
            assert_eq!(
                source.map(|s| s.url.as_str()),
                Some(ARTICLE),
                "{slug}: a claim that does not cite the article"
            );
            let Words::Quote(quote) = &claim.words else {
                continue;
            };
            quotes += 1;
            assert!(
                quotations.iter().any(|q| q.contains(quote.as_str())),
                "{slug}: {quote:?} is not in any of the article's quotations {quotations:#?}"
            );
        }
    }
    assert_eq!(quotes, 5, "the five quotations of the article are shipped");
}

#[test]
fn each_shipped_claim_is_on_its_event_by_the_person_the_article_quotes() {
    // Each event's claims: who, when, stance, and how the words begin.
    type Claims = &'static [(&'static str, &'static str, &'static str, &'static str)];
    let expected: [(&str, Claims); 5] = [
        (
            "2025-02-20-rubio-herridge-interview",
            &[
                ("Marco Rubio", "2025-02-20", "asserts", "There isn’t going"),
                ("Marco Rubio", "2025-02-20", "asserts", "I think when that"),
            ],
        ),
        (
            "2025-02-21-trump-press-availability",
            &[(
                "Donald Trump",
                "2025-02-21",
                "asserts",
                "I think that President",
            )],
        ),
        (
            "2025-02-22-ryabkov-announcement",
            &[(
                "Sergei Ryabkov",
                "2025-02-22",
                "asserts",
                "the most intensive",
            )],
        ),
        (
            "2025-02-22-envoys-meeting-expected",
            &[("Sergei Ryabkov", "2025-02-22", "expects", "within the next")],
        ),
        // Trump's denials are reported speech: the article does not quote them.
        (
            "2025-05-09-reported-moscow-trip",
            &[(
                "Donald Trump",
                "2025-02-21",
                "denies",
                "Reports that he plans",
            )],
        ),
    ];
    let events = events();
    for (slug, claims) in expected {
        let e = &events[slug];
        let found: Vec<(&str, String, &str, &str)> = e
            .claims
            .iter()
            .map(|c| {
                let text = c.words.text();
                let begins = claims
                    .iter()
                    .map(|x| x.3)
                    .find(|b| text.starts_with(b))
                    .unwrap_or(text);
                (
                    e.actors[c.by].as_str(),
                    c.on.edtf(),
                    c.stance.as_str(),
                    begins,
                )
            })
            .collect();
        let want: Vec<(&str, String, &str, &str)> = claims
            .iter()
            .map(|&(by, on, stance, begins)| (by, on.to_string(), stance, begins))
            .collect();
        assert_eq!(found, want, "{slug}");
    }
    assert!(
        !events["2025-05-09-reported-moscow-trip"].claims[0]
            .words
            .is_quote()
    );
    let with_claims = events.values().filter(|e| !e.claims.is_empty()).count();
    assert_eq!(with_claims, 5, "no other event has claims");
}
