//! `annals serve`: renders the site into memory and serves it over HTTP,
//! as a static host would serve its build: pretty URLs resolve to their
//! `index.html`, folders without a trailing slash redirect to it, unknown
//! paths get `404.html`. Only the rendered pages and the files of the
//! site's `static/` folder can be served; nothing is written to disk.
//!
//! Each (re)build makes a new immutable [`Files`] map, which replaces the
//! old one in a single pointer swap: a request answers from the snapshot
//! it started with, and a rebuild never holds up requests.
//!
//! For live preview, served HTML pages get a small script (never part of
//! the site) that listens on `/__annals/events` (server-sent events) and
//! reloads the page, keeping its scroll position, when the site is rebuilt.
//! While the last rebuild failed, pages are the list of its problems
//! (assets are still served from the last good build).
//!
//! HTTP/1.1 (GET and HEAD, keep-alive, every body with its Content-Length)
//! is read and written by [`crate::http`]. Threads: one accepts,
//! one per open connection answers it (at most [`MAX_CONNECTIONS`]; a
//! connection idle for [`IDLE`] is closed), and one broadcaster writes to
//! every page listening for reloads, so an open page costs no thread and
//! a closed one is let go at the next rebuild or heartbeat.
//! (tiny_http, used before, could leave a new connection waiting until
//! another one closed: its pool queued connections for threads it counted
//! as idle but had already woken, and each connection keeps its thread.)

