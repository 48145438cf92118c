//! The shipped theme in real tools: every built page through the W3C Nu
//! Html Checker, and the served site through headless Chromium
//! (tests/browser/check.mjs: console and network errors, axe-core, layout
//! at phone width, reading without JavaScript, keyboard, weight budgets,
//! filtering).
//!
//! These need tools that `cargo` does not bring: Java, Chromium at
//! /usr/bin/chromium, and the npm packages of tests/browser (playwright-core,
//! axe-core, vnu-jar). Without them a test prints a line starting with
//! `SKIPPED:` that says what to install, and passes; when the `CI`
//! environment variable is set, a missing tool fails the test instead.
//!
//!     apt-get install chromium default-jre-headless
//!     cd tests/browser && npm ci --ignore-scripts
//!
//! Set ANNALS_SCREENSHOTS to a folder to get screenshots of the timeline.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The binary under test.
const BIN: &str = env!("CARGO_BIN_EXE_annals");

/// The repository, which is itself the shipped site.
const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Chromium as Debian installs it; Playwright never downloads a browser.
const CHROMIUM: &str = "/usr/bin/chromium";

/// How long the checker or the browser script may run before the test
/// fails. Both take seconds; this only stops a hang.
const TIMEOUT: Duration = Duration::from_secs(300);

const INSTALL: &str = "apt-get update && apt-get install -y chromium default-jre-headless; \
                       cd tests/browser && npm ci --no-audit --no-fund --ignore-scripts";

fn browser_dir() -> PathBuf {
    Path::new(REPO).join("tests").join("browser")
}

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// A tool this test needs is missing: under CI that fails the test; else
/// the test says so loudly and the caller returns. The line goes straight
/// to stderr, past the test harness's capture, so it shows in every run.
fn missing(test: &str, what: &str) {
    assert!(
        !in_ci(),
        "{test}: {what}. CI must run every test; install the tools first: {INSTALL}"
    );
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "\nSKIPPED: {test}: {what}. Install with: {INSTALL}\n");
}

/// True if `program args` starts and exits 0.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs a command to its end, with its output captured, failing the test
/// if it runs longer than [`TIMEOUT`].
fn run_bounded(mut command: Command, what: &str) -> (Output, Duration) {
    let start = Instant::now();
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    let pid = child.id();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    match receive.recv_timeout(TIMEOUT) {
        Ok(output) => (
            output.unwrap_or_else(|e| panic!("cannot wait for {what}: {e}")),
            start.elapsed(),
        ),
        Err(_) => {
            // Stop the process this test started, by its id.
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("{what} did not finish within {TIMEOUT:?}");
        }
    }
}

/// The Nu Html Checker's jar from the vnu-jar package, if installed.
fn vnu_jar() -> Option<PathBuf> {
    let known = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if known.is_file() {
        return Some(known);
    }
    // Ask the package itself, in case a later version moves the jar.
    let output = Command::new("node")
        .args(["-p", "String(require('vnu-jar'))"])
        .current_dir(browser_dir())
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    (output.status.success() && path.is_file()).then_some(path)
}

/// Every `.html` file under `dir`, relative to it.
fn html_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    found.sort();
    found
}

/// How many events the shipped timeline has: its event files.
fn event_files() -> usize {
    std::fs::read_dir(Path::new(REPO).join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.file_name().is_some_and(|n| n != "_index.md")
        })
        .count()
}

#[test]
fn nu_checker_finds_no_errors() {
    const TEST: &str = "nu_checker_finds_no_errors";
    if !runs("java", &["-version"]) {
        return missing(
            TEST,
            "`java` is not installed (Debian: default-jre-headless)",
        );
    }
    let Some(jar) = vnu_jar() else {
        return missing(
            TEST,
            "the Nu Html Checker (npm package vnu-jar) is not installed in tests/browser/node_modules",
        );
    };

    let tmp = tempfile::Builder::new()
        .prefix("annals-vnu-")
        .tempdir()
        .unwrap();
    let out = tmp.path().join("public");
    let build = Command::new(BIN)
        .args(["build", REPO, "--output"])
        .arg(&out)
        .stdin(Stdio::null())
        .output()
        .expect("annals runs");
    assert!(
        build.status.success(),
        "the shipped site does not build:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let pages = html_files(&out);
    assert!(
        pages.len() > 10,
        "expected the whole site, found only {pages:?}"
    );

    let mut java = Command::new("java");
    java.arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(&out);
    let (output, took) = run_bounded(java, "the Nu Html Checker");
    // The checker writes its messages to stderr, one a line in this format:
    // "file:/tmp/.../public/actors/index.html":12.3-12.40: error: ...
    let report =
        String::from_utf8_lossy(&output.stderr).replace(&format!("file:{}/", out.display()), "");
    let errors: Vec<&str> = report
        .lines()
        .filter(|l| l.contains(": error:") || l.contains(": fatal:"))
        .collect();
    assert!(
        errors.is_empty() && output.status.success(),
        "the Nu Html Checker found {} error(s) in {} pages (exit {:?}):\n{}\n{}",
        errors.len(),
        pages.len(),
        output.status.code(),
        errors.join("\n"),
        if errors.is_empty() {
            report.as_str()
        } else {
            ""
        },
    );
    eprintln!(
        "the Nu Html Checker found no errors in {} pages in {took:.1?}",
        pages.len()
    );
}

/// `annals serve` on the shipped site, stopped as Ctrl+C would (so it
/// removes its temporary build) when the test ends.
struct Served {
    child: Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// Starts the server on a free port and waits for the line that says
/// where it listens.
fn serve() -> Served {
    let mut child = Command::new(BIN)
        .args(["serve", REPO, "--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("annals starts");
    let stdout = child.stdout.take().expect("piped");
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        let Some(line) = lines.next() else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("annals serve ended before it said where it listens");
        };
        let line = line.expect("utf-8");
        if let Some(rest) = line.strip_prefix("serving at ") {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    // Keep reading what the server prints, so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines.by_ref() {});
    Served { child, base }
}

#[test]
fn browser_checks() {
    const TEST: &str = "browser_checks";
    if !Path::new(CHROMIUM).is_file() {
        return missing(
            TEST,
            &format!("{CHROMIUM} is not installed (Debian: chromium)"),
        );
    }
    if !runs("node", &["--version"]) {
        return missing(TEST, "`node` is not installed");
    }
    let modules = browser_dir().join("node_modules");
    if !["playwright-core", "axe-core"]
        .iter()
        .all(|p| modules.join(p).join("package.json").is_file())
    {
        return missing(
            TEST,
            "tests/browser/node_modules (playwright-core, axe-core) is not installed",
        );
    }

    let events = event_files();
    let served = serve();
    let mut node = Command::new("node");
    node.arg("check.mjs")
        .arg(&served.base)
        .args(["--events", &events.to_string()])
        .current_dir(browser_dir());
    let (output, took) = run_bounded(node, "node tests/browser/check.mjs");
    drop(served);

    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the browser checks failed (exit {:?}) after {took:.1?}:\n\n{stderr}\n\
         ---- check.mjs results ----\n{stdout}",
        output.status.code(),
    );
    eprintln!("the browser checks passed in {took:.1?}:\n{stdout}");
}
