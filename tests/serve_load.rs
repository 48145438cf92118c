//! `annals serve` under load: 200 concurrent connections fetching pages
//! while the site is edited and rebuilt, requests for files outside the
//! site among them; then reload streams opened and dropped. Every answer
//! is complete, and the server ends with no more threads and open files
//! than it started with.
//!
//! Threads, as the server makes them: one per open connection (so the
//! count climbs by one per connection, never per request, and falls back
//! as soon as they close), none for a page listening for reloads (one
//! broadcaster writes to all of them, and lets a closed one go at the
//! next rebuild).
//!
//! Only loopback traffic; every loop is bounded in count and time, and
//! waits on the server's own signals (its reload events) or polls with a
//! deadline.
#![cfg(target_os = "linux")]

mod serve_support;

use serve_support::{Served, TIMEOUT, wait_for};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const CLIENTS: usize = 200;
/// Rounds of pages each client fetches at least, and at most.
const ROUNDS: (usize, usize) = (3, 200);
/// How long the server has to fall back to its threads and files.
const SETTLE: Duration = Duration::from_secs(30);
const LOAD_DEADLINE: Duration = Duration::from_secs(120);

/// Pages that exist whatever the editor does (it never touches e02–e29).
const PAGES: &[&str] = &[
    "/",
    "/events/e05/",
    "/events/e17/index.html",
    "/assets/annals.css",
    "/notes.txt",
    "/tags/t3/",
];

/// Requests for files outside the site: never answered with one.
const OUTSIDE: &[&str] = &[
    "/../Cargo.toml",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/a%2f..%2f..%2fetc/passwd",
    "//etc/passwd",
    "http://127.0.0.1/../../etc/passwd",
    "http://localhost/%2e%2e/Cargo.toml",
    "file:///etc/passwd",
    "/%00",
    "/index.html%00.png",
];

fn event(title: &str, day: usize) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: 2024-03-{:02}\ntags: [\"t{}\"]\n---\n{title}: a body of some length. {}\n",
        day % 28 + 1,
        day % 5,
        "Words and more words. ".repeat(40)
    )
}

impl Served {
    fn threads(&self) -> usize {
        count(self.child.id(), "task")
    }

    fn files(&self) -> usize {
        count(self.child.id(), "fd")
    }

    /// Polls until the server has no more threads and open files than
    /// `baseline`; panics with what it has after `SETTLE`.
    fn settles_to(&self, baseline: (usize, usize), after: &str) -> (usize, usize) {
        let start = Instant::now();
        loop {
            let now = (self.threads(), self.files());
            if now.0 <= baseline.0 && now.1 <= baseline.1 {
                eprintln!(
                    "after {after}: {} threads, {} open files (at most {baseline:?}) in {:.1?}",
                    now.0,
                    now.1,
                    start.elapsed()
                );
                return now;
            }
            assert!(
                start.elapsed() < SETTLE,
                "after {after}, the server still has {} threads and {} open files, \
                 against {} and {} before",
                now.0,
                now.1,
                baseline.0,
                baseline.1
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// How many threads (`task`) or open files (`fd`) process `pid` has.
fn count(pid: u32, what: &str) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/{what}"))
        .expect("the server runs")
        .count()
}

/// A complete HTTP/1.1 response.
struct Reply {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

/// One keep-alive connection, spoken to by hand.
struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Conn {
    fn open(address: SocketAddr) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(address)?;
        stream.set_read_timeout(Some(TIMEOUT))?;
        stream.set_write_timeout(Some(TIMEOUT))?;
        Ok(Conn {
            writer: stream.try_clone()?,
            reader: BufReader::new(stream),
        })
    }

    /// Sends a GET and reads the whole answer: a status line, headers,
    /// and a body of its Content-Length (or complete chunks).
    fn get(&mut self, path: &str, close: bool) -> Result<Reply, String> {
        let connection = if close { "close" } else { "keep-alive" };
        write!(
            self.writer,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: {connection}\r\n\r\n"
        )
        .map_err(|e| format!("cannot send: {e}"))?;
        let line = self.line()?;
        let status = line
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| format!("no status line: {line:?}"))?;
        let (mut length, mut chunked, mut content_type) = (None, false, String::new());
        loop {
            let line = self.line()?;
            if line.is_empty() {
                break;
            }
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| format!("a broken header: {line:?}"))?;
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => {
                    length = Some(value.parse::<usize>().map_err(|e| e.to_string())?)
                }
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "content-type" => content_type = value.to_string(),
                _ => {}
            }
        }
        let body = match (length, chunked) {
            (_, true) => self.chunks()?,
            (Some(n), false) => {
                let mut body = vec![0; n];
                self.reader
                    .read_exact(&mut body)
                    .map_err(|e| format!("a body shorter than its {n} bytes: {e}"))?;
                body
            }
            (None, false) => return Err("no Content-Length and not chunked".into()),
        };
        Ok(Reply {
            status,
            content_type,
            body,
        })
    }

