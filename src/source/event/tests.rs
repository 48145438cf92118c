//! Tests of `event`.

use super::*;

fn parse(text: &str) -> Result<Event, Vec<Diagnostic>> {
    parse_event(Path::new("content/2025-02-18-riyadh.md"), text)
}

fn problems(text: &str) -> Vec<(usize, usize, String)> {
    let mut p: Vec<_> = parse(text)
        .unwrap_err()
        .into_iter()
        .map(|d| (d.line, d.column, d.message))
        .collect();
    p.sort();
    p
}

#[test]
fn reads_a_full_event() {
    let e = parse(
        "\u{feff}---\r\ntitle: \"Riyadh: talks\"\r\ndate: 2025-02-18\r\nend: 2025-02-19\r\napproximate: true\r\nstatus: reported\r\nsummary: One line.\r\nactors: [Marco Rubio, Mike Waltz, Marco Rubio]\r\nplaces:\r\n  - Riyadh\r\ntags: [diplomacy]\r\nsources:\r\n  - title: Article\r\n    url: https://example.org/a\r\n    publisher: The Epoch Times\r\n    author: Ryan Morgan\r\n    date: 2025-02-22\r\nrelated: [geneva]\r\n---\r\nBody *text*.\r\n",
    )
    .unwrap();
    assert_eq!(e.slug, "2025-02-18-riyadh");
    assert_eq!(e.title, "Riyadh: talks");
    assert_eq!(e.date.machine(), "2025-02-18");
    assert_eq!(e.end.unwrap().machine(), "2025-02-19");
    assert!(e.approximate);
    assert_eq!(e.status, Status::Reported);
    assert_eq!(e.actors, ["Marco Rubio", "Mike Waltz"]);
    assert_eq!(e.places, ["Riyadh"]);
    assert_eq!(e.sources[0].publisher.as_deref(), Some("The Epoch Times"));
    assert_eq!(e.related[0].value, "geneva");
    assert_eq!((e.related[0].line, e.related[0].column), (18, 11));
    assert_eq!(e.body, "Body *text*.\r\n");
}

#[test]
fn reports_every_problem_of_a_file_at_its_line() {
    let found = problems(
        "---\ntitel: x\ndate: 2025-13-45\nstatus: happend\napproximate: maybe\ntags: a, b\nslug: ../../etc\nsources:\n  - title: A\n    url: javascript:alert(1)\n  - url: https://x.org\n---\n",
    );
    let places: Vec<(usize, usize)> = found.iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(
        places,
        [
            (2, 1),
            (2, 1),
            (3, 7),
            (4, 9),
            (5, 14),
            (6, 7),
            (7, 7),
            (10, 10),
            (11, 5)
        ],
        "{found:#?}"
    );
    assert!(found[0].2.contains("titel") || found[1].2.contains("titel"));
}

#[test]
fn refuses_broken_files_without_panicking() {
    for (text, message) in [
        ("", "empty"),
        ("title: x\n", "no front matter"),
        ("---\ntitle: x\n", "never closed"),
        ("---\n---\n", "empty"),
        ("---\n- a\n- b\n---\n", "mapping"),
        ("---\ntitle: \"x\ndate: 2021\n---\n", "invalid YAML"),
        ("---\ntitle: x\ntitle: y\ndate: 2021\n---\n", "twice"),
        (
            "---\ntitle: x\ndate: 2022\nend: 2021\n---\n",
            "before it starts",
        ),
        ("---\ntitle: [a]\ndate: 2021\n---\n", "must be text"),
        ("---\ntitle: x\ndate: 2021\n---\n---\n", ""),
    ] {
        let result = parse(text);
        if message.is_empty() {
            assert!(result.is_ok(), "{text:?}: {result:?}");
        } else {
            let errors = result.unwrap_err();
            assert!(
                errors.iter().any(|d| d.message.contains(message)),
                "{text:?}: {errors:#?}"
            );
        }
    }
}

#[test]
fn a_yaml_syntax_error_is_placed_in_the_file() {
    let found = problems("---\ntitle: x\ndate: 2021\ntags: [a, b\nplaces: [c]\n---\n");
    assert_eq!((found[0].0, found[0].1), (4, 7), "{found:#?}");
    assert_eq!(
        found.len(),
        1,
        "nothing more is reported after a syntax error: {found:#?}"
    );
}

#[test]
fn a_file_stem_becomes_a_slug() {
    let e = parse_event(
        Path::new("content/Talks in Київ.md"),
        "---\ntitle: x\ndate: 2021\n---\n",
    )
    .unwrap();
    assert_eq!(e.slug, "talks-in-kiyiv");
}
