use super::*;

fn md(html: &str) -> String {
    to_markdown(html)
}

/// Renders Markdown as Annals does and fails on any raw HTML.
fn render(markdown: &str) -> String {
    crate::markdown::render(markdown, crate::markdown::MarkdownOptions::default())
}

/// The text html5ever reads from `html` (character references decoded),
/// without control characters: what the writer is given.
fn decode_entities(html: &str) -> String {
    let fragment = parse(html);
    top(&fragment).iter().filter_map(text).collect()
}

/// The character a named reference stands for, if html5ever knows it.
fn named_entity(name: &str) -> Option<char> {
    let decoded = decode_entities(&format!("&{name};"));
    let mut chars = decoded.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

#[test]
fn entity_tables_line_up() {
    assert_eq!(named_entity("nbsp"), Some('\u{a0}'));
    assert_eq!(named_entity("copy"), Some('©'));
    assert_eq!(named_entity("times"), Some('×'));
    assert_eq!(named_entity("eacute"), Some('é'));
    assert_eq!(named_entity("divide"), Some('÷'));
    assert_eq!(named_entity("yuml"), Some('ÿ'));
    assert_eq!(named_entity("sigmaf"), Some('ς'));
    assert_eq!(named_entity("omega"), Some('ω'));
    assert_eq!(named_entity("nope"), None);
}

#[test]
fn decodes_references() {
    assert_eq!(
        decode_entities("Tom &amp; Jerry &lt;3 &quot;x&quot; &#39;y&#x27; &mdash; &hellip;"),
        "Tom & Jerry <3 \"x\" 'y' — …"
    );
    assert_eq!(
        decode_entities("&#150; &#x1F5D3; &#0; &#xD800;"),
        "– 🗓 \u{FFFD} \u{FFFD}"
    );
    // `&amp` without its `;` is one of the legacy names the HTML spec
    // still decodes, as browsers do.
    assert_eq!(
        decode_entities("AT&T &bogus; & &#; &amp"),
        "AT&T &bogus; & &#; &"
    );
    assert_eq!(decode_entities("a\u{0}b\u{7}c\td"), "abc\td");
}

#[test]
fn paragraphs_breaks_and_emphasis() {
    assert_eq!(
        md("<p>One <b>bold</b> and <em>em</em>.</p><p>Two<br>lines</p>"),
        "One **bold** and *em*.\n\nTwo\\\nlines"
    );
    assert_eq!(md("<strong> spaced </strong>word"), "**spaced** word");
    assert_eq!(md("a<b></b>b <i> </i>c"), "ab c");
    assert_eq!(md("<b><b>nested</b></b>"), "**nested**");
    assert_eq!(md("text<br><br>more"), "text\n\nmore");
    assert_eq!(
        md("Loose text\n  <p>then a paragraph"),
        "Loose text\n\nthen a paragraph"
    );
}

#[test]
fn links_keep_only_web_addresses() {
    assert_eq!(
        md(r#"See <a href="https://e.org/a_(b)?x=1&amp;y=2" target="_blank">the <b>page</b></a>."#),
        "See [the **page**](<https://e.org/a_(b)?x=1&y=2>)."
    );
    assert_eq!(md(r#"<a href="javascript:alert(1)">click</a>"#), "click");
    assert_eq!(md(r#"<a href="/relative">rel</a>"#), "rel");
    assert_eq!(
        md(r#"<a href="//cdn.org/x">x</a>"#),
        "[x](https://cdn.org/x)"
    );
    assert_eq!(
        md(r#"<a href="mailto:a@b.org"></a>"#),
        "[a@b.org](mailto:a@b.org)"
    );
    assert_eq!(
        md(r#"<a href="https://e.org/a b">x</a>"#),
        "[x](https://e.org/a%20b)"
    );
}

#[test]
fn lists_quotes_headings_code() {
    assert_eq!(
        md("<ul><li>one<li>two <b>b</b></li><li><ul><li>inner</li></ul></li></ul>"),
        "- one\n- two **b**\n- - inner"
    );
    assert_eq!(
        md("<ol start=\"3\"><li>three</li><li>four<ul><li>sub</li></ul></li></ol>"),
        "3. three\n4. four\n   - sub"
    );
    assert_eq!(md("<ul><li>a</li></ul><ul><li>b</li></ul>"), "- a\n\n* b");
    assert_eq!(
        md("<blockquote><p>Quote</p><p>More <cite>Someone</cite></p></blockquote>"),
        "> Quote\n>\n> More Someone"
    );
    assert_eq!(
        md("<h2>Title #1 {x}</h2>text"),
        "## Title \\#1 {x&#125;\n\ntext"
    );
    assert_eq!(md("Use <code>a`b</code> now"), "Use ``a`b`` now");
    assert_eq!(
        md("<pre>let x = 1;\n  y</pre>"),
        "```\nlet x = 1;\n  y\n```"
    );
    assert_eq!(md("a<hr>b"), "a\n\n* * *\n\nb");
}

#[test]
fn emphasis_markdown_would_not_read_is_plain_text() {
    assert_eq!(md("word<b>(x)</b> and <b>(y)</b>"), "word(x) and **(y)**");
    assert_eq!(md("<b>Note:</b>x <b>Note:</b> x"), "Note:x **Note:** x");
    assert_eq!(md("<b>&nbsp;x</b>"), "\u{a0}**x**");
    assert_eq!(md("<i>a<br><br>b</i>"), "*a*\n\n*b*");
    assert_eq!(md("<i>a</i><b>b</b>"), "*a*b");
    assert_eq!(
        md("Wow!<a href=\"https://x.org\">y</a>"),
        "Wow\\![y](https://x.org)"
    );
    assert_eq!(md("<code>a</code><code>b</code>"), "`a`b");
}

#[test]
fn drops_code_and_unknown_tags_but_keeps_text() {
    assert_eq!(
        md(
            "<p>Safe<script>alert('x')</script> <span class=\"tl-note\">note</span></p><style>p{}</style><iframe src=x>fallback</iframe><!-- c -->"
        ),
        "Safe note"
    );
    assert_eq!(md("<SCRIPT type=x>bad()</SCRIPT >ok"), "ok");
    assert_eq!(
        md("<img src=x alt=y>pic <font color=red>red</font>"),
        "pic red"
    );
    assert_eq!(md("unclosed <script>alert(1)"), "unclosed");
    // A button's label is a control, not text to read.
    assert_eq!(
        md("<p>Read on <button onclick=\"more()\">Show more</button></p>"),
        "Read on"
    );
    assert_eq!(to_text("A <button>Play</button> clip"), "A clip");
}

#[test]
fn escapes_text_that_would_be_markup() {
    assert_eq!(
        md(
            "<p>1984. A year</p><p>- not a list</p><p># not a heading</p><p>5 * 3 = [x] &lt;b&gt; _a_ `c` ~s~ a|b \\ &amp;amp;</p>"
        ),
        "1984\\. A year\n\n\\- not a list\n\n\\# not a heading\n\n5 \\* 3 = \\[x\\] \\<b> \\_a\\_ \\`c\\` \\~s\\~ a\\|b \\\\ \\&amp;"
    );
    assert_eq!(md("a<br>+ b<br>> c"), "a\\\n\\+ b\\\n\\> c");
    assert_eq!(md("Tom &amp; Jerry &lt;3"), "Tom & Jerry \\<3");
}

#[test]
fn nothing_renders_as_raw_html_and_text_survives() {
    let cases = [
        "<p>x <b>y</b> <script>z</script></p>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<div><p>a<p>b</div><ul><li>c</ul>",
        "<<b>>x</b> < y <3 &lt;!- c -&gt;",
        "<p>5 * 3 * 2 and a_b_c and [link](http://x)</p>",
        "<ol><li>1. one</li><li># two</li></ol>",
        "<blockquote>> nested</blockquote>",
        "<b>bold<br></b>after",
        "<a href='https://x.org'><b>bold link</b></a>",
    ];
    for html in cases {
        let markdown = md(html);
        assert!(
            !crate::import::event::has_raw_html(&markdown),
            "{html} -> {markdown}"
        );
        // What readers see is the text the HTML had.
        let out = render(&markdown);
        assert_eq!(
            to_text(&out),
            to_text(html),
            "{html} -> {markdown} -> {out}"
        );
    }
}

#[test]
fn plain_text_and_inline_credit() {
    assert_eq!(
        to_text("  <b>Ada</b>&nbsp;Lovelace<br>born <i>1815</i>  "),
        "Ada Lovelace born 1815"
    );
    assert_eq!(to_text("<p>a</p><p>b</p><script>x</script>"), "a b");
    assert_eq!(
        to_inline_markdown(
            r#"<a href="https://chm.org/">Computer History Museum</a>, <i>2015</i>"#
        ),
        "[Computer History Museum](https://chm.org/), *2015*"
    );
    assert_eq!(
        first_link(
            r#"<blockquote class="twitter-tweet"><a href="https://twitter.com/x/status/1">t</a></blockquote>"#
        ),
        Some("https://twitter.com/x/status/1".into())
    );
}

/// Broken HTML comes out as browsers show it, by the HTML5 parsing rules
/// html5ever follows.
#[test]
fn broken_html_reads_as_browsers_show_it() {
    // Misnested formatting: `b` is closed before the paragraph and
    // opened again inside it (the adoption agency algorithm).
    assert_eq!(md("<b>a<p>b</b>c</p>"), "**a**\n\n**b**c");
    // Formatting left open goes on in the next paragraph.
    assert_eq!(md("<p><b>x</p><p>y</p>"), "**x**\n\n**y**");
    // A stray `</p>` is an empty paragraph: a line break.
    assert_eq!(md("text</p>more"), "text\n\nmore");
    // A link inside a link ends the first one.
    assert_eq!(
        md("<a href='https://a.org'>one <a href='https://b.org'>two</a></a>"),
        "[one](https://a.org) [two](https://b.org)"
    );
    // Table cells outside a table are not cells.
    assert_eq!(to_text("<td>a</td><td>b</td>"), "ab");
    // Any heading's end tag closes the open heading.
    assert_eq!(md("<h1>Title</h2>after"), "# Title\n\nafter");
    // `<!-->` is an empty comment, `</ x>` a comment, `</>` nothing.
    assert_eq!(to_text("<!-->shown"), "shown");
    assert_eq!(to_text("a </ x> b </> c"), "a b c");
    // Legacy references without `;`, from the spec's table.
    assert_eq!(to_text("&copy 2020 &amp; &notit;"), "© 2020 & ¬it;");
    // Only a line end right after `<pre>` is dropped.
    assert_eq!(md("<pre>\nx</pre>"), "```\nx\n```");
    assert_eq!(md("<pre><br>x</pre>"), "```\n\nx\n```");
}
