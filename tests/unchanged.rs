//! What a rebuild does not make again (issue 19): over the output of the
//! same site, nothing; after an edit, only the pages whose inputs changed.
//! Each page's inputs are summed into a digest kept in the record of the
//! output; `ANNALS_TIMINGS=1` says on stderr how many pages a build made.

mod common;
mod rebuild_support;

use common::*;
use rebuild_support::*;

/// Builds `site` with `ANNALS_TIMINGS` set; returns stdout and stderr.
fn timed_build(site: &Site) -> (String, String) {
    let out = std::process::Command::new(BIN)
        .arg("build")
        .current_dir(site.path())
        .env("ANNALS_TIMINGS", "1")
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    );
    assert!(out.status.success(), "{stdout}{stderr}");
    (stdout, stderr)
}

/// The `made N of M pages` count of a timed build, if it made pages.
fn made(stderr: &str) -> Option<(usize, usize)> {
    count(stderr, "timing: made ")
}

/// The `rendered N of M bodies` count of a timed build, if it rendered any.
fn rendered(stderr: &str) -> Option<(usize, usize)> {
    count(stderr, "timing: rendered ")
}

/// The two numbers of the `N of M` line of a timed build that starts with
/// `prefix`.
fn count(stderr: &str, prefix: &str) -> Option<(usize, usize)> {
    let line = stderr.lines().find_map(|l| l.strip_prefix(prefix))?;
    let mut words = line.split(' ');
    let made = words.next()?.parse().ok()?;
    let all = words.nth(1)?.parse().ok()?;
    Some((made, all))
}

/// What a build says to the author: its notes and warnings.
fn said(stdout: &str, stderr: &str) -> Vec<String> {
    stdout
        .lines()
        .chain(stderr.lines())
        .filter(|l| l.starts_with("note:") || l.starts_with("warning:"))
        .map(str::to_string)
        .collect()
}

/// The rich site, with an event that the calendar leaves out (a note) and
/// a name written in two ways (a warning).
fn talkative() -> Site {
    let site = rich();
    site.write(
        "content/denied.md",
        "---\ntitle: Deal denied\ndate: 2025-03-03\nstatus: denied\nactors: [rubio]\n---\nDenied.\n",
    );
    site
}

#[test]
fn over_the_same_site_nothing_is_made_again_and_the_same_is_said() {
    let site = talkative();
    let (stdout, stderr) = timed_build(&site);
    let first = said(&stdout, &stderr);
    assert!(first.iter().any(|l| l.starts_with("note:")), "{first:?}");
    assert!(first.iter().any(|l| l.starts_with("warning:")), "{first:?}");
    let all = made(&stderr).expect("the first build makes every page").1;
    assert_eq!(made(&stderr), Some((all, all)), "{stderr}");
    let before = stamps(&site.join("public"));
    let (stdout, stderr) = timed_build(&site);
    assert!(stdout.trim_end().ends_with("(no file changed)"), "{stdout}");
    assert_eq!(before, stamps(&site.join("public")));
    // Neither pages nor data files, nor even the Markdown, were made.
    for stage in ["timing: markdown", "timing: pages", "timing: data files"] {
        assert!(!stderr.contains(stage), "{stage}: {stderr}");
    }
    assert!(stderr.contains("timing: carry over"), "{stderr}");
    assert_eq!(said(&stdout, &stderr), first);
    assert!(stdout.contains(&format!(", {all} pages in ")), "{stdout}");
}

#[test]
fn after_an_edit_only_the_pages_that_show_it_are_made() {
    let site = talkative();
    timed_build(&site);
    let public = site.join("public");
    let before = stamps(&public);
    site.write(
        "content/e1.md",
        "---\ntitle: Summit postponed\ndate: 2025-02-22\nactors: [Putin]\ntags: [summit]\n---\nSummit announced, told.\n",
    );
    let (_, stderr) = timed_build(&site);
    let mut pages = changed(&before, &stamps(&public));
    pages.retain(|p| p.ends_with(".html"));
    let (made, all) = made(&stderr).expect("pages were made");
    // Made again: exactly the pages that changed (the event, its
    // neighbours, the timeline, its actor and tag), no other.
    assert_eq!(made, pages.len(), "{pages:?}");
    assert!(made < all / 2, "{made} of {all}");
    assert!(pages.contains(&"events/e1/index.html".to_string()));
    // No body was rendered from Markdown (the edit left e1's as it was):
    // all came from the site's cache folder.
    let bodies = rendered(&stderr).expect("the bodies' count");
    assert_eq!(bodies.0, 0, "{stderr}");
    assert!(bodies.1 > 5, "{bodies:?}");
    assert_same_tree(&fresh(&site), &tree(&public), "after the title changed");
}

#[test]
fn a_static_file_that_stood_for_a_generated_one_gives_it_back_when_it_goes() {
    let site = talkative();
    build(&site);
    let made = site.read("public/robots.txt");
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    rebuilt_as_fresh(&site, "a static file in place of a generated one");
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nDisallow: /\n"
    );
    site.remove("static/robots.txt");
    rebuilt_as_fresh(&site, "the static file gone");
    assert_eq!(site.read("public/robots.txt"), made);
}

#[test]
fn options_and_drafts_count_as_inputs() {
    let site = talkative();
    site.write(
        "content/draft.md",
        "---\ntitle: Draft talks\ndate: 2025-03-04\ndraft: true\n---\nNot yet.\n",
    );
    build(&site);
    let (code, stdout, stderr) = site.run(&["build", "--drafts"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(site.join("public/events/draft/index.html").is_file());
    let (code, stdout, stderr) = site.run(&["build", "--base-url", "https://example.net/"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!site.join("public/events/draft/index.html").exists());
    let feed = std::fs::read_to_string(site.join("public/atom.xml")).unwrap();
    assert!(feed.contains("https://example.net/"), "{feed}");
    let expected = {
        let (code, stdout, stderr) = site.run(&[
            "build",
            "--base-url",
            "https://example.net/",
            "--output",
            "../fresh",
        ]);
        assert_eq!(code, 0, "{stdout}{stderr}");
        tree(&site.root().join("fresh"))
    };
    assert_same_tree(&expected, &tree(&site.join("public")), "after the options");
}
