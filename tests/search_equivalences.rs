//! Search that forgives typing: each typographic equivalence works both ways, in plain
//! and in smart-case search, `exact` turns them all off, and highlights cover the
//! original characters wherever a fold changes lengths. Scopes narrow where it looks.

use sidenote::document::{Block, BlockKind, Document, Meta, Note};
use sidenote::search::{search, Scope, SearchIndex, SearchOptions};

fn doc(texts: &[&str]) -> Document {
    Document {
        meta: Meta::default(),
        blocks: texts
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: (*t).into(),
                ..Block::default()
            })
            .collect(),
        ..Document::default()
    }
}

/// The highlighted texts of `query` in a one-paragraph document holding `text`.
fn hits(text: &str, query: &str, opts: SearchOptions) -> Vec<String> {
    let d = doc(&[text]);
    let index = SearchIndex::build(&d);
    search(&d, &index, query, opts)
        .expect("plain search")
        .as_slice()
        .iter()
        .map(|m| d.unit_text(m.unit)[m.range()].to_string())
        .collect()
}

fn loose(text: &str, query: &str) -> Vec<String> {
    hits(text, query, SearchOptions::default())
}

fn exact(text: &str, query: &str) -> Vec<String> {
    hits(
        text,
        query,
        SearchOptions {
            exact: true,
            ..SearchOptions::default()
        },
    )
}

/// `typed` finds `typeset` and `typeset` finds `typed`, lowercase and (with an
/// uppercase letter around it, so case counts) in smart case; exact finds neither.
fn both_ways(typed: &str, typeset: &str) {
    let (text_typed, text_typeset) = (format!("x{typed}y"), format!("x{typeset}y"));
    assert_eq!(
        loose(&text_typeset, typed),
        [typeset],
        "{typed:?} finds {typeset:?}"
    );
    assert_eq!(
        loose(&text_typed, typeset),
        [typed],
        "{typeset:?} finds {typed:?}"
    );
    // Smart case: an uppercase letter in the query makes case count, nothing else.
    let (upper_typeset, upper_typed) = (format!("Q{typeset}y"), format!("Q{typed}y"));
    assert_eq!(
        loose(&upper_typeset, &format!("Q{typed}")),
        [format!("Q{typeset}")],
        "smart case: Q{typed:?} finds Q{typeset:?}"
    );
    assert_eq!(
        loose(&upper_typed, &format!("Q{typeset}")),
        [format!("Q{typed}")],
        "smart case: Q{typeset:?} finds Q{typed:?}"
    );
    assert!(
        loose(&format!("q{typeset}y"), &format!("Q{typed}")).is_empty(),
        "case still counts for Q{typed:?}"
    );
    // Exact: characters count; each finds only itself.
    assert!(exact(&text_typeset, typed).is_empty(), "exact {typed:?}");
    assert!(exact(&text_typed, typeset).is_empty(), "exact {typeset:?}");
    assert_eq!(exact(&text_typeset, typeset), [typeset]);
    assert_eq!(exact(&text_typed, typed), [typed]);
}

#[test]
fn apostrophes_and_single_quotes() {
    for q in ["’", "‘", "ʼ", "‚", "‛"] {
        both_ways("'", q);
    }
    assert_eq!(loose("the editor’s note", "editor's"), ["editor’s"]);
}

#[test]
fn double_quotes() {
    for q in ["“", "”", "„", "‟"] {
        both_ways("\"", q);
    }
    assert_eq!(loose("he said „so“ and “no”", "\"no\""), ["“no”"]);
}

#[test]
fn dashes_hyphens_and_minus() {
    for d in ["–", "—", "‐", "‑", "‒", "―", "−"] {
        both_ways("-", d);
    }
    assert_eq!(
        loose("the north–south line", "north-south"),
        ["north–south"]
    );
    assert_eq!(loose("−5 degrees", "-5"), ["−5"]);
}

#[test]
fn ellipsis() {
    both_ways("...", "…");
    assert_eq!(loose("and four… then", "four..."), ["four…"]);
    // Whole characters only: a single or double dot is not part of an ellipsis.
    assert!(loose("four…", ".").is_empty());
    assert!(loose("four…", "..").is_empty());
    assert!(loose("four...", "…").len() == 1);
    assert_eq!(loose("a.…b", "...."), [".…"]);
}

#[test]
fn oe_ae_and_sharp_s() {
    both_ways("oe", "œ");
    both_ways("ae", "æ");
    both_ways("ss", "ß");
    both_ways("OE", "Œ");
    both_ways("AE", "Æ");
    assert_eq!(loose("un cœur", "coeur"), ["cœur"]);
    assert_eq!(loose("un coeur", "cœur"), ["coeur"]);
    assert_eq!(loose("Œuvres", "oeuvres"), ["Œuvres"]);
    assert_eq!(loose("Œuvres", "OEuvres"), ["Œuvres"]);
    assert_eq!(loose("Straße", "Strasse"), ["Straße"]);
    assert!(loose("straße", "Strasse").is_empty(), "case counts");
    assert_eq!(loose("STRASSE", "Straße").len(), 0, "case counts");
    // Half of a folded char is not a match.
    assert!(loose("cœur", "co").is_empty());
    assert!(loose("cœur", "eur").is_empty());
}

