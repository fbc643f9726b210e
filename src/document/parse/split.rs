//! Very long body blocks → several consecutive blocks of the same kind.
//!
//! Laying out one unit costs time linear in its size (about 0.2 s per MB), and the reader
//! lays out whole units. A file that is one 50 MB line would therefore take seconds before
//! the first frame, and every frame would walk all of its marks. Cutting such a block into
//! pieces whose display (text plus note markers) is at most `MAX_BLOCK_BYTES`, with at most
//! `MAX_BLOCK_ANCHORS` markers, keeps the cost of a screen bounded by the screen, whatever
//! the input. Ordinary prose never comes near the limits (a long paragraph is a few KiB
//! with a handful of markers), so real documents are unchanged.

/// Longest block kept whole, in bytes of its display: text plus `[label]` markers.
pub const MAX_BLOCK_BYTES: usize = 64 * 1024;

/// Most note markers kept in one block. A run of millions of `[1]` has almost no text,
/// so the byte limit alone would not cut it; the UI looks at every marker of a row's block.
pub const MAX_BLOCK_ANCHORS: usize = 1024;

/// A block's text and its anchors as `(label, byte offset)`, offsets ascending.
pub type Piece = (String, Vec<(String, usize)>);

fn marker_bytes(label: &str) -> usize {
    label.len() + 2
}

/// Split `text` into pieces within both limits, each anchor moved to the piece holding
/// its offset, with the offset made relative to that piece. A cut falls on white space
/// in the second half of the room left (else on a character boundary); the white space
/// is dropped (the pieces are shown as separate blocks), and an anchor that stood in it
/// goes to the end of the piece before, next to the word it followed. Markers at one
/// offset beyond the marker limit go on in the next piece, which may then start with them.
pub fn split_long(text: String, refs: Vec<(String, usize)>) -> Vec<Piece> {
    let markers: usize = refs.iter().map(|(l, _)| marker_bytes(l)).sum();
    if text.len() + markers <= MAX_BLOCK_BYTES && refs.len() <= MAX_BLOCK_ANCHORS {
        return vec![(text, refs)];
    }
    let mut refs = refs;
    let mut pieces = Vec::new();
    // Text before `start` and anchors before `ai` are placed.
    let (mut start, mut ai) = (0, 0);
    loop {
        let rest = &text[start..];
        let rel = |at: usize| at.saturating_sub(start);
        // The anchors that fit in this piece, in order, and the room they leave for text.
        let mut room = MAX_BLOCK_BYTES;
        let mut fit = 0;
        let mut blocked_at = None;
        for (label, at) in &refs[ai..] {
            if fit == MAX_BLOCK_ANCHORS || rel(*at) + marker_bytes(label) > room {
                blocked_at = Some(rel(*at));
                break;
            }
            room -= marker_bytes(label);
            fit += 1;
        }
        // Text may not run past the first anchor that did not fit.
        let limit = blocked_at.map_or(room, |r| r.min(room));
        let last = blocked_at.is_none() && rest.len() <= limit;
        let (end, mut next) = if last {
            (rest.len(), rest.len())
        } else {
            cut(rest, limit)
        };
        let taken = refs[ai..ai + fit]
            .iter()
            .take_while(|(_, at)| last || rel(*at) <= end || rel(*at) < next)
            .count();
        // Never stand still, even on anchors past the text (which `extract` never makes).
        let taken = if taken == 0 && next == 0 {
            next = rest.chars().next().map_or(0, char::len_utf8);
            usize::from(next == 0 && ai < refs.len())
        } else {
            taken
        };
        let anchors: Vec<(String, usize)> = refs[ai..ai + taken]
            .iter_mut()
            .map(|(label, at)| (std::mem::take(label), rel(*at).min(end)))
            .collect();
        ai += taken;
        let piece = &rest[..end.min(next)];
        if !piece.is_empty() || !anchors.is_empty() {
            pieces.push((piece.to_owned(), anchors));
        }
        start += next;
        if last || (start >= text.len() && ai == refs.len()) {
            break;
        }
    }
    pieces
}

/// What ends a note that was cut short: an editorial omission mark, so the reader sees
/// where the note stops being the document's.
pub const CUT_MARK: &str = " […]";

/// Cut a note's text to at most `MAX_BLOCK_BYTES` (plus `CUT_MARK`) at the place a block
/// would be cut. A note is one unit and one label, so unlike a block it cannot become
/// several; a note this long is a mis-parse or an attack, and showing its start beats
/// freezing the reader for seconds on every frame that shows it. Returns whether it cut.
pub fn cut_short(text: &mut crate::document::model::NoteText) -> bool {
    if text.len() <= MAX_BLOCK_BYTES {
        return false;
    }
    let (end, _) = cut(text, MAX_BLOCK_BYTES);
    text.truncate(end);
    text.push_str(CUT_MARK);
    true
}

