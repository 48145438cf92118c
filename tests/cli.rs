//! What `annals` does for a good site: the pages it builds, their order and
//! links, determinism, drafts, `new`, usage errors, escaping and the theme.

mod common;

use common::*;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// The repository's own site
// ---------------------------------------------------------------------------

/// An event file of the shipped site: its slug, title and `date:` text.
struct Shipped {
    slug: String,
    title: String,
    date: String,
}

/// Reads the front matter of the shipped site's event files (every `.md`
/// in content/ not starting with `_` or `.`).
fn shipped_events() -> Vec<Shipped> {
    let mut events = Vec::new();
    for (name, text) in shipped_event_files() {
        let front = text.split("\n---").next().unwrap();
        let field = |key: &str| -> Option<String> {
            front.lines().find_map(|l| {
                l.strip_prefix(&format!("{key}:"))
                    .map(|v| v.trim().trim_matches('"').trim_matches('\'').to_string())
            })
        };
        events.push(Shipped {
            slug: field("slug").unwrap_or_else(|| name.trim_end_matches(".md").to_string()),
            title: field("title").expect("every shipped event has a title"),
            // An event with no date yet is placed at its `reported_on`.
            date: field("date")
                .or_else(|| field("reported_on"))
                .expect("every shipped event has a date or reported_on"),
        });
    }
    events.sort_by(|a, b| a.slug.cmp(&b.slug));
    events
}

