//! Helpers shared by the integration tests: temporary sites, running the
//! `annals` binary, snapshots of folders, and a checker for the links in a
//! built site.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_annals");

/// The repository, which is itself a site (content/ and templates/).
pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// How long one run of the binary may take before the test fails. Every
/// run in these tests takes milliseconds; this only stops a hang.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// A site in a temporary folder. The site is `<tmp>/site`, so tests have a
/// private parent folder (`root`) to put output folders in and to check
/// for leftover temporary folders.
pub struct Site {
    tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Site {
    /// The site folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The private folder that holds the site folder.
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// A path inside the site.
    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// Writes a file in the site, creating its folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
    }

    /// Reads a file of the site (or of its output) as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// Removes a file of the site.
    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.join(rel)).unwrap();
    }

    /// Runs the binary with the site folder as the working directory.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        run(args, &self.dir)
    }
}

/// Creates a site from `(relative path, contents)` pairs.
pub fn site(files: &[(&str, &str)]) -> Site {
    // In RAM where there is a RAM-backed folder: the largest sites (50,000
    // events) take minutes to delete from a small VM's disk.
    let shm = Path::new("/dev/shm");
    let mut builder = tempfile::Builder::new();
    builder.prefix("annals-test-");
    let tmp = if shm.is_dir() {
        builder.tempdir_in(shm)
    } else {
        builder.tempdir()
    }
    .unwrap();
    let dir = tmp.path().join("site");
    std::fs::create_dir(&dir).unwrap();
    let site = Site { tmp, dir };
    for (rel, contents) in files {
        site.write(rel, contents);
    }
    site
}

/// Creates a site from owned `(relative path, contents)` pairs.
pub fn site_owned(files: &[(String, String)]) -> Site {
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    site(&refs)
}

/// Creates a site from `(relative path, bytes)` pairs, for files that are
/// not text.
pub fn site_bytes(files: &[(&str, &[u8])]) -> Site {
    let site = site(&[]);
    for (rel, contents) in files {
        site.write(rel, contents);
    }
    site
}

/// An event file with the given front matter lines and body.
pub fn event(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}")
}

/// Runs `annals build` with `args` on the site, failing the test unless
/// it succeeds; returns its stderr (the notes).
pub fn build_ok(site: &Site, args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = site.run(&all);
    assert_eq!(code, 0, "{stdout}{stderr}");
    stderr
}

/// Runs the binary with `args` in `cwd`; returns (exit code, stdout,
/// stderr). Fails the test if the binary panics, is killed by a signal, or
/// runs longer than [`TIMEOUT`].
pub fn run(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let (code, stdout, stderr, _) = run_timed(args, cwd);
    (code, stdout, stderr)
}

/// Like [`run`], and also says how long the run took.
pub fn run_timed(args: &[&str], cwd: &Path) -> (i32, String, String, Duration) {
    let start = Instant::now();
    let child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {BIN}: {e}"));
    let pid = child.id();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    let output = match receive.recv_timeout(TIMEOUT) {
        Ok(output) => output.expect("cannot wait for annals"),
        Err(_) => {
            // Stop the process this test started, by its id.
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("annals {args:?} did not finish within {TIMEOUT:?}");
        }
    };
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !stderr.contains("panicked") && !stdout.contains("panicked"),
        "annals {args:?} panicked:\n{stderr}"
    );
    let code = output
        .status
        .code()
        .unwrap_or_else(|| panic!("annals {args:?} was killed by a signal:\n{stderr}"));
    (code, stdout, stderr, elapsed)
}

/// Every file and folder under `dir`: relative `/`-separated path to its
/// bytes. Folders are listed with a trailing `/` and no bytes, so empty
/// folders and stray temporary folders show up in comparisons too.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let rel = rel_string(base, &path);
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            out.insert(format!("{rel}/"), Vec::new());
            walk(base, &path, out);
        } else if kind.is_symlink() {
            let target = std::fs::read_link(&path).unwrap();
            out.insert(
                format!("{rel} -> "),
                target.to_string_lossy().as_bytes().to_vec(),
            );
        } else {
            out.insert(rel, std::fs::read(&path).unwrap());
        }
    }
}

