//! Which links are note references and which elements define their notes. Resolved on
//! the whole page before the article is chosen, because some sites put the notes
//! outside the article container.
//!
//! A link `<a href="#x">` is a **reference** when its text is label-like (`1`, `[12]`,
//! `iv`, `*`) and either
//!
//! - its target links back to it (the general rule: the target's definition element
//!   holds a link to the reference or to an element around it), or
//! - it says it is one: it stands in (or holds) a `<sup>`, its `href`, `id` or `class`
//!   names a note (`fn`, `ftn`, `edn`, `note`, `cite_note`, `footnote`, `noteref`), or
//!   it has `role="doc-noteref"` / `epub:type="noteref"`.
//!
//! A link whose target stands *before* it is a back-link, never a reference. A
//! reference whose target is missing is kept when it says it is one (a note without
//! text). The definition is the target climbed out of inline elements (an `<a name>`
//! inside a `<p>`) and then out of a `<p>` into a wrapping `<li>`/`<div>` that holds no
//! other note and no reference to it.

use ego_tree::{NodeId, NodeRef};
use scraper::Node;
use std::collections::{HashMap, HashSet};

/// What the page's notes are.
#[derive(Default)]
pub struct Notes {
    /// The element an anchor replaces (the `<a>`, or a `<sup>` holding only it) → label.
    pub refs: HashMap<NodeId, String>,
    /// Definition element → index in `defs`.
    pub def_of: HashMap<NodeId, usize>,
    /// Definitions in document order: element, label, the id it was reached by.
    pub defs: Vec<Def>,
    /// Links left out of a note's text: back-links and the label link itself.
    pub skip_in_note: HashSet<NodeId>,
}

pub struct Def {
    pub node: NodeId,
    pub label: String,
    pub id: String,
}

const INLINE: &[&str] = &[
    "a", "span", "sup", "sub", "b", "i", "em", "strong", "small", "font", "code", "label",
    "cite", "abbr", "u", "s", "mark",
];

/// Elements a definition may climb into from a `<p>`.
const WRAPPERS: &[&str] = &["li", "div", "aside", "section", "dd", "blockquote", "td"];

fn name<'a>(n: &NodeRef<'a, Node>) -> Option<&'a str> {
    n.value().as_element().map(|e| e.name())
}

fn attr<'a>(n: &NodeRef<'a, Node>, a: &str) -> Option<&'a str> {
    n.value().as_element().and_then(|e| e.attr(a))
}

/// All text below `n` (iterative: deep trees do not recurse).
pub fn text_of(n: &NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in n.descendants() {
        if let Some(t) = d.value().as_text() {
            s.push_str(t);
        }
    }
    s
}

/// `[12]` → `12`; `None` when the text does not look like a note label.
pub fn clean_label(text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | '{' | '}') || c.is_whitespace())
        .trim_end_matches('.');
    let n = t.chars().count();
    if n == 0 || n > 8 {
        return None;
    }
    let digits = t.chars().all(|c| c.is_ascii_digit());
    let short_word = n <= 3 && t.chars().all(|c| c.is_alphanumeric());
    let symbol = t.chars().all(|c| matches!(c, '*' | '†' | '‡' | '§' | '¶'));
    (digits || short_word || symbol).then(|| t.to_owned())
}

fn note_word(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| {
            let w = w.trim_end_matches(|c: char| c.is_ascii_digit());
            matches!(
                w,
                "fn" | "ftn" | "ftnt" | "edn" | "note" | "notes" | "footnote" | "footnotes"
                    | "endnote" | "noteref" | "fnref" | "ftnref" | "ednref" | "sdfootnote"
                    | "sdendnote" | "footnoteref" | "reference" | "ref"
            )
        })
        || s.contains("cite_note")
        || s.contains("footnote")
        || s.contains("noteref")
}

/// The fragment of a link (`#x` → `x`), for links into this page.
fn fragment(href: &str) -> Option<&str> {
    let (_, f) = href.rsplit_once('#')?;
    (!f.is_empty()).then_some(f)
}

