//! Tests of the pipeline.
use super::*;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Pages as (path, text), for comparing builds.
fn pages(rendered: Rendered) -> Vec<(String, String)> {
    rendered
        .pages
        .into_iter()
        .map(|p| (p.path, String::from_utf8_lossy(&p.bytes).into_owned()))
        .collect()
}

#[test]
fn a_cached_rebuild_renders_what_a_fresh_build_does() {
    let dir = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        site_dir: dir.path().to_path_buf(),
        base_url: None,
        as_of: None,
        drafts: false,
    };
    write(
        dir.path(),
        "content/a.md",
        "---\ntitle: Alpha\ndate: 2020\n---\nFirst *body*.\n",
    );
    write(
        dir.path(),
        "content/b.md",
        "---\ntitle: Beta\ndate: 2021\n---\nSecond.\n",
    );
    let cache = Cache::default();
    let first = pages(render_site_cached(&options, Some(&cache)).unwrap());
    assert_eq!(first, pages(render_site(&options).unwrap()));

    // An edit (of a different length, so the stamp differs even on a
    // coarse clock), a new file and a deleted one all show.
    write(
        dir.path(),
        "content/a.md",
        "---\ntitle: Alpha, edited\ndate: 2020\n---\nFirst *body*, edited.\n",
    );
    write(
        dir.path(),
        "content/c.md",
        "---\ntitle: Gamma\ndate: 2022\n---\nThird.\n",
    );
    std::fs::remove_file(dir.path().join("content/b.md")).unwrap();
    let second = pages(render_site_cached(&options, Some(&cache)).unwrap());
    assert_eq!(second, pages(render_site(&options).unwrap()));
    let page = |name: &str| {
        second
            .iter()
            .find(|(p, _)| p == name)
            .map(|(_, t)| t.clone())
    };
    assert!(
        page("events/a/index.html")
            .unwrap()
            .contains("First <em>body</em>, edited.")
    );
    assert!(page("events/c/index.html").is_some());
    assert!(page("events/b/index.html").is_none());

    // A file broken and then restored is reported, then built again.
    write(
        dir.path(),
        "content/c.md",
        "---\ntitle: [Gamma\ndate: 2022\n---\n",
    );
    assert!(render_site_cached(&options, Some(&cache)).is_err());
    write(
        dir.path(),
        "content/c.md",
        "---\ntitle: Gamma again\ndate: 2022\n---\nThird.\n",
    );
    let third = pages(render_site_cached(&options, Some(&cache)).unwrap());
    assert_eq!(third, pages(render_site(&options).unwrap()));
}