fn rel_string(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap()
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The paths of `tree`, for readable assertion messages.
pub fn names(tree: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
    tree.keys().map(String::as_str).collect()
}

/// Asserts two snapshots are equal, naming the paths that differ.
pub fn assert_same_tree(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    if before == after {
        return;
    }
    let mut diff = Vec::new();
    for (k, v) in before {
        match after.get(k) {
            None => diff.push(format!("removed: {k}")),
            Some(w) if w != v => diff.push(format!("changed: {k}")),
            _ => {}
        }
    }
    for k in after.keys() {
        if !before.contains_key(k) {
            diff.push(format!("added: {k}"));
        }
    }
    panic!("{what}: the folders differ:\n{}", diff.join("\n"));
}

/// The `.html` files of a snapshot.
pub fn html_pages(tree: &BTreeMap<String, Vec<u8>>) -> Vec<(&str, String)> {
    tree.iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| {
            (
                k.as_str(),
                String::from_utf8(v.clone()).expect("HTML is UTF-8"),
            )
        })
        .collect()
}

/// The values of every `name="..."` (or `name='...'`) attribute in `html`,
/// for `name` in `href`, `src`.
pub fn link_values(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    for attr in ["href", "src"] {
        let bytes = lower.as_bytes();
        let mut from = 0;
        while let Some(at) = lower[from..].find(attr) {
            let start = from + at;
            from = start + attr.len();
            // Must be a whole attribute name: preceded by whitespace.
            if start == 0 || !bytes[start - 1].is_ascii_whitespace() {
                continue;
            }
            let rest = &html[from..];
            let rest_trim = rest.trim_start();
            let Some(after_eq) = rest_trim.strip_prefix('=') else {
                continue;
            };
            let after_eq = after_eq.trim_start();
            let quote = after_eq.chars().next();
            let value = match quote {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after_eq[1..];
                    let end = inner.find(q).expect("unclosed attribute quote");
                    &inner[..end]
                }
                _ => {
                    let end = after_eq
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(after_eq.len());
                    &after_eq[..end]
                }
            };
            found.push(unescape(value));
        }
    }
    found
}

/// Undoes the HTML escaping Annals applies to attribute values.
pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Escapes text as Annals does in HTML, for looking for it in pages.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

/// True for links that leave the site.
pub fn is_external(link: &str) -> bool {
    let l = link.to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("mailto:")
}

