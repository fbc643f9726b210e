//! The plain-text reader over a file read in pieces, so that a big file and its
//! document are never held at once: at 100 MB the file's bytes, its lines and its raw
//! blocks (120 MB) stood beside the classified items, the peak of opening it.
//!
//! Passes that each read the file a piece at a time (pieces end after a `\n`, so every
//! piece of a UTF-8 file is UTF-8 of its own):
//! 1. What the classifier takes from the whole file: the header (from the first
//!    piece), where the boilerplate starts, the base indentation
//!    ([`blocks::BaseIndent`]), and where each line starts in the source.
//! 2. A window of lines, cut at blank lines: its raw blocks are classified but for the
//!    last [`LOOKAHEAD`] and a few more (an item looks that far ahead at most), and the
//!    window goes on from the block the next item starts at. So the items are exactly
//!    those of the whole text read at once. This pass runs twice: once for the labels
//!    of the definitions (which `[12]` is a reference depends on all of them), once to
//!    build the document from the items as they come, so they are never all held.
//!
//! Only a file that is UTF-8 throughout (a BOM allowed), that detects as plain text and
//! does not change between the passes is read so; `read` says `None` for any other, to
//! be read whole as before (`format::load_owned`).

use super::anchors::Defined;
use super::blocks::{self, is_blank, BaseIndent};
use super::classify::{self, Context, Item, LOOKAHEAD};
use super::decode;
use super::dispatch::{self, Build};
use super::header;
use super::text::split_lines;
use super::LoadError;
use crate::document::format::{self, Format, Input};
use crate::document::offsets::Offsets;
use crate::document::preview::Ranges;
use crate::document::progress::{self, Stage};
use crate::document::Document;

/// The sizes the file is read in.
#[derive(Debug, Clone, Copy)]
pub struct Pieces {
    /// The first piece, at least: what format detection (64 KiB for Markdown) and the
    /// header (its first few hundred lines) look at.
    pub first: usize,
    /// Every later piece, at least.
    pub rest: usize,
}

/// What the reader uses: 256 KiB a piece. A piece's lines and items are held while it is
/// built, tens of bytes a line beside the line itself: 4 MiB windows of a file of tiny
/// blocks held tens of MB at once, 1 MiB ones 6 MB (the peak of opening it, as its last
/// notes were built), with no time to show for it.
pub const PIECES: Pieces = Pieces {
    first: 256 << 10,
    rest: 256 << 10,
};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why the file is not read in pieces (it is then read whole).
struct Unfit;

/// The document of `src` read in pieces, or `None` when it should be read whole (see
/// the module's comment). The same document as `format::load_with` of its bytes.
pub fn read<R: Ranges + ?Sized>(
    src: &R,
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
    sizes: Pieces,
) -> Option<Result<Document, LoadError>> {
    read_inner(src, forced, name, sizes).ok()
}

fn read_inner<R: Ranges + ?Sized>(
    src: &R,
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
    sizes: Pieces,
) -> Result<Result<Document, LoadError>, Unfit> {
    let lines = match first_pass(src, forced, name, sizes)? {
        Ok(lines) => lines,
        Err(e) => return Ok(Err(e)),
    };
    // The items are classified twice, as a streamed dump does: held all at once between
    // classifying and building, they were the parse's peak (a file of tiny blocks: 70 MB
    // of items for a 17.6 MB file, beside the document being built from them).
    let labelled = lines.labels(src, sizes)?;
    let mut b = lines.builder();
    b.reserve(labelled.items - labelled.notes, labelled.notes);
    progress::stage(Stage::Blocks);
    let mut build = Build::new(&labelled.defined, &lines.line_src, lines.size);
    lines.items(src, sizes, &mut |run| {
        for item in run {
            build.push(item, &mut b);
        }
        // What this run's items held and the builder has not kept is free: pages of it
        // go back as the build goes on (see `dispatch::build`).
        crate::memory::give_back_freed();
        true
    })?;
    build.end(&mut b);
    // The labels (16 bytes each) and the line starts go before the notes are made: the
    // finish is the peak of the parse.
    drop((labelled, lines));
    Ok(Ok(b.finish()))
}

/// What a first classifying of the items keeps: the labels of the definitions (which
/// `[12]` is a reference depends on every one of them) and how many items and
/// definitions there are (the builder's room).
struct Labelled {
    defined: Defined,
    items: usize,
    notes: usize,
}

