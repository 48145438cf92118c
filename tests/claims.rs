//! Claims: who said what, when, through which outlet. Checked where they
//! are written, shown on the event's page as attributed quotations and on
//! the speaker's page as statements in time order, and carried into
//! events.json and the Atom feed.

mod common;
use common::*;

const SOURCES: &str =
    "sources:\n  - title: \"Interview <transcript>\"\n    url: https://example.org/interview";

/// A site with an interview (two claims by Rubio, quoted and reported),
/// an earlier event whose claim is known only to the month, and a later
/// one with a denial.
fn claims_site() -> Site {
    let interview = format!(
        "title: Interview\ndate: 2025-02-20\nactors: [Marco Rubio, Catherine Herridge]\n{SOURCES}\nclaims:\n  - by: Marco Rubio\n    on: 2025-02-20\n    via: an interview with Catherine Herridge\n    quote: \"There isn’t going to be a meeting <yet>.\"\n    source: 1\n  - by: marco rubio\n    on: 2025-02-20\n    said: Talks depend on progress.\n    stance: expects\n    source: 1"
    );
    let earlier = format!(
        "title: Earlier\ndate: 2025-01\nactors: [Marco Rubio]\n{SOURCES}\nclaims:\n  - {{by: Marco Rubio, on: 2025-02, said: Said some time in February., source: 1}}"
    );
    let later = format!(
        "title: Trip\ndate: 2025-05-09\nactors: [Donald Trump, Marco Rubio]\n{SOURCES}\nclaims:\n  - {{by: Donald Trump, on: 2025-02-21, said: Reports of a trip., stance: denies, source: 1}}\n  - {{by: Marco Rubio, on: 2025-02-20, quote: Last of that day., source: 1}}"
    );
    site(&[
        ("content/interview.md", &event(&interview, "Body.\n")),
        ("content/earlier.md", &event(&earlier, "")),
        ("content/trip.md", &event(&later, "")),
    ])
}

/// The text of `html` without its tags, its lines joined.
fn text(html: &str) -> String {
    let text: String = html
        .split('<')
        .map(|part| part.split_once('>').map_or(part, |(_, t)| t))
        .collect();
    unescape(&text.replace('\n', ""))
}

/// The part of `page` from `start` to the first `end` after it.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{page}"));
    let rest = &page[from..];
    &rest[..rest.find(end).map_or(rest.len(), |i| i + end.len())]
}

#[test]
fn an_event_page_shows_each_claim_as_an_attributed_quotation() {
    let site = claims_site();
    build_ok(&site, &[]);
    let page = site.read("public/events/interview/index.html");
    let section = between(&page, "<section class=\"claims\"", "</section>");
    assert!(
        section.contains("<h2 id=\"annals-statements\">Statements</h2>"),
        "{section}"
    );
    // The exact words: a blockquote citing the source's address, in
    // quotation marks, escaped.
    let first = between(
        section,
        "<figure class=\"claim\" id=\"claim-1\">",
        "</figure>",
    );
    assert!(
        first.contains("<blockquote cite=\"https://example.org/interview\"><p dir=\"auto\">“There isn’t going to be a meeting &lt;yet&gt;.”</p></blockquote>"),
        "{first}"
    );
    assert!(
        first.contains("<a href=\"../../actors/marco-rubio/\" dir=\"auto\">Marco Rubio</a>"),
        "{first}"
    );
    assert!(
        first.contains("<time datetime=\"2025-02-20\">20 February 2025</time>"),
        "{first}"
    );
    assert!(
        first.contains("<cite><a href=\"https://example.org/interview\" dir=\"auto\">Interview &lt;transcript&gt;</a></cite>"),
        "{first}"
    );
    assert_eq!(
        text(between(first, "<figcaption>", "</figcaption>")),
        "Marco Rubio (20 February 2025, an interview with Catherine Herridge). Source: Interview <transcript>."
    );
    // Reported speech: no quotation marks and no blockquote, the stance in
    // words; `by` written in another case names the same actor.
    let second = between(section, "id=\"claim-2\"", "</figure>");
    assert!(
        second.contains("<p class=\"claim-said\">Talks depend on progress.</p>"),
        "{second}"
    );
    assert!(!second.contains("blockquote"), "{second}");
    assert_eq!(
        text(between(second, "<figcaption>", "</figcaption>")),
        "Marco Rubio (20 February 2025), expects. Source: Interview <transcript>."
    );
    assert!(
        page.find("class=\"event-body\"") < page.find("class=\"claims\""),
        "the statements come after the body"
    );
    // No statements, no section.
    assert!(
        !site
            .read("public/events/earlier/index.html")
            .contains("id=\"claim-2\"")
    );
}

