//! URL slugs: every name becomes a safe path segment of lowercase ASCII
//! letters, digits and hyphens.

/// The longest slug, in bytes. File systems allow 255 bytes for a name;
/// this leaves room for the `-2` that tells equal slugs apart.
pub const MAX_LEN: usize = 100;

/// Transliterates `text` to ASCII (`Zelenskyy` stays, `Київ` becomes
/// `kiyiv`), lowercases it and joins its words with hyphens. Never empty, never
/// `.` or `..`, never contains `/`, at most [`MAX_LEN`] bytes (cut after a
/// whole word where there is one): safe as one path segment.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if c == '\'' {
            // Apostrophes join (O'Brien, and the soft sign in Зеленський).
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("untitled");
    }
    if slug.len() > MAX_LEN {
        // ASCII, so any byte index is a character boundary. Cutting before a
        // hyphen never leaves one at the end, as hyphens come singly.
        let end = match slug.as_bytes()[MAX_LEN] {
            b'-' => MAX_LEN,
            _ => slug[..MAX_LEN].rfind('-').unwrap_or(MAX_LEN),
        };
        slug.truncate(end);
    }
    slug
}

/// True if `slug` is one an author may set: lowercase ASCII letters, digits
/// and single hyphens between them, at most [`MAX_LEN`] bytes.
pub fn is_valid(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX_LEN
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_and_joins_words() {
        assert_eq!(slugify("Volodymyr Zelenskyy"), "volodymyr-zelenskyy");
        assert_eq!(slugify("Київ"), "kiyiv");
        assert_eq!(slugify("US–Russia relations"), "us-russia-relations");
        assert_eq!(slugify("  José  García! "), "jose-garcia");
        assert_eq!(slugify("Володимир Зеленський"), "volodimir-zelenskii");
        assert_eq!(slugify("Sinéad O’Brien"), "sinead-obrien");

        assert_eq!(slugify("北京"), "bei-jing");
    }

    #[test]
    fn slugs_are_always_safe_path_segments() {
        for name in [
            "..",
            "../../etc/passwd",
            "/",
            "",
            "???",
            "a/b\\c",
            "\u{0}",
            "CON",
        ] {
            let s = slugify(name);
            assert!(is_valid(&s), "{name:?} gave {s:?}");
            assert!(!s.contains('/') && s != "." && s != "..");
        }
    }

    #[test]
    fn long_names_are_cut_after_a_word() {
        // Found by tests/properties.rs: a long actor's name made a folder
        // name longer than the file system allows, and the build failed.
        let long = "word ".repeat(60);
        let s = slugify(&long);
        assert!(s.len() <= MAX_LEN && is_valid(&s), "{s}");
        assert!(s.ends_with("-word"), "{s}");
        let s = slugify(&"a".repeat(300));
        assert_eq!(s, "a".repeat(MAX_LEN));
        assert!(is_valid(&slugify(&"😀".repeat(100))));
        assert!(!is_valid(&"a".repeat(MAX_LEN + 1)));
    }

    #[test]
    fn author_slugs_are_checked() {
        assert!(is_valid("2025-02-18-riyadh"));
        for bad in ["", "Riyadh", "a b", "../x", "a--b", "-a", "a-", "a_b", "é"] {
            assert!(!is_valid(bad), "{bad:?} accepted");
        }
    }
}
