//! A set of ordinary edits to a bookmarked dispatch (our own fictional text), each opened
//! through the store from a real file, with the figures printed:
//! placed right / reported moved / kept unplaced / placed wrong. Placed wrong must be 0.
//! Run with `cargo test --test store_reanchor_set -- --nocapture` to see the table.

mod store_support;

use sidenote::document::{DocPos, Document};
use sidenote::store::{Bookmark, Store};
use store_support::*;

const Q: [&str; 7] = [
    "The harbour council of Varn met on Tuesday evening to hear the ferry company explain why the early crossing to the northern islands had been cancelled.",
    "Amid growing anger among the island fishermen, the company's director promised that a second boat would be leased before the herring season opened in May.",
    "Several councillors questioned whether the leased vessel could dock at the old stone pier, which has not been dredged since the storm of the previous winter.",
    "The director replied that divers had surveyed the pier in February and found the channel deep enough for a vessel of modest draught at all but the lowest tides.",
    "Residents of Skellan, the most remote of the islands, said they had heard such promises before and asked for the timetable to be written into the company's licence.",
    "The council agreed to review the licence at its next meeting and asked the harbour master to report on the condition of the pier within a month.",
    "Outside the hall a small crowd waited in the rain, and some of them cheered when the director left by the side door without speaking to the press.",
];

const NEW: &str = "An earlier version of this dispatch gave the wrong date for the meeting; it has been corrected.";
const NEW2: &str =
    "The ferry company has operated the island routes under licence since the harbour was rebuilt.";

/// Where a bookmark is: a block and the words it starts at.
type At = (usize, &'static str);

struct Case {
    name: &'static str,
    before: Vec<String>,
    bookmark: At,
    after: Vec<String>,
    /// Where the passage now is; `None` when it is gone or cannot be told apart.
    expect: Option<At>,
}

fn base() -> Vec<String> {
    Q.iter().map(|s| s.to_string()).collect()
}

fn edit(block: usize, from: &str, to: &str) -> Vec<String> {
    let mut v = base();
    assert!(v[block].contains(from), "{from}");
    v[block] = v[block].replacen(from, to, 1);
    v
}

fn with(mut v: Vec<String>, f: impl FnOnce(&mut Vec<String>)) -> Vec<String> {
    f(&mut v);
    v
}

/// Hard line breaks every `width` columns, as a re-wrapping editor would.
fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for w in s.split(' ') {
        if line > 0 && line + 1 + w.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(w);
        line += w.len();
    }
    out
}

fn split(v: &mut Vec<String>, block: usize, at: &str) {
    let i = v[block].find(at).expect("split point");
    let tail = v[block][i..].to_string();
    v[block] = v[block][..i].trim_end().to_string();
    v.insert(block + 1, tail);
}

fn join(v: &mut Vec<String>, block: usize) {
    let next = v.remove(block + 1);
    v[block] = format!("{} {}", v[block], next);
}

fn case(name: &'static str, bookmark: At, after: Vec<String>, expect: Option<At>) -> Case {
    Case {
        name,
        before: base(),
        bookmark,
        after,
        expect,
    }
}

