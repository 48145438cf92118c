//! Where an event's media shows: its page (a figure per item), its card on
//! the timeline (a small thumbnail), the Open Graph and Twitter card image,
//! JSON-LD, `events.json` (valid against its schema), TimelineJS's
//! `timeline.json` and the Atom entry; and what a page loads from another
//! host (nothing, unless `media.remote: true`).

mod common;

use common::*;
use serde_json::Value;

/// A photo-like PNG of `width` × `height`: a gradient.
fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 120])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

const EVENT: &str = "---
title: Talks in Riyadh
date: 2025-02-18
summary: The first talks.
media:
  - src: riyadh.png
    alt: Two delegations seated at a long table
    caption: The first session.
    credit: Jane Doe / Example Agency
    link: https://example.org/photo
  - src: https://www.youtube.com/watch?v=abc
    alt: The press conference
    caption: After the talks.
  - src: clip.webm
    alt: Arrival at the palace
    captions: clip.vtt
  - src: https://news.example.org/photo.jpg
    alt: The delegations arriving
    credit: Agency
  - src: /drawings/line.svg
    alt: \"\"
    decorative: true
---
Body.
";

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\"><path d=\"M0 15h40\" stroke=\"#555\"/></svg>\n";

/// A site with one event in a folder of its own with its files, and one
/// event without media, built with `base_url`.
fn built(config: &str) -> Site {
    let site = site(&[
        ("annals.yaml", config),
        ("content/2025-02-18-riyadh/index.md", EVENT),
        ("content/2025-02-18-riyadh/clip.webm", "a video"),
        ("content/2025-02-18-riyadh/clip.vtt", "WEBVTT\n"),
        ("static/drawings/line.svg", SVG),
        (
            "content/2025-02-20-geneva.md",
            "---\ntitle: Geneva\ndate: 2025-02-20\n---\n",
        ),
    ]);
    site.write("content/2025-02-18-riyadh/riyadh.png", png(500, 300));
    build_ok(&site, &["--base-url", "https://example.org/t/"]);
    site
}

/// The first `<tag ...>` of `html` that contains `needle`.
fn tag_with<'a>(html: &'a str, tag: &str, needle: &str) -> &'a str {
    html.match_indices(&format!("<{tag}"))
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap() + 1])
        .find(|t| t.contains(needle))
        .unwrap_or_else(|| panic!("no <{tag}> with {needle:?} in:\n{html}"))
}

/// The value of `attr` in one tag.
fn attr<'a>(tag: &'a str, attr: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {attr}=\""))? + attr.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

