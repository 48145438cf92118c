//! Helpers shared by the tests of `annals serve` (tests/serve.rs and
//! tests/serve_load.rs): starting and stopping the server, and reading its
//! reload stream.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Lines, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::time::Duration;

/// The path pages listen on for reloads.
pub const EVENTS_PATH: &str = "/__annals/events";

/// How long any answer of the server may take.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The server process, stopped (SIGTERM) when the test ends.
pub struct Served {
    pub child: Child,
    pub address: SocketAddr,
}

/// What the server printed on stdout before it said where it listens,
/// and the lines still to come.
pub struct Printed {
    pub before: Vec<String>,
    pub rest: Lines<BufReader<ChildStdout>>,
}

impl Served {
    /// Starts `annals serve SITE ARGS` (on 127.0.0.1, and on a free port
    /// unless ARGS give one) with its stderr as given, and waits for the
    /// line that says where it listens.
    pub fn start(site: &Path, args: &[&str], stderr: Stdio) -> (Served, Printed) {
        let mut command = Command::new(env!("CARGO_BIN_EXE_annals"));
        command.arg("serve").arg(site).args(args);
        if !args.contains(&"--port") {
            command.args(["--port", "0"]);
        }
        let mut child = command
            .args(["--bind", "127.0.0.1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("annals starts");
        let mut rest = BufReader::new(child.stdout.take().expect("piped")).lines();
        let mut before = Vec::new();
        let address = loop {
            let Some(line) = rest.next() else {
                panic!("serve ended before it said where it listens: {before:?}");
            };
            let line = line.expect("utf-8");
            if let Some(at) = line.strip_prefix("serving at http://") {
                break at.split('/').next().unwrap().parse().expect("an address");
            }
            before.push(line);
        };
        (Served { child, address }, Printed { before, rest })
    }

    /// Stops the server as Ctrl+C would, and returns its exit status.
    pub fn interrupt(&mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("kill runs");
        self.child.wait().expect("the server ends")
    }

    /// Opens the reload stream at `path` (with its query) as a browser
    /// page would, and waits until it is connected.
    pub fn listen_at(&self, path: &str) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(self.address).expect("connects");
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut reader = BufReader::new(stream);
        wait_for(&mut reader, ": connected");
        reader
    }

    pub fn listen(&self) -> BufReader<TcpStream> {
        self.listen_at(EVENTS_PATH)
    }
}

impl Drop for Served {
    /// Stops the server as a terminal would (SIGTERM), unless it ended.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("kill")
                .arg(self.child.id().to_string())
                .status();
            let _ = self.child.wait();
        }
    }
}

/// Reads a reload stream until a line equal to `expected`.
pub fn wait_for(reader: &mut BufReader<TcpStream>, expected: &str) {
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader
            .read_line(&mut line)
            .expect("the server answers within the timeout");
        assert!(n > 0, "the stream ended before {expected:?}");
        if line.trim_end() == expected {
            return;
        }
    }
}

/// Sends one GET and returns the status, the head and the body.
pub fn get(address: SocketAddr, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n");
    let (head, body) = match end {
        Some(end) => (&raw[..end], &raw[end + 4..]),
        None => (&raw[..], &[][..]),
    };
    let head = String::from_utf8_lossy(head).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    (status, head, body.to_vec())
}
