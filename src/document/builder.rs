//! The one way into the model. Format readers (plain text today; Markdown and HTML next)
//! only describe what they read — a block with its anchors and runs, a note definition,
//! the metadata — and the builder does what every format needs done the same way:
//!
//! - **sanitizes** every string entering the model (after the reader decoded entities or
//!   escapes, so `&#27;` in HTML still becomes a visible `␛`), keeping anchor and run
//!   offsets pointing at the same characters;
//! - **splits** oversized blocks and cuts oversized notes (`parse::split`);
//! - **records source spans** (`src`, `src_len`) on blocks and notes;
//! - **groups notes into scopes** and **resolves anchors** to notes (below).
//!
//! Scopes and binding. Numbering that restarts (per chapter, letter, section) is common
//! in books. A definition starts a new scope when its label is already defined in the
//! current scope *and* some body text with anchors stands between the two definitions;
//! a label defined twice in one run of definitions is a duplicate (the first with text
//! is kept, and a notice says so). An anchor belongs to the scope of the first definition
//! that follows it in reading order (the notes it is about to be explained by), or to the
//! last scope when none follows; it binds to its label's note in that scope, else to the
//! nearest later definition of the label, else to the nearest earlier one, else to a note
//! that is cited but not defined (`defined: false`) in its own scope.

use super::model::{
    Anchor, Block, BlockKind, Document, Label, Meta, Note, NoteKind, NoteText, Refs, Run, Runs,
    Scope,
};
use super::parse::sanitize::{is_clean, sanitize_line, sanitize_model_text};
use super::parse::split;
use super::shared_text::{Packer, SharedText};
use std::collections::HashMap;
use std::ops::Range;

/// At most this many labels are named in a notice.
const MAX_NAMED_LABELS: usize = 10;
/// Longest scope name taken from a heading, in characters.
const MAX_SCOPE_NAME_CHARS: usize = 40;

/// How a format compares note labels: plain text as written (`[01]` is not `[1]`),
/// Markdown case-insensitively as GFM does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelRule {
    AsWritten,
    CaseInsensitive,
}

impl LabelRule {
    fn key(self, label: &str) -> std::borrow::Cow<'_, str> {
        match self {
            LabelRule::AsWritten => std::borrow::Cow::Borrowed(label),
            LabelRule::CaseInsensitive => std::borrow::Cow::Owned(label.to_lowercase()),
        }
    }
}

/// `s` made safe, without a copy when it already is.
fn clean_owned(s: String, keep_breaks: bool) -> String {
    if is_clean(&s) {
        s
    } else {
        sanitize_model_text(&s, keep_breaks)
    }
}

/// A reference as a reader found it: the label, and the byte offset in the block text
/// (as given to `push_block`) where the marker stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawAnchor {
    pub label: String,
    pub at: usize,
}

/// A note definition as found.
#[derive(Debug, Clone)]
struct Def {
    label: Label,
    /// The paragraphs joined (`NOTE_PARAGRAPH_BREAK`) as the note's text will be, made
    /// as the definition is read: a short one is inline at once, and the `String` it was
    /// read into goes back while the rest of the file is built, not at `finish` (a vector
    /// of paragraphs held them all, 8.7 MB of 32-byte chunks for a file of tiny notes).
    text: Option<NoteText>,
    kind: NoteKind,
    src: usize,
    /// `u32`s here (saturated) and below: with the text and 16-byte labels a definition
    /// is 64 bytes, not 128, and the builder holds every one of them at once (the label
    /// as compared, when it differs, is in `Builder::folded`: an `Option` of one here was
    /// 24 bytes, and plain text never has one).
    src_len: u32,
    /// Reading-order sequence number (blocks and definitions share one counter).
    seq: u32,
    /// The index of the last heading seen before it, for naming its scope (`NONE`: no
    /// heading yet).
    heading: u32,
}

/// `p` added to a note's text: the first paragraph is the text (a short one inline, a
/// longer one keeping `p`'s buffer), a later one follows a blank line. Empty ones are not
/// paragraphs.
fn add_paragraph(text: &mut Option<NoteText>, p: String) {
    if p.is_empty() {
        return;
    }
    match text {
        None => *text = Some(NoteText::from(p)),
        Some(t) => {
            t.push_str(super::model::NOTE_PARAGRAPH_BREAK);
            t.push_str(&p);
        }
    }
}

/// "No index" in the builder's `u32` index vectors.
const NONE: u32 = u32::MAX;

