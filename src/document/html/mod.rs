//! The HTML format: saved web pages (think-tank and news articles, Wikipedia, Word and
//! Google Docs exports, Project Gutenberg's HTML books). Parsed spec-compliantly by
//! `html5ever` (into our own lean tree, `dom.rs`), so entities are decoded and bad
//! markup is repaired the way a browser would; the text then goes to the builder,
//! which sanitizes it.
//!
//! Order of work: the notes are resolved on the whole page (`notes.rs`); the article is
//! chosen (`<article>`, `<main>`, `[role=main]`, else the element with the most
//! paragraph text); it is walked into blocks with page chrome left out (`walk.rs`);
//! header lines (title, date, `Topic | Series No. N`) become metadata. See
//! docs/format.md, "HTML".

mod charset;
mod dom;
mod fast;
mod notes;
mod scan;
mod walk;

use crate::document::builder::{Builder, LabelRule};
use crate::document::format::{Format, Input};
use crate::document::model::{BlockKind, Meta, NoteKind};
use dom::{Dom as Page, NodeRef};
use regex::Regex;
use std::sync::LazyLock;
use walk::{Item, Mode, Piece};

pub struct Html;

const EXTENSIONS: [&str; 4] = ["html", "htm", "xhtml", "shtml"];

/// How far a block's first words are looked for in the input after the previous block.
const SEARCH_WINDOW: usize = 256 * 1024;
/// How many ancestors the best paragraph container may widen to.
const MAX_WIDEN: usize = 8;
/// Searching for offsets reads at most this many times the input in all.
const SEARCH_BUDGET: usize = 16;
/// How many characters of a block's first text are looked for.
const NEEDLE_CHARS: usize = 20;

impl Format for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn label_rule(&self) -> LabelRule {
        LabelRule::AsWritten
    }

    fn detect(&self, input: &Input<'_>) -> u8 {
        if input
            .extension()
            .is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
        {
            return 95;
        }
        if looks_like_html(input.text) {
            95
        } else {
            0
        }
    }

    fn parse(&self, input: &Input<'_>, out: &mut Builder) {
        parse(input, out);
    }

    /// `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 1024 bytes.
    fn declared_encoding(&self, bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
        charset::prescan(bytes)
    }
}

