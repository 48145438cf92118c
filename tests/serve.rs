//! `annals serve` answers like a static host, and only from its build.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// The server process, stopped when the test ends.
struct Served {
    child: Child,
    address: SocketAddr,
    /// Where the server builds the site, as it says.
    folder: PathBuf,
}

impl Served {
    /// Stops the server as Ctrl+C would, and returns its exit status.
    fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("kill runs");
        self.child.wait().expect("the server ends")
    }
}

impl Drop for Served {
    /// Stops the server as a terminal would (SIGTERM), so that it removes
    /// its temporary folder.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

/// Starts `annals serve` on the shipped site on a free port and waits for
/// the line that says where it listens.
fn serve() -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["serve", env!("CARGO_MANIFEST_DIR"), "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("annals starts");
    let stdout = child.stdout.take().expect("piped");
    let mut lines = BufReader::new(stdout).lines();
    let mut folder = PathBuf::new();
    let address = loop {
        let line = lines
            .next()
            .expect("serve prints its address before it ends")
            .expect("utf-8");
        if let Some(rest) = line.strip_prefix("building into ") {
            folder = PathBuf::from(rest);
        }
        if let Some(rest) = line.strip_prefix("serving at http://") {
            break rest.split('/').next().unwrap().parse().expect("an address");
        }
    };
    Served {
        child,
        address,
        folder,
    }
}

/// Sends one GET and returns (status, headers, body).
fn get(address: SocketAddr, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(address).expect("connects");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    (status, head.to_string(), body.to_string())
}

#[test]
fn serves_the_timeline_with_pretty_urls_and_404s() {
    let s = serve();
    let (status, head, body) = get(s.address, "/");
    assert_eq!(status, 200);
    assert!(
        head.to_lowercase().contains("content-type: text/html"),
        "{head}"
    );
    assert!(
        body.contains("Riyadh"),
        "the timeline lists the Riyadh meeting"
    );

    let (status, _, body) = get(s.address, "/events/2025-02-18-riyadh-meeting/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1>US and Russian delegations meet in Riyadh</h1>"));

    let (status, head, _) = get(s.address, "/events/2025-02-18-riyadh-meeting");
    assert_eq!(
        status, 301,
        "a folder without its slash redirects, so relative links work"
    );
    assert!(
        head.contains("Location: /events/2025-02-18-riyadh-meeting/"),
        "{head}"
    );

    let (status, head, _) = get(s.address, "/assets/annals.css");
    assert_eq!(status, 200);
    assert!(head.contains("text/css"), "{head}");

    let (status, _, body) = get(s.address, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(
        body.contains("Page not found"),
        "unknown paths get 404.html"
    );
}

#[test]
fn never_serves_files_outside_the_build() {
    let s = serve();
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/events/%2E%2E/%2e%2e/%2e%2e/etc/passwd",
        "/..%5c..%5cetc%5cpasswd",
        "/%00",
        "//etc/passwd",
        "/etc/passwd",
    ] {
        let (status, _, body) = get(s.address, path);
        assert!(status == 400 || status == 404, "{path} gave {status}");
        assert!(
            !body.contains("root:x:0:0") && !body.contains("[package]"),
            "{path} leaked a file"
        );
    }
}

#[test]
fn ctrl_c_removes_the_temporary_build() {
    let mut s = serve();
    let folder = s.folder.clone();
    assert!(
        folder.join("index.html").is_file(),
        "serve builds into {}",
        folder.display()
    );
    assert!(s.interrupt().success());
    assert!(!folder.exists(), "{} is left behind", folder.display());
    let parent = folder.parent().unwrap();
    assert!(
        !parent.exists(),
        "the temporary folder {} is left behind",
        parent.display()
    );
}

// ---------------------------------------------------------------------------
// Live preview: each test serves a site of its own in a temporary folder and
// waits on the server's own signals (its reload events), never on a clock.

/// A served temporary site, with the server's later terminal lines.
struct Live {
    served: Served,
    site: tempfile::TempDir,
    output: std::sync::mpsc::Receiver<String>,
}

impl Live {
    fn start(files: &[(&str, &str)]) -> Live {
        let site = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path = site.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["serve", site.path().to_str().unwrap(), "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("annals starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut folder = PathBuf::new();
        let address = loop {
            let line = lines.next().expect("serve prints its address").unwrap();
            if let Some(rest) = line.strip_prefix("building into ") {
                folder = PathBuf::from(rest);
            }
            if let Some(rest) = line.strip_prefix("serving at http://") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // Whatever the server prints next, on either stream, for the test.
        let (tx, output) = std::sync::mpsc::channel();
        let tx2 = tx.clone();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || lines.map_while(Result::ok).for_each(|l| drop(tx.send(l))));
        std::thread::spawn(move || {
            BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
                .for_each(|l| drop(tx2.send(l)))
        });
        Live {
            served: Served {
                child,
                address,
                folder,
            },
            site,
            output,
        }
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.site.path().join(rel), text).unwrap();
    }

