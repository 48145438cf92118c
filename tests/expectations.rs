//! Expectations: `expected_by` on what should happen by a deadline,
//! `fulfils` on what settles it, open and overdue ones shown and warned
//! about, judged on `as_of`.

mod common;
use common::*;

fn expected(front: &str) -> String {
    event(
        &format!("title: Envoys meet\ndate: 2025-02-22\nstatus: expected\n{front}"),
        "",
    )
}

#[test]
fn an_open_expectation_is_listed_and_a_fulfilled_one_links_its_outcome() {
    let site = site(&[
        ("content/envoys.md", &expected("expected_by: 2025-03-08")),
        (
            "content/summit.md",
            &event(
                "title: Summit expected\ndate: 2025-03\nstatus: planned\nexpected_by: 2025-06",
                "",
            ),
        ),
        (
            "content/met.md",
            &event("title: Envoys met\ndate: 2025-03-05\nfulfils: envoys", ""),
        ),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let index = site.read("public/index.html");
    let open = index
        .split("<h2 id=\"annals-open\">Open expectations</h2>")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("no open expectations on {index}"));
    assert!(
        open.contains(
            "Summit expected</a>: expected by <time datetime=\"2025-06\">June 2025</time>"
        ),
        "{open}"
    );
    assert!(
        !open.contains("Envoys meet"),
        "a fulfilled expectation is not open: {open}"
    );
    assert!(!index.contains("overdue"), "no as_of, nothing overdue");

    let page = site.read("public/events/envoys/index.html");
    assert!(
        page.contains("Expected by <time datetime=\"2025-03-08\">8 March 2025</time>."),
        "{page}"
    );
    assert!(
        page.contains("Outcome: <a href=\"../../events/met/\" dir=\"ltr\">Envoys met</a>"),
        "{page}"
    );
}

#[test]
fn as_of_makes_an_unsettled_expectation_overdue_and_nothing_else_depends_on_the_clock() {
    let site = site(&[("content/envoys.md", &expected("expected_by: 2025-03-08"))]);
    assert_eq!(site.run(&["build"]).0, 0);
    let first = tree(&site.join("public"));
    assert_eq!(site.run(&["build"]).0, 0);
    assert_eq!(
        first,
        tree(&site.join("public")),
        "two builds are byte-identical"
    );

    // The day of the deadline: not yet overdue.
    let (code, _, stderr) = site.run(&["build", "--as-of", "2025-03-08"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!site.read("public/index.html").contains("overdue"));
    let (code, _, stderr) = site.run(&["build", "--as-of", "2025-03-10"]);
    assert_eq!(code, 0, "{stderr}");
    let index = site.read("public/index.html");
    assert!(
        index.contains("overdue since <time datetime=\"2025-03-09\">9 March 2025</time>"),
        "{index}"
    );
    assert!(
        site.read("public/events/envoys/index.html")
            .contains("overdue since")
    );
    // The same from annals.yaml.
    site.write("annals.yaml", "as_of: 2025-03-10\n");
    assert_eq!(site.run(&["build"]).0, 0);
    assert!(site.read("public/index.html").contains("overdue since"));
}

#[test]
fn check_warns_about_overdue_expectations_and_strict_makes_them_count() {
    let site = site(&[
        ("content/envoys.md", &expected("expected_by: 2025-03-08")),
        (
            "content/called-off.md",
            &event(
                "title: Called off\ndate: 2025-02-22\nstatus: cancelled\nexpected_by: 2025-03-01",
                "",
            ),
        ),
    ]);
    let (code, stdout, stderr) = site.run(&["check", "--as-of", "2025-03-10"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.trim_end().ends_with(": no errors, 1 warning"),
        "{stdout}"
    );
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "a cancelled expectation is settled: {stderr}"
    );
    assert!(
        warnings[0].contains("content/envoys.md:5:14")
            && warnings[0].contains("expected by 8 March 2025; nothing recorded since"),
        "{stderr}"
    );
    let (code, _, stderr) = site.run(&["check", "--as-of", "2025-03-10", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    let (code, stdout, stderr) = site.run(&["check", "--as-of", "2025-03-01", "--strict"]);
    assert_eq!(code, 0, "before the deadline: {stderr}");
    assert!(stdout.trim_end().ends_with(": no problems"), "{stdout}");
    // Without --as-of, check judges on today, which is past 2025.
    let (_, _, stderr) = site.run(&["check"]);
    assert!(stderr.contains("nothing recorded since"), "{stderr}");
    // The cancelled one says so on its page.
    assert_eq!(site.run(&["build"]).0, 0);
    assert!(
        site.read("public/events/called-off/index.html")
            .contains("Outcome: cancelled.")
    );
}

#[test]
fn expectations_that_cannot_be_are_reported_where_written() {
    let site = site(&[
        (
            "content/happened.md",
            &event("title: Done\ndate: 2025\nexpected_by: 2025-03-08", ""),
        ),
        (
            "content/a.md",
            &event("title: A\ndate: 2025\nfulfils: nowhere", ""),
        ),
        (
            "content/b.md",
            &event("title: B\ndate: 2025\nfulfils: plain", ""),
        ),
        (
            "content/plain.md",
            &event("title: Plain\ndate: 2025\nstatus: planned", ""),
        ),
        (
            "content/c.md",
            &event(
                "title: C\ndate: 2025\nstatus: planned\nexpected_by: soon",
                "",
            ),
        ),
    ]);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(
        &stderr,
        "content/happened.md:4:14",
        &["a happened event is expected by no date"],
    );
    assert_problem(
        &stderr,
        "content/a.md:4:10",
        &["there is no event with the slug `nowhere`"],
    );
    assert_problem(&stderr, "content/b.md:4:10", &["`plain` expects nothing"]);
    assert_problem(&stderr, "content/c.md:5:14", &["soon"]);
    let (code, _, stderr) = site.run(&["check", "--as-of", "March"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with(
            "error: invalid value 'March' for '--as-of <AS_OF>': `March` is not a date in a form Annals reads\n"
        ),
        "{stderr}"
    );
    site.write("annals.yaml", "as_of: 2025-03\n");
    site.remove("content/a.md");
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(&stderr, "annals.yaml:1:8", &["not a day"]);
}

#[test]
fn the_shipped_envoys_meeting_is_overdue_after_8_march_2025() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, _, stderr) = run(&["check", ".", "--as-of", "2025-03-10"], root);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("2025-02-22-envoys-meeting-expected.md")
            && stderr.contains("expected by 8 March 2025; nothing recorded since"),
        "{stderr}"
    );
    let (code, _, _) = run(&["check", ".", "--as-of", "2025-03-10", "--strict"], root);
    assert_eq!(code, 1);
    // On the deadline it is not overdue yet. (`--strict` still exits 1 on
    // the shipped site: every event cites the one article, which check
    // warns of.)
    let (code, _, stderr) = run(&["check", ".", "--as-of", "2025-03-08"], root);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("nothing recorded since"), "{stderr}");
}

#[test]
fn events_json_carries_each_expectation_and_its_schema_says_so() {
    let site = site(&[
        ("content/envoys.md", &expected("expected_by: 2025-03-08")),
        (
            "content/summit.md",
            &event(
                "title: Summit\ndate: 2025-03\nstatus: planned\nexpected_by: 2025-06",
                "",
            ),
        ),
        (
            "content/met.md",
            &event("title: Envoys met\ndate: 2025-03-05\nfulfils: envoys", ""),
        ),
    ]);
    let (code, _, stderr) = site.run(&["build", "--as-of", "2025-07-01"]);
    assert_eq!(code, 0, "{stderr}");
    let data: serde_json::Value = serde_json::from_str(&site.read("public/events.json")).unwrap();
    let errors = events_json_errors(&data);
    assert!(errors.is_empty(), "{errors:#?}");
    let by_slug = |slug: &str| {
        data["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["slug"] == slug)
            .cloned()
            .unwrap()
    };
    let envoys = by_slug("envoys");
    assert_eq!(envoys["expectation"]["outcome"], "fulfilled");
    assert_eq!(envoys["expectation"]["fulfilled_by"], "met");
    assert_eq!(envoys["expectation"]["by"]["value"], "2025-03-08");
    let summit = by_slug("summit");
    assert_eq!(summit["expectation"]["outcome"], "open");
    assert_eq!(
        summit["expectation"]["overdue_since"]["value"],
        "2025-07-01"
    );
    let met = by_slug("met");
    assert_eq!(met["fulfils"], "envoys");
    assert!(met["expectation"].is_null());
}
