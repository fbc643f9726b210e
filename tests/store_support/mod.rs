//! Hand-built documents and helpers shared by the store tests. The text is our own
//! fictional writing.
#![allow(dead_code)]

use sidenote::document::{Block, BlockKind, DocPos, Document, Meta, Note};

/// A fixed "now" so no test depends on the clock: 2024-05-29 12:00 UTC.
pub const NOW: u64 = 1_716_984_000;

/// A document as if parsed from `bytes_of` it: blocks and the note carry their source
/// offsets, so a block inserted before a passage moves it in the source too.
pub fn doc(title: &str, blocks: &[&str]) -> Document {
    let mut d = Document {
        meta: Meta {
            title: Some(title.to_string()),
            date_text: Some("May 29, 2024".to_string()),
            ..Meta::default()
        },
        blocks: blocks
            .iter()
            .map(|t| Block {
                kind: BlockKind::Paragraph,
                text: t.to_string().into(),
                anchors: smallvec::smallvec![],
                ..Block::default()
            })
            .collect(),
        notes: vec![Note {
            label: "1".into(),
            text: Some("Harbour Gazette, March 3, 2024.".into()),
            refs: Default::default(),
            ..Note::default()
        }],
        notices: vec![],
        ..Document::default()
    };
    set_src(&mut d);
    d
}

/// Sets `src`/`src_len` of every block and note to where `bytes_of` puts them (the note
/// after the blocks).
pub fn set_src(d: &mut Document) {
    let mut at = d.meta.title.as_deref().map_or(0, str::len);
    d.meta.title_src = Some(0);
    for b in &mut d.blocks {
        at += 2;
        b.src = at;
        b.src_len = b.text.len() as u32;
        at += b.text.len();
    }
    for n in &mut d.notes {
        at += 2;
        n.src = at.into();
        n.src_len = n.text.as_deref().map_or(0, str::len) as u32;
        at += n.src_len as usize;
    }
}

pub const P1: &str = "The harbour council met on Tuesday to discuss the new ferry timetable.";
pub const P2: &str = "Residents of the northern islands complained that the early crossing had been cancelled without notice, leaving fishermen stranded on the quay until noon.";
pub const P3: &str =
    "A spokesman for the ferry company said the decision would be reviewed in the spring.";

/// The original version of the test dispatch.
pub fn original() -> Document {
    doc("Ferry Timetable Dispute", &[P1, P2, P3])
}

/// Position of `needle` in `doc`'s block `block`.
pub fn pos_of(doc: &Document, block: usize, needle: &str) -> DocPos {
    let at = doc.blocks[block]
        .text
        .find(needle)
        .expect("needle is in the block");
    DocPos::new(2 + block, at)
}

/// The bytes a file holding `doc` would have: enough to give distinct fingerprints.
pub fn bytes_of(doc: &Document) -> Vec<u8> {
    let mut s = doc.meta.title.clone().unwrap_or_default();
    for b in &doc.blocks {
        s.push_str("\n\n");
        s.push_str(&b.text);
    }
    s.into_bytes()
}

/// Writes `doc` as a file at `path` and returns its key.
pub fn write_doc(path: &std::path::Path, doc: &Document) -> sidenote::store::DocKey {
    let bytes = bytes_of(doc);
    std::fs::write(path, &bytes).expect("write test document");
    sidenote::store::DocKey::for_file(path, &bytes)
}

/// Whether this process can write into directories it has made read-only (root can).
pub fn chmod_protects() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let Ok(d) = tempfile::tempdir() else {
        return false;
    };
    let _ = std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o555));
    let blocked = std::fs::write(d.path().join("probe"), b"x").is_err();
    let _ = std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755));
    blocked
}
