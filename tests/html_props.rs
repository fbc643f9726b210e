//! Random tag soup never panics and always gives a model that keeps the invariants.

mod props_support;

use proptest::prelude::*;
use sidenote::document::format::{by_name, load_with};

const SOUP: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<article>",
    "</article>",
    "<main>",
    "<nav>",
    "</nav>",
    "<aside>",
    "<sup>",
    "</sup>",
    "<a href=\"#fn1\">",
    "<a href=\"#fnref1\">",
    "<a href=\"#x\">",
    "</a>",
    "<a name=\"fn1\">",
    "<a id=\"fnref1\">",
    "<li id=\"fn1\">",
    "<ol>",
    "</ol>",
    "<ol start=\"-3\" reversed>",
    "<ol type=\"i\" start=\"3999\">",
    "<ol type=\"A\">",
    "<li value=\"0\">",
    "<br><br>",
    "<li>",
    "</li>",
    "<ol start=\"2\">",
    "<h2>",
    "</h2>",
    "<pre>",
    "</pre>",
    "<em>",
    "</em>",
    "<b>",
    "<table><tr><td>",
    "<hr>",
    "<br>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<figcaption>",
    "<blockquote>",
    "<span data-definition=\"fn1\">",
    "<div id=\"fn1\">",
    "<p id=\"x\">",
    "<sup>1</sup>",
    "[1]",
    "1",
    "2",
    "*",
    "↩",
    "&amp;",
    "&#27;",
    "&#x202E;",
    "&bogus;",
    "&#0;",
    "\u{1b}[31m",
    "\u{202E}",
    "\t",
    "\n",
    "\r\n",
    " ",
    "Text ",
    "word.",
    "<title>T</title>",
    "<meta name=\"author\" content=\"A\">",
    "<time>June 1, 2032</time>",
    "Karst | Special Dispatch No. 4",
    "<header>",
    "</header>",
    "<footer>",
    "<class=share>",
    "<div class=\"cookie\">",
    "<",
    ">",
    "\"",
    "'",
    "=",
    "<!DOCTYPE html>",
    "<html>",
    "<body>",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(SOUP), 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tag_soup_keeps_the_model_invariants(s in soup()) {
        let doc = load_with(s.as_bytes(), by_name("html"), Some("x.html")).expect("html");
        props_support::check_model(&doc)?;
        prop_assert!(doc.blocks.windows(2).all(|w| w[0].src < w[1].src));
        prop_assert!(doc.blocks.iter().all(|b| b.src + b.src_len as usize <= doc.source_len));
        for b in &doc.blocks {
            for r in &b.runs {
                prop_assert!(r.start < r.end && r.end <= b.text.len());
                prop_assert!(b.text.is_char_boundary(r.start) && b.text.is_char_boundary(r.end));
            }
        }
    }

    #[test]
    fn random_bytes_as_html_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(doc) = load_with(&bytes, by_name("html"), None) {
            props_support::check_model(&doc)?;
        }
    }
}

#[test]
fn deep_nesting_does_not_exhaust_the_stack() {
    let page = format!(
        "{}deep{}",
        "<div><span>".repeat(20_000),
        "</span></div>".repeat(20_000)
    );
    let doc = load_with(page.as_bytes(), by_name("html"), None).expect("html");
    assert!(doc.blocks.iter().any(|b| b.text.contains("deep")));
}
