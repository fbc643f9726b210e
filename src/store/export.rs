//! `sidenote bookmarks [FILE] --format …`: bookmarks rendered for people (Markdown, plain
//! text) or programs (JSON). Pure functions of the records, so the CLI decides which
//! records to pass and where the output goes.

use super::record::{Bookmark, DocMeta, DocRecord, EXCERPT_CHARS, FORMAT_VERSION};
use crate::document::parse::sanitize::{is_unsafe_char, sanitize_line};
use crate::document::SourcePos;
use serde::Serialize;
use std::fmt::Write;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Json,
    Text,
}

impl FromStr for ExportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "markdown" | "md" => Ok(ExportFormat::Markdown),
            "json" => Ok(ExportFormat::Json),
            "text" | "txt" => Ok(ExportFormat::Text),
            _ => Err(format!(
                "unknown format '{s}' (expected markdown, json or text)"
            )),
        }
    }
}

const LOST: &str = "not found in this version";
/// A bookmark kept unplaced because two passages were about equally similar.
const UNPLACED: &str = "unplaced: two passages match about equally";

/// What to say of a bookmark that is not on its passage.
fn lost_text(b: &Bookmark) -> &'static str {
    if b.ambiguous {
        UNPLACED
    } else {
        LOST
    }
}
const NO_LABEL: &str = "(no label)";

/// Renders the bookmarks of `records` (documents without bookmarks are left out), in the
/// given order, bookmarks in reading order.
pub fn render(records: &[DocRecord], format: ExportFormat) -> String {
    let records: Vec<&DocRecord> = records.iter().filter(|r| !r.bookmarks.is_empty()).collect();
    match format {
        ExportFormat::Markdown => markdown(&records),
        ExportFormat::Json => json(&records),
        ExportFormat::Text => text(&records),
    }
}

fn markdown(records: &[&DocRecord]) -> String {
    let mut out = String::from("# Bookmarks\n");
    if records.is_empty() {
        out.push_str("\nNo bookmarks.\n");
    }
    for r in records {
        let _ = write!(
            out,
            "\n## {}\n\n{}\n\n",
            md_escape(&one_line(&r.title)),
            md_source(r)
        );
        if let Some(cite) = citation(&r.meta) {
            let _ = write!(out, "*{}*\n\n", md_escape(&cite));
        }
        for b in &r.bookmarks {
            let _ = write!(
                out,
                "- **{}** ({}%, {})",
                md_escape(&label(b)),
                b.percent,
                date_of(b.created)
            );
            if b.lost {
                let _ = write!(out, " — *{}*", lost_text(b));
            }
            out.push('\n');
            let excerpt = excerpt_line(b);
            if !excerpt.is_empty() {
                let _ = writeln!(out, "  > {}", md_escape(&excerpt));
            }
            // The whole citation under each passage, so one pasted alone says where it
            // is from: title, series and number, date, address or path.
            let _ = writeln!(out, "  >\n  > — {}", md_full_citation(r));
        }
    }
    out
}

/// `*Title*, Special Dispatch No. 90417, 2031-03-14, <https://…>` (or the path).
fn md_full_citation(r: &DocRecord) -> String {
    let mut parts = vec![format!("*{}*", md_escape(&one_line(&r.title)))];
    if let Some(cite) = citation(&r.meta) {
        parts.push(md_escape(&cite));
    }
    parts.push(md_source(r));
    parts.join(", ")
}

fn text(records: &[&DocRecord]) -> String {
    if records.is_empty() {
        return "No bookmarks.\n".to_string();
    }
    let mut out = String::new();
    for (i, r) in records.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{}\n{}", one_line(&r.title), source(r));
        if let Some(cite) = citation(&r.meta) {
            let _ = writeln!(out, "{cite}");
        }
        for b in &r.bookmarks {
            let _ = write!(
                out,
                "  {:>3}%  {}  {}",
                b.percent,
                date_of(b.created),
                label(b)
            );
            if b.lost {
                let _ = write!(out, "  [{}]", lost_text(b));
            }
            out.push('\n');
            let excerpt = excerpt_line(b);
            if !excerpt.is_empty() {
                let _ = writeln!(out, "        \u{201c}{excerpt}\u{201d}");
            }
        }
    }
    out
}

#[derive(Serialize)]
struct JsonExport<'a> {
    version: u64,
    documents: Vec<JsonDoc<'a>>,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    title: &'a str,
    path: Option<String>,
    /// Where a fetched document came from; left out when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    fingerprint: &'a str,
    parser: &'a str,
    meta: &'a DocMeta,
    bookmarks: Vec<JsonBookmark<'a>>,
}