/// Content that starts (after a BOM, white space and comments) with `<!doctype html` or
/// `<html`, in any case.
pub fn looks_like_html(text: &str) -> bool {
    let mut t = text.trim_start_matches('\u{FEFF}').trim_start();
    for _ in 0..8 {
        if t.starts_with("<!--") {
            match t.find("-->") {
                Some(e) => t = t[e + 3..].trim_start(),
                None => return false,
            }
        } else if t.starts_with("<?xml") {
            match t.find("?>") {
                Some(e) => t = t[e + 2..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let head: String = t.chars().take(14).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The page's tree, with room for its nodes reserved up front: grown by doubling, the
/// node vector was copied a dozen times on a large page. A node starts at each `<` at
/// most, plus the text after it; memory reserved beyond what is used is never touched,
/// so an over-estimate costs little.
fn parse_page(text: &str) -> Page {
    // Estimated from the first 64 KiB (counting the whole page cost more than the
    // copies saved); a wrong guess only means the vector grows as before.
    let sample = &text.as_bytes()[..text.len().min(64 * 1024)];
    let in_sample = sample.iter().filter(|&&b| b == b'<').count();
    let tags = in_sample * (text.len() / sample.len().max(1));
    dom::parse(text, tags.saturating_mul(2) + 16)
}

fn parse(input: &Input<'_>, out: &mut Builder) {
    let page = parse_page(input.text);
    let doc_root = page.root();
    let scan = scan::scan(doc_root, input.text.len());
    let notes = notes::find(doc_root, &scan);
    let body = scan.body.unwrap_or(doc_root);
    let root = widen_to_references(article(body, &scan), body, &scan, &notes);

    let mut items = walk::walk(root, &notes, Mode::Body);
    if !has_text(&items) && root.id() != body.id() {
        items = walk::walk(body, &notes, Mode::Body);
    }
    if !has_text(&items) {
        items = walk::walk(body, &notes, Mode::BodyAll);
    }

    let mut has_notes = !notes.defs.is_empty();
    if !has_notes && notes.refs.is_empty() {
        has_notes = text_markers(&mut items);
    }
    let mut meta = head_meta(&scan, root);
    let items = take_header(items, &mut meta, has_notes);

    // Definitions the walk did not meet (outside the article, in chrome) come last.
    let mut seen = vec![false; notes.defs.len()];
    for i in &items {
        if let Item::Def(d) = i {
            if let Some(s) = seen.get_mut(*d) {
                *s = true;
            }
        }
    }
    let mut items = items;
    for (d, s) in seen.iter().enumerate() {
        if !s {
            items.push(Item::Def(d));
        }
    }

    // Source offsets: blocks by their first words, notes by their id attribute.
    let text = input.text;
    let mut block_at: Vec<usize> = Vec::new();
    let mut budget = Budget(text.len().saturating_mul(SEARCH_BUDGET).max(SEARCH_WINDOW));
    let mut prev = 0;
    for i in &items {
        if let Item::Block(p) = i {
            let at = block_offset(&page, text, p, prev, &mut budget);
            prev = at;
            block_at.push(at);
        }
    }
    let mut prev = 0;
    let note_at: Vec<usize> = notes
        .defs
        .iter()
        .map(|d| {
            prev = id_offset(text, &d.id, prev, &mut budget);
            prev
        })
        .collect();
    let title_at = meta
        .title
        .as_deref()
        .and_then(|t| text_offset(text, t, 0, text.len(), &mut budget));
    let mut all: Vec<usize> = block_at
        .iter()
        .chain(&note_at)
        .chain(title_at.as_ref())
        .copied()
        .collect();
    all.sort_unstable();
    all.dedup();
    let mapped = input.to_source(&all);
    let src = |d: usize| {
        all.binary_search(&d)
            .ok()
            .and_then(|i| mapped.get(i).copied())
            .unwrap_or(0)
    };
    meta.title_src = title_at.map(src);
    out.set_meta(meta);

    let source_len = input.source_len;
    let mut reader = walk::NoteReader::new(&notes);
    let mut b = 0;
    for i in items {
        match i {
            Item::Block(p) => {
                let start = src(block_at.get(b).copied().unwrap_or(0));
                b += 1;
                let end = (start + p.text.len()).min(source_len).max(start);
                match p.note {
                    Some(label) => {
                        let text = vec![p.text].into_iter().filter(|t| !t.is_empty());
                        out.push_note(&label, text, NoteKind::Note, start..end);
                    }
                    None => out.push_block(p.kind, p.text, p.anchors, p.runs, start..end),
                }
            }
            Item::Def(d) => {
                let Some(def) = notes.defs.get(d) else {
                    continue;
                };
                let Some(node) = page.get(def.node) else {
                    continue;
                };
                // The definition element, or the children that are this note's when
                // notes share it; then the blocks continuing it.
                let own = def.parts.is_empty().then_some(node);
                let parts = def.parts.iter().filter_map(|&m| page.get(m));
                let more = def.more.iter().filter_map(|&m| page.get(m));
                let paragraphs =
                    reader.paragraphs(own.into_iter().chain(parts).chain(more), &def.label);
                let start = src(note_at.get(d).copied().unwrap_or(0));
                let len: usize = paragraphs.iter().map(|p| p.len()).sum();
                let end = (start + len).min(source_len).max(start);
                out.push_note(&def.label, paragraphs, NoteKind::Note, start..end);
            }
        }
    }
}

static TEXT_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([0-9]{1,4})\]").expect("static regex"));
static TEXT_DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([0-9]{1,4})\](?:\s+|$)").expect("static regex"));

/// A page without linked notes may still be a dispatch with `[N]` written as text and
/// a list of `[N] …` paragraphs: those paragraphs become notes and the `[N]` of a
/// defined label in other blocks become anchors (the space before one goes with it).
/// True when any note was found.
fn text_markers(items: &mut [Item]) -> bool {
    let mut defined: std::collections::HashSet<String> = std::collections::HashSet::new();
    for i in items.iter_mut() {
        let Item::Block(p) = i else { continue };
        if p.kind != BlockKind::Paragraph {
            continue;
        }
        let Some(c) = TEXT_DEFINITION.captures(&p.text) else {
            continue;
        };
        let (Some(all), Some(label)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let label = label.as_str().to_owned();
        p.text = p.text[all.end()..].trim().to_owned();
        p.runs.clear();
        defined.insert(label.clone());
        p.note = Some(label);
    }
    if defined.is_empty() {
        return false;
    }
    for i in items.iter_mut() {
        let Item::Block(p) = i else { continue };
        if p.note.is_some() || p.kind == BlockKind::Preformatted {
            continue;
        }
        let mut text = String::with_capacity(p.text.len());
        let mut removed: Vec<(usize, usize)> = Vec::new(); // (old offset, bytes removed so far)
        let mut gone = 0;
        let mut last = 0;
        for c in TEXT_MARKER.captures_iter(&p.text) {
            let (Some(m), Some(label)) = (c.get(0), c.get(1)) else {
                continue;
            };
            if !defined.contains(label.as_str()) {
                continue;
            }
            text.push_str(&p.text[last..m.start()]);
            if text.ends_with(' ') {
                text.pop();
                gone += 1;
            }
            gone += m.len();
            removed.push((m.end(), gone));
            p.anchors.push(crate::document::builder::RawAnchor {
                label: label.as_str().to_owned(),
                at: text.len(),
            });
            last = m.end();
        }
        if removed.is_empty() {
            continue;
        }
        text.push_str(&p.text[last..]);
        let moved = |at: usize| {
            let i = removed.partition_point(|&(o, _)| o <= at);
            let shift = if i == 0 { 0 } else { removed[i - 1].1 };
            at.saturating_sub(shift)
        };
        for r in &mut p.runs {
            r.start = moved(r.start);
            r.end = moved(r.end);
        }
        p.runs.retain(|r| r.start < r.end);
        p.text = text;
    }
    true
}

fn has_text(items: &[Item]) -> bool {
    items
        .iter()
        .any(|i| matches!(i, Item::Block(p) if !p.text.trim().is_empty()))
}

/// The article: the `<article>` with the most paragraph text, else `<main>` or
/// `[role=main]`, else the element whose `<p>` children hold the most text (widened to
/// an ancestor that holds much more), else the body. A container with under a quarter
/// of the page's paragraph text is not the article.
fn article<'a>(body: NodeRef<'a>, scan: &scan::Scan<'a>) -> NodeRef<'a> {
    let p_text = |n: &NodeRef<'_>| scan.p_text(n.id());
    let total = p_text(&body);
    let enough = |n: &NodeRef<'_>| total == 0 || p_text(n) * 4 >= total;
    for candidates in [&scan.articles, &scan.mains] {
        // The first of the most text, in document order, as `max_by_key` gave.
        let mut best: Option<NodeRef<'a>> = None;
        for &c in candidates.iter() {
            if scan.contains(body.id(), c.id()) && c.id() != body.id() {
                let better = best.is_none_or(|b| p_text(&c) >= p_text(&b));
                if better {
                    best = Some(c);
                }
            }
        }
        if let Some(a) = best {
            if enough(&a) {
                return a;
            }
        }
    }
    // Readability-style: score each parent by the text of its paragraphs.
    let mut score: fast::IdMap<usize> = fast::IdMap::default();
    for (p, len) in &scan.p_own {
        if !scan.contains(body.id(), p.id()) {
            continue;
        }
        if let Some(parent) = p.parent() {
            *score.or_insert_with(parent.id(), || 0) += len;
        }
    }
    let Some((&top, _)) = score
        .iter()
        .max_by_key(|(id, s)| (**s, std::cmp::Reverse(**id)))
    else {
        return body;
    };
    let Some(mut cur) = body.tree().get(top) else {
        return body;
    };
    for _ in 0..MAX_WIDEN {
        let Some(parent) = cur.parent() else { break };
        if parent.id() == body.id() || !parent.value().is_element() {
            break;
        }
        if p_text(&parent) * 10 > p_text(&cur) * 13 {
            cur = parent;
        } else {
            break;
        }
    }
    if enough(&cur) {
        cur
    } else {
        body
    }
}

/// The article widened, up to the body, to hold every reference to a note it defines:
/// some pages put a reference outside the article container (a standfirst above the
/// `<article>`, a caption beside it), and the notes were resolved on the whole page.
fn widen_to_references<'a>(
    root: NodeRef<'a>,
    body: NodeRef<'a>,
    scan: &scan::Scan<'a>,
    notes: &notes::Notes<'a>,
) -> NodeRef<'a> {
    let inside: fast::IdSet = notes
        .defs
        .iter()
        .filter(|d| scan.contains(root.id(), d.node))
        .map(|d| d.key)
        .collect();
    let mut cur = root;
    for (r, key) in &notes.ref_def {
        if !inside.contains(key) || !notes.refs.contains_key(r) {
            continue;
        }
        while !scan.contains(cur.id(), *r) && cur.id() != body.id() {
            match cur.parent() {
                Some(p) if p.value().is_element() => cur = p,
                _ => return body,
            }
        }
    }
    cur
}

static SERIES_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<topics>[^|]{1,200}?) *\| *)?(?P<series>[A-Z][A-Za-z&.'’ -]{0,80}?) +No\.? *(?P<number>[0-9]{1,9})$",
    )
    .expect("static regex")
});