    /// Opens the reload stream as a browser page would, once it is
    /// connected.
    fn listen(&self) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(self.served.address).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET /__annals/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        wait_for(&mut reader, ": connected");
        reader
    }

    /// Waits for a terminal line containing `text` and returns everything
    /// printed until then.
    fn printed(&self, text: &str) -> String {
        let mut seen = Vec::new();
        loop {
            let line = self
                .output
                .recv_timeout(std::time::Duration::from_secs(30))
                .unwrap_or_else(|_| {
                    panic!(
                        "the server did not print {text:?}; it printed:\n{}",
                        seen.join("\n")
                    )
                });
            let found = line.contains(text);
            seen.push(line);
            if found {
                return seen.join("\n");
            }
        }
    }
}

/// Reads the stream until a line equal to `expected`.
fn wait_for(reader: &mut BufReader<TcpStream>, expected: &str) {
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader
            .read_line(&mut line)
            .expect("the server answers within 30 s");
        assert!(n > 0, "the stream ended before {expected:?}");
        if line.trim_end() == expected {
            return;
        }
    }
}

const EVENT_A: &str = "---\ntitle: \"First version\"\ndate: 2025-02-18\n---\nBody.\n";

#[test]
fn an_edit_is_rebuilt_and_open_pages_are_told_to_reload() {
    let live = Live::start(&[("content/a.md", EVENT_A)]);
    let (status, _, page) = get(live.served.address, "/events/a/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>First version</h1>"));
    assert!(
        page.contains("/__annals/events"),
        "served pages carry the reload script"
    );
    let mut events = live.listen();

    live.write(
        "content/a.md",
        &EVENT_A.replace("First version", "Second version"),
    );
    wait_for(&mut events, "data: reload");
    let (_, _, page) = get(live.served.address, "/events/a/");
    assert!(page.contains("<h1>Second version</h1>"), "{page}");

    // A new file, then the old one renamed: both followed.
    live.write("content/b.md", &EVENT_A.replace("First version", "Another"));
    wait_for(&mut events, "data: reload");
    assert_eq!(get(live.served.address, "/events/b/").0, 200);
    std::fs::rename(
        live.site.path().join("content/b.md"),
        live.site.path().join("content/c.md"),
    )
    .unwrap();
    wait_for(&mut events, "data: reload");
    assert_eq!(
        get(live.served.address, "/events/b/").0,
        404,
        "the renamed event's old page is gone"
    );
    assert_eq!(get(live.served.address, "/events/c/").0, 200);
    live.printed("changed: rebuilt");

    // The build written to disk is clean: the script is added when serving.
    let on_disk = std::fs::read_to_string(live.served.folder.join("events/c/index.html")).unwrap();
    assert!(
        !on_disk.contains("__annals"),
        "the reload script was written to the build"
    );
}

#[test]
fn a_bad_edit_is_shown_in_the_browser_and_the_next_good_save_recovers() {
    let live = Live::start(&[("content/a.md", EVENT_A)]);
    let mut events = live.listen();

    live.write(
        "content/a.md",
        "---\ntitle: \"Broken\ndate: 2025-02-18\n---\n",
    );
    wait_for(&mut events, "data: reload");
    let (status, _, page) = get(live.served.address, "/events/a/");
    assert_eq!(status, 500);
    assert!(page.contains("The site does not build"), "{page}");
    assert!(
        page.contains("content/a.md:2:8"),
        "the page names the file and line: {page}"
    );
    assert!(
        page.contains("/__annals/events"),
        "the problem page reloads by itself too"
    );
    let (status, _, css) = get(live.served.address, "/assets/annals.css");
    assert_eq!(status, 200, "assets are still served");
    assert!(css.contains("--accent"));

    live.write("content/a.md", &EVENT_A.replace("First version", "Fixed"));
    wait_for(&mut events, "data: reload");
    let (status, _, page) = get(live.served.address, "/events/a/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Fixed</h1>"));
    live.printed("content/a.md:2:8");
}

#[test]
fn an_editor_save_of_several_files_is_one_rebuild() {
    let live = Live::start(&[("content/a.md", EVENT_A)]);
    let mut events = live.listen();
    // Write to temporary names, then rename over the real ones, as editors
    // do, for three files at once.
    for (name, title) in [("a", "A2"), ("b", "B"), ("c", "C")] {
        let tmp = live.site.path().join(format!("content/.{name}.md.swp"));
        std::fs::write(&tmp, EVENT_A.replace("First version", title)).unwrap();
        std::fs::rename(&tmp, live.site.path().join(format!("content/{name}.md"))).unwrap();
    }
    wait_for(&mut events, "data: reload");
    // Every file is in: nothing was rebuilt half-way.
    for slug in ["a", "b", "c"] {
        assert_eq!(
            get(live.served.address, &format!("/events/{slug}/")).0,
            200,
            "{slug}"
        );
    }
    // The server's own report of that batch names several files at once.
    live.printed("files changed: rebuilt 3 events");
}
