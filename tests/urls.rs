//! Addresses: `base_url` (in `annals.yaml` and `--base-url`) and sources'
//! `url`, read as a browser reads them (WHATWG URL parsing, IDNA), refused
//! where they are written when they are not web addresses or would publish
//! a password, and published in their serialised form.

mod common;
use common::*;

const EVENT: &str = "---\ntitle: x\ndate: 2021\n---\n";

#[test]
fn a_base_url_with_a_user_or_password_is_refused() {
    let site = site(&[
        ("content/x.md", EVENT),
        (
            "annals.yaml",
            "title: T\nbase_url: https://user:pw@example.org/\n",
        ),
    ]);
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let problem = assert_problem(&stderr, "annals.yaml:2:11", &["user name or password"]);
    assert!(problem.contains("help: "), "{problem}");
    assert!(!site.join("public").exists());

    let site = site_with_event();
    for url in [
        "https://user:pw@example.org/",
        "https://user@example.org/t/",
    ] {
        // A bad --base-url is a usage error.
        let (code, stdout, stderr) = site.run(&["build", "--base-url", url]);
        assert_eq!(code, 2, "{url}: {stdout}{stderr}");
        assert!(
            stderr.contains("--base-url") && stderr.contains("user name or password"),
            "{stderr}"
        );
        assert!(!site.join("public").exists());
    }
}

fn site_with_event() -> Site {
    site(&[("content/x.md", EVENT)])
}

#[test]
fn an_international_base_url_is_published_in_its_serialised_form() {
    let site = site(&[(
        "content/x.md",
        "---\ntitle: x\ndate: 2021\ntags: [a]\n---\n",
    )]);
    let (code, stdout, stderr) =
        site.run(&["build", "--base-url", "https://Bücher.example/zeit leiste/"]);
    // A space is refused (the schema refuses it too), as a usage error.
    assert_eq!(code, 2, "{stdout}{stderr}");
    let (code, stdout, stderr) =
        site.run(&["build", "--base-url", "https://Bücher.example/zeitlinie-ü"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let base = "https://xn--bcher-kva.example/zeitlinie-%C3%BC/";
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains(&format!("<loc>{base}events/x/</loc>")),
        "{sitemap}"
    );
    assert!(!sitemap.contains("ü"), "{sitemap}");
    assert!(
        site.read("public/robots.txt")
            .contains(&format!("Sitemap: {base}sitemap.xml"))
    );
    let atom = site.read("public/atom.xml");
    assert!(
        atom.contains(&format!("<id>{base}events/x/</id>")),
        "{atom}"
    );
    assert!(!atom.contains("ü"), "{atom}");
    let ics = site.read("public/calendar.ics");
    assert!(ics.contains("UID:x@xn--bcher-kva.example\r\n"), "{ics}");
    assert!(!ics.contains("ü"), "{ics}");
    let json: serde_json::Value = serde_json::from_str(&site.read("public/events.json")).unwrap();
    assert_eq!(json["base_url"], base);
    assert_eq!(json["events"][0]["url"], format!("{base}events/x/"));
    let page = site.read("public/events/x/index.html");
    assert!(
        page.contains(&format!(
            "<link rel=\"canonical\" href=\"{base}events/x/\">"
        )),
        "{page}"
    );
    assert!(!site.read("public/timeline.json").contains("ü"));
    // The 404 page links from the root of the host, encoded.
    assert!(
        site.read("public/404.html")
            .contains("href=\"/zeitlinie-%C3%BC/assets/annals.css\"")
    );

    // The same from annals.yaml.
    site.write("annals.yaml", "base_url: https://bücher.example\n");
    let (code, stdout, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        site.read("public/sitemap.xml")
            .contains("<loc>https://xn--bcher-kva.example/events/x/</loc>")
    );
}

/// An event whose one source has `url`.
fn with_source(url: &str) -> String {
    format!("---\ntitle: x\ndate: 2021\nsources:\n  - title: A\n    url: {url}\n---\n")
}

#[test]
fn source_urls_must_be_web_addresses_with_a_host() {
    for url in [
        "https://",
        "\"https://exa mple.org/<x>\"",
        "http://[::1",
        "https:///path",
        "https:example.org",
        "ftp://example.org/",
        "mailto:someone@example.org",
    ] {
        let site = site(&[("content/s.md", &with_source(url))]);
        let (code, stdout, stderr) = site.run(&["check"]);
        assert_eq!(code, 1, "{url} was accepted:\n{stdout}{stderr}");
        let problem = assert_problem(&stderr, "content/s.md:6:10", &["not a web address"]);
        assert!(
            problem.contains("help: ")
                && problem.contains("http://")
                && problem.contains("https://"),
            "{url}: says what is allowed:\n{problem}"
        );
    }
}

#[test]
fn source_urls_are_read_as_browsers_read_them() {
    let site = site(&[(
        "content/s.md",
        &format!(
            "{}{}",
            with_source("HTTPS://EXAMPLE.ORG/x").trim_end_matches("---\n"),
            "  - title: B\n    url: https://bücher.example/a b?q=<1>\n---\n"
        ),
    )]);
    let (code, stdout, stderr) = site.run(&["build", "--base-url", "https://example.org/"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let json: serde_json::Value = serde_json::from_str(&site.read("public/events.json")).unwrap();
    let sources = &json["events"][0]["sources"];
    assert_eq!(sources[0]["url"], "https://example.org/x");
    assert_eq!(
        sources[1]["url"],
        "https://xn--bcher-kva.example/a%20b?q=%3C1%3E"
    );
    let page = site.read("public/events/s/index.html");
    assert!(page.contains("href=\"https://example.org/x\""), "{page}");
}
