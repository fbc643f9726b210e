//! A first look at a big plain-text file: the document parsed from three slices of it
//! (the start, the start of the notes section found from the tail, and the end) while
//! the whole file is parsed on a worker thread.
//!
//! Why slices and not a parser that can stop and go on: the text reader decides what a
//! block is from its neighbours and binds anchors to definitions that stand at the end,
//! so a true incremental parse would touch every stage. Parsing the slices with the
//! ordinary parser gives a real [`Document`] (Tab, notes, search and the note column work
//! on it as on any other) whose blocks and notes are those of the full parse for what it
//! read, at the same source offsets: positions are source offsets (model v2), so the view
//! stays where it is when the full document replaces it. The end slice makes `G` show the
//! true end at once. Slices are cut at blank lines, so no block is cut; their offsets are
//! moved back to where they stand in the file ([`remap`]).
//!
//! Not previewed (the caller parses the whole file at once): small files, UTF-16 (its
//! blank lines are not `\n\n` bytes), and anything the format detection does not call
//! plain text (Markdown and HTML parse whole trees).

use super::format::{self, Format};
use super::model::Document;
use std::ops::Range;

/// Where the slices are cut, in bytes (the tests use small ones).
#[derive(Debug, Clone, Copy)]
pub struct Slices {
    /// Files smaller than this are parsed whole: it is fast enough.
    pub min_file: usize,
    /// The start: the header and the first screens.
    pub head: usize,
    /// From the first note definition of the notes section at the end.
    pub notes: usize,
    /// The end, for `G`.
    pub tail: usize,
    /// How far back from the end the notes section is looked for.
    pub notes_search: usize,
    /// At most this many blocks in a slice (the start, the notes, the end), whatever its
    /// size in bytes: the parse costs by the block, and a file of one-line blocks holds
    /// two thousand of them in 64 KiB.
    pub blocks: usize,
}

/// Tens of screens at the start, several at the end: parsing them takes about a
/// millisecond, also for a file of one-line blocks (500 of them are 30 screens; 64 KiB of
/// them took 5.4 ms, a third of the first screen; 500 a slice take 1.6 ms).
pub const SLICES: Slices = Slices {
    min_file: 512 << 10,
    head: 64 << 10,
    notes: 32 << 10,
    tail: 32 << 10,
    notes_search: 64 << 20,
    blocks: 500,
};

/// A blank line must turn up within this much after a cut point, else no preview.
const MAX_BLOCK_SEARCH: usize = 1 << 20;

/// How much is read around a probe while the notes section is looked for.
const PROBE_BYTES: usize = 16 << 10;

/// What the preview reads from: the bytes of a file, or a slice (tests). Only the
/// slices are read, so the first screen costs the same at 1 MB and at 100 MB.
pub trait Ranges {
    /// The size in bytes.
    fn size(&self) -> usize;
    /// The bytes of `range` (clamped to the end); `None` when they cannot be read.
    fn read(&self, range: Range<usize>) -> Option<Vec<u8>>;
}

impl Ranges for [u8] {
    fn size(&self) -> usize {
        self.len()
    }
    fn read(&self, range: Range<usize>) -> Option<Vec<u8>> {
        let end = range.end.min(self.len());
        Some(self.get(range.start.min(end)..end)?.to_vec())
    }
}

#[cfg(unix)]
impl Ranges for std::fs::File {
    fn size(&self) -> usize {
        self.metadata().map_or(0, |m| m.len() as usize)
    }
    fn read(&self, range: Range<usize>) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let end = range.end.min(self.size());
        let mut buf = vec![0; end.saturating_sub(range.start)];
        self.read_exact_at(&mut buf, range.start as u64).ok()?;
        Some(buf)
    }
}

/// The preview of `bytes`, or `None` when the file should be parsed whole.
pub fn preview(
    bytes: &[u8],
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
    slices: Slices,
) -> Option<Document> {
    preview_from(bytes, forced, name, slices)
}

/// The preview of what `src` holds, reading only the slices.
pub fn preview_from<R: Ranges + ?Sized>(
    src: &R,
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
    slices: Slices,
) -> Option<Document> {
    preview_around(src, forced, name, slices, None)
}

