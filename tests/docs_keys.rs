//! `docs/keys.md` must list exactly the keys the reader binds. Run with
//! `UPDATE_DOCS=1 cargo test --test docs_keys` to regenerate the tables after a keymap change.

const BEGIN: &str = "<!-- keys:begin (generated from src/keymap.rs) -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn keys_doc_matches_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
    let doc = std::fs::read_to_string(path).expect("docs/keys.md exists");
    let tables = sidenote::keymap::Keymap::builtin().markdown_tables();
    let (Some(b), Some(e)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/keys.md lacks the generated-table markers");
    };
    let current = &doc[b + BEGIN.len()..e];
    if current != tables {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            let updated = format!("{}{}{}{}", &doc[..b], BEGIN, tables, &doc[e..]);
            std::fs::write(path, updated).expect("write docs/keys.md");
        } else {
            panic!("docs/keys.md is out of date; run UPDATE_DOCS=1 cargo test --test docs_keys\n\nexpected:\n{tables}");
        }
    }
}
