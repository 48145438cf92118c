//! The answer to one request, from the site as it is at that moment: a
//! page (with the live-reload script), a file, a redirect, a 404, or the
//! list of problems while the site does not build.

use super::Site;
use super::http::{Body, Response, content_type, decode_path, encode_path, reply, text};
use std::sync::Arc;

/// The script added to served pages for live reload, around the stamp of
/// the build the page comes from: a page served just before a rebuild that
/// connects just after it is told to reload at once.
pub(super) const RELOAD_SCRIPT: [&str; 2] = [
    concat!(
        "<script>(function(){var k=\"annals-scroll:\"+location.pathname,y=sessionStorage.getItem(k);",
        "if(y!==null){sessionStorage.removeItem(k);addEventListener(\"load\",function(){scrollTo(0,+y)});}",
        "var s=new EventSource(\"/__annals/events?since="
    ),
    concat!(
        "\");s.onmessage=function(e){if(e.data===\"reload\")",
        "{sessionStorage.setItem(k,String(scrollY));location.reload();}};})();</script>"
    ),
];

/// What is served at one moment: never changed, only replaced.
pub(super) struct Snapshot {
    pub files: Arc<Site>,
    /// The last rebuild's problems, as text, while it failed.
    pub problems: Option<String>,
    /// Changes with every rebuild, and between runs of the server.
    pub stamp: u64,
}

/// True for requests of pages rather than of assets or data files.
fn wants_html(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let last = path.rsplit('/').next().unwrap_or("");
    last.is_empty() || last.ends_with(".html") || !last.contains('.')
}

/// The page shown while the site does not build: its problems, escaped,
/// with the reload script, so the next good save brings the site back.
fn problems_page(text: &str, status: u16, stamp: u64) -> Response {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>The site does not build</title><style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}\
pre{{background:#f6f3ee;color:#1d1f23;padding:1rem;overflow-x:auto;border-left:4px solid #b3261e;white-space:pre-wrap}}</style></head>\
<body><main><h1>The site does not build</h1><p>Annals found these problems. Fix them and save: this page follows.</p><pre>{escaped}</pre></main>{}{stamp}{}</body></html>\n",
        RELOAD_SCRIPT[0], RELOAD_SCRIPT[1]
    );
    reply(
        status,
        Body::from(html.into_bytes()),
        "text/html; charset=utf-8",
    )
    .with_header("Cache-Control", "no-store")
}

/// The response for a request URL, served from `site`; with `live`, HTML
/// pages get the reload script. While the site does not build, its
/// problems stand in for its pages: with status 500 for a page of the
/// last good build, 404 for a page it did not have (a path that cannot be
/// in the site is refused with 400 all the same).
pub(super) fn respond(site: &Snapshot, url: &str, live: bool) -> Response {
    let files = &site.files;
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(key) = decode_path(path) else {
        return text(400, "bad request path");
    };
    let key = if key.is_empty() {
        "index.html".to_string()
    } else if path.ends_with('/') {
        format!("{key}/index.html")
    } else {
        key
    };
    let (status, key) = match files.has(&key) {
        true => (200, key.as_str()),
        false if files.has(&format!("{key}/index.html")) => {
            // From the decoded path: `//host/x` must not become a link
            // to another host.
            let location = format!("/{}/", encode_path(&key));
            return text(301, "moved").with_header("Location", &location);
        }
        false => (404, "404.html"),
    };
    if let Some(problems) = &site.problems {
        match status {
            404 if wants_html(path) => return problems_page(problems, 404, site.stamp),
            200 if content_type(key).starts_with("text/html") => {
                return problems_page(problems, 500, site.stamp);
            }
            _ => {}
        }
    }
    let bytes = match files.get(key) {
        Some(Ok(bytes)) => bytes,
        Some(Err(problems)) => return problems_page(&problems, 500, site.stamp),
        None => return text(404, "not found"),
    };
    let kind = content_type(key);
    let html = kind.starts_with("text/html");
    let body = match live {
        true if html => inject(&bytes, site.stamp),
        _ => Body {
            parts: vec![(Arc::clone(&bytes), 0..bytes.len())],
        },
    };
    let response = reply(status, body, kind);
    if html {
        response.with_header("Cache-Control", "no-store")
    } else {
        response
    }
}

