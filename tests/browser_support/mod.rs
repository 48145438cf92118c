//! What the browser tests share: the tools they need (the Nu Html
//! Checker, Chromium, the npm packages of tests/browser), building and
//! serving a site, and running a script of tests/browser on it.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_annals");

/// The repository, which is itself the shipped site.
pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Chromium as Debian installs it; Playwright never downloads a browser.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// How long the checker or the browser script may run before the test
/// fails. Both take seconds; this only stops a hang.
pub const TIMEOUT: Duration = Duration::from_secs(300);

pub const INSTALL: &str = "apt-get update && apt-get install -y chromium default-jre-headless; \
                       cd tests/browser && npm ci --no-audit --no-fund --ignore-scripts";

pub fn browser_dir() -> PathBuf {
    Path::new(REPO).join("tests").join("browser")
}

pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// A tool this test needs is missing: under CI that fails the test; else
/// the test says so loudly and the caller returns. The line goes straight
/// to stderr, past the test harness's capture, so it shows in every run.
pub fn missing(test: &str, what: &str) {
    assert!(
        !in_ci(),
        "{test}: {what}. CI must run every test; install the tools first: {INSTALL}"
    );
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "\nSKIPPED: {test}: {what}. Install with: {INSTALL}\n");
}

/// True if `program args` starts and exits 0.
pub fn runs(program: &str, args: &[&str]) -> bool {
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
pub fn run_bounded(mut command: Command, what: &str) -> (Output, Duration) {
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
pub fn vnu_jar() -> Option<PathBuf> {
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
pub fn html_files(dir: &Path) -> Vec<String> {
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

/// How many events the shipped timeline has: its event files (not their
/// translations, `riyadh.uk.md`).
pub fn event_files() -> usize {
    std::fs::read_dir(Path::new(REPO).join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.file_name().is_some_and(|n| n != "_index.md")
                && p.file_stem()
                    .is_some_and(|s| !s.to_string_lossy().contains('.'))
        })
        .count()
}

/// The Nu Html Checker's jar, or what is missing for it.
pub fn nu_checker() -> Result<PathBuf, &'static str> {
    if !runs("java", &["-version"]) {
        return Err("`java` is not installed (Debian: default-jre-headless)");
    }
    vnu_jar().ok_or(
        "the Nu Html Checker (npm package vnu-jar) is not installed in tests/browser/node_modules",
    )
}

/// Builds `site` into `out` with `args` (such as `--as-of DAY`), failing
/// the test if it does not build.
pub fn build(site: &Path, out: &Path, args: &[&str]) {
    let build = Command::new(BIN)
        .arg("build")
        .arg(site)
        .arg("--output")
        .arg(out)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("annals runs");
    assert!(
        build.status.success(),
        "{} does not build:\n{}",
        site.display(),
        String::from_utf8_lossy(&build.stderr)
    );
}

/// Runs the Nu Html Checker (errors only) on every page under `out`:
/// `Err` with the errors, one a line, or `Ok` with how long it took.
pub fn nu_check(jar: &Path, out: &Path) -> Result<Duration, String> {
    let pages = html_files(out);
    let mut java = Command::new("java");
    java.arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(out);
    let (output, took) = run_bounded(java, "the Nu Html Checker");
    // The checker writes its messages to stderr, one a line in this format:
    // "file:/tmp/.../public/actors/index.html":12.3-12.40: error: ...
    let report =
        String::from_utf8_lossy(&output.stderr).replace(&format!("file:{}/", out.display()), "");
    let errors: Vec<&str> = report
        .lines()
        .filter(|l| l.contains(": error:") || l.contains(": fatal:"))
        .collect();
    if errors.is_empty() && output.status.success() {
        return Ok(took);
    }
    Err(format!(
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
    ))
}

/// `annals serve` on a site, stopped as Ctrl+C would (so it removes its
/// temporary build) when the test ends.
pub struct Served {
    pub child: Child,
    pub base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// Starts the server on a free port, with `args` (such as `--as-of DAY`),
/// and waits for the line that says where it listens. Without live reload:
/// the pages are checked as a static host serves them (the reload script is
/// for authors only).
pub fn serve(site: &Path, args: &[&str]) -> Served {
    let mut child = Command::new(BIN)
        .arg("serve")
        .arg(site)
        .args(["--port", "0", "--no-reload"])
        .args(args)
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

/// What is missing to run tests/browser/check.mjs, if anything.
pub fn browser_tools() -> Result<(), String> {
    if !Path::new(CHROMIUM).is_file() {
        return Err(format!("{CHROMIUM} is not installed (Debian: chromium)"));
    }
    if !runs("node", &["--version"]) {
        return Err("`node` is not installed".into());
    }
    let modules = browser_dir().join("node_modules");
    let packages = ["playwright-core", "axe-core", "@knight-lab/timelinejs"];
    if !packages
        .iter()
        .all(|p| modules.join(p).join("package.json").is_file())
    {
        return Err(format!(
            "tests/browser/node_modules ({}) is not installed",
            packages.join(", ")
        ));
    }
    Ok(())
}

/// Serves `site` (with `serve_args`) and runs check.mjs on it with `args`:
/// `Err` with its report if any check failed, or `Ok` with its results and
/// how long it took.
pub fn run_check(
    site: &Path,
    serve_args: &[&str],
    args: &[String],
) -> Result<(String, Duration), String> {
    run_script("check.mjs", site, serve_args, args)
}

/// Serves `site` (with `serve_args`) and runs the browser `script` of
/// tests/browser on it with `args`, as [`run_check`] does.
pub fn run_script(
    script: &str,
    site: &Path,
    serve_args: &[&str],
    args: &[String],
) -> Result<(String, Duration), String> {
    let served = serve(site, serve_args);
    let mut node = Command::new("node");
    node.arg(script)
        .arg(&served.base)
        .args(args)
        .current_dir(browser_dir());
    let (output, took) = run_bounded(node, &format!("node tests/browser/{script}"));
    drop(served);

    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        return Ok((stdout, took));
    }
    Err(format!(
        "the browser checks of {script} failed (exit {:?}) after {took:.1?}:\n\n{stderr}\n\
         ---- {script} results ----\n{stdout}",
        output.status.code(),
    ))
}
