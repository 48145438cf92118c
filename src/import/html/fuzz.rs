use super::*;

/// Random soups of the tags and characters that matter: never a panic,
/// never raw HTML, and readers see the text the HTML had.
#[test]
fn random_fragments() {
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<i>",
        "</em>",
        "<ul>",
        "<li>",
        "</ul>",
        "<ol start=3>",
        "</ol>",
        "<br>",
        "<blockquote>",
        "</blockquote>",
        "<a href='https://x.org/(a)'>",
        "</a>",
        "<h2>",
        "</h2>",
        "<code>",
        "</code>",
        "<pre>",
        "</pre>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "&amp;",
        "&lt;",
        "&#42;",
        "*",
        "_",
        "#",
        "1.",
        "-",
        "+",
        ">",
        "<",
        "`",
        "[",
        "]",
        "\\",
        "|",
        "~",
        " ",
        "\n",
        "word",
        "Київ",
        "<hr>",
        "<div>",
        "</div>",
        "<span>",
        "<table><tr><td>",
        "</td><td>",
        "</table>",
        "!",
        "=",
        "&",
        "{",
        "}",
        ":",
        "<img src=x>",
        "<a href=javascript:x>",
        "12)",
        "   ",
        "</i>",
        "<em>",
        "</strong>",
        "<strong>",
        "(",
        ")",
        "a",
        "9.",
        "<br><br>",
        "x_y",
        "**",
        "<a href='https://e.org/'>",
        "</li>",
        "</b>",
        "<blockquote><p>",
        "<h1>",
        "</h1>",
        "<pre>a\n  b</pre>",
        "\u{a0}",
        "<kbd>",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..5000 {
        let len = 1 + next() % 30;
        let html: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let markdown = to_markdown(&html);
        assert!(
            !crate::import::event::has_raw_html(&markdown),
            "{html:?} -> {markdown:?}"
        );
        let _ = (to_text(&html), to_inline_markdown(&html));
        let out = crate::markdown::render(&markdown, crate::markdown::MarkdownOptions::default());
        // Smart punctuation turns `--` into `–`, as in every body.
        let norm = |s: String| s.replace([' ', '-', '–', '—'], "");
        // An empty link shows its address: not text the HTML had.
        if markdown.contains("[https://") {
            continue;
        }
        assert_eq!(
            norm(to_text(&out)),
            norm(to_text(&html)),
            "{html:?} -> {markdown:?} -> {out:?}"
        );
    }
}
