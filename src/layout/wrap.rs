//! Wrapping one line of text into rows, measured the way the terminal will draw it.
//!
//! textwrap finds the break opportunities (UAX #14) and places the fragments (first fit),
//! but its own widths are per `char`, which splits emoji sequences and miscounts combining
//! marks. So the fragments here are built from grapheme clusters, and every width comes
//! from [`grapheme_width`], the same rule ratatui uses when it paints a cell.

use std::ops::Range;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use textwrap::WordSeparator;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Halfwidth katakana sound marks, which ratatui 0.30 counts one extra cell for.
const HALFWIDTH_SOUND_MARKS: [char; 2] = ['\u{FF9E}', '\u{FF9F}'];

/// Columns one grapheme cluster occupies on screen.
///
/// Mirrors ratatui's painting (`Buffer::set_stringn` and `CellWidth`): graphemes with
/// control characters are skipped (0), a lone byte is one cell, anything else is its
/// `unicode-width` width plus one per halfwidth sound mark. Measuring differently from the
/// painter would let a row that "fits" here spill over the column edge.
pub fn grapheme_width(g: &str) -> usize {
    // One byte (ASCII, the common case): a control character takes no cell.
    if let [b] = g.as_bytes() {
        usize::from(!b.is_ascii_control())
    } else if g.contains(char::is_control) {
        0
    } else {
        g.width()
            + g.chars()
                .filter(|c| HALFWIDTH_SOUND_MARKS.contains(c))
                .count()
    }
}

/// Columns `s` occupies on screen, grapheme by grapheme.
pub fn display_width(s: &str) -> usize {
    clusters(s).map(|(_, g)| grapheme_width(g)).sum()
}

/// The grapheme clusters of `line` with their byte offsets, as `grapheme_indices`
/// gives them. Two ASCII characters always have a cluster boundary between them (but
/// `\r\n`), so an ASCII character followed by another (or by the end) is a cluster of
/// its own, taken without the segmenter; only the stretches around other characters
/// are segmented, each from one such boundary to the next. Segmenting every cluster
/// was a third of laying out a plain-English text.
fn clusters(line: &str) -> Clusters<'_> {
    Clusters {
        line,
        at: 0,
        stretch: None,
    }
}

struct Clusters<'a> {
    line: &'a str,
    /// Where the next cluster starts, when not inside a segmented stretch.
    at: usize,
    /// A stretch being segmented, with its offset in `line`.
    stretch: Option<(usize, unicode_segmentation::GraphemeIndices<'a>)>,
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if let Some((base, it)) = self.stretch.as_mut() {
            match it.next() {
                Some((i, g)) => return Some((*base + i, g)),
                None => self.stretch = None,
            }
        }
        let bytes = self.line.as_bytes();
        let i = self.at;
        if i >= bytes.len() {
            return None;
        }
        // An ASCII character the next one cannot join: a cluster by itself.
        let alone = |k: usize| {
            bytes[k].is_ascii() && bytes[k] != b'\r' && bytes.get(k + 1).is_none_or(u8::is_ascii)
        };
        if alone(i) {
            self.at = i + 1;
            return Some((i, &self.line[i..i + 1]));
        }
        // The stretch ends after the next ASCII character that stands alone (a boundary
        // follows it), or at the end of the line.
        let end = (i..bytes.len())
            .find(|&k| alone(k))
            .map_or(bytes.len(), |k| k + 1);
        self.at = end;
        let mut it = self.line[i..end].grapheme_indices(true);
        let first = it.next().map(|(k, g)| (i + k, g));
        self.stretch = Some((i, it));
        first
    }
}

/// What part of a preformatted row a column of `width` cells shows, scrolled `skip`
/// columns to the right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clip {
    /// Byte range of the text that is shown, relative to the text passed to [`clip`].
    pub range: Range<usize>,
    /// Cells from the column's left edge to where the shown text starts (≥ 1 when `left`,
    /// or when a wide character straddles the left edge).
    pub lead: usize,
    /// Text is hidden left of the column: draw `‹` in its first cell.
    pub left: bool,
    /// Text is hidden right of the column: draw `›` in its last cell.
    pub right: bool,
}

impl Clip {
    /// Cells the clipped row takes on screen, indicators included (at most `width`).
    pub fn cells(&self, text: &str) -> usize {
        self.lead
            + display_width(text.get(self.range.clone()).unwrap_or(""))
            + usize::from(self.right)
    }
}

