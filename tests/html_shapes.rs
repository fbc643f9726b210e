//! Expected models for the HTML shapes sidenote reads (note patterns, blocks, runs,
//! metadata, chrome). Every fixture is a fictional page written for this project.

use sidenote::document::format::{by_name, load_with};
use sidenote::document::{load, BlockKind, Document, RunStyle};

fn open(name: &str, bytes: &[u8]) -> Document {
    load_with(bytes, None, Some(name)).expect("html input")
}

/// A block's kind, text and anchors' (label, at).
type Shape = (BlockKind, String, Vec<(String, usize)>);

/// The shape of every block.
fn blocks(doc: &Document) -> Vec<Shape> {
    doc.blocks
        .iter()
        .map(|b| {
            let a = b
                .anchors
                .iter()
                .map(|a| (a.label.to_string(), a.at()))
                .collect();
            (b.kind, b.text.to_string(), a)
        })
        .collect()
}

/// (label, defined, text, refs) of every note.
fn notes(doc: &Document) -> Vec<(String, bool, Option<String>, Vec<usize>)> {
    doc.notes
        .iter()
        .map(|n| {
            (
                n.label.to_string(),
                n.defined,
                n.text.as_deref().map(String::from),
                n.refs.blocks().collect(),
            )
        })
        .collect()
}

fn note(
    label: &str,
    text: Option<&str>,
    refs: &[usize],
) -> (String, bool, Option<String>, Vec<usize>) {
    (
        label.into(),
        text.is_some(),
        text.map(Into::into),
        refs.to_vec(),
    )
}

fn texts(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| b.text.as_str()).collect()
}

/// Body `src` strictly increasing and inside the input.
fn spans_ok(doc: &Document) {
    assert!(doc.blocks.windows(2).all(|w| w[0].src < w[1].src));
    assert!(doc
        .blocks
        .iter()
        .all(|b| b.src + b.src_len as usize <= doc.source_len));
}

#[test]
fn detection_by_extension_and_by_content() {
    let page = b"<!DOCTYPE html><p>Hello</p>";
    assert_eq!(load(page).expect("html").format, "html");
    assert_eq!(load(b"  <HTML><body>x").expect("html").format, "html");
    assert_eq!(load(b"\xEF\xBB\xBF\n<html>x").expect("html").format, "html");
    let fragment = b"<p>a fragment</p>";
    assert_eq!(load(fragment).expect("text").format, "text");
    assert_eq!(open("page.htm", fragment).format, "html");
    assert_eq!(open("PAGE.XHTML", fragment).format, "html");
    // The content is surer than the name: a page saved as `.txt` is still a page.
    assert_eq!(open("notes.txt", b"<!doctype html>").format, "html");
    let forced = load_with(b"plain words", by_name("html"), None).expect("html");
    assert_eq!(texts(&forced), ["plain words"]);
}

#[test]
fn a_link_whose_target_links_back_is_a_note() {
    let doc = open("x.html", include_bytes!("fixtures/html-backlink.html"));
    assert_eq!(doc.meta.title.as_deref(), Some("The Salt Road"));
    assert_eq!(
        blocks(&doc)[0],
        (
            BlockKind::Paragraph,
            "Caravans crossed the Ombra flats each spring and returned before the rains.".into(),
            vec![("a".into(), 44), ("b".into(), 75)]
        )
    );
    // A link into the page with no link back is an ordinary link.
    assert!(doc.blocks[1].anchors.is_empty());
    assert_eq!(
        doc.blocks[1].runs[0].style,
        RunStyle::Link { url: "#map".into() }
    );
    assert_eq!(
        notes(&doc),
        [
            note(
                "a",
                Some("The flats are dry for nine months of the year."),
                &[0]
            ),
            note("b", Some("Rains begin in late autumn."), &[0]),
        ]
    );
    // The notes are not body text.
    assert!(texts(&doc).iter().all(|t| !t.contains("nine months")));
    spans_ok(&doc);
}

#[test]
fn fn_fnref_footnotes_with_a_missing_target() {
    let doc = open("x.html", include_bytes!("fixtures/html-fn-fnref.html"));
    assert_eq!(doc.meta.authors, ["Oda Brenn"]);
    assert_eq!(
        texts(&doc),
        ["The ferry ran twice a day. In winter it ran once. Nobody kept the old timetable."]
    );
    assert_eq!(
        notes(&doc),
        [
            note("1", Some("Timetable of the Lisk ferry, 2031."), &[0]),
            note(
                "2",
                Some("Winter service began in November.\n\nIt ended in March."),
                &[0]
            ),
            // `#fn9` names nothing: a note without text.
            note("9", None, &[0]),
        ]
    );
    spans_ok(&doc);
}