#[test]
fn the_event_page_shows_each_item_as_a_figure() {
    let site = built("title: T\n");
    let page = site.read("public/events/2025-02-18-riyadh/index.html");
    assert_eq!(page.matches("<figure class=\"media").count(), 5, "{page}");
    // The picture: its size, so nothing moves as it loads, and its alt.
    let img = tag_with(&page, "img", "Two delegations");
    assert_eq!(attr(img, "width"), Some("500"), "{img}");
    assert_eq!(attr(img, "height"), Some("300"), "{img}");
    assert!(
        attr(img, "src").unwrap().starts_with("../../media/"),
        "{img}"
    );
    // Each width up to the original's (the cards' thumbnail width, the
    // default 480, then the original's 500), in WebP and in the fallback.
    let widths = |srcset: &str| -> Vec<String> {
        srcset
            .split(", ")
            .map(|c| c.rsplit(' ').next().unwrap().to_string())
            .collect()
    };
    let sizes = "(min-width: 48rem) 44rem, calc(100vw - 2rem)";
    assert_eq!(
        widths(attr(img, "srcset").unwrap()),
        ["288w", "480w", "500w"]
    );
    assert_eq!(attr(img, "sizes"), Some(sizes));
    let source = tag_with(&page, "source", "webp");
    assert_eq!(attr(source, "type"), Some("image/webp"));
    assert_eq!(
        widths(attr(source, "srcset").unwrap()),
        ["288w", "480w", "500w"]
    );
    assert_eq!(attr(source, "sizes"), Some(sizes));
    assert!(page.contains("<a href=\"https://example.org/photo\"><picture>"));
    assert!(page.contains("<figcaption><bdi dir=\"ltr\">The first session.</bdi> <span class=\"credit\">Credit: <bdi>Jane Doe / Example Agency</bdi></span></figcaption>"), "{page}");
    // The served file is there.
    let src = attr(img, "src").unwrap().trim_start_matches("../../");
    assert!(site.join("public").join(src).is_file(), "{src} is written");
    // A link card for the YouTube address, with no iframe and no script.
    assert!(page.contains("<a class=\"link-card\" href=\"https://www.youtube.com/watch?v=abc\"><span class=\"link-provider\"><bdi>YouTube</bdi> · <bdi>youtube.com</bdi></span> <span class=\"link-title\" dir=\"auto\">The press conference</span></a>"), "{page}");
    assert!(!page.contains("<iframe"));
    // The video with its controls and captions, published beside the pages.
    let video = tag_with(&page, "video", "clip.webm");
    assert!(video.contains(" controls"), "{video}");
    assert_eq!(
        attr(video, "src"),
        Some("../../media/2025-02-18-riyadh/clip.webm")
    );
    let track = tag_with(&page, "track", "clip.vtt");
    assert_eq!(attr(track, "kind"), Some("captions"));
    assert_eq!(
        site.read("public/media/2025-02-18-riyadh/clip.vtt"),
        "WEBVTT\n"
    );
    assert!(
        site.join("public/media/2025-02-18-riyadh/clip.webm")
            .is_file()
    );
    // A picture on another host is a link naming its host, not loaded.
    assert!(page.contains("<span class=\"link-provider\"><bdi>Image</bdi> · <bdi>news.example.org</bdi></span> <span class=\"link-title\" dir=\"auto\">The delegations arriving</span>"), "{page}");
    // The decorative drawing has an empty alt.
    let drawing = tag_with(&page, "img", ".svg");
    assert_eq!(attr(drawing, "alt"), Some(""), "{drawing}");
}

#[test]
fn no_page_loads_anything_from_another_host_unless_remote_media_is_on() {
    let loads = |html: &str| -> Vec<String> {
        [
            "img", "video", "audio", "source", "track", "script", "iframe",
        ]
        .iter()
        .flat_map(|tag| {
            html.match_indices(&format!("<{tag} "))
                .map(|(i, _)| html[i..i + html[i..].find('>').unwrap()].to_string())
                .collect::<Vec<_>>()
        })
        .filter(|t| t.contains("src=\"http") || t.contains("srcset=\"http"))
        .collect()
    };
    let site = built("title: T\n");
    for (path, html) in html_pages(&tree(&site.join("public"))) {
        assert_eq!(loads(&html), Vec::<String>::new(), "{path}");
    }
    let site = built("title: T\nmedia:\n  remote: true\n");
    let page = site.read("public/events/2025-02-18-riyadh/index.html");
    assert_eq!(
        loads(&page),
        ["<img src=\"https://news.example.org/photo.jpg\" alt=\"The delegations arriving\""],
        "with media.remote: true the remote picture is loaded"
    );
    // A YouTube address stays a link card, even then.
    assert!(page.contains("class=\"link-card\" href=\"https://www.youtube.com/"));
}

#[test]
fn the_card_has_a_small_lazy_thumbnail_with_its_size() {
    let site = built("title: T\n");
    let index = site.read("public/index.html");
    let cards: Vec<&str> = index.split("<article class=\"event").skip(1).collect();
    assert_eq!(cards.len(), 2);
    let riyadh = cards
        .iter()
        .find(|c| c.contains("Talks in Riyadh"))
        .unwrap();
    let geneva = cards.iter().find(|c| c.contains("Geneva")).unwrap();
    assert!(!geneva.contains("<img"), "no media, no thumbnail");
    let img = tag_with(riyadh, "img", "loading");
    assert_eq!(attr(img, "loading"), Some("lazy"), "{img}");
    assert_eq!(attr(img, "width"), Some("500"));
    assert_eq!(attr(img, "height"), Some("300"));
    assert_eq!(attr(img, "alt"), Some(""), "the card's title says it");
    let source = tag_with(riyadh, "source", "webp");
    assert!(
        attr(source, "srcset").unwrap().contains(" 288w, "),
        "the thumbnail's own width is offered: {source}"
    );
    assert_eq!(
        attr(img, "sizes"),
        Some("6rem"),
        "the smallest file will do"
    );
    assert!(attr(img, "src").unwrap().starts_with("./media/"), "{img}");
}