static LONG_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<m>January|February|March|April|May|June|July|August|September|October|November|December) (?P<d>[0-9]{1,2}), (?P<y>[0-9]{4})$")
        .expect("static regex")
});

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})").expect("static regex"));

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Does `s` start with a month's name? Asked before the date patterns, so that a page
/// without such lines never compiles them (compiling them cost as much as a few
/// thousand blocks).
fn starts_with_month(s: &str) -> bool {
    MONTHS.iter().any(|m| s.starts_with(m))
}

/// `June 1, 2032` or `2032-06-01T…` → `2032-06-01`.
fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        if let Some(c) = ISO_DATE.captures(s) {
            return Some(c.get(0)?.as_str().to_owned());
        }
    }
    if !starts_with_month(s) {
        return None;
    }
    let c = LONG_DATE.captures(s)?;
    let month = c.name("m")?.as_str();
    let m = MONTHS.iter().position(|m| *m == month)? + 1;
    let d: u32 = c.name("d")?.as_str().parse().ok()?;
    (1..=31)
        .contains(&d)
        .then(|| format!("{}-{m:02}-{d:02}", c.name("y").map_or("", |y| y.as_str())))
}

/// Metadata from the head and the article: `og:title`, else the article's first `<h1>`,
/// else `<title>`; `<meta name=author>`; the date from `<meta name=date>` (or
/// `article:published_time`) and the article's first `<time>`.
fn head_meta(scan: &scan::Scan<'_>, root: NodeRef<'_>) -> Meta {
    let mut og_title = None;
    let mut authors = Vec::new();
    let mut date_meta = None;
    let title = scan.title.map(|n| collapse(&notes::text_of(&n)));
    for el in &scan.metas {
        let key = el
            .fattr("property")
            .or_else(|| el.fattr("name"))
            .unwrap_or("")
            .to_ascii_lowercase();
        let content = el.fattr("content").map(collapse).filter(|c| !c.is_empty());
        let Some(content) = content else { continue };
        match key.as_str() {
            "og:title" if og_title.is_none() => og_title = Some(content),
            "author" | "article:author" | "dc.creator"
                if !content.starts_with("http") && !authors.contains(&content) =>
            {
                authors.push(content)
            }
            "date" | "article:published_time" | "dc.date" | "citation_date"
                if date_meta.is_none() =>
            {
                date_meta = Some(content)
            }
            _ => {}
        }
    }
    let in_root = |n: &&NodeRef<'_>| scan.contains(root.id(), n.id());
    let h1 = scan
        .h1s
        .iter()
        .find(in_root)
        .map(|h| collapse(&notes::text_of(h)))
        .filter(|t| !t.is_empty());
    let time = scan.times.iter().find(in_root).map(|t| {
        let dt = t.value().as_element().and_then(|e| e.fattr("datetime"));
        (dt.map(str::to_owned), collapse(&notes::text_of(t)))
    });
    let (date, date_text) = match (time, date_meta) {
        (Some((dt, text)), meta) if !text.is_empty() => {
            let iso = dt
                .as_deref()
                .and_then(iso_date)
                .or_else(|| iso_date(&text))
                .or_else(|| meta.as_deref().and_then(iso_date));
            (iso, Some(text))
        }
        (_, Some(m)) => (iso_date(&m), Some(m)),
        _ => (None, None),
    };
    Meta {
        title: og_title.or(h1).or(title),
        date,
        date_text,
        authors,
        ..Meta::default()
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Header lines at the top of the article become metadata and leave the body: the
/// title heading, the date line, `June 1, 2032 Special Dispatch No. 44`, `Topic |
/// Special Dispatch No. 44`, a `By …` byline. A `Notes` heading goes when the page has
/// notes (the reader has its own).
fn take_header(items: Vec<Item>, meta: &mut Meta, has_notes: bool) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    let mut in_header = true;
    for item in items {
        let Item::Block(p) = item else {
            out.push(item);
            continue;
        };
        let t = p.text.trim();
        if has_notes
            && matches!(p.kind, BlockKind::Heading | BlockKind::Paragraph)
            && p.anchors.is_empty()
            && matches!(
                t.trim_end_matches(':').to_ascii_lowercase().as_str(),
                "notes" | "footnotes" | "endnotes" | "references" | "note" | "sidenotes"
            )
        {
            continue;
        }
        if in_header && p.anchors.is_empty() && is_header_line(&p, meta) {
            continue;
        }
        if p.kind == BlockKind::Paragraph && !t.is_empty() {
            in_header = false;
        }
        out.push(Item::Block(p));
    }
    out
}

fn is_header_line(p: &Piece, meta: &mut Meta) -> bool {
    let t = p.text.trim();
    if t.is_empty() || t.len() > 300 {
        return false;
    }
    if p.kind == BlockKind::Heading && meta.title.as_deref() == Some(t) {
        return true;
    }
    if meta.date_text.as_deref() == Some(t) {
        return true;
    }
    let month = starts_with_month(t);
    if meta.date_text.is_none() && month && LONG_DATE.is_match(t) {
        meta.date = iso_date(t);
        meta.date_text = Some(t.to_owned());
        return true;
    }
    // `June 1, 2032 Special Dispatch No. 44`
    let prefix = month.then(|| LONG_DATE_PREFIX.captures(t)).flatten();
    let (date_part, rest) = match prefix {
        Some(c) => (
            c.get(1).map(|m| m.as_str().to_owned()),
            c.get(2).map_or("", |m| m.as_str()),
        ),
        None => (None, t),
    };
    // A series line has ` No` before its number.
    let series = rest
        .contains(" No")
        .then(|| SERIES_LINE.captures(rest))
        .flatten();
    if let Some(c) = series {
        if date_part.is_some() && c.name("topics").is_some() {
            return false;
        }
        if let Some(d) = date_part {
            if meta.date_text.is_none() {
                meta.date = iso_date(&d);
                meta.date_text = Some(d);
            }
        }
        meta.series = c.name("series").map(|m| m.as_str().trim().to_owned());
        meta.number = c.name("number").map(|m| m.as_str().to_owned());
        if let Some(topics) = c.name("topics") {
            meta.topics = topics
                .as_str()
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect();
        }
        return true;
    }
    if let Some(by) = t.strip_prefix("By ") {
        if meta.authors.is_empty() && by.len() < 200 {
            meta.authors = by
                .split([',', '&'])
                .flat_map(|s| s.split(" and "))
                .map(|s| s.trim().trim_end_matches('*').to_owned())
                .filter(|s| !s.is_empty())
                .collect();
            return true;
        }
    }
    false
}

static LONG_DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:January|February|March|April|May|June|July|August|September|October|November|December) [0-9]{1,2}, [0-9]{4}) +(.*)$")
        .expect("static regex")
});