#[test]
fn an_actor_page_lists_its_statements_in_time_order_each_linked_to_its_claim() {
    let site = claims_site();
    build_ok(&site, &[]);
    let page = site.read("public/actors/marco-rubio/index.html");
    assert!(
        page.contains("3 events · <a href=\"#annals-statements\">4 statements</a>"),
        "{page}"
    );
    let list = between(&page, "<ol class=\"statement-list\">", "</ol>");
    let links: Vec<&str> = list
        .split("<a href=\"")
        .skip(1)
        .filter_map(|l| l.split('"').next())
        .filter(|l| l.contains("#claim-"))
        .collect();
    // February (coarser) first, then the 20 February claims in event order
    // (the interview, then the trip), each in the order written.
    assert_eq!(
        links,
        [
            "../../events/earlier/#claim-1",
            "../../events/interview/#claim-1",
            "../../events/interview/#claim-2",
            "../../events/trip/#claim-2",
        ]
    );
    assert!(
        list.contains("In <a href=\"../../events/interview/#claim-1\" dir=\"ltr\">Interview</a>."),
        "{list}"
    );
    // The listed figures carry no id: the claims' ids are their events'.
    assert!(!list.contains(" id=\"claim-"), "{list}");
    let trump = site.read("public/actors/donald-trump/index.html");
    let list = between(&trump, "<ol class=\"statement-list\">", "</ol>");
    assert!(
        list.contains("<span class=\"stance\">denies</span>"),
        "{list}"
    );
    // An actor who said nothing has none.
    assert!(
        !site
            .read("public/actors/catherine-herridge/index.html")
            .contains("annals-statements")
    );
    // Every link, the #claim-N ones included, leads to an id that exists.
    assert!(check_links(&site.join("public"), "/") > 0);
}

#[test]
fn claims_round_trip_through_events_json_and_reach_the_feed() {
    let site = claims_site();
    build_ok(&site, &["--base-url", "https://example.org/t/"]);
    let json: serde_json::Value = serde_json::from_str(&site.read("public/events.json")).unwrap();
    assert_eq!(events_json_errors(&json), Vec::<String>::new());
    let at = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["slug"] == "interview")
        .unwrap();
    assert_eq!(
        json["events"][at]["claims"],
        serde_json::json!([
            {
                "by": "Marco Rubio",
                "on": "2025-02-20",
                "when": "20 February 2025",
                "via": "an interview with Catherine Herridge",
                "quote": "There isn’t going to be a meeting <yet>.",
                "said": null,
                "stance": "asserts",
                "source": 1
            },
            {
                "by": "Marco Rubio",
                "on": "2025-02-20",
                "when": "20 February 2025",
                "via": null,
                "quote": null,
                "said": "Talks depend on progress.",
                "stance": "expects",
                "source": 1
            }
        ])
    );
    // A claim that is not well formed is refused by the schema too.
    let mut broken = json.clone();
    broken["events"][at]["claims"][0]["said"] = "Both.".into();
    assert!(!events_json_errors(&broken).is_empty());

    // The feed entry gives each claim in words, after the body.
    let atom = site.read("public/atom.xml");
    let entry = between(&atom, "<title>Trip</title>", "</entry>");
    assert!(
        entry.contains("&lt;p&gt;Donald Trump (21 February 2025), denies: Reports of a trip. (&lt;a href=&quot;https://example.org/interview&quot;&gt;Interview &amp;lt;transcript&amp;gt;&lt;/a&gt;)&lt;/p&gt;"),
        "{entry}"
    );
    let entry = between(&atom, "<title>Interview</title>", "</entry>");
    assert!(
        entry.contains("Marco Rubio (20 February 2025, an interview with Catherine Herridge): “There isn’t going to be a meeting &amp;lt;yet&amp;gt;.”"),
        "{entry}"
    );
}

