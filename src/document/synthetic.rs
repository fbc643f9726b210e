//! Large, deterministic, fictional dispatches for benchmarks and tests.
//!
//! Benchmarks need documents far bigger than anything in the fixtures, and they must be
//! the same on every run and machine, so the text comes from a seeded generator over an
//! invented vocabulary (no real reporting is reproduced). The generator builds the
//! `Document` directly, so benches that measure search or layout do not depend on the
//! parser; `render_dispatch` turns it into the plain-text shape the parser reads, for
//! benches that measure opening a file.

use super::model::{Anchor, Anchors, Block, BlockKind, Document, Label, Meta, Note};

/// A word the vocabulary never produces, placed once near the end by
/// [`synthetic_dispatch_with_rare_word`] so a search has to cross the whole document.
pub const RARE_WORD: &str = "quillwhistle";

/// A fictional dispatch of roughly `bytes` bytes of text (as rendered by
/// [`render_dispatch`]).
pub fn synthetic_dispatch(bytes: usize) -> String {
    render_dispatch(&synthetic_document(bytes, None))
}

/// Like [`synthetic_dispatch`], with `word` appearing exactly once, in the last note that
/// has text (within the last few hundred bytes).
pub fn synthetic_dispatch_with_rare_word(bytes: usize, word: &str) -> String {
    render_dispatch(&synthetic_document(bytes, Some(word)))
}

/// The model of a synthetic dispatch: header, paragraphs with anchors, occasional
/// captions, headings and verse, and one note per anchor. `rare_word`, when given,
/// appears once in the last note that has text.
pub fn synthetic_document(bytes: usize, rare_word: Option<&str>) -> Document {
    let mut g = Generator::new();
    let mut doc = Document {
        meta: Meta {
            title: Some("Harbour Councils Weigh The Lantern Accord".to_string()),
            date: Some("2031-03-14".to_string()),
            date_text: Some("March 14, 2031".to_string()),
            series: Some("Special Dispatch".to_string()),
            number: Some("90417".to_string()),
            topics: vec!["Lowland Affairs".to_string()],
            authors: Vec::new(),
            ..Meta::default()
        },
        format: "text".to_string(),
        ..Document::default()
    };
    let mut size = render_dispatch(&doc).len() + 1;
    while size < bytes || doc.blocks.is_empty() {
        let b = doc.blocks.len();
        let block = match b % 61 {
            17 => g.caption(b),
            40 => g.heading(),
            53 => g.verse(),
            _ => g.paragraph(b, &mut doc.notes),
        };
        size += rendered_len(&block, &doc.notes);
        doc.blocks.push(block);
    }
    if let Some(word) = rare_word {
        place_rare_word(&mut doc, word);
    }
    set_source_offsets(&mut doc);
    super::shared_text::pack_all(doc.blocks.iter_mut().map(|b| &mut b.text));
    doc
}

/// Plain text in the shape of a dispatch web page saved as text: a header, blank-line
/// separated blocks with `[N]` markers, indented verse, then `[N] text` notes.
pub fn render_dispatch(doc: &Document) -> String {
    render_with_offsets(doc).text
}

