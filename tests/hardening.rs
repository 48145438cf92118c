//! Hostile input: files and folders made to hang `annals build`, exhaust its
//! memory, read what is not the site's, or leave a broken output. Each
//! test runs the real binary, with its address space limited to
//! `MEMORY_LIMIT` and killed as hung after `HANG_TIMEOUT`
//! (see `common::spawn_bounded`), and checks that it ends either in a clear
//! error — exit 1, the file named, what is wrong said — or in a correct
//! build; never in a panic, a signal or a hang.
//!
//! The flow `[` nesting and the flow-style alias bomb are in
//! tests/bad_input.rs; this file adds the other shapes of both.

mod common;

use common::*;
use std::io::Write;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

/// A good event every site here has, so there is something to build.
const GOOD: &str = "---\ntitle: Good\ndate: 2020\n---\nFine.\n";

/// The size limit for content files, as `annals` states it.
const LIMIT: u64 = 10 * 1024 * 1024;

/// Builds `site` and checks that the build is refused: exit 1, nothing on
/// stdout, the problem at `location` with every one of `words`, no
/// `public/`, and nothing else written. Returns stderr.
fn refused(site: &Site, location: &str, words: &[&str]) -> String {
    refused_by(run_bounded, site, location, words)
}

/// [`refused`], with the build run by `run`.
fn refused_by(
    run: fn(&[&str], &Path) -> (i32, String, String),
    site: &Site,
    location: &str,
    words: &[&str],
) -> String {
    let before = listing(site.root());
    let (code, stdout, stderr) = run(&["build"], site.path());
    assert_eq!(code, 1, "stdout: {stdout}\nstderr: {}", head(&stderr));
    assert!(stdout.is_empty(), "nothing on stdout: {stdout}");
    assert_problem(&stderr, location, words);
    assert!(!site.join("public").exists(), "public/ was created");
    let after = listing(site.root());
    assert_eq!(before, after, "a refused build wrote nothing");
    stderr
}

/// Builds `site` and checks that it built `events` events and that
/// `public/<page>` holds `text`.
fn builds(site: &Site, events: usize, page: &str, text: &str) {
    let (code, stdout, stderr) = run_bounded(&["build"], site.path());
    assert_eq!(code, 0, "{}", head(&stderr));
    assert!(
        stdout.starts_with(&format!("built {events} events")),
        "{stdout}"
    );
    let html = site.read(&format!("public/{page}"));
    assert!(
        html.contains(text),
        "{page} does not hold {text:?}:\n{}",
        head(&html)
    );
}

/// Every path under `dir`, with the size and modification time of files:
/// enough to see that nothing was written, without reading files of
/// gigabytes (as [`tree`] would) or needing to read what is locked.
fn listing(dir: &Path) -> Vec<(PathBuf, Option<(u64, SystemTime)>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| match entry {
            Ok(e) => {
                let meta = e.metadata().unwrap();
                // A folder's time changes when a build makes and removes
                // a temporary folder in it; its entries are what counts.
                let file = (!meta.is_dir()).then(|| (meta.len(), meta.modified().unwrap()));
                (e.into_path(), file)
            }
            Err(e) => (e.path().unwrap_or(dir).to_path_buf(), None),
        })
        .collect()
}

/// [`refused`] for a site of `content/good.md` and one more file.
fn refused_file(rel: &str, text: &str, location: &str, words: &[&str]) -> String {
    refused(
        &site(&[("content/good.md", GOOD), (rel, text)]),
        location,
        words,
    )
}

/// The start of a long message, for assertion messages.
fn head(text: &str) -> &str {
    text.char_indices()
        .nth(3000)
        .map_or(text, |(i, _)| &text[..i])
}

/// Event front matter (title, date) and then `extra`, fenced.
fn front(extra: &str) -> String {
    format!("---\ntitle: x\ndate: 2024\n{extra}---\n")
}

// ---------------------------------------------------------------------------
// YAML made to explode
// ---------------------------------------------------------------------------

#[test]
fn block_style_alias_bomb_is_refused() {
    // The billion laughs with block lists: nine references to the list
    // before, ten times over. Refused at the first anchor.
    let mut yaml = String::from("a0: &a0\n");
    yaml.push_str(&"  - lol\n".repeat(9));
    for i in 1..10 {
        yaml.push_str(&format!("a{i}: &a{i}\n"));
        yaml.push_str(&format!("  - *a{}\n", i - 1).repeat(9));
    }
    let stderr = refused_file(
        "content/bomb.md",
        &front(&yaml),
        "content/bomb.md:4:5",
        &["anchors (`&name`) and aliases (`*name`) are not supported"],
    );
    assert_summary(&stderr, 1, 1);
}