/// Resolves `link`, found on the page at `page` (relative to the output
/// root), to a path relative to the output root. `root_path` is the URL
/// path the site is published under (`/` or `/annals/`), for links that
/// start with `/`. `Err` says why the link cannot work.
pub fn resolve(page: &str, link: &str, root_path: &str) -> Result<String, String> {
    let (path, _) = split_fragment(link);
    let mut parts: Vec<String> = Vec::new();
    let rest = if let Some(abs) = path.strip_prefix('/') {
        let under = root_path.trim_start_matches('/');
        abs.strip_prefix(under)
            .ok_or_else(|| format!("`{link}` is outside {root_path}"))?
            .to_string()
    } else {
        parts = page.split('/').map(String::from).collect();
        parts.pop(); // the page's file name
        path.to_string()
    };
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{link}` leaves the site"));
                }
            }
            s => parts.push(s.to_string()),
        }
    }
    if path.is_empty() || path.ends_with('/') || rest.is_empty() {
        parts.push("index.html".into());
    }
    Ok(parts.join("/"))
}

/// `(path, fragment)` of a link.
pub fn split_fragment(link: &str) -> (&str, Option<&str>) {
    match link.split_once('#') {
        Some((p, f)) => (p.split('?').next().unwrap_or(""), Some(f)),
        None => (link.split('?').next().unwrap_or(""), None),
    }
}

/// Checks every `href` and `src` of every HTML page in `out`: internal
/// links must resolve to a built file (a link ending in `/` to its
/// `index.html`), fragments must name an `id` on the target page, and no
/// internal link may start with `/` except on `404.html`, whose links start
/// with `root_path`. Returns how many internal links were checked.
pub fn check_links(out: &Path, root_path: &str) -> usize {
    let snapshot = tree(out);
    let mut problems = Vec::new();
    let mut checked = 0;
    for (page, html) in html_pages(&snapshot) {
        for link in link_values(&html) {
            if is_external(&link) {
                continue;
            }
            let lower = link.to_ascii_lowercase();
            if lower.starts_with("javascript:") || lower.starts_with("data:") {
                problems.push(format!("{page}: script link `{link}`"));
                continue;
            }
            if link.starts_with('/') && page != "404.html" {
                problems.push(format!("{page}: `{link}` is not relative"));
                continue;
            }
            if page == "404.html" && !link.starts_with('#') && !link.starts_with(root_path) {
                problems.push(format!("{page}: `{link}` does not start with {root_path}"));
                continue;
            }
            checked += 1;
            let (path, fragment) = split_fragment(&link);
            let target = if path.is_empty() {
                page.to_string()
            } else {
                match resolve(page, &link, root_path) {
                    Ok(t) => t,
                    Err(why) => {
                        problems.push(format!("{page}: {why}"));
                        continue;
                    }
                }
            };
            let Some(bytes) = snapshot.get(&target) else {
                problems.push(format!("{page}: `{link}` -> {target}, which was not built"));
                continue;
            };
            if let Some(id) = fragment.filter(|f| !f.is_empty()) {
                let text = String::from_utf8_lossy(bytes);
                if !text.contains(&format!("id=\"{id}\"")) {
                    problems.push(format!("{page}: `{link}`: {target} has no id=\"{id}\""));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
    checked
}

/// Asserts that `stderr` reports a problem whose location line is exactly
/// `  --> {location}`, and that the `error:` line just above it contains
/// every one of `words`. Returns that problem's text (up to the next
/// blank line).
pub fn assert_problem(stderr: &str, location: &str, words: &[&str]) -> String {
    let blocks: Vec<&str> = stderr.split("\n\n").collect();
    let arrow = format!("  --> {location}");
    let matching: Vec<&&str> = blocks
        .iter()
        .filter(|b| b.lines().any(|l| l == arrow))
        .collect();
    assert!(
        !matching.is_empty(),
        "no problem reported at `{location}`:\n{stderr}"
    );
    for block in &matching {
        if words.iter().all(|w| block.contains(w)) {
            assert!(
                block.starts_with("error: "),
                "a problem starts with `error: `:\n{block}"
            );
            return block.to_string();
        }
    }
    panic!("no problem at `{location}` mentions all of {words:?}:\n{stderr}");
}

/// The number of `error:` lines in `stderr`.
pub fn error_count(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.starts_with("error: ")).count()
}

/// Asserts the last line of `stderr` is the summary
/// `N problem(s) found in M file(s); nothing was written.`
pub fn assert_summary(stderr: &str, problems: usize, files: usize) {
    let last = stderr.trim_end().lines().last().unwrap_or("");
    let p = if problems == 1 { "problem" } else { "problems" };
    let f = if files == 1 { "file" } else { "files" };
    let expected = format!("{problems} {p} found in {files} {f}; nothing was written.");
    assert_eq!(last, expected, "summary line of:\n{stderr}");
}

/// The names of the entries of `dir` that start with `prefix` (for
/// leftover temporary folders).
pub fn entries_starting_with(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(prefix))
                .collect()
        })
        .unwrap_or_default()
}

/// The numbers in the summary line: (problems, files).
pub fn summary_numbers(stderr: &str) -> (usize, usize) {
    let last = stderr.trim_end().lines().last().unwrap_or("");
    assert!(
        last.ends_with("; nothing was written."),
        "no summary line in:\n{stderr}"
    );
    let words: Vec<&str> = last.split_whitespace().collect();
    let problems = words[0]
        .parse()
        .unwrap_or_else(|_| panic!("summary: {last}"));
    let files = match words.iter().position(|w| *w == "in") {
        Some(i) => words[i + 1]
            .parse()
            .unwrap_or_else(|_| panic!("summary: {last}")),
        None => 0,
    };
    (problems, files)
}

/// How long one run of the binary on hostile input may take before it
/// counts as a hang: the child is killed and the test fails. This catches
/// hangs; it is not a performance budget.
pub const HANG_TIMEOUT: Duration = Duration::from_secs(120);

/// The address space each run on hostile input may use, so that a runaway
/// allocation fails in the child instead of taking the machine with it.
pub const MEMORY_LIMIT: u64 = 4 << 30;

/// Starts the binary with `args` in `cwd`, its address space limited to
/// [`MEMORY_LIMIT`]; with `drop_dac_override`, it runs without the
/// capabilities that let root ignore permission bits. Pair with
/// [`wait_with_deadline`].
pub fn spawn_bounded(args: &[&str], cwd: &Path, drop_dac_override: bool) -> std::process::Child {
    use std::os::unix::process::CommandExt;
    // Only root has the capabilities, and only root may drop them.
    // SAFETY: geteuid has no preconditions.
    let drop_caps = drop_dac_override && unsafe { libc::geteuid() } == 0;
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: the closure runs in the forked child before exec and makes
    // only the async-signal-safe system calls setrlimit and prctl.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: MEMORY_LIMIT,
                rlim_max: MEMORY_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            if drop_caps {
                // Out of the bounding set, the capabilities are not given
                // back to uid 0 by the execve that follows. 1 and 2 are
                // CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH in
                // <linux/capability.h>; libc does not define them.
                #[cfg(target_os = "linux")]
                for cap in [1, 2] {
                    if libc::prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong, 0, 0, 0) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                #[cfg(not(target_os = "linux"))]
                return Err(std::io::Error::from(std::io::ErrorKind::Unsupported));
            }
            Ok(())
        });
    }
    command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {BIN} {args:?} with its limits: {e}"))
}

/// Waits for `child` for at most `deadline` (normally [`HANG_TIMEOUT`]);
/// past that, kills it (by its id) and fails the test. Fails the test too
/// if it panicked or was killed by a signal (such as the abort of a failed
/// allocation). Returns (exit code, stdout, stderr).
pub fn wait_with_deadline(
    child: std::process::Child,
    what: &str,
    deadline: Duration,
) -> (i32, String, String) {
    let output = output_within(child, what, deadline);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !stderr.contains("panicked") && !stdout.contains("panicked"),
        "{what} panicked:\n{stderr}"
    );
    let code = output.status.code().unwrap_or_else(|| {
        panic!(
            "{what} was killed by a signal ({:?}):\n{stderr}",
            std::os::unix::process::ExitStatusExt::signal(&output.status)
        )
    });
    (code, stdout, stderr)
}

/// Waits for `child` for at most `deadline`; past that, kills it (by its
/// id) and fails the test. Returns its status and output, however it
/// ended.
pub fn output_within(
    child: std::process::Child,
    what: &str,
    deadline: Duration,
) -> std::process::Output {
    let pid = child.id();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    let Ok(output) = receive.recv_timeout(deadline) else {
        // SAFETY: kill has no memory preconditions; the child is not reaped
        // yet, so the id is still its own.
        unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
        panic!("{what} did not finish within {deadline:?}: it hangs");
    };
    output.unwrap_or_else(|e| panic!("cannot wait for {what}: {e}"))
}

/// Runs the binary like [`run`], with its memory bounded and a deadline of
/// [`HANG_TIMEOUT`] (see [`spawn_bounded`] and [`wait_with_deadline`]).
pub fn run_bounded(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let what = format!("annals {args:?}");
    wait_with_deadline(spawn_bounded(args, cwd, false), &what, HANG_TIMEOUT)
}

/// [`run_bounded`] without permission to ignore permission bits, so that
/// `chmod 000` and read-only folders stop the binary even when the tests
/// run as root: as root, CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH are
/// dropped from the child's bounding set before it execs the binary.
pub fn run_without_dac_override(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let what = format!("annals {args:?}");
    wait_with_deadline(spawn_bounded(args, cwd, true), &what, HANG_TIMEOUT)
}

/// What `schemas/events.schema.json` finds wrong with an `events.json`, one
/// line each (`error at /events/0/date`); empty when it validates.
pub fn events_json_errors(data: &serde_json::Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/events.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    validator
        .iter_errors(data)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// The shipped timeline's event files (every `.md` in the repository's
/// content/ not starting with `_` or `.`, translations left out), as
/// (file name, text), sorted.
pub fn shipped_event_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            // Events of the default language: not their translations
            // (`riyadh.uk.md`, read with `languages` in annals.yaml).
            let stem = name.strip_suffix(".md")?;
            let event = !stem.contains('.') && !name.starts_with(['_', '.']);
            event.then(|| (name, std::fs::read_to_string(&path).unwrap()))
        })
        .collect();
    files.sort();
    files
}