/// The same dispatch as a Markdown file: YAML front matter (title, date, series, number,
/// topics), paragraphs with `[^N]` references, captions as an image paragraph (its alt
/// text) or an image followed by an italic `*Figure …*` line, `#`/`##` headings, verse
/// as a block quote with hard line breaks, then `[^N]: text` definitions. A note whose
/// text is lost is simply not defined, so its reference stays text (`[^N]`) as on GitHub.
pub fn render_markdown(doc: &Document) -> String {
    let m = &doc.meta;
    let mut out = String::with_capacity(doc.source_len + doc.source_len / 8);
    out.push_str("---\n");
    if let Some(t) = &m.title {
        out.push_str(&format!("title: \"{}\"\n", t.replace('"', "\\\"")));
    }
    if let Some(d) = m.date.as_ref().or(m.date_text.as_ref()) {
        out.push_str(&format!("date: {d}\n"));
    }
    if let Some(s) = &m.series {
        out.push_str(&format!("series: {s}\n"));
    }
    if let Some(n) = &m.number {
        out.push_str(&format!("number: {n}\n"));
    }
    if !m.topics.is_empty() {
        out.push_str(&format!("topics: [{}]\n", m.topics.join(", ")));
    }
    out.push_str("---\n\n");
    let (mut captions, mut headings) = (0usize, 0usize);
    for block in &doc.blocks {
        let text = with_markers_as(block, |out, label| {
            out.push_str("[^");
            out.push_str(label);
            out.push(']');
        });
        match block.kind {
            BlockKind::Caption => {
                if captions % 2 == 0 {
                    out.push_str(&format!("![{text}](img.png)\n"));
                } else {
                    out.push_str(&format!("![](img.png)\n*{text}*\n"));
                }
                captions += 1;
            }
            BlockKind::Heading => {
                let hashes = if headings % 2 == 0 { "#" } else { "##" };
                out.push_str(&format!("{hashes} {text}\n"));
                headings += 1;
            }
            BlockKind::Verse | BlockKind::Preformatted => {
                let lines: Vec<&str> = text.lines().collect();
                for (i, line) in lines.iter().enumerate() {
                    out.push_str("> ");
                    out.push_str(line);
                    out.push_str(if i + 1 < lines.len() { "\\\n" } else { "\n" });
                }
            }
            BlockKind::Paragraph => {
                out.push_str(&text);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    for note in &doc.notes {
        if let Some(text) = &note.text {
            out.push_str(&format!("[^{}]: {text}\n\n", note.label));
        }
    }
    out
}

/// The same dispatch as a saved web page: `<head><title>`, a site `<header>` with a
/// `<nav>` menu, an `<article>` with the `<h1>` title and date line, paragraphs whose
/// references are `<sup><a href="#fnN" id="fnrefN">[N]</a></sup>`, captions in
/// `<figure><figcaption>`, `<h2>` headings, verse as a `<blockquote>` with `<br>`, an
/// `<ol class="footnotes">` of `<li id="fnN">text <a href="#fnrefN">↩</a></li>` notes (a
/// note whose text is lost has no item: its reference points nowhere), and a `<footer>`.
pub fn render_html(doc: &Document) -> String {
    let m = &doc.meta;
    let title = escape_html(m.title.as_deref().unwrap_or(""));
    let mut out = String::with_capacity(doc.source_len + doc.source_len / 4);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<title>{title} | Harbour Ledger</title>\n</head>\n<body>\n"
    ));
    out.push_str(
        "<header class=\"site\">\n<a href=\"/\">Harbour Ledger</a>\n<nav><ul>\n\
         <li><a href=\"/dispatches\">Dispatches</a></li>\n\
         <li><a href=\"/series\">Series</a></li>\n\
         <li><a href=\"/archive\">Archive</a></li>\n\
         <li><a href=\"/about\">About</a></li>\n</ul></nav>\n</header>\n",
    );
    out.push_str(&format!("<main>\n<article>\n<h1>{title}</h1>\n"));
    if let Some(d) = &m.date_text {
        let iso = m.date.as_deref().unwrap_or("");
        out.push_str(&format!(
            "<p><time datetime=\"{iso}\">{}</time></p>\n",
            escape_html(d)
        ));
    }
    out.push_str(&format!(
        "<p>{} | {} No. {}</p>\n",
        escape_html(&m.topics.join(", ")),
        escape_html(m.series.as_deref().unwrap_or("Dispatch")),
        escape_html(m.number.as_deref().unwrap_or("0"))
    ));
    for block in &doc.blocks {
        let mut s = String::with_capacity(block.text.len() + block.anchors.len() * 48);
        let mut last = 0;
        for a in &block.anchors {
            s.push_str(&escape_html(&block.text[last..a.at()]));
            let l = escape_html(&a.label);
            s.push_str(&format!(
                "<sup><a href=\"#fn{l}\" id=\"fnref{l}\">[{l}]</a></sup>"
            ));
            last = a.at();
        }
        s.push_str(&escape_html(&block.text[last..]));
        match block.kind {
            BlockKind::Caption => out.push_str(&format!(
                "<figure><img src=\"img.png\" alt=\"\"><figcaption>{s}</figcaption></figure>\n"
            )),
            BlockKind::Heading => out.push_str(&format!("<h2>{s}</h2>\n")),
            BlockKind::Verse | BlockKind::Preformatted => {
                out.push_str(&format!(
                    "<blockquote><p>{}</p></blockquote>\n",
                    s.replace('\n', "<br>\n")
                ));
            }
            BlockKind::Paragraph => out.push_str(&format!("<p>{s}</p>\n")),
        }
    }
    out.push_str("<section class=\"footnotes\">\n<h2>Notes</h2>\n<ol class=\"footnotes\">\n");
    for note in &doc.notes {
        if let Some(text) = &note.text {
            let l = escape_html(&note.label);
            out.push_str(&format!(
                "<li id=\"fn{l}\">{} <a href=\"#fnref{l}\">↩</a></li>\n",
                escape_html(text)
            ));
        }
    }
    out.push_str("</ol>\n</section>\n</article>\n</main>\n");
    out.push_str(
        "<footer class=\"site\">\n<p>© 2031 Harbour Ledger. All rights reserved.</p>\n\
         <p><a href=\"/contact\">Contact</a> · <a href=\"/privacy\">Privacy</a></p>\n\
         </footer>\n</body>\n</html>\n",
    );
    out
}

fn escape_html(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"']) {
        return s.into();
    }
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .into()
}

