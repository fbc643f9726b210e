//! The one place where characters that a terminal would obey are made visible.
//!
//! A document is untrusted: an `ESC [ 2 J` in a file must never clear the reader's
//! screen, and a right-to-left override must never make text read differently from
//! what it is. Every string that enters the model passes through here, and anything
//! else that shows untrusted text (file names, error lines) can use `sanitize_line`.
//!
//! Replacements:
//! - C0 controls U+0000–U+001F → Control Pictures U+2400–U+241F (`ESC` shows as `␛`),
//!   DEL U+007F → `␡`. Tabs expand to spaces instead (stops every 8 columns).
//! - C1 controls U+0080–U+009F → `�` (they have no pictures, and some terminals obey them).
//! - Bidi embeddings, overrides, isolates and marks → a visible placeholder `⟪U+202E⟫`.
//!
//! In verse and preformatted text (`sanitize_model_text` with `keep_breaks`) `\n` stays a
//! line break; the plain-text reader (`text.rs`) has already turned `\r\n`, a lone `\r`,
//! a form feed and U+2028/U+2029 into line ends.

/// Tab stops every this many columns, counted in characters from the line start.
const TAB_WIDTH: usize = 8;

/// What to do with one character.
enum Action {
    Keep,
    LineBreak,
    Tab,
    Replace(char),
    Placeholder,
}

fn classify(c: char, in_document: bool) -> Action {
    match c {
        '\t' => Action::Tab,
        '\n' | '\r' | '\u{0C}' | '\u{2028}' | '\u{2029}' if in_document => Action::LineBreak,
        '\u{00}'..='\u{1F}' => Action::Replace(
            char::from_u32(0x2400 + c as u32).unwrap_or(char::REPLACEMENT_CHARACTER),
        ),
        '\u{7F}' => Action::Replace('\u{2421}'),
        '\u{80}'..='\u{9F}' => Action::Replace(char::REPLACEMENT_CHARACTER),
        '\u{2028}' | '\u{2029}' => Action::Replace('\u{2424}'),
        c if is_bidi_control(c) => Action::Placeholder,
        _ => Action::Keep,
    }
}

/// Characters that change the display order of text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// True when `c` may not appear in model text (a control, a bidi control, a separator).
/// `\n` is allowed only where the model says so (verse), so it counts as unsafe here.
pub fn is_unsafe_char(c: char) -> bool {
    !matches!(classify(c, false), Action::Keep)
}

/// Copy `s` to `out`, replacing what `classify` says. Only bytes that can start an
/// unsafe character are looked at closely; the runs between them are copied in bulk.
fn write_sanitized(out: &mut String, s: &str, in_document: bool) {
    let bytes = s.as_bytes();
    let mut column = 0usize;
    let mut run_start = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if !is_candidate_byte(b) {
            continue;
        }
        // Candidate bytes are ASCII or lead bytes, so `i` is a char boundary.
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let action = classify(c, in_document);
        if matches!(action, Action::Keep) {
            continue;
        }
        let run = &s[run_start..i];
        out.push_str(run);
        column += run.chars().count();
        run_start = i + c.len_utf8();
        match action {
            Action::Keep => {}
            Action::LineBreak => {
                out.push('\n');
                column = 0;
            }
            Action::Tab => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            Action::Replace(r) => {
                out.push(r);
                column += 1;
            }
            Action::Placeholder => {
                let p = format!("⟪U+{:04X}⟫", c as u32);
                column += p.chars().count();
                out.push_str(&p);
            }
        }
    }
    out.push_str(&s[run_start..]);
}

/// ASCII controls and DEL, and the lead bytes of every multi-byte character that
/// `classify` can touch (C2 → U+0080–U+00BF, D8 → U+061C, E2 → U+2000–U+2FFF).
fn is_candidate_byte(b: u8) -> bool {
    CANDIDATE[usize::from(b)]
}

/// `is_candidate_byte` as a table: one load per byte on the hot path of every block.
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE2] = true;
    t
};

/// Make one line of untrusted text safe to print: no character in the result is a
/// control or a bidi control, and it contains no line break.
pub fn sanitize_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    write_sanitized(&mut out, s, false);
    out
}

/// Sanitize text entering the model (the document builder's one call): with
/// `keep_breaks`, `\n` stays a line break (verse, preformatted text); otherwise it is
/// shown as a picture like any other control.
pub fn sanitize_model_text(s: &str, keep_breaks: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    write_sanitized(&mut out, s, keep_breaks);
    out
}