#[test]
fn word_ftn_ftnref() {
    let doc = open("memo.htm", include_bytes!("fixtures/html-word.html"));
    assert_eq!(
        blocks(&doc),
        [(
            BlockKind::Paragraph,
            "The committee met on Tuesday. It adjourned at noon.".into(),
            vec![("1".into(), 29), ("2".into(), 51)]
        )]
    );
    assert_eq!(
        notes(&doc),
        [
            note("1", Some("Minutes of the Harbour Committee."), &[0]),
            note("2", Some("The clerk’s note."), &[0]),
        ]
    );
    let src: Vec<_> = doc.notes.iter().map(|n| n.src.is_some()).collect();
    assert_eq!(src, [true, true]);
}

#[test]
fn epub_noteref_and_doc_noteref() {
    let doc = open("ch1.xhtml", include_bytes!("fixtures/html-noteref.html"));
    // The heading that repeats the title is the title.
    assert_eq!(doc.meta.title.as_deref(), Some("Chapter One"));
    assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
    assert_eq!(
        notes(&doc),
        [
            // The number written in the note (`1.`) goes with the label.
            note(
                "1",
                Some("The journals survive in the island archive."),
                &[0]
            ),
            note("2", Some("They were found in 2029."), &[1]),
        ]
    );
}

#[test]
fn cite_note_reference_lists() {
    let doc = open(
        "bridge.html",
        include_bytes!("fixtures/html-cite-note.html"),
    );
    assert_eq!(doc.meta.title.as_deref(), Some("Tessel Bridge"));
    assert_eq!(
        blocks(&doc),
        [
            (
                BlockKind::Paragraph,
                "The Tessel Bridge is a stone bridge over the Ombra. It was finished in 1811."
                    .into(),
                vec![("1".into(), 51), ("2".into(), 76)]
            ),
            (
                BlockKind::Paragraph,
                "It was widened twice.".into(),
                vec![("2".into(), 21)]
            ),
        ]
    );
    assert_eq!(
        notes(&doc),
        [
            note("1", Some("Ombra County Register, vol. 3."), &[0]),
            note("2", Some("Guild of Masons, Annals."), &[0, 1]),
        ]
    );
}

#[test]
fn sup_numbers_and_an_ol_notes_section() {
    let doc = open(
        "orchard.html",
        include_bytes!("fixtures/html-sup-list.html"),
    );
    assert_eq!(
        blocks(&doc)[0],
        (
            BlockKind::Paragraph,
            "The pear trees flowered early this year. The apples did not.".into(),
            vec![("1".into(), 40), ("2".into(), 60)]
        )
    );
    assert!(doc.blocks[1].anchors.is_empty());
    assert_eq!(
        notes(&doc),
        [
            note("1", Some("Recorded by the orchard warden."), &[0]),
            note("2", Some("Frost in April."), &[0]),
        ]
    );
    // The `Notes` heading goes: the reader has its own.
    assert!(texts(&doc).iter().all(|t| *t != "Notes"));
}

#[test]
fn blocks_runs_and_chrome() {
    let doc = open("page.html", include_bytes!("fixtures/html-blocks.html"));
    assert_eq!(doc.meta.title.as_deref(), Some("A Page Of Every Block"));
    assert_eq!(doc.meta.authors, ["Pell Dovan"]);
    let kinds: Vec<(BlockKind, &str)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Heading, "First & Second"),
            (
                BlockKind::Paragraph,
                "Plain text with emphasis, strong, code() and a link. Spaces collapse."
            ),
            (BlockKind::Paragraph, "A quoted line."),
            (BlockKind::Paragraph, "• One"),
            (BlockKind::Paragraph, "• Two bold"),
            (
                BlockKind::Preformatted,
                "fn main() {\n        println!(\"hi\");\n}"
            ),
            (BlockKind::Caption, "Figure 1: A map of the bay."),
            // An entity decoded to ESC is sanitized by the builder like any control.
            (BlockKind::Paragraph, "Controls ␛[31m stay visible."),
        ]
    );
    let p = &doc.blocks[1];
    let styles: Vec<(&str, RunStyle)> = p
        .runs
        .iter()
        .map(|r| (&p.text[r.start..r.end], r.style.clone()))
        .collect();
    assert_eq!(
        styles,
        [
            ("emphasis", RunStyle::Emphasis),
            ("strong", RunStyle::Strong),
            ("code()", RunStyle::Code),
            (
                "a link",
                RunStyle::Link {
                    url: "https://example.org/x".into()
                }
            ),
        ]
    );
    spans_ok(&doc);
}