/// The most cells a row of `text` takes in a column of `width` cells at a few scroll
/// offsets: what tests check against the column width.
pub fn widest_clip(text: &str, width: usize) -> usize {
    [0, 1, 8, 33]
        .iter()
        .map(|&skip| clip(text, skip, width).cells(text))
        .max()
        .unwrap_or(0)
}

/// Clip one row of text to `width` cells after skipping `skip` columns. A grapheme that
/// would straddle an edge (or sit under an indicator) is left out, so
/// `lead + display_width(shown) + right as usize <= width` always holds.
pub fn clip(text: &str, skip: usize, width: usize) -> Clip {
    let total = display_width(text);
    let left = skip > 0 && total > 0;
    let right = total > skip + width;
    let lo = skip + usize::from(left);
    let hi = (skip + width).saturating_sub(usize::from(right));
    let mut col = 0;
    let mut range: Option<Range<usize>> = None;
    let mut lead = 0;
    for (s, g) in clusters(text) {
        if col >= hi {
            break;
        }
        let w = grapheme_width(g);
        if col >= lo && col + w <= hi {
            match range.as_mut() {
                Some(r) => r.end = s + g.len(),
                None => {
                    range = Some(s..s + g.len());
                    lead = col - skip;
                }
            }
        } else if range.is_some() {
            break;
        }
        col += w;
    }
    Clip {
        range: range.unwrap_or(0..0),
        lead,
        left,
        right,
    }
}

/// A piece of a line that is never split, plus the spaces after it.
#[derive(Debug, Clone)]
struct Frag {
    start: usize,
    /// End of the visible part; the trailing spaces run from here to `end`.
    content_end: usize,
    end: usize,
    width: usize,
    ws_width: usize,
    /// A single grapheme wider than any row (only possible in a one-column text area).
    too_wide: bool,
}

impl Frag {
    fn empty(at: usize) -> Self {
        Frag {
            start: at,
            content_end: at,
            end: at,
            width: 0,
            ws_width: 0,
            too_wide: false,
        }
    }
}

