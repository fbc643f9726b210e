//! The dispatch header: `May 29, 2024 Special Dispatch No. 11363`, the title, a date
//! line, a `Topic | Series No. N` line and/or a `Date | By Author*` byline. Header lines
//! become metadata and are left out of the body.
//!
//! Files without that first line get no header; a Project Gutenberg preamble still
//! yields a title and authors (its lines stay in the body as ordinary paragraphs).

use super::date::{self, DATE_PATTERN};
use crate::document::model::Meta;
// regex-lite, not regex: these patterns run on a few dozen header lines, and every start
// of the reader builds them. regex's automata took 1.3 ms to build (first line, series,
// byline, date), a fifth of the time to the first screen; regex-lite's take 0.15 ms.
// Its classes are ASCII (`\S` in the byline), as are the header's words.
use regex_lite::Regex;
use std::sync::LazyLock;

/// `Special Dispatch`, `Inquiry & Analysis Series`, `Special Announcements` … `No. 123`.
/// ASCII classes on purpose: Unicode letter classes make the regex slow to build. The
/// name's length is checked after the match ([`series_fits`]), not by a bounded
/// repetition: `{0,80}` is 80 copies of the class in the compiled regex, which took
/// 0.5 ms to build, a tenth of the time to the first screen (issue 14).
const SERIES_PATTERN: &str = r"(?P<series>[A-Z][A-Za-z&.'’ -]*?) +No\.? *(?P<number>[0-9]{1,9})";

/// The longest series name, in characters.
const MAX_SERIES_CHARS: usize = 81;

/// Whether the series name matched is short enough to be one.
fn series_fits(caps: &regex_lite::Captures) -> bool {
    caps.name("series")
        .is_some_and(|m| m.as_str().chars().count() <= MAX_SERIES_CHARS)
}

static FIRST_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?P<date>{DATE_PATTERN}) +{SERIES_PATTERN}$")).expect("static regex")
});
static SERIES_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{SERIES_PATTERN}$")).expect("static regex"));
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?P<date>{DATE_PATTERN}) *\| *)?(?i:by) +(?P<authors>\S.*)$"
    ))
    .expect("static regex")
});

/// How many lines after the first one may still belong to the header.
pub(crate) const HEADER_SCAN: usize = 40;
/// A longer "title" is a paragraph: the header had no title.
const MAX_TITLE_LINES: usize = 3;
const MAX_TITLE_CHARS: usize = 400;
/// A longer line is body text, never metadata. Metadata is shown whole (the title in the
/// status line on every frame, the meta line as one unit), so a hostile 50 MB byline or
/// `Title:` line must not become a field; as body text it is cut into blocks like any
/// other long paragraph. Real header lines are well under 200 bytes.
pub const MAX_HEADER_LINE_BYTES: usize = 1000;

/// A header as found: the metadata, the index of the first body line, and the line the
/// title was read from.
pub struct Header {
    pub meta: Meta,
    pub end: usize,
    pub title_line: Option<usize>,
}

/// Parse a dispatch header at the top of `lines`. Returns the metadata and the index of
/// the first body line, or `None` when the first non-blank line is no dispatch line.
pub fn parse(lines: &[&str]) -> Option<Header> {
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    let caps = FIRST_LINE
        .captures(lines[start].trim())
        .filter(series_fits)?;
    let date_text = caps.name("date")?.as_str().to_owned();
    let mut meta = Meta {
        date: date::to_iso(&date_text),
        date_text: Some(date_text),
        series: Some(caps.name("series")?.as_str().trim().to_owned()),
        number: Some(caps.name("number")?.as_str().to_owned()),
        ..Meta::default()
    };

    let mut title: Vec<&str> = Vec::new();
    let mut title_start = start + 1;
    let mut title_closed = false;
    let mut seen_header_line = false;
    let mut end = start + 1;
    for (i, raw) in lines.iter().enumerate().skip(start + 1).take(HEADER_SCAN) {
        let line = raw.trim();
        if line.is_empty() {
            title_closed = !title.is_empty();
            continue;
        }
        if header_line(line, &mut meta, !title.is_empty()) {
            seen_header_line = true;
            end = i + 1;
            continue;
        }
        // The title precedes the date/series lines; any other text is the body.
        if seen_header_line || title_closed {
            break;
        }
        if title.is_empty() {
            title_start = i;
        }
        title.push(line);
        let chars: usize = title.iter().map(|t| t.chars().count()).sum();
        if title.len() > MAX_TITLE_LINES || chars > MAX_TITLE_CHARS {
            // Too long for a title: it is the first paragraph.
            title.clear();
            end = title_start;
            break;
        }
        end = i + 1;
    }
    let title_line = (!title.is_empty()).then_some(title_start);
    if !title.is_empty() {
        meta.title = Some(title.join(" "));
    }
    Some(Header {
        meta,
        end,
        title_line,
    })
}

