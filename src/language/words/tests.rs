use super::*;

fn site(tag: &str, text: &str) -> Result<Words, Vec<Diagnostic>> {
    Words::new(tag, Some((Path::new("i18n/x.yaml"), text)))
}

#[test]
fn english_says_every_word() {
    let w = Words::english();
    assert_eq!(w.get("timeline"), "Timeline");
    assert_eq!(w.say_count("events", 1, &[]), "1 event");
    assert_eq!(w.say_count("events", 3, &[]), "3 events");
    assert_eq!(w.say("since", &[("date", "2025")]), "since 2025");
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
}

#[test]
fn ukrainian_counts_have_three_forms() {
    let w = Words::new("uk-UA", None).unwrap();
    let said: Vec<String> = [1, 2, 5, 21]
        .iter()
        .map(|&n| w.say_count("events", n, &[]))
        .collect();
    assert_eq!(said, ["1 подія", "2 події", "5 подій", "21 подія"]);
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
}

#[test]
fn arabic_counts_have_six_forms() {
    let w = Words::new("ar", None).unwrap();
    let forms: Vec<&str> = [0, 1, 2, 3, 11, 100]
        .iter()
        .map(|&n| w.count("events", n))
        .collect();
    let mut distinct = forms.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 6, "{forms:?}");
}

#[test]
fn tags_find_the_theme_translation() {
    assert_eq!(
        Words::new("pt-BR", None).unwrap().get("timeline"),
        "Linha do tempo"
    );
    assert_eq!(
        Words::new("zh-Hans-CN", None).unwrap().get("timeline"),
        "时间线"
    );
    assert_eq!(
        Words::new("en-GB", None).unwrap().get("timeline"),
        "Timeline"
    );
}

#[test]
fn the_site_file_comes_first_then_the_theme_then_english() {
    let w = site("uk", "timeline: Хроніка\n").unwrap();
    assert_eq!(w.get("timeline"), "Хроніка");
    assert_eq!(w.get("actors"), "Учасники");
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
    // A language the theme lacks: the site's words, English for the rest,
    // and a warning for each word missing.
    let w = site("it", "timeline: Cronologia\n").unwrap();
    assert_eq!(w.get("timeline"), "Cronologia");
    assert_eq!(w.get("actors"), "Actors");
    assert!(
        w.warnings
            .iter()
            .any(|m| m.contains("`actors` is missing") && m.contains("i18n/x.yaml"))
    );
    assert!(!w.warnings.iter().any(|m| m.contains("`timeline`")));
}

#[test]
fn a_language_without_any_translation_is_english_with_one_warning() {
    let w = Words::new("it", None).unwrap();
    assert_eq!(w.get("timeline"), "Timeline");
    assert_eq!(w.warnings.len(), 1, "{:?}", w.warnings);
}

#[test]
fn unknown_keys_are_warnings_with_their_place() {
    let w = site("en", "timeline: Story\ntimelin: x\n").unwrap();
    assert_eq!(w.warnings.len(), 1, "{:?}", w.warnings);
    assert!(
        w.warnings[0].starts_with("i18n/x.yaml:2:1: `timelin`"),
        "{:?}",
        w.warnings
    );
    assert!(w.warnings[0].contains("did you mean `timeline`"));
}

#[test]
fn bad_files_are_errors_with_their_place() {
    let e = site("en", "timeline: [a, b]\n").unwrap_err();
    assert_eq!((e[0].line, e[0].column), (1, 11), "{e:?}");
    let e = site("en", "events:\n  one: x\n").unwrap_err();
    assert!(e[0].message.contains("no `other`"), "{e:?}");
    let e = site("en", "events:\n  several: x\n  other: y\n").unwrap_err();
    assert_eq!(e[0].line, 2, "{e:?}");
    let e = site("en", "timeline: \"unclosed\n").unwrap_err();
    assert!(e[0].line >= 1, "{e:?}");
    let e = site("en", "- a\n").unwrap_err();
    assert!(e[0].message.contains("map of words"), "{e:?}");
}

#[test]
fn filling_escapes_the_pattern_for_html_not_the_values() {
    assert_eq!(
        fill("A & {date} {x}", &[("date", "<time>1</time>")], true),
        "A &amp; <time>1</time> {x}"
    );
    assert_eq!(fill("{a}{b}", &[("a", "1"), ("b", "2")], false), "12");
    assert_eq!(fill("{ {a", &[("a", "1")], false), "{ {a");
}

#[test]
fn every_translation_is_complete_and_has_the_forms_its_language_needs() {
    let english = Words::english();
    for (name, _) in TRANSLATIONS {
        let w = Words::new(name, None).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(w.warnings.is_empty(), "{name}: {:?}", w.warnings);
        let text = TRANSLATIONS.iter().find(|(n, _)| n == name).unwrap().1;
        let parsed = parse(Path::new(name), text).unwrap();
        for (key, _) in english.entries() {
            assert!(
                parsed.iter().any(|(k, _, _)| k == key),
                "{name} lacks `{key}`"
            );
        }
        let needed = w.language().plural_forms();
        for (key, entry) in w.entries() {
            let Entry::Forms(forms) = entry else { continue };
            for p in &needed {
                assert!(
                    forms.iter().any(|(f, _)| f == p),
                    "{name}: `{key}` lacks `{}`",
                    p.as_str()
                );
            }
            // Every form keeps the placeholders of the English word.
            let Some(Entry::Forms(en)) = english.find(key) else {
                panic!("{name}: `{key}` is a count in English too");
            };
            for (_, text) in forms {
                for part in en[0].1.split('{').skip(1) {
                    let ph = part.split('}').next().unwrap();
                    if ph != "n" {
                        assert!(
                            text.contains(&format!("{{{ph}}}")),
                            "{name}: `{key}` lacks {{{ph}}}"
                        );
                    }
                }
            }
        }
        if *name != "en" {
            assert!(
                text.starts_with('#') && text.lines().take(6).any(|l| l.contains("native speaker")),
                "{name}: no review note"
            );
        }
        // Words that wrap a value keep its placeholder.
        for (key, entry) in english.entries() {
            let Entry::Text(en) = entry else { continue };
            for part in en.split('{').skip(1) {
                let ph = part.split('}').next().unwrap();
                assert!(
                    w.get(key).contains(&format!("{{{ph}}}")),
                    "{name}: `{key}` lacks {{{ph}}}"
                );
            }
        }
    }
}