/// What is left of the searching allowed (`SEARCH_BUDGET` times the input): every
/// search is cut to it and pays for the bytes it read, so hostile pages stay linear.
struct Budget(usize);

impl Budget {
    /// `hay` cut to what is left.
    fn cut<'h>(&self, hay: &'h [u8]) -> &'h [u8] {
        &hay[..hay.len().min(self.0)]
    }

    /// `n` bytes were read.
    fn spend(&mut self, n: usize) {
        self.0 = self.0.saturating_sub(n);
    }

    /// The first `needle` in `hay` (within the budget), paying for what was read.
    fn find(&mut self, hay: &[u8], needle: &[u8]) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        let hay = self.cut(hay);
        let found = RareByte::new(needle).find_iter(hay).next();
        self.spend(found.map_or(hay.len(), |i| i + needle.len()));
        found
    }
}

/// A short needle found by its rarest byte (`memchr`) and checked around each hit.
/// `memmem::find` builds a searcher on every call, which cost more than the search
/// itself for the one or two searches made per block and note; needles here are a
/// few words or an id, found within a few hundred bytes.
struct RareByte<'n> {
    needle: &'n [u8],
    /// The rarest byte's place in the needle.
    at: usize,
}

impl<'n> RareByte<'n> {
    fn new(needle: &'n [u8]) -> Self {
        let at = (0..needle.len())
            .min_by_key(|&i| byte_rank(needle[i]))
            .unwrap_or(0);
        RareByte { needle, at }
    }