impl Fragment for Frag {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.ws_width as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Byte offsets (ascending, > 0) where UAX #14 allows a break in `line`.
fn break_opportunities(line: &str) -> Vec<usize> {
    let mut at = 0;
    let mut out = Vec::new();
    for word in WordSeparator::UnicodeBreakProperties.find_words(line) {
        at += word.word.len() + word.whitespace.len() + word.penalty.len();
        out.push(at);
    }
    out
}

/// The note marker (of `markers`, sorted and disjoint) at or around byte `at`.
fn marker_at(markers: &[Range<usize>], at: usize) -> Option<&Range<usize>> {
    let i = markers.partition_point(|m| m.end <= at);
    markers.get(i).filter(|m| m.start <= at)
}

/// Whether a row may not start at byte `at`: at or inside a note marker, which belongs to
/// the text before it.
fn glued(markers: &[Range<usize>], at: usize) -> bool {
    marker_at(markers, at).is_some()
}

/// Group `line` into fragments: grapheme clusters between break opportunities.
///
/// A break that falls inside a grapheme cluster is ignored, so a cluster is never split,
/// and so is a break before or inside a note marker (`markers`), so `word[15]`, `“word”[3]`
/// and `it.[3][4]` stay whole. Spaces that start a fragment stay visible content (verse
/// may be indented with them); other spaces trail the fragment before them and do not
/// count once a row ends there.
fn fragments(line: &str, markers: &[Range<usize>]) -> Vec<Frag> {
    let opportunities: Vec<usize> = break_opportunities(line)
        .into_iter()
        .filter(|&b| !glued(markers, b))
        .collect();
    let mut next_break = opportunities.iter().copied().peekable();
    let mut frags = Vec::new();
    let mut cur = Frag::empty(0);
    // `cur` has no content yet, or only spaces: a space here is shown, not trailing.
    let mut blank = true;
    for (s, g) in clusters(line) {
        let e = s + g.len();
        while next_break.next_if(|&b| b < s).is_some() {}
        if next_break.peek() == Some(&s) && !blank {
            frags.push(std::mem::replace(&mut cur, Frag::empty(s)));
            blank = true;
        }
        if g == " " && !blank {
            cur.end = e;
            cur.ws_width += 1;
            continue;
        }
        // Spaces followed by more text without a break (`[ foo ]`) are part of the content.
        cur.width += cur.ws_width + grapheme_width(g);
        cur.ws_width = 0;
        cur.content_end = e;
        cur.end = e;
        blank &= g == " ";
    }
    if cur.end > cur.start {
        frags.push(cur);
    }
    frags
}

/// The grapheme clusters of `line[range]` as (start, end, width), except that a run of
/// note markers is one unit with the cluster before it when they fit a row together, so a
/// long word is not split just before its marker. Failing that, the first marker goes
/// with the cluster and the rest of the run is split between markers; a marker wider
/// than the row is split like any text. No unit is wider than `limit` unless a single
/// cluster is.
fn atoms(
    line: &str,
    range: Range<usize>,
    markers: &[Range<usize>],
    limit: usize,
) -> Vec<(usize, usize, usize)> {
    let cols = |r: Range<usize>| display_width(line.get(r).unwrap_or(""));
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    // Bytes before this offset join the unit being built.
    let mut glue_until = 0;
    for (s, g) in clusters(&line[range.clone()]) {
        let (s, w) = (range.start + s, grapheme_width(g));
        let room = out.last().map_or(0, |l| limit.saturating_sub(l.2));
        let mut glue = s < glue_until;
        let run_start = marker_at(markers, s).filter(|m| m.start == s && s >= glue_until);
        if let Some(m) = run_start {
            let after_marker = s > 0 && marker_at(markers, s - 1).is_some();
            let mut run_end = m.end;
            while let Some(next) = marker_at(markers, run_end).filter(|n| n.start == run_end) {
                run_end = next.end;
            }
            let ends = [run_end, m.end];
            let fits = ends.iter().copied().find(|&e| cols(s..e) <= room);
            match fits {
                Some(e) if !after_marker && !out.is_empty() => {
                    glue = true;
                    glue_until = e;
                }
                _ => {
                    glue = false;
                    glue_until = if cols(m.clone()) <= limit { m.end } else { s };
                }
            }
        }
        match out.last_mut() {
            Some(last) if glue && last.2 + w <= limit => {
                last.1 = s + g.len();
                last.2 += w;
            }
            _ => out.push((s, s + g.len(), w)),
        }
    }
    out
}

/// Split fragments wider than `limit` between grapheme clusters.
fn break_long(line: &str, frags: Vec<Frag>, limit: usize, markers: &[Range<usize>]) -> Vec<Frag> {
    let mut out = Vec::with_capacity(frags.len());
    for f in frags {
        if f.width <= limit {
            out.push(f);
            continue;
        }
        let mut piece = Frag::empty(f.start);
        for (s, e, w) in atoms(line, f.start..f.content_end, markers, limit) {
            if piece.width + w > limit && piece.content_end > piece.start {
                out.push(std::mem::replace(&mut piece, Frag::empty(s)));
            }
            piece.width += w;
            piece.content_end = e;
            piece.end = piece.content_end;
            piece.too_wide = piece.width > limit;
        }
        piece.end = f.end;
        piece.ws_width = f.ws_width;
        out.push(piece);
    }
    out
}

/// Wrap one line (no `\n`) into rows: the first row has `first` columns, the rest `rest`.
///
/// Returns byte ranges into `line`, without trailing spaces. An empty line is one empty
/// row. A grapheme wider than its row (a wide character in a one-column area) gets a row of
/// its own with an empty range: the column can never show it, and a row must never be
/// wider than the column. `markers` (byte ranges of note markers in `line`, sorted) never
/// start a row unless a marker is the first thing on the line or cannot fit beside the
/// cluster before it.
pub(crate) fn wrap_line(
    line: &str,
    first: usize,
    rest: usize,
    markers: &[Range<usize>],
) -> Vec<Range<usize>> {
    let (first, rest) = (first.max(1), rest.max(1));
    let limit = first.min(rest);
    let frags = break_long(line, fragments(line, markers), limit, markers);
    if frags.is_empty() {
        return std::iter::once(0..0).collect();
    }
    wrap_first_fit(&frags, &[first as f64, rest as f64])
        .into_iter()
        .filter_map(|row| {
            let (head, tail) = (row.first()?, row.last()?);
            if tail.too_wide {
                Some(head.start..head.start)
            } else {
                Some(head.start..tail.content_end)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(line: &str, width: usize) -> Vec<&str> {
        wrap_line(line, width, width, &[])
            .into_iter()
            .map(|r| &line[r])
            .collect()
    }

    #[test]
    fn words_wrap_at_spaces_without_trailing_space() {
        assert_eq!(rows("the quick brown fox", 10), ["the quick", "brown fox"]);
    }

    #[test]
    fn cjk_counts_two_columns_and_wraps_without_spaces() {
        assert_eq!(display_width("你好世界"), 8);
        assert_eq!(rows("你好世界你好", 5), ["你好", "世界", "你好"]);
    }

    #[test]
    fn emoji_sequences_are_never_split() {
        let family = "👨\u{200D}👩\u{200D}👧";
        let flag = "🇩🇪";
        assert_eq!(display_width(family), 2);
        assert_eq!(display_width(flag), 2);
        let text = format!("{family}{flag}{family}");
        assert_eq!(rows(&text, 2), [family, flag, family]);
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        let text = "e\u{301}e\u{301}e\u{301}";
        assert_eq!(display_width(text), 3);
        assert_eq!(rows(text, 2), ["e\u{301}e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn ascii_clusters_and_widths_are_the_segmenters() {
        let lines = [
            "Plain words, [12] and a tab\there.",
            "a\r\nb and \r alone",
            "\u{1b}[31m escape \u{7f} delete",
            "",
            "caf\u{e9} is not ASCII",
        ];
        for line in lines {
            let ours: Vec<(usize, &str)> = clusters(line).collect();
            let theirs: Vec<(usize, &str)> = line.grapheme_indices(true).collect();
            assert_eq!(ours, theirs, "{line:?}");
            let width: usize = line.graphemes(true).map(grapheme_width).sum();
            assert_eq!(display_width(line), width, "{line:?}");
        }
    }

    /// Strings drawn from ASCII, line ends, combining marks, a prepended mark, emoji
    /// with joiners and skin tones, regional indicators and wide letters, against the
    /// segmenter itself.
    #[test]
    fn clusters_are_the_segmenters_for_mixed_text() {
        let alphabet = [
            "a",
            "Z",
            " ",
            "[",
            "7",
            "\r",
            "\n",
            "\t",
            "\u{301}",
            "\u{600}",
            "\u{200d}",
            "\u{1f468}",
            "\u{1f3fb}",
            "\u{1f1eb}",
            "\u{1f1f7}",
            "\u{e9}",
            "\u{6f22}",
            "\u{ff9e}",
            "\u{1b}",
            "#",
            "\u{fe0f}",
        ];
        let mut seed: u64 = 0x5eed;
        for _ in 0..3000 {
            let mut line = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 59) as usize;
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                line.push_str(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let ours: Vec<(usize, &str)> = clusters(&line).collect();
            let theirs: Vec<(usize, &str)> = line.grapheme_indices(true).collect();
            assert_eq!(ours, theirs, "{line:?}");
        }
    }

    #[test]
    fn long_word_is_broken_between_graphemes() {
        assert_eq!(rows("a abcdefghij b", 4), ["a", "abcd", "efgh", "ij b"]);
    }

    #[test]
    fn hanging_rows_use_the_narrower_width() {
        let r: Vec<_> = wrap_line("aaa bbb ccc", 7, 4, &[]).into_iter().collect();
        assert_eq!(r, [0..7, 8..11]);
    }

    #[test]
    fn wide_grapheme_in_one_column_gets_an_empty_row() {
        assert_eq!(wrap_line("a你b", 1, 1, &[]), [0..1, 1..1, 4..5]);
    }

    #[test]
    fn empty_and_blank_lines() {
        assert_eq!(wrap_line("", 10, 10, &[]), vec![Range { start: 0, end: 0 }]);
        assert_eq!(rows("  indented verse", 20), ["  indented verse"]);
    }

    fn marked<'a>(line: &'a str, width: usize, markers: &[Range<usize>]) -> Vec<&'a str> {
        wrap_line(line, width, width, markers)
            .into_iter()
            .map(|r| &line[r])
            .collect()
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one marker: a slice of one range
    fn a_marker_after_punctuation_stays_with_it() {
        // UAX #14 allows a break between `.` and `[`; a marker never starts a row.
        let line = "the mayor denied it.[3][4] Later";
        assert_eq!(
            marked(line, 20, &[20..23, 23..26]),
            ["the mayor denied", "it.[3][4] Later"]
        );
        let line = "he said “no”[15] twice";
        let at = line.find('[').unwrap_or(0);
        assert_eq!(
            marked(line, 13, &[at..at + 4]),
            ["he said", "“no”[15]", "twice"]
        );
        let line = "港口的[1]船";
        assert_eq!(marked(line, 7, &[9..12]), ["港口", "的[1]船"]);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one marker: a slice of one range
    fn a_long_word_keeps_its_last_cluster_with_the_marker() {
        let line = "abcdefgh[12]";
        assert_eq!(marked(line, 8, &[8..12]), ["abcdefg", "h[12]"]);
        // A marker wider than the row is split like any text, a long run between markers.
        assert_eq!(marked("a[123456]", 4, &[1..9]), ["a[12", "3456", "]"]);
        assert_eq!(
            marked("Word[1][1][1][1]", 10, &[4..7, 7..10, 10..13, 13..16]),
            ["Word[1][1]", "[1][1]"]
        );
        // A run that fits beside the word's last cluster stays whole.
        assert_eq!(
            marked("abcdefghij[1][2]", 10, &[10..13, 13..16]),
            ["abcdefghi", "j[1][2]"]
        );
    }

    #[test]
    fn clip_shows_the_columns_in_view_with_indicators() {
        let line = "0123456789abcdef";
        let c = clip(line, 0, 10);
        assert_eq!(
            (&line[c.range.clone()], c.lead, c.left, c.right),
            ("012345678", 0, false, true)
        );
        let c = clip(line, 8, 10);
        assert_eq!(
            (&line[c.range.clone()], c.lead, c.left, c.right),
            ("9abcdef", 1, true, false)
        );
        let c = clip("short", 8, 10);
        assert_eq!((c.range, c.left, c.right), (0..0, true, false));
        assert!(!clip("", 8, 10).left);
        // A wide character that would straddle the edge is left out.
        let c = clip("ab你好", 3, 10);
        assert_eq!((c.range.clone(), c.lead), (5..8, 1));
        assert_eq!(clip("你好世界", 0, 4).range, 0..3);
    }

    #[test]
    fn control_characters_take_no_columns() {
        assert_eq!(display_width("a\u{7}b"), 2);
        assert_eq!(rows("ab\u{1b}cd", 4), ["ab\u{1b}cd"]);
    }
}

/// `s` in at most `width` columns: whole when it fits, else cut at the last word that
/// fits and ended with `…` (a single word wider than that is cut inside, as nothing else
/// fits). Excerpts, labels and messages are shortened this way, never mid-word.
pub fn shorten_at_word(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1; // for the ellipsis
    let mut end = 0;
    let mut used = 0;
    let mut last_word_end = None;
    for (i, g) in clusters(s) {
        let w = display_width(g);
        if used + w > room {
            break;
        }
        if g.chars().all(char::is_whitespace) && i > 0 {
            last_word_end = Some(i);
        }
        used += w;
        end = i + g.len();
    }
    // The next character after what fits: when it is a space, the cut is at a word end.
    if s[end..].starts_with(char::is_whitespace) {
        last_word_end = Some(end);
    }
    let cut = last_word_end.unwrap_or(end);
    format!("{}…", s[..cut].trim_end())
}

/// At most `max` bytes of `s`, cut at the last whitespace before the limit (or at a char
/// boundary when there is none), without an ellipsis: for copying long text.
pub fn shorten_bytes_at_word(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = s[..end]
        .rfind(char::is_whitespace)
        .filter(|&i| i > 0)
        .unwrap_or(end);
    s[..cut].trim_end().to_string()
}

#[cfg(test)]
mod shorten_tests {
    use super::*;

    #[test]
    fn shortening_cuts_at_a_word() {
        assert_eq!(
            shorten_at_word("the river commission met", 30),
            "the river commission met"
        );
        assert_eq!(
            shorten_at_word("the river commission met", 16),
            "the river…"
        );
        assert_eq!(
            shorten_at_word("the river commission met", 20),
            "the river…"
        );
        assert_eq!(
            shorten_at_word("the river commission met", 21),
            "the river commission…"
        );
        assert_eq!(shorten_at_word("Unbreakableword here", 6), "Unbre…");
        assert_eq!(shorten_bytes_at_word("one two three", 9), "one two");
    }
}
