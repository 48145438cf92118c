//! A build killed part-way leaves an output that the next build brings to
//! exactly a fresh build's, without a clean (issue 19). The build is
//! stopped deterministically, not by a signal sent at a random moment:
//! `ANNALS_TEST_STOP_AT=<point>` makes the binary abort itself there, as a
//! kill would (no destructor runs, nothing is flushed or removed). The
//! points are those of `src/output/apply.rs`: after the new and changed
//! files are staged, after the journal is written, after the gone files
//! are deleted, after the first rename into the output, before and after
//! the new record.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};

/// Events in the site: a few thousand, so that a build has plenty to do.
const EVENTS: usize = 2_000;

/// Event `i` with `title`, dated so that the timeline splits into years.
fn event(i: usize, title: &str) -> (String, String) {
    let (year, month) = (1900 + i % 125, 1 + (i / 125) % 12);
    let text = format!(
        "---\ntitle: {title} {i}\ndate: {year}-{month:02}\nactors: [Actor {}]\ntags: [tag{}]\n---\nBody {i}.\n",
        i % 40,
        i % 9
    );
    (format!("content/e{i:05}.md"), text)
}

/// The site before the edits: events 0 to EVENTS - 1, and `static/`.
fn before() -> Site {
    let site = site(&[
        ("static/keep.txt", "kept"),
        ("static/gone/old.txt", "removed by the edit"),
        ("static/style.css", "body { color: black }"),
    ]);
    for i in 0..EVENTS {
        let (rel, text) = event(i, "Old");
        site.write(&rel, text);
    }
    site
}

/// The edit: every tenth event retitled, fifty deleted, fifty added, a
/// static file changed, one removed, one added.
fn edit(site: &Site) {
    for i in (0..EVENTS).step_by(10) {
        let (rel, text) = event(i, "New");
        site.write(&rel, text);
    }
    for i in (5..EVENTS).step_by(40) {
        site.remove(&event(i, "").0);
    }
    for i in EVENTS..EVENTS + 50 {
        let (rel, text) = event(i, "Added");
        site.write(&rel, text);
    }
    site.write("static/style.css", "body { color: navy }");
    std::fs::remove_dir_all(site.join("static/gone")).unwrap();
    site.write("static/new/added.txt", "added by the edit");
}

/// Runs `annals build` in the site, stopped at `stop` if given; returns
/// the exit code (`None` if a signal ended it), stdout and stderr.
fn annals(site: &Site, args: &[&str], stop: Option<&str>) -> (Option<i32>, String, String) {
    let mut command = Command::new(BIN);
    command
        .arg("build")
        .args(args)
        .current_dir(site.path())
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(point) = stop {
        command.env("ANNALS_TEST_STOP_AT", point);
    }
    // SAFETY: setrlimit is async-signal-safe; no core file is written for
    // the abort.
    unsafe {
        command.pre_exec(|| {
            let none = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &none);
            Ok(())
        });
    }
    let child = command.spawn().expect("cannot start annals");
    let output = output_within(child, &format!("annals build {args:?}"), HANG_TIMEOUT);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    if let Some(point) = stop {
        assert_eq!(
            output.status.signal(),
            Some(libc::SIGABRT),
            "stopped at {point}: {stdout}{stderr}"
        );
        assert!(stderr.contains(&format!("stopping at {point}")), "{stderr}");
    }
    (output.status.code(), stdout, stderr)
}

/// Builds the site into `public/`, which must succeed.
fn build(site: &Site) {
    let (code, stdout, stderr) = annals(site, &[], None);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
}

/// The tree of a fresh build of the site, into a folder that was not there.
fn fresh(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let (code, stdout, stderr) = annals(site, &["--output", "../fresh"], None);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let out = site.root().join("fresh");
    let built = tree(&out);
    std::fs::remove_dir_all(&out).unwrap();
    built
}

/// A fresh build of the edited site, made once for all the tests that
/// need it.
fn fresh_after_edit() -> &'static BTreeMap<String, Vec<u8>> {
    static BUILT: std::sync::OnceLock<BTreeMap<String, Vec<u8>>> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let site = before();
        edit(&site);
        fresh(&site)
    })
}

/// Checks that the next build, without a clean, gives a fresh build's
/// output (`expected`), with nothing of the stopped builds left in it or
/// beside it.
fn next_build_gives(site: &Site, expected: &BTreeMap<String, Vec<u8>>, what: &str) {
    build(site);
    let public = site.join("public");
    assert_same_tree(expected, &tree(&public), what);
    assert!(!public.join(".annals-journal").exists(), "{what}");
    let leftovers = entries_starting_with(site.path(), ".public.annals");
    assert!(leftovers.is_empty(), "{what}: left {leftovers:?}");
}

/// Builds the site, edits it, stops the next build at `point`, and checks
/// that the build after that finishes the job.
fn stopped_at(point: &str) -> Site {
    let site = before();
    build(&site);
    edit(&site);
    annals(&site, &[], Some(point));
    assert!(
        site.join("public/.annals-manifest").is_file(),
        "{point}: the record is always there"
    );
    site
}

#[test]
fn stopped_after_staging_the_output_is_untouched() {
    let site = before();
    build(&site);
    let public = site.join("public");
    let previous = tree(&public);
    edit(&site);
    annals(&site, &[], Some("after-stage"));
    assert_same_tree(&previous, &tree(&public), "stopped before the journal");
    assert_eq!(
        entries_starting_with(site.path(), ".public.annals").len(),
        1,
        "the stopped build's staging folder is left"
    );
    next_build_gives(&site, fresh_after_edit(), "after-stage");
}

#[test]
fn stopped_after_the_journal() {
    let site = stopped_at("after-journal");
    assert!(site.join("public/.annals-journal").is_file());
    next_build_gives(&site, fresh_after_edit(), "after-journal");
}

#[test]
fn stopped_after_deleting() {
    let site = stopped_at("after-delete");
    assert!(!site.join("public/events/e00005").exists());
    next_build_gives(&site, fresh_after_edit(), "after-delete");
}

#[test]
fn stopped_in_the_middle_of_renaming() {
    let site = stopped_at("mid-move");
    next_build_gives(&site, fresh_after_edit(), "mid-move");
}

#[test]
fn stopped_before_and_after_the_record() {
    for point in ["before-manifest", "after-manifest"] {
        let site = stopped_at(point);
        assert!(site.join("public/events/e02049/index.html").is_file());
        next_build_gives(&site, fresh_after_edit(), point);
    }
}

#[test]
fn stopped_twice_then_edited_again() {
    // The files a stopped build added, which the next edit takes away
    // again while that build is stopped too, are still known as Annals'.
    let site = stopped_at("mid-move");
    for i in EVENTS..EVENTS + 50 {
        site.remove(&event(i, "").0);
    }
    site.write("content/e00001.md", event(1, "Newer").1);
    annals(&site, &[], Some("after-delete"));
    annals(&site, &[], Some("before-manifest"));
    next_build_gives(&site, &fresh(&site), "stopped three times");
    assert!(!site.join("public/events/e02001").exists());
}

#[test]
fn a_first_build_stopped_leaves_no_output() {
    let site = before();
    annals(&site, &[], Some("after-stage"));
    assert!(!site.join("public").exists());
    next_build_gives(&site, &fresh(&site), "a first build");
}