/// A length or index as a `u32`, saturated (a 4 GiB note definition is not going to be
/// read into memory anyway).
fn saturated(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The label definition `i` is compared by: its folded one in `folded` (by definition,
/// ascending), when the format's rule makes it differ, else its label.
fn key_of<'a>(defs: &'a [Def], folded: &'a [(u32, Label)], i: usize) -> &'a str {
    match folded.binary_search_by_key(&i, |&(d, _)| d as usize) {
        Ok(k) => &folded[k].1,
        Err(_) => &defs[i].label,
    }
}

/// The note definitions that repeat a kept one (`finish`): (duplicate, the kept
/// definition it repeats), sorted by duplicate. Few or none in most documents, so a
/// sorted list, not a vector a definition.
struct Dups(Vec<(u32, u32)>);

impl Dups {
    /// The kept definition `i` repeats, if it is a duplicate.
    fn of(&self, i: usize) -> Option<usize> {
        self.0
            .binary_search_by_key(&i, |&(d, _)| d as usize)
            .ok()
            .map(|k| self.0[k].1 as usize)
    }
}

pub struct Builder {
    format: &'static str,
    rule: LabelRule,
    meta: Meta,
    blocks: Vec<Block>,
    /// Per block: its sequence number. Its anchors are in the block already, bound to
    /// their notes in `finish` (a vector of raw anchors a block, moved into another at
    /// the end, held 8 MB at 100 MB and left holes of the wrong size).
    pending: Vec<u32>,
    /// Where the blocks' texts are written (`shared_text`); the blocks before `sealed`
    /// point at their chunk, the others until the next `seal_texts`.
    packer: Packer,
    sealed: usize,
    defs: Vec<Def>,
    /// The labels of the definitions whose label as compared differs (`LabelRule`), by
    /// definition index: a Markdown `[^Note]` is `note`.
    folded: Vec<(u32, Label)>,
    seq: u32,
    last_heading: Option<usize>,
    notices: Vec<String>,
    source_len: usize,
    encoding: &'static str,
}

impl Builder {
    pub fn new(format: &'static str, rule: LabelRule, source_len: usize) -> Builder {
        Builder {
            format,
            rule,
            meta: Meta::default(),
            blocks: Vec::new(),
            pending: Vec::new(),
            packer: Packer::default(),
            sealed: 0,
            defs: Vec::new(),
            folded: Vec::new(),
            seq: 0,
            last_heading: None,
            notices: Vec::new(),
            source_len,
            encoding: "UTF-8",
        }
    }

    /// Room for this many more blocks and note definitions, when the reader knows them:
    /// growing by doubling leaves up to half of each vector unused, and with a file of
    /// many tiny blocks those vectors are a large share of the memory.
    pub fn reserve(&mut self, blocks: usize, notes: usize) {
        self.blocks.reserve_exact(blocks);
        self.pending.reserve_exact(blocks);
        self.defs.reserve_exact(notes);
    }

    /// How the input was decoded.
    pub fn set_encoding(&mut self, encoding: &'static str) {
        self.encoding = encoding;
    }

    /// The document's metadata; every string is sanitized here.
    pub fn set_meta(&mut self, meta: Meta) {
        let clean = |s: String| sanitize_line(&s);
        self.meta = Meta {
            title: meta.title.map(clean).filter(|t| !t.trim().is_empty()),
            title_src: meta.title_src,
            date: meta.date.map(clean),
            date_text: meta.date_text.map(clean),
            series: meta.series.map(clean),
            number: meta.number.map(clean),
            topics: meta.topics.into_iter().map(clean).collect(),
            authors: meta.authors.into_iter().map(clean).collect(),
        };
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Length of the input in bytes.
    pub fn source_len(&self) -> usize {
        self.source_len
    }

    pub fn notice(&mut self, text: impl Into<String>) {
        self.notices.push(text.into());
    }

    /// A body block. `anchors` and `runs` are offsets into `text` as given; `src` is the
    /// span of input it was read from. Oversized blocks become several.
    pub fn push_block(
        &mut self,
        kind: BlockKind,
        text: String,
        anchors: Vec<RawAnchor>,
        runs: Vec<Run>,
        src: Range<usize>,
    ) {
        super::progress::reached(src.end);
        let keep_breaks = matches!(kind, BlockKind::Verse | BlockKind::Preformatted);
        let (text, anchors, mut runs) = sanitize_with_offsets(text, anchors, runs, keep_breaks);
        let refs: Vec<(String, usize)> = anchors
            .into_iter()
            .map(|a| (clean_owned(a.label, false), a.at))
            .collect();
        let pieces = split::split_long(text, refs);
        let whole = pieces.len() == 1;
        let total: usize = pieces.iter().map(|(t, _)| t.len()).sum::<usize>().max(1);
        let mut offset = 0;
        for (text, refs) in pieces {
            let piece_runs: Runs = if whole {
                std::mem::take(&mut runs).into()
            } else {
                clip_runs(&runs, offset, text.len()).into()
            };
            // Pieces of a cut block share its lines: spread them over its span.
            let mut piece_src = src.start + offset * src.len() / total;
            let piece_end = if whole {
                src.end
            } else {
                src.start + (offset + text.len()) * src.len() / total
            };
            // Every body block has its own offset (`locate` relies on it): a block read
            // from the same line as the one before (the text after an illustration's
            // closing bracket) goes one byte after it.
            if let Some(prev) = self.blocks.last() {
                piece_src = piece_src.max(prev.src + 1);
            }
            let piece_len = piece_end.min(self.source_len).saturating_sub(piece_src);
            offset += text.len();
            if kind == BlockKind::Heading {
                self.last_heading = Some(self.blocks.len());
            }
            if !self.packer.fits(&text) {
                self.seal_texts();
            }
            self.blocks.push(Block {
                kind,
                text: self.packer.place(&text),
                anchors: refs
                    .into_iter()
                    .map(|(l, at)| Anchor {
                        label: Label::from(l),
                        at: saturated(at),
                        note: NONE,
                    })
                    .collect(),
                runs: piece_runs,
                src: piece_src,
                src_len: saturated(piece_len),
            });
            self.pending.push(self.seq);
            self.seq = self
                .seq
                .checked_add(1)
                .expect("more blocks than an index holds");
        }
    }

    /// A note definition: its label as written and its paragraphs (none when the text is
    /// lost, as in an empty `[4]`).
    pub fn push_note(
        &mut self,
        label: &str,
        paragraphs: impl IntoIterator<Item = String>,
        kind: NoteKind,
        src: Range<usize>,
    ) {
        let mut text: Option<NoteText> = None;
        for p in paragraphs {
            let t = p.trim();
            let p = if t.len() == p.len() {
                clean_owned(p, false)
            } else {
                sanitize_model_text(t, false)
            };
            add_paragraph(&mut text, p);
        }
        super::progress::reached(src.end);
        let label = sanitize_line(label);
        if let std::borrow::Cow::Owned(k) = self.rule.key(&label) {
            if k != label {
                self.folded
                    .push((saturated(self.defs.len()), Label::from(k)));
            }
        }
        self.defs.push(Def {
            label: Label::from(label),
            text,
            kind,
            src: src.start,
            src_len: saturated(src.len()),
            seq: self.seq,
            heading: self.last_heading.map_or(NONE, saturated),
        });
        self.seq = self
            .seq
            .checked_add(1)
            .expect("more blocks than an index holds");
    }

    /// The body blocks made so far, in order. Their anchors are not bound to notes yet
    /// (`note` is `usize::MAX` until `finish`); everything else is as the document will
    /// have it.
    pub fn blocks(&mut self) -> &[Block] {
        self.seal_texts();
        &self.blocks
    }

    /// The texts placed since the last seal, pointed at the chunk they were written to.
    fn seal_texts(&mut self) {
        let unsealed = self.blocks.get_mut(self.sealed..).unwrap_or_default();
        self.packer.seal(unsealed.iter_mut().map(|b| &mut b.text));
        self.sealed = self.blocks.len();
    }

    /// Let go of the text and styling of the blocks from `from` on, but for headings
    /// (a scope is named after the heading before it): a streamed `--dump` has written
    /// them, and the document `finish` gives is then only good for its notes. Anchors
    /// and source spans stay, so the notes come out as they would.
    pub fn let_go_of_text(&mut self, from: usize) {
        for block in self.blocks.iter_mut().skip(from) {
            if block.kind != BlockKind::Heading {
                block.text = SharedText::default();
                block.runs = Runs::new();
            } else {
                // Kept alone, it would keep the rest of its chunk (the texts let go of).
                block.text = block.text.detached();
            }
        }
    }

    /// One more paragraph for the note defined last (a multi-paragraph endnote).
    pub fn continue_note(&mut self, paragraph: &str, src_end: usize) {
        if let Some(def) = self.defs.last_mut() {
            let p = sanitize_model_text(paragraph.trim(), false);
            add_paragraph(&mut def.text, p);
            def.src_len = saturated(src_end.saturating_sub(def.src)).max(def.src_len);
        }
    }

    pub fn finish(mut self) -> Document {
        super::progress::stage(super::progress::Stage::Finish);
        self.seal_texts();
        let Builder {
            format,
            rule,
            meta,
            mut blocks,
            pending,
            mut defs,
            folded,
            notices: mut reader_notices,
            source_len,
            encoding,
            ..
        } = self;

        // The index vectors below hold one entry per definition, all at once beside the
        // document at the parse's peak: `u32`s (half of `usize`; `NONE` for "none",
        // where an `Option<usize>` took 16 bytes) kept them at 4.8 MB, not 17, at 100 MB.
        let n = defs.len();
        assert!(
            n < NONE as usize,
            "more note definitions than an index holds"
        );
        let ix = |i: usize| i as u32;

        // Every definition sorted by key, each key's in reading order, and so the one
        // before each with the same key: one vector and the few pairs of a repeated key,
        // where two maps by key cost 30 MB for a file of 270,000 tiny notes, and a vector
        // a definition (the one before, the one repeated, the scope, the note) 1 MB each
        // at the finish's peak.
        let mut by_key: Vec<u32> = (0..n).map(ix).collect();
        by_key.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            let key = |i| key_of(&defs, &folded, i);
            key(a).cmp(key(b)).then(a.cmp(&b))
        });
        // (definition, the one before it with the same key), by definition.
        let mut same: Vec<(u32, u32)> = by_key
            .windows(2)
            .filter(|w| {
                key_of(&defs, &folded, w[0] as usize) == key_of(&defs, &folded, w[1] as usize)
            })
            .map(|w| (w[1], w[0]))
            .collect();
        same.sort_unstable();

        // Scopes: a repeated label with cited body text between starts a new one. Only a
        // definition whose key came before can start one or repeat one, so only those are
        // looked at; the blocks' sequence numbers are gathered only if there are any.
        let cited_seqs: Vec<u32> = if same.is_empty() {
            Vec::new()
        } else {
            pending
                .iter()
                .zip(&blocks)
                .filter(|(_, b)| !b.anchors.is_empty())
                .map(|(s, _)| *s)
                .collect()
        };
        let cited_between = |a: u32, b: u32| {
            let i = cited_seqs.partition_point(|&s| s <= a);
            cited_seqs.get(i).is_some_and(|&s| s < b)
        };
        // Index of the first definition of each scope.
        let mut scope_starts: Vec<usize> = if n > 0 { vec![0] } else { Vec::new() };
        let mut duplicates: Vec<Label> = Vec::new();
        // (duplicate, the kept definition it repeats), by duplicate.
        let mut dups = Dups(Vec::new());
        for &(i, p) in &same {
            let (i, p) = (i as usize, p as usize);
            // The kept definition of this key in the current scope, if any: the one
            // before with the same key, or the one that one repeats.
            let start = scope_starts[scope_starts.len() - 1];
            let prev = Some(dups.of(p).unwrap_or(p)).filter(|&p| p >= start);
            if let Some(prev) = prev {
                if cited_between(defs[prev].seq, defs[i].seq) {
                    scope_starts.push(i);
                } else {
                    if !duplicates.contains(&defs[i].label) {
                        duplicates.push(defs[i].label.clone());
                    }
                    dups.0.push((ix(i), ix(prev)));
                }
            }
        }
        drop((same, cited_seqs));
        let scope_count = scope_starts.len();
        // The scope of definition `i`: the last that starts at or before it.
        let def_scope = |i: usize| scope_starts.partition_point(|&s| s <= i) - 1;

        // Duplicates lend their text to an empty first (the first of them that has one).
        for &(i, first) in &dups.0 {
            let (i, first) = (i as usize, first as usize);
            if defs[first].text.is_none() {
                defs[first].text = defs[i].text.take();
            }
        }
        // Notes: one per kept definition, numbered in reading order, then one per label
        // cited but not defined (in the order first cited). A duplicate's note is the one
        // of the definition it repeats.
        let kept = n - dups.0.len();
        let note_of_def = |i: usize| {
            let k = dups.of(i).unwrap_or(i);
            k - dups.0.partition_point(|&(d, _)| (d as usize) < k)
        };

        // The kept definitions sorted by key, each key's in reading order (so in scope
        // order): one sorted vector, where a map of vectors cost an allocation per note.
        if !dups.0.is_empty() {
            by_key.retain(|&i| dups.of(i as usize).is_none());
        }
        let keyed = |key: &str| -> &[u32] {
            let key_of = |d: u32| key_of(&defs, &folded, d as usize);
            let lo = by_key.partition_point(|&d| key_of(d) < key);
            let len = by_key[lo..].partition_point(|&d| key_of(d) == key);
            &by_key[lo..lo + len]
        };
        let mut undefined: HashMap<(usize, String), usize> = HashMap::new();
        let mut undefined_notes: Vec<Note> = Vec::new();
        // Each block's anchors, bound to notes as they are numbered now (renumbered below
        // once the notes are sorted): `pending` holds one entry per block, in order. This
        // comes before the notes are made, so the definitions and the notes are never
        // all held at once.
        for (seq, block) in pending.into_iter().zip(blocks.iter_mut()) {
            let next_def = defs.partition_point(|d| d.seq < seq);
            let scope = if next_def < n {
                def_scope(next_def)
            } else {
                scope_count.saturating_sub(1)
            };
            for anchor in &mut block.anchors {
                let label = &anchor.label;
                let key = rule.key(label);
                let list = keyed(key.as_ref());
                let scope_of = |d: u32| def_scope(d as usize);
                // This scope's definition of the key, else the nearest in reading order.
                let in_scope = list.partition_point(|&d| scope_of(d) < scope);
                let here = list.get(in_scope).filter(|&&d| scope_of(d) == scope);
                let found = here.copied().or_else(|| {
                    let after = list.partition_point(|&d| defs[d as usize].seq < seq);
                    list.get(after)
                        .or_else(|| after.checked_sub(1).and_then(|i| list.get(i)))
                        .copied()
                });
                let note = match found {
                    Some(d) => note_of_def(d as usize),
                    None => *undefined
                        .entry((scope, key.into_owned()))
                        .or_insert_with(|| {
                            undefined_notes.push(Note {
                                scope: ix(scope),
                                label: label.clone(),
                                defined: false,
                                text: None,
                                ..Note::default()
                            });
                            kept + undefined_notes.len() - 1
                        }),
                };
                anchor.note = ix(note);
            }
        }
        drop((by_key, undefined));

        // What the scopes need of the definitions, kept apart so they can go.
        let scope_firsts: Vec<(Option<usize>, usize)> = scope_starts
            .iter()
            .map(|&i| {
                let h = defs[i].heading;
                ((h != NONE).then_some(h as usize), defs[i].src)
            })
            .collect();
        // The kept definitions' notes, made from the last definition back, the
        // definitions' vector shrinking as it goes (a big one is its own mapping, so its
        // end goes back to the system), then put in order: the definitions and the notes
        // side by side were the peak of a parse (55 MB at 100 MB). Each takes its
        // definition's text: the one paragraph moved, several joined once.
        let mut notes: Vec<Note> = Vec::with_capacity(kept + undefined_notes.len());
        const SHRINK_EVERY: usize = 1 << 14;
        while let Some(mut d) = defs.pop() {
            let i = defs.len();
            if dups.of(i).is_none() {
                // Grown paragraph by paragraph: the room growing left over goes back.
                let text = d.text.take().map(|mut t| {
                    if t.is_heap_allocated() && t.capacity() > t.len() {
                        t.shrink_to_fit();
                    }
                    t
                });
                notes.push(Note {
                    scope: ix(def_scope(i)),
                    label: d.label,
                    defined: true,
                    text,
                    refs: Refs::new(),
                    kind: d.kind,
                    src: d.src.into(),
                    src_len: d.src_len,
                });
            }
            if i % SHRINK_EVERY == 0 {
                defs.shrink_to_fit();
            }
        }
        drop((defs, dups));
        notes.reverse();
        notes.append(&mut undefined_notes);

        // Order: by scope, then by number, then as written; remap indices. Notes defined
        // in that order already (the commonest case) stay as they are: the sort is stable,
        // so it would not move them, and its two vectors of indices were the finish's peak.
        let in_order = |na: &Note, nb: &Note| {
            (na.scope, na.kind != NoteKind::Note)
                .cmp(&(nb.scope, nb.kind != NoteKind::Note))
                .then_with(|| label_value(&na.label).cmp(&label_value(&nb.label)))
                .then_with(|| na.label.cmp(&nb.label))
        };
        if !notes.is_sorted_by(|a, b| in_order(a, b).is_le()) {
            put_in_order(&mut notes, &mut blocks, in_order);
        }

        // Each note's citing blocks: one is kept inline (`Refs`); the few notes cited
        // more often give back the room a vector's growth left over.
        for (b, block) in blocks.iter().enumerate() {
            for anchor in &block.anchors {
                let refs = &mut notes[anchor.note()].refs;
                if refs.last_block() != Some(b) {
                    refs.push(b);
                }
            }
        }
        for note in notes.iter_mut().filter(|n| n.refs.spilled()) {
            note.refs.shrink_to_fit();
        }

        let cut: Vec<Label> = notes
            .iter_mut()
            .filter_map(|n| {
                let text = n.text.as_mut()?;
                split::cut_short(text).then(|| n.label.clone())
            })
            .collect();

        let scopes = (0..scope_count)
            .map(|s| {
                let (heading, src) = scope_firsts[s];
                Scope {
                    name: scope_name(s, heading.and_then(|h| blocks.get(h)), &notes),
                    src,
                }
            })
            .collect();

        let mut notices = Vec::new();
        notices.append(&mut reader_notices);
        if !duplicates.is_empty() {
            notices.push(format!(
                "notes defined more than once (the first definition is kept): {}",
                named_labels(&duplicates)
            ));
        }
        if !cut.is_empty() {
            notices.push(format!(
                "notes longer than {} KiB were cut short: {}",
                split::MAX_BLOCK_BYTES / 1024,
                named_labels(&cut)
            ));
        }
        Document {
            format: format.to_owned(),
            encoding: encoding.to_owned(),
            meta,
            blocks,
            notes,
            scopes,
            notices,
            source_len,
        }
    }
}

/// A note label's numeric value, for ordering (non-numbers sort after numbers).
fn label_value(label: &str) -> u64 {
    label.parse().unwrap_or(u64::MAX)
}

/// The heading before a scope's first note, else `notes 1–12`.
fn scope_name(scope: usize, heading: Option<&Block>, notes: &[Note]) -> String {
    if let Some(h) = heading {
        let name: String = h.text.chars().take(MAX_SCOPE_NAME_CHARS).collect();
        if !name.trim().is_empty() {
            return name.trim().to_owned();
        }
    }
    // The notes are sorted by scope: this scope's are one run of them (not a copy of
    // every label, once per scope).
    let lo = notes.partition_point(|n| (n.scope as usize) < scope);
    let hi = lo + notes[lo..].partition_point(|n| n.scope as usize <= scope);
    let mut labels = notes[lo..hi]
        .iter()
        .filter(|n| n.kind == NoteKind::Note)
        .map(|n| n.label.as_str());
    let first = labels.next();
    let last = labels.next_back().or(first);
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("notes {a}–{b}"),
        (Some(a), _) => format!("note {a}"),
        _ => format!("scope {}", scope + 1),
    }
}