/// Builds the shipped site into a fresh temporary folder; returns the
/// folder (keep it alive), the output path and stdout.
fn build_shipped(extra: &[&str]) -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let out_s = out.to_str().unwrap().to_string();
    let mut args = vec!["build", REPO, "--output", &out_s];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run(&args, tmp.path());
    assert_eq!(code, 0, "building the shipped site failed:\n{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    (tmp, out, stdout)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn shipped_site_builds_every_page() {
    let events = shipped_events();
    assert_eq!(events.len(), 10, "the shipped site has 10 event files");
    let (_tmp, out, stdout) = build_shipped(&[]);
    let snapshot = tree(&out);

    for required in [
        "index.html",
        "404.html",
        "assets/annals.css",
        "actors/index.html",
        "places/index.html",
        "tags/index.html",
    ] {
        assert!(
            snapshot.contains_key(required),
            "{required} missing: {:#?}",
            names(&snapshot)
        );
    }
    for e in &events {
        let page = format!("events/{}/index.html", e.slug);
        assert!(snapshot.contains_key(&page), "{page} missing");
    }
    let event_pages: Vec<&str> = snapshot
        .keys()
        .filter(|k| k.starts_with("events/") && k.ends_with("/index.html"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        event_pages.len(),
        events.len(),
        "one page per event: {event_pages:#?}"
    );

    // Every term named in the shipped content has a page, e.g. Riyadh.
    assert!(snapshot.contains_key("places/riyadh/index.html"));
    assert!(snapshot.contains_key("actors/vladimir-putin/index.html"));
    assert!(snapshot.contains_key("tags/diplomacy/index.html"));
    // The stylesheet is the theme's, unchanged.
    assert_eq!(
        snapshot["assets/annals.css"],
        std::fs::read(Path::new(REPO).join("templates/assets/annals.css")).unwrap()
    );

    // "built 10 events, 41 pages in 31 ms -> <out> (47 files written)", the
    // page count the number of HTML files, and every file written into the
    // new folder.
    let html = snapshot.keys().filter(|k| k.ends_with(".html")).count();
    let line = stdout.trim_end();
    assert_eq!(stdout.lines().count(), 1, "one line: {stdout:?}");
    let prefix = format!("built 10 events, {html} pages in ");
    assert!(
        line.starts_with(&prefix),
        "{line:?} should start with {prefix:?}"
    );
    assert!(
        line.ends_with(&format!(
            " ms -> {} ({} files written)",
            out.display(),
            // Not counting folders, nor the record of the files.
            snapshot.keys().filter(|k| !k.ends_with('/')).count() - 1
        )),
        "{line:?}"
    );
    let ms = &line[prefix.len()..line.find(" ms").unwrap()];
    assert!(ms.parse::<u64>().is_ok(), "{line:?}");
}

#[test]
fn shipped_site_checks_clean() {
    let (code, stdout, stderr) = run(&["check", REPO], Path::new(REPO));
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(stdout.starts_with("checked 10 events, "), "{stdout}");
    // Every event cites the one article, which check says of each (the
    // README says why these stay); the envoys' meeting is overdue today.
    let warnings: Vec<&str> = stderr.lines().collect();
    let single = warnings
        .iter()
        .filter(|w| {
            w.ends_with("cites a single source; check it against a second, independent one")
        })
        .count();
    assert_eq!(single, 10, "{stderr}");
    assert_eq!(warnings.len(), 11, "{stderr}");
    assert!(
        warnings
            .iter()
            .any(|w| w.ends_with("was expected by 8 March 2025; nothing recorded since")),
        "{stderr}"
    );
    assert!(
        stdout.trim_end().ends_with("no errors, 11 warnings"),
        "{stdout}"
    );
}

#[test]
fn shipped_index_is_in_time_order_with_precise_dates_and_statuses() {
    let events = shipped_events();
    let (_tmp, out, _) = build_shipped(&[]);
    let index = read(&out.join("index.html"));

    // The events in the order the timeline links to them (after the list
    // of open expectations, which links to one of them too).
    let mut order: Vec<&Shipped> = Vec::new();
    let timeline = index.find("class=\"timeline").expect("the timeline");
    // The events, up to the panel beside them (its open expectations link
    // to events too).
    let panel = index.find("class=\"panel\"").expect("the panel");
    let mut rest = &index[timeline..panel];
    while let Some(at) = rest.find("href=\"./events/") {
        rest = &rest[at + "href=\"./events/".len()..];
        let slug = &rest[..rest.find('/').unwrap()];
        let e = events
            .iter()
            .find(|e| e.slug == slug)
            .unwrap_or_else(|| panic!("index links to unknown event {slug}"));
        order.push(e);
    }
    assert_eq!(order.len(), events.len(), "each event once on the timeline");
    let mut seen: Vec<&str> = order.iter().map(|e| e.slug.as_str()).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), events.len(), "no event twice");
    // ISO dates as text sort in time order, a year before the months in it.
    for pair in order.windows(2) {
        assert!(
            pair[0].date <= pair[1].date,
            "{} ({}) is listed before {} ({})",
            pair[0].slug,
            pair[0].date,
            pair[1].slug,
            pair[1].date
        );
    }
    // The titles appear in the same order.
    let mut last = 0;
    for e in &order {
        let at = index[last..]
            .find(&escape(&e.title))
            .unwrap_or_else(|| panic!("title {:?} not found after byte {last}", e.title));
        last += at + 1;
    }
    assert_eq!(order[0].slug, "2021-06-geneva-summit");
    assert_eq!(
        order.last().unwrap().slug,
        "2025-05-09-reported-moscow-trip"
    );

    // Month precision is kept for machines and readers.
    assert!(
        index.contains("<time datetime=\"2021-06\">June 2021</time>"),
        "Geneva's month-precision date"
    );
    assert!(index.contains("<time datetime=\"2025-02-18\">18 February 2025</time>"));
    // Years group the timeline.
    for year in ["2021", "2022", "2025"] {
        assert!(index.contains(&format!("id=\"y{year}\"")), "year {year}");
    }
    // Status words.
    for (class, word) in [
        ("denied", "Denied"),
        // The envoys' meeting is an expectation since issue 17.
        ("expected", "Expected"),
        ("planned", "Planned"),
        ("announced", "Announced"),
        ("happened", "Happened"),
    ] {
        let span = format!("<span class=\"status status-{class}\">{word}</span>");
        assert!(index.contains(&span), "missing {span}");
    }
}

