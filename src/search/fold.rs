//! Folding: turning text into the form that is compared.
//!
//! Every original char is folded on its own (no context except whether we are inside a
//! whitespace run), so the same function serves the index, the query and the
//! verification of candidates, and a match in a stricter mode is always also a match in
//! the loosest one. That is what lets one index (the loosest fold) serve every option.
//!
//! Most text is ASCII, so runs of ASCII bytes are folded in bulk (branch-free arithmetic,
//! then `memmem` for double spaces); only other chars go one by one.

use super::fold_char::fold_char;
use super::offsets::Checkpoint;
use memchr::memmem::Finder;
use std::sync::LazyLock;

/// What folding removes or merges. Every stricter mode must fold to something the
/// loose fold of which is the loose fold of the original (so a strict match is also a
/// loose one): each flag only merges more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FoldMode {
    /// Unicode case folding (full: `ß` → `ss`).
    pub case: bool,
    /// Drop combining marks after canonical decomposition (`é` → `e`).
    pub marks: bool,
    /// Every run of whitespace becomes one space.
    pub spaces: bool,
    /// Typographic equivalences: what a plain keyboard types stands for what typeset
    /// text holds (`’` → `'`, `–` → `-`, `…` → `...`, `œ` → `oe`, `ß` → `ss`, `ﬁ` →
    /// `fi`, a no-break space → a space; see `fold_char::equivalent`). Off, those
    /// characters count as themselves: only a run of ordinary whitespace (space, tab,
    /// line break) still matches any other such run, as that is layout, not text.
    pub equiv: bool,
}

impl FoldMode {
    /// What the index stores: everything folded.
    pub const LOOSE: FoldMode = FoldMode {
        case: true,
        marks: true,
        spaces: true,
        equiv: true,
    };
}

/// Folds `text` onto the end of `out`. When `cps` is given, records the checkpoints
/// needed to map folded offsets (relative to where `out` started) back to `text`; none
/// are recorded where folding keeps every char's byte length (ASCII without whitespace
/// runs, most Cyrillic and Greek). With `cps`, `text` must be at most
/// `offsets::MAX_UNIT_BYTES` long.
pub(crate) fn fold_into(
    text: &str,
    mode: FoldMode,
    out: &mut Vec<u8>,
    cps: Option<&mut Vec<Checkpoint>>,
) {
    let mut st = State {
        base: out.len(),
        in_space: false,
        diverged: false,
        cps,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let end = ascii_run_end(bytes, i);
        if end > i {
            fold_ascii_run(&bytes[i..end], i, mode, out, &mut st);
            i = end;
            continue;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        let len = c.len_utf8();
        let start = out.len();
        let one_char = fold_char(c, mode, &mut st.in_space, out);
        let produced = out.len() - start;
        if produced == 0 {
            st.diverged = true;
        } else if produced == len && one_char {
            st.resume(start, i);
        } else {
            st.push(start, i, true);
            st.diverged = true;
        }
        i += len;
    }
}

/// Folds a whole string (queries, candidates being verified).
pub(crate) fn fold_str(text: &str, mode: FoldMode) -> String {
    let mut out = Vec::with_capacity(text.len());
    fold_into(text, mode, &mut out, None);
    String::from_utf8(out).expect("folding writes whole UTF-8 chars only")
}

struct State<'a> {
    base: usize,
    /// The output ends inside a whitespace run, so more whitespace is dropped.
    in_space: bool,
    /// Something since the last checkpoint did not map byte for byte, so the next output
    /// that does needs a checkpoint of its own.
    diverged: bool,
    cps: Option<&'a mut Vec<Checkpoint>>,
}

impl State<'_> {
    fn push(&mut self, out_at: usize, orig: usize, atomic: bool) {
        if let Some(cps) = self.cps.as_deref_mut() {
            cps.push(Checkpoint::new(out_at - self.base, orig, atomic));
        }
    }

    /// Output at `out_at` maps byte for byte from `orig` on.
    fn resume(&mut self, out_at: usize, orig: usize) {
        if self.diverged {
            self.push(out_at, orig, false);
            self.diverged = false;
        }
    }
}

static DOUBLE_SPACE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"  "));

/// Folds ASCII bytes `run` (starting at original offset `orig`): mapped in bulk, then
/// whitespace runs are squeezed where `memmem` finds two spaces in a row.
fn fold_ascii_run(run: &[u8], orig: usize, mode: FoldMode, out: &mut Vec<u8>, st: &mut State) {
    let spaces = mode.spaces;
    let o0 = out.len();
    out.extend_from_slice(run);
    map_ascii(&mut out[o0..], mode.case, spaces);
    let end = out.len();
    // Where the next whitespace to drop is, if the run starts inside a run of spaces.
    let mut drop_at = None;
    if spaces && st.in_space && out[o0] == b' ' {
        drop_at = Some(o0);
    } else {
        st.resume(o0, orig);
    }
    if !spaces {
        return;
    }
    let (mut r, mut w) = (o0, o0);
    loop {
        let p = match drop_at.take() {
            Some(p) => p,
            None => match DOUBLE_SPACE.find(&out[r..end]) {
                Some(k) => r + k + 1,
                None => break,
            },
        };
        out.copy_within(r..p, w);
        w += p - r;
        let mut q = p;
        while q < end && out[q] == b' ' {
            q += 1;
        }
        r = q;
        if q < end {
            st.push(w, orig + (q - o0), false);
            st.diverged = false;
        } else {
            st.diverged = true;
        }
    }
    out.copy_within(r..end, w);
    w += end - r;
    out.truncate(w);
    if w > o0 {
        st.in_space = out[w - 1] == b' ';
    }
}

