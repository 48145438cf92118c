//! Rebuilds over an existing output (issue 19): only the files whose bytes
//! changed are written, only the files of the last build that are gone are
//! deleted, files Annals did not write are kept, a failed build changes
//! nothing, and after any series of edits the output is exactly what a
//! fresh build into an empty folder gives, file for file and byte for
//! byte (the record of the files included).

mod common;
mod rebuild_support;

use common::*;
use rebuild_support::*;

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing() {
    let site = rich();
    let first = build(&site);
    assert!(first.contains(" files written)"), "{first}");
    let public = site.join("public");
    let before = stamps(&public);
    let stdout = build(&site);
    assert!(stdout.trim_end().ends_with("(no file changed)"), "{stdout}");
    assert_eq!(before, stamps(&public), "every file as it was");
    assert!(entries_starting_with(site.path(), ".public.annals").is_empty());
}

#[test]
fn one_title_changed_rewrites_only_the_files_that_show_it() {
    let site = rich();
    build(&site);
    let old = fresh(&site);
    site.write(
        "content/e1.md",
        "---\ntitle: Summit postponed\ndate: 2025-02-22\nactors: [Putin]\ntags: [summit]\n---\nSummit announced, told.\n",
    );
    let public = site.join("public");
    let before = stamps(&public);
    let stdout = build(&site);
    let new = fresh(&site);
    let mut expected = changed(&old, &new);
    expected.retain(|p| p != ".annals-manifest");
    let mut written = changed(&before, &stamps(&public));
    written.retain(|p| p != ".annals-manifest");
    assert_eq!(written, expected);
    // The event, its neighbours, the timeline, its actor and tag, the
    // feeds and data files; not the other events or terms.
    assert!(written.contains(&"events/e1/index.html".to_string()));
    assert!(!written.contains(&"events/e3/index.html".to_string()));
    assert!(!written.contains(&"assets/annals.css".to_string()));
    assert!(
        stdout.contains(&format!("({} files written)", written.len())),
        "{stdout}"
    );
    assert_same_tree(&new, &tree(&public), "after the title changed");
}

#[test]
fn a_series_of_edits_ends_where_a_fresh_build_does() {
    let site = rich();
    build(&site);
    type Edit = Box<dyn Fn(&Site)>;
    let steps: Vec<(&str, Edit)> = vec![
        (
            "an event added",
            Box::new(|s: &Site| {
                s.write(
                    "content/e9.md",
                    "---\ntitle: Talks collapse\ndate: 2025-06-01\nactors: [Lavrov]\n---\nNew.\n",
                );
            }),
        ),
        (
            "a body changed",
            Box::new(|s: &Site| {
                s.write("content/e0.md", "---\ntitle: Envoys meet\ndate: 2025-02-18\nactors: [Rubio]\ntags: [talks]\n---\nA longer account.\n");
            }),
        ),
        (
            "an event renamed",
            Box::new(|s: &Site| {
                std::fs::rename(s.join("content/e2.md"), s.join("content/calls.md")).unwrap();
            }),
        ),
        (
            "an event deleted, and its actor with it",
            Box::new(|s: &Site| s.remove("content/e3.md")),
        ),
        (
            "a template changed",
            Box::new(|s: &Site| {
                s.write("templates/404.html", "{% extends \"base.html\" %}{% block main %}<p>Not here.</p>{% endblock main %}");
            }),
        ),
        (
            "the settings changed",
            Box::new(|s: &Site| {
                s.write(
                    "annals.yaml",
                    "title: Peace talks\nbase_url: https://example.org/talks/\n",
                );
            }),
        ),
        (
            "a static file added",
            Box::new(|s: &Site| s.write("static/img/map.png", [1u8, 2, 3])),
        ),
        (
            "a static file changed",
            Box::new(|s: &Site| s.write("static/img/logo.svg", "<svg><g/></svg>")),
        ),
        (
            "a static folder removed",
            Box::new(|s: &Site| {
                std::fs::remove_dir_all(s.join("static/notes")).unwrap();
            }),
        ),
        (
            "a static file where a static folder was",
            Box::new(|s: &Site| s.write("static/notes", "a file now")),
        ),
        (
            "an empty static folder added",
            Box::new(|s: &Site| {
                std::fs::create_dir_all(s.join("static/empty/inside")).unwrap();
            }),
        ),
        (
            "a static folder where a static file was",
            Box::new(|s: &Site| {
                s.remove("static/notes");
                s.write("static/notes/new.txt", "a folder again");
            }),
        ),
        (
            "a static file where a static folder was, at once",
            Box::new(|s: &Site| {
                std::fs::remove_dir_all(s.join("static/notes")).unwrap();
                s.write("static/notes", "a file again");
            }),
        ),
        (
            "the base address removed",
            Box::new(|s: &Site| s.write("annals.yaml", "title: Peace talks\n")),
        ),
        (
            "every event deleted but one",
            Box::new(|s: &Site| {
                for name in ["e0.md", "e1.md", "calls.md", "e4.md"] {
                    s.remove(&format!("content/{name}"));
                }
            }),
        ),
    ];
    for (what, edit) in steps {
        edit(&site);
        rebuilt_as_fresh(&site, what);
    }
}

