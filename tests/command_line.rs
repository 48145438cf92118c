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
    assert!(
        stderr.contains("there is no site folder Summit"),
        "{stderr}"
    );
    assert!(
        stderr.contains("annals new \"Summit announced\""),
        "{stderr}"
    );
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
        assert!(
            !stderr.contains("--port"),
            "{args:?} is not about ports: {stderr}"
        );
    }
    assert_same_tree(&before, &tree(site.root()), "nothing written");
}

#[test]
fn an_address_that_is_not_this_machines_is_not_blamed_on_the_port() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine,
    // so binding fails at once, without any traffic.
    let site = site(&[("content/a.md", &event("title: A\ndate: 2025", ""))]);
    let (code, stdout, stderr) = run_bounded(
        &["serve", "--bind", "192.0.2.1", "--no-reload"],
        site.path(),
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("cannot listen on 192.0.2.1"), "{stderr}");
    assert!(!stderr.contains("--port"), "{stderr}");
    assert!(stderr.contains("--bind"), "{stderr}");
}

#[test]
fn check_fails_wherever_build_fails_on_static_files() {
    let site = site(&[
        ("content/e.md", &event("title: E\ndate: 2025", "")),
        ("static/events", "a file where Annals makes a folder"),
    ]);
    for command in ["check", "build"] {
        let (code, stdout, stderr) = site.run(&[command]);
        assert_eq!(code, 1, "{command}: {stdout}{stderr}");
        assert!(stderr.contains("static/events"), "{command}: {stderr}");
        assert!(
            stderr.contains("Annals generates a folder of that name"),
            "{stderr}"
        );
        assert!(!stderr.contains("os error"), "{command}: {stderr}");
    }
    // A static folder where Annals writes a file.
    site.remove("static/events");
    site.write("static/index.html/x.txt", "x");
    for command in ["check", "build"] {
        let (code, _, stderr) = site.run(&[command]);
        assert_eq!(code, 1, "{command}: {stderr}");
        assert!(
            stderr.contains("Annals generates a file of that name"),
            "{stderr}"
        );
    }
    // A static file in place of a page Annals renders: an error in both.
    std::fs::remove_dir_all(site.join("static/index.html")).unwrap();
    site.write("static/events/e/index.html", "<p>mine</p>");
    for command in ["check", "build"] {
        let (code, _, stderr) = site.run(&[command]);
        assert_eq!(code, 1, "{command}: {stderr}");
        assert!(
            stderr.contains("static/events/e/index.html"),
            "{command}: {stderr}"
        );
        assert!(
            stderr.contains("Annals generates this page"),
            "{command}: {stderr}"
        );
        assert!(!stderr.contains("os error"), "{command}: {stderr}");
    }
    // A static file in place of a file that is not a page replaces it, and
    // both say so.
    std::fs::remove_dir_all(site.join("static/events")).unwrap();
    site.write("static/robots.txt", "User-agent: *\n");
    site.write("annals.yaml", "base_url: https://example.org/\n");
    for command in ["check", "build"] {
        let (code, _, stderr) = site.run(&[command]);
        assert_eq!(code, 0, "{command}: {stderr}");
        assert!(
            stderr.contains("warning: static/ replaces a file that Annals generates: robots.txt"),
            "{command}: {stderr}"
        );
    }
    assert_eq!(site.read("public/robots.txt"), "User-agent: *\n");
}

#[test]
fn files_left_out_are_named() {
    let site = site(&[
        ("content/a.md", &event("title: A\ndate: 2025", "")),
        ("content/b.MD", &event("title: B\ndate: 2025", "")),
        ("content/c.markdown", &event("title: C\ndate: 2025", "")),
        ("static/real.txt", "real"),
    ]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.join("static/real.txt"), site.join("static/link.txt")).unwrap();
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("built 3 events"), "{stdout}");
    for slug in ["a", "b", "c"] {
        assert!(
            site.join(&format!("public/events/{slug}/index.html"))
                .is_file()
        );
    }
    #[cfg(unix)]
    {
        assert!(stderr.contains("note: left out of static/"), "{stderr}");
        assert!(stderr.contains("link.txt"), "{stderr}");
        assert!(!site.join("public/link.txt").exists());
    }
}

#[test]
fn a_password_in_base_url_is_refused_without_being_repeated() {
    let site = site(&[("content/a.md", &event("title: A\ndate: 2025", ""))]);
    let (code, stdout, stderr) =
        site.run(&["build", "--base-url", "https://bob:hunter2@example.org/"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("--base-url"), "{stderr}");
    assert!(
        !stderr.contains("hunter2"),
        "the password is not printed: {stderr}"
    );
    assert!(!site.join("public").exists());
}
