//! Regex queries, with the `regex` crate, unit by unit over the original text.
//!
//! The folded index cannot serve a regex (whitespace runs are merged there, so `\n` or
//! `\s{2}` would change meaning). Instead: smart case becomes the regex's own
//! case-insensitive flag (simple case folding, so `ß` does not match `ss` here), and
//! when diacritics are ignored, units that are not pure ASCII are searched through a
//! temporary copy with combining marks removed; the pattern gets the same treatment.

use super::fold::{fold_into, fold_str};
use super::fold_char::STRIP;
use super::matches::Match;
use super::offsets::{map_end, map_start, Checkpoint, MAX_UNIT_BYTES};
use super::{SearchError, SearchOptions};
use crate::document::Document;
use regex::{Regex, RegexBuilder};
use std::sync::atomic::{AtomicBool, Ordering};

pub(crate) fn search(
    doc: &Document,
    pattern: &str,
    opts: SearchOptions,
    cancel: &AtomicBool,
) -> Result<Vec<Match>, SearchError> {
    let re = compile(pattern, opts)?;
    let mut out = Vec::new();
    let mut stripped = Vec::new();
    let mut cps: Vec<Checkpoint> = Vec::new();
    for unit in opts.scope.units(doc) {
        if cancel.load(Ordering::Relaxed) {
            return Err(SearchError::Cancelled);
        }
        if !opts.scope.includes(doc, unit) {
            continue;
        }
        let text = doc.unit_text(unit);
        if opts.exact || text.len() > MAX_UNIT_BYTES || text.is_ascii() {
            out.extend(
                re.find_iter(&text)
                    .filter(|m| !m.is_empty())
                    .map(|m| Match {
                        unit,
                        start: m.start(),
                        end: m.end(),
                    }),
            );
            continue;
        }
        stripped.clear();
        cps.clear();
        fold_into(&text, STRIP, &mut stripped, Some(&mut cps));
        let Ok(view) = std::str::from_utf8(&stripped) else {
            continue;
        };
        for m in re.find_iter(view).filter(|m| !m.is_empty()) {
            let start = map_start(&cps, m.start());
            let end = map_end(&cps, m.end(), view.len(), text.len());
            // Rounding to whole chars can make neighbours touch the same original char.
            if let Some(last) = out.last() {
                if last.unit == unit && start < last.end {
                    continue;
                }
            }
            if start < end {
                out.push(Match { unit, start, end });
            }
        }
    }
    Ok(out)
}

fn compile(pattern: &str, opts: SearchOptions) -> Result<Regex, SearchError> {
    let case_insensitive = !pattern_has_uppercase(pattern);
    let pattern = if !opts.exact {
        fold_str(pattern, STRIP)
    } else {
        pattern.to_string()
    };
    RegexBuilder::new(&pattern)
        .case_insensitive(case_insensitive)
        .build()
        .map_err(|e| SearchError::InvalidPattern(one_line(&e)))
}

/// The `regex` crate explains syntax errors over several lines (pattern, caret, message);
/// a status line has room for the message only.
fn one_line(e: &regex::Error) -> String {
    match e {
        regex::Error::Syntax(s) => s
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim().trim_start_matches("error:").trim().to_string())
            .unwrap_or_else(|| "syntax error".to_string()),
        regex::Error::CompiledTooBig(_) => "pattern is too big".to_string(),
        _ => e.to_string().lines().next().unwrap_or("error").to_string(),
    }
}

/// Smart case for patterns: an uppercase *literal* makes the search case-sensitive, but
/// the letters of escapes (`\W`, `\S`, `\p{Lu}`), group names and flags (`(?U)`) do not.
pub(crate) fn pattern_has_uppercase(pattern: &str) -> bool {
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('p' | 'P' | 'x' | 'u' | 'U') if chars.peek() == Some(&'{') => {
                    for d in chars.by_ref() {
                        if d == '}' {
                            break;
                        }
                    }
                }
                Some('p' | 'P') => {
                    chars.next();
                }
                _ => {}
            },
            '(' if chars.peek() == Some(&'?') => {
                // Flags `(?iU)`, `(?x:…)` and names `(?P<Name>…)`, `(?<Name>…)`.
                for d in chars.by_ref() {
                    if d == ':' || d == ')' || d == '>' {
                        break;
                    }
                }
            }
            c if c.is_uppercase() => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_flags_do_not_count_as_uppercase() {
        assert!(!pattern_has_uppercase(r"\W+\S\D\p{Lu}\pL(?U)x(?P<Name>y)"));
        assert!(pattern_has_uppercase(r"\bKazan"));
        assert!(pattern_has_uppercase(r"(?:A|b)"));
    }

    #[test]
    fn syntax_errors_fit_on_one_line() {
        let err = compile("(unclosed", SearchOptions::default()).expect_err("invalid");
        let SearchError::InvalidPattern(msg) = err else {
            panic!("wrong error")
        };
        assert!(!msg.contains('\n') && msg.contains("unclosed"), "{msg}");
    }
}
