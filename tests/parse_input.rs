//! Decoding and sanitizing: whatever the bytes, the reader opens text safely or
//! refuses clearly, and no document byte reaches the terminal as a control.

use sidenote::document::{load, BlockKind, Document, LoadError};

fn open(bytes: &[u8]) -> Document {
    load(bytes).expect("input is text")
}

fn all_texts(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = doc.blocks.iter().map(|b| b.text.to_string()).collect();
    out.extend(
        doc.notes
            .iter()
            .filter_map(|n| n.text.as_deref().map(String::from)),
    );
    out.extend(doc.meta.title.clone());
    out
}

#[test]
fn bom_and_crlf_fixture_parses_like_plain_text() {
    let bytes = include_bytes!("fixtures/book-inline-notes.txt");
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "fixture keeps its BOM"
    );
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "fixture keeps CRLF");
    let doc = open(bytes);
    assert!(
        doc.blocks[0].text.starts_with("The Project Lanternwood"),
        "BOM stripped"
    );
    assert!(all_texts(&doc)
        .iter()
        .all(|t| !t.contains('\r') && !t.contains('\u{240D}')));
}

#[test]
fn crlf_lone_cr_and_lf_read_the_same() {
    let lf = open(b"one\ntwo\n\nthree.[1]\n\n[1] Note.\n");
    let crlf = open(b"one\r\ntwo\r\n\r\nthree.[1]\r\n\r\n[1] Note.\r\n");
    let cr = open(b"one\rtwo\r\rthree.[1]\r\r[1] Note.\r");
    assert_eq!(lf.structure(), crlf.structure());
    assert_eq!(lf.structure(), cr.structure());
    assert_eq!(lf.blocks[0].text, "one two");
    // Source offsets count the input's own bytes: the note starts later with CRLF.
    assert_eq!(lf.notes[0].src, Some(20));
    assert_eq!(crlf.notes[0].src, Some(25));
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = "Velmora.[1]\n\n[1] Ledger.\n";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let plain = open(text.as_bytes());
    assert_eq!(open(&le).structure(), plain.structure());
    assert_eq!(open(&be).structure(), plain.structure());
    // Offsets are in the input as read: BOM included, two bytes a character.
    assert_eq!(plain.notes[0].src, Some(13));
    assert_eq!(open(&le).notes[0].src, Some(2 + 2 * 13));
    assert_eq!(open(&le).encoding, "UTF-16LE");
}

#[test]
fn invalid_utf8_is_replaced_and_the_reader_is_told() {
    let doc = open(
        "Café, déjà, naïve \u{2014} on the quay"
            .as_bytes()
            .iter()
            .chain(b"\xFF.\n")
            .copied()
            .collect::<Vec<u8>>()
            .as_slice(),
    );
    assert_eq!(
        doc.blocks[0].text,
        "Café, déjà, naïve — on the quay\u{FFFD}."
    );
    assert_eq!(doc.notices.len(), 1);
    assert!(doc.notices[0].contains("UTF-8"));
    assert!(open(b"clean").notices.is_empty());
}

#[test]
fn binary_is_refused_with_one_line_message() {
    let png_like = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    let err = load(png_like).expect_err("binary");
    assert_eq!(err, LoadError::Binary);
    let msg = err.to_string();
    assert!(!msg.is_empty() && !msg.contains('\n'));
    let controls: Vec<u8> = (0..400u32).map(|i| (1 + i % 6) as u8).collect();
    assert_eq!(load(&controls), Err(LoadError::Binary));
}

#[test]
fn empty_and_whitespace_only_inputs_are_empty_documents() {
    for input in [&b""[..], b"   \n\n\t\r\n", b"\xEF\xBB\xBF", b"\xFF\xFE"] {
        let doc = open(input);
        assert!(doc.blocks.is_empty() && doc.notes.is_empty(), "{input:?}");
        assert_eq!(doc.meta, Default::default());
    }
}

#[test]
fn escape_sequences_become_visible() {
    let doc = open(b"Red \x1b[31malert\x1b[0m and a bell\x07.\n");
    assert_eq!(
        doc.blocks[0].text,
        "Red \u{241B}[31malert\u{241B}[0m and a bell\u{2407}."
    );
}

#[test]
fn every_c0_control_and_del_show_as_pictures() {
    for code in (0x01u8..0x20).filter(|c| !matches!(c, b'\t' | b'\n' | b'\r' | 0x0C)) {
        let doc = open(&[b'a', code, b'b']);
        let want = format!(
            "a{}b",
            char::from_u32(0x2400 + u32::from(code)).expect("picture")
        );
        assert_eq!(doc.blocks[0].text, want, "code {code:#04x}");
    }
    assert_eq!(open(b"a\x7fb").blocks[0].text, "a\u{2421}b");
}

#[test]
fn c1_controls_become_replacement_characters() {
    let doc = open("a\u{85}b\u{9b}31m".as_bytes());
    assert_eq!(doc.blocks[0].text, "a\u{FFFD}b\u{FFFD}31m");
}

#[test]
fn bidi_controls_become_placeholders() {
    let doc = open("pay \u{202E}1234\u{202C} now \u{2066}x\u{2069} \u{200F}".as_bytes());
    assert_eq!(
        doc.blocks[0].text,
        "pay ⟪U+202E⟫1234⟪U+202C⟫ now ⟪U+2066⟫x⟪U+2069⟫ ⟪U+200F⟫"
    );
}

#[test]
fn meta_and_notes_are_sanitized_too() {
    let doc = open(
        "May 1, 2031 Special Dispatch No. 9\n\nTitle \u{1b}]0;pwned\u{7}\n\nMay 1, 2031\nSpecial Dispatch No. 9\n\nBody.[1]\n\n[1] Note \u{202E}txt\n"
            .as_bytes(),
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Title \u{241B}]0;pwned\u{2407}")
    );
    assert_eq!(doc.notes[0].text.as_deref(), Some("Note ⟪U+202E⟫txt"));
}

#[test]
fn tabs_expand_to_eight_column_stops() {
    let doc = open(b"a\tb, and then ordinary prose\n\n\tindented\n\tverse\n");
    assert_eq!(doc.blocks[0].text, "a       b, and then ordinary prose");
    assert_eq!(doc.blocks[1].kind, BlockKind::Verse);
    assert_eq!(doc.blocks[1].text, "indented\nverse");
}

#[test]
fn form_feed_is_a_page_break_not_a_character() {
    let doc = open(b"page one\x0cpage two\n");
    assert_eq!(doc.blocks[0].text, "page one page two");
}

#[test]
fn sanitize_line_is_usable_for_file_names() {
    let name = sidenote::document::parse::sanitize_line("re\u{1b}[2Jport\n\u{202E}.txt");
    assert_eq!(name, "re\u{241B}[2Jport\u{240A}⟪U+202E⟫.txt");
}