#[test]
fn files_annals_did_not_write_are_kept() {
    let site = rich();
    build(&site);
    let theirs = [
        ("CNAME", "example.org"),
        (".nojekyll", ""),
        (".git", "gitdir: ../.git/worktrees/gh-pages\n"),
        (
            ".well-known/security.txt",
            "Contact: mailto:a@example.org\n",
        ),
        ("events/e3/notes.txt", "what I know of this event"),
        ("notes/mine.txt", "beside the static notes"),
    ];
    for (rel, text) in theirs {
        site.write(&format!("public/{rel}"), text);
    }
    // The event and the static folder go; their folders hold files of the
    // author's, and stay with those alone.
    site.remove("content/e3.md");
    std::fs::remove_dir_all(site.join("static/notes")).unwrap();
    build(&site);
    for (rel, text) in theirs {
        assert_eq!(site.read(&format!("public/{rel}")), text, "{rel}");
    }
    assert!(!site.join("public/events/e3/index.html").exists());
    assert!(!site.join("public/notes/old.txt").exists());
    let events_e3: Vec<_> = std::fs::read_dir(site.join("public/events/e3"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(events_e3, ["notes.txt"]);
    // Without them, the output is a fresh build's.
    let mut built = tree(&site.join("public"));
    for (rel, _) in theirs {
        built.remove(rel);
    }
    for folder in [".well-known/", "events/e3/", "notes/"] {
        built.remove(folder);
    }
    assert_same_tree(&fresh(&site), &built, "Annals' files");
}

#[test]
fn a_build_of_an_annals_without_a_record_is_taken_over_and_nothing_else() {
    // As a gh-pages worktree built by an earlier Annals: its pages, a
    // CNAME and the worktree's .git file (which `annals build o -o o/out`
    // used to delete). One page is of an event deleted since.
    let site = rich();
    build(&site);
    let public = site.join("public");
    std::fs::remove_file(public.join(".annals-manifest")).unwrap();
    site.write("public/CNAME", "example.org");
    site.write("public/.git", "gitdir: ../.git/worktrees/gh-pages\n");
    site.write("public/events/gone/index.html", "<p>an old page</p>");
    site.write(
        "content/e0.md",
        "---\ntitle: Envoys meet again\ndate: 2025-02-18\n---\nChanged.\n",
    );
    let before = stamps(&public);
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr.contains("public was built by an earlier Annals, which kept no record")
            && stderr.contains(
                "kept 2 files that this build does not write (CNAME, events/gone/index.html)"
            ),
        "{stderr}"
    );
    assert_eq!(site.read("public/CNAME"), "example.org");
    assert!(site.join("public/.git").is_file());
    assert!(site.join("public/events/gone/index.html").is_file());
    // Pages with the same bytes were not written again.
    let written = changed(&before, &stamps(&public));
    assert!(
        !written.contains(&"events/e4/index.html".to_string()),
        "{written:?}"
    );
    assert!(
        written.contains(&"events/e0/index.html".to_string()),
        "{written:?}"
    );
    // From now on the record says what is Annals'.
    site.remove("content/e4.md");
    let stdout = build(&site);
    assert!(stdout.contains(" removed)"), "{stdout}");
    assert!(!site.join("public/events/e4/index.html").exists());
    assert!(site.join("public/events/gone/index.html").is_file());
}

#[test]
fn a_file_edited_by_hand_is_written_again() {
    let site = rich();
    build(&site);
    let page = site.join("public/events/e1/index.html");
    let original = std::fs::read(&page).unwrap();
    // The same size, and the old modification time put back: only the
    // bytes and the status change time say it was edited.
    let old_mtime = std::fs::metadata(&page).unwrap().modified().unwrap();
    let mut edited = original.clone();
    let at = edited.iter().position(|b| *b == b'<').unwrap();
    edited[at] = b'{';
    std::fs::write(&page, &edited).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&page)
        .unwrap()
        .set_modified(old_mtime)
        .unwrap();
    let stdout = build(&site);
    assert!(stdout.contains("(1 file written)"), "{stdout}");
    assert_eq!(std::fs::read(&page).unwrap(), original);
    // A file deleted by hand comes back.
    std::fs::remove_file(&page).unwrap();
    build(&site);
    assert_eq!(std::fs::read(&page).unwrap(), original);
}