fn cases() -> Vec<Case> {
    let lead = (1, "Amid growing");
    let mid = (3, "divers had surveyed");
    let res = (4, "Residents of Skellan");
    let end = (5, "asked the harbour master");
    let mut v = vec![
        // A word inserted, deleted or corrected in the passage.
        case("word inserted near the start", lead, edit(1, "Amid growing", "Amid the growing"), Some((1, "Amid the growing"))),
        case("word inserted mid-passage", lead, edit(1, "island fishermen", "island herring fishermen"), Some(lead)),
        case("word deleted mid-passage", lead, edit(1, "a second boat", "a boat"), Some(lead)),
        case("word corrected (typo)", lead, edit(1, "director promised", "directer promised"), Some(lead)),
        case("word replaced", lead, edit(1, "anger", "frustration"), Some(lead)),
        case("two words inserted", lead, edit(1, "would be leased", "would certainly soon be leased"), Some(lead)),
        case("first word deleted", res, edit(4, "Residents of Skellan", "Skellan"), Some((4, "Skellan"))),
        case("first word replaced", res, edit(4, "Residents of Skellan", "Islanders of Skellan"), Some((4, "Islanders of Skellan"))),
        case("mid bookmark, word inserted before it", mid, edit(3, "replied that", "replied firmly that"), Some(mid)),
        case("mid bookmark, word corrected inside", mid, edit(3, "in February", "in late February"), Some(mid)),
        case("mid bookmark, word deleted inside", mid, edit(3, "channel deep enough", "channel deep"), Some(mid)),
        case("punctuation changed", res, edit(4, "Skellan, the most", "Skellan (the most"), Some(res)),
        case("capitalisation changed", end, edit(5, "harbour master", "Harbour Master"), Some((5, "asked the Harbour Master"))),
        case("two words corrected", end, edit(5, "report on the condition", "reports on the state"), Some(end)),
        case("word inserted and another deleted", mid, with(edit(3, "surveyed the pier", "surveyed the old pier"), |v| v[3] = v[3].replacen("modest ", "", 1)), Some(mid)),
        // Paragraphs inserted or removed before it.
        case("a paragraph inserted before", mid, with(base(), |v| v.insert(0, NEW.into())), Some((4, "divers had surveyed"))),
        case("three paragraphs inserted before", end, with(base(), |v| { v.insert(2, NEW.into()); v.insert(0, NEW2.into()); v.insert(4, NEW.into()); }), Some((8, "asked the harbour master"))),
        case("a paragraph removed before", mid, with(base(), |v| { v.remove(0); }), Some((2, "divers had surveyed"))),
        case("two paragraphs removed before", end, with(base(), |v| { v.remove(1); v.remove(2); }), Some((3, "asked the harbour master"))),
        case("inserted before and a word corrected", lead, with(edit(1, "anger", "fury"), |v| v.insert(0, NEW.into())), Some((2, "Amid growing"))),
        case("removed before and a word deleted", res, with(edit(4, "the most remote", "the remote"), |v| { v.remove(2); }), Some((3, "Residents of Skellan"))),
        case("the passage's paragraph moved to the end", res, with(base(), |v| { let p = v.remove(4); v.push(p); }), Some((6, "Residents of Skellan"))),
        // A paragraph split or joined.
        case("split inside the excerpt", lead, with(base(), |v| split(v, 1, "the company's director")), Some(lead)),
        case("split just after the first words", res, with(base(), |v| split(v, 4, "the most remote")), Some(res)),
        case("split before a mid bookmark", mid, with(base(), |v| split(v, 3, "divers had")), Some((4, "divers had surveyed"))),
        case("joined with the paragraph before", lead, with(base(), |v| join(v, 0)), Some((0, "Amid growing"))),
        case("joined with the paragraph after", end, with(base(), |v| join(v, 5)), Some(end)),
        case("split and a word corrected", mid, with(edit(3, "modest draught", "shallow draught"), |v| split(v, 3, "and found")), Some(mid)),
        // Line breaks re-wrapped.
        case("re-wrapped at 60 columns", mid, with(base(), |v| v[3] = wrap(&v[3], 60)), Some(mid)),
        case("re-wrapped at 40 columns", res, with(base(), |v| v[4] = wrap(&v[4], 40)), Some(res)),
        case("re-wrapped and a word inserted", lead, with(edit(1, "second boat", "second larger boat"), |v| v[1] = wrap(&v[1], 50)), Some(lead)),
        case("re-wrapped, inserted before, word corrected", end, with(edit(5, "within a month", "within four weeks"), |v| { v[5] = wrap(&v[5], 45); v.insert(1, NEW.into()); }), Some((6, "asked the harbour master"))),
        // Gone, or not to be told apart: kept unplaced.
        case("paragraph deleted", res, with(base(), |v| { v.remove(4); }), None),
        case("passage rewritten", lead, edit(1, "Amid growing anger among the island fishermen, the company's director promised that a second boat would be leased", "Under pressure from islanders, the operator now says it will charter another ship"), None),
    ];
    // Two near-identical paragraphs: after the edit the passage is as close to the other.
    let twin_a = "The council met again on Tuesday to discuss the north quay and the fish market levy for the coming year.";
    let twin_b = "The council met again on Friday to discuss the north quay and the fish market levy for the coming year.";
    let mut before = base();
    before.insert(2, twin_a.into());
    before.insert(5, twin_b.into());
    let mut after = before.clone();
    after[2] = after[2].replace("Tuesday", "Monday");
    v.push(Case {
        name: "near-twin paragraphs, the edit makes them equally close",
        before: before.clone(),
        bookmark: (2, "The council met again"),
        after,
        expect: None,
    });
    // Paragraphs that differ in four words: a word inserted in the bookmarked one still
    // leaves it clearly the closest.
    let cousin = "The council met again on Friday to discuss the south quay and the fish market tax for the next year.";
    let mut before = base();
    before.insert(2, twin_a.into());
    before.insert(5, cousin.into());
    let mut after = before.clone();
    after[2] = after[2].replace("for the coming year", "for the coming fishing year");
    v.push(Case {
        name: "similar paragraphs, a word inserted in one",
        before,
        bookmark: (2, "The council met again"),
        after,
        expect: Some((2, "The council met again")),
    });
    v
}