/// How [`read_streaming`] ended.
#[derive(Debug)]
pub enum Streamed {
    /// Read to the end: the document, whose body blocks were handed out and let go of
    /// (`Builder::let_go_of_text`: only its notes, headings and spans are whole).
    Read(Result<Box<Document>, LoadError>),
    /// Not to be read in pieces (as [`read`]'s `None`); no block was handed out.
    Unfit,
    /// The file changed under the reading after blocks were handed out.
    Changed,
    /// Handing out a block failed (a closed pipe): that error; the reading stopped.
    Stopped(std::io::Error),
}

/// `src` read as [`read`] reads it, each body block handed to `each` as soon as it is
/// made, then let go of: the body is never held whole (a streamed `--dump`). The blocks
/// are the document's, in order, but their anchors are not bound to notes yet.
///
/// Which `[12]` is a reference depends on every definition in the file, so the items
/// are classified twice: once for the labels of the definitions (nothing else kept),
/// once to build the document. The notes are kept to the end: they are numbered and
/// ordered over the whole document.
pub fn read_streaming<R: Ranges + ?Sized>(
    src: &R,
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
    sizes: Pieces,
    each: &mut dyn FnMut(&crate::document::model::Block) -> std::io::Result<()>,
) -> Streamed {
    let lines = match first_pass(src, forced, name, sizes) {
        Err(Unfit) => return Streamed::Unfit,
        Ok(Err(e)) => return Streamed::Read(Err(e)),
        Ok(Ok(lines)) => lines,
    };
    let Ok(Labelled {
        defined,
        items,
        notes,
    }) = lines.labels(src, sizes)
    else {
        return Streamed::Unfit;
    };
    let mut b = lines.builder();
    // Room for what the first reading counted, as `dispatch::build` reserves it: grown by
    // doubling, the blocks' and definitions' vectors were a tenth more at the peak.
    b.reserve(items - notes, notes);
    let mut build = Build::new(&defined, &lines.line_src, lines.size);
    // Blocks before `handed` have been handed out and let go of.
    let mut handed = 0;
    let mut stopped = None;
    let mut hand_out = |b: &mut crate::document::builder::Builder, handed: &mut usize| {
        for block in &b.blocks()[*handed..] {
            each(block)?;
        }
        b.let_go_of_text(*handed);
        *handed = b.blocks().len();
        Ok(())
    };
    let read = lines.items(src, sizes, &mut |run| {
        for item in run {
            build.push(item, &mut b);
        }
        match hand_out(&mut b, &mut handed) {
            Ok(()) => true,
            Err(e) => {
                stopped = Some(e);
                false
            }
        }
    });
    if let Some(e) = stopped {
        return Streamed::Stopped(e);
    }
    if read.is_err() {
        return if handed == 0 {
            Streamed::Unfit
        } else {
            Streamed::Changed
        };
    }
    build.end(&mut b);
    if let Err(e) = hand_out(&mut b, &mut handed) {
        return Streamed::Stopped(e);
    }
    drop(defined);
    Streamed::Read(Ok(Box::new(b.finish())))
}

