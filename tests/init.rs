//! `annals init` scaffolds a site that checks, builds and serves as it is.

mod common;
use common::*;

#[test]
fn a_new_site_builds_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(&["init", "new-site"], tmp.path());
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("annals serve new-site"),
        "it says what to do next: {stdout}"
    );
    let site = tmp.path().join("new-site");
    for file in [
        "annals.yaml",
        "content/_index.md",
        ".annals/event.schema.json",
        ".annals/annals.schema.json",
        ".annals/actor.schema.json",
        ".annals/translation.schema.json",
        ".gitignore",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(
        !site.join("templates").exists(),
        "the embedded theme serves: no templates by default"
    );
    let config = std::fs::read_to_string(site.join("annals.yaml")).unwrap();
    assert!(
        config.starts_with("# yaml-language-server: $schema=.annals/annals.schema.json"),
        "{config}"
    );
    let (code, stdout, stderr) = run(&["check", "new-site"], tmp.path());
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("checked 2 events"), "{stdout}");
    let (code, _, stderr) = run(&["build", "new-site"], tmp.path());
    assert_eq!(code, 0, "{stderr}");
    let index = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(
        index.contains("c. <time datetime=\"2025-03\">March 2025</time>"),
        "the examples show precision: {index}"
    );
    // The first example shows a picture we drew, with alt text and credit.
    assert!(index.contains("class=\"event-thumb\""), "{index}");
    let page = std::fs::read_to_string(
        site.join("public/events/2025-02-18-first-round-of-talks/index.html"),
    )
    .unwrap();
    assert!(
        page.contains(
            "alt=\"A drawn map: a green coast on a blue sea, two red dots joined by a dashed line\""
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "<span class=\"credit\">Credit: <bdi>Drawing made by annals init</bdi></span>"
        )
    );
    assert!(page.contains(" width=\"640\" height=\"400\""), "{page}");
}

#[test]
fn a_folder_with_files_is_refused_unless_forced_and_nothing_is_replaced() {
    let site = site(&[("notes.txt", "mine"), ("annals.yaml", "title: Mine\n")]);
    let before = tree(site.path());
    let (code, _, stderr) = site.run(&["init", "."]);
    assert_eq!(code, 1);
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert!(stderr.contains("--force"), "it says how to go on: {stderr}");
    assert_same_tree(&before, &tree(site.path()), "a refused init");

    let (code, stdout, stderr) = site.run(&["init", ".", "--force"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr.contains("kept annals.yaml, which exists already"),
        "{stderr}"
    );
    assert_eq!(site.read("annals.yaml"), "title: Mine\n");
    assert_eq!(site.read("notes.txt"), "mine");
    assert!(site.join("content/_index.md").is_file());
}

#[test]
fn theme_copies_the_templates_to_edit_and_the_copy_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(&["init", "s", "--theme"], tmp.path());
    assert_eq!(code, 0, "{stderr}");
    let site = tmp.path().join("s");
    for file in [
        "templates/base.html",
        "templates/event.html",
        "templates/components.html",
        "templates/assets/annals.css",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    let base = site.join("templates/base.html");
    let text = std::fs::read_to_string(&base)
        .unwrap()
        .replace("{{ w.made_with }}", "edited theme");
    std::fs::write(&base, text).unwrap();
    let css = site.join("templates/assets/annals.css");
    std::fs::write(&css, "/* edited stylesheet */\n").unwrap();
    let (code, _, stderr) = run(&["build", "s"], tmp.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read_to_string(site.join("public/index.html"))
            .unwrap()
            .contains("edited theme")
    );
    assert_eq!(
        std::fs::read_to_string(site.join("public/assets/annals.css")).unwrap(),
        "/* edited stylesheet */\n"
    );
}