/// A date line, a byline or a series line: fold it into `meta`. A byline without a
/// date (`By A. Author`) counts only after the title, so a title starting "By" stays one.
fn header_line(line: &str, meta: &mut Meta, after_title: bool) -> bool {
    if line.len() > MAX_HEADER_LINE_BYTES {
        return false;
    }
    if date::is_date(line) {
        if meta.date_text.is_none() {
            meta.date = date::to_iso(line);
            meta.date_text = Some(line.to_owned());
        }
        return true;
    }
    if let Some(caps) = BYLINE
        .captures(line)
        .filter(|c| after_title || c.name("date").is_some())
    {
        if let Some(d) = caps.name("date") {
            if meta.date_text.is_none() {
                meta.date = date::to_iso(d.as_str());
                meta.date_text = Some(d.as_str().to_owned());
            }
        }
        if let Some(a) = caps.name("authors") {
            meta.authors.extend(split_authors(a.as_str()));
        }
        return true;
    }
    let (topics, rest) = match line.rfind('|') {
        Some(p) => (&line[..p], line[p + 1..].trim()),
        None => ("", line),
    };
    if let Some(caps) = SERIES_LINE.captures(rest).filter(series_fits) {
        if meta.series.is_none() {
            meta.series = caps.name("series").map(|m| m.as_str().trim().to_owned());
            meta.number = caps.name("number").map(|m| m.as_str().to_owned());
        }
        meta.topics.extend(
            topics
                .split(['|', ','])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned),
        );
        return true;
    }
    false
}

/// `A. Author, B. Author and C. Author*` → each name, without the author-note asterisk.
pub fn split_authors(s: &str) -> Vec<String> {
    s.split(',')
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" & ")))
        .map(|a| a.trim().trim_end_matches('*').trim())
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How many lines a Project Gutenberg preamble is looked for in.
pub(crate) const GUTENBERG_SCAN: usize = 300;