/// `[3], [7] and 2 more`: at most `MAX_NAMED_LABELS` labels named.
pub fn named_labels<L: std::fmt::Display>(labels: &[L]) -> String {
    let named: Vec<String> = labels
        .iter()
        .take(MAX_NAMED_LABELS)
        .map(|l| format!("[{l}]"))
        .collect();
    let more = labels.len().saturating_sub(MAX_NAMED_LABELS);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!("{}{tail}", named.join(", "))
}

/// Runs that overlap `[offset, offset + len)`, moved to the piece's offsets.
fn clip_runs(runs: &[Run], offset: usize, len: usize) -> Vec<Run> {
    runs.iter()
        .filter(|r| r.end > offset && r.start < offset + len)
        .map(|r| Run {
            start: r.start.saturating_sub(offset),
            end: (r.end - offset).min(len),
            style: r.style.clone(),
        })
        .collect()
}

/// Sanitize `text`, moving every anchor and run offset to the same character in the
/// result. Clean text (the common case) is not copied twice.
fn sanitize_with_offsets(
    text: String,
    mut anchors: Vec<RawAnchor>,
    mut runs: Vec<Run>,
    keep_breaks: bool,
) -> (String, Vec<RawAnchor>, Vec<Run>) {
    let floor = |at: usize| {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    if is_clean(&text) {
        for a in &mut anchors {
            a.at = floor(a.at);
        }
        for r in &mut runs {
            r.start = floor(r.start);
            r.end = floor(r.end).max(r.start);
        }
        return (text, anchors, runs);
    }
    let text = text.as_str();
    let mut points: Vec<usize> = anchors
        .iter()
        .map(|a| a.at)
        .chain(runs.iter().flat_map(|r| [r.start, r.end]))
        .map(floor)
        .collect();
    points.sort_unstable();
    points.dedup();
    let mut out = String::with_capacity(text.len() + 16);
    let mut map: HashMap<usize, usize> = HashMap::with_capacity(points.len());
    let mut last = 0;
    for p in points {
        out.push_str(&sanitize_model_text(&text[last..p], keep_breaks));
        map.insert(p, out.len());
        last = p;
    }
    out.push_str(&sanitize_model_text(&text[last..], keep_breaks));
    let moved = |at: usize| map.get(&floor(at)).copied().unwrap_or(out.len());
    for a in &mut anchors {
        a.at = moved(a.at);
    }
    for r in &mut runs {
        r.start = moved(r.start);
        r.end = moved(r.end).max(r.start);
    }
    (out, anchors, runs)
}

/// `notes` sorted by `in_order` (stably), and every anchor's note index moved with them.
fn put_in_order(
    notes: &mut [Note],
    blocks: &mut [Block],
    in_order: impl Fn(&Note, &Note) -> std::cmp::Ordering,
) {
    let mut order: Vec<usize> = (0..notes.len()).collect();
    order.sort_by(|&a, &b| in_order(&notes[a], &notes[b]));
    let mut new_index = vec![0; notes.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    drop(order);
    for block in blocks.iter_mut() {
        for anchor in &mut block.anchors {
            anchor.note = saturated(new_index[anchor.note()]);
        }
    }
    // Put the notes in that order in place (following each cycle of the permutation,
    // `new_index` consumed as it goes), rather than into a second vector: with many
    // notes that copy was the peak.
    let mut at = new_index;
    for i in 0..notes.len() {
        while at[i] != i {
            let j = at[i];
            notes.swap(i, j);
            at.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The builder holds every definition at once (237,612 at 100 MB), and the document
    /// a `Refs` per note: a field grown by 8 bytes costs megabytes at the parse's peak.
    #[test]
    fn a_definition_and_a_notes_refs_stay_small() {
        assert!(
            std::mem::size_of::<Def>() <= 64,
            "{}",
            std::mem::size_of::<Def>()
        );
        assert_eq!(std::mem::size_of::<Refs>(), 8);
        let mut refs = Refs::new();
        refs.push(7);
        assert!(!refs.spilled(), "one citing block needs no allocation");
        let mut b = Builder::new("text", LabelRule::AsWritten, 100);
        b.push_note(
            "1",
            vec!["one paragraph".to_string()],
            NoteKind::Note,
            0..20,
        );
        let text = b.defs[0].text.as_ref().expect("its text");
        assert!(
            !text.is_heap_allocated(),
            "a short paragraph is inline at once"
        );
    }

    /// A file of one-line blocks has a block, an anchor, a note and two short texts for
    /// every 64 bytes: what each of them costs is the document's memory.
    #[test]
    fn a_block_citing_one_note_and_a_short_note_need_no_allocations_of_their_own() {
        let size = std::mem::size_of::<Block>();
        assert!(size <= 64, "a block is {size} bytes");
        assert!(
            std::mem::size_of::<Note>() <= 64,
            "{}",
            std::mem::size_of::<Note>()
        );
        assert_eq!(std::mem::size_of::<Label>(), 8);
        assert_eq!(std::mem::size_of::<Option<NoteText>>(), 24);
        assert_eq!(std::mem::size_of::<Runs>(), 8);
        let mut b = Builder::new("text", LabelRule::AsWritten, 100);
        b.push_block(
            BlockKind::Paragraph,
            "Line 9 of the ledger.[9]".into(),
            vec![anchor("9", 21)],
            Vec::new(),
            0..24,
        );
        b.push_note(
            "9",
            vec!["Ledger note 9.".to_string()],
            NoteKind::Note,
            26..44,
        );
        let doc = b.finish();
        assert_eq!(doc.blocks[0].anchors.len(), 1);
        assert!(
            !doc.blocks[0].anchors.spilled(),
            "one anchor is kept inline"
        );
        assert!(doc.notes[0]
            .text
            .as_ref()
            .is_some_and(|t| !t.is_heap_allocated()));
        assert_eq!(doc.notes[0].text.as_deref(), Some("Ledger note 9."));
        // The labels, the anchor's and the note's, are inline too.
        assert!(doc.blocks[0].anchors[0].label.is_inline());
        assert!(doc.notes[0].label.is_inline());
    }

    /// A block's text is a stretch of a buffer shared with the blocks around it, not an
    /// allocation of its own; a heading kept by a streamed dump is given its own.
    #[test]
    fn blocks_texts_share_a_buffer_and_a_kept_heading_has_its_own() {
        let mut b = Builder::new("text", LabelRule::AsWritten, 1000);
        b.push_block(BlockKind::Heading, "Ledger".into(), vec![], vec![], 0..6);
        for i in 0..3 {
            let text = format!("Line {i} of the ledger.");
            b.push_block(
                BlockKind::Paragraph,
                text,
                vec![],
                vec![],
                10 + 30 * i..30 + 30 * i,
            );
        }
        let handed: Vec<String> = b.blocks().iter().map(|x| x.text.to_string()).collect();
        assert_eq!(handed[3], "Line 2 of the ledger.", "read while building");
        b.push_block(
            BlockKind::Paragraph,
            "After.".into(),
            vec![],
            vec![],
            200..206,
        );
        let blocks = b.blocks();
        assert!(blocks[1].text.shares_buffer_with(&blocks[3].text));
        assert!(
            !blocks[3].text.shares_buffer_with(&blocks[4].text),
            "sealed apart"
        );
        // The first chunk, as the heading holds it before the texts are let go of.
        let first_chunk = blocks[1].text.clone();
        assert!(blocks[0].text.shares_buffer_with(&first_chunk));
        b.let_go_of_text(0);
        let doc = b.finish();
        let texts: Vec<&str> = doc.blocks.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["Ledger", "", "", "", ""]);
        assert!(!doc.blocks[0].text.shares_buffer_with(&first_chunk));
    }

    fn anchor(label: &str, at: usize) -> RawAnchor {
        RawAnchor {
            label: label.into(),
            at,
        }
    }

    fn para(b: &mut Builder, text: &str, anchors: &[(&str, usize)], src: usize) {
        let anchors = anchors.iter().map(|&(l, a)| anchor(l, a)).collect();
        b.push_block(
            BlockKind::Paragraph,
            text.to_owned(),
            anchors,
            Vec::new(),
            src..src + 10,
        );
    }

    fn note(b: &mut Builder, label: &str, text: &str, src: usize) {
        b.push_note(label, vec![text.into()], NoteKind::Note, src..src + 5);
    }

    #[test]
    fn controls_are_made_visible_and_offsets_follow() {
        let mut b = Builder::new("text", LabelRule::AsWritten, 100);
        para(&mut b, "a\u{1b}b said", &[("1", 8)], 0);
        note(&mut b, "1", "x\u{7}", 50);
        let doc = b.finish();
        assert_eq!(doc.blocks[0].text, "a␛b said");
        assert_eq!(doc.blocks[0].anchors[0].at(), doc.blocks[0].text.len());
        assert_eq!(doc.notes[0].text.as_deref(), Some("x␇"));
    }

    #[test]
    fn restarting_numbers_make_scopes_and_bind_to_the_nearest_following_definition() {
        let mut b = Builder::new("text", LabelRule::AsWritten, 1000);
        para(&mut b, "one", &[("1", 3)], 0);
        note(&mut b, "1", "first chapter", 10);
        para(&mut b, "two", &[("1", 3)], 20);
        note(&mut b, "1", "second chapter", 30);
        let doc = b.finish();
        assert_eq!(doc.scopes.len(), 2);
        assert_eq!(doc.notes.len(), 2);
        let n0 = doc.blocks[0].anchors[0].note();
        let n1 = doc.blocks[1].anchors[0].note();
        assert_eq!(doc.notes[n0].text.as_deref(), Some("first chapter"));
        assert_eq!(doc.notes[n1].text.as_deref(), Some("second chapter"));
        assert_eq!((doc.notes[n0].scope, doc.notes[n1].scope), (0, 1));
    }

    #[test]
    fn a_repeat_inside_one_run_of_definitions_is_a_duplicate() {
        let mut b = Builder::new("text", LabelRule::AsWritten, 1000);
        para(&mut b, "x", &[("1", 1)], 0);
        note(&mut b, "1", "kept", 10);
        note(&mut b, "1", "dropped", 20);
        let doc = b.finish();
        assert_eq!(doc.scopes.len(), 1);
        assert_eq!(doc.notes.len(), 1);
        assert_eq!(doc.notes[0].text.as_deref(), Some("kept"));
        assert!(doc.notices[0].contains("more than once"));
    }

    #[test]
    fn undefined_labels_are_cited_notes_without_definition() {
        let mut b = Builder::new("text", LabelRule::AsWritten, 1000);
        para(&mut b, "x", &[("4", 1)], 0);
        b.push_note("5", Vec::new(), NoteKind::Note, 10..13);
        let doc = b.finish();
        let four = doc.note_index(0, "4").expect("4");
        let five = doc.note_index(0, "5").expect("5");
        assert!(!doc.notes[four].defined && doc.notes[four].text.is_none());
        assert!(doc.notes[five].defined && doc.notes[five].text.is_none());
    }

    #[test]
    fn labels_compare_as_the_format_says() {
        let mut b = Builder::new("text", LabelRule::AsWritten, 1000);
        para(&mut b, "x", &[("01", 1), ("1", 1)], 0);
        note(&mut b, "01", "zero one", 10);
        let doc = b.finish();
        let a = &doc.blocks[0].anchors;
        assert_eq!(doc.notes[a[0].note()].text.as_deref(), Some("zero one"));
        assert!(!doc.notes[a[1].note()].defined);

        let mut b = Builder::new("markdown", LabelRule::CaseInsensitive, 1000);
        para(&mut b, "x", &[("Note", 1)], 0);
        note(&mut b, "note", "found", 10);
        let doc = b.finish();
        assert_eq!(doc.notes.len(), 1);
        assert!(doc.notes[0].defined);

        // Definitions whose labels fold (kept apart from the definitions) and one that
        // does not, cited in other cases; the second `ALPHA` repeats the first.
        let mut b = Builder::new("markdown", LabelRule::CaseInsensitive, 1000);
        para(&mut b, "x", &[("alpha", 1), ("BETA", 1), ("gamma", 1)], 0);
        note(&mut b, "Gamma", "third", 10);
        note(&mut b, "beta", "second", 20);
        note(&mut b, "Alpha", "first", 30);
        note(&mut b, "ALPHA", "again", 40);
        let doc = b.finish();
        let texts: Vec<_> = doc.blocks[0]
            .anchors
            .iter()
            .map(|a| doc.notes[a.note()].text.as_deref())
            .collect();
        assert_eq!(texts, [Some("first"), Some("second"), Some("third")]);
        assert_eq!(doc.notes.len(), 3);
        assert!(
            doc.notices.iter().any(|n| n.contains("ALPHA")),
            "{:?}",
            doc.notices
        );
    }

    /// Notes defined out of order are put in order, their anchors moved with them; notes
    /// defined in order are left as they are.
    #[test]
    fn notes_are_ordered_by_number_and_anchors_follow_them() {
        for defined in [["2", "10", "1"], ["1", "2", "10"]] {
            let mut b = Builder::new("text", LabelRule::AsWritten, 1000);
            para(&mut b, "x", &[("10", 1), ("1", 1), ("2", 1)], 0);
            for (k, label) in defined.iter().enumerate() {
                note(&mut b, label, &format!("text of {label}"), 10 + 10 * k);
            }
            let doc = b.finish();
            let labels: Vec<&str> = doc.notes.iter().map(|n| n.label.as_str()).collect();
            assert_eq!(labels, ["1", "2", "10"], "defined {defined:?}");
            for a in &doc.blocks[0].anchors {
                let n = &doc.notes[a.note()];
                assert_eq!(n.label, a.label);
                assert_eq!(
                    n.text.as_deref(),
                    Some(format!("text of {}", a.label).as_str())
                );
                assert_eq!(n.refs[..], [0]);
            }
        }
    }

    #[test]
    fn multi_paragraph_notes_join_with_a_blank_line() {
        let mut b = Builder::new("text", LabelRule::AsWritten, 1000);
        para(&mut b, "x", &[("1", 1)], 0);
        note(&mut b, "1", "first", 10);
        b.continue_note("second", 40);
        let doc = b.finish();
        assert_eq!(doc.notes[0].text.as_deref(), Some("first\n\nsecond"));
        assert_eq!(doc.notes[0].paragraphs(), ["first", "second"]);
        assert_eq!(doc.notes[0].src_len, 30);
    }

    #[test]
    fn source_offsets_are_recorded() {
        let mut b = Builder::new("text", LabelRule::AsWritten, 1000);
        para(&mut b, "x", &[], 7);
        note(&mut b, "1", "n", 70);
        let doc = b.finish();
        assert_eq!((doc.blocks[0].src, doc.blocks[0].src_len), (7, 10));
        assert_eq!(doc.notes[0].src, Some(70));
        assert_eq!(doc.source_len, 1000);
    }
}
