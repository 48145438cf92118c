//! The shipped timeline in its two languages in headless Chromium
//! (tests/browser/languages.mjs): the Ukrainian edition under /uk/, its
//! dates by the language's rules and its counts in the right plural form,
//! the language switcher (there and back), every `hreflang` alternate
//! loading as a page in its language, filtering in Cyrillic in any case,
//! and axe, at 1280 and 390 px. The Nu Html Checker reads these pages with
//! every other page of the shipped site (tests/browser.rs).
//!
//! Needs the tools tests/browser.rs lists; without them the test prints
//! `SKIPPED:` and passes, and under `CI` fails.

mod browser_support;
use browser_support::*;
use std::path::Path;

/// An event of the shipped timeline with a Ukrainian translation, known to
/// the day: 18 February 2025.
const EVENT: &str = "/events/2025-02-18-riyadh-meeting/";

#[test]
fn languages_in_the_browser() {
    const TEST: &str = "languages_in_the_browser";
    if let Err(what) = browser_tools() {
        return missing(TEST, &what);
    }
    let events = event_files();
    // Ukrainian: the genitive month in a day's date, the nominative in a
    // month's; 10, 5 to 20 take the "many" form, `подій`.
    assert_eq!(events, 10, "the plural below is written for 10 events");
    let args = [
        ("--event", EVENT),
        ("--date", "18 лютого 2025"),
        ("--month", "лютий 2025"),
        ("--count", "10 подій"),
        ("--query", "ПУТІН"),
        ("--expect", "Путін"),
    ]
    .map(|(k, v)| [k.to_string(), v.to_string()])
    .concat();
    match run_script("languages.mjs", Path::new(REPO), &[], &args) {
        Ok((stdout, took)) => eprintln!("the language checks passed in {took:.1?}:\n{stdout}"),
        Err(report) => panic!("{report}"),
    }
}