#[test]
fn shipped_event_page_has_sources_related_and_neighbours() {
    let (_tmp, out, _) = build_shipped(&[]);
    let page = read(&out.join("events/2025-02-18-riyadh-meeting/index.html"));

    assert!(page.contains("<h1>US and Russian delegations meet in Riyadh</h1>"));
    assert!(page.contains("<title>US and Russian delegations meet in Riyadh · "));
    // The source, with author, publisher and date.
    assert!(page.contains("<bdi>Ryan Morgan</bdi>, “<a href=\"https://freedombunker.com/2025/02/22/efforts-to-arrange-trump-putin-meeting-underway-moscow-says/\" dir=\"auto\">Efforts To Arrange Trump–Putin Meeting Underway, Moscow Says</a>”"), "{page}");
    assert!(page.contains("<cite dir=\"auto\">The Epoch Times</cite>"));
    assert!(page.contains("<time datetime=\"2025-02-22\">22 February 2025</time>"));
    // Related events, by title, with relative links.
    let related = &page[page.find("annals-related").expect("a related section")..];
    assert!(related.contains(
        "<a href=\"../../events/2025-02-20-rubio-herridge-interview/\" dir=\"ltr\">Rubio ties the timing of a Trump–Putin meeting to progress on ending the war</a>"
    ));
    assert!(related.contains(
        "<a href=\"../../events/2025-02-22-ryabkov-announcement/\" dir=\"ltr\">Moscow says work has begun on a Putin–Trump meeting</a>"
    ));
    // Previous and next in time.
    assert!(
        page.contains(
            "<a href=\"../../events/2025-02-17-trump-zelenskyy-exchange/\" rel=\"prev\">"
        )
    );
    assert!(
        page.contains(
            "<a href=\"../../events/2025-02-20-rubio-herridge-interview/\" rel=\"next\">"
        )
    );
    // Terms link to their pages.
    assert!(page.contains("<a href=\"../../places/riyadh/\" dir=\"auto\">Riyadh</a>"));
    assert!(page.contains("<a href=\"../../actors/marco-rubio/\" dir=\"auto\">Marco Rubio</a>"));
    // Markdown body rendered (smart punctuation on).
    assert!(page.contains("administration’s effort"));

    // The first event has no previous link, the last no next link.
    let first = read(&out.join("events/2021-06-geneva-summit/index.html"));
    assert!(!first.contains("rel=\"prev\""));
    assert!(first.contains("rel=\"next\""));
    let last = read(&out.join("events/2025-05-09-reported-moscow-trip/index.html"));
    assert!(last.contains("rel=\"prev\""));
    assert!(!last.contains("rel=\"next\""));
}

#[test]
fn shipped_site_internal_links_resolve() {
    let (_tmp, out, _) = build_shipped(&[]);
    let checked = check_links(&out, "/");
    // 41 pages, each with at least the stylesheet and five navigation links.
    assert!(checked > 300, "only {checked} links checked");
}

/// The link checker used above finds what it should: a missing page, a
/// folder link without its index, a missing fragment, a root-relative
/// link, a link out of the site.
#[test]
fn the_link_checker_catches_broken_links() {
    let good = site(&[
        (
            "index.html",
            "<a href=\"./a/\">a</a> <a href='#top'>t</a> <p id=\"top\"></p> <img src=\"img/x.png\">",
        ),
        (
            "a/index.html",
            "<a href=\"../\">home</a> <a href=\"../#top\">top</a> <a href=\"https://example.org/\">x</a>",
        ),
        ("img/x.png", "png"),
    ]);
    assert_eq!(check_links(good.path(), "/"), 5);
    for (page, html) in [
        ("index.html", "<a href=\"./missing/\">x</a>"),
        ("index.html", "<a href=\"./a\">folder without slash</a>"),
        ("index.html", "<a href=\"./a/#nowhere\">x</a>"),
        ("a/index.html", "<a href=\"/a/\">absolute</a>"),
        ("a/index.html", "<a href=\"../../x/\">outside</a>"),
        ("index.html", "<img src=\"img/y.png\">"),
        ("index.html", "<a href=\"javascript:alert(1)\">x</a>"),
    ] {
        let bad = site(&[
            ("a/index.html", "<p>a</p>"),
            ("img/x.png", "png"),
            (page, html),
        ]);
        if page != "index.html" {
            bad.write("index.html", "<p>home</p>");
        }
        let caught = std::panic::catch_unwind(|| check_links(bad.path(), "/"));
        assert!(caught.is_err(), "not caught: {page}: {html}");
    }
}

// ---------------------------------------------------------------------------
// A site with every kind of value
// ---------------------------------------------------------------------------

/// A site using dates of every precision, ranges, terms with non-ASCII
/// names, sources, related events, a draft, an intro and static files.
fn rich_site() -> Site {
    site(&[
        (
            "annals.yaml",
            "title: Rich timeline\ndescription: \"Every feature\"\nlanguage: en-GB\n",
        ),
        (
            "content/_index.md",
            "---\ntitle: Ignored because annals.yaml has one\n---\nAn *intro* with [a link](https://example.org/) and [an event](events/day/).\n",
        ),
        (
            "content/year.md",
            "---\ntitle: Only the year\ndate: 2024\ntags: [precision]\nrelated: [month]\n---\nBody.\n",
        ),
        (
            "content/month.md",
            "---\ntitle: Only the month\ndate: 2024-03\nend: 2024-05\ntags: [precision, range]\n---\n",
        ),
        (
            "content/sub/day.md",
            "---\ntitle: A day in Kyiv\ndate: 2024-03-05\nstatus: reported\napproximate: true\nplaces: [\"Київ\"]\nactors: [\"Володимир Зеленський\", \"José García\"]\nsources:\n  - title: Report\n    url: https://example.org/report\n    publisher: Example News\n    author: A. Writer\n    date: 2024-03-06\n---\n## Heading\n\n![pic](../../img/pic.png)\n",
        ),
        (
            "content/instant.md",
            "---\ntitle: An instant\ndate: 2024-03-05T14:30:00+02:00\nstatus: cancelled\nslug: the-instant\nrelated: [day, year]\n---\nSee [the day](../day/#heading).\n",
        ),
        (
            "content/draft.md",
            "---\ntitle: Draft event\ndate: 2024-04\ndraft: true\n---\n",
        ),
        (
            "content/_notes.md",
            "not an event: names starting with _ are skipped",
        ),
        ("content/.hidden.md", "not an event either"),
        (
            "content/_drafts/x.md",
            "folders starting with _ are skipped",
        ),
        ("static/img/pic.png", "\u{1}PNG fake"),
        ("static/robots.txt", "User-agent: *\n"),
    ])
}