    /// Every place (in order) where the needle starts in `hay`.
    fn find_iter<'h>(&self, hay: &'h [u8]) -> impl Iterator<Item = usize> + use<'h, 'n, '_> {
        let (needle, at) = (self.needle, self.at);
        let rare = needle.get(at).copied().unwrap_or(0);
        let tail = needle.len() - at;
        // Where the rare byte may stand: at least `at` bytes in, `tail` bytes before the end.
        let search = if needle.is_empty() || hay.len() < needle.len() {
            &hay[..0]
        } else {
            &hay[at..hay.len() - tail + 1]
        };
        // `i` is the rare byte's place in `search`, so the needle starts at `i` in `hay`.
        memchr::memchr_iter(rare, search)
            .filter(move |&i| hay.get(i..i + needle.len()) == Some(needle))
    }
}

/// How common a byte is in English text and markup (higher is commoner): the byte a
/// needle is searched by is its least common one. A table, since it is asked of every
/// byte of every needle.
fn byte_rank(b: u8) -> u8 {
    RANKS[usize::from(b)]
}

static RANKS: [u8; 256] = {
    const COMMON: &[u8] = b" etaoinsrhldcumfpgwybvk";
    let mut t = [100u8; 256];
    let mut b = b'a';
    while b <= b'z' {
        t[b as usize] = 200;
        b += 1;
    }
    let mut i = 0;
    while i < COMMON.len() {
        t[COMMON[i] as usize] = 255 - i as u8;
        i += 1;
    }
    t
};

