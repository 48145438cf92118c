//! The command line refuses what it cannot use as usage errors (exit 2),
//! before touching anything, and says what to write instead.

mod common;
use common::*;

#[test]
fn a_title_of_two_unquoted_words_creates_no_folder() {
    let site = site(&[("content/a.md", &event("title: A\ndate: 2025", ""))]);
    let before = tree(site.root());
    let (code, stdout, stderr) = site.run(&["new", "Summit", "announced", "--date", "2025-03-01"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("there is no site folder Summit"), "{stderr}");
    assert!(stderr.contains("annals new \"Summit announced\""), "{stderr}");
    assert_same_tree(&before, &tree(site.root()), "nothing written");
}

#[test]
fn bad_option_values_are_usage_errors() {
    let site = site(&[("content/a.md", &event("title: A\ndate: 2025", ""))]);
    let before = tree(site.root());
    for (args, says) in [
        (vec!["new", "X", "--date", "tomorrow"], "--date"),
        (vec!["build", "--base-url", "example.org"], "--base-url"),
        (vec!["new", ".", ""], "the title is empty"),
        (vec!["new", "  "], "the title is empty"),
        (vec!["serve", "--bind", "0.0.0.0.0"], "--bind"),
    ] {
        let (code, stdout, stderr) = site.run(&args);
        assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!stderr.contains("--port"), "{args:?} is not about ports: {stderr}");
    }
    assert_same_tree(&before, &tree(site.root()), "nothing written");
}

#[test]
fn an_address_that_is_not_this_machines_is_not_blamed_on_the_port() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine,
    // so binding fails at once, without any traffic.
    let site = site(&[("content/a.md", &event("title: A\ndate: 2025", ""))]);
    let (code, stdout, stderr) =
        run_bounded(&["serve", "--bind", "192.0.2.1", "--no-reload"], site.path());
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("cannot listen on 192.0.2.1"), "{stderr}");
    assert!(!stderr.contains("--port"), "{stderr}");
    assert!(stderr.contains("--bind"), "{stderr}");
}