/// Checks that `content/deep.md` with `text` is refused for nesting too
/// deep, at `line:column`.
fn refused_as_too_deep(text: &str, at: &str) {
    let location = format!("content/deep.md:{at}");
    let words = ["nested more than 32 levels deep"];
    let stderr = refused_file("content/deep.md", text, &location, &words);
    assert_summary(&stderr, 1, 1);
}

#[test]
fn flow_mappings_nested_10000_deep_are_refused() {
    // The front matter is level 1, so the 32nd `{` (column 7 + 31 × 4) is
    // one level too deep.
    let text = front(&format!("tags: {}\n", "{a: ".repeat(10_000)));
    refused_as_too_deep(&text, "4:131");
}

#[test]
fn block_lists_nested_10000_deep_are_refused() {
    // `- - - …`: block lists, each inside the last, on one line.
    let compact = front(&format!("tags:\n{}x\n", "- ".repeat(10_000)));
    refused_as_too_deep(&compact, "5:63");
    // The same, indented one more space per level: 3,000 levels (4.5 MB)
    // stay under the size limit, so the parser sees them.
    let indented = |levels: usize| {
        let lines: String = (0..levels)
            .map(|i| format!("{}- \n", " ".repeat(i)))
            .collect();
        front(&format!("tags:\n{lines}"))
    };
    refused_as_too_deep(&indented(3_000), "36:32");
    // 10,000 levels indented are 50 MB, and refused for that first.
    refused_file(
        "content/deep.md",
        &indented(10_000),
        "content/deep.md",
        &["content files may be at most 10 MiB"],
    );
}

#[test]
fn block_mappings_nested_10000_deep_are_refused() {
    // `? ? ? …`: block mappings with explicit keys, each the key of the
    // last, on one line.
    let compact = front(&format!("tags:\n{}x\n", "? ".repeat(10_000)));
    refused_as_too_deep(&compact, "5:65");
    // `a:` mappings indented one more space per level; as for lists,
    // 3,000 levels stay under the size limit.
    let lines: String = (1..=3_000)
        .map(|i| format!("{}a:\n", " ".repeat(i)))
        .collect();
    refused_as_too_deep(&front(&format!("tags:\n{lines}")), "36:33");
}

// ---------------------------------------------------------------------------
// Files too large to read
// ---------------------------------------------------------------------------

/// Writes `head`, then `filler` repeated until the file has at least
/// `size` bytes, then `tail`, without holding the file in memory.
fn write_large(path: &Path, head: &str, filler: &str, size: u64, tail: &str) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    file.write_all(head.as_bytes()).unwrap();
    let chunk = filler.repeat((1 << 20) / filler.len() + 1);
    let mut written = head.len() as u64;
    while written < size {
        file.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len() as u64;
    }
    file.write_all(tail.as_bytes()).unwrap();
    file.flush().unwrap();
}

/// Checks that `rel`, of `size` bytes, is refused for its size, by name
/// and with the limit.
fn refused_for_size(site: &Site, rel: &str, size: u64) {
    assert_eq!(std::fs::metadata(site.join(rel)).unwrap().len(), size);
    let stderr = refused(site, rel, &["content files may be at most 10 MiB"]);
    let block = assert_problem(&stderr, rel, &[&format!("({size} bytes)")]);
    assert!(block.contains("= help: split it"), "{block}");
    assert_summary(&stderr, 1, 1);
}

#[test]
fn a_100_mb_body_is_refused() {
    let site = site(&[("content/good.md", GOOD)]);
    let path = site.join("content/long.md");
    let paragraph = "Words of a very long event body. ".repeat(30) + "\n\n";
    write_large(&path, &front(""), &paragraph, 100 << 20, "The end.\n");
    let size = std::fs::metadata(&path).unwrap().len();
    refused_for_size(&site, "content/long.md", size);
}

#[test]
fn a_100_mb_front_matter_is_refused() {
    let site = site(&[("content/good.md", GOOD)]);
    let path = site.join("content/long.md");
    let head = "---\ntitle: x\ndate: 2024\nsummary: ";
    write_large(&path, head, "many words ", 100 << 20, "\n---\nBody.\n");
    let size = std::fs::metadata(&path).unwrap().len();
    refused_for_size(&site, "content/long.md", size);
}