#[test]
fn rich_site_builds_in_time_order_and_links_resolve() {
    let site = rich_site();
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("built 4 events, "), "{stdout}");
    let out = site.join("public");
    let index = read(&out.join("index.html"));

    // A year sorts before the months in it, a month before its days, a day
    // before its instants.
    let positions: Vec<usize> = [
        "./events/year/",
        "./events/month/",
        "./events/day/",
        "./events/the-instant/",
    ]
    .iter()
    .map(|href| {
        index
            .find(href)
            .unwrap_or_else(|| panic!("{href} not on the timeline"))
    })
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(index.contains("Some time in 2024"));
    assert!(index.contains("<time datetime=\"2024\">2024</time>"));
    assert!(
        index.contains(
            "<time datetime=\"2024-03\">March</time>–<time datetime=\"2024-05\">May 2024</time>"
        ),
        "month range"
    );
    assert!(index.contains("c. <time datetime=\"2024-03-05\">5 March 2024</time>"));
    assert!(index.contains("<time datetime=\"2024-03-05T14:30:00+02:00\">"));
    assert!(index.contains("Reported, unconfirmed"));
    assert!(index.contains("Cancelled"));
    assert!(index.contains("<html lang=\"en-GB\">"));
    assert!(index.contains("<title>Rich timeline</title>"));
    assert!(index.contains("<em>intro</em>"));
    // Skipped files and drafts are not events.
    assert!(!out.join("events/draft").exists());
    assert!(!out.join("events/notes").exists());
    assert!(!out.join("events/x").exists());
    assert!(!out.join("events/hidden").exists());
    // A nested file's slug is its stem.
    assert!(out.join("events/day/index.html").is_file());

    let checked = check_links(&out, "/");
    assert!(checked > 80, "only {checked} links checked");
}

#[test]
fn builds_are_byte_identical() {
    let (_a, out_a, _) = build_shipped(&[]);
    let (_b, out_b, _) = build_shipped(&[]);
    assert_same_tree(
        &tree(&out_a),
        &tree(&out_b),
        "two builds of the shipped site",
    );

    let site = rich_site();
    let first = site.run(&["build", "--output", "../one"]);
    let second = site.run(&["build", "--output", "../two"]);
    assert_eq!((first.0, second.0), (0, 0), "{}{}", first.2, second.2);
    let one = tree(&site.root().join("one"));
    assert!(one.len() > 20);
    assert_same_tree(
        &one,
        &tree(&site.root().join("two")),
        "two builds of the rich site",
    );
    // Building again over the previous output gives the same files.
    let again = site.run(&["build", "--output", "../one"]);
    assert_eq!(again.0, 0, "{}", again.2);
    assert_same_tree(&one, &tree(&site.root().join("one")), "a rebuild in place");
    assert!(entries_starting_with(site.root(), ".one.annals").is_empty());
}

#[test]
fn a_rebuild_removes_pages_of_deleted_events() {
    let site = rich_site();
    assert_eq!(site.run(&["build"]).0, 0);
    assert!(site.join("public/events/year/index.html").is_file());
    site.remove("content/year.md");
    // `instant` names `year` as related; drop that too.
    site.write(
        "content/instant.md",
        "---\ntitle: An instant\ndate: 2024-03-05T14:30:00+02:00\nslug: the-instant\n---\n",
    );
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !site.join("public/events/year").exists(),
        "stale page left behind"
    );
    let tag = site.read("public/tags/precision/index.html");
    assert!(
        tag.contains("Only the month") && !tag.contains("Only the year"),
        "{tag}"
    );
    assert!(entries_starting_with(site.path(), ".public.annals").is_empty());
}