/// As [`preview_from`], with a fourth slice around the source offset `around` (the
/// saved reading position, so a reopened book shows its place at once), cut at blank
/// lines like the others, and the definitions of the notes it cites (found by their
/// numbers in the notes section). Slices that meet are read as one.
pub fn preview_around<R: Ranges + ?Sized>(
    src: &R,
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
    slices: Slices,
    around: Option<usize>,
) -> Option<Document> {
    preview_pieces(src, forced, name, slices, around).map(|(doc, _)| doc)
}

/// As [`preview_around`], with the source ranges it read, in order, none touching the
/// next: what lies between two of them the preview skipped (the reader does not scroll
/// across it before the whole document is in).
pub fn preview_pieces<R: Ranges + ?Sized>(
    src: &R,
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
    slices: Slices,
    around: Option<usize>,
) -> Option<(Document, Vec<Range<usize>>)> {
    let len = src.size();
    if len < slices.min_file || forced.is_some_and(|f| f.name() != "text") {
        return None;
    }
    let start = src.read(0..2)?;
    if start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    let head_end = head_end(src, slices)?;
    let mut tail_start = block_end_after(src, len.saturating_sub(slices.tail))
        .unwrap_or(len)
        .max(head_end);
    let mut pieces: Vec<Range<usize>> = Vec::with_capacity(2);
    pieces.push(0..head_end);
    let lowest = head_end.max(len.saturating_sub(slices.notes_search));
    let mut tail = src.read(tail_start..len)?;
    // The last `slices.blocks` blocks of it.
    let ends = block_ends(&tail, usize::MAX);
    let keep_from = ends.len().checked_sub(slices.blocks.saturating_add(1));
    if let Some(&cut) = keep_from.and_then(|i| ends.get(i)) {
        tail.drain(..cut);
        tail_start += cut;
    }
    // The notes section: inside the tail, or reaching back before it (then found by a
    // binary search over paragraph starts: body text first, then definitions).
    let reaches_back = notes_start(&tail, 0).is_some_and(|s| s == first_paragraph(&tail));
    let mut notes_at = None;
    if reaches_back {
        if let Some(notes) = find_notes_start(src, lowest, tail_start) {
            notes_at = Some(notes);
            let end = block_end_after(src, notes + slices.notes)
                .unwrap_or(tail_start)
                .min(tail_start);
            let end = capped_end(src, notes..end, slices.blocks)?;
            if notes < end {
                pieces.push(notes..end);
            }
        }
    }
    if let Some(at) = around.filter(|&at| at >= head_end && at < tail_start) {
        if let Some(place) = slice_around(src, at, slices.head, tail_start, slices.blocks) {
            // The notes its text cites, or their markers would be left unbound.
            let cited = src.read(place.clone()).and_then(|b| least_label(&b));
            // The notes may start inside the tail (found from a paragraph after its
            // cut): then the tail holds them already, and nothing before it is searched.
            let defs = notes_at
                .filter(|&notes| notes < tail_start)
                .zip(cited)
                .and_then(|(notes, n)| find_definition(src, notes, tail_start, n));
            if let Some(def) = defs {
                let end = block_end_after(src, def + slices.notes)
                    .unwrap_or(tail_start)
                    .min(tail_start);
                let end = capped_end(src, def..end, slices.blocks)?;
                pieces.push(def..end);
            }
            pieces.push(place);
        }
    }
    pieces.push(tail_start..len);
    let pieces = merged(pieces);
    let mut buf = Vec::with_capacity(pieces.iter().map(|p| p.len()).sum::<usize>());
    // (offset in `buf`, offset in the file) where each piece starts.
    let mut starts = Vec::with_capacity(pieces.len());
    for p in pieces.iter().filter(|p| !p.is_empty()) {
        starts.push((buf.len(), p.start));
        if p.start == tail_start && p.end == len {
            buf.extend_from_slice(&tail);
        } else {
            buf.extend_from_slice(&src.read(p.clone())?);
        }
    }
    let mut doc = format::load_with(&buf, forced, name).ok()?;
    if doc.format != "text" {
        return None;
    }
    remap(&mut doc, &starts);
    doc.source_len = len;
    let read = pieces.into_iter().filter(|p| !p.is_empty()).collect();
    Some((doc, read))
}

