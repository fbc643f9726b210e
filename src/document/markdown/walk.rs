//! pulldown-cmark events → the blocks and note definitions the builder takes, with
//! decoded byte ranges (mapped to input offsets afterwards, in one pass).

use crate::document::builder::RawAnchor;
use crate::document::model::{BlockKind, Run, RunStyle};
use crate::document::parse::sanitize::expand_tabs;
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// What the walk found, in source order (a note is listed where its definition ends).
#[derive(Debug)]
pub enum Item {
    Block {
        kind: BlockKind,
        text: String,
        anchors: Vec<RawAnchor>,
        runs: Vec<Run>,
        range: Range<usize>,
        /// A level-1 heading (a title candidate).
        h1: bool,
    },
    Note {
        label: String,
        paragraphs: Vec<String>,
        range: Range<usize>,
    },
}

/// Whether a paragraph is still only an image, or an image and an italic line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cap {
    Empty,
    InImage,
    AfterImage,
    AfterBreak,
    /// Inside the italic line; the value is the depth of open runs at its start.
    InItalic(usize),
    AfterItalic,
    No,
}

#[derive(Debug)]
struct Leaf {
    kind: BlockKind,
    text: String,
    anchors: Vec<RawAnchor>,
    runs: Vec<Run>,
    open: Vec<(usize, RunStyle)>,
    range: Range<usize>,
    h1: bool,
    cap: Cap,
}

struct NoteAcc {
    label: String,
    paragraphs: Vec<String>,
    range: Range<usize>,
}

#[derive(Default)]
pub struct Walk {
    pub items: Vec<Item>,
    /// Labels defined more than once (later definitions dropped, as GFM does).
    pub duplicates: Vec<String>,
    leaf: Option<Leaf>,
    notes: Vec<NoteAcc>,
    defined: HashSet<String>,
    quote: usize,
    lists: Vec<Option<u64>>,
    prefix: Option<String>,
    code: bool,
    html: usize,
    image: usize,
}