#[test]
fn output_works_under_a_sub_path() {
    let (_tmp, out, _) = build_shipped(&["--base-url", "https://example.org/annals/"]);
    let snapshot = tree(&out);
    for (page, html) in html_pages(&snapshot) {
        for link in link_values(&html) {
            if is_external(&link) || link.starts_with('#') {
                continue;
            }
            if page == "404.html" {
                assert!(link.starts_with("/annals/"), "404.html: {link}");
            } else {
                assert!(!link.starts_with('/'), "{page}: {link} is not relative");
            }
        }
    }
    // Every link resolves when the site is served from /annals/.
    check_links(&out, "/annals/");
    let not_found = read(&out.join("404.html"));
    assert!(
        not_found.contains("href=\"/annals/assets/annals.css\""),
        "{not_found}"
    );

    // Without a base URL the 404 page links from the domain root, and the
    // other pages are the same as with one.
    let (_tmp2, plain, _) = build_shipped(&[]);
    let plain_tree = tree(&plain);
    assert!(read(&plain.join("404.html")).contains("href=\"/assets/annals.css\""));
    // (The head's canonical and link-preview tags and the data files are
    // where base_url belongs; what readers see and follow is the same.)
    // The timeline's list of feeds is shown only where the feeds are
    // written, which needs base_url.
    let body = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let mut body = without_json_ld(&text[text.find("<body>").unwrap_or(0)..]);
        if let Some(start) = body.find("<p class=\"feeds\">") {
            let end = start + body[start..].find("</p>").map_or(0, |e| e + 4);
            body.replace_range(start..end, "");
        }
        body
    };
    for (k, v) in &plain_tree {
        if k != "404.html" && k.ends_with(".html") {
            let with_base = snapshot
                .get(k)
                .unwrap_or_else(|| panic!("{k} only without a base URL"));
            assert_eq!(body(v), body(with_base), "{k} depends on the base URL");
        }
    }
}

#[test]
fn base_url_from_the_command_line() {
    let site = rich_site();
    let (code, stdout, stderr) = site.run(&["build", "--base-url", "https://example.org/annals/"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("built "));
    // Without the trailing slash it is normalised.
    let (code, _, stderr) = site.run(&["build", "--base-url", "https://example.org/sub"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        site.read("public/404.html")
            .contains("href=\"/sub/assets/annals.css\"")
    );

    let before = tree(site.root());
    let (code, stdout, stderr) = site.run(&["build", "--base-url", "ftp://x"]);
    // A usage error since issue 16: exit 2, in clap's words.
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("--base-url"), "{stderr}");
    assert!(stderr.contains("ftp://x"), "{stderr}");
    assert!(
        stderr.contains("https://"),
        "says what is allowed: {stderr}"
    );
    assert_same_tree(&before, &tree(site.root()), "a refused --base-url");
}

#[test]
fn default_site_is_the_working_folder_and_default_output_is_public() {
    let site = rich_site();
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(" ms -> public ("), "{stdout}");
    assert!(site.join("public/index.html").is_file());
    // From elsewhere, SITE_DIR names the site and public/ goes inside it.
    let (code, stdout, stderr) = run(&["build", "site"], site.root());
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(" ms -> site/public ("), "{stdout}");
    assert!(!site.root().join("public").exists());
}