/// Title and authors from a Project Gutenberg preamble (`Title: …`, `Author: …`),
/// looked for only before the `*** START OF` line.
pub fn gutenberg(lines: &[&str]) -> Header {
    let mut meta = Meta::default();
    let mut title_line = None;
    for (i, line) in lines.iter().enumerate().take(GUTENBERG_SCAN) {
        if line.starts_with("*** START OF") {
            break;
        }
        if line.len() > MAX_HEADER_LINE_BYTES {
            continue;
        }
        if let Some(t) = line.strip_prefix("Title:") {
            if meta.title.is_none() && !t.trim().is_empty() {
                meta.title = Some(t.trim().to_owned());
                title_line = Some(i);
            }
        } else if let Some(a) = line.strip_prefix("Author:") {
            if meta.authors.is_empty() {
                meta.authors = split_authors(a);
            }
        }
    }
    Header {
        meta,
        end: 0,
        title_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_dispatch_header() {
        let lines = [
            "March 3, 2031 Special Dispatch No. 512",
            "",
            "Harbour Talks Resume In Velmora",
            "",
            "March 3, 2031",
            "Velmora, Ostrava Coast | Special Dispatch No. 512",
            "",
            "Body.",
        ];
        let Header { meta, end, .. } = parse(&lines).expect("header");
        assert_eq!(
            meta.title.as_deref(),
            Some("Harbour Talks Resume In Velmora")
        );
        assert_eq!(meta.date.as_deref(), Some("2031-03-03"));
        assert_eq!(meta.series.as_deref(), Some("Special Dispatch"));
        assert_eq!(meta.number.as_deref(), Some("512"));
        assert_eq!(meta.topics, vec!["Velmora", "Ostrava Coast"]);
        assert_eq!(lines[end], "");
        assert_eq!(lines[end + 1], "Body.");
    }

    #[test]
    fn byline_gives_authors_without_asterisk() {
        let lines = [
            "December 2, 2030 Inquiry & Analysis Series No. 77",
            "A Title",
            "December 2, 2030 | By J. Quill, R. Amsel and T. Oduya*",
            "Body.",
        ];
        let Header { meta, end, .. } = parse(&lines).expect("header");
        assert_eq!(meta.series.as_deref(), Some("Inquiry & Analysis Series"));
        assert_eq!(meta.authors, vec!["J. Quill", "R. Amsel", "T. Oduya"]);
        assert_eq!(end, 3);
    }

    #[test]
    fn no_header_without_the_first_line() {
        assert!(parse(&["Just a title", "", "Body."]).is_none());
    }

    #[test]
    fn long_text_after_first_line_is_not_a_title() {
        let lines = [
            "May 1, 2030 Special Dispatch No. 3",
            "",
            "one",
            "two",
            "three",
            "four",
        ];
        let Header { meta, end, .. } = parse(&lines).expect("header");
        assert_eq!(meta.title, None);
        assert_eq!(lines[end], "one");
    }

    #[test]
    fn a_series_name_is_at_most_81_characters() {
        // 81 characters, one of them the three-byte apostrophe: counted in characters.
        let fits = format!("Special Council’{}", "s".repeat(81 - 16));
        let too_long = format!("{fits}s");
        assert_eq!(fits.chars().count(), 81);
        let first = |series: &str| format!("May 1, 2030 {series} No. 3");
        let meta = parse(&[&first(&fits), "", "Title"]).expect("header").meta;
        assert_eq!(meta.series.as_deref(), Some(fits.as_str()));
        assert!(parse(&[&first(&too_long), "", "Title"]).is_none());
        // The same bound on a `Topic | Series No. N` line after the title.
        for (series, kept) in [(&fits, true), (&too_long, false)] {
            let line = format!("Harbours | {series} No. 4");
            let lines = ["May 1, 2030 Special Dispatch No. 3", "", "Title", "", &line];
            let Header { meta, .. } = parse(&lines).expect("header");
            assert_eq!(meta.topics == ["Harbours"], kept, "{line}");
        }
    }

    #[test]
    fn overlong_header_lines_are_not_metadata() {
        let long = "x ".repeat(MAX_HEADER_LINE_BYTES);
        let byline = format!("May 1, 2030 | By {long}");
        let topics = format!("{long}| Special Dispatch No. 3");
        for line in [byline, topics] {
            let lines = ["May 1, 2030 Special Dispatch No. 3", "", "Title", "", &line];
            let Header { meta, end, .. } = parse(&lines).expect("header");
            assert!(meta.authors.is_empty() && meta.topics.is_empty());
            assert_eq!(lines[end], "", "the long line starts the body");
        }
        let title = format!("Title: {long}");
        let author = format!("Author: {long}");
        let meta = gutenberg(&[&title, &author, "*** START OF X"]).meta;
        assert_eq!(meta.title, None);
        assert!(meta.authors.is_empty());
    }

    #[test]
    fn gutenberg_title_and_author() {
        let meta = gutenberg(&[
            "Title: The Lamps of Orvel",
            "",
            "Author: Mira Tansk",
            "*** START OF X",
        ])
        .meta;
        assert_eq!(meta.title.as_deref(), Some("The Lamps of Orvel"));
        assert_eq!(meta.authors, vec!["Mira Tansk"]);
    }
}