#[test]
fn tag_soup_opens_readably() {
    let doc = open("soup.html", include_bytes!("fixtures/html-soup.html"));
    let all = texts(&doc).join(" ");
    assert!(all.contains("Unclosed bold and italic"));
    assert!(all.contains("Next paragraph"));
    assert!(all.contains("end"));
    spans_ok(&doc);
    // Garbage is still something to read.
    let doc = load_with(b"<<<<>>>></></p></html>", by_name("html"), None).expect("html");
    assert!(doc.blocks.iter().all(|b| !b.text.is_empty()));
    let doc = load_with(b"", by_name("html"), None).expect("html");
    assert!(doc.blocks.is_empty());
}

/// The dispatch as saved from its web page says what the same dispatch as text says.
const DISPATCH_TEXT: &str = "June 1, 2032 Special Dispatch No. 44

Lamps Lit Again On The Karst Quay

June 1, 2032
Karst Islands | Special Dispatch No. 44

The harbour lamps were relit on Saturday, after four winters of darkness on the quay.[1] Crowds gathered on the quay & sang the old ferry songs. [2]

A photo of the relit lamps. (Source: Karst Gazette.)

The harbour master, Ilse Varga, said the lamps would stay lit \"as long as there is oil in the store.\"[3] The ferry office reopened the same day.

The ferry office on the morning it reopened. (Source: Karst Harbour Board.)

Not everyone was pleased. The fishermen's guild called the ceremony “a show for the tourists.”[4]

[1] Karst Harbour Board, notice of May 30, 2032.

[2] Karst Gazette, June 2, 2032.

[3] Interview on Karst Radio, June 1, 2032.

[4] Statement of the Karst Fishermen's Guild, June 3, 2032.

Share this Report:
Facebook
Email
Print this page
";

#[test]
fn a_think_tank_page_says_what_its_text_says() {
    let html = open(
        "dispatch.html",
        include_bytes!("fixtures/html-dispatch.html"),
    )
    .structure();
    let text = open("dispatch.txt", DISPATCH_TEXT.as_bytes()).structure();
    assert_eq!(html.format, "html");
    assert_eq!(text.format, "text");
    assert_eq!(html.meta, text.meta);
    assert_eq!(html.meta.topics, ["Karst Islands"]);
    assert_eq!(html.meta.number.as_deref(), Some("44"));
    assert_eq!(blocks(&html), blocks(&text));
    assert_eq!(notes(&html), notes(&text));
    assert_eq!(html.notes.len(), 4);
    // Nothing of the site chrome is read.
    let all = texts(&html).join(" ");
    for chrome in [
        "cookies",
        "Donate",
        "Share",
        "Related",
        "rights reserved",
        "newsletter",
    ] {
        assert!(!all.contains(chrome), "{chrome}");
    }
}

#[test]
fn the_dispatch_page_has_source_spans() {
    let doc = open(
        "dispatch.html",
        include_bytes!("fixtures/html-dispatch.html"),
    );
    spans_ok(&doc);
    let src = include_str!("fixtures/html-dispatch.html");
    // A block's `src` is where its first words stand in the input.
    assert!(src[doc.blocks[0].src..].starts_with("The harbour lamps"));
    // A note's `src` is the tag that carries its id.
    let n = doc.notes[0].src.get().expect("defined");
    assert!(src[n..].starts_with("<a href=\"#_ednref1\" name=\"_edn1\">"));
    assert!(doc.meta.title_src.is_some());
}

#[test]
fn several_notes_in_one_block() {
    let doc = open(
        "ridge.html",
        include_bytes!("fixtures/html-shared-block.html"),
    );
    assert_eq!(
        texts(&doc),
        [
            "The first letter arrived in May. The second came by the autumn boat.",
            "Neither was answered."
        ]
    );
    assert_eq!(
        notes(&doc),
        [
            note("1", Some("Postmarked Ridgefold, May 3."), &[0]),
            note("2", Some("The boat was a week late."), &[0]),
        ]
    );
}