#[test]
fn the_first_picture_is_the_open_graph_twitter_and_json_ld_image() {
    let site = built("title: T\n");
    let page = site.read("public/events/2025-02-18-riyadh/index.html");
    let img = tag_with(&page, "img", "Two delegations");
    let file = attr(img, "src").unwrap().trim_start_matches("../../");
    let absolute = format!("https://example.org/t/{file}");
    assert!(
        page.contains(&format!(
            "<meta property=\"og:image\" content=\"{absolute}\">"
        )),
        "{page}"
    );
    assert!(page.contains(&format!(
        "<meta name=\"twitter:image\" content=\"{absolute}\">"
    )));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(page.contains(
        "<meta property=\"og:image:alt\" content=\"Two delegations seated at a long table\">"
    ));
    let ld = &page[page.find("application/ld+json\">").unwrap() + 21..];
    let ld: Value = serde_json::from_str(&ld[..ld.find("</script>").unwrap()]).unwrap();
    assert_eq!(ld["image"]["url"], absolute.as_str());
    assert_eq!(ld["image"]["creditText"], "Jane Doe / Example Agency");
    assert_eq!(ld["image"]["caption"], "The first session.");
    // An event without media has a plain card and no image.
    let geneva = site.read("public/events/2025-02-20-geneva/index.html");
    assert!(!geneva.contains("og:image"));
    assert!(geneva.contains("<meta name=\"twitter:card\" content=\"summary\">"));
}

#[test]
fn the_data_files_carry_the_media() {
    let site = built("title: T\n");
    let data: Value = serde_json::from_str(&site.read("public/events.json")).unwrap();
    assert_eq!(events_json_errors(&data), Vec::<String>::new());
    let media = data["events"][0]["media"].as_array().unwrap();
    let kinds: Vec<&str> = media.iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["image", "link", "video", "image", "image"]);
    assert_eq!(media[0]["src"], "riyadh.png");
    assert_eq!(media[0]["credit"], "Jane Doe / Example Agency");
    assert_eq!(
        (&media[0]["width"], &media[0]["height"]),
        (&500.into(), &300.into())
    );
    assert_eq!(
        media[0]["files"].as_array().unwrap().len(),
        6,
        "3 widths in 2 formats"
    );
    assert!(
        media[0]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://example.org/t/media/")
    );
    assert_eq!(media[1]["provider"], "YouTube");
    assert_eq!(media[1]["loaded"], false);
    assert_eq!(
        media[2]["captions"],
        "https://example.org/t/media/2025-02-18-riyadh/clip.vtt"
    );
    assert_eq!(media[3]["loaded"], false, "remote media is not loaded");
    assert_eq!(data["events"][1]["media"], Value::Array(Vec::new()));
    // The schema holds the shape.
    let mut broken = data.clone();
    broken["events"][0]["media"][0]["kind"] = "photo".into();
    assert!(!events_json_errors(&broken).is_empty());

    let timeline: Value = serde_json::from_str(&site.read("public/timeline.json")).unwrap();
    let slide = &timeline["events"][0]["media"];
    assert_eq!(slide["url"], media[0]["url"]);
    assert_eq!(slide["caption"], "The first session.");
    assert_eq!(slide["credit"], "Jane Doe / Example Agency");
    assert!(timeline["events"][1].get("media").is_none());

    let atom = site.read("public/atom.xml");
    let entry = &atom[atom.find("<title>Talks in Riyadh</title>").unwrap()..];
    let content = &entry[entry.find("<content").unwrap()..entry.find("</content>").unwrap()];
    assert!(
        content.contains(&format!(
            "&lt;figure&gt;&lt;img src=&quot;{}&quot; alt=&quot;Two delegations seated at a long table&quot;",
            media[0]["url"].as_str().unwrap()
        )),
        "{content}"
    );
    assert!(content.contains("Credit: Jane Doe / Example Agency"));
}