impl Walk {
    pub fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(s) => {
                if self.html > 0 {
                    return;
                }
                let code = self.code;
                let leaf = self.leaf(&range);
                if code {
                    leaf.text.push_str(&s);
                } else {
                    if !s.trim().is_empty() {
                        leaf.content();
                    }
                    let mut s: &str = &s;
                    // `was [^1] moved`: the reference took the space before it (below), so
                    // the text after it keeps one.
                    if leaf.text.ends_with(' ')
                        && leaf.anchors.last().is_some_and(|a| a.at == leaf.text.len())
                    {
                        s = s.strip_prefix(' ').unwrap_or(s);
                    }
                    leaf.text.push_str(&s.replace('\t', " "));
                }
            }
            Event::Code(s) => {
                let leaf = self.leaf(&range);
                leaf.content();
                let start = leaf.text.len();
                leaf.text.push_str(&s.replace('\t', " "));
                let end = leaf.text.len();
                leaf.runs.push(Run {
                    start,
                    end,
                    style: RunStyle::Code,
                });
            }
            Event::FootnoteReference(label) => {
                let in_note = !self.notes.is_empty();
                let leaf = self.leaf(&range);
                if in_note {
                    // A note's text has no anchors: the reference stays as written.
                    leaf.content();
                    leaf.text.push_str("[^");
                    leaf.text.push_str(&label);
                    leaf.text.push(']');
                } else {
                    // As in plain text, spaces before a marker go with it: `was [^1] moved`
                    // reads `was[1] moved`, the marker next to the word it follows.
                    let kept = leaf.text.trim_end_matches(' ').len();
                    let earlier = leaf.anchors.last().map_or(0, |a| a.at);
                    leaf.text.truncate(kept.max(earlier));
                    leaf.anchors.push(RawAnchor {
                        label: label.into_string(),
                        at: leaf.text.len(),
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                let hard = matches!(event, Event::HardBreak);
                let verse = self.quote > 0 && self.notes.is_empty();
                let leaf = self.leaf(&range);
                leaf.brk();
                leaf.text.push(if hard && verse { '\n' } else { ' ' });
            }
            Event::Rule => self.flush(),
            Event::InlineMath(s) | Event::DisplayMath(s) => {
                let leaf = self.leaf(&range);
                leaf.content();
                leaf.text.push_str(&s);
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::TaskListMarker(_) => {}
        }
    }

    /// The open leaf, opening an implicit paragraph (a tight list item's text) if none.
    fn leaf(&mut self, range: &Range<usize>) -> &mut Leaf {
        if self.leaf.is_none() {
            let kind = self.para_kind();
            self.open(kind, range.clone(), false);
        }
        let leaf = self
            .leaf
            .get_or_insert_with(|| Leaf::new(BlockKind::Paragraph, 0..0));
        leaf.range.end = leaf.range.end.max(range.end);
        leaf
    }

    fn para_kind(&self) -> BlockKind {
        if self.quote > 0 {
            BlockKind::Verse
        } else {
            BlockKind::Paragraph
        }
    }

    fn open(&mut self, kind: BlockKind, range: Range<usize>, h1: bool) {
        self.flush();
        let mut leaf = Leaf::new(kind, range);
        leaf.h1 = h1;
        if let Some(p) = self.prefix.take() {
            if kind == BlockKind::Preformatted {
                self.prefix = Some(p);
            } else {
                leaf.text.push_str(&p);
                leaf.cap = Cap::No;
            }
        }
        self.leaf = Some(leaf);
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                let kind = self.para_kind();
                self.open(kind, range, false);
            }
            Tag::Heading { level, .. } => {
                let kind = if self.quote > 0 {
                    BlockKind::Verse
                } else {
                    BlockKind::Heading
                };
                self.open(kind, range, level == HeadingLevel::H1);
            }
            Tag::CodeBlock(_) => {
                self.open(BlockKind::Preformatted, range, false);
                self.code = true;
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html += 1;
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote += 1;
            }
            Tag::List(first) => {
                self.flush();
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len();
                self.prefix = Some(match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let p = format!("{n}. ");
                        *n = n.saturating_add(1);
                        p
                    }
                    _ if depth > 1 => "◦ ".to_owned(),
                    _ => "• ".to_owned(),
                });
            }
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.notes.push(NoteAcc {
                    label: label.into_string(),
                    paragraphs: Vec::new(),
                    range,
                });
            }
            Tag::Emphasis | Tag::Strong | Tag::Link { .. } => {
                let leaf = self.leaf(&range);
                let style = match tag {
                    Tag::Emphasis => RunStyle::Emphasis,
                    Tag::Strong => RunStyle::Strong,
                    Tag::Link { dest_url, .. } => RunStyle::Link {
                        url: dest_url.into_string(),
                    },
                    _ => RunStyle::Emphasis,
                };
                leaf.cap = match leaf.cap {
                    Cap::AfterBreak if style == RunStyle::Emphasis => {
                        Cap::InItalic(leaf.open.len())
                    }
                    c @ (Cap::InImage | Cap::InItalic(_)) => c,
                    _ => Cap::No,
                };
                let at = leaf.text.len();
                leaf.open.push((at, style));
            }
            Tag::Image { .. } => {
                let leaf = self.leaf(&range);
                leaf.cap = match leaf.cap {
                    Cap::Empty => Cap::InImage,
                    c @ (Cap::InImage | Cap::InItalic(_)) => c,
                    _ => Cap::No,
                };
                self.image += 1;
            }
            // Containers read through (tables, definition lists, metadata, …).
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item => self.flush(),
            TagEnd::CodeBlock => {
                self.flush();
                self.code = false;
            }
            TagEnd::HtmlBlock => self.html = self.html.saturating_sub(1),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::FootnoteDefinition => {
                self.flush();
                if let Some(n) = self.notes.pop() {
                    if self.defined.insert(n.label.to_lowercase()) {
                        self.items.push(Item::Note {
                            label: n.label,
                            paragraphs: n.paragraphs,
                            range: n.range,
                        });
                    } else if !self.duplicates.contains(&n.label) {
                        self.duplicates.push(n.label);
                    }
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link => {
                if let Some(leaf) = self.leaf.as_mut() {
                    if let Some((start, style)) = leaf.open.pop() {
                        if leaf.cap == Cap::InItalic(leaf.open.len()) {
                            leaf.cap = Cap::AfterItalic;
                        }
                        let end = leaf.text.len();
                        if end > start {
                            leaf.runs.push(Run { start, end, style });
                        }
                    }
                }
            }
            TagEnd::Image => {
                self.image = self.image.saturating_sub(1);
                if let Some(leaf) = self.leaf.as_mut() {
                    if self.image == 0 && leaf.cap == Cap::InImage {
                        leaf.cap = Cap::AfterImage;
                    }
                }
            }
            _ => {}
        }
    }

    /// Close the open leaf: a block, or a paragraph of the note being defined.
    fn flush(&mut self) {
        let Some(leaf) = self.leaf.take() else {
            return;
        };
        let Some(item) = leaf.finish() else {
            return;
        };
        if let Some(note) = self.notes.last_mut() {
            if let Item::Block { text, .. } = item {
                let p = text.split('\n').map(str::trim_end).collect::<Vec<_>>();
                note.paragraphs.push(p.join(" "));
            }
        } else {
            self.items.push(item);
        }
    }

    /// Everything still open (a truncated input closes nothing unbalanced, but be safe).
    pub fn finish(mut self) -> Walk {
        self.flush();
        while !self.notes.is_empty() {
            self.end(TagEnd::FootnoteDefinition);
        }
        self
    }
}