#[derive(Serialize)]
struct JsonBookmark<'a> {
    id: &'a str,
    label: &'a str,
    excerpt: &'a str,
    percent: u8,
    /// The stored source position (`null` for a version-1 bookmark not placed since).
    pos: Option<SourcePos>,
    created: u64,
    created_date: String,
    lost: bool,
}

fn json(records: &[&DocRecord]) -> String {
    let export = JsonExport {
        version: FORMAT_VERSION,
        documents: records
            .iter()
            .map(|r| JsonDoc {
                title: &r.title,
                path: r.path.as_ref().map(|p| p.to_string_lossy().into_owned()),
                url: r.url.as_deref(),
                fingerprint: &r.fingerprint,
                parser: &r.parser,
                meta: &r.meta,
                bookmarks: r
                    .bookmarks
                    .iter()
                    .map(|b| JsonBookmark {
                        id: &b.id,
                        label: &b.label,
                        excerpt: &b.excerpt,
                        percent: b.percent,
                        pos: b.pos,
                        created: b.created,
                        created_date: date_of(b.created),
                        lost: b.lost,
                    })
                    .collect(),
            })
            .collect(),
    };
    let s = serde_json::to_string_pretty(&export).expect("strings and numbers always serialize");
    let mut s = escape_unsafe_in_json(&s);
    s.push('\n');
    s
}

/// `Special Dispatch No. 90417, 2031-03-14` from what the document says about itself,
/// when it says anything.
fn citation(m: &DocMeta) -> Option<String> {
    let clean = |s: &Option<String>| s.as_deref().map(one_line).filter(|s| !s.is_empty());
    let series = match (clean(&m.series), clean(&m.number)) {
        (Some(s), Some(n)) => Some(format!("{s} No. {n}")),
        (Some(s), None) => Some(s),
        (None, Some(n)) => Some(format!("No. {n}")),
        (None, None) => None,
    };
    let parts: Vec<String> = series.into_iter().chain(clean(&m.date)).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn source(r: &DocRecord) -> String {
    if let Some(url) = &r.url {
        return sanitize_line(url);
    }
    match &r.path {
        Some(p) => sanitize_line(&p.to_string_lossy()),
        None => "standard input".to_string(),
    }
}

fn md_source(r: &DocRecord) -> String {
    if let Some(url) = r.url.as_deref().map(sanitize_line) {
        // An autolink cannot hold spaces or angle brackets: those are percent-encoded.
        let url = url
            .replace(' ', "%20")
            .replace('<', "%3C")
            .replace('>', "%3E");
        return format!("<{url}>");
    }
    match &r.path {
        Some(p) => format!(
            "`{}`",
            sanitize_line(&p.to_string_lossy()).replace('`', "'")
        ),
        None => "*standard input*".to_string(),
    }
}

fn label(b: &Bookmark) -> String {
    let l = one_line(&b.label);
    if l.is_empty() {
        NO_LABEL.to_string()
    } else {
        l
    }
}

/// The excerpt on one line, with an ellipsis when it was cut at the excerpt limit.
fn excerpt_line(b: &Bookmark) -> String {
    let mut s = one_line(&b.excerpt);
    if b.excerpt.chars().count() >= EXCERPT_CHARS && !s.is_empty() {
        // The stored excerpt stops at a character count: show it up to its last whole word.
        if let Some(cut) = s.rfind(' ').filter(|&i| i > 0) {
            s.truncate(cut);
        }
        s.push('\u{2026}');
    }
    s
}

/// On one line and safe to print: stored text may have been edited by hand, and titles can
/// come from file names, so controls and bidi characters are shown as placeholders.
fn one_line(s: &str) -> String {
    sanitize_line(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// JSON keeps the stored text exactly, but writes every character that could act on a
/// terminal (C1 controls, bidi controls; serde already escapes C0) as a `\uXXXX` escape,
/// so printing the export is as safe as printing the other formats.
fn escape_unsafe_in_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe_char(c) && c != '\n' {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Keeps user text from turning into Markdown markup.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A unix time as a calendar date (UTC), e.g. `2024-05-29`.
pub fn date_of(unix: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm, on non-negative days.
    let z = unix / 86_400 + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::date_of;

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(951_782_400), "2000-02-29");
        assert_eq!(date_of(1_716_940_800), "2024-05-29");
        assert_eq!(date_of(1_716_940_800 + 86_399), "2024-05-29");
    }
}
