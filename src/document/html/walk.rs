//! The element tree to blocks: one pass in document order over `traverse()` edges (no
//! recursion, so a deeply nested page cannot exhaust the stack).

use super::dom::{Edge, Element, Node, NodeId, NodeRef};
use super::notes::{clean_label, Notes};
use crate::document::builder::RawAnchor;
use crate::document::model::{BlockKind, Run, RunStyle};
use crate::document::parse::sanitize::expand_tabs;
use std::sync::LazyLock;

/// A block as read: what the builder gets, and the first text node (for its source
/// offset).
pub struct Piece {
    pub kind: BlockKind,
    pub text: String,
    pub anchors: Vec<RawAnchor>,
    pub runs: Vec<Run>,
    pub first_text: Option<NodeId>,
    /// A `[N] …` paragraph of a page without linked notes: the note it defines.
    pub note: Option<String>,
}

pub enum Item {
    Block(Piece),
    /// The definition `notes.defs[i]` stands here.
    Def(usize),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The article: page chrome left out, definitions and references recognised.
    Body,
    /// The article without the chrome rules (the fallback when they left nothing).
    BodyAll,
    /// A note's text: back-links and labels left out.
    Note,
}

/// Block elements: each starts and ends a block. A `match` rather than a list scan,
/// because it is asked twice for every element of the page.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "hr"
            | "header"
            | "footer"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "body"
            | "html"
            | "aside"
            | "nav"
            | "form"
            | "fieldset"
            | "legend"
            | "hgroup"
            | "tbody"
            | "thead"
            | "tfoot"
            | "dialog"
            | "menu"
            | "noscript"
    )
}

/// Never text, in any mode.
fn is_never(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "template"
            | "head"
            | "title"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "textarea"
            | "button"
            | "input"
            | "video"
            | "audio"
            | "map"
    )
}

/// Page chrome by tag.
const CHROME_TAGS: &[&str] = &["nav", "aside", "form", "noscript", "dialog", "menu"];

/// Page chrome by a word of the class or id.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "share",
    "sharing",
    "sharebar",
    "social",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "subscribe",
    "subscription",
    "newsletter",
    "signup",
    "footer",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "related",
    "comments",
    "advert",
    "advertisement",
    "ads",
    "banner",
    "popup",
    "modal",
    "promo",
    "masthead",
    "toolbar",
    "skip",
    "printfooter",
    "catlinks",
    "mw-jump-link",
    "noprint",
    "sidenote",
    "marginnote",
];

const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "menu",
    "menubar",
];

/// Is this element page chrome (left out of the article)?
pub fn is_chrome(n: &NodeRef<'_>, el: &Element<'_>) -> bool {
    let tag = el.name();
    if CHROME_TAGS.contains(&tag) {
        return true;
    }
    if (tag == "header" || tag == "footer")
        && !n.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| e.name() == "article")
        })
    {
        return true;
    }
    if el.fattr("hidden").is_some()
        || el.fattr("aria-hidden") == Some("true")
        || el.fattr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
    {
        return true;
    }
    if el.fattr("role").is_some_and(|r| CHROME_ROLES.contains(&r)) {
        return true;
    }
    let words = el
        .fattr("class")
        .into_iter()
        .chain(el.fattr("id"))
        .flat_map(|s| s.split(|c: char| c.is_whitespace() || c == '-' || c == '_'));
    for w in words {
        if CHROME_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w)) {
            return true;
        }
    }
    false
}

fn is_caption_class(el: &Element<'_>) -> bool {
    el.fattr("class").is_some_and(|c| {
        c.split_whitespace()
            .any(|w| w.to_ascii_lowercase().contains("caption"))
    })
}

fn is_li(n: &NodeRef<'_>) -> bool {
    n.value().as_element().is_some_and(|e| e.name() == "li")
}

