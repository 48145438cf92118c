//! One test per kind of bad input: each is refused with exit status 1, a
//! message that names the file and the exact `file:line:col`, and nothing
//! written — no output folder on a fresh site, and a previous good output
//! left byte-for-byte as it was.

mod common;

use common::*;
use std::time::Duration;

/// A good event every site here has, so there is something to build.
const GOOD: &str = "---\ntitle: Good\ndate: 2020\n---\nFine.\n";

/// Checks that the site made of `content/good.md` plus the `bad` files is
/// refused, three ways:
///
/// 1. `build` on a fresh site: exit 1, nothing on stdout, the problem at
///    `location` with every one of `words`, a summary line that counts the
///    `error:` lines, and the whole temporary folder unchanged (no
///    `public/`, no temporary folders).
/// 2. `check`: the same report.
/// 3. A good build first (without the bad files), then the bad files and
///    `build` again: exit 1, the previous output byte-identical, no
///    leftover `.public.annals-*` folders.
///
/// Returns the stderr of the first build.
fn refused(bad: &[(&str, &[u8])], location: &str, words: &[&str]) -> String {
    let site = site(&[("content/good.md", GOOD)]);
    for (rel, bytes) in bad {
        site.write(rel, bytes);
    }

    let before = tree(site.root());
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "exit status\nstdout: {stdout}\nstderr: {stderr}");
    assert!(stdout.is_empty(), "nothing on stdout: {stdout}");
    assert_problem(&stderr, location, words);
    let (problems, _) = summary_numbers(&stderr);
    assert_eq!(
        problems,
        error_count(&stderr),
        "summary counts the problems:\n{stderr}"
    );
    assert!(!site.join("public").exists(), "public/ was created");
    assert_same_tree(&before, &tree(site.root()), "a refused build");

    let (code, stdout, check_stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "check: {stdout}{check_stderr}");
    assert_eq!(check_stderr, stderr, "check reports what build reports");
    assert_same_tree(&before, &tree(site.root()), "a refused check");

    for (rel, _) in bad {
        site.remove(rel);
    }
    let (code, _, good_stderr) = site.run(&["build"]);
    assert_eq!(
        code, 0,
        "the site without the bad files builds:\n{good_stderr}"
    );
    for (rel, bytes) in bad {
        site.write(rel, bytes);
    }
    let previous = tree(site.root());
    let (code, _, again) = site.run(&["build"]);
    assert_eq!(code, 1, "{again}");
    assert_problem(&again, location, words);
    assert_same_tree(
        &previous,
        &tree(site.root()),
        "a failed build after a good one",
    );
    assert!(entries_starting_with(site.path(), ".public.annals").is_empty());
    stderr
}

/// [`refused`] for one text file.
fn refused_file(rel: &str, text: &str, location: &str, words: &[&str]) -> String {
    refused(&[(rel, text.as_bytes())], location, words)
}

// ---------------------------------------------------------------------------
// The file itself
// ---------------------------------------------------------------------------

#[test]
fn not_utf8() {
    // "title: café " is 12 characters; the bad byte is the 13th.
    let stderr = refused(
        &[(
            "content/bytes.md",
            b"---\ntitle: caf\xc3\xa9 \xff\xfe\ndate: 2024\n---\n",
        )],
        "content/bytes.md:2:13",
        &["not UTF-8"],
    );
    assert!(stderr.contains("= help: save it as UTF-8"), "{stderr}");
    assert_summary(&stderr, 1, 1);
}

#[test]
fn not_utf8_config() {
    let stderr = refused(
        &[("annals.yaml", b"title: caf\xff\n")],
        "annals.yaml:1:11",
        &["not UTF-8"],
    );
    assert_summary(&stderr, 1, 1);
}

#[test]
fn empty_file() {
    // An empty file has no line to point at: the location is the file.
    let stderr = refused_file("content/empty.md", "", "content/empty.md", &["empty"]);
    assert!(
        stderr.contains("= help: an event starts with front matter"),
        "{stderr}"
    );
    // Whitespace only is empty too.
    refused_file(
        "content/blank.md",
        "\n  \n\t\n",
        "content/blank.md",
        &["empty"],
    );
}