/// What the file is (its first piece: format, header) and pass 1 over it.
fn first_pass<R: Ranges + ?Sized>(
    src: &R,
    forced: Option<&'static dyn Format>,
    name: Option<&str>,
    sizes: Pieces,
) -> Result<Result<Lines, LoadError>, Unfit> {
    let size = src.size();
    let sniff = src
        .read(0..size.min(8 * 1024 + UTF8_BOM.len()))
        .ok_or(Unfit)?;
    if sniff.starts_with(b"\xFF\xFE") || sniff.starts_with(b"\xFE\xFF") {
        return Err(Unfit);
    }
    // Binary or not is decided on the first bytes, as a whole read decides it.
    if let Err(e) = decode::decode(&sniff) {
        return Ok(Err(e));
    }
    let bom = if sniff.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let first = {
        let mut reader = Reader::new(src, size);
        let mut want = sizes.first;
        loop {
            let piece = reader.next(want)?.ok_or(Unfit)?;
            // Enough lines for the header (a Project Gutenberg preamble is looked for in
            // the first 300, a dispatch header in the lines after its first).
            let (lines, _) = split_lines(&piece.text[bom..]);
            let count = lines.len() - usize::from(!piece.last);
            let first_line = lines.iter().position(|l| !is_blank(l)).unwrap_or(count);
            let need = header::GUTENBERG_SCAN.max(first_line + header::HEADER_SCAN + 2);
            if piece.last || count >= need {
                break (piece, count);
            }
            reader = Reader::new(src, size);
            want = want.saturating_mul(2);
        }
    };
    let (first, head_count) = first;
    let text = &first.text[bom..];
    let map = decode::SourceMap::shifted(bom);
    let head_input = Input::new(text, name, &map, size);
    let format = forced.unwrap_or_else(|| format::detect(&head_input));
    if format.name() != super::text::Text.name() {
        return Err(Unfit);
    }
    // HTML is detected past any number of leading comments (`html::looks_like_html`):
    // a first piece that opens with one may not hold what a whole read would see.
    let opening = text.trim_start_matches('\u{FEFF}').trim_start();
    if forced.is_none() && !first.last && (opening.starts_with("<!--") || opening.starts_with("<?"))
    {
        return Err(Unfit);
    }

    // Pass 1: the header, the body's end, the base indentation, the line starts.
    progress::stage(Stage::Lines);
    let header = {
        let (head_lines, _) = split_lines(text);
        let head_refs: Vec<&str> = head_lines
            .iter()
            .take(head_count)
            .map(|l| l.as_ref())
            .collect();
        header::parse(&head_refs).unwrap_or_else(|| header::gutenberg(&head_refs))
    };
    drop(first);
    let body_start = header.end;
    let mut line_src = Offsets::default();
    let mut body_end: Option<usize> = None;
    let mut base = BaseIndent::default();
    let mut previous_blank = true;
    let mut reader = Reader::new(src, size);
    while let Some(piece) = reader.next(sizes.rest)? {
        let skip = if piece.start == 0 { bom } else { 0 };
        let (lines, starts) = split_lines(&piece.text[skip..]);
        let count = lines.len() - usize::from(!piece.last);
        for (line, start) in lines.iter().zip(&starts).take(count) {
            let at = line_src.len();
            line_src.push(piece.start + skip + start);
            if at < body_start || body_end.is_some() {
                continue;
            }
            if dispatch::starts_boilerplate(line, &mut previous_blank) {
                body_end = Some(at);
            } else if !is_blank(line) {
                base.add(line);
            }
        }
        progress::read_to(piece.end() / 2);
    }
    line_src.shrink_to_fit();
    let body_end = body_end.unwrap_or(line_src.len());
    let mut meta = header.meta;
    meta.title_src = header.title_line.and_then(|l| line_src.get(l));
    Ok(Ok(Lines {
        format: format.name(),
        rule: format.label_rule(),
        size,
        bom,
        meta,
        line_src,
        body: body_start..body_end,
        base: base.result(),
    }))
}

/// What the first pass found: all the classifier needs from the whole file.
struct Lines {
    format: &'static str,
    rule: crate::document::builder::LabelRule,
    size: usize,
    bom: usize,
    meta: crate::document::model::Meta,
    /// Where each line starts in the source.
    line_src: Offsets,
    /// The lines of the body (after the header, before any boilerplate).
    body: std::ops::Range<usize>,
    base: usize,
}

impl Lines {
    /// A builder for the document, its metadata set.
    fn builder(&self) -> crate::document::builder::Builder {
        let mut b = crate::document::builder::Builder::new(self.format, self.rule, self.size);
        b.set_encoding("UTF-8");
        b.set_meta(self.meta.clone());
        b
    }

    /// Pass 2 for the labels: the items classified and let go of, but for what
    /// [`Labelled`] keeps.
    fn labels<R: Ranges + ?Sized>(&self, src: &R, sizes: Pieces) -> Result<Labelled, Unfit> {
        let mut labels = Vec::new();
        let (mut items, mut notes) = (0, 0);
        self.items(src, sizes, &mut |run| {
            items += run.len();
            notes += run
                .iter()
                .filter(|it| matches!(it, Item::Note { .. }))
                .count();
            labels.extend(run.iter().filter_map(dispatch::defined_label));
            true
        })?;
        Ok(Labelled {
            defined: Defined::new(labels),
            items,
            notes,
        })
    }

