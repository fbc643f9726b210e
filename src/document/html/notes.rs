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

use super::dom::{Dom, NodeId, NodeRef};
use super::fast::{IdBuild, IdMap, IdSet};
use super::scan::{fragment, Scan};
use std::collections::{HashMap, HashSet};

/// What the page's notes are.
#[derive(Default)]
pub struct Notes<'a> {
    /// The element an anchor replaces (the `<a>`, or a `<sup>` holding only it) → label.
    pub refs: IdMap<String>,
    /// Definition element → indices in `defs` (several when notes share a block: they
    /// stand next to each other, the definitions being sorted by element).
    pub def_of: IdMap<std::ops::Range<usize>>,
    /// While resolving: the definitions found, by key.
    keys: IdSet,
    /// Definitions in document order: element, label, the id it was reached by.
    pub defs: Vec<Def>,
    /// Links left out of a note's text: back-links and the label link itself.
    pub skip_in_note: IdSet,
    /// Ids and names of references and the elements around them: a link to one of
    /// them inside a note is a back-link.
    pub ref_ids: HashSet<&'a str, IdBuild>,
    /// Reference element → its definition's key.
    pub ref_def: IdMap<NodeId>,
    /// Continuation blocks of loose definitions (left out of the body).
    pub more: IdSet,
}

pub struct Def {
    pub node: NodeId,
    pub label: String,
    pub id: String,
    /// What identifies the note: the definition element, or the target when several
    /// notes share one block.
    pub key: NodeId,
    /// When notes share a block: the children of `node` that are this note's.
    pub parts: Vec<NodeId>,
    /// Blocks after `node` that continue the note.
    pub more: Vec<NodeId>,
}

const INLINE: &[&str] = &[
    "a", "span", "sup", "sub", "b", "i", "em", "strong", "small", "font", "code", "label", "cite",
    "abbr", "u", "s", "mark",
];

/// Elements a definition may climb into from a `<p>`.
const WRAPPERS: &[&str] = &["li", "div", "aside", "section", "dd", "blockquote", "td"];

fn name<'a>(n: &NodeRef<'a>) -> Option<&'a str> {
    n.value().as_element().map(|e| e.name())
}

fn attr<'a>(n: &NodeRef<'a>, a: &str) -> Option<&'a str> {
    n.value().as_element().and_then(|e| e.fattr(a))
}

/// All text below `n` (iterative: deep trees do not recurse).
pub fn text_of(n: &NodeRef<'_>) -> String {
    let mut s = String::new();
    text_into(n, &mut s);
    s
}

/// The text below `n` into `buf` (cleared first): for callers asking of many nodes.
pub fn text_into(n: &NodeRef<'_>, buf: &mut String) {
    buf.clear();
    for d in n.descendants() {
        if let Some(t) = d.value().as_text() {
            buf.push_str(t);
        }
    }
}

/// The length of the text below `n` once trimmed, as `text_of(n).trim().len()` without
/// building the string.
pub fn trimmed_text_len(n: &NodeRef<'_>) -> usize {
    let mut total = 0;
    let mut lead = 0; // white space before the first other character
    let mut trail = 0; // white space after the last one
    let mut seen = false;
    for d in n.descendants() {
        let Some(t) = d.value().as_text() else {
            continue;
        };
        let t: &str = t;
        total += t.len();
        if !seen {
            let rest = t.trim_start();
            lead += t.len() - rest.len();
            if !rest.is_empty() {
                seen = true;
                trail = rest.len() - rest.trim_end().len();
            }
        } else {
            let kept = t.trim_end();
            trail = if kept.is_empty() {
                trail + t.len()
            } else {
                t.len() - kept.len()
            };
        }
    }
    if seen {
        total - lead - trail
    } else {
        0
    }
}