/// `annals check` on one event with `claims` (and two actors and one
/// source): its exit code and stderr.
fn check_claims(claims: &str) -> (i32, String) {
    let front = format!(
        "title: Talks\ndate: 2025-02-20\nactors: [Marco Rubio, Sergei Ryabkov]\n{SOURCES}\nclaims:\n{claims}"
    );
    let site = site(&[("content/talks.md", &event(&front, ""))]);
    let (code, _, stderr) = site.run(&["check"]);
    (code, stderr)
}

/// Asserts `stderr` reports exactly `error` at `location` with `help`.
fn assert_error(stderr: &str, location: &str, error: &str, help: &str) {
    let block = assert_problem(stderr, location, &[]);
    let first = block.lines().next().unwrap_or("");
    assert_eq!(first, format!("error: {error}"), "{stderr}");
    assert!(
        block.lines().any(|l| l == format!("  = help: {help}")),
        "no help line {help:?} in:\n{block}"
    );
}

#[test]
fn each_bad_claim_is_reported_at_its_line() {
    // The claims start on line 9 of the file.
    let (code, stderr) = check_claims(
        "  - by: Marco Rubbio\n    on: 2025-02-20\n    quote: Words.\n    source: 1\n  - by: Marco Rubio\n    on: 2025-02-20\n    quote: Words.\n    said: Words.\n    source: 1\n  - by: Marco Rubio\n    on: 2025-02-20\n    source: 1\n  - by: Marco Rubio\n    on: 2025-02-20\n    said: Words.\n    stance: denys\n    source: 1\n  - by: Marco Rubio\n    on: 20 February\n    said: Words.\n    source: 1\n  - by: Marco Rubio\n    on: 2025-02-20\n    said: Words.\n    sorce: 1\n  - by: Vladimir Putin\n    on: 2025-02-20\n    said: Words.\n    source: 1",
    );
    assert_eq!(code, 1, "{stderr}");
    assert_error(
        &stderr,
        "content/talks.md:9:9",
        "`Marco Rubbio` is not one of this event's actors",
        "did you mean `Marco Rubio`? `by` names one of this event's actors: Marco Rubio, Sergei Ryabkov",
    );
    assert_error(
        &stderr,
        "content/talks.md:16:11",
        "this claim has both `quote` and `said`",
        "keep one: `quote` is the exact words, shown in quotation marks; `said` is reported speech, shown without them",
    );
    assert_error(
        &stderr,
        "content/talks.md:18:5",
        "this claim has neither `quote` nor `said`",
        "add `quote: \"...\"` (the exact words, shown in quotation marks) or `said: ...` (reported speech, shown without them)",
    );
    assert_error(
        &stderr,
        "content/talks.md:24:13",
        "`denys` is not a stance",
        "did you mean `denies`? allowed: asserts, denies, expects",
    );
    assert_error(
        &stderr,
        "content/talks.md:27:9",
        "`20 February` is not a date: the year must be 4 digits",
        "`on` is when it was said, in the forms of `date`: a day (2025-02-21), a month (2025-02), a year, a date-time with offset, each optionally followed by ~, ? or %, or a range (2025-02-17/2025-02-21)",
    );
    assert_error(
        &stderr,
        "content/talks.md:33:5",
        "unknown key `sorce` in a claim",
        "did you mean `source`? allowed keys in a claim: by, on, via, quote, said, stance, source",
    );
    assert_error(
        &stderr,
        "content/talks.md:30:5",
        "`source` is missing",
        "add `source: 1`: the number of the entry of `sources` that reports this claim, counting from 1",
    );
    assert_error(
        &stderr,
        "content/talks.md:34:9",
        "`Vladimir Putin` is not one of this event's actors",
        "`by` names one of this event's actors: Marco Rubio, Sergei Ryabkov; add the speaker to `actors` if they belong there",
    );
    assert_eq!(error_count(&stderr), 8, "{stderr}");
    assert_summary(&stderr, 8, 1);
}

#[test]
fn claims_that_are_not_a_list_or_a_claim_without_actors_are_reported() {
    let (code, stderr) = check_claims("  by: Marco Rubio");
    assert_eq!(code, 1, "{stderr}");
    assert_error(
        &stderr,
        "content/talks.md:9:3",
        "`claims` must be a list, but this is a mapping",
        "write each claim as a list item: `- by: ...` then `on: ...`, `quote: ...` and `source: ...` on the next lines",
    );
    let front = format!(
        "title: Talks\ndate: 2025-02-20\n{SOURCES}\nclaims:\n  - {{by: Marco Rubio, on: 2025-02-20, said: Words., source: 1}}"
    );
    let site = site(&[("content/talks.md", &event(&front, ""))]);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_error(
        &stderr,
        "content/talks.md:8:10",
        "`Marco Rubio` is not one of this event's actors",
        "this event has no `actors`: add the speaker to `actors`, then name them in `by`",
    );
}