#[test]
fn no_front_matter() {
    let stderr = refused_file(
        "content/plain.md",
        "Just some text.\n\nNo fences.\n",
        "content/plain.md:1:1",
        &["no front matter"],
    );
    assert!(
        stderr.contains("1 | Just some text."),
        "shows the line: {stderr}"
    );
}

#[test]
fn no_closing_fence() {
    refused_file(
        "content/open.md",
        "---\ntitle: Open\ndate: 2024\n\nBody without a closing fence.\n",
        "content/open.md:1:1",
        &["never closed"],
    );
}

#[test]
fn empty_front_matter() {
    refused_file(
        "content/void.md",
        "---\n---\nBody.\n",
        "content/void.md:1",
        &["empty"],
    );
}

#[test]
fn crlf_and_bom_keep_line_numbers() {
    refused_file(
        "content/crlf.md",
        "---\r\ntitle: x\r\ndate: 2025-13-01\r\n---\r\nBody.\r\n",
        "content/crlf.md:3:7",
        &["no month 13"],
    );
    refused_file(
        "content/bom.md",
        "\u{feff}---\ntitle: x\ndate: 2025-13-01\n---\n",
        "content/bom.md:3:7",
        &["no month 13"],
    );
}

#[test]
fn front_matter_is_a_list() {
    refused_file(
        "content/list.md",
        "---\n- title: x\n- date: 2024\n---\n",
        "content/list.md:2:1",
        &["must be a mapping", "a list"],
    );
}

// ---------------------------------------------------------------------------
// YAML syntax
// ---------------------------------------------------------------------------

#[test]
fn unclosed_quote_is_reported_at_the_quote() {
    let stderr = refused_file(
        "content/quote.md",
        "---\ndate: 2024\ntitle: \"Battle of words\nsummary: more\n---\n",
        "content/quote.md:3:8",
        &["invalid YAML", "quoted scalar"],
    );
    assert!(stderr.contains("3 | title: \"Battle of words"), "{stderr}");
    assert_summary(&stderr, 1, 1);
}

#[test]
fn unclosed_flow_list() {
    refused_file(
        "content/flow.md",
        "---\ntitle: x\ndate: 2024\ntags: [a, b\nplaces: [c]\n---\n",
        "content/flow.md:4:7",
        &["invalid YAML", "flow sequence"],
    );
}

#[test]
fn tab_indentation() {
    let stderr = refused_file(
        "content/tabs.md",
        "---\ntitle: x\ndate: 2024\ntags:\n\t- a\n---\n",
        "content/tabs.md:5:1",
        &["invalid YAML"],
    );
    assert!(stderr.contains("not tabs"), "the hint names tabs: {stderr}");
}

#[test]
fn yaml_anchor_and_alias_are_refused() {
    refused_file(
        "content/alias.md",
        "---\ntitle: &t The title\ndate: 2024\nsummary: *t\n---\n",
        "content/alias.md:2:8",
        &["anchors", "aliases"],
    );
    // An alias alone (to an undefined anchor) is refused too.
    refused_file(
        "content/alias.md",
        "---\ntitle: x\ndate: 2024\nsummary: *nothing\n---\n",
        "content/alias.md:4:10",
        &["alias"],
    );
}

