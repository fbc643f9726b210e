//! Blocks whose spacing is layout rather than prose, decided from the block alone.
//!
//! - **Preformatted** (`is_layout`): at least half of the block's lines carry a
//!   *column gap* (three or more spaces between two pieces of text) or a *dot leader*
//!   (four or more dots, or `. . . .`, as in a table of contents). That is the shape of an
//!   RFC's header (`Network Working Group        R. Fielding`), tables, aligned
//!   columns and contents pages. A line indented `RIGHT_ALIGNED_INDENT` columns deeper
//!   than the rest of its block (text set flush right) counts too. Prose never has such gaps: a saved web page puts a
//!   paragraph on one line, and typists put at most two spaces after a full stop.
//! - **Short lines** (`is_short_lines`): three or more lines, each at most
//!   `SHORT_LINE_CHARS` characters, at least half of them broken where wrapping would
//!   not have broken them (the next line's first word would have fitted within the
//!   block's widest line): an address block, a list, a poem set flush left. Their line
//!   breaks are kept (verse); reflowing them runs the lines together.

/// A line at most this long (characters, trimmed) is "short".
pub const SHORT_LINE_CHARS: usize = 40;
/// A line indented this much deeper than the rest of its block is set in a right-hand
/// column (the author lines of an RFC header).
const RIGHT_ALIGNED_INDENT: usize = 20;
/// Spaces inside a line that make a column gap.
const GAP_SPACES: usize = 3;

/// Whether this run of lines is laid out in columns or with dot leaders.
pub fn is_layout(lines: &[&str]) -> bool {
    use super::blocks::indent;
    let min = lines.iter().map(|l| indent(l)).min().unwrap_or(0);
    let shaped = lines
        .iter()
        .filter(|l| {
            has_column_gap(l) || has_dot_leader(l) || indent(l) >= min + RIGHT_ALIGNED_INDENT
        })
        .count();
    shaped > 0 && shaped * 2 >= lines.len()
}

/// Three or more lines, every one of them short, broken where no wrapping would have
/// broken them: keep the line breaks.
pub fn is_short_lines(lines: &[&str]) -> bool {
    let lens: Vec<usize> = lines.iter().map(|l| l.trim().chars().count()).collect();
    if lines.len() < 3 || lens.iter().any(|&n| n > SHORT_LINE_CHARS) {
        return false;
    }
    // A break is "unforced" when the next line's first word would have fitted on this
    // line within the block's own widest line: a wrapped paragraph has none.
    let widest = lens.iter().copied().max().unwrap_or(0);
    let unforced = lines
        .windows(2)
        .zip(&lens)
        .filter(|(pair, &len)| {
            let next_word = pair[1]
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            len + 1 + next_word <= widest
        })
        .count();
    unforced * 2 >= lines.len() - 1
}

/// Three or more spaces between two non-space characters.
fn has_column_gap(line: &str) -> bool {
    let t = line.trim();
    if memchr::memmem::find(t.as_bytes(), b"   ").is_none() {
        return false;
    }
    let mut run = 0;
    for b in t.bytes() {
        if b == b' ' {
            run += 1;
        } else {
            if run >= GAP_SPACES {
                return true;
            }
            run = 0;
        }
    }
    false
}

/// `.....` or `. . . .` inside the line.
fn has_dot_leader(line: &str) -> bool {
    // A leader has dots; most lines have none, and memchr says so fast.
    memchr::memchr(b'.', line.as_bytes()).is_some()
        && (memchr::memmem::find(line.as_bytes(), b"....").is_some()
            || memchr::memmem::find(line.as_bytes(), b". . . .").is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_header_and_contents_are_layout() {
        assert!(is_layout(&[
            "Working Group of Harbours                          T. Varga",
            "Request for Comments: 9999                     Lantern Hall",
            "Category: Informational                           June 2031",
        ]));
        assert!(is_layout(&[
            "   1 Introduction ........................................ 4",
            "   2 Terms ............................................... 6",
        ]));
    }

    #[test]
    fn prose_is_not_layout() {
        assert!(!is_layout(&[
            "The harbour council met on Tuesday.  It adjourned without a",
            "vote, and the ferry timetable stays as it was until spring.",
        ]));
        assert!(!is_layout(&["Wait... what did she say? She said: so."]));
    }

    #[test]
    fn short_lines_need_three() {
        assert!(is_short_lines(&[
            "T. Varga",
            "Lantern Hall, Quay Street",
            "Velmora 4410",
        ]));
        assert!(!is_short_lines(&["T. Varga", "Lantern Hall"]));
        // Wrapped at a narrow width: every break was forced.
        assert!(!is_short_lines(&["one", "two", "three"]));
        assert!(!is_short_lines(&[
            "A line of prose that is longer than forty characters, surely.",
            "b",
            "c"
        ]));
    }
}