pub fn find(root: NodeRef<'_, Node>) -> Notes {
    // Document order and ids.
    let mut order: HashMap<NodeId, usize> = HashMap::new();
    let mut ids: HashMap<&str, NodeId> = HashMap::new();
    let mut links: Vec<NodeRef<'_, Node>> = Vec::new();
    for (i, n) in root.descendants().enumerate() {
        let Some(el) = n.value().as_element() else {
            continue;
        };
        order.insert(n.id(), i);
        if let Some(id) = el.attr("id") {
            ids.entry(id).or_insert(n.id());
        }
        if el.name() == "a" {
            if let Some(nm) = el.attr("name") {
                ids.entry(nm).or_insert(n.id());
            }
            if el.attr("href").and_then(fragment).is_some() {
                links.push(n);
            }
        }
    }
    let tree = root.tree();
    let pos = |n: NodeId| order.get(&n).copied().unwrap_or(0);

    struct Cand<'a> {
        link: NodeRef<'a, Node>,
        label: String,
        target: Option<NodeId>,
        says: bool,
    }
    let mut cands: Vec<Cand<'_>> = Vec::new();
    for link in links {
        let href = attr(&link, "href").unwrap_or("");
        let Some(frag) = fragment(href) else { continue };
        let Some(label) = clean_label(&text_of(&link)) else {
            continue;
        };
        let target = ids.get(frag).copied();
        if !href.starts_with('#') && target.is_none() {
            continue;
        }
        if let Some(t) = target {
            // A back-link or a link to something that holds it (a table of contents).
            if pos(t) <= pos(link.id()) {
                continue;
            }
        }
        let in_sup = link
            .ancestors()
            .take(2)
            .any(|a| name(&a) == Some("sup"))
            || link.descendants().any(|d| name(&d) == Some("sup"));
        let role = attr(&link, "role").unwrap_or("") == "doc-noteref"
            || attr(&link, "epub:type").is_some_and(|t| t.contains("noteref"));
        let words = note_word(frag)
            || attr(&link, "id").is_some_and(note_word)
            || attr(&link, "class").is_some_and(note_word);
        cands.push(Cand {
            link,
            label,
            target,
            says: in_sup || role || words,
        });
    }

    let targets: HashSet<NodeId> = cands.iter().filter_map(|c| c.target).collect();
    let mut refs_to: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
    for c in &cands {
        if let Some(t) = c.target {
            refs_to.entry(t).or_default().push(c.link.id());
        }
    }
    let contains = |outer: NodeId, inner: NodeId| {
        tree.get(inner)
            .is_some_and(|n| n.id() == outer || n.ancestors().any(|a| a.id() == outer))
    };

    // The definition element of each target.
    let mut def_node: HashMap<NodeId, NodeId> = HashMap::new();
    for &t in &targets {
        let Some(mut cur) = tree.get(t) else { continue };
        let refs = refs_to.get(&t).cloned().unwrap_or_default();
        let holds_ref = |n: NodeId| refs.iter().any(|&r| contains(n, r));
        while name(&cur).is_some_and(|n| INLINE.contains(&n)) {
            match cur.parent() {
                Some(p) if p.value().is_element() && !holds_ref(p.id()) => cur = p,
                _ => break,
            }
        }
        for _ in 0..2 {
            let Some(p) = cur.parent() else { break };
            let ok = name(&p).is_some_and(|n| WRAPPERS.contains(&n))
                && !holds_ref(p.id())
                && !targets.iter().any(|&o| o != t && contains(p.id(), o));
            if !ok {
                break;
            }
            cur = p;
        }
        def_node.insert(t, cur.id());
    }

    let mut notes = Notes::default();
    let mut label_of_def: HashMap<NodeId, String> = HashMap::new();
    for c in &cands {
        let backlinked = c.target.and_then(|t| def_node.get(&t)).is_some_and(|&d| {
            let mine: Vec<&str> = std::iter::once(c.link)
                .chain(c.link.ancestors().take(3))
                .filter_map(|n| attr(&n, "id").or_else(|| attr(&n, "name")))
                .collect();
            tree.get(d).is_some_and(|d| {
                d.descendants().any(|x| {
                    name(&x) == Some("a")
                        && attr(&x, "href")
                            .and_then(fragment)
                            .is_some_and(|f| mine.contains(&f))
                })
            })
        });
        if !(backlinked || c.says) {
            continue;
        }
        let label = match c.target.and_then(|t| def_node.get(&t)) {
            Some(&d) => label_of_def.entry(d).or_insert(c.label.clone()).clone(),
            None => c.label.clone(),
        };
        if let Some(&d) = c.target.and_then(|t| def_node.get(&t)) {
            if !notes.def_of.contains_key(&d) {
                let id = c
                    .target
                    .and_then(|t| tree.get(t))
                    .and_then(|t| attr(&t, "id").or_else(|| attr(&t, "name")))
                    .unwrap_or("")
                    .to_owned();
                notes.def_of.insert(d, usize::MAX);
                notes.defs.push(Def {
                    node: d,
                    label: label.clone(),
                    id,
                });
            }
            if let Some(t) = c.target {
                if t != d {
                    notes.skip_in_note.insert(t);
                }
            }
        }
        // The `<sup>` around a lone reference link goes with it.
        let mut node = c.link;
        if let Some(p) = c.link.parent() {
            if name(&p) == Some("sup") && text_of(&p).trim() == text_of(&c.link).trim() {
                node = p;
            }
        }
        notes.refs.insert(node.id(), label);
    }
    // References inside a definition are not body references (a back-link whose target
    // was missing, a note citing a note).
    let def_nodes: Vec<NodeId> = notes.defs.iter().map(|d| d.node).collect();
    notes
        .refs
        .retain(|&r, _| !def_nodes.iter().any(|&d| contains(d, r)));
    notes.defs.sort_by_key(|d| pos(d.node));
    // A definition inside another one is part of it.
    let all: Vec<NodeId> = notes.defs.iter().map(|d| d.node).collect();
    notes
        .defs
        .retain(|d| !all.iter().any(|&o| o != d.node && contains(o, d.node)));
    notes.def_of.clear();
    for (i, d) in notes.defs.iter().enumerate() {
        notes.def_of.insert(d.node, i);
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(clean_label(" [12] ").as_deref(), Some("12"));
        assert_eq!(clean_label("iv").as_deref(), Some("iv"));
        assert_eq!(clean_label("*").as_deref(), Some("*"));
        assert_eq!(clean_label("see the appendix"), None);
        assert_eq!(clean_label("↩"), None);
    }
}
