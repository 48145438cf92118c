//! What the tests of rebuilds share: a small site with something of
//! every kind to edit, builds of it, and snapshots of what a build wrote.

#![allow(dead_code)]

use super::common::*;
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Every file under `dir` (folders too, with a trailing `/`), with its
/// inode and modification time: a file written again, even with the same
/// bytes, shows here.
pub fn stamps(dir: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_str().unwrap();
            let rel = if meta.is_dir() {
                format!("{rel}/")
            } else {
                rel.to_string()
            };
            let stamp = (meta.ino(), meta.mtime(), meta.mtime_nsec());
            (rel, if meta.is_dir() { (0, 0, 0) } else { stamp })
        })
        .collect()
}

/// The files whose entry differs between two snapshots (stamps, or
/// contents), or that are only in the second: written, or changed.
pub fn changed<V: PartialEq>(
    before: &BTreeMap<String, V>,
    after: &BTreeMap<String, V>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(k, v)| !k.ends_with('/') && before.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// A small site with actors, tags, a template of its own, settings and
/// `static/`: what the edits below change.
pub fn rich() -> Site {
    let event = |title: &str, date: &str, actor: &str, tag: &str| {
        format!(
            "---\ntitle: {title}\ndate: {date}\nactors: [{actor}]\ntags: [{tag}]\n---\n{title}, told.\n"
        )
    };
    let site = site(&[
        (
            "annals.yaml",
            "title: Talks\nbase_url: https://example.org/talks/\n",
        ),
        (
            "templates/404.html",
            "{% extends \"base.html\" %}{% block main %}<p>Lost.</p>{% endblock main %}",
        ),
        ("static/img/logo.svg", "<svg></svg>"),
        ("static/notes/old.txt", "old notes"),
    ]);
    for (i, (title, date, actor, tag)) in [
        ("Envoys meet", "2025-02-18", "Rubio", "talks"),
        ("Summit announced", "2025-02-22", "Putin", "summit"),
        ("Calls resume", "2025-03", "Rubio", "talks"),
        ("Ceasefire proposed", "2025-04-02", "Witkoff", "ceasefire"),
        ("Second round", "2025-05", "Putin", "talks"),
    ]
    .into_iter()
    .enumerate()
    {
        site.write(&format!("content/e{i}.md"), event(title, date, actor, tag));
    }
    site
}

/// Builds `site` into `public/` and checks it succeeds; returns stdout.
pub fn build(site: &Site) -> String {
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    stdout
}

/// The tree of a fresh build of `site` into a folder that did not exist.
pub fn fresh(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let out = site.root().join("fresh");
    let _ = std::fs::remove_dir_all(&out);
    // Without what earlier builds kept in the site's cache folder.
    let (cache, aside) = (site.join(".annals-cache"), site.join(".annals-cache-aside"));
    let kept = std::fs::rename(&cache, &aside).is_ok();
    let (code, stdout, stderr) = site.run(&["build", "--output", "../fresh"]);
    let _ = std::fs::remove_dir_all(&cache);
    if kept {
        std::fs::rename(&aside, &cache).unwrap();
    }
    assert_eq!(code, 0, "{stdout}{stderr}");
    let built = tree(&out);
    std::fs::remove_dir_all(&out).unwrap();
    built
}

/// Rebuilds `public/` after an edit and checks that it is exactly a
/// fresh build, that only the files whose bytes changed were written, and
/// that nothing is left beside it.
pub fn rebuilt_as_fresh(site: &Site, edit: &str) {
    let public = site.join("public");
    let (before, before_stamps) = (tree(&public), stamps(&public));
    build(site);
    let expected = fresh(site);
    assert_same_tree(&expected, &tree(&public), &format!("after: {edit}"));
    let mut written = changed(&before_stamps, &stamps(&public));
    written.retain(|p| p != ".annals-manifest");
    let mut differ = changed(&before, &expected);
    differ.retain(|p| p != ".annals-manifest");
    assert_eq!(written, differ, "written after: {edit}");
    assert!(
        entries_starting_with(site.path(), ".public.annals").is_empty(),
        "left beside the output after: {edit}"
    );
}