#[test]
fn ligatures() {
    for (typed, lig) in [
        ("fi", "ﬁ"),
        ("fl", "ﬂ"),
        ("ff", "ﬀ"),
        ("ffi", "ﬃ"),
        ("ffl", "ﬄ"),
        ("st", "ﬆ"),
        ("ij", "ĳ"),
    ] {
        both_ways(typed, lig);
    }
    assert_eq!(loose("a ﬁne oﬃce", "office"), ["oﬃce"]);
    assert_eq!(
        loose("Oﬃce", "Office"),
        ["Oﬃce"],
        "smart case keeps ligatures"
    );
    assert!(loose("oﬃce", "of").is_empty(), "a ligature is one char");
}

#[test]
fn unicode_spaces_and_soft_hyphens() {
    for sp in [
        "\u{a0}", "\u{2002}", "\u{2003}", "\u{2009}", "\u{200a}", "\u{202f}", "\u{205f}",
        "\u{3000}",
    ] {
        let text = format!("ten{sp}km");
        assert_eq!(loose(&text, "ten km"), [text.as_str()], "{sp:?}");
        assert_eq!(loose("ten km", &format!("ten{sp}km")), ["ten km"], "{sp:?}");
        assert!(exact(&text, "ten km").is_empty(), "exact: {sp:?} counts");
        assert_eq!(exact(&text, &text), [text.as_str()]);
    }
    // Soft hyphens are invisible: ignored, in exact search too.
    assert_eq!(loose("na\u{ad}tion", "nation"), ["na\u{ad}tion"]);
    assert_eq!(loose("nation", "na\u{ad}tion"), ["nation"]);
    assert_eq!(exact("na\u{ad}tion", "nation"), ["na\u{ad}tion"]);
    // Line breaks are layout: they match a space in exact search too.
    assert_eq!(exact("two\nlines", "two lines"), ["two\nlines"]);
}

#[test]
fn accents_fold_and_exact_makes_them_count() {
    assert_eq!(loose("un café", "cafe"), ["café"]);
    assert_eq!(loose("un cafe", "café"), ["cafe"]);
    assert_eq!(
        loose("Café", "Cafe"),
        ["Café"],
        "uppercase: only case counts"
    );
    assert!(exact("un café", "cafe").is_empty());
    assert_eq!(exact("un café", "café"), ["café"]);
    assert_eq!(
        exact("un cafe\u{301}", "café"),
        ["cafe\u{301}"],
        "same text, either form"
    );
}

/// Where folding changes lengths at the start, in the middle and at the end of a match,
/// the highlight still covers exactly the original characters.
#[test]
fn offsets_cover_the_original_characters() {
    let cases: &[(&str, &str, &str)] = &[
        // (text, query, highlighted)
        ("«œuvre» x", "oeuvre", "œuvre"),
        ("la sœur", "soeur", "sœur"),
        ("un cœur", "coeur", "cœur"),
        ("Gruß!", "gruss", "Gruß"),
        ("…and so", "...and", "…and"),
        ("wait… ok", "wait...", "wait…"),
        ("so—so", "so-so", "so—so"),
        ("“quoted” text", "\"quoted\"", "“quoted”"),
        ("ﬃ ﬁnal", "ffi final", "ﬃ ﬁnal"),
        ("it’s\u{a0}ﬁne…", "it's fine...", "it’s\u{a0}ﬁne…"),
        ("Æsir æon", "aesir aeon", "Æsir æon"),
    ];
    for &(text, query, want) in cases {
        let d = doc(&["before", text, "after"]);
        let index = SearchIndex::build(&d);
        let found = search(&d, &index, query, SearchOptions::default()).expect("plain");
        assert_eq!(found.len(), 1, "{query:?} in {text:?}");
        let m = found.get(0).expect("one match");
        let unit = d.unit_text(m.unit);
        assert_eq!(&unit[m.range()], want, "{query:?} in {text:?}");
        assert_eq!(m.start, text.find(want).expect("want is in text"));
    }
}

/// Scopes: body only, notes only, captions only; counts follow.
#[test]
fn scopes_narrow_the_search() {
    let mut d = doc(&["harbour in the body", "another harbour"]);
    d.meta.title = Some("The Harbour".into());
    d.blocks.push(Block {
        kind: BlockKind::Caption,
        text: "Figure 1: the harbour at dawn".into(),
        ..Block::default()
    });
    d.notes = vec![
        Note {
            label: "1".into(),
            text: Some("A harbour note.".into()),
            ..Note::default()
        },
        Note {
            label: "2".into(),
            text: Some("No match here.".into()),
            ..Note::default()
        },
    ];
    let index = SearchIndex::build(&d);
    let count = |scope| {
        let opts = SearchOptions {
            scope,
            ..SearchOptions::default()
        };
        search(&d, &index, "harbour", opts).expect("plain").len()
    };
    assert_eq!(count(Scope::All), 5, "title, two paragraphs, caption, note");
    assert_eq!(count(Scope::Body), 3, "paragraphs and the caption");
    assert_eq!(count(Scope::Notes), 1);
    assert_eq!(count(Scope::Captions), 1);
    // The cycle Ctrl-s follows, and back.
    assert_eq!(Scope::All.next(), Scope::Body);
    assert_eq!(Scope::Captions.next(), Scope::All);
    // No notes at all: nothing to find there, no error.
    let bare = doc(&["harbour"]);
    let bare_index = SearchIndex::build(&bare);
    let notes_only = SearchOptions {
        scope: Scope::Notes,
        ..SearchOptions::default()
    };
    assert!(search(&bare, &bare_index, "harbour", notes_only)
        .expect("plain")
        .is_empty());
}
