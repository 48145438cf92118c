//! The editor schema of actor files, `schemas/actor.schema.json`, checked
//! as `tests/schemas.rs` checks the event schema: against the shipped actor
//! files, and against good and bad front matter that `annals check` itself
//! judges, so that the two agree. YAML is turned into JSON the way an
//! editor's YAML language server sees it (`from: 2021` is the integer 2021).

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn schema() -> Value {
    let path = Path::new(REPO).join("schemas/actor.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("a usable draft-07 schema")
}

/// YAML text as the JSON value a YAML language server validates.
fn yaml_to_json(yaml: &str) -> Value {
    let value: serde_yaml::Value =
        serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("not YAML: {e}\n{yaml}"));
    serde_json::to_value(value).unwrap_or_else(|e| panic!("not JSON-like: {e}\n{yaml}"))
}

/// Whether `annals check` passes a site with one event and `front` as the
/// front matter of `actors/fixture.md`; and what it printed.
fn annals_check(front: &str) -> (bool, String) {
    let site = site(&[
        (
            "content/a.md",
            &event("title: A\ndate: 2025\nactors: [Marco Rubio]", ""),
        ),
        ("actors/fixture.md", &format!("---\n{front}---\nAbout.\n")),
    ]);
    let (code, _, stderr) = site.run(&["check"]);
    assert!(code == 0 || code == 1, "{stderr}");
    (code == 0, stderr)
}

/// Front matter Annals accepts; the schema must accept it too.
const GOOD: &[(&str, &str)] = &[
    (
        "every key",
        "name: \"Volodymyr Zelenskyy\"\naliases: [Zelensky, \"Zelenskiy\"]\nroles:\n  - title: President of Ukraine\n    from: 2025-02\n    until: 2025-02-28\n  - {title: Envoy, from: 2019, until: 2025-02-18T10:00:00+03:00}\n",
    ),
    ("only a name", "name: Marco Rubio\n"),
    ("a name YAML reads as a number", "name: 1984\n"),
    ("empty optional keys", "name: X\naliases:\nroles: ~\n"),
    ("empty lists", "name: X\naliases: []\nroles: []\n"),
    (
        "a role without dates, and dates left empty",
        "name: X\nroles: [{title: Envoy}, {title: Adviser, from: null, until: ~}]\n",
    ),
    (
        "block lists",
        "name: X\naliases:\n  - Y\nroles:\n  - title: T\n    from: 2021\n",
    ),
    (
        "the yaml-language-server modeline as the first line",
        "# yaml-language-server: $schema=../.annals/actor.schema.json\nname: X\n",
    ),
];

/// Front matter Annals refuses; the schema must refuse it too.
const BAD: &[(&str, &str)] = &[
    ("no name", "aliases: [X]\n"),
    ("an empty name", "name: \"\"\n"),
    ("a blank name", "name: \"  \"\n"),
    ("a name that is a list", "name: [X]\n"),
    ("an unknown key", "name: X\nalias: [Y]\n"),
    ("aliases as text", "name: X\naliases: Y\n"),
    ("an alias that is a list", "name: X\naliases: [[Y]]\n"),
    ("an empty alias", "name: X\naliases: [~]\n"),
    ("roles as text", "name: X\nroles: President\n"),
    ("a role as text", "name: X\nroles: [President]\n"),
    ("a role without a title", "name: X\nroles: [{from: 2025}]\n"),
    (
        "an unknown key in a role",
        "name: X\nroles: [{title: T, since: 2025}]\n",
    ),
    (
        "no month 13",
        "name: X\nroles: [{title: T, from: 2025-13}]\n",
    ),
    (
        "a date in words",
        "name: X\nroles: [{title: T, until: February 2025}]\n",
    ),
    ("a decade", "name: X\nroles: [{title: T, from: 201X}]\n"),
    (
        "an approximate date",
        "name: X\nroles: [{title: T, from: 2021~}]\n",
    ),
    (
        "a two-digit year",
        "name: X\nroles: [{title: T, from: 21}]\n",
    ),
    ("a range", "name: X\nroles: [{title: T, from: 2021/2022}]\n"),
];

#[test]
fn the_schema_is_a_valid_draft_07_schema_with_help_on_every_key() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::draft7::meta::validate(&schema).expect("a valid draft-07 schema");
    let role = &schema["definitions"]["role"];
    for (key, prop) in schema["properties"]
        .as_object()
        .unwrap()
        .iter()
        .chain(role["properties"].as_object().unwrap())
    {
        for help in ["description", "markdownDescription"] {
            assert!(prop.get(help).is_some(), "`{key}` has no {help}");
        }
    }
}

#[test]
fn the_schema_lists_exactly_the_keys_annals_reads() {
    let schema = schema();
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        k.sort();
        k
    };
    let sorted = |k: &[&str]| -> Vec<String> {
        let mut k: Vec<String> = k.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    };
    assert_eq!(keys(&schema), sorted(annals::source::actors::ACTOR_KEYS));
    assert_eq!(
        keys(&schema["definitions"]["role"]),
        sorted(annals::source::actors::ROLE_KEYS)
    );
}

#[test]
fn every_shipped_actor_file_validates() {
    let validator = validator();
    let dir = Path::new(REPO).join("actors");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let front = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split("\n---\n").next())
            .unwrap_or_else(|| panic!("{} has no front matter", path.display()));
        let errors: Vec<String> = validator
            .iter_errors(&yaml_to_json(front))
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        checked += 1;
    }
    assert_eq!(checked, 8, "the shipped actor files");
}

#[test]
fn the_schema_and_annals_agree_on_good_and_bad_files() {
    let validator = validator();
    for (what, front) in GOOD {
        let (ok, stderr) = annals_check(front);
        assert!(ok, "Annals refuses the good `{what}`:\n{stderr}");
        let errors: Vec<String> = validator
            .iter_errors(&yaml_to_json(front))
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "the schema refuses `{what}`: {errors:#?}"
        );
    }
    for (what, front) in BAD {
        assert!(!annals_check(front).0, "Annals accepts the bad `{what}`");
        assert!(
            !validator.is_valid(&yaml_to_json(front)),
            "the schema accepts the bad `{what}`"
        );
    }
}

/// What only Annals can judge: rules across values and across files.
#[test]
fn known_gaps() {
    let validator = validator();
    for (what, front) in [
        (
            "a role that ends before it starts",
            "name: X\nroles: [{title: T, from: 2025-03, until: 2025-02}]\n",
        ),
        (
            "an alias that is the name again, in other case",
            "name: Marco Rubio\naliases: [MARCO RUBIO]\n",
        ),
        (
            "two aliases that differ only by case",
            "name: X\naliases: [Yves, YVES]\n",
        ),
    ] {
        assert!(!annals_check(front).0, "Annals accepts `{what}`");
        assert!(
            validator.is_valid(&yaml_to_json(front)),
            "the schema now refuses `{what}`"
        );
    }
    // A name or alias another file uses is refused too (tests/people.rs);
    // a schema sees one file at a time.

    // The schema refuses, Annals accepts: blank text in an optional key
    // is not given, and text is trimmed.
    for (what, front) in [
        ("a blank from", "name: X\nroles: [{title: T, from: \"\"}]\n"),
        (
            "a date with spaces",
            "name: X\nroles: [{title: T, until: \" 2025 \"}]\n",
        ),
    ] {
        let (ok, stderr) = annals_check(front);
        assert!(ok, "Annals refuses `{what}`:\n{stderr}");
        assert!(
            !validator.is_valid(&yaml_to_json(front)),
            "the schema now accepts `{what}`"
        );
    }
}
