//! After every kind of edit, `annals serve` serves exactly what `annals
//! build` writes for the same site: every page (its event, the previous
//! and next events, its actors', places' and tags' pages old and new, the
//! timeline, year and month pages) and every data file, byte for byte but
//! for the live-reload script, and nothing the build no longer writes.
//! Serve renders only what an edit changes; these tests hold it to the
//! whole site. They wait on the server's reload events, never on a clock.

mod serve_support;

use serve_support::{Served, TIMEOUT, get};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The start of the script serve adds to every page, which ends at the
/// first `</script>` after it.
const SCRIPT: &[u8] = b"<script>(function(){var k=\"annals-scroll:\"";

/// Timelines of more than 2 events get year pages, years of more than 2
/// month pages.
const CONFIG: &str = "title: Edits\ntimeline:\n  split_threshold: 2\n";

fn event(title: &str, date: &str, lists: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n{lists}---\nBody of {title}.\n")
}

fn write(site: &Path, rel: &str, text: &str) {
    let path = site.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Every file `annals build` writes for `site` with `base_url`, by path
/// (the record of the files it wrote left out).
fn built(site: &Path, base_url: &str) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_annals"))
        .arg("build")
        .arg(site)
        .arg("--output")
        .arg(out.path())
        .args(["--base-url", base_url])
        .stdout(Stdio::null())
        .status()
        .expect("annals runs");
    assert!(status.success(), "the site builds");
    let mut files = BTreeMap::new();
    let mut dirs = vec![out.path().to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let rel = path.strip_prefix(out.path()).unwrap();
            let rel = rel.to_str().unwrap().replace('\\', "/");
            if !rel.starts_with(".annals-") {
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// `body` without the live-reload script serve adds to pages.
fn without_script(body: &[u8]) -> Vec<u8> {
    let Some(start) = body.windows(SCRIPT.len()).position(|w| w == SCRIPT) else {
        return body.to_vec();
    };
    let end = body[start..]
        .windows(9)
        .position(|w| w == b"</script>")
        .map_or(body.len(), |e| start + e + 9);
    [&body[..start], &body[end..]].concat()
}

/// What serve gets wrong against `build`, and the paths `gone` (written by
/// an earlier build, not by this one): nothing when it serves the same.
fn differences(served: &Served, build: &BTreeMap<String, Vec<u8>>, gone: &[String]) -> Vec<String> {
    let mut wrong = Vec::new();
    for (path, bytes) in build {
        let (status, _, body) = get(served.address, &format!("/{path}"));
        if status != 200 {
            wrong.push(format!("{path}: status {status}"));
        } else if without_script(&body) != *bytes {
            wrong.push(format!("{path}: other bytes"));
        }
    }
    for path in gone {
        let (status, ..) = get(served.address, &format!("/{path}"));
        if status != 404 {
            wrong.push(format!("{path}: status {status}, not 404"));
        }
    }
    wrong
}

/// A served site and the build to compare it with.
struct Compared {
    site: tempfile::TempDir,
    served: Served,
    events: BufReader<TcpStream>,
    base_url: String,
    last: BTreeMap<String, Vec<u8>>,
}

impl Compared {
    fn start(files: &[(&str, String)]) -> Compared {
        let site = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            write(site.path(), rel, text);
        }
        let (served, _) = Served::start(site.path(), &[], Stdio::null());
        let events = served.listen();
        let base_url = format!("http://{}/", served.address);
        let last = built(site.path(), &base_url);
        let mut compared = Compared {
            site,
            served,
            events,
            base_url,
            last,
        };
        compared.serves_the_build("the first build");
        compared
    }

    /// Makes one edit and waits until serve serves what a build of the
    /// edited site writes, and nothing that build no longer writes; fails
    /// if no rebuild brings it.
    fn edit(&mut self, what: &str, edit: impl FnOnce(&Path)) {
        edit(self.site.path());
        let build = built(self.site.path(), &self.base_url);
        assert_ne!(build, self.last, "{what}: the edit changes the build");
        let gone: Vec<String> = (self.last.keys())
            .filter(|p| !build.contains_key(*p))
            .cloned()
            .collect();
        self.last = build;
        self.wait(what, &gone);
    }

    fn serves_the_build(&mut self, what: &str) {
        self.wait(what, &[]);
    }

    /// Waits for rebuilds until serve serves the last build (checked
    /// first, then after each reload); a change may come as more than one
    /// rebuild.
    fn wait(&mut self, what: &str, gone: &[String]) {
        let deadline = Instant::now() + TIMEOUT;
        let mut line = String::new();
        loop {
            let wrong = differences(&self.served, &self.last, gone);
            if wrong.is_empty() {
                return;
            }
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                assert!(!left.is_zero(), "{what}: serve differs: {wrong:#?}");
                self.events.get_ref().set_read_timeout(Some(left)).unwrap();
                line.clear();
                match self.events.read_line(&mut line) {
                    Ok(n) if n > 0 => {}
                    _ => panic!("{what}: no rebuild; serve differs: {wrong:#?}"),
                }
                if line.trim_end() == "data: reload" {
                    break;
                }
            }
        }
    }
}

fn sample() -> Vec<(&'static str, String)> {
    vec![
        ("annals.yaml", CONFIG.to_string()),
        (
            "content/a.md",
            event(
                "Alpha",
                "2024-03-01",
                "actors: [Alice]\nplaces: [Geneva]\ntags: [trade]\n",
            ),
        ),
        (
            "content/b.md",
            event("Bravo", "2024-03-15", "actors: [Bob]\n"),
        ),
        (
            "content/c.md",
            event(
                "Charlie",
                "2024-05-02",
                "actors: [Alice, Bob]\ntags: [talks]\n",
            ),
        ),
        (
            "content/d.md",
            event("Delta", "2025-01-10", "actors: [Carol]\n"),
        ),
        (
            "content/e.md",
            event("Echo", "2025-02-01", "tags: [trade]\n"),
        ),
    ]
}

#[test]
fn after_each_edit_of_events_serve_serves_what_build_writes() {
    let mut site = Compared::start(&sample());
    assert!(
        site.last.contains_key("2024/03/index.html") && site.last.contains_key("events.json"),
        "the sample has month pages and data files: {:?}",
        site.last.keys()
    );
    site.edit("a title", |s| {
        let text = event(
            "Alpha renamed",
            "2024-03-01",
            "actors: [Alice]\nplaces: [Geneva]\ntags: [trade]\n",
        );
        write(s, "content/a.md", &text);
    });
    site.edit("an actor, a place and a year", |s| {
        let text = event(
            "Alpha renamed",
            "2025-03-01",
            "actors: [Dave]\nplaces: [Vienna]\ntags: [trade]\n",
        );
        write(s, "content/a.md", &text);
    });
    site.edit("a new event", |s| {
        let text = event("Foxtrot", "2024-03-20", "actors: [Carol]\ntags: [new]\n");
        write(s, "content/f.md", &text);
    });
    site.edit("a deleted event", |s| {
        std::fs::remove_file(s.join("content/d.md")).unwrap();
    });
    site.edit("a renamed file", |s| {
        std::fs::rename(s.join("content/e.md"), s.join("content/echo.md")).unwrap();
    });
    site.edit("a new event in a new folder", |s| {
        let text = event("Golf", "2024-03-21", "tags: [trade]\n");
        std::fs::create_dir(s.join("content/more")).unwrap();
        write(s, "content/more/g.md", &text);
    });
    site.edit(
        "an event saved as editors do, through a temporary file",
        |s| {
            let text = event("Golf saved", "2024-03-21", "tags: [trade]\n");
            write(s, "content/more/.g.md.swp", &text);
            std::fs::rename(
                s.join("content/more/.g.md.swp"),
                s.join("content/more/g.md"),
            )
            .unwrap();
        },
    );
    site.edit("a folder of events deleted", |s| {
        std::fs::remove_dir_all(s.join("content/more")).unwrap();
    });
    site.edit("a body", |s| {
        let text = event("Bravo", "2024-03-15", "actors: [Bob]\n");
        write(s, "content/b.md", &text.replace("Body of", "New body of"));
    });
}

#[test]
fn after_a_template_or_config_edit_serve_serves_what_build_writes() {
    let mut site = Compared::start(&sample());
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/components.html");
    let components = std::fs::read_to_string(theme).unwrap();
    let marked = components.replacen(
        "<p class=\"event-meta\">",
        "<p class=\"event-meta\">Card: ",
        1,
    );
    assert_ne!(
        marked, components,
        "the theme's event card has its meta line"
    );
    site.edit("the event card's template", |s| {
        write(s, "templates/components.html", &marked);
    });
    site.edit("the event card's template again", |s| {
        write(
            s,
            "templates/components.html",
            &marked.replace("Card: ", "Card, "),
        );
    });
    site.edit("the config", |s| {
        write(s, "annals.yaml", &CONFIG.replace("Edits", "Edited"));
    });
    site.edit("the template removed", |s| {
        std::fs::remove_file(s.join("templates/components.html")).unwrap();
    });
}
