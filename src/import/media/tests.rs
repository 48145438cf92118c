//! Tests of what a slide's media becomes.
use super::*;

fn slide(url: &str) -> Slide {
    Slide {
        label: "slide 1".into(),
        headline: "Talks".into(),
        media_url: url.into(),
        ..Slide::default()
    }
}

fn read(s: &Slide) -> (Media, Vec<String>) {
    let mut notes = Vec::new();
    let m = media(s, Some("Talks in Riyadh"), &mut notes);
    (m, notes)
}

#[test]
fn caption_credit_link_and_alt_are_kept() {
    let mut s = slide("https://example.org/a.jpg");
    s.media_caption = "The <em>delegations</em> meet".into();
    s.media_credit = "<a href=\"https://example.org/p\">A. Photographer</a>/Agency".into();
    s.media_link = "https://example.org/story".into();
    s.media_alt = "Two delegations at a long table".into();
    let (m, notes) = read(&s);
    assert_eq!(
        m.entry,
        Some(Entry {
            src: "https://example.org/a.jpg".into(),
            alt: "Two delegations at a long table".into(),
            caption: Some("The delegations meet".into()),
            credit: Some("A. Photographer/Agency".into()),
            link: Some("https://example.org/story".into()),
        })
    );
    // Captions and credits are plain text: their links' addresses are
    // in the report.
    assert_eq!(
        notes,
        [
            "its media credit is plain text in Annals, so its link was left out: https://example.org/p"
        ]
    );
    assert_eq!((m.body, m.copy), (None, None));
}

#[test]
fn without_alt_text_the_headline_is_the_alt_with_a_note() {
    let (m, notes) = read(&slide("https://example.org/a.jpg"));
    assert_eq!(m.entry.unwrap().alt, "Talks in Riyadh");
    assert_eq!(
        notes,
        [
            "its media has no alt text: the headline is its alt, for you to review (`annals check` flags it)"
        ]
    );
    // The introduction writes no alt text, so nothing is said.
    let mut notes = Vec::new();
    let m = media(&slide("https://example.org/a.jpg"), None, &mut notes);
    assert_eq!(m.entry.unwrap().alt, "");
    assert!(notes.is_empty());
}

#[test]
fn relative_paths_are_kept_as_written_and_listed_to_copy() {
    for path in [
        "images/family.jpg",
        "/static/img/examples/houston/family.jpg",
        "a b.jpg",
    ] {
        let (m, _) = read(&slide(path));
        if path.contains(' ') {
            assert_eq!(m, Media::default(), "{path}");
            continue;
        }
        assert_eq!(m.entry.unwrap().src, path);
        assert_eq!(m.copy.as_deref(), Some(path));
    }
    for bad in [
        "data:image/png;base64,AAAA",
        "javascript:alert(1)",
        "mailto:a@example.org",
    ] {
        let (m, notes) = read(&slide(bad));
        assert_eq!(m, Media::default(), "{bad}");
        assert_eq!(notes.len(), 1, "{bad}: {notes:?}");
        assert!(notes[0].contains("it was left out"), "{notes:?}");
    }
}

#[test]
fn web_addresses_are_kept() {
    let (m, notes) = read(&slide("http://vimeo.com/20839673"));
    assert_eq!(m.entry.unwrap().src, "http://vimeo.com/20839673");
    assert_eq!(notes.len(), 1, "{notes:?}");
    let (m, _) = read(&slide(
        "//farm8.staticflickr.com/7001/6812048183_316d424f2f.jpg",
    ));
    assert_eq!(
        m.entry.unwrap().src,
        "https://farm8.staticflickr.com/7001/6812048183_316d424f2f.jpg"
    );
    let mut s = slide("https://example.org/a.jpg");
    s.media_link = "javascript:alert(1)".into();
    let (m, notes) = read(&s);
    assert_eq!(m.entry.unwrap().link, None);
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("its media link `javascript:alert(1)` is not a web address"))
    );
}

#[test]
fn a_pasted_tweet_links_to_the_tweet_not_a_hashtag() {
    let tweet = r#"<blockquote class="twitter-tweet" lang="en"><p lang="en" dir="ltr">Talks begin <a href="https://twitter.com/hashtag/Riyadh?src=hash">#Riyadh</a> with <a href="https://twitter.com/StateDept">@StateDept</a></p>&mdash; A Reporter (@areporter) <a href="https://twitter.com/areporter/status/1891811111111111111?ref_src=twsrc%5Etfw">February 18, 2025</a></blockquote> <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>"#;
    let (m, _) = read(&slide(tweet));
    assert_eq!(
        m.entry.unwrap().src,
        "https://twitter.com/areporter/status/1891811111111111111"
    );
    assert_eq!(
        status_url("https://x.com/a/status/12#m"),
        Some("https://x.com/a/status/12".into())
    );
    assert_eq!(status_url("https://twitter.com/hashtag/Riyadh"), None);
    assert_eq!(status_url("https://example.org/a/status/12"), None);
}

#[test]
fn an_iframe_links_to_the_page_it_embeds() {
    let (m, _) = read(&slide(
        "<iframe src=\"http://www.theonion.com/articles/measles,37870/\"></iframe>",
    ));
    assert_eq!(
        m.entry.unwrap().src,
        "http://www.theonion.com/articles/measles,37870/"
    );
    let (m, notes) = read(&slide("<div>no address</div>"));
    assert_eq!(m, Media::default());
    assert!(
        notes[0].contains("embed code with no web address"),
        "{notes:?}"
    );
}

#[test]
fn a_quotation_is_a_block_quote_with_its_attribution() {
    let mut s = slide("<blockquote>“This is such a mistake,” Romney said.</blockquote>");
    s.media_credit = "<a href=\"https://example.org/nyt\">The New York Times</a>".into();
    s.media_caption = "From Romney's victory speech".into();
    let (m, notes) = read(&s);
    assert_eq!(m.entry, None);
    assert_eq!(
        m.body.as_deref(),
        Some(
            "> “This is such a mistake,” Romney said.\n>\n> — [The New York Times](https://example.org/nyt)\n\nFrom Romney's victory speech"
        )
    );
    assert!(notes.is_empty(), "{notes:?}");
    // Without a credit, the quote's own <cite> is the attribution.
    let s = slide(
        "<blockquote>There is no demand for women engineers, as such. <cite>Edith Clarke</cite></blockquote>",
    );
    let (m, _) = read(&s);
    assert_eq!(
        m.body.as_deref(),
        Some("> There is no demand for women engineers, as such.\n>\n> — Edith Clarke")
    );
}

#[test]
fn a_src_the_build_would_refuse_is_left_out() {
    for src in ["files/report.pdf", "img/a.jpg?v=2"] {
        let (m, notes) = read(&slide(src));
        assert_eq!(m, Media::default(), "{src}");
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].starts_with(&format!("its media `{src}` is not one Annals can show (")),
            "{notes:?}"
        );
    }
}