    /// One header line, without its CRLF; an error at the end of the stream.
    fn line(&mut self) -> Result<String, String> {
        let mut line = String::new();
        match self.reader.read_line(&mut line) {
            Ok(0) => Err("the connection closed mid-response".into()),
            Ok(_) if line.ends_with("\r\n") => Ok(line.trim_end_matches("\r\n").to_string()),
            Ok(_) => Err(format!("a line without CRLF: {line:?}")),
            Err(e) => Err(format!("cannot read: {e}")),
        }
    }

    fn chunks(&mut self) -> Result<Vec<u8>, String> {
        let mut body = Vec::new();
        loop {
            let size = self.line()?;
            let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16)
                .map_err(|e| format!("a bad chunk size {size:?}: {e}"))?;
            let mut chunk = vec![0; size + 2];
            self.reader
                .read_exact(&mut chunk)
                .map_err(|e| format!("a short chunk: {e}"))?;
            if size == 0 {
                return Ok(body);
            }
            body.extend_from_slice(&chunk[..size]);
        }
    }
}

/// Whether a reply to one of `PAGES` is right: complete (checked while
/// reading it) and 200, or the problems page while the site is broken.
fn check_page(path: &str, reply: &Reply) -> Result<(), String> {
    let text = String::from_utf8_lossy(&reply.body);
    let html = reply.content_type.starts_with("text/html");
    match reply.status {
        200 if !html || text.trim_end().ends_with("</html>") => Ok(()),
        500 if html && text.contains("The site does not build") => Ok(()),
        status => Err(format!(
            "{path}: {status} {} ({} bytes)",
            reply.content_type,
            reply.body.len()
        )),
    }
}

/// Whether a reply to one of `OUTSIDE` refuses it.
fn check_outside(path: &str, reply: &Reply) -> Result<(), String> {
    let text = String::from_utf8_lossy(&reply.body);
    if !matches!(reply.status, 400 | 404) {
        return Err(format!("{path}: {}", reply.status));
    }
    if text.contains("root:x:0:0") || text.contains("[package]") {
        return Err(format!("{path} leaked a file"));
    }
    Ok(())
}

/// What the clients share.
struct Load {
    address: SocketAddr,
    pid: u32,
    /// Every client connects, then waits for the others.
    start: Barrier,
    editing: AtomicBool,
    requests: AtomicUsize,
    /// Pages answered with the problems page (while e01 is broken).
    problems: AtomicUsize,
    /// The longest wait for one answer, in microseconds.
    slowest: AtomicU64,
    /// The most threads the server was seen with.
    peak: AtomicUsize,
}

/// One client: a connection, then rounds of every page and one path from
/// outside, until the editor is done (at least `ROUNDS.0` rounds).
fn client(id: usize, load: &Load) -> Result<(), String> {
    let (address, editing, requests) = (load.address, &load.editing, &load.requests);
    let conn = Conn::open(address);
    load.start.wait();
    let mut conn = conn.map_err(|e| format!("client {id} cannot connect: {e}"))?;
    let deadline = Instant::now() + LOAD_DEADLINE;
    for round in 0..ROUNDS.1 {
        if round >= ROUNDS.0 && (!editing.load(Ordering::Acquire) || Instant::now() > deadline) {
            break;
        }
        for (i, path) in PAGES.iter().enumerate() {
            let asked = Instant::now();
            let reply = conn.get(path, false).map_err(|e| format!("{path}: {e}"))?;
            load.slowest
                .fetch_max(asked.elapsed().as_micros() as u64, Ordering::Relaxed);
            check_page(path, &reply).map_err(|e| format!("client {id}, round {round}: {e}"))?;
            if reply.status == 500 {
                load.problems.fetch_add(1, Ordering::Relaxed);
            }
            if i == 0 {
                let outside = OUTSIDE[(id + round) % OUTSIDE.len()];
                let reply = conn
                    .get(outside, false)
                    .map_err(|e| format!("{outside}: {e}"))?;
                check_outside(outside, &reply)?;
            }
        }
        requests.fetch_add(PAGES.len() + 1, Ordering::Relaxed);
        load.peak
            .fetch_max(count(load.pid, "task"), Ordering::Relaxed);
    }
    let reply = conn.get("/", true).map_err(|e| format!("/: {e}"))?;
    check_page("/", &reply)
}

