//! Folding one non-ASCII char: canonical decomposition, combining marks, case folding,
//! typographic equivalences, whitespace and invisible format chars.
//!
//! The Unicode look-ups cost around a hundred nanoseconds per char, which would dominate
//! the index build for text with many accents, in Cyrillic, or typeset with curly quotes
//! and dashes. The two-byte range (U+0080–U+07FF: Latin-1, Latin Extended, Greek,
//! Cyrillic, Hebrew, Arabic) and General Punctuation (U+2000–U+206F: quotes, dashes, the
//! ellipsis, Unicode spaces) are therefore folded once into a table for the two modes
//! that fold whole documents.

use super::fold::FoldMode;
use std::sync::LazyLock;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Diacritics removed, case and whitespace kept: the view a regex runs over.
pub(crate) const STRIP: FoldMode = FoldMode {
    case: false,
    marks: true,
    spaces: false,
    equiv: false,
};

/// Folds `c`, appending to `out`; returns whether exactly one char was written.
/// `in_space` carries whitespace-run state between chars (see `fold_into`).
pub(crate) fn fold_char(c: char, mode: FoldMode, in_space: &mut bool, out: &mut Vec<u8>) -> bool {
    let table = if mode == FoldMode::LOOSE {
        Some(&*LOOSE_TABLE)
    } else if mode == STRIP {
        Some(&*STRIP_TABLE)
    } else {
        None
    };
    // The two-byte range first, looked up exactly as if it were the only table: it is
    // on the path of every non-ASCII char of the index build.
    let cp = c as usize;
    let cached = table.and_then(|t| {
        t.two_byte
            .get(cp.wrapping_sub(TWO_BYTE.start as usize))
            .or_else(|| t.punct.get(cp.wrapping_sub(PUNCT.start as usize)))
    });
    match cached {
        Some(e) if !e.uncached => {
            let n = usize::from(e.len);
            out.extend_from_slice(&e.bytes[..n]);
            if n > 0 {
                *in_space = false;
            }
            e.one_char
        }
        _ => fold_char_uncached(c, mode, in_space, out),
    }
}

/// The code points the tables hold.
const TWO_BYTE: std::ops::Range<u32> = 0x80..0x800;
const PUNCT: std::ops::Range<u32> = 0x2000..0x2070;

struct Tables {
    two_byte: Box<[Entry]>,
    punct: Box<[Entry]>,
}

#[derive(Clone, Copy)]
struct Entry {
    bytes: [u8; 13],
    len: u8,
    one_char: bool,
    /// Whitespace (depends on the run state) or an output too long for `bytes`.
    uncached: bool,
}

static LOOSE_TABLE: LazyLock<Tables> = LazyLock::new(|| tables(FoldMode::LOOSE));
static STRIP_TABLE: LazyLock<Tables> = LazyLock::new(|| tables(STRIP));

fn tables(mode: FoldMode) -> Tables {
    Tables {
        two_byte: table(mode, TWO_BYTE),
        punct: table(mode, PUNCT),
    }
}

fn table(mode: FoldMode, range: std::ops::Range<u32>) -> Box<[Entry]> {
    range
        .map(char::from_u32)
        .map(|c| {
            let mut e = Entry {
                bytes: [0; 13],
                len: 0,
                one_char: false,
                uncached: true,
            };
            let Some(c) = c else {
                return e;
            };
            if c.is_whitespace() {
                return e;
            }
            let mut out = Vec::new();
            let one_char = fold_char_uncached(c, mode, &mut false, &mut out);
            if out.len() <= e.bytes.len() {
                e.bytes[..out.len()].copy_from_slice(&out);
                e.len = out.len() as u8;
                e.one_char = one_char;
                e.uncached = false;
            }
            e
        })
        .collect()
}