    /// Pass 2: the items, a window of lines at a time, each window's run of them given to
    /// `each` in reading order (each sized to fit: see `dispatch::build`), until `each`
    /// says `false`.
    fn items<R: Ranges + ?Sized>(
        &self,
        src: &R,
        sizes: Pieces,
        each: &mut dyn FnMut(Vec<Item>) -> bool,
    ) -> Result<(), Unfit> {
        let (size, bom, line_src) = (self.size, self.bom, &self.line_src);
        let (body_start, body_end) = (self.body.start, self.body.end);
        let cx = Context {
            base: self.base,
            authors: &self.meta.authors,
        };
        let mut window = String::new();
        // The window's first line, and where it starts in the source.
        let (mut first_line, mut window_src) = (0usize, bom);
        let mut reader = Reader::new(src, size);
        let mut want = sizes.rest;
        let mut last = false;
        while !last {
            let piece = reader.next(want)?.ok_or(Unfit)?;
            last = piece.last;
            let skip = if piece.start == 0 { bom } else { 0 };
            window.push_str(&piece.text[skip..]);
            let (done, next, carry) = {
                let (lines, starts) = split_lines(&window);
                let count = lines.len() - usize::from(!last);
                // The same lines as the first pass found, or the file changed under us.
                let same = starts
                    .iter()
                    .take(count)
                    .map(|s| window_src + s)
                    .eq(line_src.iter_from(first_line).take(count));
                if !same || (last && first_line + count != line_src.len()) {
                    return Err(Unfit);
                }
                let refs: Vec<&str> = lines.iter().take(count).map(|l| l.as_ref()).collect();
                let lo = body_start.saturating_sub(first_line).min(count);
                let hi = body_end.saturating_sub(first_line).min(count).max(lo);
                let done = last || first_line + count >= body_end;
                let raw = blocks::split_from(&refs[lo..hi], first_line + lo);
                let stop = if done {
                    raw.len()
                } else {
                    raw.len().saturating_sub(LOOKAHEAD + 2)
                };
                let mut got = Vec::new();
                let next = classify::classify_into(&raw, &cx, stop, &mut got);
                got.shrink_to_fit();
                if !each(got) {
                    return Ok(());
                }
                // Go on from the block the next item starts at (past every line when the
                // window held no block of the body yet).
                let carry = raw.get(next).map_or(first_line + count, |b| b.start);
                (done, next, carry)
            };
            if done {
                break;
            }
            // A window that classified nothing grows faster, so a file of a few huge
            // blocks is not split again and again.
            want = if next == 0 {
                want.saturating_mul(2)
            } else {
                sizes.rest
            };
            let cut = line_src.get(carry).map_or(window.len(), |s| s - window_src);
            window.drain(..cut.min(window.len()));
            window_src += cut;
            first_line = carry;
            progress::read_to((size + piece.end()) / 2);
        }
        Ok(())
    }
}

/// A piece of the file: its text, where it starts in the source, and whether it is the
/// last.
struct Piece {
    start: usize,
    text: String,
    last: bool,
}

impl Piece {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Reads `src` in pieces that end after a `\n` (or at the end of the file).
struct Reader<'r, R: ?Sized> {
    src: &'r R,
    size: usize,
    /// The next byte not read yet.
    pos: usize,
    /// Bytes read past the end of the last piece.
    carry: Vec<u8>,
}

impl<'r, R: Ranges + ?Sized> Reader<'r, R> {
    fn new(src: &'r R, size: usize) -> Self {
        Reader {
            src,
            size,
            pos: 0,
            carry: Vec::new(),
        }
    }

