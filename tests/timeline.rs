//! The timeline page: one page for a small site, one page per year (and per
//! month of a dense year) past `timeline.split_threshold`, with the search
//! index the filters load, and the overview strip linking into it.

mod common;
use common::*;

/// A site of `n` events a year in 2023 and 2025, a year-only event in 2024,
/// with the split threshold at 3.
fn split_site() -> Site {
    let mut files = vec![(
        "annals.yaml".to_string(),
        "timeline:\n  split_threshold: 3\n".to_string(),
    )];
    for (i, date) in [
        "2023-03-01",
        "2023-07-04",
        "2024",
        "2025-01-10",
        "2025-01-20",
        "2025-02-01",
        "2025-02-14",
    ]
    .iter()
    .enumerate()
    {
        let front = format!(
            "title: \"Event {i}\"\ndate: {date}\nactors: [\"Actor {}\"]\nsummary: \"Summary {i}\"",
            i % 2
        );
        files.push((format!("content/e{i}.md"), event(&front, "Body.\n")));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    site(&refs)
}

#[test]
fn a_small_timeline_lists_every_event_on_one_page() {
    let site = site(&[
        ("content/a.md", &event("title: A\ndate: 2021-06", "")),
        (
            "content/b.md",
            &event("title: B\ndate: 2025-02-18\nend: 2025-02-20", ""),
        ),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let index = site.read("public/index.html");
    assert_eq!(index.matches("<article class=\"event").count(), 2);
    assert!(
        index.contains("<li class=\"range\">"),
        "a range is marked as one"
    );
    assert!(
        index.contains("href=\"#y2021-06\" aria-label=\"June 2021: 1 event\""),
        "the overview links to the month: {index}"
    );
    assert!(
        index.contains("<form id=\"filters\""),
        "the filters are there for the script"
    );
    assert!(index.contains(" hidden "), "and hidden without it");
    assert!(
        !site.join("public/search.json").exists(),
        "a one-page timeline needs no search index"
    );
    assert!(!site.join("public/2021").exists());
    check_links(&site.join("public"), "/");
}

#[test]
fn a_large_timeline_is_split_by_year_and_a_dense_year_by_month() {
    let site = split_site();
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let out = site.join("public");
    for page in [
        "2023/index.html",
        "2024/index.html",
        "2025/index.html",
        "2025/01/index.html",
        "2025/02/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} is missing");
    }
    assert!(
        !out.join("2023/03").exists(),
        "2023 has 2 events, not more than 3: no month pages"
    );

    let index = site.read("public/index.html");
    assert_eq!(
        index.matches("<article class=\"event").count(),
        0,
        "the index links to the years instead"
    );
    assert!(
        index.contains("<a href=\"./2023/\"><span class=\"period-year\">2023</span> <span class=\"period-count\">2 events</span></a>"),
        "{index}"
    );
    assert!(
        index.contains("href=\"./2025/#y2025\">2025</a>"),
        "the year navigation leads to the pages: {index}"
    );

    let year = site.read("public/2023/index.html");
    assert_eq!(year.matches("<article class=\"event").count(), 2);
    assert!(year.contains("<h1>2023</h1>"));
    assert!(
        year.contains("href=\"../2023/#y2023\" aria-current=\"page\">2023</a>"),
        "{year}"
    );
    assert!(
        year.contains("rel=\"next\"><span class=\"label\">Next</span> 2024</a>"),
        "{year}"
    );

    let dense = site.read("public/2025/index.html");
    assert_eq!(
        dense.matches("<article class=\"event").count(),
        0,
        "a dense year links to its months"
    );
    assert!(
        dense.contains("href=\"../2025/02/\">2 events in February 2025</a>"),
        "{dense}"
    );
    let month = site.read("public/2025/02/index.html");
    assert_eq!(month.matches("<article class=\"event").count(), 2);
    assert!(month.contains("<h1>February 2025</h1>"));
    assert!(
        month.contains("data-index=\"../../search.json\""),
        "filters span the whole timeline"
    );

    check_links(&out, "/");
}

#[test]
fn the_search_index_holds_every_event_once() {
    let site = split_site();
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let index: serde_json::Value =
        serde_json::from_str(&site.read("public/search.json")).expect("valid JSON");
    assert_eq!(index["version"], 1);
    let events = index["events"].as_array().unwrap();
    assert_eq!(events.len(), 7);
    let first = &events[0];
    assert_eq!(first[0], "e0");
    assert_eq!(first[1], "Event 0");
    assert_eq!(first[2], "1 March 2023");
    assert_eq!(first[3], "happened");
    assert_eq!(first[4], "Summary 0");
    let actor = first[5][0].as_u64().unwrap() as usize;
    assert_eq!(
        index["actors"][actor],
        serde_json::json!(["actor-0", "Actor 0"])
    );
}

/// The timeline page of a one-page site of events on `dates`: its bytes,
/// and the overview strip's `<rect>`s and links.
fn overview_of(dates: &[&str]) -> (usize, usize, Vec<String>) {
    let files: Vec<(String, String)> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            (
                format!("content/e{i}.md"),
                event(&format!("title: E{i}\ndate: {d}"), ""),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let site = site(&refs);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let index = site.read("public/index.html");
    let start = index
        .find("<svg class=\"overview-bars\"")
        .expect("an overview strip");
    let svg = &index[start..start + index[start..].find("</svg>").unwrap()];
    let labels = svg
        .split("aria-label=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect();
    (index.len(), svg.matches("<rect").count(), labels)
}

#[test]
fn the_overview_strip_does_not_grow_with_the_span_of_years() {
    // Ten events over five years, eight of them in one week: one bar of a
    // week with eight, not five near-empty years.
    let mut dates = vec!["2021-06-01".to_string(), "2022-02-24".to_string()];
    dates.extend([17, 18, 18, 20, 21, 22, 22, 23].map(|d| format!("2025-02-{d}")));
    let (bytes, rects, bars) = overview_of(&dates.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(
        bars,
        [
            "Week of 31 May 2021: 1 event",
            "Week of 21 February 2022: 1 event",
            "Week of 17 February 2025: 8 events"
        ]
    );
    assert!(rects <= 6, "{rects} rects");
    assert!(bytes < 20_000, "{bytes} bytes");

    // Events in the years 1 and 9999 made a 670 KB page, a bar a year.
    let (bytes, rects, bars) = overview_of(&["0001", "9999"]);
    assert_eq!(bars, ["1: 1 event", "9999: 1 event"]);
    assert!(rects <= 4, "{rects} rects");
    assert!(bytes < 10_000, "{bytes} bytes");

    // 1492, 1969 and 2025 drew 531 empty bars.
    let (bytes, rects, bars) = overview_of(&["1492", "1969", "2025"]);
    assert_eq!(bars, ["1492: 1 event", "1969: 1 event", "2025: 1 event"]);
    assert!(rects <= 6, "{rects} rects: two a bar, no empty ones");
    assert!(bytes < 10_000, "{bytes} bytes");
}
