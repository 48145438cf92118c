//! Tests of `simple`.

use super::super::{parse, parse_with_libyaml};
use super::events;

/// Asserts that `text` gives the same tree and problems both ways, and
/// says whether the fast reader read it.
fn agrees(text: &str) -> bool {
    assert_eq!(parse(text), parse_with_libyaml(text), "on {text:?}");
    events(text).is_some()
}

#[test]
fn reads_the_usual_front_matter() {
    let text = "title: \"Talks in Riyadh\"\ndate: 2025-02-18 # Tuesday\n\
                tags: [diplomacy, \"US–Russia\", 'it''s']\nactors:\n  - Marco Rubio\n  - «Sergei»\n\
                sources:\n- title: Report\n  url: https://example.org/a#b\n  \
                publisher: 'The Times'\nrelated: []\nsummary: a, b [c] {d} x:y\n";
    assert!(agrees(text));
}

#[test]
fn leaves_everything_else_to_libyaml() {
    for text in [
        "",
        "# only a comment\n",
        "title:\n",
        "title: a\n  b\n",
        "title: a: b\n",
        "title: \"a\\\"b\"\n",
        "title: |\n  a\n",
        "title: &a x\nb: *a\n",
        "title: [a,\n  b]\n",
        "title: {a: b}\n",
        "title: x\n---\nb: c\n",
        "title:\tx\n",
        "title: x\r\n",
        "\u{feff}title: x\n",
        "title: x\u{2028}y\n",
        " title: x\n",
        "- a\n",
    ] {
        assert!(!agrees(text), "{text:?}");
    }
}

/// A small random number source, the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

const KEYS: &[&str] = &["title", "tags", "a-b", "_x", "2025", "t", "url"];
const BAD_KEYS: &[&str] = &["-k", "ti tle", "\"q\"", "? k", "k k", "[k]"];
const VALUES: &[&str] = &[
    "Riyadh",
    "a b  c",
    "x:y",
    "a #c",
    "a#b",
    "-5",
    "-x",
    "2025-02-18",
    "null",
    "~",
    "é«»",
    "a, b",
    "[x]",
    "x]",
    "\"q\"",
    "'it''s'",
    "\"a\" # c",
    "'a' ",
    "[a, b]",
    "[\"a\", 'b']",
    "[]",
    "[ ]",
    "[a b, c d]",
    "[é, ü] #c",
    "[a,b]",
    "[ a , b ]",
    "a ",
    "\"\"",
    "''",
    "\"a'b\"",
    "'a\"b'",
    "x-y_z.w/v",
    "1.5",
    "true",
];
const BAD_VALUES: &[&str] = &[
    "x: y",
    "- x",
    "\"a\\\"b\"",
    "'x",
    "\"open",
    "\"a\" b",
    "\"a\"#c",
    "[a,]",
    "[a: b]",
    "[[a]]",
    "[a, {b: c}]",
    "[a",
    "[a]x",
    "|",
    ">",
    "&a x",
    "*a",
    "!t x",
    "%x",
    "@x",
    "`x",
    "x\u{85}y",
    "x\u{feff}",
    "a\u{2028}",
    "?x",
    ":x",
    "#",
    "a:",
    "a\tb",
    "x\r",
];

/// A mapping of 1–4 keys at `indent`, each line after `first` (which
/// goes where the caller has put its text already).
fn gen_map(r: &mut Rng, out: &mut String, indent: usize, depth: usize) {
    for n in 0..1 + r.below(4) {
        if n > 0 {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(r.pick(KEYS));
        out.push(':');
        match r.below(if depth < 3 { 6 } else { 3 }) {
            0..=2 => {
                out.push_str(&" ".repeat(1 + r.below(2)));
                out.push_str(r.pick(VALUES));
                out.push('\n');
            }
            3 => {
                out.push('\n');
                let inner = indent + 1 + r.below(4);
                out.push_str(&" ".repeat(inner));
                gen_map(r, out, inner, depth + 1);
            }
            _ => {
                out.push_str(["", " # list"][r.below(2)]);
                out.push('\n');
                // Sometimes a list at the key's own indentation.
                let inner = indent + r.below(3) * 2;
                gen_seq(r, out, inner, depth + 1);
            }
        }
        if r.below(8) == 0 {
            out.push_str(["\n", "# c\n", "   # c\n", "  \n"][r.below(4)]);
        }
    }
}

/// A block list of 1–3 items at `indent`.
fn gen_seq(r: &mut Rng, out: &mut String, indent: usize, depth: usize) {
    for _ in 0..1 + r.below(3) {
        out.push_str(&" ".repeat(indent));
        let gap = 1 + r.below(3) * r.below(2);
        out.push('-');
        out.push_str(&" ".repeat(gap));
        if depth < 3 && r.below(3) == 0 {
            gen_map(r, out, indent + 1 + gap, depth + 1);
        } else {
            out.push_str(r.pick(VALUES));
            out.push('\n');
        }
    }
}

/// Spoils one line of `text` in one of several ways.
fn spoil(r: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let i = r.below(lines.len());
    match r.below(6) {
        0 => lines[i].insert(0, ' '),
        1 => {
            let line = lines[i].trim_start().to_string();
            lines[i] = line;
        }
        2 => lines[i] = format!("{}: {}", r.pick(BAD_KEYS), r.pick(VALUES)),
        3 => lines[i] = format!("{}: {}", r.pick(KEYS), r.pick(BAD_VALUES)),
        4 => lines.insert(
            i,
            r.pick(&["-", "---", "...", "  - ", "t:", "x", "  y"])
                .into(),
        ),
        _ => {
            let line = &mut lines[i];
            let at = line
                .char_indices()
                .map(|(j, _)| j)
                .nth(r.below(line.chars().count().max(1)));
            line.insert_str(
                at.unwrap_or(0),
                r.pick(&[":", " ", "#", "'", "\"", "]", "\t", "é"]),
            );
        }
    }
    lines.join("\n") + "\n"
}

/// Random front matter, half of it spoilt: each is read the same both
/// ways, and the fast reader reads many of them.
#[test]
fn agrees_with_libyaml_on_generated_documents() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut fast, cases) = (0, 20_000);
    for _ in 0..cases {
        let mut text = String::new();
        gen_map(&mut r, &mut text, 0, 0);
        if r.below(2) == 0 {
            text = spoil(&mut r, &text);
        }
        if agrees(&text) {
            fast += 1;
        }
    }
    assert!(fast > cases / 4, "only {fast} of {cases} read fast");
}

#[test]
fn reads_the_shipped_events_fast() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut read = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let Some(front) = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
        else {
            continue;
        };
        assert!(agrees(front.0), "{:?} is not read fast", front.0);
        read += 1;
    }
    assert!(read >= 10, "only {read} events");
}