#[test]
fn alias_bomb_finishes_quickly() {
    let mut text = String::from("---\ntitle: x\ndate: 2024\n");
    text.push_str(
        "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(",");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    text.push_str("---\n");
    let site = site(&[("content/good.md", GOOD), ("content/bomb.md", &text)]);
    let (code, _, stderr, took) = run_timed(&["build"], site.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_problem(&stderr, "content/bomb.md:4:5", &["anchors"]);
    assert!(!site.join("public").exists());
    // And through the full three-way check.
    refused_file(
        "content/bomb.md",
        &text,
        "content/bomb.md:4:5",
        &["anchors"],
    );
}

#[test]
fn deep_nesting_finishes_quickly() {
    // `tags: ` then 10,000 `[`: the front matter mapping is level 1, so the
    // 32nd `[` (column 7 + 31) is one level too deep.
    let text = format!(
        "---\ntitle: x\ndate: 2024\ntags: {}\n---\n",
        "[".repeat(10_000)
    );
    let site = site(&[("content/good.md", GOOD), ("content/deep.md", &text)]);
    let (code, _, stderr, took) = run_timed(&["build"], site.path());
    assert_eq!(code, 1, "{}", &stderr[..stderr.len().min(2000)]);
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_problem(
        &stderr,
        "content/deep.md:4:38",
        &["nested more than 32 levels"],
    );
    refused_file(
        "content/deep.md",
        &text,
        "content/deep.md:4:38",
        &["nested"],
    );

    // Deep block nesting too.
    let mut block = String::from("---\ntitle: x\ndate: 2024\nsummary:\n");
    for depth in 1..200 {
        block.push_str(&format!("{}- \n", "  ".repeat(depth)));
    }
    block.push_str("---\n");
    site.write("content/deep.md", &block);
    let (code, _, stderr) = run(&["check"], site.path());
    assert_eq!(code, 1, "{}", &stderr[..stderr.len().min(2000)]);
}

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

#[test]
fn wrong_types() {
    let stderr = refused_file(
        "content/types.md",
        "---\ntitle: [a, list]\ndate: 2024\ntags: a, b\napproximate: maybe\n---\n",
        "content/types.md:2:8",
        &["`title` must be text", "a list"],
    );
    assert_problem(
        &stderr,
        "content/types.md:4:7",
        &["`tags` must be a list", "text"],
    );
    assert_problem(
        &stderr,
        "content/types.md:5:14",
        &["`approximate` must be true or false", "maybe"],
    );
    assert_summary(&stderr, 3, 1);
}

#[test]
fn impossible_dates() {
    let stderr = refused(
        &[
            (
                "content/feb30.md",
                b"---\ntitle: x\ndate: 2025-02-30\n---\n",
            ),
            (
                "content/month13.md",
                b"---\ntitle: x\ndate: 2025-13-01\n---\n",
            ),
            (
                "content/words.md",
                b"---\ntitle: x\ndate: 'June 2021'\n---\n",
            ),
        ],
        "content/feb30.md:3:7",
        &["2025-02-30", "February 2025 has 28 days"],
    );
    assert_problem(
        &stderr,
        "content/month13.md:3:7",
        &["2025-13-01", "no month 13"],
    );
    assert_problem(
        &stderr,
        "content/words.md:3:7",
        &["June 2021", "is not a date"],
    );
    assert!(
        stderr.contains("= help: `date` takes a year (2021)"),
        "{stderr}"
    );
    assert_summary(&stderr, 3, 3);
}

#[test]
fn end_before_date() {
    refused_file(
        "content/backwards.md",
        "---\ntitle: x\ndate: 2022-03-01\nend: 2022-02-27\n---\n",
        "content/backwards.md:4:6",
        &["ends", "before it starts"],
    );
}

#[test]
fn unknown_status_suggests_the_nearest() {
    let stderr = refused_file(
        "content/status.md",
        "---\ntitle: x\ndate: 2022\nstatus: happend\n---\n",
        "content/status.md:4:9",
        &["`happend` is not a status", "did you mean `happened`?"],
    );
    assert!(
        stderr.contains("cancelled"),
        "lists the allowed words: {stderr}"
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let stderr = refused_file(
        "content/typo.md",
        "---\ntitel: x\ndate: 2022\n---\n",
        "content/typo.md:2:1",
        &["unknown key `titel`", "did you mean `title`?"],
    );
    // The missing title is reported too.
    assert!(stderr.contains("`title` is missing"), "{stderr}");
}

#[test]
fn duplicate_key_is_reported_at_the_second() {
    refused_file(
        "content/twice.md",
        "---\ntitle: x\ndate: 2022\ntitle: y\n---\n",
        "content/twice.md:4:1",
        &["`title` is given twice"],
    );
}

#[test]

fn duplicate_key_message_names_the_first_line_in_the_file() {
    let site = site(&[(
        "content/twice.md",
        "---\ntitle: x\ndate: 2022\ntitle: y\n---\n",
    )]);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1);
    assert_problem(&stderr, "content/twice.md:4:1", &["(first on line 2)"]);
}

#[test]
fn duplicate_slugs_across_files() {
    // same.md (2021) comes first in time; a.md claims its slug on line 4.
    let stderr = refused(
        &[
            (
                "content/a.md",
                b"---\ntitle: A\ndate: 2022\nslug: same\n---\n",
            ),
            ("content/same.md", b"---\ntitle: Same\ndate: 2021\n---\n"),
        ],
        "content/a.md:4:7",
        &["the slug `same` is also used by content/same.md"],
    );
    assert_summary(&stderr, 1, 1);
}

#[test]
fn slug_cannot_leave_the_output() {
    let stderr = refused_file(
        "content/escape.md",
        "---\ntitle: x\ndate: 2022\nslug: ../../etc\n---\n",
        "content/escape.md:4:7",
        &["`../../etc` is not a usable slug"],
    );
    assert!(stderr.contains("lowercase letters, digits"), "{stderr}");
    for bad in ["/etc/passwd", "Upper", "a b", "a--b", "-a"] {
        let text = format!("---\ntitle: x\ndate: 2022\nslug: \"{bad}\"\n---\n");
        refused_file(
            "content/escape.md",
            &text,
            "content/escape.md:4:7",
            &["not a usable slug"],
        );
    }
}

#[test]
fn missing_related_event() {
    let stderr = refused_file(
        "content/rel.md",
        "---\ntitle: x\ndate: 2022\nrelated: [goood, nope]\n---\n",
        "content/rel.md:4:11",
        &[
            "there is no event with the slug `goood`",
            "did you mean `good`?",
        ],
    );
    assert_problem(&stderr, "content/rel.md:4:18", &["`nope`"]);
    assert_summary(&stderr, 2, 1);
}

#[test]
fn related_to_itself() {
    refused_file(
        "content/me.md",
        "---\ntitle: x\ndate: 2022\nrelated:\n  - me\n---\n",
        "content/me.md:5:5",
        &["related to itself"],
    );
}

#[test]
fn source_with_a_script_url() {
    refused_file(
        "content/src.md",
        "---\ntitle: x\ndate: 2022\nsources:\n  - title: A\n    url: javascript:alert(1)\n---\n",
        "content/src.md:6:10",
        &["`javascript:alert(1)` is not a web address", "https://"],
    );
}

#[test]
fn source_without_a_title() {
    refused_file(
        "content/src.md",
        "---\ntitle: x\ndate: 2022\nsources:\n  - title: A\n    url: https://example.org/a\n  - url: https://example.org/b\n    publisher: P\n---\n",
        "content/src.md:7:5",
        &["`title` is missing"],
    );
}

#[test]
fn source_with_an_unknown_key() {
    refused_file(
        "content/src.md",
        "---\ntitle: x\ndate: 2022\nsources:\n  - title: A\n    link: https://example.org/a\n---\n",
        "content/src.md:6:5",
        &["unknown key `link` in a source"],
    );
}

// ---------------------------------------------------------------------------
// Other files of the site
// ---------------------------------------------------------------------------

#[test]
fn bad_config() {
    let stderr = refused_file(
        "annals.yaml",
        "title: T\nbase_url: ftp://example.org\nmarkdwn:\n  unsafe_html: true\nlanguage: \"en GB\"\n",
        "annals.yaml:3:1",
        &["unknown key `markdwn`", "did you mean `markdown`?"],
    );
    assert_problem(
        &stderr,
        "annals.yaml:2:11",
        &["base_url", "ftp://example.org", "https://"],
    );
    assert_problem(&stderr, "annals.yaml:5:11", &["not a language tag"]);
    assert_summary(&stderr, 3, 1);
    refused_file(
        "annals.yaml",
        "markdown:\n  unsafe_html: yes please\n",
        "annals.yaml:2:16",
        &["unsafe_html", "true or false"],
    );
}

#[test]
fn bad_intro() {
    refused_file(
        "content/_index.md",
        "---\ntitle: Intro\nsubtitle: nope\n---\nText.\n",
        "content/_index.md:3:1",
        &["unknown key `subtitle`"],
    );
}

#[test]
fn broken_template_override() {
    let stderr = refused_file(
        "templates/index.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ nope( }}</p>\n{% endblock main %}\n",
        "templates/index.html:3:13",
        &[],
    );
    assert!(stderr.contains("3 | <p>{{ nope( }}</p>"), "{stderr}");
    assert_summary(&stderr, 1, 1);
}

#[test]
fn template_using_an_unknown_variable() {
    refused_file(
        "templates/event.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ no_such_thing }}{% endblock main %}\n",
        "templates/event.html:2:20",
        &["no_such_thing"],
    );
}

// ---------------------------------------------------------------------------
// Many problems at once
// ---------------------------------------------------------------------------

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let site = site(&[
        ("content/good.md", GOOD),
        ("content/a.md", "---\ntitle: A\ndate: 2025-02-30\n---\n"),
        (
            "content/b.md",
            "---\ntitle: B\ndate: 2024\nstatus: happend\napproximate: maybe\n---\n",
        ),
        ("content/c.md", "No front matter here.\n"),
        (
            "content/nested/d.md",
            "---\ntitle: D\ndate: 2024\ntags:\n\t- x\n---\n",
        ),
        ("annals.yaml", "titel: X\n"),
        ("templates/404.html", "<p>{{ nope( }}</p>\n"),
        // Problems that span files are found in the same run: a slug used
        // twice, a related event that does not exist (while a link to the
        // broken a.md is not reported: that file's own problem is).
        (
            "content/e.md",
            "---\ntitle: E\ndate: 2023\nslug: good\nrelated: [a, nowhere]\n---\n",
        ),
    ]);
    let before = tree(site.root());
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let expected = [
        "annals.yaml:1:1",
        "content/a.md:3:7",
        "content/b.md:4:9",
        "content/b.md:5:14",
        "content/c.md:1:1",
        "content/e.md:4:7",
        "content/e.md:5:14",
        "content/nested/d.md:5:1",
        "templates/404.html:1:13",
    ];
    for location in expected {
        assert_problem(&stderr, location, &[]);
    }
    assert_eq!(error_count(&stderr), expected.len(), "{stderr}");
    assert_summary(&stderr, 9, 7);
    // Sorted by file, then line.
    let arrows: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("  --> "))
        .collect();
    assert_eq!(arrows, expected, "{stderr}");
    assert_same_tree(&before, &tree(site.root()), "a refused build");

    let (code, _, check) = site.run(&["check"]);
    assert_eq!(code, 1);
    assert_eq!(check, stderr);
}