/// As [`preview_from`], with where its first slice (the start of the file) ends: the
/// blocks before that offset were read in their place, so `--dump` can write them
/// before the whole file is parsed (`dump::dump_head`).
pub fn preview_with_head<R: Ranges + ?Sized>(
    src: &R,
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
    slices: Slices,
) -> Option<(Document, usize)> {
    let doc = preview_from(src, forced, name, slices)?;
    let end = head_end(src, slices)?;
    Some((doc, settled_end(src, end)?))
}

/// Where the start slice ends: after `slices.head` bytes, or sooner after
/// `slices.blocks` blocks.
fn head_end<R: Ranges + ?Sized>(src: &R, slices: Slices) -> Option<usize> {
    let end = block_end_after(src, slices.head)?;
    capped_end(src, 0..end, slices.blocks)
}

/// The end of `range` (which starts at a line start), or sooner, after `blocks` blocks.
fn capped_end<R: Ranges + ?Sized>(src: &R, range: Range<usize>, blocks: usize) -> Option<usize> {
    let bytes = src.read(range.clone())?;
    let ends = block_ends(&bytes, blocks);
    let nth = blocks.checked_sub(1).and_then(|i| ends.get(i));
    Some(nth.map_or(range.end, |&e| range.start + e))
}

/// Offsets just after each blank line that ends a block (a blank line after a line of
/// text) in `bytes`, which start at a line start: at most `max` of them.
fn block_ends(bytes: &[u8], max: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut line = 0;
    let mut text_before = false;
    while line < bytes.len() && out.len() < max {
        let Some(end) = memchr::memchr(b'\n', &bytes[line..]).map(|i| line + i) else {
            break;
        };
        let blank = is_blank(&bytes[line..end]);
        if blank && text_before {
            out.push(end + 1);
        }
        text_before = !blank;
        line = end + 1;
    }
    out
}

/// Where the start slice stops being decided by itself alone, for `--dump` to stream
/// no further. Three things the text reader decides over the whole input:
/// - the encoding: a file that is not UTF-8 throughout may be read as windows-1252, so
///   no byte past ASCII may be written early unless the whole file is valid UTF-8
///   (checked in chunks, never holding the file);
/// - the base indentation (the least indent of all blocks): an indented line may be
///   verse or preformatted text depending on the rest, so none is written early;
/// - an `[Illustration:` caption, which can take in the blocks after it.
///
/// Returns the offset of the line where the first of these appears (or `end`); 0 when
/// the title or header itself depends on the rest.
fn settled_end<R: Ranges + ?Sized>(src: &R, end: usize) -> Option<usize> {
    let head = src.read(0..end)?;
    let utf8 = head.is_ascii() || all_utf8(src);
    let mut line = 0;
    while line < head.len() {
        let stop = memchr::memchr(b'\n', &head[line..]).map_or(head.len(), |i| line + i + 1);
        let text = &head[line..stop];
        let indented = text.first().is_some_and(|&b| b == b' ' || b == b'\t');
        if (!utf8 && !text.is_ascii())
            || indented
            || memchr::memmem::find(text, b"[Illustration").is_some()
        {
            return Some(line);
        }
        line = stop;
    }
    Some(end)
}

/// Whether the whole of `src` is valid UTF-8, read 1 MiB at a time.
fn all_utf8<R: Ranges + ?Sized>(src: &R) -> bool {
    const CHUNK: usize = 1 << 20;
    let mut at = 0;
    let mut carry: Vec<u8> = Vec::new();
    while at < src.size() {
        let Some(mut bytes) = src.read(at..at + CHUNK) else {
            return false;
        };
        at += bytes.len().max(1);
        if !carry.is_empty() {
            carry.append(&mut bytes);
            bytes = std::mem::take(&mut carry);
        }
        match std::str::from_utf8(&bytes) {
            Ok(_) => {}
            // A character cut by the chunk's end: carried into the next chunk.
            Err(e) if e.error_len().is_none() && at < src.size() => {
                carry = bytes[e.valid_up_to()..].to_vec();
            }
            Err(_) => return false,
        }
    }
    carry.is_empty()
}