/// Whether `s` would come out of `sanitize_model_text` unchanged (no candidate byte).
pub fn is_clean(s: &str) -> bool {
    // Branch-free over 32-byte chunks so the compiler can vectorise it: every block of
    // every document passes here.
    let flag = |b: u8| (b < 0x20) | (b == 0x7F) | (b == 0xC2) | (b == 0xD8) | (b == 0xE2);
    let mut chunks = s.as_bytes().chunks_exact(32);
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(false, |acc, &b| acc | flag(b)) {
            return false;
        }
    }
    !chunks.remainder().iter().any(|&b| flag(b))
}

/// Line ends normalised and tabs expanded, nothing else: what a plain-text reader needs
/// to measure indentation. Controls stay for the builder to make visible.
pub fn expand_tabs(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('\t') {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 16);
    let mut column = 0usize;
    for c in line.chars() {
        if c == '\t' {
            let spaces = TAB_WIDTH - column % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            out.push(c);
            column += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_clean_agrees_with_the_candidate_bytes_at_every_position() {
        let filler = "ordinary words of prose ".repeat(3);
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            for at in [0, 5, 31, 32, 40, filler.len()] {
                let mut t = filler.clone();
                t.insert(at.min(t.len()), c);
                let want = !t.bytes().any(is_candidate_byte);
                assert_eq!(is_clean(&t), want, "{c:?} at {at}");
            }
        }
    }

    #[test]
    fn escape_sequence_becomes_visible() {
        assert_eq!(sanitize_line("\u{1b}[31mred"), "␛[31mred");
    }

    #[test]
    fn every_c0_control_gets_its_picture() {
        for code in 0u32..0x20 {
            if code == 9 {
                continue;
            }
            let c = char::from_u32(code).expect("valid");
            let want = char::from_u32(0x2400 + code).expect("valid");
            assert_eq!(
                sanitize_line(&format!("a{c}b")),
                format!("a{want}b"),
                "code {code:#x}"
            );
        }
    }

    #[test]
    fn del_becomes_picture() {
        assert_eq!(sanitize_line("a\u{7f}b"), "a\u{2421}b");
    }

    #[test]
    fn c1_controls_become_replacement_char() {
        for code in 0x80u32..=0x9F {
            let c = char::from_u32(code).expect("valid");
            assert_eq!(
                sanitize_line(&format!("a{c}b")),
                "a\u{FFFD}b",
                "code {code:#x}"
            );
        }
    }

    #[test]
    fn bidi_controls_become_placeholders() {
        let cases = [
            ('\u{202E}', "⟪U+202E⟫"),
            ('\u{202A}', "⟪U+202A⟫"),
            ('\u{2066}', "⟪U+2066⟫"),
            ('\u{2069}', "⟪U+2069⟫"),
            ('\u{200E}', "⟪U+200E⟫"),
            ('\u{200F}', "⟪U+200F⟫"),
            ('\u{061C}', "⟪U+061C⟫"),
        ];
        for (c, want) in cases {
            assert_eq!(sanitize_line(&format!("x{c}y")), format!("x{want}y"));
        }
    }

    #[test]
    fn ordinary_non_ascii_is_untouched() {
        let s = "Fâïes — “quoted” ‘x’ … €20 naïve ① 日本 ‎";
        let clean: String = s.chars().filter(|c| !is_bidi_control(*c)).collect();
        assert_eq!(sanitize_line(&clean), clean);
    }

    #[test]
    fn tabs_expand_to_stops_of_eight() {
        assert_eq!(sanitize_line("\tx"), "        x");
        assert_eq!(sanitize_line("abc\tx"), "abc     x");
        assert_eq!(sanitize_line("12345678\tx"), "12345678        x");
    }

    #[test]
    fn sanitize_line_never_leaves_a_line_break() {
        let out = sanitize_line("a\nb\rc\u{2028}d");
        assert!(!out.contains('\n') && !out.contains('\r') && !out.contains('\u{2028}'));
        assert_eq!(out, "a␊b␍c\u{2424}d");
    }

    #[test]
    fn unsafe_char_predicate_matches_replacements() {
        assert!(is_unsafe_char('\u{1b}'));
        assert!(is_unsafe_char('\u{85}'));
        assert!(is_unsafe_char('\u{202E}'));
        assert!(!is_unsafe_char('é'));
        assert!(!is_unsafe_char(' '));
    }
}
