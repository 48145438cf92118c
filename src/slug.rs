//! URL slugs: every name becomes a safe path segment of lowercase ASCII
//! letters, digits and hyphens.

/// Transliterates `text` to ASCII (`Zelenskyy` stays, `Київ` becomes
/// `kiyiv`), lowercases it and joins its words with hyphens. Never empty, never
/// `.` or `..`, never contains `/`: safe as one path segment.
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
    slug
}

/// True if `slug` is one an author may set: lowercase ASCII letters, digits
/// and single hyphens between them.
pub fn is_valid(slug: &str) -> bool {
    !slug.is_empty()
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
    fn author_slugs_are_checked() {
        assert!(is_valid("2025-02-18-riyadh"));
        for bad in ["", "Riyadh", "a b", "../x", "a--b", "-a", "a-", "a_b", "é"] {
            assert!(!is_valid(bad), "{bad:?} accepted");
        }
    }
}
