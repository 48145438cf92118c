//! `annals check` warns of thin sourcing, with file:line:column: an event
//! with a single source, a source with no publisher or no date, and one
//! address cited under two titles. Warnings leave the exit status 0;
//! `--strict` makes it 1. `build` does not repeat them.

mod common;
use common::*;

const WELL: &str = "sources:\n  - title: First report\n    url: https://example.org/a\n    publisher: Agency\n    date: 2025-02-20\n  - title: Second report\n    url: https://example.org/b\n    publisher: Paper\n    date: 2025-02-21";

#[test]
fn check_warns_of_thin_sourcing_at_each_source() {
    let site = site(&[
        (
            "content/a.md",
            &event(&format!("title: Talks\ndate: 2025-02-18\n{WELL}"), ""),
        ),
        (
            "content/b.md",
            &event(
                "title: Visit\ndate: 2025-02-19\nsources:\n  - title: Second report, retitled\n    url: https://example.org/b\n    date: 2025-02-21",
                "",
            ),
        ),
    ]);
    let (code, stdout, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "warning: content/b.md:5:5: `Visit` cites a single source; check it against a second, independent one\n\
         warning: content/b.md:5:5: source 1 (\"Second report, retitled\") has no `publisher`: readers cannot tell who published it or when\n\
         warning: content/b.md:5:5: https://example.org/b is cited as \"Second report, retitled\" here and as \"Second report\" at content/a.md:9:5; give one address one title\n"
    );
    assert!(stdout.ends_with("no errors, 3 warnings\n"), "{stdout}");
    let (code, _, _) = site.run(&["check", "--strict"]);
    assert_eq!(code, 1);
    // A build says nothing of them.
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}