/// `n` written in an `<ol type>` style: `1`, `a`/`A` (letters, `aa` after `z`), `i`/`I`
/// (roman numerals, for 1 to 3999); decimal otherwise.
fn list_number(n: i64, style: u8) -> String {
    match style {
        b'a' | b'A' if n >= 1 => {
            let mut s = Vec::new();
            let mut k = n;
            while k > 0 {
                k -= 1;
                s.push(b'a' + (k % 26) as u8);
                k /= 26;
            }
            s.reverse();
            let s = String::from_utf8(s).unwrap_or_default();
            if style == b'A' {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        b'i' | b'I' if (1..4000).contains(&n) => {
            const ROMAN: [(i64, &str); 13] = [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ];
            let mut s = String::new();
            let mut k = n;
            for (v, r) in ROMAN {
                while k >= v {
                    s.push_str(r);
                    k -= v;
                }
            }
            if style == b'I' {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        _ => {
            // Room for the `. ` the marker adds.
            use std::fmt::Write;
            let mut s = String::with_capacity(24);
            let _ = write!(s, "{n}");
            s
        }
    }
}

/// Built once: `memmem::find` would build a searcher for every text node.
static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

fn is_html_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

struct Walker<'n> {
    notes: &'n Notes<'n>,
    mode: Mode,
    items: Vec<Item>,
    text: String,
    anchors: Vec<RawAnchor>,
    runs: Vec<Run>,
    open: Vec<(NodeId, usize, RunStyle)>,
    first_text: Option<NodeId>,
    heading: usize,
    caption: usize,
    pre: usize,
    skip: Option<NodeId>,
    /// Definitions met inside the current block, emitted after it.
    pending: Vec<usize>,
    /// Open lists, innermost last: the next item's number (`None` for bullets) and
    /// the step (`-1` for `<ol reversed>`), with the numbering style.
    lists: Vec<List>,
    /// The length of the list marker opening the current block (0 when none).
    marker: usize,
}

/// An open `<ol>` or `<ul>`.
struct List {
    next: Option<i64>,
    step: i64,
    style: u8,
}

impl Walker<'_> {
    fn flush(&mut self) {
        self.flush_block();
        let pending = std::mem::take(&mut self.pending);
        self.items.extend(pending.into_iter().map(Item::Def));
    }

    fn flush_block(&mut self) {
        // Nothing to flush (most block edges: a `<li>` opening, a `</div>` after a
        // `</p>`): the same state as the full path below leaves, without its work.
        if self.text.is_empty() && self.anchors.is_empty() {
            self.runs.clear();
            self.first_text = None;
            self.marker = 0;
            for o in &mut self.open {
                o.1 = 0;
            }
            return;
        }
        let pre = self.pre > 0;
        // Copied out at its size (one allocation) rather than taken: the buffer keeps
        // its capacity for the next block instead of growing again from nothing.
        let mut text = self.text.clone();
        self.text.clear();
        let mut anchors = std::mem::take(&mut self.anchors);
        let mut runs = std::mem::take(&mut self.runs);
        let first_text = self.first_text.take();
        let marker = std::mem::take(&mut self.marker);
        // Styles still open continue in the next block.
        for o in &mut self.open {
            o.1 = 0;
        }
        if pre {
            let trimmed_start = text.len() - text.trim_start_matches(['\n', '\r']).len();
            let body = text[trimmed_start..].trim_end().replace("\r\n", "\n");
            let lines: Vec<String> = body.lines().map(|l| expand_tabs(l).into_owned()).collect();
            text = lines.join("\n");
            anchors.clear();
            runs.clear();
        } else {
            let end = text.trim_end().len();
            text.truncate(end);
        }
        // Lines broken by `<br>` stay lines (a verse block) in body paragraphs; a note's
        // paragraph, a heading or a caption is one line, so there a break is a space.
        let lines = !pre && text.contains('\n');
        if lines && (self.mode == Mode::Note || self.heading > 0 || self.caption > 0) {
            text = text.replace('\n', " ");
        }
        // A list item with nothing but its marker.
        if text.len() <= marker || text.is_empty() {
            if anchors.is_empty() {
                return;
            }
            text.clear();
        }
        let len = text.len();
        for a in &mut anchors {
            a.at = a.at.min(len);
        }
        for r in &mut runs {
            r.end = r.end.min(len);
        }
        runs.retain(|r| r.start < r.end);
        runs.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let kind = if pre {
            BlockKind::Preformatted
        } else if lines && self.mode != Mode::Note && self.heading == 0 && self.caption == 0 {
            BlockKind::Verse
        } else if self.heading > 0 {
            BlockKind::Heading
        } else if self.caption > 0 {
            BlockKind::Caption
        } else {
            BlockKind::Paragraph
        };
        self.items.push(Item::Block(Piece {
            kind,
            text,
            anchors,
            runs,
            first_text,
            note: None,
        }));
    }

    fn push_text(&mut self, id: NodeId, s: &str) {
        if self.first_text.is_none() && !s.trim().is_empty() {
            self.first_text = Some(id);
        }
        if self.pre > 0 {
            self.text.push_str(s);
            return;
        }
        // Runs of non-space go in whole; each run of HTML whitespace becomes one space
        // (none at the start of the block). HTML whitespace is ASCII, so the scan is
        // over bytes and every cut falls on a character boundary.
        let bytes = s.as_bytes();
        // Most text needs no collapsing: no tab, line end or form feed, no double
        // space, no space where the block has one already. It goes in whole.
        let lead = bytes.first() == Some(&b' ')
            && (self.text.is_empty() || self.text.ends_with(' ') || self.text.ends_with('\n'));
        if !lead
            && memchr::memchr3(b'\n', b'\t', b'\r', bytes).is_none()
            && memchr::memchr(0x0C, bytes).is_none()
            && DOUBLE_SPACE.find(bytes).is_none()
        {
            self.text.push_str(s);
            return;
        }
        let mut i = 0;
        while i < bytes.len() {
            let word_end = bytes[i..]
                .iter()
                .position(|&b| is_html_space_byte(b))
                .map_or(bytes.len(), |p| i + p);
            self.text.push_str(&s[i..word_end]);
            i = word_end;
            let space_end = bytes[i..]
                .iter()
                .position(|&b| !is_html_space_byte(b))
                .map_or(bytes.len(), |p| i + p);
            if space_end > i
                && !self.text.is_empty()
                && !self.text.ends_with(' ')
                && !self.text.ends_with('\n')
            {
                self.text.push(' ');
            }
            i = space_end;
        }
    }

    fn open(&mut self, node: NodeRef<'_>, root: NodeId) {
        if let Some(t) = node.value().as_text() {
            self.push_text(node.id(), t);
            return;
        }
        let Some(el) = node.value().as_element() else {
            if !matches!(node.value(), Node::Document | Node::Fragment) {
                self.skip = Some(node.id());
            }
            return;
        };
        let tag = el.name();
        let id = node.id();
        if is_never(tag) {
            self.skip = Some(id);
            return;
        }
        if self.mode != Mode::Note && id != root {
            if !self.notes.more.is_empty() && self.notes.more.contains(&id) {
                self.flush();
                self.skip = Some(id);
                return;
            }
            if let Some(defs) = self.notes.def_of.get(&id) {
                if is_block(tag) {
                    self.flush();
                    self.items.extend(defs.clone().map(Item::Def));
                } else {
                    // A sidenote inside a paragraph: the paragraph goes on around it.
                    self.pending.extend(defs.clone());
                }
                self.skip = Some(id);
                return;
            }
        }
        if let Some(label) = self.notes.refs.get(&id) {
            if self.mode != Mode::Note {
                if self.text.ends_with(' ') {
                    self.text.pop();
                }
                self.anchors.push(RawAnchor {
                    label: label.clone(),
                    at: self.text.len(),
                });
            }
            self.skip = Some(id);
            return;
        }
        // A note made of a block's children has links among its roots.
        if self.mode == Mode::Note && (id != root || tag == "a") && self.left_out_of_note(node, &el)
        {
            self.skip = Some(id);
            return;
        }
        if self.mode == Mode::Body && id != root && is_chrome(&node, &el) {
            self.skip = Some(id);
            return;
        }
        if is_block(tag) {
            self.flush();
            match tag {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading += 1,
                "figcaption" | "caption" => self.caption += 1,
                "pre" => self.pre += 1,
                "li" => {
                    let marker = self.item_marker(&el);
                    self.text.push_str(&marker);
                    self.marker = marker.len();
                }
                "ol" => {
                    let step = if el.fattr("reversed").is_some() {
                        -1
                    } else {
                        1
                    };
                    let items = || node.children().filter(|c| is_li(c)).count() as i64;
                    let start = el
                        .fattr("start")
                        .and_then(|s| s.trim().parse::<i64>().ok())
                        .unwrap_or_else(|| if step < 0 { items() } else { 1 });
                    let style = el
                        .fattr("type")
                        .and_then(|t| t.bytes().next())
                        .unwrap_or(b'1');
                    self.lists.push(List {
                        next: Some(start),
                        step,
                        style,
                    });
                }
                "ul" | "menu" => self.lists.push(List {
                    next: None,
                    step: 1,
                    style: b'1',
                }),
                _ => {}
            }
            if tag != "figcaption" && is_caption_class(&el) {
                self.caption += 1;
            }
            return;
        }
        match tag {
            "br" => self.line_break(),
            "img" => {}
            _ => {
                let style = match tag {
                    "em" | "i" | "cite" | "dfn" | "var" => Some(RunStyle::Emphasis),
                    "strong" | "b" => Some(RunStyle::Strong),
                    "code" | "kbd" | "samp" | "tt" => Some(RunStyle::Code),
                    "a" if self.mode != Mode::Note => el.fattr("href").map(|u| RunStyle::Link {
                        url: u.trim().to_owned(),
                    }),
                    _ => None,
                };
                if let Some(style) = style {
                    self.open.push((id, self.text.len(), style));
                }
            }
        }
    }

    /// A list item's marker: `• ` (`◦ ` nested) in a bullet list, else the item's
    /// number in its list's style (`value` restarts the count, as in a browser).
    fn item_marker(&mut self, el: &Element<'_>) -> String {
        let depth = self.lists.len();
        let Some(list) = self.lists.last_mut() else {
            return "• ".to_owned();
        };
        let Some(next) = list.next else {
            return if depth > 1 { "◦ " } else { "• " }.to_owned();
        };
        let n = el
            .fattr("value")
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or(next);
        list.next = Some(n.saturating_add(list.step));
        let mut marker = list_number(n, list.style);
        marker.push_str(". ");
        marker
    }

    /// `<br>`: a line end in `<pre>`; elsewhere a line break, and two in a row (white
    /// space between) end the paragraph, as they look on the page.
    fn line_break(&mut self) {
        if self.pre > 0 {
            self.text.push('\n');
            return;
        }
        let kept = self.text.trim_end_matches(' ').len();
        self.text.truncate(kept);
        if self.text.ends_with('\n') {
            self.text.pop();
            self.flush();
        } else if !self.text.is_empty() {
            self.text.push('\n');
        }
    }

    /// Back-links and the label link are not a note's text: a link to a reference, a
    /// link whose text is a label or an arrow, a `backlink` class, a target left out.
    fn left_out_of_note(&self, node: NodeRef<'_>, el: &Element<'_>) -> bool {
        if self.notes.skip_in_note.contains(&node.id())
            || el
                .fattr("class")
                .is_some_and(|c| c.to_ascii_lowercase().contains("backlink"))
        {
            return true;
        }
        if el.name() != "a" {
            return false;
        }
        let fragment = el.fattr("href").and_then(|h| h.rsplit_once('#'));
        if fragment.is_some_and(|(_, f)| self.notes.ref_ids.contains(f)) {
            return true;
        }
        let text = super::notes::text_of(&node);
        let t = text.trim();
        let arrow = !t.is_empty() && t.chars().all(|c| "↩↑^⤴︎\u{FE0E}\u{21A9}".contains(c));
        arrow || (fragment.is_some() && clean_label(t).is_some())
    }

    fn close(&mut self, node: NodeRef<'_>) {
        let Some(el) = node.value().as_element() else {
            return;
        };
        let tag = el.name();
        if is_block(tag) {
            self.flush();
            match tag {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading -= 1,
                "figcaption" | "caption" => self.caption -= 1,
                "pre" => self.pre -= 1,
                "ol" | "ul" | "menu" => {
                    self.lists.pop();
                }
                _ => {}
            }
            if tag != "figcaption" && is_caption_class(&el) {
                self.caption -= 1;
            }
            return;
        }
        if let Some(i) = self.open.iter().rposition(|o| o.0 == node.id()) {
            let (_, start, style) = self.open.remove(i);
            let mut start = start.min(self.text.len());
            // The space a run started after may have gone since (a reference placed
            // there takes it), leaving the start inside the character before it.
            while !self.text.is_char_boundary(start) {
                start += 1;
            }
            // A run does not start on the space before its first word.
            while self.text[start..].starts_with(' ') {
                start += 1;
            }
            let end = self.text.trim_end().len();
            if end > start {
                self.runs.push(Run { start, end, style });
            }
        }
    }
}

/// The items below `root` (`root` itself included).
pub fn walk(root: NodeRef<'_>, notes: &Notes<'_>, mode: Mode) -> Vec<Item> {
    let mut w = Walker::new(notes, mode);
    w.run(std::iter::once(root));
    w.items
}

impl<'n> Walker<'n> {
    fn new(notes: &'n Notes<'n>, mode: Mode) -> Self {
        Walker {
            notes,
            mode,
            items: Vec::new(),
            text: String::new(),
            anchors: Vec::new(),
            runs: Vec::new(),
            open: Vec::new(),
            first_text: None,
            heading: 0,
            caption: 0,
            pre: 0,
            skip: None,
            pending: Vec::new(),
            lists: Vec::new(),
            marker: 0,
        }
    }

    /// Back to the state of a new walker, keeping the buffers' room.
    fn reset(&mut self) {
        self.items.clear();
        self.text.clear();
        self.anchors.clear();
        self.runs.clear();
        self.open.clear();
        self.first_text = None;
        self.heading = 0;
        self.caption = 0;
        self.pre = 0;
        self.skip = None;
        self.pending.clear();
        self.lists.clear();
        self.marker = 0;
    }

    /// The items below each of `roots`, read as one run of text (a note made of a
    /// block's children), into `self.items`.
    fn run<'t>(&mut self, roots: impl Iterator<Item = NodeRef<'t>>) {
        for r in roots {
            let root_id = r.id();
            for edge in r.traverse() {
                match edge {
                    Edge::Open(n) => {
                        if self.skip.is_none() {
                            self.open(n, root_id);
                        }
                    }
                    Edge::Close(n) => {
                        if self.skip == Some(n.id()) {
                            self.skip = None;
                        } else if self.skip.is_none() {
                            self.close(n);
                        }
                    }
                }
            }
        }
        self.flush();
    }
}

/// Reads notes' paragraphs, one walker for all of them: a page has thousands of notes,
/// and a walker's buffers cost more to allocate than a short note costs to read.
pub struct NoteReader<'n>(Walker<'n>);