/// The page with the reload script before `</body>` (or at the end).
fn inject(page: &Arc<Vec<u8>>, stamp: u64) -> Body {
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    let script = format!("{}{stamp}{}", RELOAD_SCRIPT[0], RELOAD_SCRIPT[1]).into_bytes();
    let script_len = script.len();
    Body {
        parts: vec![
            (Arc::clone(page), 0..at),
            (Arc::new(script), 0..script_len),
            (Arc::clone(page), at..page.len()),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &Body) -> String {
        let mut out = Vec::new();
        for (bytes, range) in &body.parts {
            out.extend_from_slice(&bytes[range.clone()]);
        }
        assert_eq!(out.len(), body.len());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let page = Arc::new(b"<html><body><p>x</p></BODY></html>".to_vec());
        let text = read(&inject(&page, 7));
        assert!(text.starts_with("<html><body><p>x</p><script>"), "{text}");
        assert!(text.ends_with("</script></BODY></html>"), "{text}");
        assert!(text.contains("/__annals/events?since=7\""), "{text}");
    }

    #[test]
    fn pages_are_told_from_assets() {
        assert!(wants_html("/"));
        assert!(wants_html("/events/x/"));
        assert!(wants_html("/events/x?y=1"));
        assert!(wants_html("/404.html"));
        assert!(!wants_html("/assets/annals.css"));
        assert!(!wants_html("/atom.xml"));
    }

    #[test]
    fn serves_pages_folders_redirects_and_404s_from_memory() {
        let files: super::super::Files = [
            ("index.html", "<body>home</body>"),
            ("events/a b/index.html", "<body>a</body>"),
            ("404.html", "<body>missing</body>"),
            ("assets/x.css", "p{}"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), Arc::new(v.as_bytes().to_vec())))
        .collect();
        let mut site = Snapshot {
            files: Arc::new(Site::from_files(files)),
            problems: None,
            stamp: 3,
        };
        let get = |site: &Snapshot, url: &str| {
            let r = respond(site, url, false);
            (r.status, read(&r.body))
        };
        assert_eq!(get(&site, "/"), (200, "<body>home</body>".into()));
        assert_eq!(get(&site, "/events/a%20b/"), (200, "<body>a</body>".into()));
        assert_eq!(get(&site, "/events/a%20b/?x=1").0, 200);
        assert_eq!(get(&site, "/assets/x.css"), (200, "p{}".into()));
        assert_eq!(get(&site, "/nope"), (404, "<body>missing</body>".into()));
        assert_eq!(get(&site, "/assets"), (404, "<body>missing</body>".into()));
        assert_eq!(get(&site, "/../x").0, 400);
        let moved = respond(&site, "//events/a%20b", false);
        assert_eq!(moved.status, 301);
        assert!(
            moved
                .headers
                .contains(&("Location", "/events/a%20b/".to_string())),
            "{:?}",
            moved.headers
        );
        let live = read(&respond(&site, "/", true).body);
        assert!(live.contains("since=3"), "{live}");
        assert!(!read(&respond(&site, "/assets/x.css", true).body).contains("script"));

        site.problems = Some("a.md:2:8: <bad>".into());
        let (status, page) = get(&site, "/events/a%20b/");
        assert_eq!(status, 500);
        assert!(page.contains("a.md:2:8: &lt;bad&gt;"), "{page}");
        let (status, page) = get(&site, "/events/new/");
        assert_eq!(status, 404, "a page the last good build did not have");
        assert!(page.contains("The site does not build"), "{page}");
        assert_eq!(get(&site, "/assets/x.css"), (200, "p{}".into()));
        assert_eq!(get(&site, "/x.css"), (404, "<body>missing</body>".into()));
        assert_eq!(get(&site, "/%2e%2e/etc/passwd").0, 400);
    }
}