/// `block`'s text with each anchor's marker written by `marker`.
fn with_markers_as(block: &Block, marker: impl Fn(&mut String, &str)) -> String {
    let mut s = String::with_capacity(block.text.len() + block.anchors.len() * 6);
    let mut last = 0;
    for a in &block.anchors {
        s.push_str(&block.text[last..a.at()]);
        marker(&mut s, &a.label);
        last = a.at();
    }
    s.push_str(&block.text[last..]);
    s
}

/// Where `render_dispatch` put each piece: `(start, len)` in its output.
struct Rendered {
    text: String,
    title: usize,
    blocks: Vec<(usize, usize)>,
    notes: Vec<(usize, usize)>,
}

fn render_with_offsets(doc: &Document) -> Rendered {
    let m = &doc.meta;
    let date = m.date_text.as_deref().unwrap_or("");
    let series = m.series.as_deref().unwrap_or("Dispatch");
    let number = m.number.as_deref().unwrap_or("0");
    let mut out = String::new();
    out.push_str(&format!("{date} {series} No. {number}\n\n"));
    let title = out.len();
    out.push_str(m.title.as_deref().unwrap_or(""));
    out.push_str(&format!("\n\n{date}\n"));
    out.push_str(&format!(
        "{} | {series} No. {number}\n\n",
        m.topics.join(", ")
    ));
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    for block in &doc.blocks {
        let start = out.len();
        let text = with_markers(block);
        if block.kind == BlockKind::Verse {
            for line in text.lines() {
                out.push_str("    ");
                out.push_str(line);
                out.push('\n');
            }
        } else {
            out.push_str(&text);
            out.push('\n');
        }
        // The block's lines, without the final line break.
        blocks.push((start, out.len() - start - 1));
        out.push('\n');
    }
    out.push('\n');
    let mut notes = Vec::with_capacity(doc.notes.len());
    for note in &doc.notes {
        let start = out.len();
        out.push_str(&format!(
            "[{}] {}",
            note.label,
            note.text.as_deref().unwrap_or("")
        ));
        notes.push((start, out.len() - start));
        out.push_str("\n\n");
    }
    Rendered {
        text: out,
        title,
        blocks,
        notes,
    }
}

/// Sets every block's and note's `src`/`src_len` (and the title's `title_src`) to where
/// `render_dispatch` puts them, so positions can be named by source offset as for a
/// parsed file.
fn set_source_offsets(doc: &mut Document) {
    let r = render_with_offsets(doc);
    doc.meta.title_src = Some(r.title);
    for (b, (src, len)) in doc.blocks.iter_mut().zip(r.blocks) {
        b.src = src;
        b.src_len = u32::try_from(len).unwrap_or(u32::MAX);
    }
    for (n, (src, len)) in doc.notes.iter_mut().zip(r.notes) {
        n.src = src.into();
        n.src_len = u32::try_from(len).unwrap_or(u32::MAX);
    }
    doc.source_len = r.text.len();
}