/// `[12]` → `12`; `None` when the text does not look like a note label.
pub fn clean_label(text: &str) -> Option<String> {
    // Most labels are a few ASCII digits, perhaps bracketed: answered byte-wise, as the
    // general path below would (it is asked of every link on the page).
    if text.len() <= 32 && text.is_ascii() {
        let space = |b: &u8| matches!(b, b' ' | b'\t'..=b'\r');
        let wrap = |b: &u8| space(b) || matches!(b, b'[' | b']' | b'(' | b')' | b'{' | b'}');
        let b = text.as_bytes();
        let start = b.iter().position(|c| !wrap(c)).unwrap_or(b.len());
        let end = b.iter().rposition(|c| !wrap(c)).map_or(start, |e| e + 1);
        let mut t = &b[start..end];
        while let [rest @ .., b'.'] = t {
            t = rest;
        }
        if !t.is_empty() && t.len() <= 8 && t.iter().all(u8::is_ascii_digit) {
            return std::str::from_utf8(t).ok().map(str::to_owned);
        }
    }
    // Back-link arrows (`↩`, `↑`, `⤴`) are no letters: said without the Unicode
    // tables, for the back-link after every note.
    let arrow = |c: char| matches!(c, '\u{2190}'..='\u{21FF}' | '\u{2900}'..='\u{297F}');
    let trimmed = text.trim();
    if !trimmed.is_empty() && trimmed.chars().all(arrow) {
        return None;
    }
    let t = trimmed
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

pub fn note_word(s: &str) -> bool {
    // Case-insensitively, without lowering a copy: this is asked of every link.
    const WORDS: &[&str] = &[
        "fn",
        "ftn",
        "ftnt",
        "edn",
        "note",
        "notes",
        "footnote",
        "footnotes",
        "endnote",
        "noteref",
        "fnref",
        "ftnref",
        "ednref",
        "sdfootnote",
        "sdendnote",
        "footnoteref",
        "reference",
        "ref",
    ];
    let has = |pat: &str| {
        s.as_bytes()
            .windows(pat.len())
            .any(|w| w.eq_ignore_ascii_case(pat.as_bytes()))
    };
    s.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        let w = w.trim_end_matches(|c: char| c.is_ascii_digit());
        WORDS.iter().any(|k| k.eq_ignore_ascii_case(w))
    }) || has("cite_note")
        || has("footnote")
        || has("noteref")
}