#[test]
fn a_source_number_with_no_such_source_is_a_warning_and_the_claim_has_no_citation() {
    let claims = "  - by: Marco Rubio\n    on: 2025-02-20\n    quote: Words.\n    source: 3";
    let (code, stderr) = check_claims(claims);
    assert_eq!(code, 0, "{stderr}");
    // The first line; check's audit of the sources follows it.
    assert_eq!(
        stderr.lines().next(),
        Some(
            "warning: content/talks.md:12:13: this claim cites source 3, but the event has 1 source; it is shown without a source (`source` is the number of an entry of `sources`, counting from 1)"
        )
    );
    let front = format!(
        "title: Talks\ndate: 2025-02-20\nactors: [Marco Rubio]\n{SOURCES}\nclaims:\n{claims}"
    );
    let site = site(&[("content/talks.md", &event(&front, ""))]);
    let (code, stdout, _) = site.run(&["check"]);
    assert_eq!(code, 0);
    // With the audit's two: a single source, with no publisher or date.
    assert!(stdout.ends_with("no errors, 3 warnings\n"), "{stdout}");
    let (code, _, stderr) = site.run(&["check", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("3 warnings count as problems with --strict"),
        "{stderr}"
    );
    // Built, the claim is shown without a source, and its number is null.
    let stderr = build_ok(&site, &[]);
    assert!(
        stderr.contains("warning: content/talks.md:12:13:"),
        "{stderr}"
    );
    let page = site.read("public/events/talks/index.html");
    let figure = between(&page, "<figure class=\"claim\"", "</figure>");
    assert!(
        figure.contains("<blockquote><p dir=\"auto\">“Words.”</p></blockquote>"),
        "{figure}"
    );
    assert!(!figure.contains("Source:"), "{figure}");
    let json: serde_json::Value = serde_json::from_str(&site.read("public/events.json")).unwrap();
    assert_eq!(
        json["events"][0]["claims"][0]["source"],
        serde_json::Value::Null
    );
    assert_eq!(events_json_errors(&json), Vec::<String>::new());
}

#[test]
fn as_known_on_a_day_a_claim_made_later_is_left_out() {
    let front = format!(
        "title: Talks\ndate: 2025-01-10\nactors: [Marco Rubio]\n{SOURCES}\nclaims:\n  - {{by: Marco Rubio, on: 2025-01-10, said: Then., source: 1}}\n  - {{by: Marco Rubio, on: 2025-02-01, said: Later., source: 1}}"
    );
    let site = site(&[("content/talks.md", &event(&front, ""))]);
    build_ok(&site, &[]);
    let page = site.read("public/actors/marco-rubio/index.html");
    assert!(page.contains("2 statements</a>"), "{page}");
    build_ok(&site, &["--as-of", "2025-01-31"]);
    let page = site.read("public/actors/marco-rubio/index.html");
    assert!(page.contains("1 statement</a>"), "{page}");
    assert!(!page.contains("Later."), "{page}");
    let page = site.read("public/events/talks/index.html");
    assert!(page.contains("Then.") && !page.contains("Later."), "{page}");
}

#[test]
fn a_body_heading_never_takes_a_claim_s_id() {
    let front = format!(
        "title: Talks\ndate: 2025-02-20\nactors: [Marco Rubio]\n{SOURCES}\nclaims:\n  - {{by: Marco Rubio, on: 2025-02-20, said: Words., source: 1}}"
    );
    let site = site(&[(
        "content/talks.md",
        &event(&front, "## Claim 1\n\n## Statements\n"),
    )]);
    build_ok(&site, &[]);
    let page = site.read("public/events/talks/index.html");
    assert_eq!(page.matches("id=\"claim-1\"").count(), 1, "{page}");
    assert!(page.contains("<h2 id=\"h-claim-1\">Claim 1</h2>"), "{page}");
    assert!(
        page.contains("<h2 id=\"statements\">Statements</h2>"),
        "{page}"
    );
}
