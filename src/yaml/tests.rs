//! Tests of `yaml`.

use super::*;

fn map(text: &str) -> Vec<(Key, Node)> {
    match parse(text) {
        (Some(Node::Map { entries, .. }), errors) if errors.is_empty() => entries,
        other => panic!("{other:?}"),
    }
}

#[test]
fn keeps_positions_of_keys_and_values() {
    let entries = map("title: Riyadh\ntags:\n  - a\n  - b\n");
    assert_eq!(entries[0].0.pos, Pos { line: 1, column: 1 });
    assert_eq!(entries[0].1.pos(), Pos { line: 1, column: 8 });
    let Node::Seq { items, .. } = &entries[1].1 else {
        panic!()
    };
    assert_eq!(items[1].pos(), Pos { line: 4, column: 5 });
}

#[test]
fn columns_count_characters() {
    let entries = map("title: «x»\ndate: 2021\n");
    assert_eq!(entries[1].1.pos(), Pos { line: 2, column: 7 });
    let entries = map("a: «é»\nb: «é»");
    assert_eq!(entries[1].1.pos().column, 4);
}

#[test]
fn quoted_null_is_text() {
    let entries = map("a: \"null\"\nb: null\nc:\n");
    assert!(!entries[0].1.is_null());
    assert!(entries[1].1.is_null());
    assert!(entries[2].1.is_null());
}

#[test]
fn reports_duplicate_keys_at_the_second() {
    let (_, errors) = parse("title: a\ndate: 2021\ntitle: b\n");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].pos, Pos { line: 3, column: 1 });
    assert_eq!(errors[0].first, Some(Pos { line: 1, column: 1 }));
}

#[test]
fn unclosed_quote_points_at_its_start() {
    let (node, errors) = parse("date: 2021\ntitle: \"Battle\nx: y\n");
    assert!(node.is_none());
    assert_eq!(errors[0].pos, Pos { line: 2, column: 8 });
}

#[test]
fn refuses_aliases_and_deep_nesting_quickly() {
    let (_, errors) = parse("a: &x [1, 2]\nb: *x\n");
    assert!(errors[0].message.contains("anchors"));
    let deep = format!("title: {}", "[".repeat(100_000));
    let (_, errors) = parse(&deep);
    assert!(errors[0].message.contains("nested"), "{errors:?}");
}

#[test]
fn empty_text_is_an_empty_mapping() {
    assert!(map("").is_empty());
    assert!(map("# only a comment\n").is_empty());
}
