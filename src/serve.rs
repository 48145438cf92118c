//! `annals serve`: builds the site into a temporary folder and serves it
//! over HTTP, as a static host would: pretty URLs resolve to their
//! `index.html`, folders without a trailing slash redirect to it, unknown
//! paths get `404.html`. Only files inside the build folder can be served.
//!
//! For live preview, served HTML pages get a small script (never written to
//! the build) that listens on `/__annals/events` (server-sent events) and
//! reloads the page, keeping its scroll position, when the site is rebuilt.
//! While the last rebuild failed, every page is the list of its problems.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// The path browsers listen on for reloads.
pub const EVENTS_PATH: &str = "/__annals/events";

/// The script added to served pages for live reload.
const RELOAD_SCRIPT: &str = concat!(
    "<script>(function(){var k=\"annals-scroll:\"+location.pathname,y=sessionStorage.getItem(k);",
    "if(y!==null){sessionStorage.removeItem(k);addEventListener(\"load\",function(){scrollTo(0,+y)});}",
    "var s=new EventSource(\"/__annals/events\");s.onmessage=function(e){if(e.data===\"reload\")",
    "{sessionStorage.setItem(k,String(scrollY));location.reload();}};})();</script>"
);

/// A running server.
pub struct Server {
    http: Arc<tiny_http::Server>,
    root: PathBuf,
    /// The address actually bound (the port may differ from the one asked
    /// for if that one was taken).
    pub address: std::net::SocketAddr,
    live: Arc<Live>,
}

/// What live preview shares between the rebuild loop and the workers.
#[derive(Default)]
struct Live {
    /// Whether served pages get the reload script.
    enabled: bool,
    /// The last rebuild's problems, as text, while it failed.
    problems: RwLock<Option<String>>,
    /// One sender per open page listening for reloads.
    listeners: Mutex<Vec<Sender<()>>>,
}

/// Lets the rebuild loop tell the server what happened.
#[derive(Clone)]
pub struct Control {
    live: Arc<Live>,
}

impl Control {
    /// The site was rebuilt (`None`) or failed to (`Some(problems)`): show
    /// that, and reload every open page.
    pub fn rebuilt(&self, problems: Option<String>) {
        *self
            .live
            .problems
            .write()
            .unwrap_or_else(|e| e.into_inner()) = problems;
        let mut listeners = self
            .live
            .listeners
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        listeners.retain(|tx| tx.send(()).is_ok());
    }
}

impl Server {
    /// Binds `bind:port`, or the next free port of the ten after it.
    pub fn bind(root: &Path, bind: &str, port: u16) -> io::Result<Server> {
        let mut last = None;
        for p in port..=port.saturating_add(10) {
            match tiny_http::Server::http((bind, p)) {
                Ok(http) => {
                    let address = http
                        .server_addr()
                        .to_ip()
                        .ok_or_else(|| io::Error::other("not an IP address"))?;
                    return Ok(Server {
                        http: Arc::new(http),
                        root: root.to_path_buf(),
                        address,
                        live: Arc::new(Live::default()),
                    });
                }
                Err(e) => last = Some(e),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AddrInUse,
            format!(
                "cannot listen on {bind} ports {port}-{}: {}",
                port.saturating_add(10),
                last.map_or_else(String::new, |e| e.to_string())
            ),
        ))
    }

    /// Turns live preview on: pages get the reload script. Returns what
    /// the rebuild loop uses to report rebuilds.
    pub fn live_reload(&mut self) -> Control {
        Arc::get_mut(&mut self.live)
            .expect("before the server runs")
            .enabled = true;
        Control {
            live: Arc::clone(&self.live),
        }
    }

    /// Answers requests on `workers` threads until the process ends. A page
    /// listening for reloads gets a thread of its own.
    pub fn run(self, workers: usize) {
        let threads: Vec<_> = (0..workers.max(1))
            .map(|_| {
                let http = Arc::clone(&self.http);
                let root = self.root.clone();
                let live = Arc::clone(&self.live);
                std::thread::spawn(move || {
                    for request in http.incoming_requests() {
                        if live.enabled && request.url() == EVENTS_PATH {
                            let (tx, rx) = channel();
                            live.listeners
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .push(tx);
                            std::thread::spawn(move || stream_events(request, rx));
                            continue;
                        }
                        let problems = live
                            .problems
                            .read()
                            .unwrap_or_else(|e| e.into_inner())
                            .clone();
                        let response = match problems {
                            Some(text) if wants_html(request.url()) => problems_page(&text),
                            _ => respond(&root, request.url(), live.enabled),
                        };
                        let _ = request.respond(response);
                    }
                })
            })
            .collect();
        for t in threads {
            let _ = t.join();
        }
    }
}

