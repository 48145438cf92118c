//! Real TimelineJS timelines (Knight Lab's own, `tests/fixtures/import/
//! knightlab/`, see its README) imported as a new user would: `annals
//! init`, `annals import timelinejs`, then `annals build` and `annals
//! check`. Nothing of a slide's media is lost: pictures, embeds and links
//! become `media` entries with their caption, credit and alt text (the
//! headline, flagged by `check`), quotations block quotes with their
//! attribution, and a picture named by a path is listed to copy in.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(REPO).join("tests/fixtures/import").join(name)
}

/// `annals init`, then the import of a Knight Lab file on 7 December
/// 2026; returns the import's stdout and stderr.
fn init_and_import(name: &str) -> (Site, String, String) {
    let site = site(&[]);
    let (code, _, stderr) = site.run(&["init", "."]);
    assert_eq!(code, 0, "{stderr}");
    let file = fixture(&format!("knightlab/{name}"));
    let (code, stdout, stderr) = site.run(&[
        "import",
        "timelinejs",
        file.to_str().unwrap(),
        ".",
        "--today",
        "2026-12-07",
    ]);
    assert_eq!(code, 0, "{stderr}");
    // init's placeholders gave way to the timeline.
    assert!(
        stderr.contains(
            "replaced content/_index.md, init's untouched introduction, with the title slide\n"
        ),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches(", init's untouched example event\n").count(),
        2,
        "{stderr}"
    );
    (site, stdout, stderr)
}

/// Builds and checks the site: both succeed, and every alt text import
/// took from a headline is flagged.
fn builds_and_checks(site: &Site, events: usize, alt_from_headline: usize) {
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(&format!("built {events} events,")),
        "{stdout}"
    );
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr
            .matches("the media's `alt` only repeats the event's title")
            .count(),
        alt_from_headline,
        "{stderr}"
    );
    let home = site.read("public/index.html");
    for placeholder in ["My timeline", "First Delegation", "Example News"] {
        assert!(!home.contains(placeholder), "{placeholder}");
    }
}

/// The number of report lines saying an alt text is the headline.
fn alt_notes(stderr: &str) -> usize {
    stderr
        .matches("its media has no alt text: the headline is its alt, for you to review (`annals check` flags it)\n")
        .count()
}

#[test]
fn every_kind_of_media_is_kept() {
    let (site, stdout, stderr) = init_and_import("mediatypes.json");
    assert_eq!(
        stdout,
        "imported 29 events and the title slide into content/ (skipped 0)\n"
    );
    // Every slide's media but the quotation is an entry, its alt the
    // headline (Knight Lab's slides have no alt text).
    assert_eq!(alt_notes(&stderr), 28, "{stderr}");
    let read = |name: &str| site.read(&format!("content/{name}.md"));
    assert_eq!(
        read("1926-blockquote"),
        "---\ntitle: Blockquote\ndate: 1926\n---\n\n\
         To display a block quote, input text in HTML blockquote tags.\n\n\
         > This is a block quote.\n>\n> — Galactic\n\n\
         That is a block quote.\n"
    );
    // An iframe links to the page it embeds.
    assert!(
        read("1925-website-in-iframe").contains(
            "media:\n  - src: \"http://www.theonion.com/articles/measles-epidemic-2015-a-timeline-of-the-outbreak,37870/\"\n    alt: \"Website, in iFrame\"\n    caption: \"Measles Epidemic 2015: A Timeline of the Outbreak\"\n    credit: \"The Onion\"\n"
        ),
        "{}",
        read("1925-website-in-iframe")
    );
    assert!(
        read("1906-twitter").contains(
            "  - src: \"https://twitter.com/NASASpaceflight/status/562327074384654336\"\n"
        ),
    );
    // The caption is its text, as Annals shows captions.
    assert!(
        read("1901-youtube-videos")
            .contains("    caption: \"the Monkey section of David Van Tieghem's Ear Drums\"\n"),
        "{}",
        read("1901-youtube-videos")
    );
    builds_and_checks(&site, 29, 28);
}