/// What `render_dispatch` writes for `block` and its notes, without rendering it.
fn rendered_len(block: &Block, notes: &[Note]) -> usize {
    let lines = if block.kind == BlockKind::Verse {
        block.text.lines().count()
    } else {
        0
    };
    let mut n = block.text.len() + 2 + 4 * lines;
    for a in &block.anchors {
        let note = &notes[a.note()];
        n += a.label.len() + 2;
        n += note.label.len() + 5 + note.text.as_deref().map_or(0, str::len);
    }
    n
}

fn with_markers(block: &Block) -> String {
    with_markers_as(block, |out, label| {
        out.push('[');
        out.push_str(label);
        out.push(']');
    })
}

fn place_rare_word(doc: &mut Document, word: &str) {
    let Some(text) = doc.notes.iter_mut().rev().find_map(|n| n.text.as_mut()) else {
        return;
    };
    text.push_str(&format!(" The ledger names {word} once."));
}

/// Plain words, plus invented names (some with diacritics or in Cyrillic) so folding is
/// exercised the way real dispatches exercise it.
const WORDS: &[&str] = &[
    "the",
    "the",
    "the",
    "of",
    "of",
    "and",
    "and",
    "to",
    "to",
    "in",
    "in",
    "a",
    "a",
    "that",
    "for",
    "on",
    "with",
    "as",
    "was",
    "by",
    "its",
    "from",
    "at",
    "which",
    "this",
    "were",
    "council",
    "harbour",
    "delegation",
    "minister",
    "lantern",
    "accord",
    "ferry",
    "tariff",
    "province",
    "assembly",
    "channel",
    "report",
    "statement",
    "envoy",
    "archive",
    "ledger",
    "coast",
    "market",
    "river",
    "bridge",
    "district",
    "court",
    "hearing",
    "season",
    "announced",
    "argued",
    "signed",
    "visited",
    "debated",
    "praised",
    "questioned",
    "delayed",
    "welcomed",
    "recorded",
    "northern",
    "quiet",
    "formal",
    "provisional",
    "several",
    "new",
    "old",
    "public",
    "written",
    "local",
    "maritime",
    "grain",
    "salt",
    "Velmora",
    "Ostrand",
    "Tessaly",
    "Brannoch",
    "Quillon",
    "Mereth",
    "Ardevane",
    "Złotomir",
    "Øresvik",
    "Léandre",
    "Mirażel",
    "Kestrâne",
    "Bérénice",
    "Straßenfeld",
    "Северск",
    "Ладомир",
    "Ἀρκάδα",
];

const TOPICS: &[&str] = &[
    "the grain ferries",
    "the lantern accord",
    "a provisional tariff",
    "the northern channel",
    "the salt market",
];

/// xorshift64*: tiny, deterministic, good enough to vary the text.
struct Generator {
    state: u64,
    next_label: usize,
}

impl Generator {
    fn new() -> Self {
        Generator {
            state: 0x9E37_79B9_7F4A_7C15,
            next_label: 1,
        }
    }

    fn next(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }

    fn sentence(&mut self, out: &mut String) {
        let n = 8 + self.below(14);
        for i in 0..n {
            let w = self.word();
            if i == 0 {
                let mut chars = w.chars();
                if let Some(c) = chars.next() {
                    out.extend(c.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(w);
                if i + 1 < n && self.below(11) == 0 {
                    out.push(',');
                }
            }
        }
        out.push('.');
    }

    fn paragraph(&mut self, block: usize, notes: &mut Vec<Note>) -> Block {
        let mut text = String::new();
        let mut anchors = Vec::new();
        let sentences = 3 + self.below(5);
        for s in 0..sentences {
            if s > 0 {
                text.push(' ');
            }
            self.sentence(&mut text);
            if self.below(5) == 0 {
                let note = notes.len();
                let label = self.next_label.to_string();
                self.next_label += 1;
                let label = Label::from(label);
                notes.push(Note {
                    label: label.clone(),
                    text: self.note_text().map(Into::into),
                    refs: vec![block].into(),
                    ..Note::default()
                });
                anchors.push(Anchor {
                    label,
                    at: text.len() as u32,
                    note: note as u32,
                });
            }
        }
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            anchors: anchors.into(),
            ..Block::default()
        }
    }

    fn note_text(&mut self) -> Option<String> {
        if self.below(20) == 0 {
            return None;
        }
        let day = 1 + self.below(28);
        let topic = TOPICS[self.below(TOPICS.len())];
        Some(format!(
            "See the Harbour Ledger, entry of March {day}, 2031, on {topic}."
        ))
    }

    fn caption(&mut self, block: usize) -> Block {
        let mut text = format!("Figure {}: ", block / 61 + 1);
        self.sentence(&mut text);
        text.push_str(" (Source: Harbour Ledger)");
        Block {
            kind: BlockKind::Caption,
            text: text.into(),
            anchors: Anchors::new(),
            ..Block::default()
        }
    }

    /// All capitals: the shape of a heading in a dispatch saved as text.
    fn heading(&mut self) -> Block {
        let topic = TOPICS[self.below(TOPICS.len())];
        Block {
            kind: BlockKind::Heading,
            text: format!("ON {}", topic.to_uppercase()).into(),
            anchors: Anchors::new(),
            ..Block::default()
        }
    }

    fn verse(&mut self) -> Block {
        let mut text = String::new();
        for line in 0..4 {
            if line > 0 {
                text.push('\n');
            }
            for i in 0..5 {
                if i > 0 {
                    text.push(' ');
                }
                text.push_str(self.word());
            }
        }
        Block {
            kind: BlockKind::Verse,
            text: text.into(),
            anchors: Anchors::new(),
            ..Block::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_is_close_to_the_request_and_deterministic() {
        let a = synthetic_dispatch(200_000);
        assert!(a.len() >= 200_000 && a.len() < 202_000, "{}", a.len());
        assert_eq!(a, synthetic_dispatch(200_000));
    }

    #[test]
    fn rare_word_appears_once_near_the_end() {
        let text = synthetic_dispatch_with_rare_word(300_000, RARE_WORD);
        let hits: Vec<_> = text.match_indices(RARE_WORD).collect();
        assert_eq!(hits.len(), 1);
        assert!(
            hits[0].0 > text.len() * 9 / 10,
            "{} of {}",
            hits[0].0,
            text.len()
        );
        assert!(!synthetic_dispatch(300_000).contains(RARE_WORD));
    }

    #[test]
    fn anchors_are_in_order_on_char_boundaries_with_one_note_each() {
        let doc = synthetic_document(100_000, Some(RARE_WORD));
        let mut seen = 0;
        for (b, block) in doc.blocks.iter().enumerate() {
            let mut last = 0;
            for a in &block.anchors {
                assert!(a.at() >= last && block.text.is_char_boundary(a.at()));
                last = a.at();
                assert_eq!(doc.notes[a.note()].label, a.label);
                assert_eq!(doc.notes[a.note()].refs.blocks().collect::<Vec<_>>(), [b]);
                seen += 1;
            }
        }
        assert_eq!(seen, doc.notes.len());
        assert!(seen > 10);
    }

    /// Benches build the model directly or parse the text; both must be the same document.
    #[test]
    fn rendered_text_parses_back_to_the_same_model() {
        let full = synthetic_document(400_000, Some(RARE_WORD));
        let parsed_full =
            crate::document::load(render_dispatch(&full).as_bytes()).expect("text input");
        // Where the generator says each block and note starts is where the parser finds it.
        let starts = |d: &Document| -> Vec<usize> { d.blocks.iter().map(|b| b.src).collect() };
        assert_eq!(starts(&parsed_full), starts(&full));
        let note_starts =
            |d: &Document| -> Vec<Option<usize>> { d.notes.iter().map(|n| n.src.get()).collect() };
        assert_eq!(note_starts(&parsed_full), note_starts(&full));
        let (doc, parsed) = (full.structure(), parsed_full.structure());
        assert_eq!(parsed.meta, doc.meta);
        assert_eq!(parsed.blocks.len(), doc.blocks.len());
        for (p, d) in parsed.blocks.iter().zip(&doc.blocks) {
            assert_eq!(p, d);
        }
        assert_eq!(parsed.notes, doc.notes);
    }

    #[test]
    fn source_offsets_point_at_the_rendered_text() {
        let doc = synthetic_document(50_000, None);
        let text = render_dispatch(&doc);
        let title = doc.meta.title.as_deref().unwrap_or("");
        assert!(text[doc.meta.title_src.unwrap_or(0)..].starts_with(title));
        let mut last = 0;
        for b in &doc.blocks {
            assert!(b.src > last || last == 0, "blocks in source order");
            last = b.src;
            let first_line = with_markers(b).lines().next().unwrap_or("").to_string();
            assert!(text[b.src..b.src + b.src_len as usize].contains(&first_line));
            assert!(text.is_char_boundary(b.src + b.src_len as usize));
        }
        for n in &doc.notes {
            let src = n.src.get().expect("every synthetic note is defined");
            assert!(src > last);
            assert!(text[src..].starts_with(&format!("[{}] ", n.label)));
            assert_eq!(text.as_bytes()[src + n.src_len as usize], b'\n');
        }
        let positions = doc.unit_count();
        for u in 0..positions {
            let sp = doc.source_pos(crate::document::DocPos::new(u, 0));
            assert_eq!(
                doc.locate(&sp),
                Some(crate::document::DocPos::new(u, 0)),
                "unit {u}"
            );
        }
    }

    /// Anchors, and notes that have text, in `doc`.
    fn counts(doc: &Document) -> (usize, usize, usize) {
        let anchors = doc.blocks.iter().map(|b| b.anchors.len()).sum();
        let with_text = doc.notes.iter().filter(|n| n.text.is_some()).count();
        (doc.blocks.len(), anchors, with_text)
    }

    fn load_as(text: &str, format: &str) -> Document {
        let f = crate::document::format::by_name(format).expect("format exists");
        crate::document::format::load_with(text.as_bytes(), Some(f), None).expect("loads")
    }

    /// Markdown cannot cite a note without defining it (an undefined `[^N]` stays text),
    /// so anchors to the notes whose text is lost are not anchors there; everything else
    /// comes back: every block, every anchor to a note with text, every such note.
    #[test]
    fn rendered_markdown_parses_back_to_the_same_anchors_and_notes() {
        let doc = synthetic_document(300_000, Some(RARE_WORD));
        let parsed = load_as(&render_markdown(&doc), "markdown");
        assert_eq!(parsed.format, "markdown");
        let (blocks, anchors, with_text) = counts(&doc);
        let lost: usize = doc
            .blocks
            .iter()
            .flat_map(|b| &b.anchors)
            .filter(|a| doc.notes[a.note()].text.is_none())
            .count();
        assert!(lost > 0, "the model has notes without text");
        assert_eq!(counts(&parsed), (blocks, anchors - lost, with_text));
        assert_eq!(parsed.notes.len(), with_text);
        assert_eq!(parsed.meta.title, doc.meta.title);
        assert_eq!(parsed.meta.date, doc.meta.date);
        assert_eq!(parsed.meta.series, doc.meta.series);
        assert_eq!(parsed.meta.number, doc.meta.number);
        let kinds = |d: &Document| d.blocks.iter().map(|b| b.kind).collect::<Vec<_>>();
        assert_eq!(kinds(&parsed), kinds(&doc));
        let texts = |d: &Document| {
            d.notes
                .iter()
                .filter_map(|n| Some((n.label.clone(), n.text.clone()?)))
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&parsed), texts(&doc));
    }

    /// HTML expresses everything the model counts: a reference whose note has no item is
    /// a note without text. Verse comes back as a paragraph (a `<blockquote>` is one).
    #[test]
    fn rendered_html_parses_back_to_the_same_anchors_and_notes() {
        let doc = synthetic_document(300_000, Some(RARE_WORD));
        let parsed = load_as(&render_html(&doc), "html");
        assert_eq!(parsed.format, "html");
        assert_eq!(counts(&parsed), counts(&doc));
        assert_eq!(parsed.notes.len(), doc.notes.len());
        assert_eq!(parsed.meta.title, doc.meta.title);
        let texts = |d: &Document| {
            d.notes
                .iter()
                .map(|n| (n.label.clone(), n.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&parsed), texts(&doc));
        let kind = |k: BlockKind| match k {
            BlockKind::Verse => BlockKind::Paragraph,
            k => k,
        };
        let kinds = |d: &Document| d.blocks.iter().map(|b| kind(b.kind)).collect::<Vec<_>>();
        assert_eq!(kinds(&parsed), kinds(&doc));
    }
}