impl Leaf {
    fn new(kind: BlockKind, range: Range<usize>) -> Leaf {
        Leaf {
            kind,
            text: String::new(),
            anchors: Vec::new(),
            runs: Vec::new(),
            open: Vec::new(),
            range,
            h1: false,
            cap: if kind == BlockKind::Paragraph {
                Cap::Empty
            } else {
                Cap::No
            },
        }
    }

    /// Text outside the image and the italic line: not a caption.
    fn content(&mut self) {
        if !matches!(self.cap, Cap::InImage | Cap::InItalic(_)) {
            self.cap = Cap::No;
        }
    }

    fn brk(&mut self) {
        self.cap = match self.cap {
            Cap::AfterImage | Cap::AfterBreak => Cap::AfterBreak,
            Cap::AfterItalic => Cap::No,
            c => c,
        };
    }

    fn finish(mut self) -> Option<Item> {
        if self.kind == BlockKind::Preformatted {
            let mut t = self.text.replace("\r\n", "\n");
            if t.ends_with('\n') {
                t.pop();
            }
            self.text = t
                .split('\n')
                .map(expand_tabs)
                .collect::<Vec<_>>()
                .join("\n");
        } else {
            // Trim both ends, moving offsets with the text.
            let end = self.text.trim_end().len();
            self.text.truncate(end);
            let lead = self.text.len() - self.text.trim_start().len();
            if lead > 0 {
                self.text.drain(..lead);
            }
            let len = self.text.len();
            let at = |x: usize| x.saturating_sub(lead).min(len);
            for a in &mut self.anchors {
                a.at = at(a.at);
            }
            for r in &mut self.runs {
                r.start = at(r.start);
                r.end = at(r.end);
            }
            self.runs.retain(|r| r.end > r.start);
        }
        if self.text.trim().is_empty() && self.anchors.is_empty() {
            return None;
        }
        self.runs.sort_by_key(|r| r.start);
        let caption = matches!(
            self.cap,
            Cap::AfterImage | Cap::AfterBreak | Cap::AfterItalic
        );
        Some(Item::Block {
            kind: if caption {
                BlockKind::Caption
            } else {
                self.kind
            },
            text: self.text,
            anchors: self.anchors,
            runs: self.runs,
            range: self.range,
            h1: self.h1,
        })
    }
}