pub fn find<'a>(root: NodeRef<'a>, scan: &Scan<'a>) -> Notes<'a> {
    let ids = &scan.ids;
    let links = &scan.links;
    let tree = root.tree();
    let pos = |n: NodeId| scan.pos(n);
    // Links back by a fragment that no element names: `#_ftnref1` stands for `#_ftn1`.
    // Made only when a link's target is missing (most pages never need it): one more
    // pass over every link's attributes costs cache misses on a large page.
    let back_of_all = || {
        let mut back_of: HashMap<String, NodeId, IdBuild> = HashMap::default();
        for l in links {
            let Some(f) = attr(l, "href").and_then(fragment) else {
                continue;
            };
            if ids.contains_key(f) {
                continue;
            }
            let plain = f.replacen("ref", "", 1);
            if plain != f && !plain.is_empty() {
                back_of.entry(plain).or_insert(l.id());
            }
        }
        back_of
    };
    let mut back_of: Option<HashMap<String, NodeId, IdBuild>> = None;

    struct Cand<'a> {
        link: NodeRef<'a>,
        label: String,
        target: Option<NodeId>,
        says: bool,
        /// The ids and names of the link and the three elements around it.
        mine: ([&'a str; 8], usize),
        /// What an anchor replaces: the link, or a `<sup>` holding only it.
        node: NodeId,
    }
    let mut cands: Vec<Cand<'_>> = Vec::with_capacity(links.len());
    let mut toggle_count = 0;
    let mut text = String::new();
    for &link in links {
        // `<label for=x>` (a sidenote's number) stands for `<a href="#x">`.
        let for_label = name(&link) == Some("label");
        let owned;
        let href = if for_label {
            owned = format!("#{}", attr(&link, "for").unwrap_or(""));
            owned.as_str()
        } else {
            attr(&link, "href").unwrap_or("")
        };
        let Some(frag) = fragment(href) else { continue };
        text_into(&link, &mut text);
        let label = match clean_label(&text) {
            Some(l) => l,
            // Tufte-style sidenote numbers are drawn by CSS: count them.
            None if for_label && text.trim().is_empty() && ids.contains_key(frag) => {
                toggle_count += 1;
                toggle_count.to_string()
            }
            None => continue,
        };
        if attr(&link, "role") == Some("doc-backlink") {
            continue;
        }
        let mut target = ids.get(frag).copied();
        if target.is_none() {
            // A back-link whose target has no id (Word's `href="…#_ftnref1"`), or a
            // reference whose definition is reached only by its back-link.
            let lower = frag.to_ascii_lowercase();
            if lower.contains("ref") || lower.starts_with("fnr") {
                continue;
            }
            target = back_of.get_or_insert_with(back_of_all).get(frag).copied();
        }
        if !href.starts_with('#') && target.is_none() {
            continue;
        }
        if let Some(t) = target {
            // A back-link or a link to something that holds it (a table of contents).
            if pos(t) <= pos(link.id()) {
                continue;
            }
        }
        let in_sup = link.ancestors().take(2).any(|a| name(&a) == Some("sup"))
            || link.descendants().any(|d| name(&d) == Some("sup"));
        let role = attr(&link, "role").unwrap_or("") == "doc-noteref"
            || attr(&link, "epub:type").is_some_and(|t| t.contains("noteref"));
        let words = for_label
            || note_word(frag)
            || attr(&link, "id").is_some_and(note_word)
            || attr(&link, "class").is_some_and(note_word);
        // Read now, while the link and its ancestors are in the cache.
        let mut mine: [&str; 8] = [""; 8];
        let mut k = 0;
        for n in std::iter::once(link).chain(link.ancestors().take(3)) {
            if let Some(el) = n.value().as_element() {
                for v in el.fattr("id").into_iter().chain(el.fattr("name")) {
                    mine[k] = v;
                    k += 1;
                }
            }
        }
        // The `<sup>` around a lone reference link goes with it.
        let mut node = link.id();
        if let Some(p) = link.parent() {
            let alone = || {
                p.children()
                    .all(|x| x.id() == link.id() || trimmed_text_len(&x) == 0)
            };
            if name(&p) == Some("sup") && alone() {
                node = p.id();
            }
        }
        cands.push(Cand {
            link,
            label,
            target,
            says: in_sup || role || words,
            mine: (mine, k),
            node,
        });
    }

    let targets: IdSet = cands.iter().filter_map(|c| c.target).collect();
    // The maps below get about one entry per candidate: sized once.
    let n = cands.len();
    // (target, reference) pairs sorted by target: one slice per target, no Vec each.
    let mut refs_to: Vec<(NodeId, NodeId)> = cands
        .iter()
        .filter_map(|c| c.target.map(|t| (t, c.link.id())))
        .collect();
    refs_to.sort_unstable();
    let refs_of = |t: NodeId| {
        let from = refs_to.partition_point(|&(x, _)| x < t);
        let to = refs_to.partition_point(|&(x, _)| x <= t);
        &refs_to[from..to]
    };
    let contains = |outer: NodeId, inner: NodeId| scan.contains(outer, inner);

    // How many targets an element holds (itself included): the targets' places in
    // document order, sorted, counted within the element's span.
    // Targets in document order: the tree's nodes are stored about in that order, and a
    // hash set's order would jump about the page.
    let mut in_order: Vec<(usize, NodeId)> = targets.iter().map(|&t| (pos(t), t)).collect();
    in_order.sort_unstable();
    let target_pos: Vec<usize> = in_order.iter().map(|&(p, _)| p).collect();
    let held = |n: NodeId| match scan.order.get(&n) {
        Some(&(a, b)) => {
            target_pos.partition_point(|&p| p <= b) - target_pos.partition_point(|&p| p < a)
        }
        None => usize::from(targets.contains(&n)),
    };
    // The definition element of each target.
    let mut def_node: IdMap<NodeId> = IdMap::for_nodes(tree.len(), n);
    for &(_, t) in &in_order {
        let Some(mut cur) = tree.get(t) else { continue };
        let refs = refs_of(t);
        let holds_ref = |n: NodeId| refs.iter().any(|&(_, r)| contains(n, r));
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
                && held(p.id()) <= 1;
            if !ok {
                break;
            }
            cur = p;
        }
        def_node.insert(t, cur.id());
    }
    // Several notes in one block (`<a name=one>1</a> … <br><br> <a name=two>2</a> …`):
    // each is the block's children from the one holding its target to the next's.
    let mut sharing: IdMap<Vec<NodeId>> = IdMap::default();
    for (&t, &d) in &def_node {
        sharing.or_insert_with(d, Vec::new).push(t);
    }
    let mut parts_of: IdMap<Vec<NodeId>> = IdMap::default();
    for (&d, ts) in sharing.iter_mut() {
        if ts.len() < 2 {
            continue;
        }
        ts.sort_by_key(|&t| pos(t));
        let child_of = |t: NodeId| {
            tree.get(t).and_then(|n| {
                std::iter::once(n)
                    .chain(n.ancestors())
                    .find(|a| a.parent().is_some_and(|p| p.id() == d))
                    .map(|a| a.id())
            })
        };
        let firsts: Vec<Option<NodeId>> = ts.iter().map(|&t| child_of(t)).collect();
        for (i, &t) in ts.iter().enumerate() {
            let Some(first) = firsts[i].and_then(|c| tree.get(c)) else {
                continue;
            };
            let next = firsts.get(i + 1).copied().flatten();
            let mut parts = vec![first.id()];
            for sib in first.next_siblings() {
                if Some(sib.id()) == next {
                    break;
                }
                parts.push(sib.id());
            }
            parts_of.insert(t, parts);
        }
    }
    let key_of = |t: NodeId| {
        if parts_of.contains_key(&t) {
            Some(t)
        } else {
            def_node.get(&t).copied()
        }
    };

    let nodes = tree.len();
    let mut notes = Notes {
        refs: IdMap::for_nodes(nodes, n),
        ref_def: IdMap::for_nodes(nodes, n),
        keys: IdSet::for_nodes(nodes, n),
        ..Notes::default()
    };
    notes.ref_ids.reserve(n);
    let mut label_of_def: IdMap<String> = IdMap::for_nodes(nodes, n);
    let mut linked_from: IdMap<HashSet<&str, IdBuild>> = IdMap::default();
    // By value: each candidate's label moves into the notes instead of being copied.
    for c in cands {
        // The ids and names of the link and the elements around it.
        let mine = &c.mine.0[..c.mine.1];
        // Only asked when the link does not say it is a reference: the walk over its
        // definition's links is the costly part of a page with thousands of notes.
        let backlinked = !c.says
            && c.target.and_then(|t| def_node.get(&t)).is_some_and(|&d| {
                let linked = linked_from.or_insert_with(d, || {
                    tree.get(d).map_or_else(HashSet::default, |d| {
                        d.descendants()
                            .filter(|x| name(x) == Some("a"))
                            .filter_map(|x| attr(&x, "href").and_then(fragment))
                            .collect()
                    })
                });
                mine.iter().any(|m| linked.contains(m))
            });
        if !(backlinked || c.says) {
            continue;
        }
        notes.ref_ids.extend(mine.iter().copied());
        let key = c.target.and_then(key_of);
        let label = match key {
            Some(k) => label_of_def.or_insert_with(k, || c.label).clone(),
            None => c.label,
        };
        if let (Some(&d), Some(k), Some(t)) =
            (c.target.and_then(|t| def_node.get(&t)), key, c.target)
        {
            if notes.keys.insert(k) {
                let id = c
                    .target
                    .and_then(|t| tree.get(t))
                    .and_then(|t| attr(&t, "id").or_else(|| attr(&t, "name")))
                    .unwrap_or("")
                    .to_owned();
                notes.defs.push(Def {
                    node: d,
                    label: label.clone(),
                    id,
                    key: k,
                    parts: parts_of.get(&t).cloned().unwrap_or_default(),
                    more: Vec::new(),
                });
            }
            if let Some(t) = c.target {
                if t != d {
                    notes.skip_in_note.insert(t);
                }
            }
        }
        let node = c.node;
        if let Some(k) = key {
            notes.ref_def.insert(node, k);
        }
        notes.refs.insert(node, label);
    }
    loose_notes(tree, scan, &mut notes);
    // References inside a definition are not body references (a back-link whose target
    // was missing, a note citing a note). Definitions are subtrees, so each either holds
    // another or is apart from it: the outermost spans, sorted, answer "inside one?".
    let mut spans: Vec<(usize, usize)> = notes
        .defs
        .iter()
        .filter_map(|d| scan.order.get(&d.node).copied())
        .collect();
    spans.sort_unstable();
    let mut outer: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for sp in spans {
        match outer.last() {
            Some(o) if sp.0 <= o.1 => {}
            _ => outer.push(sp),
        }
    }
    // Inside a definition; strictly inside unless `self_too`.
    let in_def = |n: NodeId, self_too: bool| {
        let Some(&(p, _)) = scan.order.get(&n) else {
            return false;
        };
        let i = outer.partition_point(|o| o.0 <= p);
        i > 0 && {
            let o = outer[i - 1];
            p <= o.1 && (self_too || o.0 < p)
        }
    };
    notes.refs.retain(|&r, _| !in_def(r, true));
    notes.defs.sort_by_key(|d| (pos(d.node), pos(d.key)));
    // A definition inside another one is part of it.
    notes.defs.retain(|d| !in_def(d.node, false));
    notes.defs.dedup_by_key(|d| d.key);
    // A definition that only references inside definitions pointed to is no note.
    let cited: IdSet = notes
        .refs
        .keys()
        .filter_map(|r| notes.ref_def.get(r).copied())
        .collect();
    notes.defs.retain(|d| cited.contains(&d.key));
    // Two notes with one label (three `*`s): numbered in order instead.
    let dup = {
        let mut seen: HashSet<&str, IdBuild> = HashSet::default();
        notes.defs.iter().any(|d| !seen.insert(d.label.as_str()))
    };
    if dup {
        for (i, d) in notes.defs.iter_mut().enumerate() {
            d.label = (i + 1).to_string();
        }
        let by_key: IdMap<&str> = notes
            .defs
            .iter()
            .map(|d| (d.key, d.label.as_str()))
            .collect();
        for (&r, label) in notes.refs.iter_mut() {
            if let Some(l) = notes.ref_def.get(&r).and_then(|k| by_key.get(k)) {
                *label = (*l).to_owned();
            }
        }
    }
    notes.def_of = IdMap::for_nodes(nodes, notes.defs.len());
    notes.more.clear();
    for (i, d) in notes.defs.iter().enumerate() {
        notes.def_of.or_insert_with(d.node, || i..i).end = i + 1;
        notes.more.extend(d.more.iter().copied());
    }
    notes
}