/// Makes the file at `path` `len` bytes long; what is added is a hole,
/// which takes no room on disk.
fn grow(path: &Path, len: u64) {
    let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.set_len(len).unwrap();
}

#[test]
fn a_file_larger_than_memory_is_refused_without_reading_it() {
    // Four times what the child may allocate (MEMORY_LIMIT), so only a
    // refusal by the size on disk gives the right message.
    let site = site(&[("content/good.md", GOOD), ("content/huge.md", &front(""))]);
    grow(&site.join("content/huge.md"), 4 * MEMORY_LIMIT);
    refused_for_size(&site, "content/huge.md", 4 * MEMORY_LIMIT);
}

#[test]
fn an_oversized_introduction_is_refused() {
    let site = site(&[("content/good.md", GOOD), ("content/_index.md", "Intro.\n")]);
    grow(&site.join("content/_index.md"), LIMIT + 1);
    refused_for_size(&site, "content/_index.md", LIMIT + 1);
}

#[test]
fn an_oversized_settings_file_or_template_is_refused() {
    for (rel, kind) in [
        ("annals.yaml", "settings files"),
        ("templates/event.html", "templates"),
    ] {
        let site = site(&[("content/good.md", GOOD), (rel, "# nothing\n")]);
        grow(&site.join(rel), 4 * MEMORY_LIMIT);
        let stderr = refused(&site, rel, &[&format!("{kind} may be at most 10 MiB")]);
        assert_problem(&stderr, rel, &[&format!("({} bytes)", 4 * MEMORY_LIMIT)]);
    }
}

#[test]
fn a_file_of_exactly_the_limit_builds() {
    // A body of `x` characters padded to exactly 10 MiB: not refused.
    let site = site(&[("content/good.md", GOOD)]);
    let text = front("") + "Last event.\n\n";
    let pad = LIMIT as usize - text.len() - 1;
    site.write("content/long.md", format!("{text}{}\n", "x".repeat(pad)));
    assert_eq!(
        std::fs::metadata(site.join("content/long.md"))
            .unwrap()
            .len(),
        LIMIT
    );
    builds(&site, 2, "events/long/index.html", "Last event.");
}

// ---------------------------------------------------------------------------
// Many files
// ---------------------------------------------------------------------------

/// An event that is `i`'s own: title, a date that spreads events over 125
/// years, and one line of body.
fn numbered_event(i: usize, title: &str) -> (String, String) {
    let (year, month, day) = (1900 + i % 125, 1 + (i / 125) % 12, 1 + (i / 1500) % 28);
    (
        format!("content/e{i:05}.md"),
        format!("---\ntitle: {title} {i}\ndate: {year}-{month:02}-{day:02}\n---\nBody {i}.\n"),
    )
}

/// A site of `count` numbered events.
fn numbered_site(count: usize, title: &str) -> Site {
    let site = site(&[]);
    std::fs::create_dir(site.join("content")).unwrap();
    for i in 0..count {
        let (rel, text) = numbered_event(i, title);
        std::fs::write(site.join(&rel), text).unwrap();
    }
    site
}