/// How many leading blocks of `preview` (whose first slice ends at `head_end`) are the
/// full parse's own, so that `--dump` may write them before the whole file is parsed.
///
/// A block counts when it ends before the first note definition and well before the
/// cut (a quarter of the slice is kept as a
/// margin, and one more block: the text reader judges a block by its neighbours, and a
/// preformatted run may reach over a blank line) and no bracketed number is left in its
/// text. Whether `[12]` is a reference depends on the document's note definitions, which
/// the preview knows only in part: a reference the preview accepted is one the full
/// parse accepts too (its definitions are among the full parse's, and the run of
/// references is the same up to there), but one it left as text may be a reference of
/// the full parse, so the count stops before the first such block.
pub fn settled_blocks(preview: &Document, head_end: usize) -> usize {
    // Notes defined inside the start (notes numbered per chapter, or a body paragraph
    // that opens with `[3]`) make its blocks depend on what follows: stop before them.
    let first_note = preview.notes.iter().filter_map(|n| n.src.get()).min();
    let safe = (head_end - head_end / 4).min(first_note.unwrap_or(usize::MAX));
    preview
        .blocks
        .iter()
        .take_while(|b| b.src + b.src_len as usize <= safe && !has_marker(&b.text))
        .count()
        .saturating_sub(1)
}

/// Whether `text` holds a `[12]` or `[Footnote 12]` (left as text by the parse).
fn has_marker(text: &str) -> bool {
    memchr::memchr_iter(b'[', text.as_bytes())
        .any(|i| super::parse::notes::marker_at(text, i).is_some())
}

/// Offset of the first paragraph start in `bytes` (after any leading blank lines).
fn first_paragraph(bytes: &[u8]) -> usize {
    let mut at = 0;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        if !is_blank(&bytes[at..end]) {
            return at;
        }
        at = end + 1;
    }
    bytes.len()
}

/// The first paragraph starting after `at` (past the next blank line), and whether
/// `is` says yes to it.
fn paragraph_after<R: Ranges + ?Sized>(
    src: &R,
    at: usize,
    is: &impl Fn(&[u8]) -> bool,
) -> Option<(usize, bool)> {
    let window = src.read(at..at + PROBE_BYTES)?;
    let blank_end = block_end_in(&window, 0)?;
    let rest = &window[blank_end..];
    let p = first_paragraph(rest);
    (p < rest.len()).then(|| (at + blank_end + p, is(&rest[p..])))
}

/// The start of the notes section between `lo` and `hi`: the first paragraph that is a
/// definition, found by bisection (a document is body text, then its notes).
fn find_notes_start<R: Ranges + ?Sized>(src: &R, lo: usize, hi: usize) -> Option<usize> {
    find_first(src, lo, hi, &is_definition)
}

/// The definition of note `label` (or of the first note numbered after it) between `lo`
/// and `hi`, in a notes section numbered in order.
fn find_definition<R: Ranges + ?Sized>(src: &R, lo: usize, hi: usize, label: u64) -> Option<usize> {
    find_first(src, lo, hi, &|para: &[u8]| {
        is_definition(para) && leading_label(para).is_some_and(|n| n >= label)
    })
}

/// The first paragraph between `lo` and `hi` that `is` says yes to, found by bisection
/// (`is` says no, then yes: body text then notes, or notes in order of number).
fn find_first<R: Ranges + ?Sized>(
    src: &R,
    mut lo: usize,
    mut hi: usize,
    is: &impl Fn(&[u8]) -> bool,
) -> Option<usize> {
    let mut found = None;
    while hi.saturating_sub(lo) > PROBE_BYTES / 2 {
        let mid = lo + (hi - lo) / 2;
        match paragraph_after(src, mid, is) {
            Some((p, true)) => {
                found = Some(p);
                hi = mid;
            }
            _ => lo = mid,
        }
    }
    // Walk the last stretch paragraph by paragraph.
    let mut at = lo;
    while at < hi {
        match paragraph_after(src, at, is) {
            Some((p, true)) => return Some(p),
            Some((p, false)) => at = p,
            None => break,
        }
    }
    found
}

/// Moves every source offset of `doc` (parsed from the pieces laid end to end) to where
/// it stands in the file.
fn remap(doc: &mut Document, starts: &[(usize, usize)]) {
    let at = |x: usize| {
        let i = starts
            .partition_point(|&(buf, _)| buf <= x)
            .saturating_sub(1);
        let (buf, file) = starts.get(i).copied().unwrap_or((0, 0));
        file + (x - buf)
    };
    if let Some(t) = doc.meta.title_src.as_mut() {
        *t = at(*t);
    }
    for b in &mut doc.blocks {
        b.src = at(b.src);
    }
    for n in &mut doc.notes {
        if let Some(s) = n.src.get() {
            n.src = at(s).into();
        }
    }
    for s in &mut doc.scopes {
        s.src = at(s.src);
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| b.is_ascii_whitespace())
}

