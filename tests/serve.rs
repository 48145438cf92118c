//! `annals serve` answers like a static host, and only from its build,
//! which it keeps in memory.

mod serve_support;

use serve_support::{EVENTS_PATH, Served, wait_for};
use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpStream};
use std::process::Stdio;

/// Starts `annals serve` on the shipped site.
fn serve() -> Served {
    Served::start(env!("CARGO_MANIFEST_DIR").as_ref(), &[], Stdio::inherit()).0
}

/// Sends one GET and returns (status, headers, body).
fn get(address: SocketAddr, path: &str) -> (u16, String, String) {
    let (status, head, body) = serve_support::get(address, path);
    (status, head, String::from_utf8_lossy(&body).into_owned())
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
fn serves_each_language_of_the_site_from_its_folder() {
    // The shipped timeline is in English and Ukrainian (`uk/`).
    let s = serve();
    let (status, _, body) = get(s.address, "/uk/");
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"uk\""), "{body}");
    assert!(body.contains("hreflang=\"en\""), "{body}");
    let (status, _, body) = get(s.address, "/uk/events/2025-02-18-riyadh-meeting/");
    assert_eq!(status, 200);
    assert!(body.contains("Ер-Ріяд"), "{body}");
    let (status, _, body) = get(s.address, "/uk/events.json");
    assert_eq!(status, 200);
    // serve gives the data files its own address as `base_url`.
    assert!(
        body.contains("/uk/events/2025-02-18-riyadh-meeting/"),
        "{body}"
    );
    assert!(
        body.contains("Ер-Ріяд"),
        "the Ukrainian events.json is in Ukrainian"
    );
    let (status, head, _) = get(s.address, "/uk/events/2025-02-18-riyadh-meeting");
    assert_eq!(status, 301);
    assert!(
        head.contains("Location: /uk/events/2025-02-18-riyadh-meeting/"),
        "{head}"
    );
    // The editions share the root's assets.
    let (status, _, _) = get(s.address, "/uk/assets/annals.css");
    assert_eq!(status, 404);
}

#[test]
fn never_serves_files_outside_the_build() {
    let s = serve();
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/events/%2E%2E/%2e%2e/%2e%2e/etc/passwd",
        "/..%5c..%5cetc%5cpasswd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/a%2f..%2f..%2fetc/passwd",
        "/%00",
        "/index.html%00.png",
        "//etc/passwd",
        "/etc/passwd",
        "http://localhost/../Cargo.toml",
        "file:///etc/passwd",
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
fn ctrl_c_ends_the_server_cleanly_and_nothing_is_written() {
    let live = Live::start(&[("content/a.md", EVENT_A)]);
    assert_eq!(get(live.served.address, "/events/a/").0, 200);
    let mut served = live.served;
    assert!(served.interrupt().success());
    let mut left: Vec<_> = std::fs::read_dir(live.site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["content"], "serve renders in memory");
}

#[test]
fn a_taken_port_is_skipped_and_said_so() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (served, printed) = Served::start(
        env!("CARGO_MANIFEST_DIR").as_ref(),
        &["--no-reload", "--port", &port],
        Stdio::inherit(),
    );
    let said = printed.before.first().expect("a line").as_str();
    assert_ne!(served.address.port().to_string(), port);
    assert_eq!(
        said,
        format!(
            "port {port} is taken; using {} instead",
            served.address.port()
        )
    );
    assert_eq!(get(served.address, "/").0, 200);
}