#[test]
fn loose_notes_after_a_rule_with_continuations() {
    let doc = open("wells.html", include_bytes!("fixtures/html-loose-hr.html"));
    assert_eq!(
        texts(&doc),
        ["The north well ran dry in July. The south well did not."]
    );
    assert_eq!(
        notes(&doc),
        [
            note(
                "1",
                Some("Measured by the parish clerk:\n\nJuly 4: two feet.\n\nJuly 20: none.\n\nIt refilled in October."),
                &[0]
            ),
            note("2", Some("It is fed by a spring."), &[0]),
        ]
    );
}

#[test]
fn bracket_numbers_written_as_text_on_a_page_without_linked_notes() {
    let doc = open(
        "quay.html",
        include_bytes!("fixtures/html-text-markers.html"),
    );
    assert_eq!(
        blocks(&doc),
        [(
            BlockKind::Paragraph,
            "The lamps were relit on Saturday. Crowds gathered on the quay. A sign read [sic] \"closed\"."
                .into(),
            vec![("1".into(), 33), ("2".into(), 62)]
        )]
    );
    let p = &doc.blocks[0];
    assert_eq!(&p.text[p.runs[0].start..p.runs[0].end], "quay");
    assert_eq!(
        notes(&doc),
        [
            note("1", Some("Harbour Board notice."), &[0]),
            note("2", Some("Karst Gazette, June 2."), &[0]),
        ]
    );
}

#[test]
fn sidenotes_toggled_by_a_label() {
    let doc = open(
        "margins.html",
        include_bytes!("fixtures/html-sidenotes.html"),
    );
    assert_eq!(
        blocks(&doc),
        [
            (
                BlockKind::Paragraph,
                "The tide tables were printed in the margin of every page.".into(),
                vec![("1".into(), 42)]
            ),
            (
                BlockKind::Paragraph,
                "The moon phases were not.".into(),
                vec![("2".into(), 25)]
            ),
        ]
    );
    assert_eq!(
        notes(&doc),
        [
            note("1", Some("As the almanac of 1790 did."), &[0]),
            note("2", Some("They were in a separate sheet."), &[1]),
        ]
    );
}

const DECLARED_1252: &str = "decoded as windows-1252 (declared by the page)";

#[test]
fn a_legacy_page_is_decoded_as_its_meta_charset_declares() {
    let bytes = include_bytes!("fixtures/html-latin1-declared.html");
    let doc = open("lyon.html", bytes);
    // iso-8859-1 is windows-1252 to a browser, so 0x93/0x94/0x80/0x9C are “ ” € œ.
    assert_eq!(doc.encoding, "windows-1252");
    assert_eq!(doc.notices, vec![DECLARED_1252.to_owned()]);
    let t = texts(&doc);
    assert!(t[0].starts_with("The café on the corner"), "{t:?}");
    assert_eq!(
        t[1],
        "Our colleague from Zürich brought a bottle of wine and a copy of the œuvres \
         complètes, and said the budget was \u{201C}fine\u{201D} at €40 a head."
    );
    assert!(!t.concat().contains('\u{FFFD}'));
    assert_eq!(
        notes(&doc),
        vec![note(
            "1",
            Some("The rent rose by a third in two years."),
            &[0]
        )]
    );
    // One byte per char: source spans land on the page's own bytes.
    spans_ok(&doc);
    assert!(bytes[doc.blocks[1].src..].starts_with(b"Our colleague from Z\xFCrich"));
    // Read as plain text (no declarations), the same bytes are only a guess.
    let text = load_with(bytes, by_name("text"), Some("lyon.html")).expect("text");
    assert_eq!(
        text.notices[0],
        "decoded as windows-1252 (the file is not UTF-8)"
    );
}

#[test]
fn a_declared_encoding_other_than_the_guess_is_used() {
    // A few KOI8-R letters in an ASCII page: too little for a sure guess.
    let page = b"<!doctype html><meta charset=KOI8-R><title>t</title>\
        <p>The word for peace is \xCD\xC9\xD2, said the guide.</p>";
    let doc = open("p.html", page);
    assert_eq!(doc.encoding, "KOI8-R");
    assert_eq!(
        doc.notices,
        vec!["decoded as KOI8-R (declared by the page)".to_owned()]
    );
    assert!(texts(&doc).contains(&"The word for peace is мир, said the guide."));
    let guess = load_with(page, by_name("text"), None).expect("text");
    assert_ne!(guess.encoding, "KOI8-R");
    // A declared multi-byte encoding is not applied: the guess stands.
    let sjis = b"<!doctype html><meta charset=shift_jis><p>caf\xE9 ok</p>";
    let doc = open("p.html", sjis);
    assert!(
        doc.notices[0].ends_with("(the file is not UTF-8)"),
        "{:?}",
        doc.notices
    );
}

