//! `--json`: the model as scripts read it (docs/model.md).
//!
//! Schema 2 keeps every schema-1 field with its meaning (`meta`, `blocks[].kind/text/
//! anchors[].label/at/note`, `notes[].label/text/refs`; a note's `text` is its
//! paragraphs joined by a blank line) and adds, beside them, `schema`, `format`,
//! `encoding`, `source_len`, `scopes`, and per block `src`/`src_len`/`runs`, per note
//! `scope`/`defined`/`paragraphs`/`kind`/`src`/`src_len`.

use super::model::Document;
use serde_json::Value;

/// The version of the JSON printed by `--json`.
pub const SCHEMA: u64 = 2;

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
