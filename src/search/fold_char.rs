//! Folding one non-ASCII char: canonical decomposition, combining marks, case folding,
//! whitespace and invisible format chars.
//!
//! The Unicode look-ups cost around a hundred nanoseconds per char, which would dominate
//! the index build for text with many accents or in Cyrillic. The two-byte range
//! (U+0080–U+07FF: Latin-1, Latin Extended, Greek, Cyrillic, Hebrew, Arabic) is therefore
//! folded once into a table for the two modes that fold whole documents.

use super::fold::FoldMode;
use std::sync::LazyLock;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Diacritics removed, case and whitespace kept: the view a regex runs over.
pub(crate) const STRIP: FoldMode = FoldMode {
    case: false,
    marks: true,
    spaces: false,
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
    let cached = table.and_then(|t| t.get((c as usize).wrapping_sub(TABLE_START)));
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

const TABLE_START: usize = 0x80;
const TABLE_END: usize = 0x800;

#[derive(Clone, Copy)]
struct Entry {
    bytes: [u8; 13],
    len: u8,
    one_char: bool,
    /// Whitespace (depends on the run state) or an output too long for `bytes`.
    uncached: bool,
}

static LOOSE_TABLE: LazyLock<Box<[Entry]>> = LazyLock::new(|| table(FoldMode::LOOSE));
static STRIP_TABLE: LazyLock<Box<[Entry]>> = LazyLock::new(|| table(STRIP));

fn table(mode: FoldMode) -> Box<[Entry]> {
    (TABLE_START..TABLE_END)
        .map(|cp| {
            let mut e = Entry {
                bytes: [0; 13],
                len: 0,
                one_char: false,
                uncached: true,
            };
            let Some(c) = char::from_u32(cp as u32) else {
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
        if !mode.spaces {
            push_char(out, c);
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
    decompose_canonical(c, |d| {
        if mode.marks && is_combining_mark(d) {
            return;
        }
        if mode.case {
            case_fold(d, |f| {
                if !(mode.marks && is_combining_mark(f)) {
                    push_char(out, f);
                    count += 1;
                }
            });
        } else {
            push_char(out, d);
            count += 1;
        }
    });
    if count > 0 {
        *in_space = false;
    }
    count == 1
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
fn case_fold(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        for u in l.to_uppercase() {
            for f in u.to_lowercase() {
                emit(f);
            }
        }
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
            for cp in TABLE_START..TABLE_END {
                let Some(c) = char::from_u32(cp as u32) else {
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
