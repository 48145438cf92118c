//! SVG images: published as written, sized from the `width` and `height`
//! of their root element or else its `viewBox`.

/// The size of an SVG, or why it has none (or cannot be published).
pub fn size(bytes: &[u8]) -> Result<(u32, u32), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the SVG is not UTF-8 text".to_string())?;
    let lower = text.to_ascii_lowercase();
    // Opened on its own (its address), an SVG with a script runs it as a
    // page of the site.
    if lower.contains("<script") || lower.contains("javascript:") {
        return Err("the SVG holds a script, which would run as part of the site".into());
    }
    let tag = root_tag(text).ok_or("this is not an SVG image: no <svg> element")?;
    let number = |name: &str| attribute(tag, name).and_then(|v| length(&v));
    let view_box = attribute(tag, "viewBox").and_then(|v| {
        let n: Vec<f64> = v
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        (n.len() == 4 && n[2] > 0.0 && n[3] > 0.0).then(|| (n[2], n[3]))
    });
    let (w, h) = match (number("width"), number("height"), view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (_, _, Some(size)) => size,
        _ => {
            return Err(
                "the SVG has no size: its <svg> element needs width and height \
                        in pixels, or a viewBox"
                    .into(),
            );
        }
    };
    let round = |v: f64| (v.round() as u32).max(1);
    if !(w.is_finite() && h.is_finite()) || w > 100_000.0 || h > 100_000.0 {
        return Err("the SVG's size is not a sensible number of pixels".into());
    }
    Ok((round(w), round(h)))
}

/// The text of the root `<svg ...>` start tag, from `<svg` to before `>`.
fn root_tag(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        let at = rest.find('<')?;
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest = &rest[rest.find('>')? + 1..];
        } else if rest.starts_with("<svg") {
            let end = rest.find('>')?;
            return Some(&rest[4..end]);
        } else {
            return None;
        }
    }
}

/// The value of attribute `name` in a start tag's text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let after = rest[at + name.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let inner = &value[1..];
                return Some(inner[..inner.find(quote)?].to_string());
            }
        }
        rest = &rest[at + name.len()..];
    }
    None
}

/// A length in pixels: a number, optionally followed by `px`. Other units
/// (`%`, `em`, `mm`) say nothing of pixels, so they are no length here.
fn length(value: &str) -> Option<f64> {
    let v = value.trim();
    let v = v.strip_suffix("px").unwrap_or(v).trim();
    v.parse::<f64>().ok().filter(|n| *n > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        let size_of = |s: &str| size(s.as_bytes());
        assert_eq!(
            size_of(r#"<svg width="200" height="100"/>"#),
            Ok((200, 100))
        );
        assert_eq!(
            size_of(
                "<?xml version=\"1.0\"?>\n<!-- a -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox='0 0 640 480'></svg>"
            ),
            Ok((640, 480))
        );
        assert_eq!(
            size_of(r#"<svg width="320px" viewBox="0 0 640 480">"#),
            Ok((320, 240))
        );
        assert_eq!(
            size_of(r#"<svg width="100%" viewBox="0,0,40,30">"#),
            Ok((40, 30))
        );
        assert_eq!(
            size_of(r#"<svg stroke-width="2" height="10" width="20">"#),
            Ok((20, 10))
        );
        assert!(
            size_of(r#"<svg width="100%">"#)
                .unwrap_err()
                .contains("no size")
        );
        assert!(
            size_of("<svg><script>alert(1)</script></svg>")
                .unwrap_err()
                .contains("script")
        );
        assert!(size_of("<html></html>").is_err());
    }
}