/// The offset just after the first blank line at or after `at` (so a slice ending there
/// ends between two blocks), within [`MAX_BLOCK_SEARCH`].
fn block_end_after<R: Ranges + ?Sized>(src: &R, at: usize) -> Option<usize> {
    if at >= src.size() {
        return None;
    }
    // A small window first: blocks are rarely longer; a long one gets the big window.
    for size in [PROBE_BYTES, MAX_BLOCK_SEARCH] {
        let window = src.read(at..at + size)?;
        if let Some(e) = block_end_in(&window, 0) {
            return Some(at + e);
        }
        if at + size >= src.size() {
            break;
        }
    }
    None
}

/// As `block_end_after`, in `bytes`.
fn block_end_in(bytes: &[u8], at: usize) -> Option<usize> {
    // Start at a line start: the line `at` falls in is not looked at.
    let mut line = at + memchr::memchr(b'\n', bytes.get(at..)?)? + 1;
    while line < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[line..]).map(|i| line + i)?;
        if is_blank(&bytes[line..end]) {
            return Some(end + 1);
        }
        line = end + 1;
    }
    None
}

/// Whether a paragraph starting with `para` opens with a note definition (`[12] …`).
fn is_definition(para: &[u8]) -> bool {
    let text = &para[..para.len().min(24)];
    let text = &text[text.iter().take_while(|b| **b == b' ').count()..];
    let Some(rest) = text.strip_prefix(b"[") else {
        return false;
    };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && rest.get(digits) == Some(&b']')
}

/// The number a definition paragraph opens with (`[12] …` is 12).
fn leading_label(para: &[u8]) -> Option<u64> {
    let text = &para[para.iter().take_while(|b| **b == b' ').count()..];
    let digits = text.get(1..)?;
    let n = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&digits[..n.min(12)]).ok()?.parse().ok()
}

/// The least note number cited in `bytes` (`[12]`), if any.
fn least_label(bytes: &[u8]) -> Option<u64> {
    memchr::memchr_iter(b'[', bytes)
        .filter_map(|i| {
            let rest = &bytes[i + 1..];
            let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            (n > 0 && n <= 12 && rest.get(n) == Some(&b']'))
                .then(|| std::str::from_utf8(&rest[..n]).ok()?.parse().ok())
                .flatten()
        })
        .min()
}

/// The slice around `at`: from the last blank line before it (within `size / 2`) to the
/// first blank line `size / 2` after it, no further than `limit` nor than `blocks`
/// blocks.
fn slice_around<R: Ranges + ?Sized>(
    src: &R,
    at: usize,
    size: usize,
    limit: usize,
    blocks: usize,
) -> Option<Range<usize>> {
    let lo = at.saturating_sub(size / 2);
    let before = src.read(lo..at)?;
    let start = lo + last_block_start(&before)?;
    let end = block_end_after(src, at + size / 2)
        .unwrap_or(limit)
        .min(limit);
    let end = capped_end(src, start..end.max(start), blocks)?;
    (start < end).then_some(start..end)
}

/// The offset in `bytes` just after its last blank line, when one ends there or before
/// (the first, maybe partial, line of `bytes` is not looked at).
fn last_block_start(bytes: &[u8]) -> Option<usize> {
    let mut ends = memchr::memrchr_iter(b'\n', bytes).peekable();
    // A line ends at `end`; it starts after the line end before it.
    while let Some(end) = ends.next() {
        let start = *ends.peek()? + 1;
        if is_blank(&bytes[start..end]) {
            return Some(end + 1);
        }
    }
    None
}

/// Ranges in order, those that overlap or touch made one.
fn merged(mut pieces: Vec<Range<usize>>) -> Vec<Range<usize>> {
    pieces.sort_by_key(|p| p.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match out.last_mut() {
            Some(last) if p.start <= last.end => last.end = last.end.max(p.end),
            _ => out.push(p),
        }
    }
    out
}

/// How many paragraphs after the last definition may stand at the end (a sharing line,
/// a copyright) before the notes section is taken to be missing.
const TRAILING_PARAGRAPHS: usize = 3;