#[test]
fn static_files_are_served_but_not_through_symlinks() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "do not serve").unwrap();
    let live = Live::start(&[
        ("content/a.md", EVENT_A),
        ("static/img/logo.svg", "<svg/>"),
        ("static/robots.txt", "User-agent: *"),
    ]);
    let static_dir = live.site.path().join("static");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        static_dir.join("link.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), static_dir.join("dir")).unwrap();
    let mut events = live.listen();
    live.write("static/robots.txt", "User-agent: annals");
    wait_for(&mut events, "data: reload");
    let (status, head, body) = get(live.served.address, "/img/logo.svg");
    assert_eq!((status, body.as_str()), (200, "<svg/>"));
    assert!(head.contains("image/svg+xml"), "{head}");
    assert_eq!(
        get(live.served.address, "/robots.txt").2,
        "User-agent: annals",
        "static files are read again at each rebuild"
    );
    for path in ["/link.txt", "/dir/secret.txt"] {
        let (status, _, body) = get(live.served.address, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("do not serve"), "{path}");
    }
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
        let (mut served, printed) = Served::start(site.path(), &[], Stdio::piped());
        let lines = printed.rest;
        // Whatever the server prints next, on either stream, for the test.
        let (tx, output) = std::sync::mpsc::channel();
        let tx2 = tx.clone();
        let stderr = served.child.stderr.take().unwrap();
        std::thread::spawn(move || lines.map_while(Result::ok).for_each(|l| drop(tx.send(l))));
        std::thread::spawn(move || {
            BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
                .for_each(|l| drop(tx2.send(l)))
        });
        Live {
            served,
            site,
            output,
        }
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.site.path().join(rel), text).unwrap();
    }

    fn listen(&self) -> BufReader<TcpStream> {
        self.served.listen()
    }

    fn listen_at(&self, path: &str) -> BufReader<TcpStream> {
        self.served.listen_at(path)
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

    assert!(
        !live.site.path().join("public").exists(),
        "serve writes no build"
    );
}

#[test]
fn a_page_from_an_older_build_reloads_as_soon_as_it_listens() {
    let live = Live::start(&[("content/a.md", EVENT_A)]);
    let (_, _, page) = get(live.served.address, "/events/a/");
    let since = page
        .split("/__annals/events?since=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the script names the build of its page")
        .to_string();
    let mut current = live.listen_at(&format!("{EVENTS_PATH}?since={since}"));
    live.write("content/b.md", &EVENT_A.replace("First version", "Another"));
    wait_for(&mut current, "data: reload");
    // A page of the build before that one, connecting only now.
    let mut stale = live.listen_at(&format!("{EVENTS_PATH}?since={since}"));
    wait_for(&mut stale, "data: reload");
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

#[test]
fn an_edit_in_actors_is_rebuilt() {
    let live = Live::start(&[
        (
            "content/a.md",
            "---\ntitle: \"Barbs\"\ndate: 2025-02-21\nactors: [Zelensky]\n---\n",
        ),
        ("actors/z.md", "---\nname: Zelensky\n---\n"),
    ]);
    let (_, _, page) = get(live.served.address, "/events/a/");
    assert!(
        page.contains("<a href=\"../../actors/zelensky/\" dir=\"auto\">Zelensky</a></li>"),
        "{page}"
    );
    let mut events = live.listen();
    live.write(
        "actors/z.md",
        "---\nname: Volodymyr Zelenskyy\naliases: [Zelensky]\nroles: [{title: President of Ukraine, from: 2025-02, until: 2025-02}]\n---\n",
    );
    wait_for(&mut events, "data: reload");
    let (_, _, page) = get(live.served.address, "/events/a/");
    assert!(
        page.contains("<a href=\"../../actors/volodymyr-zelenskyy/\" dir=\"auto\">Zelensky</a>, <span class=\"role\" dir=\"ltr\">President of Ukraine</span>"),
        "{page}"
    );
    assert_eq!(get(live.served.address, "/actors/zelensky/").0, 404);
    live.printed("actors/z.md changed: rebuilt");
}

/// Waits for reloads until `ready` holds (checked first, then after each
/// reload): a change may come as more than one rebuild. Fails if it does
/// not hold within the timeout (the stream's heartbeats do not extend it).
fn reload_until(events: &mut BufReader<TcpStream>, ready: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + serve_support::TIMEOUT;
    let mut line = String::new();
    while !ready() {
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            assert!(!left.is_zero(), "no rebuild brought the change");
            events.get_ref().set_read_timeout(Some(left)).unwrap();
            line.clear();
            match events.read_line(&mut line) {
                Ok(n) if n > 0 => {}
                _ => panic!("no rebuild brought the change"),
            }
            if line.trim_end() == "data: reload" {
                break;
            }
        }
    }
}