/// True for requests of pages rather than of assets or data files.
fn wants_html(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let last = path.rsplit('/').next().unwrap_or("");
    last.is_empty() || last.ends_with(".html") || !last.contains('.')
}

/// The page shown while the site does not build: its problems, escaped,
/// with the reload script, so the next good save brings the site back.
fn problems_page(text: &str) -> Response {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>The site does not build</title><style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}\
pre{{background:#f6f3ee;color:#1d1f23;padding:1rem;overflow-x:auto;border-left:4px solid #b3261e;white-space:pre-wrap}}</style></head>\
<body><main><h1>The site does not build</h1><p>Annals found these problems. Fix them and save: this page follows.</p><pre>{escaped}</pre></main>{RELOAD_SCRIPT}</body></html>\n"
    );
    tiny_http::Response::from_data(html.into_bytes())
        .with_status_code(500)
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

/// Answers a page listening for reloads: a server-sent events stream that
/// says `reload` on each rebuild, with a comment now and then so that it
/// stays open. Written straight to the socket and flushed at each event
/// (a response body would be buffered); it ends when the page goes away.
fn stream_events(request: tiny_http::Request, rx: Receiver<()>) {
    let mut socket = request.into_writer();
    let mut send = |text: &[u8]| socket.write_all(text).and_then(|()| socket.flush());
    let head = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n: connected\n\n";
    if send(head).is_err() {
        return;
    }
    loop {
        let message: &[u8] = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(()) => b"data: reload\n\n",
            Err(RecvTimeoutError::Timeout) => b": still here\n\n",
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if send(message).is_err() {
            return;
        }
    }
}

type Response = tiny_http::Response<io::Cursor<Vec<u8>>>;

/// The response for a request path, served from `root`; with `live`,
/// HTML pages get the reload script.
pub fn respond(root: &Path, url: &str, live: bool) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some(rel) = decode_path(path) else {
        return text(400, "bad request path");
    };
    let mut file = root.join(&rel);
    if file.is_dir() {
        if !path.ends_with('/') {
            let location = format!("{path}/");
            return text(301, "moved").with_header(header("Location", &location));
        }
        file.push("index.html");
    }
    let html = |mut bytes: Vec<u8>| {
        if live {
            inject(&mut bytes);
        }
        bytes
    };
    match std::fs::read(&file) {
        Ok(bytes) if content_type(&file).starts_with("text/html") => {
            tiny_http::Response::from_data(html(bytes))
                .with_header(header("Content-Type", content_type(&file)))
                .with_header(header("Cache-Control", "no-store"))
        }
        Ok(bytes) => tiny_http::Response::from_data(bytes)
            .with_header(header("Content-Type", content_type(&file))),
        Err(_) => {
            let body =
                std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
            tiny_http::Response::from_data(html(body))
                .with_status_code(404)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
        }
    }
}

/// Puts the reload script before `</body>` (or at the end).
fn inject(page: &mut Vec<u8>) {
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    page.splice(at..at, RELOAD_SCRIPT.bytes());
}

/// Percent-decodes a URL path into a relative path with only normal
/// components; `None` for `..`, NUL, backslashes and invalid UTF-8.
pub fn decode_path(path: &str) -> Option<PathBuf> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let mut rel = PathBuf::new();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        let mut comps = Path::new(part).components();
        match (comps.next(), comps.next()) {
            (Some(Component::Normal(c)), None) => rel.push(c),
            _ => return None,
        }
    }
    Some(rel)
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and ASCII values")
}

fn text(status: u16, body: &str) -> Response {
    tiny_http::Response::from_data(body.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// The media type for a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let mut page = b"<html><body><p>x</p></BODY></html>".to_vec();
        inject(&mut page);
        let text = String::from_utf8(page).unwrap();
        assert!(text.starts_with("<html><body><p>x</p><script>"), "{text}");
        assert!(text.ends_with("</script></BODY></html>"), "{text}");
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
    fn decodes_only_paths_inside_the_root() {
        assert_eq!(
            decode_path("/events/riyadh/"),
            Some(PathBuf::from("events/riyadh"))
        );
        assert_eq!(decode_path("/a%20b"), Some(PathBuf::from("a b")));
        assert_eq!(decode_path("/"), Some(PathBuf::new()));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a/%2E%2E/%2e%2e/b",
            "/a%00",
            "/a%5c..%5cb",
            "/%ff",
            "/%2",
            "/./a",
        ] {
            assert_eq!(decode_path(bad), None, "{bad}");
        }
        // An encoded slash stays inside the root: it only joins segments.
        assert_eq!(
            decode_path("/%2fetc%2fpasswd"),
            Some(PathBuf::from("etc/passwd"))
        );
    }
}