#[test]
fn check_reports_success_and_writes_nothing() {
    let site = rich_site();
    let before = tree(site.root());
    let (code, stdout, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("checked 4 events, "), "{stdout}");
    assert_eq!(
        stderr,
        "warning: content/sub/day.md:9:5: `A day in Kyiv` cites a single source; check it against a second, independent one\n"
    );
    assert_same_tree(&before, &tree(site.root()), "check");
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = rich_site();
    let (code, stdout, _) = site.run(&["build"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("built 4 events"), "{stdout}");
    assert!(!site.join("public/events/draft").exists());
    assert!(!site.read("public/index.html").contains("Draft event"));

    let (code, stdout, stderr) = site.run(&["build", "--drafts"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("built 5 events"), "{stdout}");
    assert!(site.join("public/events/draft/index.html").is_file());
    assert!(site.read("public/index.html").contains("Draft event"));

    let (_, stdout, _) = site.run(&["check", "--drafts"]);
    assert!(stdout.starts_with("checked 5 events"), "{stdout}");
}

// ---------------------------------------------------------------------------
// `annals new`
// ---------------------------------------------------------------------------

#[test]
fn new_writes_an_event_that_builds_and_never_overwrites() {
    let site = site(&[]);
    let title = "Talks: day #2 in \"Riyadh\"";
    let (code, stdout, stderr) = site.run(&["new", title, "--date", "2025-02-18"]);
    assert_eq!(code, 0, "{stderr}");
    let rel = "content/2025-02-18-talks-day-2-in-riyadh.md";
    assert_eq!(stdout.trim_end(), format!("wrote {rel}"));
    let written = site.read(rel);
    assert!(written.starts_with("---\n"), "{written}");

    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "the new event builds as it is:\n{stderr}");
    let page = site.read("public/events/2025-02-18-talks-day-2-in-riyadh/index.html");
    assert!(page.contains(&escape(title)), "{page}");
    assert!(page.contains("<time datetime=\"2025-02-18\">"));

    // Again: refused, the file is left as it was.
    site.write(rel, format!("{written}\nEdited by hand.\n"));
    let edited = site.read(rel);
    let (code, _, stderr) = site.run(&["new", title, "--date", "2025-02-18"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("exists already"), "{stderr}");
    assert!(stderr.contains(rel), "{stderr}");
    assert_eq!(site.read(rel), edited);

    // With SITE_DIR from elsewhere.
    let (code, stdout, stderr) = run(
        &["new", "site", "Summit announced", "--date", "2025-03"],
        site.root(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("site/content/2025-03-summit-announced.md"),
        "{stdout}"
    );
    assert!(site.join("content/2025-03-summit-announced.md").is_file());
}

#[test]
fn new_refuses_a_bad_date() {
    let site = site(&[]);
    for bad in ["2025-02-30", "2025-13-01", "June 2021", "yesterday"] {
        let (code, stdout, stderr) = site.run(&["new", "Something", "--date", bad]);
        // A usage error (issue 16: bad option values exit 2, as documented).
        assert_eq!(code, 2, "--date {bad}: {stdout}{stderr}");
        assert!(stderr.contains("--date"), "{stderr}");
        assert!(stderr.contains(bad), "names the date: {stderr}");
    }
    assert!(tree(&site.join("content")).is_empty(), "nothing written");
}

// ---------------------------------------------------------------------------
// Usage
// ---------------------------------------------------------------------------

#[test]
fn wrong_usage_exits_2() {
    let site = rich_site();
    for args in [
        vec!["bogus"],
        vec!["build", "--nope"],
        vec!["check", "--output", "x"],
        vec!["build", "a", "b"],
        vec!["new"],
        vec!["serve", "--port", "notaport"],
        vec![],
    ] {
        let (code, stdout, stderr) = site.run(&args);
        assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
        assert!(!stderr.is_empty(), "{args:?} says what is wrong");
    }
    assert!(!site.join("public").exists());
}

#[test]
fn help_works_on_every_command() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--help"],
        vec!["build", "--help"],
        vec!["check", "--help"],
        vec!["serve", "--help"],
        vec!["new", "--help"],
    ] {
        let (code, stdout, stderr) = run(&args, dir.path());
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(stdout.contains("Examples"), "{args:?}:\n{stdout}");
        assert!(stdout.contains("Usage"), "{args:?}:\n{stdout}");
    }
    let (code, stdout, _) = run(&["--version"], dir.path());
    assert_eq!(code, 0);
    assert!(stdout.starts_with("annals "), "{stdout}");
    assert!(tree(dir.path()).is_empty(), "help writes nothing");
}

// ---------------------------------------------------------------------------
// Escaping and Markdown safety
// ---------------------------------------------------------------------------

const NASTY: &str = "<script>alert(1)</script> & \"quotes\"";

#[test]
fn front_matter_text_is_escaped() {
    let site = site(&[
        (
            "content/nasty.md",
            "---\ntitle: '<script>alert(1)</script> & \"quotes\"'\ndate: 2024\nsummary: '<img src=x onerror=alert(1)>'\nactors: ['<script>actor</script>']\nplaces: ['\"><script>p</script>']\ntags: ['<b>tag</b>']\nsources:\n  - title: '<script>src</script>'\n    url: 'https://example.org/?a=1&b=\"2\"'\n    publisher: '<i>pub</i>'\n---\nBody.\n",
        ),
        (
            "annals.yaml",
            "title: '<script>site</script>'\ndescription: '\"><script>d</script>'\n",
        ),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;";
    let index = site.read("public/index.html");
    let page = site.read("public/events/nasty/index.html");
    assert!(index.contains(escaped), "{index}");
    assert!(page.contains(&format!("<h1>{escaped}</h1>")), "{page}");
    assert!(page.contains(&format!("<title>{escaped} · ")), "{page}");
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{page}"
    );
    // The source's address as browsers read it (its quotes
    // percent-encoded), and escaped.
    assert!(
        page.contains("href=\"https://example.org/?a=1&amp;b=%222%22\""),
        "{page}"
    );
    for (path, html) in html_pages(&tree(&site.join("public"))) {
        // The theme's own script is the only one a page may load, and the
        // JSON-LD data block may hold no `<` at all.
        let lower = without_json_ld(&html.to_lowercase())
            .replace("<script src=\"./assets/annals.js\" defer></script>", "");
        assert!(
            !lower.contains("<script"),
            "raw <script> in {path}:\n{html}"
        );
        assert!(!lower.contains("<img"), "raw <img> in {path}");
        assert!(!lower.contains("<b>tag"), "raw <b> in {path}");
        assert!(!html.contains(NASTY), "unescaped title in {path}");
    }
}

const UNSAFE_BODY: &str = "Hello <span class=\"raw\">inline</span> and [x](javascript:alert(1)) and [y]( JaVaScRiPt:alert(2)) and ![i](data:text/html,boom) and [ok](https://example.org/ok).\n\n<div class=\"block\">block html</div>\n\n<script>alert(3)</script>\n";

#[test]
fn raw_html_and_script_links_are_dropped_by_default() {
    let site = site(&[(
        "content/body.md",
        &event("title: Body\ndate: 2024", UNSAFE_BODY),
    )]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let page = site.read("public/events/body/index.html");
    let lower = page.to_lowercase();
    assert!(!page.contains("class=\"raw\""), "{page}");
    assert!(!page.contains("class=\"block\""), "{page}");
    assert!(!lower.contains("javascript:"), "{page}");
    assert!(!lower.contains("data:text"), "{page}");
    assert!(!without_json_ld(&lower).contains("<script"), "{page}");
    assert!(!page.contains("alert(3)"), "{page}");
    // The text of links and inline HTML stays; safe links stay.
    assert!(page.contains("Hello inline and x and y"), "{page}");
    assert!(
        page.contains("<a href=\"https://example.org/ok\">ok</a>"),
        "{page}"
    );
}

#[test]
fn raw_html_is_kept_when_the_site_allows_it() {
    let site = site(&[
        ("annals.yaml", "markdown:\n  unsafe_html: true\n"),
        (
            "content/body.md",
            &event("title: Body\ndate: 2024", UNSAFE_BODY),
        ),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let page = site.read("public/events/body/index.html");
    assert!(page.contains("<span class=\"raw\">inline</span>"), "{page}");
    assert!(
        page.contains("<div class=\"block\">block html</div>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"javascript:alert(1)\">x</a>"),
        "{page}"
    );
    assert!(page.contains("<script>alert(3)</script>"), "{page}");
    // Front matter is still escaped.
    let index = site.read("public/index.html");
    assert!(!index.contains("class=\"raw\""));
}

// ---------------------------------------------------------------------------
// Theme overrides and static files
// ---------------------------------------------------------------------------

#[test]
fn site_templates_override_the_theme() {
    let site = site(&[
        (
            "content/a.md",
            &event("title: A\ndate: 2024\ntags: [t]", ""),
        ),
        (
            "templates/404.html",
            "{% extends \"base.html\" %}{% block main %}<p>Custom: nothing at this address.</p>{% endblock main %}\n",
        ),
    ]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let not_found = site.read("public/404.html");
    assert!(
        not_found.contains("<p>Custom: nothing at this address.</p>"),
        "{not_found}"
    );
    assert!(!not_found.contains("Page not found</h1>"), "{not_found}");
    // Other pages keep the built-in theme.
    assert!(
        site.read("public/index.html")
            .contains("class=\"timeline\"")
    );

    // A base.html override is used by the theme's own pages too.
    site.write(
        "templates/base.html",
        "<!DOCTYPE html><html><head><title>{% block title %}{{ site.title }}{% endblock title %}</title>{% block meta %}{% endblock meta %}<link rel=\"stylesheet\" href=\"{{ root }}assets/annals.css\"></head><body><p>CUSTOM BASE</p>{% block main %}{% endblock main %}</body></html>\n",
    );
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    for page in [
        "index.html",
        "events/a/index.html",
        "tags/t/index.html",
        "404.html",
    ] {
        let html = site.read(&format!("public/{page}"));
        assert!(html.contains("<p>CUSTOM BASE</p>"), "{page}: {html}");
    }
    assert!(site.read("public/404.html").contains("Custom: nothing"));
    check_links(&site.join("public"), "/");
}

#[test]
fn static_files_are_copied() {
    let site = rich_site();
    site.write("static/deep/er/file.bin", [0u8, 159, 146, 150, 255]);
    site.write("static/.well-known/security.txt", "Contact: x\n");
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let out = tree(&site.join("public"));
    for (path, bytes) in tree(&site.join("static")) {
        if path.ends_with('/') {
            continue;
        }
        assert_eq!(
            out.get(&path),
            Some(&bytes),
            "static/{path} not copied as it is"
        );
    }
    // The event body's image link, written relative to the page, resolves.
    assert!(
        site.read("public/events/day/index.html")
            .contains("src=\"../../img/pic.png\"")
    );
}

#[test]
fn unicode_names_get_ascii_slug_pages() {
    let site = rich_site();
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let out = site.join("public");
    let page = read(&out.join("events/day/index.html"));
    for (kind, name) in [
        ("actors", "Володимир Зеленський"),
        ("places", "Київ"),
        ("actors", "José García"),
    ] {
        // The link next to the name on the event page.
        let at = page
            .find(&format!(">{name}</a>"))
            .unwrap_or_else(|| panic!("{name} not linked on the event page"));
        let start = page[..at].rfind("href=\"").unwrap() + "href=\"".len();
        let href = page[start..at].split('"').next().unwrap();
        let prefix = format!("../../{kind}/");
        let slug = href
            .strip_prefix(&prefix)
            .and_then(|s| s.strip_suffix('/'))
            .unwrap_or_else(|| panic!("{name}: unexpected link {href}"));
        assert!(
            !slug.is_empty()
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{name} got slug {slug:?}"
        );
        let term_page = read(&out.join(kind).join(slug).join("index.html"));
        assert!(
            term_page.contains(&format!("<h1>{name}</h1>")),
            "{term_page}"
        );
        assert!(term_page.contains("A day in Kyiv"));
        // Listed on the kind's index page with the same link.
        let list = read(&out.join(kind).join("index.html"));
        assert!(
            list.contains(&format!(
                "<a href=\"../{kind}/{slug}/\" dir=\"auto\">{name}</a>"
            )),
            "{list}"
        );
    }
    assert!(out.join("places/kiyiv/index.html").is_file());
    assert!(out.join("actors/jose-garcia/index.html").is_file());

    // A non-ASCII file name gives an ASCII event slug too.
    site.write(
        "content/Переговори в Києві.md",
        event("title: Talks\ndate: 2024-06", ""),
    );
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let events: Vec<String> = std::fs::read_dir(site.join("public/events"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(events.iter().all(|s| s.is_ascii()), "{events:?}");
    assert_eq!(events.len(), 5, "{events:?}");
    check_links(&site.join("public"), "/");
}

// ---------------------------------------------------------------------------
// Bugs found while writing these tests
// ---------------------------------------------------------------------------

#[test]

fn term_slugs_never_collide() {
    // Since issue 16, names that differ only by case or accents (`Jose`,
    // `José`) are one tag with one page; `Jose 2` keeps a page of its own,
    // whatever else exists.
    let site = site(&[(
        "content/a.md",
        &event(
            "title: A\ndate: 2024\ntags: [\"Jose\", \"José\", \"Jose 2\"]",
            "",
        ),
    )]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let list = site.read("public/tags/index.html");
    let hrefs: Vec<String> = link_values(&list)
        .into_iter()
        .filter(|l| l.starts_with("../tags/") && l != "../tags/")
        .collect();
    assert_eq!(hrefs.len(), 2, "{hrefs:?}");
    let mut unique = hrefs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 2, "two tags share {hrefs:?}");
    for name in ["Jose", "Jose 2"] {
        let found = std::fs::read_dir(site.join("public/tags"))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_dir())
            .any(|e| {
                std::fs::read_to_string(e.path().join("index.html"))
                    .is_ok_and(|h| h.contains(&format!("<h1>{name}</h1>")))
            });
        assert!(found, "tag {name} has no page of its own");
    }
}

#[test]

fn output_can_be_the_empty_working_folder() {
    let site = rich_site();
    let out = site.root().join("out");
    std::fs::create_dir(&out).unwrap();
    let (code, stdout, stderr) = run(&["build", "../site", "--output", "."], &out);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(out.join("index.html").is_file());
}

/// The page without its JSON-LD data block, which is data, not markup.
fn without_json_ld(html: &str) -> String {
    let open = "<script type=\"application/ld+json\">";
    match html.find(open) {
        Some(start) => {
            let data_end = html[start..]
                .find("</script>")
                .map_or(html.len(), |e| start + e);
            let data = &html[start + open.len()..data_end];
            assert!(!data.contains('<'), "JSON-LD must escape `<`: {data}");
            format!(
                "{}{}",
                &html[..start],
                &html[(data_end + "</script>".len()).min(html.len())..]
            )
        }
        None => html.to_string(),
    }
}
