//! `annals serve` answers like a static host, and only from its build.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};

/// The server process, stopped when the test ends.
struct Served {
    child: Child,
    address: SocketAddr,
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
    fn drop(&mut self) {
        let _ = self.child.kill();
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
    let address = loop {
        let line = lines
            .next()
            .expect("serve prints its address before it ends")
            .expect("utf-8");
        if let Some(rest) = line.strip_prefix("serving at http://") {
            break rest.split('/').next().unwrap().parse().expect("an address");
        }
    };
    Served { child, address }
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
    let folder = std::env::temp_dir().join(format!("annals-serve-{}", s.child.id()));
    assert!(
        folder.join("index.html").is_file(),
        "serve builds into {}",
        folder.display()
    );
    assert!(s.interrupt().success());
    assert!(!folder.exists(), "{} is left behind", folder.display());
}