#[test]
fn fifty_thousand_events_in_one_folder_build() {
    let site = numbered_site(50_000, "Event");
    // Some 20 s unloaded in a debug build; a loaded machine may take
    // several times that, which is not a hang.
    let started = Instant::now();
    let child = spawn_bounded(&["build"], site.path(), false);
    let (code, stdout, stderr) =
        wait_with_deadline(child, "annals build of 50,000 events", 5 * HANG_TIMEOUT);
    eprintln!("50,000 events built in {:?}", started.elapsed());
    assert_eq!(code, 0, "{}", head(&stderr));
    let public = site.join("public");
    let events: Vec<_> = std::fs::read_dir(public.join("events"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(events.len(), 50_000);
    assert!(events.iter().all(|e| e.join("index.html").is_file()));
    let html = count_html(&public);
    assert!(
        stdout.starts_with(&format!("built 50000 events, {html} pages in ")),
        "{stdout}"
    );
    // One event, on its page and on its year's page: 31415 is 1940-12-21.
    let page = site.read("public/events/e31415/index.html");
    assert!(page.contains("<title>Event 31415 "), "{}", head(&page));
    assert!(page.contains("<time datetime=\"1940-12-21\">21 December 1940"));
    assert!(page.contains("Body 31415."));
    assert!(
        site.read("public/1940/index.html")
            .contains("href=\"../events/e31415/\"")
    );
}

/// The number of `.html` files under `dir`.
fn count_html(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| match e.file_type().unwrap().is_dir() {
            true => count_html(&e.path()),
            false => usize::from(e.path().extension().is_some_and(|x| x == "html")),
        })
        .sum()
}

// ---------------------------------------------------------------------------
// Symlinks
// ---------------------------------------------------------------------------

#[test]
fn symlink_loops_are_reported() {
    let site = site(&[("content/good.md", GOOD)]);
    symlink(".", site.join("content/here")).unwrap();
    symlink("../content", site.join("content/again")).unwrap();
    symlink("self.md", site.join("content/self.md")).unwrap();
    let stderr = refused(
        &site,
        "content/here",
        &["this symlink makes a loop in the content folder"],
    );
    assert_problem(&stderr, "content/again", &["this symlink makes a loop"]);
    assert_problem(
        &stderr,
        "content/self.md",
        &["cannot read", "Too many levels of symbolic links"],
    );
    assert_summary(&stderr, 3, 3);
}

/// Links `content/<link>` to `target` in a folder beside the site, which
/// holds an event that must not be published, and checks that the build
/// is refused, naming the link and what to copy instead (`kind`).
fn refused_link_outside(target: &str, link: &str, kind: &str) {
    let site = site(&[("content/good.md", GOOD)]);
    let outside = site.root().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let secret = "---\ntitle: SECRET\ndate: 2021\n---\nSECRET\n";
    std::fs::write(outside.join("secret.md"), secret).unwrap();
    let rel = format!("content/{link}");
    symlink(outside.join(target), site.join(&rel)).unwrap();
    let stderr = refused(&site, &rel, &["this symlink points outside the site"]);
    let help = format!("= help: copy the {kind} into content/ instead of linking to it");
    assert!(stderr.contains(&help), "{stderr}");
    assert!(!stderr.contains("SECRET"), "{stderr}");
    assert_summary(&stderr, 1, 1);
}

#[test]
fn a_symlink_to_a_file_outside_the_site_is_refused() {
    refused_link_outside("secret.md", "linked.md", "file");
}

#[test]
fn a_symlink_to_a_folder_outside_the_site_is_refused() {
    refused_link_outside(".", "linked", "folder");
}

#[test]
fn symlinks_that_stay_in_the_site_are_followed() {
    let site = site(&[
        ("content/good.md", GOOD),
        ("drafts/later.md", "---\ntitle: Later\ndate: 2022\n---\n"),
        (
            "drafts/more/other.md",
            "---\ntitle: Other\ndate: 2023\n---\n",
        ),
    ]);
    symlink("../drafts/later.md", site.join("content/later.md")).unwrap();
    symlink("../drafts/more", site.join("content/more")).unwrap();
    builds(&site, 3, "events/other/index.html", "<title>Other ");
}

// ---------------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------------

/// Sets the mode of `path` and restores it when dropped, so a failing test
/// leaves a folder its temporary directory can remove.
struct Mode {
    path: PathBuf,
    old: u32,
}

impl Mode {
    fn set(path: PathBuf, mode: u32) -> Mode {
        let old = std::fs::metadata(&path).unwrap().permissions().mode();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        Mode { path, old }
    }
}

impl Drop for Mode {
    fn drop(&mut self) {
        let _ = std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(self.old));
    }
}

/// Makes `locked` in a site of `content/good.md` and `files` unreadable
/// (mode 000) and checks that a build without the power to ignore that is
/// refused, with the problem at `locked`.
fn refused_unreadable(files: &[(&str, &str)], locked: &str, words: &[&str]) {
    let site = site(&[("content/good.md", GOOD)]);
    for (rel, text) in files {
        site.write(rel, text);
    }
    let _mode = Mode::set(site.join(locked), 0o000);
    let stderr = refused_by(run_without_dac_override, &site, locked, words);
    assert_summary(&stderr, 1, 1);
}

#[test]
fn an_unreadable_event_file_is_reported() {
    refused_unreadable(
        &[("content/locked.md", GOOD)],
        "content/locked.md",
        &["cannot read this file", "Permission denied (os error 13)"],
    );
}

#[test]
fn an_unreadable_content_folder_is_reported() {
    refused_unreadable(
        &[("content/locked/inside.md", GOOD)],
        "content/locked",
        &["cannot read", "Permission denied (os error 13)"],
    );
}