/// End of the run of ASCII bytes starting at `i`, 32 bytes at a time (the OR of a chunk
/// vectorizes).
fn ascii_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 32) {
        if chunk.iter().fold(0u8, |acc, &b| acc | b) >= 0x80 {
            break;
        }
        i += 32;
    }
    while i < bytes.len() && bytes[i] < 0x80 {
        i += 1;
    }
    i
}

/// Lowercases and/or turns ASCII whitespace into spaces, branch-free so the compiler
/// can vectorize it.
fn map_ascii(bytes: &mut [u8], case: bool, spaces: bool) {
    match (case, spaces) {
        (true, true) => bytes.iter_mut().for_each(|b| *b = space(lower(*b))),
        (true, false) => bytes.iter_mut().for_each(|b| *b = lower(*b)),
        (false, true) => bytes.iter_mut().for_each(|b| *b = space(*b)),
        (false, false) => {}
    }
}

#[inline(always)]
fn lower(b: u8) -> u8 {
    b | (u8::from(b.wrapping_sub(b'A') < 26) << 5)
}

/// Tab, line feed, vertical tab, form feed and carriage return are 9..=13.
#[inline(always)]
fn space(b: u8) -> u8 {
    if b.wrapping_sub(9) < 5 {
        b' '
    } else {
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loose(s: &str) -> String {
        fold_str(s, FoldMode::LOOSE)
    }

    fn with_cps(s: &str) -> (String, Vec<Checkpoint>) {
        let mut out = Vec::new();
        let mut cps = Vec::new();
        fold_into(s, FoldMode::LOOSE, &mut out, Some(&mut cps));
        (String::from_utf8(out).expect("utf8"), cps)
    }

    #[test]
    fn folds_case_diacritics_and_spaces() {
        assert_eq!(loose("Straße"), "strasse");
        assert_eq!(loose("ПУТИН"), "путин");
        assert_eq!(loose("Kazań café"), "kazan cafe");
        assert_eq!(loose("cafe\u{301}"), "cafe");
        assert_eq!(loose("a \n\t b\u{a0}\u{a0}c"), "a b c");
        assert_eq!(loose("a\u{a0} \u{a0}b  \u{2003} c"), "a b c");
        assert_eq!(loose("na\u{ad}tion"), "nation");
        assert_eq!(
            loose("‘a’ “b” c–d—e … Œuvre æ ﬃ"),
            "'a' \"b\" c-d-e ... oeuvre ae ffi"
        );
    }

    #[test]
    fn equivalences_keep_case_when_case_counts_and_go_when_exact() {
        let keep_case = FoldMode {
            case: false,
            ..FoldMode::LOOSE
        };
        assert_eq!(fold_str("Œuvre ẞ ß’s", keep_case), "OEuvre SS ss's");
        let exact = FoldMode {
            marks: false,
            equiv: false,
            ..FoldMode::LOOSE
        };
        assert_eq!(fold_str("œ’…\u{a0} \n x", exact), "œ’…\u{a0} x");
    }

    #[test]
    fn strict_modes_keep_what_they_should() {
        let keep_case = FoldMode {
            case: false,
            ..FoldMode::LOOSE
        };
        assert_eq!(fold_str("Kazań  X", keep_case), "Kazan X");
        let keep_marks = FoldMode {
            marks: false,
            ..FoldMode::LOOSE
        };
        assert_eq!(fold_str("Café", keep_marks), "cafe\u{301}");
        let keep_spaces = FoldMode {
            spaces: false,
            ..FoldMode::LOOSE
        };
        assert_eq!(fold_str("A  B\n", keep_spaces), "a  b\n");
    }

    #[test]
    fn ascii_without_space_runs_needs_no_checkpoints() {
        assert_eq!(
            with_cps("Plain Words.\nAnother line"),
            ("plain words. another line".to_string(), vec![])
        );
    }

    #[test]
    fn length_changes_record_checkpoints() {
        let (out, cps) = with_cps("aß  é");
        assert_eq!(out, "ass e");
        assert_eq!(
            cps,
            vec![
                Checkpoint::new(1, 1, true),
                Checkpoint::new(3, 3, false),
                Checkpoint::new(4, 5, true)
            ]
        );
        let (out, cps) = with_cps("a \n b\u{a0} c   ");
        assert_eq!(out, "a b c ");
        assert_eq!(
            cps,
            vec![
                Checkpoint::new(2, 4, false),
                Checkpoint::new(3, 5, true),
                Checkpoint::new(4, 8, false)
            ]
        );
    }

    /// The char-by-char definition that the bulk ASCII path must agree with.
    fn reference(text: &str, mode: FoldMode) -> String {
        let mut out = Vec::new();
        let mut in_space = false;
        for c in text.chars() {
            if c.is_ascii() && !c.is_ascii_whitespace() && c != '\u{b}' {
                out.push(if mode.case { c.to_ascii_lowercase() } else { c } as u8);
                in_space = false;
            } else {
                fold_char(c, mode, &mut in_space, &mut out);
            }
        }
        String::from_utf8(out).expect("utf8")
    }

    proptest::proptest! {
        #[test]
        fn bulk_folding_matches_char_by_char(text in "[aB \t\n\u{b}\u{a0}\u{2009}é\u{301}ß’…œx]{0,40}", case: bool, marks: bool, spaces: bool, equiv: bool) {
            let mode = FoldMode { case, marks, spaces, equiv };
            proptest::prop_assert_eq!(fold_str(&text, mode), reference(&text, mode));
        }
    }
}