impl<'n> NoteReader<'n> {
    pub fn new(notes: &'n Notes<'n>) -> Self {
        NoteReader(Walker::new(notes, Mode::Note))
    }

    /// A note's paragraphs: the definition's text (`def`, then the blocks continuing
    /// it) without its back-links and label.
    pub fn paragraphs<'t>(
        &mut self,
        def: impl Iterator<Item = NodeRef<'t>>,
        label: &str,
    ) -> Vec<String> {
        let w = &mut self.0;
        w.reset();
        w.run(def);
        let mut out: Vec<String> = w
            .items
            .drain(..)
            .filter_map(|i| match i {
                Item::Block(mut p) => {
                    // In place: a note's text is not copied again.
                    let bullets = p.text.len() - p.text.trim_start_matches("• ").len();
                    p.text.drain(..bullets);
                    Some(p.text)
                }
                Item::Def(_) => None,
            })
            .filter(|t| !t.trim().is_empty())
            .collect();
        // A label written as text (`[1] …`, `1. …`) goes with the label.
        if let Some(first) = out.first_mut() {
            if let Some(rest) = strip_label(first, label) {
                let cut = first.len() - rest.trim_start().len();
                first.drain(..cut);
            }
        }
        out
    }
}

/// `s` after a leading `[label]`, `label.`, `(label)`, `label)` or `label `.
fn strip_label<'a>(s: &'a str, label: &str) -> Option<&'a str> {
    let wrapped = |open: char, close: char| {
        s.strip_prefix(open)
            .and_then(|r| r.strip_prefix(label))
            .and_then(|r| r.strip_prefix(close))
    };
    wrapped('[', ']')
        .or_else(|| s.strip_prefix(label).and_then(|r| r.strip_prefix('.')))
        .or_else(|| wrapped('(', ')'))
        .or_else(|| {
            s.strip_prefix(label)
                .and_then(|r| r.strip_prefix(')').or_else(|| r.strip_prefix(' ')))
        })
}