/// The start of the run of note definitions that ends the text (walking paragraphs back
/// from the end, no further back than `lowest`), if it ends with one.
fn notes_start(bytes: &[u8], lowest: usize) -> Option<usize> {
    let mut end = bytes.len();
    let mut para: Option<usize> = None;
    let mut first_def = None;
    let mut trailing = 0;
    // `true` to go on walking back.
    let mut judge = |start: usize| {
        if is_definition(&bytes[start..]) {
            first_def = Some(start);
            true
        } else if first_def.is_none() {
            trailing += 1;
            trailing <= TRAILING_PARAGRAPHS
        } else {
            false
        }
    };
    let mut stopped = false;
    for nl in memchr::memrchr_iter(b'\n', &bytes[lowest..]).map(|i| i + lowest) {
        let line = &bytes[nl + 1..end];
        end = nl;
        if is_blank(line) {
            if let Some(start) = para.take() {
                if !judge(start) {
                    stopped = true;
                    break;
                }
            }
        } else {
            para = Some(nl + 1);
        }
    }
    if !stopped {
        // The first line, which no line end stands before.
        if !is_blank(&bytes[lowest..end]) {
            para = Some(lowest);
        }
        if let Some(start) = para {
            judge(start);
        }
    }
    first_def
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `--dump` may write before the whole parse stops where the rest of the file
    /// could change it: a curly quote when a stray Latin-1 byte comes later (the file may
    /// be read as windows-1252), an indented line, an illustration.
    #[test]
    fn the_streamed_head_stops_where_the_rest_could_change_it() {
        let head = "Title\n\nPlain words.\n\n\u{201c}Quoted,\u{201d} he said.\n\nMore.\n";
        let end = head.len();
        let mut utf8 = head.as_bytes().to_vec();
        utf8.extend_from_slice("\nLater \u{e9}t\u{e9}.\n".as_bytes());
        assert_eq!(settled_end(utf8.as_slice(), end), Some(end));
        let mut latin1 = head.as_bytes().to_vec();
        latin1.extend_from_slice(b"\nLater \xe9t\xe9.\n");
        let quote = head.find('\u{201c}').expect("quote");
        assert_eq!(settled_end(latin1.as_slice(), end), Some(quote));
        let indented = b"Title\n\nWords.\n\n    An indented line.\n\nMore.\n";
        assert_eq!(settled_end(&indented[..], indented.len()), Some(15));
        let figure = b"Title\n\nWords.\n\n[Illustration: a quay]\n";
        assert_eq!(settled_end(&figure[..], figure.len()), Some(15));
    }

    #[test]
    fn utf8_is_checked_across_chunk_boundaries() {
        // A two-byte character cut by the 1 MiB chunk's end is still valid.
        let mut text = vec![b'a'; (1 << 20) - 1];
        text.extend_from_slice("\u{e9}".as_bytes());
        text.extend_from_slice(b" end");
        assert!(all_utf8(text.as_slice()));
        text.push(0xff);
        assert!(!all_utf8(text.as_slice()));
    }

    #[test]
    fn blocks_end_after_a_blank_line() {
        let text: &[u8] = b"aaa\nbbb\n\nccc\n  \nddd";
        assert_eq!(block_end_after(text, 0), Some(9));
        assert_eq!(block_end_after(text, 9), Some(16));
        assert_eq!(block_end_after(text, 17), None);
    }

    #[test]
    fn the_notes_section_is_found_from_the_end() {
        let text = b"Body[1] text.\n\nMore.\n\n[1] One.\n\n[2] Two\nwraps.\n\nShare this:\n";
        assert_eq!(notes_start(text, 0), Some(22));
        assert_eq!(notes_start(b"Just text.\n\nNo notes.\n", 0), None);
        assert_eq!(notes_start(b"[1] One.\n\n[2] Two.\n", 0), Some(0));
    }

    #[test]
    fn the_notes_section_is_found_by_bisection() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(&format!("Body paragraph {i} cites a note.[{i}]\n\n"));
        }
        let start = text.len();
        for i in 0..3000 {
            text.push_str(&format!("[{i}] Note {i}.\n\n"));
        }
        let bytes = text.as_bytes();
        assert_eq!(find_notes_start(bytes, 0, bytes.len()), Some(start));
    }
}