fn document(blocks: &[String]) -> Document {
    let refs: Vec<&str> = blocks.iter().map(String::as_str).collect();
    doc("Ferry Crossing Cancelled", &refs)
}

/// Bytes of slack allowed between where the passage is and where the bookmark landed:
/// about one word (an edited first word may move the start to the word after it).
const SLACK: usize = 12;

#[derive(Default, Debug)]
struct Figures {
    right: usize,
    moved: usize,
    unplaced: usize,
    wrong: usize,
}

#[test]
fn reanchoring_set_never_places_a_bookmark_wrong() {
    let mut figures = Figures::default();
    let mut wrong = Vec::new();
    let all = cases();
    assert!(all.len() >= 30);
    for c in &all {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("dispatch.txt");
        let s = Store::open_at(tmp.path().join("data")).with_clock(|| NOW);
        let v1 = document(&c.before);
        let key1 = write_doc(&path, &v1);
        let bm = Bookmark::new(&v1, pos_of(&v1, c.bookmark.0, c.bookmark.1), "b", NOW);
        s.add_bookmark(&key1, &v1, bm).unwrap();
        let v2 = document(&c.after);
        let key2 = write_doc(&path, &v2);
        let (rec, _) = s.load_doc(&key2, &v2, NOW).unwrap();
        let got = &rec.bookmarks[0];
        if c.name.starts_with("near-twin") {
            assert!(
                got.lost && got.ambiguous,
                "left unplaced and said so: {got:?}"
            );
        }
        let outcome = match (c.expect, got.lost) {
            (_, true) => "kept unplaced",
            (None, false) => "placed wrong",
            (Some((block, needle)), false) => {
                let want: DocPos = pos_of(&v2, block, needle);
                if got.at.unit == want.unit && got.at.byte.abs_diff(want.byte) <= SLACK {
                    "placed right"
                } else {
                    "placed wrong"
                }
            }
        };
        match outcome {
            "placed right" => {
                figures.right += 1;
                figures.moved += usize::from(got.moved);
            }
            "kept unplaced" => figures.unplaced += 1,
            _ => {
                figures.wrong += 1;
                wrong.push(format!("{}: {:?} {:?}", c.name, got.at, got.excerpt));
            }
        }
        let expected = if c.expect.is_some() {
            ""
        } else {
            " (expected)"
        };
        println!(
            "{:<55} {outcome}{}{}",
            c.name,
            if got.moved { ", reported moved" } else { "" },
            if got.lost { expected } else { "" }
        );
    }
    println!(
        "\n{} edits: placed right {} (reported moved {}), kept unplaced {}, placed wrong {}",
        all.len(),
        figures.right,
        figures.moved,
        figures.unplaced,
        figures.wrong
    );
    assert!(wrong.is_empty(), "placed wrong: {wrong:#?}");
    let expected_unplaced = all.iter().filter(|c| c.expect.is_none()).count();
    assert_eq!(
        figures.unplaced, expected_unplaced,
        "only the passages that are gone or ambiguous stay unplaced"
    );
}
