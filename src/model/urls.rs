//! Every page's URL, worked out here and nowhere else. URLs are relative to
//! the site root (`events/riyadh/`): pages link to each other through the
//! page's `root` prefix (`../../`), and absolute URLs put the base URL
//! before them, so the site works at a domain root and under any sub-path.

use super::kind::TermKind;

/// The page of the event with `slug`: `events/riyadh/`.
pub fn event(slug: &str) -> String {
    format!("events/{slug}/")
}

/// The page listing every term of a kind: `actors/`.
pub fn terms(kind: TermKind) -> String {
    format!("{}/", kind.key())
}

/// The page of one actor, place or tag: `actors/marco-rubio/`.
pub fn term(kind: TermKind, slug: &str) -> String {
    format!("{}/{slug}/", kind.key())
}

/// The page listing every correction: `corrections/`.
pub fn corrections() -> String {
    "corrections/".to_string()
}

/// The page of a year of a split timeline: `2025/`.
pub fn year(year: i16) -> String {
    format!("{year:04}/")
}

/// The page of a dense month of a split timeline: `2025/02/`.
pub fn month(year: i16, month: u8) -> String {
    format!("{year:04}/{month:02}/")
}

/// The file a page's URL is written to: `events/riyadh/index.html`, or
/// `index.html` for the root (an empty URL).
pub fn file(url: &str) -> String {
    format!("{url}index.html")
}

/// The URL of the page written to `file`: `events/riyadh/` for
/// `events/riyadh/index.html`; a file not named `index.html` is its own URL.
pub fn of_file(file: &str) -> &str {
    file.strip_suffix("index.html").unwrap_or(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_their_files() {
        assert_eq!(event("riyadh"), "events/riyadh/");
        assert_eq!(term(TermKind::Actor, "marco-rubio"), "actors/marco-rubio/");
        assert_eq!(terms(TermKind::Tag), "tags/");
        assert_eq!(year(987), "0987/");
        assert_eq!(month(2025, 2), "2025/02/");
        assert_eq!(file(&event("a")), "events/a/index.html");
        assert_eq!(file(""), "index.html");
        assert_eq!(of_file(&file(&event("a"))), "events/a/");
        assert_eq!(of_file("404.html"), "404.html");
    }
}
