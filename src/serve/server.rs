//! The HTTP server: one thread accepts, one per open connection answers
//! it, and one broadcaster tells open pages to reload.

use super::Site;
use super::http::{read_request, reason, refuse, text, write_response};
use super::respond::{Snapshot, respond};
use std::io::{self, BufReader, BufWriter, Write};
use std::net::{TcpListener, TcpStream};
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
    /// Serves `site` from now on, and reloads every open page.
    pub fn publish(&self, site: Site) {
        self.replace(|_| (Arc::new(site), None));
    }

    /// Shows `problems` instead of pages (assets are still served from
    /// the last good build), and reloads every open page.
    pub fn fail(&self, problems: String) {
        self.replace(|old| (Arc::clone(&old.files), Some(problems)));
    }

    fn replace(&self, next: impl FnOnce(&Snapshot) -> (Arc<Site>, Option<String>)) {
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
        if let Some(hub) = &self.hub {
            let _ = hub.send(Signal::Reload);
        }
        // The old site is freed here, not under the lock (unless a request
        // still holds it), and after open pages are told to reload: freeing
        // a large site's many small allocations takes a while.
        drop(old);
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
                        files: Arc::new(Site::from_files(Default::default())),
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
                // Another port helps only when this one is taken.
                Err(e) if e.kind() == io::ErrorKind::AddrInUse => last = Some(e),
                Err(e) => return Err(e),
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