#[test]
fn quotations_keep_their_attribution_and_the_report_the_credits_links() {
    let (site, stdout, stderr) = init_and_import("republican.json");
    assert!(
        stdout.starts_with("imported 13 events and the title slide"),
        "{stdout}"
    );
    let nh = site.read("content/2012-01-10-new-hampshire.md");
    assert!(
        nh.ends_with(
            "> “In the last few days, we have seen some desperate Republicans join forces with him,” Romney said. “This is such a mistake for our party and for our nation. This country already has a leader who divides us with the bitter politics of envy.”\n>\n\
             > — Romney Wins In New Hampshire Republican Primary/New York Times\n\n\
             From Romney's victory speech, directed at Newt Gingrich, former House speaker\n"
        ),
        "{nh}"
    );
    assert!(!nh.contains("media:"), "{nh}");
    let florida = site.read("content/2012-01-31-florida.md");
    assert!(
        florida.contains(
            "  - src: \"https://farm8.staticflickr.com/7001/6812048183_316d424f2f.jpg\"\n    alt: \"Florida\"\n    credit: \"Mitt Romney/Flickr\"\n"
        ),
        "{florida}"
    );
    assert!(
        stderr.contains("note: slide 4 \"Florida\": its media credit is plain text in Annals, so its link was left out: http://www.flickr.com/photos/mittromney/6812048183/\n"),
        "{stderr}"
    );
    builds_and_checks(&site, 13, alt_notes(&stderr));

    // The sheet template: the attribution is the quote's own <cite>.
    let (site, _, _) = init_and_import("women-in-computing.csv");
    assert_eq!(
        site.read("content/1948-03-14-edith-clarke-bucking-the-trend.md"),
        "---\ntitle: 'Edith Clarke: Bucking the Trend'\ndate: 1948-03-14\n---\n\n\
         > There is no demand for women engineers, as such, as there are for women doctors; but there's always a demand for anyone who can do a good piece of work.\n>\n\
         > — Edith Clarke, first female professor of electrical engineering in the United States\n"
    );
    builds_and_checks(&site, 10, 9);
}

#[test]
fn a_picture_named_by_a_path_is_listed_to_copy_in() {
    let (site, _, stderr) = init_and_import("houston.json");
    let src = "/static/img/examples/houston/family.jpg";
    let target = "static/static/img/examples/houston/family.jpg";
    assert!(
        stderr.contains(&format!(
            "copy in: {target}, the media file of slide 1 \"A Musical Heritage\", which the TimelineJS file only names\n"
        )),
        "{stderr}"
    );
    let heritage = site.read("content/1963-08-09-a-musical-heritage.md");
    assert!(
        heritage.contains(&format!("  - src: \"{src}\"\n")),
        "{heritage}"
    );
    // The credit is plain text; its links' addresses are in the report.
    assert!(
        heritage.contains("    credit: \"Cissy Houston photo:Tom Marcello Dionne Warwick: CBS Television via Wikimedia Commons\"\n"),
        "{heritage}"
    );
    assert!(
        stderr.contains("note: slide 1 \"A Musical Heritage\": its media credit is plain text in Annals, so its links were left out: http://www.flickr.com/photos/11447043@N00/418180903/ http://commons.wikimedia.org/wiki/File%3ADionne_Warwick_television_special_1969.JPG\n"),
        "{stderr}"
    );
    // The tweet, given protocol-relative, links to the tweet.
    let last = site.read("content/2012-02-11-whitney-houston-1963-2012.md");
    assert!(
        last.contains("  - src: \"https://twitter.com/Blavity/status/851872780949889024\"\n"),
        "{last}"
    );
    // Until the picture is copied in, the build says which file is missing.
    let (code, _, build_err) = site.run(&["build"]);
    assert_eq!(code, 1, "{build_err}");
    assert!(build_err.contains(target), "{build_err}");
    site.write(target, std::fs::read(fixture("picture.jpg")).unwrap());
    builds_and_checks(&site, 18, alt_notes(&stderr));
}