/// Where to cut `rest` to keep at most `limit` bytes: the end of the first piece and the
/// start of the next, both char boundaries, `end <= next`. A cut lands on the last line
/// break (verse), else the last space, in the second half of `limit`; with none there, on
/// the last character boundary that fits.
fn cut(rest: &str, limit: usize) -> (usize, usize) {
    let mut limit = limit.min(rest.len());
    while !rest.is_char_boundary(limit) {
        limit -= 1;
    }
    let low = limit / 2;
    let window = &rest.as_bytes()[low..limit];
    // Verse keeps its line breaks: a cut between two lines reads best there.
    let at = memchr::memrchr(b'\n', window).or_else(|| memchr::memrchr(b' ', window));
    match at {
        Some(i) => {
            let sep = low + i;
            let end = rest[..sep].trim_end_matches([' ', '\n']).len();
            // Spaces after a line break are the next verse line's indentation: kept.
            let after = &rest[sep + 1..];
            let skipped = if rest.as_bytes()[sep] == b' ' {
                after.len() - after.trim_start_matches(' ').len()
            } else {
                0
            };
            // Only white space before the cut: keep it rather than make an empty piece.
            (if end == 0 { sep } else { end }, sep + 1 + skipped)
        }
        None => (limit, limit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors_ok(pieces: &[Piece]) {
        for (text, anchors) in pieces {
            assert!(text.len() <= MAX_BLOCK_BYTES);
            assert!(!text.is_empty() || !anchors.is_empty());
            for (_, at) in anchors {
                assert!(*at <= text.len() && text.is_char_boundary(*at));
            }
        }
    }

    #[test]
    fn short_text_is_one_piece() {
        let p = split_long("a b".into(), vec![("1".into(), 1)]);
        assert_eq!(p, vec![("a b".to_string(), vec![("1".to_string(), 1)])]);
    }

    #[test]
    fn long_prose_is_cut_at_spaces_and_keeps_every_word() {
        let text = "word ".repeat(40_000).trim_end().to_owned();
        let pieces = split_long(text.clone(), Vec::new());
        assert!(pieces.len() >= 4);
        anchors_ok(&pieces);
        let joined: Vec<&str> = pieces.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(joined.join(" "), text);
        assert!(pieces
            .iter()
            .all(|p| p.0.starts_with("word") && p.0.ends_with("word")));
    }

    #[test]
    fn text_without_spaces_is_cut_on_char_boundaries() {
        let text = "é".repeat(100_000);
        let pieces = split_long(
            text.clone(),
            vec![("1".into(), 4), ("2".into(), text.len())],
        );
        anchors_ok(&pieces);
        let joined: String = pieces.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(joined, text);
        assert_eq!(pieces[0].1, vec![("1".to_string(), 4)]);
        let last = pieces.last().expect("pieces");
        assert_eq!(last.1, vec![("2".to_string(), last.0.len())]);
    }

    #[test]
    fn anchors_move_to_their_piece_with_relative_offsets() {
        let unit = "abcdefg ";
        let text = unit.repeat(20_000);
        // An anchor after every 1000th word, right after its last letter.
        let refs: Vec<(String, usize)> = (0..20_000)
            .step_by(1000)
            .map(|w| (w.to_string(), w * unit.len() + 7))
            .collect();
        let pieces = split_long(text, refs.clone());
        anchors_ok(&pieces);
        let mut seen = 0;
        for (t, anchors) in &pieces {
            for (label, at) in anchors {
                assert_eq!(&t[at - 7..*at], "abcdefg", "anchor {label}");
                seen += 1;
            }
        }
        assert_eq!(seen, refs.len());
    }

    #[test]
    fn verse_is_cut_between_lines() {
        let text = "a line of verse\n".repeat(10_000).trim_end().to_owned();
        let pieces = split_long(text, Vec::new());
        anchors_ok(&pieces);
        assert!(pieces
            .iter()
            .all(|p| p.0.starts_with("a line") && p.0.ends_with("verse")));
    }

    #[test]
    fn a_run_of_markers_at_one_offset_is_shared_out() {
        let refs: Vec<(String, usize)> = (0..5000).map(|_| ("1".to_string(), 4)).collect();
        let pieces = split_long("word end".into(), refs);
        anchors_ok(&pieces);
        let counts: Vec<usize> = pieces.iter().map(|p| p.1.len()).collect();
        assert_eq!(counts.iter().sum::<usize>(), 5000);
        assert!(counts.iter().all(|&c| c <= MAX_BLOCK_ANCHORS));
        let text: Vec<&str> = pieces.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(text.concat(), "word end");
        assert_eq!(
            pieces[0],
            ("word".to_string(), vec![("1".to_string(), 4); 1024])
        );
    }

    #[test]
    fn markers_count_towards_the_size_of_a_piece() {
        // One letter and one marker, 4 bytes of text and 7 of display each.
        let text = "abc ".repeat(20_000);
        let refs: Vec<(String, usize)> = (0..20_000)
            .map(|i| ("12345".to_string(), i * 4 + 3))
            .collect();
        let pieces = split_long(text, refs);
        anchors_ok(&pieces);
        for (t, a) in &pieces {
            let display = t.len() + a.iter().map(|(l, _)| l.len() + 2).sum::<usize>();
            assert!(display <= MAX_BLOCK_BYTES && a.len() <= MAX_BLOCK_ANCHORS);
        }
        assert_eq!(pieces.iter().map(|p| p.1.len()).sum::<usize>(), 20_000);
    }

    #[test]
    fn long_notes_are_cut_short_with_a_mark() {
        let mut short = crate::document::model::NoteText::from("a note");
        assert!(!cut_short(&mut short));
        assert_eq!(short, "a note");
        let mut long = crate::document::model::NoteText::from("word ".repeat(20_000));
        assert!(cut_short(&mut long));
        assert!(long.len() <= MAX_BLOCK_BYTES + CUT_MARK.len());
        assert!(long.ends_with("word […]"));
    }

    #[test]
    fn a_run_of_spaces_never_stalls() {
        let text = format!("{}x", " ".repeat(200_000));
        let pieces = split_long(text, vec![("1".into(), 0)]);
        anchors_ok(&pieces);
        assert!(pieces.len() < 10);
    }
}