/// `text[from..]`, at most `window` bytes of it (ending on a character boundary).
fn window(text: &str, from: usize, window: usize) -> (usize, &[u8]) {
    let from = from.min(text.len());
    let mut to = (from + window).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    (from, &text.as_bytes()[from..to])
}

/// Where `needle`'s first words stand in `text`, at or after `from` (within the window).
fn text_offset(
    text: &str,
    needle: &str,
    from: usize,
    window_len: usize,
    budget: &mut Budget,
) -> Option<usize> {
    let start = needle.find(|c: char| c.is_alphanumeric())?;
    let rest = &needle[start..];
    let mut end = 0;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n >= NEEDLE_CHARS || !(c.is_alphanumeric() || c == ' ') {
            break;
        }
        end = i + c.len_utf8();
    }
    let words = rest[..end].trim_end();
    let first_word = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let (from, hay) = window(text, from, window_len);
    for n in [words, first_word] {
        if let Some(i) = budget.find(hay, n.as_bytes()) {
            return Some(from + i);
        }
    }
    None
}

/// The offset of a block: its first text node's first words, looked for at or after
/// the previous block's offset; the previous offset when not found.
fn block_offset(page: &Page, text: &str, p: &Piece, prev: usize, budget: &mut Budget) -> usize {
    let node_text = p
        .first_text
        .and_then(|id| page.get(id))
        .and_then(|n| n.value().as_text())
        .unwrap_or(&p.text);
    text_offset(text, node_text, prev, SEARCH_WINDOW, budget).unwrap_or(prev)
}