// ---------------------------------------------------------------------------
// The output folder
// ---------------------------------------------------------------------------

/// Runs `build` with `--output <output>` from the site folder and checks
/// it is refused with `why`, changing nothing anywhere in the temporary
/// folder.
fn refuse_output(site: &Site, output: &str, why: &str) {
    let before = tree(site.root());
    let (code, stdout, stderr) = site.run(&["build", "--output", output]);
    assert_eq!(code, 1, "--output {output}: {stdout}{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains(&format!("error: refusing to build into {output}: {why}")),
        "--output {output}:\n{stderr}"
    );
    assert_summary_without_files(&stderr);
    assert_same_tree(&before, &tree(site.root()), &format!("--output {output}"));
}

fn assert_summary_without_files(stderr: &str) {
    assert_eq!(
        stderr.trim_end().lines().last(),
        Some("1 problem found; nothing was written."),
        "{stderr}"
    );
}

fn site_with_a_previous_build() -> Site {
    let site = site(&[
        ("content/good.md", GOOD),
        ("static/keep.txt", "static"),
        ("templates/keep.html", "<p>not used</p>"),
    ]);
    assert_eq!(site.run(&["build"]).0, 0);
    site
}

#[test]
fn output_cannot_be_the_site() {
    let site = site_with_a_previous_build();
    refuse_output(&site, ".", "it is the site folder itself");
    let abs = site.path().to_str().unwrap().to_string();
    refuse_output(&site, &abs, "it is the site folder itself");
    refuse_output(&site, "content/..", "it is the site folder itself");
}

