//! Tests of `media`.

use super::locate::site_path;
use super::*;

#[test]
fn paths_resolve_within_content_and_static() {
    let e = "content/2025-02-18-riyadh/index.md";
    assert_eq!(
        site_path(e, "riyadh.jpg").unwrap(),
        "content/2025-02-18-riyadh/riyadh.jpg"
    );
    assert_eq!(
        site_path(e, "./img/../riyadh.jpg").unwrap(),
        "content/2025-02-18-riyadh/riyadh.jpg"
    );
    assert_eq!(site_path(e, "/maps/a.svg").unwrap(), "static/maps/a.svg");
    assert_eq!(site_path(e, "../../static/a.png").unwrap(), "static/a.png");
    assert!(site_path(e, "../../../../etc/passwd.jpg").is_err());
    assert!(site_path(e, "../../annals.jpg").is_err());
    assert!(site_path("content/a.md", "/../content/x.jpg").is_ok());
    assert!(site_path("content/a.md", "/../../x.jpg").is_err());
}

#[test]
fn addresses_by_scheme_and_host() {
    assert!(address("javascript:alert(1)").is_err());
    assert!(address("data:image/png;base64,AAAA").is_err());
    assert!(address("//evil.example/x.jpg").is_err());
    assert_eq!(address("img/a.jpg"), Ok(None));
    let Ok(Some(Src::Remote { host, provider, .. })) = address("https://www.YouTube.com/watch?v=x")
    else {
        panic!()
    };
    assert_eq!((host.as_str(), provider), ("youtube.com", Some("YouTube")));
    let Ok(Some(Src::Remote { host, provider, .. })) = address("https://news.example.org/a.jpg")
    else {
        panic!()
    };
    assert_eq!((host.as_str(), provider), ("news.example.org", None));
}

#[test]
fn kinds_by_extension() {
    assert_eq!(Kind::of("a.JPG"), Some(Kind::Image));
    assert_eq!(Kind::of("a.webm"), Some(Kind::Video));
    assert_eq!(Kind::of("a.ogg"), Some(Kind::Audio));
    assert_eq!(Kind::of("a.pdf"), None);
    assert_eq!(Kind::of("jpg"), None);
}

#[test]
fn content_files_are_published_under_media() {
    assert_eq!(
        published_path("content/2025-02-18-riyadh/clip.mp4"),
        "media/2025-02-18-riyadh/clip.mp4"
    );
}