fn fold_char_uncached(c: char, mode: FoldMode, in_space: &mut bool, out: &mut Vec<u8>) -> bool {
    if c.is_whitespace() {
        // Without equivalences a no-break or other Unicode space is a char of its own;
        // only ordinary whitespace (line breaks are layout) still merges into a run.
        if !mode.spaces || (!mode.equiv && !is_layout_space(c)) {
            push_char(out, c);
            if mode.spaces {
                *in_space = false;
            }
            return true;
        }
        if !*in_space {
            *in_space = true;
            out.push(b' ');
        }
        return true;
    }
    if is_ignorable(c) {
        return false;
    }
    let mut count = 0usize;
    // Equivalences come after case folding, which can itself produce chars that have
    // one (`Œ` → `œ` → `oe`), and before nothing: their output is plain ASCII.
    let mut emit = |f: char| {
        if mode.marks && is_combining_mark(f) {
            return;
        }
        if mode.equiv {
            if let Some(s) = equivalent(f) {
                out.extend_from_slice(s.as_bytes());
                count += s.len();
                return;
            }
        }
        push_char(out, f);
        count += 1;
    };
    decompose_canonical(c, |d| {
        if mode.marks && is_combining_mark(d) {
            return;
        }
        if mode.case {
            case_fold(d, mode.equiv, &mut emit);
        } else {
            emit(d);
        }
    });
    if count > 0 {
        *in_space = false;
    }
    count == 1
}

/// What a reader types on a plain keyboard for a typeset char: ASCII (so both sides of
/// a comparison fold to the same thing, whichever of the two each holds). Case is kept
/// (`Œ` → `OE`) for case-sensitive search; with case folding these chars are already
/// lowercase when they get here.
pub(crate) fn equivalent(c: char) -> Option<&'static str> {
    Some(match c {
        // Apostrophes and single quotes: ‘ ’ ‚ ‛ and the modifier letter apostrophe.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2BC}' => "'",
        // Double quotes: “ ” „ ‟.
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => "\"",
        // Hyphen, non-breaking hyphen, figure dash, en and em dash, horizontal bar, minus.
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        'œ' => "oe",
        'Œ' => "OE",
        'æ' => "ae",
        'Æ' => "AE",
        'ß' => "ss",
        'ẞ' => "SS",
        'ĳ' => "ij",
        'Ĳ' => "IJ",
        'ŉ' => "'n",
        // Latin ligatures (U+FB00–U+FB06).
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => return None,
    })
}

/// Whitespace that is layout rather than a char chosen by the typesetter: ASCII
/// whitespace and the Unicode line and paragraph separators (and NEL).
fn is_layout_space(c: char) -> bool {
    c.is_ascii() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Invisible format characters that only affect rendering (soft hyphen, zero-width
/// space/joiners, word joiner, BOM): a word containing one should still be found.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Full case folding approximated as lower(upper(lower(c))): gives `ß`/`ẞ` → `ss`,
/// `ς` → `σ`, `ﬁ` → `fi`, Kelvin sign → `k`, which `to_lowercase` alone does not.
/// Being a pure function of the char is what matters: text and query get the same.
/// Without `full` (exact characters), only foldings that keep one char for one are made
/// (`ς` → `σ`, `ẞ` → `ß`): the expansions (`ß` → `ss`, `ﬁ` → `fi`) are equivalences,
/// which exact search turns off.
fn case_fold(c: char, full: bool, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    if full {
        for l in c.to_lowercase() {
            for u in l.to_uppercase() {
                for f in u.to_lowercase() {
                    emit(f);
                }
            }
        }
        return;
    }
    let (mut count, mut single) = (0, c);
    for l in c.to_lowercase() {
        for u in l.to_uppercase() {
            for f in u.to_lowercase() {
                count += 1;
                single = f;
            }
        }
    }
    if count == 1 {
        emit(single);
    } else {
        c.to_lowercase().for_each(emit);
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_agrees_with_the_unicode_look_ups() {
        for mode in [FoldMode::LOOSE, STRIP] {
            for c in TWO_BYTE.chain(PUNCT).map(char::from_u32) {
                let Some(c) = c else {
                    continue;
                };
                for start_in_space in [false, true] {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    let (mut sa, mut sb) = (start_in_space, start_in_space);
                    let oa = fold_char(c, mode, &mut sa, &mut a);
                    let ob = fold_char_uncached(c, mode, &mut sb, &mut b);
                    assert_eq!((a, oa, sa), (b, ob, sb), "{c:?} in {mode:?}");
                }
            }
        }
    }
}
