//! Links in the model: the URLs that link runs keep (Markdown, HTML) and bare `http(s)://`
//! URLs written in plain text (any format, notes included). UI-free: the reader selects
//! them with `Tab`, opens them with `o`, and the terminal layer draws them as hyperlinks.
//!
//! A URL comes from the document, so it is untrusted: [`sanitize_url`] is the one gate
//! every URL passes before anything can show, emit or open it.

use super::model::{Run, RunStyle};
use super::pos::Part;
use super::Document;
use std::ops::Range;

/// Longest URL kept, in bytes: longer ones are not links (terminals cap OSC 8 targets
/// near here too, and no honest citation needs more).
pub const MAX_URL_LEN: usize = 2048;

/// Schemes a link may have: what a browser opens for reading. `file:`, `javascript:` and
/// the like are never handed to the system opener.
const SCHEMES: &[&str] = &["http", "https", "mailto"];

/// A link in one unit's model text (`Document::unit_text`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Byte range of the linked text in the unit's model text.
    pub range: Range<usize>,
    /// The target, sanitised (see [`sanitize_url`]).
    pub url: String,
}

/// The URL as it may leave sidenote (in an OSC 8 sequence, to the opener), or `None` when
/// it may not: an unknown scheme, too long, or holding a control character (ESC, BEL, a
/// line break, a bidi control). Characters outside printable ASCII (a space, `é`) are
/// percent-encoded, so the result is printable ASCII only.
pub fn sanitize_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.len() > MAX_URL_LEN || url.chars().any(unsafe_in_url) {
        return None;
    }
    let scheme = url.split_once(':')?.0;
    if !SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    (out.len() <= MAX_URL_LEN).then_some(out)
}

fn unsafe_in_url(c: char) -> bool {
    // Control pictures (`␛`), `�` and `⟪U+202E⟫` stand for controls the model neutralised:
    // a URL holding one was built to carry an escape, so it is no link either.
    c.is_control()
        || (super::parse::sanitize::is_unsafe_char(c) && c != ' ')
        || matches!(c, '\u{2400}'..='\u{243F}' | '\u{FFFD}' | '⟪')
}

/// Links in `text`: the link runs first (their URL is the author's), then bare
/// `http(s)://` URLs outside them, found by `linkify`; sorted by start.
pub fn links_in(text: &str, runs: &[Run]) -> Vec<Link> {
    let mut out: Vec<Link> = runs
        .iter()
        .filter_map(|r| match &r.style {
            RunStyle::Link { url } => {
                let range = r.start.min(text.len())..r.end.min(text.len());
                let ok = range.start < range.end
                    && text.is_char_boundary(range.start)
                    && text.is_char_boundary(range.end);
                ok.then(|| sanitize_url(url).map(|url| Link { range, url }))
                    .flatten()
            }
            _ => None,
        })
        .collect();
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    for found in finder.links(text) {
        let range = found.start()..found.end();
        let bare = found.as_str();
        let web = bare.starts_with("http://") || bare.starts_with("https://");
        if !web || out.iter().any(|l| overlaps(&l.range, &range)) {
            continue;
        }
        if let Some(url) = sanitize_url(bare) {
            out.push(Link { range, url });
        }
    }
    out.sort_by_key(|l| l.range.start);
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

impl Document {
    /// The links of one unit (a block's or a note's), in order; none in the title, the
    /// metadata line or the Notes heading.
    pub fn links(&self, unit: usize) -> Vec<Link> {
        match self.part(unit) {
            Part::Block(b) => links_in(&self.blocks[b].text, &self.blocks[b].runs),
            Part::Note(n) => self.notes[n]
                .text
                .as_deref()
                .map_or_else(Vec::new, |t| links_in(t, &[])),
            Part::Title | Part::Meta | Part::NotesHeading => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_urls_are_found_without_trailing_punctuation() {
        let text = "See https://example.org/report?id=4. And (http://norvale.test/a).";
        let links = links_in(text, &[]);
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            ["https://example.org/report?id=4", "http://norvale.test/a"]
        );
        assert_eq!(
            &text[links[0].range.clone()],
            "https://example.org/report?id=4"
        );
    }

    #[test]
    fn a_link_run_keeps_its_url_and_hides_a_bare_one_inside_it() {
        let text = "the https://example.org/ page";
        let runs = [Run {
            start: 4,
            end: 24,
            style: RunStyle::Link {
                url: "https://example.org/other".into(),
            },
        }];
        let links = links_in(text, &runs);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].url, "https://example.org/other");
    }

    #[test]
    fn unsafe_urls_are_refused_and_others_encoded() {
        assert_eq!(sanitize_url("https://a.test/\u{1b}]8;;x"), None);
        assert_eq!(sanitize_url("https://a.test/\u{7}"), None);
        assert_eq!(sanitize_url("https://a.test/\u{202e}x"), None);
        assert_eq!(sanitize_url("javascript:alert(1)"), None);
        assert_eq!(sanitize_url("http://x␇link␛]8;;␇"), None);
        assert_eq!(sanitize_url("file:///etc/passwd"), None);
        assert_eq!(
            sanitize_url(&format!("https://a.test/{}", "x".repeat(3000))),
            None
        );
        assert_eq!(
            sanitize_url("https://a.test/café et thé").as_deref(),
            Some("https://a.test/caf%C3%A9%20et%20th%C3%A9")
        );
        assert_eq!(
            sanitize_url("mailto:desk@example.org").as_deref(),
            Some("mailto:desk@example.org")
        );
    }
}