/// `<sup>` numbers without links, bound by the number to a definition found on the
/// page: the element named by `data-definition`; item N of a notes list (an `<ol>` in
/// an `<aside>` or named `footnotes`/`notes`, or after a `Notes` heading; numbered from
/// its `start`); an element with id `fnN`/`footnote-N`/`note-N`; or, after the last
/// `<hr>`, a paragraph opening with the number (`<sup>1</sup> …`, `<strong>1</strong>
/// …`) with the blocks up to the next such paragraph as its continuation.
fn loose_notes<'a>(tree: &'a Dom, scan: &Scan<'a>, notes: &mut Notes<'a>) {
    let pos = |n: NodeId| scan.pos(n);
    let taken: IdSet = notes.defs.iter().map(|d| d.node).collect();
    let inside = |n: &NodeRef<'_>, set: &IdSet| {
        set.contains(&n.id()) || n.ancestors().any(|a| set.contains(&a.id()))
    };
    let mut sups: Vec<(NodeRef<'_>, String)> = Vec::new();
    for &n in &scan.sups {
        if notes.refs.contains_key(&n.id()) {
            continue;
        }
        if attr(&n, "data-definition").is_none() {
            let linked = n
                .descendants()
                .any(|d| attr(&d, "href").is_some_and(|h| h.len() > 1));
            if linked || inside(&n, &taken) {
                continue;
            }
        }
        if let Some(l) = clean_label(&text_of(&n)) {
            sups.push((n, l));
        }
    }
    let (lists, hrs) = (&scan.lists, &scan.hrs);
    if sups.is_empty() {
        return;
    }
    // Lowered only now: most pages have no unlinked `<sup>` numbers at all.
    let mut by_id: HashMap<String, NodeId, IdBuild> = HashMap::default();
    for &(id, n) in &scan.id_attrs {
        by_id.entry(id.to_ascii_lowercase()).or_insert(n);
    }
    let sups_with_data: IdSet = sups
        .iter()
        .filter(|(n, _)| attr(n, "data-definition").is_some())
        .map(|(n, _)| n.id())
        .collect();
    // Notes-list items by number.
    let mut item: HashMap<String, NodeId, IdBuild> = HashMap::default();
    for l in lists {
        let start: usize = attr(l, "start").and_then(|s| s.parse().ok()).unwrap_or(1);
        let items = l.children().filter(|c| name(c) == Some("li"));
        for (i, li) in items.enumerate() {
            item.entry((start + i).to_string()).or_insert(li.id());
        }
    }
    // Loose paragraphs after the last `<hr>`.
    let mut loose: HashMap<String, (NodeId, Vec<NodeId>), IdBuild> = HashMap::default();
    if let Some(hr) = hrs.last() {
        let mut current: Option<String> = None;
        for sib in hr.next_siblings() {
            if !sib.value().is_element() {
                continue;
            }
            let first = sib.children().find(|c| {
                c.value().is_element() || c.value().as_text().is_some_and(|t| !t.trim().is_empty())
            });
            let label = first
                .filter(|f| matches!(name(f), Some("sup" | "strong" | "b")))
                .and_then(|f| clean_label(&text_of(&f)));
            match label {
                Some(l) => {
                    loose.entry(l.clone()).or_insert((sib.id(), Vec::new()));
                    current = Some(l);
                }
                None => {
                    if let Some(e) = current.as_ref().and_then(|c| loose.get_mut(c)) {
                        e.1.push(sib.id());
                    }
                }
            }
        }
    }
    let loose_nodes: IdSet = loose
        .values()
        .flat_map(|(m, c)| std::iter::once(*m).chain(c.iter().copied()))
        .collect();
    let mut def_by_node: IdMap<String> = IdMap::default();
    for (sup, label) in sups {
        if inside(&sup, &loose_nodes) || sup.ancestors().any(|a| sups_with_data.contains(&a.id())) {
            // The number that opens a loose definition.
            continue;
        }
        let data = std::iter::once(sup)
            .chain(sup.ancestors().take(2))
            .find_map(|a| attr(&a, "data-definition"))
            .and_then(|d| by_id.get(&d.to_ascii_lowercase()).copied());
        let by_pattern = || {
            [
                "fn",
                "fn-",
                "footnote-",
                "footnote",
                "note-",
                "note",
                "endnote-",
                "fn:",
            ]
            .iter()
            .find_map(|p| by_id.get(&format!("{p}{label}")).copied())
        };
        let mut cont = Vec::new();
        let def = data
            .or_else(|| item.get(&label).copied())
            .or_else(by_pattern)
            .or_else(|| {
                let (m, c) = loose.get(&label)?;
                cont = c.clone();
                Some(*m)
            });
        let Some(def) = def.filter(|&d| pos(d) > pos(sup.id())) else {
            continue;
        };
        if tree
            .get(def)
            .is_some_and(|d| sup.ancestors().any(|a| a.id() == d.id()))
        {
            continue;
        }
        let label = def_by_node.or_insert_with(def, || label).clone();
        if notes.keys.insert(def) {
            let id = tree
                .get(def)
                .and_then(|d| attr(&d, "id"))
                .unwrap_or("")
                .to_owned();
            notes.defs.push(Def {
                node: def,
                label: label.clone(),
                id,
                key: def,
                parts: Vec::new(),
                more: cont,
            });
        }
        notes.ref_def.insert(sup.id(), def);
        notes.refs.insert(sup.id(), label);
    }
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
        // The ASCII fast path agrees with the general one.
        assert_eq!(clean_label("\u{0B}(3.)\n").as_deref(), Some("3"));
        assert_eq!(clean_label("[1.]").as_deref(), Some("1"));
        assert_eq!(clean_label("123456789"), None);
        assert_eq!(clean_label("1.2"), None);
        assert_eq!(clean_label(" [] "), None);
        assert_eq!(clean_label("...").as_deref(), None);
    }
}