#[test]
fn output_cannot_hold_the_site() {
    let site = site_with_a_previous_build();
    refuse_output(&site, "..", "it contains the site");
    refuse_output(&site, "../site/..", "it contains the site");
}

#[test]
fn output_cannot_be_inside_what_annals_reads() {
    let site = site_with_a_previous_build();
    refuse_output(
        &site,
        "content/out",
        "it is inside the site's content/ folder",
    );
    refuse_output(&site, "content", "it is inside the site's content/ folder");
    refuse_output(&site, "static", "it is inside the site's static/ folder");
    refuse_output(
        &site,
        "templates/x",
        "it is inside the site's templates/ folder",
    );
}

#[test]
fn output_cannot_be_a_folder_of_other_files() {
    let site = site_with_a_previous_build();
    site.write("../docs/notes.txt", "my notes");
    site.write("../docs/sub/more.txt", "more notes");
    refuse_output(&site, "../docs", "it is a folder with other files in it");
    site.write("../file.txt", "a file");
    refuse_output(&site, "../file.txt", "it is a file, not a folder");
    // An empty folder and a previous build are fine.
    std::fs::create_dir(site.root().join("empty")).unwrap();
    let (code, _, stderr) = site.run(&["build", "--output", "../empty"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = site.run(&["build", "--output", "../empty"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(site.root().join("empty/index.html").is_file());
    assert!(entries_starting_with(site.root(), ".empty.annals").is_empty());
}

#[test]
fn a_failed_build_keeps_the_previous_output() {
    let site = site_with_a_previous_build();
    site.write("content/second.md", "---\ntitle: Second\ndate: 2021\n---\n");
    assert_eq!(site.run(&["build"]).0, 0);
    let previous = tree(site.root());
    assert!(previous.contains_key("site/public/events/second/index.html"));

    // A problem in the content.
    site.write(
        "content/second.md",
        "---\ntitle: Second\ndate: 2021-02-29\n---\n",
    );
    let with_bad_file = tree(site.root());
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(
        &stderr,
        "content/second.md:3:7",
        &["February 2021 has 28 days"],
    );
    assert_same_tree(
        &with_bad_file,
        &tree(site.root()),
        "after a content problem",
    );

    // A problem found only while writing: a static file where the build
    // has a folder. The half-written build is removed.
    site.write("content/second.md", "---\ntitle: Second\ndate: 2021\n---\n");
    site.write("static/events", "a file in the way of events/");
    let with_bad_static = tree(site.root());
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("static/events"), "{stderr}");
    assert_same_tree(&with_bad_static, &tree(site.root()), "after a write error");
    assert!(entries_starting_with(site.path(), ".public.annals").is_empty());

    // Into an output folder elsewhere, too.
    site.remove("static/events");
    assert_eq!(site.run(&["build", "--output", "../out"]).0, 0);
    site.write("static/events", "in the way");
    let before = tree(site.root());
    let (code, _, _) = site.run(&["build", "--output", "../out"]);
    assert_eq!(code, 1);
    assert_same_tree(&before, &tree(site.root()), "after a write error elsewhere");
    assert!(entries_starting_with(site.root(), ".out.annals").is_empty());
}

#[test]
fn missing_site_or_content_folder() {
    let site = site(&[]);
    let before = tree(site.root());
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(&stderr, "content", &["no content folder"]);
    let (code, _, stderr) = site.run(&["build", "no-such-site"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("no-such-site"), "{stderr}");
    let (code, _, stderr) = site.run(&["check", "no-such-site"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("no-such-site is not a folder"), "{stderr}");
    assert_same_tree(&before, &tree(site.root()), "nothing written");
}