use crate::diagnostics::Diagnostic;
use crate::http::{
    Body, Response, content_type, decode_path, encode_path, read_request, reason, refuse, reply,
    text, write_response,
};
use crate::{BuildOptions, BuildReport};
use std::collections::{HashMap, HashSet};
use std::io::{self, BufReader, BufWriter, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The path browsers listen on for reloads.
pub const EVENTS_PATH: &str = "/__annals/events";

/// How often an open reload stream gets a comment, so that it stays open
/// and a page that went away is noticed.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// Connections answered at once, each on a thread of its own; more are
/// refused with 503 until some close.
pub const MAX_CONNECTIONS: usize = 256;

/// Pages listening for reloads at once; more are refused with 503.
pub const MAX_LISTENERS: usize = 256;

/// How long a connection may stay silent, waiting for its next request or
/// within one, before it is closed; browsers open a new one when they need
/// it.
pub const IDLE: Duration = Duration::from_secs(15);

/// How long writing a response may stall before the connection is closed.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// The script added to served pages for live reload, around the stamp of
/// the build the page comes from: a page served just before a rebuild that
/// connects just after it is told to reload at once.
const RELOAD_SCRIPT: [&str; 2] = [
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

/// A built site: file paths relative to its root, `/`-separated
/// (`events/a/index.html`), and their bytes.
pub type Files = HashMap<String, Arc<Vec<u8>>>;

/// Renders the site into memory together with the files of its `static/`
/// folder: the files `annals build` would write. The report's `output` is
/// empty, as nothing is written.
/// `cache` keeps what the next rebuild can reuse.
pub fn render(
    options: &BuildOptions,
    cache: &crate::Cache,
) -> Result<(Files, BuildReport), Vec<Diagnostic>> {
    let start = Instant::now();
    let rendered = crate::render_site_cached(options, Some(cache))?;
    let (events, pages) = (rendered.events, rendered.html_pages().count());
    let files = with_static(rendered.pages, &options.site_dir.join("static"))?;
    Ok((
        files,
        BuildReport {
            events,
            pages,
            output: PathBuf::new(),
            elapsed: start.elapsed(),
            notes: rendered.notes,
        },
    ))
}

/// The pages and the regular files under `static_dir`, which replace pages
/// of the same path, as they do in a build. Symlinks are not followed, so
/// nothing outside the site is served.
fn with_static(
    pages: Vec<crate::render::Page>,
    static_dir: &Path,
) -> Result<Files, Vec<Diagnostic>> {
    let mut files: Files = pages
        .into_iter()
        .map(|mut p| {
            // Pages are rendered into roomy buffers; served for long, they
            // keep only their bytes.
            p.bytes.shrink_to_fit();
            (p.path, Arc::new(p.bytes))
        })
        .collect();
    if !static_dir.is_dir() {
        return Ok(files);
    }
    // Folders that pages go into: a static file cannot take their name.
    let folders: HashSet<String> = files
        .keys()
        .flat_map(|path| path.match_indices('/').map(|(i, _)| path[..i].to_string()))
        .collect();
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(static_dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) if entry.file_type().is_file() => entry,
            Ok(_) => continue,
            Err(e) => {
                let path = e.path().unwrap_or(static_dir).to_path_buf();
                problems.push(Diagnostic::new(Some(&path), format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        let Some(key) = path
            .strip_prefix(static_dir)
            .ok()
            .and_then(|rel| rel.to_str())
            .map(|rel| rel.replace(std::path::MAIN_SEPARATOR, "/"))
        else {
            problems.push(Diagnostic::new(Some(path), "the file name is not UTF-8"));
            continue;
        };
        if folders.contains(&key) {
            problems.push(
                Diagnostic::new(Some(path), "Annals generates a folder of that name")
                    .help("rename the static file"),
            );
            continue;
        }
        match std::fs::read(path) {
            Ok(bytes) => {
                files.insert(key, Arc::new(bytes));
            }
            Err(e) => problems.push(Diagnostic::new(Some(path), format!("cannot read: {e}"))),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// What is served at one moment: never changed, only replaced.
struct Snapshot {
    files: Arc<Files>,
    /// The last rebuild's problems, as text, while it failed.
    problems: Option<String>,
    /// Changes with every rebuild, and between runs of the server.
    stamp: u64,
}

type Current = Arc<RwLock<Arc<Snapshot>>>;

fn snapshot(current: &Current) -> Arc<Snapshot> {
    Arc::clone(&current.read().unwrap_or_else(|e| e.into_inner()))
}

/// What the broadcaster is asked to do.
enum Signal {
    /// A page listens for reloads; `since` is the stamp of its build.
    Join(TcpStream, Option<u64>),
    /// The site was rebuilt, or failed to be.
    Reload,
}

/// A running server.
pub struct Server {
    listener: TcpListener,
    /// The address actually bound (the port may differ from the one asked
    /// for if that one was taken).
    pub address: std::net::SocketAddr,
    current: Current,
    /// With live reload: where to send reload streams and rebuilds.
    hub: Option<Sender<Signal>>,
}

/// Lets the rebuild loop replace what the server serves.
#[derive(Clone)]
pub struct Control {
    current: Current,
    hub: Option<Sender<Signal>>,
}

impl Control {
    /// Serves `files` from now on, and reloads every open page.
    pub fn publish(&self, files: Files) {
        self.replace(|_| (Arc::new(files), None));
    }

    /// Shows `problems` instead of pages (assets are still served from
    /// the last good build), and reloads every open page.
    pub fn fail(&self, problems: String) {
        self.replace(|old| (Arc::clone(&old.files), Some(problems)));
    }

    fn replace(&self, next: impl FnOnce(&Snapshot) -> (Arc<Files>, Option<String>)) {
        let old = {
            let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
            let (files, problems) = next(&current);
            let snapshot = Snapshot {
                files,
                problems,
                stamp: current.stamp.wrapping_add(1),
            };
            std::mem::replace(&mut *current, Arc::new(snapshot))
        };
        // The old files are freed here, not under the lock (unless a
        // request still holds them).
        drop(old);
        if let Some(hub) = &self.hub {
            let _ = hub.send(Signal::Reload);
        }
    }
}

impl Server {
    /// Binds `bind:port`, or the next free port of the ten after it. With
    /// `live`, served pages get the reload script. It serves nothing until
    /// [`Control::publish`].
    pub fn bind(bind: &str, port: u16, live: bool) -> io::Result<Server> {
        let mut last = None;
        for p in port..=port.saturating_add(10) {
            match TcpListener::bind((bind, p)) {
                Ok(listener) => {
                    let address = listener.local_addr()?;
                    // Unlike any stamp of an earlier run, so its open pages
                    // reload when they reconnect.
                    let stamp = SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .map_or(0, |d| d.as_millis() as u64);
                    let current = Arc::new(RwLock::new(Arc::new(Snapshot {
                        files: Arc::default(),
                        problems: None,
                        stamp,
                    })));
                    let hub = if live {
                        let (tx, rx) = channel();
                        let current = Arc::clone(&current);
                        std::thread::Builder::new()
                            .name("serve-reload".into())
                            .spawn(move || broadcast(&rx, &current))?;
                        Some(tx)
                    } else {
                        None
                    };
                    return Ok(Server {
                        listener,
                        address,
                        current,
                        hub,
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

    /// What the rebuild loop uses to replace the site served.
    pub fn control(&self) -> Control {
        Control {
            current: Arc::clone(&self.current),
            hub: self.hub.clone(),
        }
    }

    /// Accepts connections and answers each on a thread of its own, until
    /// the process ends.
    pub fn run(self) {
        let open = Arc::new(AtomicUsize::new(0));
        for stream in self.listener.incoming() {
            let stream = match stream {
                Ok(stream) => stream,
                // Out of file descriptors, most likely: let some close.
                Err(_) => {
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
            };
            if open.load(Ordering::Acquire) >= MAX_CONNECTIONS {
                refuse(&stream);
                continue;
            }
            let counted = Counted::new(&open);
            let current = Arc::clone(&self.current);
            let hub = self.hub.clone();
            // If the thread cannot start, the closure and the count go.
            let _ = std::thread::Builder::new()
                .name("serve-conn".into())
                .spawn(move || {
                    let _counted = counted;
                    connection(stream, &current, hub.as_ref());
                });
        }
    }
}

/// One open connection, counted while it lives.
struct Counted(Arc<AtomicUsize>);

impl Counted {
    fn new(open: &Arc<AtomicUsize>) -> Counted {
        open.fetch_add(1, Ordering::AcqRel);
        Counted(Arc::clone(open))
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Answers the requests of one connection, in order, until the client
/// closes it, asks to, stays idle for [`IDLE`], or sends something that is
/// not a GET or HEAD request without a body. A request for the reload
/// stream hands the connection to the broadcaster.
fn connection(stream: TcpStream, current: &Current, hub: Option<&Sender<Signal>>) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let since = {
        let mut reader = BufReader::new(&stream);
        let mut writer = BufWriter::with_capacity(64 * 1024, &stream);
        loop {
            let request = match read_request(&mut reader) {
                Ok(Some(request)) => request,
                Ok(None) => return,
                Err(status) => {
                    let _ =
                        write_response(&mut writer, &text(status, reason(status)), false, false);
                    return;
                }
            };
            let (path, query) = request
                .target
                .split_once('?')
                .unwrap_or((&request.target, ""));
            if hub.is_some() && path == EVENTS_PATH && request.method == "GET" {
                break query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("since="))
                    .and_then(|s| s.parse().ok());
            }
            let response = match request.method.as_str() {
                "GET" | "HEAD" => respond(&snapshot(current), &request.target, hub.is_some()),
                _ => text(405, "only GET and HEAD").with_header("Allow", "GET, HEAD"),
            };
            let head_only = request.method == "HEAD";
            if write_response(&mut writer, &response, head_only, request.keep_alive).is_err()
                || !request.keep_alive
            {
                return;
            }
        }
    };
    if let Some(hub) = hub {
        let _ = hub.send(Signal::Join(stream, since));
    }
}

/// The broadcaster: answers pages that listen for reloads with a stream
/// of server-sent events. It says `reload` on each rebuild and a comment
/// now and then. Its sockets do not block: a page that went away (its end
/// closed) or does not read its events (a full socket) is dropped, and its
/// browser reconnects if it is still there.
fn broadcast(signals: &Receiver<Signal>, current: &Current) {
    const HEAD: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n: connected\n\n";
    const RELOAD: &[u8] = b"data: reload\n\n";
    fn send(mut page: &TcpStream, text: &[u8]) -> bool {
        page.write_all(text).is_ok()
    }
    fn open(page: &TcpStream) -> bool {
        match page.peek(&mut [0]) {
            Ok(n) => n > 0,
            Err(e) => e.kind() == io::ErrorKind::WouldBlock,
        }
    }
    let mut pages: Vec<TcpStream> = Vec::new();
    let mut beat = Instant::now() + HEARTBEAT;
    loop {
        let message: &[u8] =
            match signals.recv_timeout(beat.saturating_duration_since(Instant::now())) {
                Ok(Signal::Join(page, since)) => {
                    pages.retain(open);
                    if pages.len() >= MAX_LISTENERS {
                        refuse(&page);
                        continue;
                    }
                    // Compared here, in the order of rebuilds: a rebuild
                    // published after this either sent its reload already
                    // (the stamp differs) or will send it to this page.
                    let stale = since.is_some_and(|s| s != snapshot(current).stamp);
                    if page.set_nonblocking(true).is_ok()
                        && send(&page, HEAD)
                        && (!stale || send(&page, RELOAD))
                    {
                        pages.push(page);
                    }
                    continue;
                }
                Ok(Signal::Reload) => RELOAD,
                Err(RecvTimeoutError::Timeout) => {
                    beat = Instant::now() + HEARTBEAT;
                    b": still here\n\n"
                }
                Err(RecvTimeoutError::Disconnected) => return,
            };
        pages.retain(|page| open(page) && send(page, message));
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
fn respond(site: &Snapshot, url: &str, live: bool) -> Response {
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
    let (status, key) = match files.get_key_value(&key) {
        Some((key, _)) => (200, key.as_str()),
        None if files.contains_key(&format!("{key}/index.html")) => {
            // From the decoded path: `//host/x` must not become a link
            // to another host.
            let location = format!("/{}/", encode_path(&key));
            return text(301, "moved").with_header("Location", &location);
        }
        None => (404, "404.html"),
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
    let Some(bytes) = files.get(key) else {
        return text(404, "not found");
    };
    let kind = content_type(key);
    let html = kind.starts_with("text/html");
    let body = match live {
        true if html => inject(bytes, site.stamp),
        _ => Body {
            parts: vec![(Arc::clone(bytes), 0..bytes.len())],
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
        let files: Files = [
            ("index.html", "<body>home</body>"),
            ("events/a b/index.html", "<body>a</body>"),
            ("404.html", "<body>missing</body>"),
            ("assets/x.css", "p{}"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), Arc::new(v.as_bytes().to_vec())))
        .collect();
        let mut site = Snapshot {
            files: Arc::new(files),
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
