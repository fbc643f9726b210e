//! One pass over the whole page collecting what every later step asks of it: element
//! order, ids, links, `<sup>` numbers, notes lists, rules, paragraph text per subtree,
//! article candidates, title, `<meta>`, first headings and times. A page's tree is
//! large and scattered in memory, so walking it costs far more than its instruction
//! count says; every pass saved is worth a few of these vectors.

use super::dom::{Edge, Element, NodeId, NodeRef};
use super::fast::{IdBuild, IdMap};
use super::notes::{note_word, trimmed_text_len};
use std::collections::HashMap;

pub struct Scan<'a> {
    /// Each element's place in document order and the last place inside it.
    pub order: IdMap<(usize, usize)>,
    /// Targets by id: `id` attributes and `<a name>` (the first wins), then sidenote
    /// toggles' ids for the element after the toggle.
    pub ids: HashMap<&'a str, NodeId, IdBuild>,
    /// Every `id` attribute, in document order.
    pub id_attrs: Vec<(&'a str, NodeId)>,
    /// `<a href="…#x">` and `<label for>`, in document order.
    pub links: Vec<NodeRef<'a>>,
    /// `<sup>` and `data-definition` elements, in document order.
    pub sups: Vec<NodeRef<'a>>,
    /// `<ol>` lists that name themselves notes (or follow a Notes heading).
    pub lists: Vec<NodeRef<'a>>,
    /// `<hr>` rules.
    pub hrs: Vec<NodeRef<'a>>,
    /// Trimmed `<p>` text length in each node's subtree (nodes with some only).
    pub p_sub: IdMap<usize>,
    /// Each `<p>` and its own trimmed text length.
    pub p_own: Vec<(NodeRef<'a>, usize)>,
    /// `<article>` elements, and `<main>` or `[role=main]` ones.
    pub articles: Vec<NodeRef<'a>>,
    pub mains: Vec<NodeRef<'a>>,
    pub body: Option<NodeRef<'a>>,
    /// The first `<title>`.
    pub title: Option<NodeRef<'a>>,
    /// Every `<meta>`.
    pub metas: Vec<Element<'a>>,
    /// `<h1>` and `<time>` elements, in document order.
    pub h1s: Vec<NodeRef<'a>>,
    pub times: Vec<NodeRef<'a>>,
}

/// The fragment of a link (`#x` → `x`), for links into this page.
pub fn fragment(href: &str) -> Option<&str> {
    let (_, f) = href.rsplit_once('#')?;
    (!f.is_empty()).then_some(f)
}

const NOTES_HEADINGS: &[&str] = &["notes", "footnotes", "endnotes", "references", "sidenotes"];

/// `input_len`, the page's size in bytes, sizes the id map up front (about an id per
/// 256 bytes of a page; growing it by doubling rehashed every entry several times);
/// the node maps are sized by the tree.
pub fn scan<'a>(root: NodeRef<'a>, input_len: usize) -> Scan<'a> {
    let nodes = root.tree().len();
    let mut s = Scan {
        order: IdMap::for_nodes(nodes, nodes),
        ids: HashMap::with_capacity_and_hasher(input_len / 256, IdBuild::default()),
        id_attrs: Vec::new(),
        links: Vec::new(),
        sups: Vec::new(),
        lists: Vec::new(),
        hrs: Vec::new(),
        p_sub: IdMap::for_nodes(nodes, 0),
        p_own: Vec::new(),
        articles: Vec::new(),
        mains: Vec::new(),
        body: None,
        title: None,
        metas: Vec::new(),
        h1s: Vec::new(),
        times: Vec::new(),
    };
    let mut toggles: HashMap<&str, NodeId, IdBuild> = HashMap::default();
    let mut last_heading_notes = false;
    // Paragraph text summed bottom-up, and where each open element started.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    for edge in root.traverse() {
        let n = match edge {
            Edge::Open(n) => n,
            Edge::Close(n) => {
                let Some(el) = n.value().as_element() else {
                    continue;
                };
                let (mut total, start) = stack.pop().unwrap_or((0, i - 1));
                // Entered once, when the element's span is known.
                s.order.insert(n.id(), (start, i - 1));
                if el.name() == "p" {
                    let len = trimmed_text_len(&n);
                    s.p_own.push((n, len));
                    total += len;
                }
                if total > 0 {
                    s.p_sub.insert(n.id(), total);
                }
                if let Some(top) = stack.last_mut() {
                    top.0 += total;
                }
                continue;
            }
        };
        i += 1;
        let Some(el) = n.value().as_element() else {
            continue;
        };
        stack.push((0, i - 1));
        let name = el.name();
        // The attributes every element is asked for, in one pass over them (the first
        // of a name counts, as with `fattr`).
        let (mut id, mut data_definition, mut role) = (None, false, None);
        for (k, v) in el.attrs() {
            match k {
                "id" if id.is_none() => id = Some(v),
                "data-definition" => data_definition = true,
                "role" if role.is_none() => role = Some(v),
                _ => {}
            }
        }
        if let Some(id) = id {
            s.id_attrs.push((id, n.id()));
            if name == "input" {
                // A sidenote's toggle: the note is the element after it, unless an
                // element further on has the id too (org-mode's footnote list).
                if let Some(next) = n.next_siblings().find(|s| s.value().is_element()) {
                    toggles.entry(id).or_insert(next.id());
                }
            } else {
                s.ids.entry(id).or_insert(n.id());
            }
        }
        if name == "sup" || data_definition {
            s.sups.push(n);
        }
        if role == Some("main") && name != "main" {
            s.mains.push(n);
        }
        match name {
            "label" if el.fattr("for").is_some() => s.links.push(n),
            "a" => {
                if let Some(nm) = el.fattr("name") {
                    s.ids.entry(nm).or_insert(n.id());
                }
                if el.fattr("href").and_then(fragment).is_some() {
                    s.links.push(n);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if name == "h1" {
                    s.h1s.push(n);
                }
                let t = super::notes::text_of(&n);
                let t = t.trim().trim_end_matches(':');
                last_heading_notes = NOTES_HEADINGS.iter().any(|h| h.eq_ignore_ascii_case(t));
            }
            "ol" => {
                let named = last_heading_notes
                    || std::iter::once(n).chain(n.ancestors().take(3)).any(|a| {
                        a.value().as_element().is_some_and(|e| {
                            e.name() == "aside"
                                || e.fattr("class").is_some_and(note_word)
                                || e.fattr("id").is_some_and(note_word)
                        })
                    });
                if named {
                    s.lists.push(n);
                }
            }
            "hr" => s.hrs.push(n),
            "article" => s.articles.push(n),
            "main" => s.mains.push(n),
            "body" if s.body.is_none() => s.body = Some(n),
            "title" if s.title.is_none() => s.title = Some(n),
            "meta" => s.metas.push(el),
            "time" => s.times.push(n),
            _ => {}
        }
    }
    for (id, next) in toggles {
        s.ids.entry(id).or_insert(next);
    }
    s
}

impl Scan<'_> {
    /// An element's place in document order (0 when unknown).
    pub fn pos(&self, n: NodeId) -> usize {
        self.order.get(&n).map_or(0, |s| s.0)
    }

    /// Does `outer` hold `inner` (or is it `inner`)?
    pub fn contains(&self, outer: NodeId, inner: NodeId) -> bool {
        match (self.order.get(&outer), self.order.get(&inner)) {
            (Some(o), Some(i)) => o.0 <= i.0 && i.0 <= o.1,
            _ => outer == inner,
        }
    }

    /// Trimmed `<p>` text in `n`'s subtree.
    pub fn p_text(&self, n: NodeId) -> usize {
        self.p_sub.get(&n).copied().unwrap_or(0)
    }
}