/// The offset of the tag whose `id="x"` or `name="x"` attribute (quoted or not) names
/// a definition, looked for after the previous definition's (definitions are in
/// document order); the previous offset when not found.
fn id_offset(text: &str, id: &str, from: usize, budget: &mut Budget) -> usize {
    if id.is_empty() {
        return from;
    }
    // Near the previous one first; else anywhere after it (the first note of a long
    // page stands far from the page's start).
    let finder = RareByte::new(id.as_bytes());
    for len in [SEARCH_WINDOW, text.len()] {
        let (from, hay) = window(text, from, len);
        let hay = budget.cut(hay);
        for i in finder.find_iter(hay) {
            if names_id_at(hay, i, id.len()) {
                budget.spend(i + id.len());
                // Back to the `<` of the tag.
                return from + memchr::memrchr(b'<', &hay[..i]).unwrap_or(i);
            }
        }
        budget.spend(hay.len());
        if hay.len() < SEARCH_WINDOW {
            break;
        }
    }
    from
}

/// Is `hay[i..i + len]` the value of an `id` or `name` attribute?
fn names_id_at(hay: &[u8], i: usize, len: usize) -> bool {
    let before = &hay[..i];
    let after = hay.get(i + len).copied();
    let (before, closed) = match before.last() {
        Some(&q @ (b'"' | b'\'')) => (&before[..before.len() - 1], after == Some(q)),
        _ => (
            before,
            after.is_none_or(|b| b.is_ascii_whitespace() || b == b'>' || b == b'/'),
        ),
    };
    let Some(before) = before.strip_suffix(b"=") else {
        return false;
    };
    let named = |attr: &[u8]| {
        before.strip_suffix(attr).is_some_and(|b| {
            b.last()
                .is_some_and(|&c| c.is_ascii_whitespace() || c == b'"' || c == b'\'')
        })
    };
    closed && (named(b"id") || named(b"name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_recognised_by_its_start() {
        assert!(looks_like_html("\u{FEFF}  <!DOCTYPE html><p>x"));
        assert!(looks_like_html("<!-- saved --><HTML lang=en>"));
        assert!(!looks_like_html("<p>just a fragment</p>"));
        assert!(!looks_like_html("Plain text"));
    }

    #[test]
    fn dates() {
        assert_eq!(iso_date("June 1, 2032").as_deref(), Some("2032-06-01"));
        assert_eq!(iso_date("2032-06-01T10:00").as_deref(), Some("2032-06-01"));
        assert_eq!(iso_date("soon"), None);
    }
}