#[test]
fn a_failed_build_changes_nothing() {
    let site = rich();
    build(&site);
    let public = site.join("public");
    let (before, before_stamps) = (tree(&public), stamps(&public));
    let unchanged = |what: &str| {
        assert_same_tree(&before, &tree(&public), what);
        assert_eq!(before_stamps, stamps(&public), "{what}: no file touched");
        assert!(entries_starting_with(site.path(), ".public.annals").is_empty());
    };

    // A bad event, beside good changes.
    site.write("content/e9.md", "---\ntitle: New\ndate: 2025-13-01\n---\n");
    site.write("static/img/logo.svg", "<svg>changed</svg>");
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    unchanged("after a bad event");

    // A file of someone else's where a new page goes: found only when
    // writing, and still before anything is changed.
    site.write("content/e9.md", "---\ntitle: New\ndate: 2025-12-01\n---\n");
    site.write("public/events/e9/index.html", "<p>mine</p>");
    let before_theirs = (tree(&public), stamps(&public));
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(
        &stderr,
        "public/events/e9/index.html",
        &["Annals did not write this file", "nothing was changed"],
    );
    assert_same_tree(&before_theirs.0, &tree(&public), "someone else's file");
    assert_eq!(before_theirs.1, stamps(&public), "someone else's file");

    // A link where a folder is written: never written through.
    std::fs::remove_dir_all(site.join("public/events/e9")).unwrap();
    let elsewhere = site.root().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.join("public/events/e9")).unwrap();
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("does not write through links"), "{stderr}");
    assert!(std::fs::read_dir(&elsewhere).unwrap().next().is_none());
    assert!(entries_starting_with(site.path(), ".public.annals").is_empty());
}

#[test]
fn a_record_that_cannot_be_read_is_reported_and_nothing_changes() {
    let site = rich();
    build(&site);
    site.write(
        "public/.annals-manifest",
        "annals output record 1\nf 00 1 ../../escape\n",
    );
    site.write("content/e9.md", "---\ntitle: New\ndate: 2025-12-01\n---\n");
    let before = tree(site.root());
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("cannot read public/.annals-manifest, Annals' record of the files it wrote there: line 2"),
        "{stderr}"
    );
    assert_same_tree(&before, &tree(site.root()), "a bad record");
}

#[test]
fn a_static_file_cannot_take_the_record_name() {
    let site = rich();
    site.write("static/.annals-manifest", "mine");
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_problem(
        &stderr,
        "static/.annals-manifest",
        &["the name of the record Annals keeps"],
    );
}
