//! `--json`: the model as scripts read it (docs/model.md).
//!
//! Schema 2 keeps every schema-1 field with its meaning (`meta`, `blocks[].kind/text/
//! anchors[].label/at/note`, `notes[].label/text/refs`; a note's `text` is its
//! paragraphs joined by a blank line) and adds, beside them, `schema`, `format`,
//! `encoding`, `source_len`, `scopes`, and per block `src`/`src_len`/`runs`, per note
//! `scope`/`defined`/`paragraphs`/`kind`/`src`/`src_len`.

use super::model::{Document, Note};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// The version of the JSON printed by `--json`.
pub const SCHEMA: u64 = 2;

/// The same JSON as [`to_json`], written as it is serialized (`--json`): building the
/// `Value` tree first took about 12 times the file's size for a big file.
pub struct Streamed<'a>(pub &'a Document);

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        // The fields in `Document`'s order, after `schema`, as `to_json` puts them.
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("schema", &SCHEMA)?;
        m.serialize_entry("format", &d.format)?;
        m.serialize_entry("encoding", &d.encoding)?;
        m.serialize_entry("meta", &d.meta)?;
        m.serialize_entry("blocks", &d.blocks)?;
        m.serialize_entry("notes", &Notes(&d.notes))?;
        m.serialize_entry("scopes", &d.scopes)?;
        m.serialize_entry("source_len", &d.source_len)?;
        if !d.notices.is_empty() {
            m.serialize_entry("notices", &d.notices)?;
        }
        m.end()
    }
}

struct Notes<'a>(&'a [Note]);

/// A note with its `paragraphs` after its own fields.
#[derive(Serialize)]
struct NoteJson<'a> {
    #[serde(flatten)]
    note: &'a Note,
    paragraphs: Vec<&'a str>,
}

impl Serialize for Notes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for note in self.0 {
            seq.serialize_element(&NoteJson {
                note,
                paragraphs: note.paragraphs(),
            })?;
        }
        seq.end()
    }
}

pub fn to_json(doc: &Document) -> Value {
    let mut value = serde_json::to_value(doc).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        if let Some(Value::Array(notes)) = map.get_mut("notes") {
            for (note, n) in notes.iter_mut().zip(&doc.notes) {
                if let Value::Object(obj) = note {
                    let paragraphs = n.paragraphs().into_iter().map(Value::from).collect();
                    obj.insert("paragraphs".into(), Value::Array(paragraphs));
                }
            }
        }
        let mut out = serde_json::Map::with_capacity(map.len() + 1);
        out.insert("schema".into(), Value::from(SCHEMA));
        out.append(map);
        return Value::Object(out);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_streamed_json_is_the_same_json() {
        let mut doc = crate::document::load(crate::input::SAMPLE.as_bytes()).expect("sample");
        doc.notices.push("a notice".into());
        let tree = serde_json::to_string_pretty(&to_json(&doc)).expect("tree");
        let streamed = serde_json::to_string_pretty(&Streamed(&doc)).expect("streamed");
        assert_eq!(streamed, tree);
    }
}