    /// The next piece, of at least `want` bytes unless the file ends first; `None` past
    /// the end; `Unfit` when the file cannot be read or is not UTF-8.
    fn next(&mut self, want: usize) -> Result<Option<Piece>, Unfit> {
        let start = self.pos - self.carry.len();
        if start >= self.size {
            return Ok(None);
        }
        let mut buf = std::mem::take(&mut self.carry);
        let cut = loop {
            let at_end = self.pos >= self.size;
            if at_end {
                break buf.len();
            }
            if buf.len() >= want {
                if let Some(i) = memchr::memrchr(b'\n', &buf) {
                    break i + 1;
                }
            }
            let end = (self.pos + want.max(buf.len()).max(1)).min(self.size);
            let more = self.src.read(self.pos..end).ok_or(Unfit)?;
            if more.len() != end - self.pos {
                return Err(Unfit);
            }
            buf.extend_from_slice(&more);
            self.pos = end;
        };
        self.carry = buf.split_off(cut);
        let last = self.pos >= self.size && self.carry.is_empty();
        let text = String::from_utf8(buf).map_err(|_| Unfit)?;
        Ok(Some(Piece { start, text, last }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::format::{by_name, load_with};
    use crate::document::model::{Block, BlockKind};

    fn pieces(first: usize, rest: usize) -> Pieces {
        Pieces { first, rest }
    }

    /// Read in pieces of every size, a text gives the document a whole read gives.
    #[track_caller]
    fn same_as_whole(bytes: &[u8], name: &str, sizes: &[Pieces]) {
        let text = by_name("text");
        let whole = load_with(bytes, text, Some(name));
        for &s in sizes {
            let streamed = read(bytes, text, Some(name), s);
            assert_eq!(streamed, Some(whole.clone()), "{name} in pieces of {s:?}");
            if let Ok(whole) = &whole {
                handed_out_as_whole(bytes, name, s, whole);
            }
        }
    }

    /// Read with its blocks handed out, a text gives the whole read's blocks, in order,
    /// and then a document with the same notes and nothing of the body but its headings.
    #[track_caller]
    fn handed_out_as_whole(bytes: &[u8], name: &str, s: Pieces, whole: &Document) {
        let text = by_name("text");
        let mut handed: Vec<Block> = Vec::new();
        let got = read_streaming(bytes, text, Some(name), s, &mut |b| {
            handed.push(b.clone());
            Ok(())
        });
        let Streamed::Read(Ok(doc)) = got else {
            panic!("{name} in pieces of {s:?}: {got:?}");
        };
        let unbound = |b: &Block| {
            let mut b = b.clone();
            b.anchors.iter_mut().for_each(|a| a.note = u32::MAX);
            b
        };
        let expected: Vec<Block> = whole.blocks.iter().map(unbound).collect();
        assert!(
            handed == expected,
            "{name} in pieces of {s:?}: blocks differ"
        );
        assert_eq!(doc.notes, whole.notes, "{name} in pieces of {s:?}");
        assert_eq!(doc.scopes, whole.scopes, "{name} in pieces of {s:?}");
        assert_eq!(doc.meta, whole.meta, "{name} in pieces of {s:?}");
        assert_eq!(doc.notices, whole.notices, "{name} in pieces of {s:?}");
        assert_eq!(doc.blocks.len(), whole.blocks.len());
        for (b, w) in doc.blocks.iter().zip(&whole.blocks) {
            assert_eq!(
                (b.src, b.src_len, &b.anchors),
                (w.src, w.src_len, &w.anchors)
            );
            if w.kind == BlockKind::Heading {
                assert_eq!(b.text, w.text, "a heading names a scope: kept");
            } else {
                assert!(
                    b.text.is_empty() && b.runs.is_empty(),
                    "{name}: body let go of"
                );
            }
        }
    }

    #[test]
    fn every_fixture_in_pieces_of_every_size() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut n = 0;
        for e in std::fs::read_dir(dir).expect("fixtures").flatten() {
            let path = e.path();
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            if std::str::from_utf8(bytes.strip_prefix(UTF8_BOM).unwrap_or(&bytes)).is_err() {
                continue;
            }
            let name = path.to_string_lossy().into_owned();
            same_as_whole(
                &bytes,
                &name,
                &[
                    pieces(1, 1),
                    pieces(1, 7),
                    pieces(1, 100),
                    pieces(64, 512),
                    PIECES,
                ],
            );
            n += 1;
        }
        assert!(n > 20, "{n}");
    }

    /// A dispatch of many blocks and notes, a book with footnotes over several blocks
    /// and illustrations, verse, tabs, CRLF line ends and a BOM, cut everywhere.
    #[test]
    fn long_texts_in_pieces() {
        let dispatch = crate::document::synthetic::synthetic_dispatch(300 << 10);
        same_as_whole(
            dispatch.as_bytes(),
            "d.txt",
            &[pieces(1, 1), pieces(1, 333), pieces(4096, 4096), PIECES],
        );
        let mut book = String::from("Title: A Book\nAuthor: Nobody\n\n*** START OF IT\n\n");
        for i in 0..300 {
            book.push_str(&format!("Prose {i}, cited.[{i}]\nand more\n\n"));
            match i % 5 {
                0 => book.push_str(&format!(
                    "[Footnote {i}: a note\n\nover [two] blocks\n\nand three.]\n\n"
                )),
                1 => book.push_str("[Illustration: a picture\n\nof a\n\nbig\n\nthing]\n\n"),
                2 => book.push_str("    A verse line,\n\tanother one.\r\n\r\n"),
                3 => book.push_str(&format!("[{i}]\n\n    The poem of note {i}.\n\n")),
                // Closed ten blocks on: a reader that looked less far ahead would
                // take it for one never closed.
                _ if i % 2 == 0 => book.push_str(&format!(
                    "[Footnote {i}: closed late\n\n{}]\n\n",
                    "a\nparagraph\n\n".repeat(9)
                )),
                _ => book.push_str("[Footnote 9: never closed\n\n"),
            }
        }
        book.push_str("Share this Report:\n\nfacebook\n");
        let mut with_bom = UTF8_BOM.to_vec();
        with_bom.extend_from_slice(book.as_bytes());
        for bytes in [book.as_bytes(), &with_bom] {
            same_as_whole(
                bytes,
                "b.txt",
                &[pieces(1, 1), pieces(1, 50), pieces(999, 2000), PIECES],
            );
        }
    }

    /// A file that changes between the two passes (a line longer here, one fewer
    /// there) is read whole instead: what the first pass found no longer holds.
    #[test]
    fn a_file_changed_while_read_is_left_to_the_whole_read() {
        struct Changing {
            before: Vec<u8>,
            after: Vec<u8>,
            /// A read has reached the end (the first pass is over).
            seen_end: std::cell::Cell<bool>,
            /// The second pass has begun: reads see `after`.
            changed: std::cell::Cell<bool>,
        }
        impl Ranges for Changing {
            fn size(&self) -> usize {
                self.before.len()
            }
            fn read(&self, range: std::ops::Range<usize>) -> Option<Vec<u8>> {
                if range.start == 0 && self.seen_end.get() {
                    self.changed.set(true);
                }
                self.seen_end
                    .set(self.seen_end.get() || range.end >= self.size());
                let now = if self.changed.get() {
                    &self.after
                } else {
                    &self.before
                };
                now[..].read(range)
            }
        }
        let before = "Para one.\n\nPara two.\n\n".repeat(1000);
        for after in [
            before.replacen("one.", "one!!", 1)[..before.len()].to_owned(),
            before.replacen("Para two.\n\n", "Para two. \n", 1),
        ] {
            assert_eq!(after.len(), before.len());
            let src = Changing {
                before: before.clone().into_bytes(),
                after: after.into_bytes(),
                seen_end: Default::default(),
                changed: Default::default(),
            };
            let text = by_name("text");
            assert_eq!(read(&src, text, Some("a.txt"), pieces(64, 2000)), None);
            assert!(src.changed.get(), "the second pass ran");
        }
    }

    /// HTML behind a leading comment longer than the first piece is detected past it by a
    /// whole read (found in review): the piece cannot tell, so the whole read decides.
    #[test]
    fn a_page_behind_a_long_comment_is_left_to_the_whole_read() {
        let mut page = String::from("<!--\n");
        page.push_str(&"a comment line\n".repeat(2000));
        page.push_str("-->\n<html><body><p>Hello there.</p></body></html>\n");
        let whole = load_with(page.as_bytes(), None, Some("a.txt")).expect("loads");
        assert_eq!(whole.format, "html");
        assert_eq!(
            read(page.as_bytes(), None, Some("a.txt"), pieces(1024, 1024)),
            None
        );
    }

    /// What a whole read would decode otherwise is left to it.
    #[test]
    fn other_files_are_left_to_the_whole_read() {
        let text = by_name("text");
        let latin1 = b"Caf\xE9 au lait.\n\nMore.\n".to_vec();
        assert_eq!(read(&latin1[..], text, Some("a.txt"), pieces(1, 1)), None);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Hi.\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read(&utf16[..], text, Some("a.txt"), PIECES), None);
        let md = b"# One\n\nText.[^1]\n\n[^1]: A note.\n";
        assert_eq!(read(&md[..], None, Some("a.md"), PIECES), None);
        assert_eq!(
            read(&b"\0\0\0binary"[..], None, None, PIECES),
            Some(Err(LoadError::Binary))
        );
        // Not UTF-8 late in the file: found by the first pass.
        let mut late = "Fine.\n\n".repeat(1000).into_bytes();
        late.extend_from_slice(b"bad \xFF byte\n");
        assert_eq!(read(&late[..], text, Some("a.txt"), pieces(64, 64)), None);
    }

    /// A source that reads as `after` from its `change_at`-th read from the start on
    /// (the first is pass 1, then one per reading of the items), and counts what it gave.
    struct Rereads {
        before: Vec<u8>,
        after: Vec<u8>,
        change_at: usize,
        starts: std::cell::Cell<usize>,
        given: std::cell::Cell<usize>,
    }

    impl Rereads {
        fn new(before: &str, after: &str, change_at: usize) -> Self {
            assert_eq!(before.len(), after.len());
            Rereads {
                before: before.as_bytes().to_vec(),
                after: after.as_bytes().to_vec(),
                change_at,
                starts: Default::default(),
                given: Default::default(),
            }
        }
    }

    impl Ranges for Rereads {
        fn size(&self) -> usize {
            self.before.len()
        }
        fn read(&self, range: std::ops::Range<usize>) -> Option<Vec<u8>> {
            if range.start == 0 {
                self.starts.set(self.starts.get() + 1);
            }
            let now = if self.starts.get() >= self.change_at {
                &self.after
            } else {
                &self.before
            };
            let got = now[..].read(range)?;
            self.given.set(self.given.get() + got.len());
            Some(got)
        }
    }

    /// A file that changes under a streamed read: before any block is handed out it is
    /// left to the whole read (`Unfit`); after, the caller is told (`Changed`).
    #[test]
    fn a_file_changed_under_a_streamed_read_is_told() {
        let before = "Para one.\n\nPara two.\n\n".repeat(1000);
        // A line longer near the end: the second reading of the items sees it late.
        let at = before.len() - 40;
        let after = format!(
            "{}{}",
            &before[..at],
            &before[at..].replacen("two.\n\n", "two. \n", 1)
        );
        let text = by_name("text");
        let sizes = pieces(64, 500);
        // How many times a read goes back to the start (format sniffing and the first
        // piece too): the last is the reading that hands blocks out.
        let unchanged = Rereads::new(&before, &before, usize::MAX);
        let got = read_streaming(&unchanged, text, Some("a.txt"), sizes, &mut |_| Ok(()));
        assert!(matches!(got, Streamed::Read(Ok(_))), "{got:?}");
        let last = unchanged.starts.get();
        let mut count = 0;
        let src = Rereads::new(&before, &after, last - 1);
        let got = read_streaming(&src, text, Some("a.txt"), sizes, &mut |_| {
            count += 1;
            Ok(())
        });
        assert!(matches!(got, Streamed::Unfit), "{got:?}");
        assert_eq!(count, 0);
        let src = Rereads::new(&before, &after, last);
        let got = read_streaming(&src, text, Some("a.txt"), sizes, &mut |_| {
            count += 1;
            Ok(())
        });
        assert!(matches!(got, Streamed::Changed), "{got:?}");
        assert!(
            count > 100,
            "blocks were handed out before the change: {count}"
        );
    }

    /// When handing out a block fails (the reader of a pipe went away), the reading stops
    /// there: the rest of the file is not read a third time.
    #[test]
    fn a_failed_hand_out_stops_the_reading() {
        let body = "Para one.\n\nPara two.\n\n".repeat(5000);
        let text = by_name("text");
        let sizes = pieces(64, 1000);
        let whole = Rereads::new(&body, &body, usize::MAX);
        let got = read_streaming(&whole, text, Some("a.txt"), sizes, &mut |_| Ok(()));
        assert!(matches!(got, Streamed::Read(Ok(_))), "{got:?}");
        let src = Rereads::new(&body, &body, usize::MAX);
        let mut count = 0;
        let got = read_streaming(&src, text, Some("a.txt"), sizes, &mut |_| {
            count += 1;
            Err(std::io::ErrorKind::BrokenPipe.into())
        });
        assert!(
            matches!(got, Streamed::Stopped(ref e) if e.kind() == std::io::ErrorKind::BrokenPipe)
        );
        assert_eq!(count, 1);
        // The last reading stopped after a piece or two, not at the end of the file.
        let saved = whole.given.get() - src.given.get();
        assert!(saved > body.len() - 4000, "{saved} of {}", body.len());
    }
}
