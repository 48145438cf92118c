//! Replays the fuzzer's findings and seeds through its driver on stable, so
//! `cargo test` keeps them fixed without nightly or cargo-fuzz: every file
//! in `fuzz/regressions/` and `fuzz/seeds/`, the shipped events, and a few
//! inputs written here. See `fuzz/README.md`.

include!("support/single_event.rs");

use std::path::{Path, PathBuf};

/// The files directly in `dir` of the repository, sorted.
fn files_in(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    files
}

/// Runs every file of `dir` through the driver, naming the one that fails.
fn replay(dir: &str) -> usize {
    let files = files_in(dir);
    for path in &files {
        let data = std::fs::read(path).unwrap();
        if std::panic::catch_unwind(|| run_one(&data)).is_err() {
            panic!("{} fails again", path.display());
        }
    }
    files.len()
}

#[test]
fn saved_crashes_stay_fixed() {
    replay("fuzz/regressions");
}

#[test]
fn seeds_and_shipped_events_pass() {
    assert!(replay("fuzz/seeds") > 0, "no seeds");
    let shipped = replay("content");
    assert!(shipped >= 10, "only {shipped} shipped events");
}

#[test]
fn hand_written_inputs_pass() {
    let long_name = "a ".repeat(300);
    for text in [
        String::new(),
        "---\n".into(),
        "---\n---\n".into(),
        "\u{feff}---\r\ntitle: x\r\ndate: 2021\r\n---\r\n".into(),
        "---\ntitle: x\ndate: 2025-02-18T23:59:60.999-23:59\nend: 2025-02-19\n---\n# x\n# x\n".into(),
        "---\ntitle: x\ndate: 9999-12-31T23:59:59+23:59\n---\n".into(),
        "---\ntitle: x\ndate: 0001-01-01T00:00:00-23:59\n---\n".into(),
        "---\ntitle: x\ndate: 2021\nrelated: [fuzz]\n---\n".into(),
        "---\ntitle: x\ndate: 2021\nrelated: [elsewhere, \"../x\"]\ndraft: true\n---\n".into(),
        format!("---\ntitle: x\ndate: 2021\nactors: [\"{long_name}\"]\ntags: [\"{long_name}\", \"{long_name}x\"]\n---\n"),
        format!("---\ntitle: x\ndate: 2021\nslug: {}\n---\n", "a".repeat(101)),
        "---\ntitle: \"<script>alert(1)</script>\"\ndate: 2021\nsummary: \"{{ site }}\"\nsources:\n  - title: \"]]>\"\n    url: \"https://x.org/?a=1&b=\\\"\"\n---\n<script>x</script>\n".into(),
        format!("---\ntitle: {}\n---\n", "[".repeat(10_000)),
    ] {
        if std::panic::catch_unwind(|| run_one(text.as_bytes())).is_err() {
            panic!("{text:?} fails");
        }
    }
}