#[test]
fn many_clients_during_rebuilds_get_whole_answers_and_no_thread_is_left() {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    for i in 0..30 {
        std::fs::write(
            content.join(format!("e{i:02}.md")),
            event(&format!("Event {i}"), i),
        )
        .unwrap();
    }
    std::fs::write(site.path().join("static/notes.txt"), "first\n").unwrap();
    let (served, printed) = Served::start(site.path(), &[], Stdio::null());
    // Keep reading, so the server never blocks on a full pipe.
    std::thread::spawn(move || printed.rest.map_while(Result::ok).for_each(drop));
    let address = served.address;

    // Warm up: a page, and one rebuild, seen on a stream that stays open.
    let mut stream = served.listen();
    let reply = Conn::open(address).unwrap().get("/", true).unwrap();
    assert_eq!(reply.status, 200);
    let edit = |rel: &str, text: Option<String>| {
        let path = site.path().join(rel);
        match text {
            Some(text) => std::fs::write(path, text).unwrap(),
            None => std::fs::remove_file(path).unwrap(),
        }
    };
    edit("content/e00.md", Some(event("Event zero", 0)));
    wait_for(&mut stream, "data: reload");
    let baseline = (served.threads(), served.files());
    eprintln!(
        "baseline: {} threads, {} open files",
        baseline.0, baseline.1
    );

    // The load, and the edits during it.
    let load = Arc::new(Load {
        address,
        pid: served.child.id(),
        start: Barrier::new(CLIENTS + 1),
        editing: AtomicBool::new(true),
        requests: AtomicUsize::new(0),
        problems: AtomicUsize::new(0),
        slowest: AtomicU64::new(0),
        peak: AtomicUsize::new(baseline.0),
    });
    let clients: Vec<_> = (0..CLIENTS)
        .map(|id| {
            let load = Arc::clone(&load);
            std::thread::spawn(move || client(id, &load))
        })
        .collect();
    load.start.wait();
    let began = Instant::now();
    let edits: Vec<(&str, Option<String>)> = vec![
        ("content/e00.md", Some(event("Event zero, again", 0))),
        ("content/c0.md", Some(event("Created", 3))),
        ("content/c1.md", Some(event("Created too", 4))),
        ("content/c0.md", None),
        ("content/e01.md", Some("---\ntitle: \"Broken\n---\n".into())),
        ("content/e01.md", Some(event("Event one, fixed", 1))),
        ("static/notes.txt", Some("second\n".into())),
        ("content/c1.md", None),
    ];
    let rebuilds = edits.len();
    for (rel, text) in edits {
        edit(rel, text);
        wait_for(&mut stream, "data: reload");
        load.peak.fetch_max(served.threads(), Ordering::Relaxed);
    }
    let rebuilt_in = began.elapsed();
    load.editing.store(false, Ordering::Release);
    let mut failures = Vec::new();
    for client in clients {
        match client.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(e),
            Err(_) => failures.push("a client panicked".into()),
        }
    }
    let peak = load.peak.load(Ordering::Relaxed);
    eprintln!(
        "{} requests from {CLIENTS} connections in {:.1?}, {rebuilds} rebuilds in the first {rebuilt_in:.1?}; \
         {} of them answered with the problems page; slowest answer {:.1?}; peak {peak} threads",
        load.requests.load(Ordering::Relaxed),
        began.elapsed(),
        load.problems.load(Ordering::Relaxed),
        Duration::from_micros(load.slowest.load(Ordering::Relaxed)),
    );
    assert!(
        failures.is_empty(),
        "{} of {CLIENTS} clients failed, such as:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    // One thread per open connection at most, never one per request.
    assert!(
        peak <= baseline.0 + CLIENTS + 2,
        "{peak} threads for {CLIENTS} connections (baseline {})",
        baseline.0
    );
    let reply = Conn::open(address)
        .unwrap()
        .get("/notes.txt", true)
        .unwrap();
    assert_eq!(reply.body, b"second\n", "the last build is served");
    served.settles_to(baseline, "the load");

    // Reload streams: no thread while they are open; dropped, they are
    // let go at the next rebuild.
    let streams: Vec<_> = (0..50).map(|_| served.listen()).collect();
    served.settles_to((baseline.0, baseline.1 + 50), "50 reload streams opened");
    drop(streams);
    edit("content/e00.md", Some(event("Event zero, third", 0)));
    wait_for(&mut stream, "data: reload");
    served.settles_to(baseline, "50 reload streams closed and a rebuild");
}