#[test]
fn a_utf8_page_with_a_stale_meta_charset_stays_utf8() {
    let page = "<!doctype html><html><head><meta charset=iso-8859-1>\
        <meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head>\
        <body><p>The café in Zürich served œufs.</p></body></html>";
    let doc = open("p.html", page.as_bytes());
    assert_eq!(doc.encoding, "UTF-8");
    assert!(doc.notices.is_empty());
    assert_eq!(texts(&doc), vec!["The café in Zürich served œufs."]);
    // With a BOM, or with one stray byte among well-formed UTF-8, still UTF-8.
    let bom: Vec<u8> = b"\xEF\xBB\xBF"
        .iter()
        .chain(page.as_bytes())
        .copied()
        .collect();
    assert_eq!(open("p.html", &bom).encoding, "UTF-8");
    let (before, after) = page.split_once("œufs").expect("œufs");
    let stray: Vec<u8> = [before.as_bytes(), b"\xE9", after.as_bytes()].concat();
    let doc = open("p.html", &stray);
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(texts(&doc), vec!["The café in Zürich served \u{FFFD}."]);
}

#[test]
fn line_breaks_and_list_numbers() {
    let doc = open(
        "notices.html",
        include_bytes!("fixtures/html-lines-lists.html"),
    );
    let shape: Vec<(BlockKind, &str)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        shape,
        [
            // A heading is one line: its break is a space.
            (BlockKind::Heading, "Notice of the Board"),
            // Single breaks keep their lines (white space after a break goes).
            (
                BlockKind::Verse,
                "Karst Harbour Board\nQuay Office\nLantern Row 4"
            ),
            // Two breaks in a row end the paragraph.
            (
                BlockKind::Paragraph,
                "The ferry will call at the north quay on Monday."
            ),
            (
                BlockKind::Paragraph,
                "The south quay stays shut until the gauge is mended."
            ),
            (BlockKind::Paragraph, "3. third berth"),
            (BlockKind::Paragraph, "4. fourth berth"),
            (BlockKind::Paragraph, "7. seventh lamp"),
            (BlockKind::Paragraph, "8. eighth lamp"),
            (BlockKind::Paragraph, "3. last call"),
            (BlockKind::Paragraph, "2. second call"),
            (BlockKind::Paragraph, "1. first call"),
            (BlockKind::Paragraph, "a. rope"),
            (BlockKind::Paragraph, "b. chain"),
            (BlockKind::Paragraph, "IV. fourth rule"),
            (BlockKind::Paragraph, "• buoys"),
            (BlockKind::Paragraph, "◦ red buoy"),
        ]
    );
    assert_eq!(doc.blocks[3].anchors.len(), 1);
    // In a note a single break is a space and two make a new paragraph.
    assert_eq!(
        notes(&doc),
        [note(
            "1",
            Some("Board minute 9, read at the quay.\n\nPosted again on Friday."),
            &[3]
        )]
    );
    spans_ok(&doc);
}

#[test]
fn a_reference_outside_the_article_container_still_cites_its_note() {
    let doc = open(
        "tides.html",
        include_bytes!("fixtures/html-refs-outside.html"),
    );
    // The article is widened to the standfirst holding reference 1 (and its title).
    assert_eq!(doc.meta.title.as_deref(), Some("Tide Tables Rewritten"));
    assert_eq!(
        blocks(&doc)[0],
        (
            BlockKind::Paragraph,
            "New tables for the Karst quay, eleven minutes out.".into(),
            vec![("1".into(), 50)]
        )
    );
    assert_eq!(
        notes(&doc),
        [
            note("1", Some("Karst Harbour Board, circular 12."), &[0]),
            note("2", Some("Measured at the north quay gauge."), &[2]),
        ]
    );
    // Chrome around the wider container stays out.
    for t in texts(&doc) {
        assert!(
            !t.contains("Share") && !t.contains("Home") && !t.contains("©"),
            "{t}"
        );
    }
    assert_eq!(doc.blocks.len(), 4);
    spans_ok(&doc);
}