/// Whether the page at `path` is served and contains `text`.
fn shows(address: SocketAddr, path: &str, text: &str) -> bool {
    let (status, _, body) = get(address, path);
    status == 200 && body.contains(text)
}

#[test]
fn content_deleted_and_restored_is_still_watched() {
    let live = Live::start(&[("content/a.md", EVENT_A)]);
    let address = live.served.address;
    let content = live.site.path().join("content");
    let mut events = live.listen();

    // `rm -rf content && cp -r backup content`
    std::fs::remove_dir_all(&content).unwrap();
    std::fs::create_dir(&content).unwrap();
    live.write(
        "content/a.md",
        &EVENT_A.replace("First version", "Restored"),
    );
    reload_until(&mut events, || {
        shows(address, "/events/a/", "<h1>Restored</h1>")
    });

    live.write("content/a.md", &EVENT_A.replace("First version", "Edited"));
    reload_until(&mut events, || {
        shows(address, "/events/a/", "<h1>Edited</h1>")
    });
    live.write("content/b.md", &EVENT_A.replace("First version", "New"));
    reload_until(&mut events, || shows(address, "/events/b/", "<h1>New</h1>"));

    // `mv content x && mv x content`
    let away = live.site.path().join("x");
    std::fs::rename(&content, &away).unwrap();
    std::fs::rename(&away, &content).unwrap();
    live.write(
        "content/a.md",
        &EVENT_A.replace("First version", "Moved back"),
    );
    reload_until(&mut events, || {
        shows(address, "/events/a/", "<h1>Moved back</h1>")
    });
    live.write("content/c.md", &EVENT_A.replace("First version", "Newer"));
    reload_until(&mut events, || {
        shows(address, "/events/c/", "<h1>Newer</h1>")
    });
}

#[test]
fn templates_deleted_and_restored_are_still_watched() {
    let live = Live::start(&[("content/a.md", EVENT_A)]);
    let address = live.served.address;
    let mut events = live.listen();
    let templates = live.site.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    live.write("templates/404.html", "<body>gone one</body>");
    reload_until(&mut events, || {
        get(address, "/nope/").2.contains("gone one")
    });
    std::fs::remove_dir_all(&templates).unwrap();
    std::fs::create_dir(&templates).unwrap();
    live.write("templates/404.html", "<body>gone two</body>");
    reload_until(&mut events, || {
        get(address, "/nope/").2.contains("gone two")
    });
    live.write("templates/404.html", "<body>gone three</body>");
    reload_until(&mut events, || {
        get(address, "/nope/").2.contains("gone three")
    });
}

#[test]
fn pages_are_rendered_when_asked_for_and_a_template_error_is_shown() {
    let live = Live::start(&[
        ("content/a.md", EVENT_A),
        ("content/b.md", &EVENT_A.replace("First version", "Second")),
    ]);
    let address = live.served.address;
    let mut events = live.listen();
    // Each page is rendered on its own, and again after an edit.
    assert!(shows(address, "/events/a/", "<h1>First version</h1>"));
    assert!(shows(address, "/events/a/", "<h1>First version</h1>"));
    live.write("content/a.md", &EVENT_A.replace("First version", "Third"));
    reload_until(&mut events, || {
        shows(address, "/events/a/", "<h1>Third</h1>")
    });
    assert!(shows(address, "/events/b/", "<h1>Second</h1>"));

    // A template that fails only when a page is rendered: the page shows why.
    std::fs::create_dir(live.site.path().join("templates")).unwrap();
    live.write("templates/event.html", "<body>{{ no_such_value.x }}</body>");
    reload_until(&mut events, || get(address, "/events/a/").0 == 500);
    let (_, _, page) = get(address, "/events/a/");
    assert!(page.contains("The site does not build"), "{page}");
    assert!(page.contains("no_such_value"), "{page}");
    assert_eq!(get(address, "/").0, 200, "other pages are still served");
}