#[test]
fn an_output_folder_in_a_read_only_folder_is_reported() {
    let site = site(&[("content/good.md", GOOD)]);
    let read_only = site.root().join("read-only");
    std::fs::create_dir(&read_only).unwrap();
    assert_eq!(
        site.run(&["build", "--output", "../read-only/previous"]).0,
        0
    );
    site.write("content/second.md", "---\ntitle: Second\ndate: 2021\n---\n");
    let _mode = Mode::set(read_only.clone(), 0o555);
    let shown = std::fs::canonicalize(&read_only).unwrap();
    // Neither a new output folder nor a new build of the previous one can
    // be made there; the build says so, and writes nothing anywhere.
    for output in ["../read-only/new", "../read-only/previous"] {
        let before = listing(site.root());
        let (code, stdout, stderr) =
            run_without_dac_override(&["build", "--output", output], site.path());
        assert_eq!(
            code, 1,
            "--output {output}\nstdout: {stdout}\nstderr: {stderr}"
        );
        assert!(stdout.is_empty(), "{stdout}");
        let error = stderr
            .lines()
            .find(|l| l.starts_with("error: "))
            .unwrap_or_else(|| panic!("no error:\n{stderr}"));
        assert!(
            error.starts_with(&format!("error: cannot create {}/", shown.display()))
                && error.ends_with("Permission denied (os error 13)"),
            "--output {output}:\n{stderr}"
        );
        assert!(
            stderr.contains("= help: nothing was changed in the output folder"),
            "{stderr}"
        );
        assert_eq!(
            stderr.trim_end().lines().last(),
            Some("1 problem found; nothing was written.")
        );
        assert_eq!(
            before,
            listing(site.root()),
            "--output {output} wrote nothing"
        );
    }
}

#[test]
fn a_read_only_output_folder_is_replaced_without_leftovers() {
    // The output folder itself read-only, its parent not: the build can
    // rename nothing into it. It must say so, and leave no staging folder
    // behind.
    let site = site(&[("content/good.md", GOOD)]);
    assert_eq!(site.run(&["build"]).0, 0);
    site.write("content/second.md", "---\ntitle: Second\ndate: 2021\n---\n");
    let _mode = Mode::set(site.join("public"), 0o555);
    let (code, stdout, stderr) = run_without_dac_override(&["build"], site.path());
    // Either way is fine: refused with a clear error, or built.
    match code {
        0 => assert!(
            site.read("public/events/second/index.html")
                .contains("Second")
        ),
        _ => assert!(stderr.contains("public"), "{stdout}{stderr}"),
    }
    let leftovers = entries_starting_with(site.path(), ".public.annals");
    for name in &leftovers {
        // So that the temporary folder can be removed without root.
        let _ = std::fs::set_permissions(site.join(name), std::fs::Permissions::from_mode(0o755));
    }
    assert!(
        leftovers.is_empty(),
        "left beside the output: {leftovers:?}\n{stderr}"
    );
}

// ---------------------------------------------------------------------------
// A build killed part-way
// ---------------------------------------------------------------------------

#[test]
fn a_killed_build_leaves_the_previous_output_and_the_next_build_cleans_up() {
    let site = numbered_site(3_000, "Old");
    builds(&site, 3_000, "events/e01234/index.html", "<title>Old 1234 ");
    let public = site.join("public");
    let previous = tree(&public);
    for i in 0..3_000 {
        let (rel, text) = numbered_event(i, "New");
        site.write(&rel, text);
    }

    // Kill the next build as soon as it has started writing.
    let mut child = spawn_bounded(&["build"], site.path(), false);
    let staging = site
        .path()
        .join(format!(".public.annals-new-{}", child.id()));
    let deadline = Instant::now() + HANG_TIMEOUT;
    while !staging.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the build ended ({status}) before its staging folder {staging:?} was seen");
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("no staging folder {staging:?} within {HANG_TIMEOUT:?}");
        }
        std::thread::yield_now();
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(libc::SIGKILL),
        "the build was killed, not finished: {status}"
    );
    assert_same_tree(&previous, &tree(&public), "the output after a killed build");

    // The next build succeeds, and removes what the killed one left.
    builds(&site, 3_000, "events/e01234/index.html", "<title>New 1234 ");
    let leftovers = entries_starting_with(site.path(), ".public.annals");
    assert!(
        leftovers.is_empty(),
        "left beside the output: {leftovers:?}"
    );
}
