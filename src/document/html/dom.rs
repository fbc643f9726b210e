//! The page's tree, built by html5ever through our own `TreeSink` into a lean arena:
//! nodes in one `Vec` indexed by `u32`, element names as atoms, only the attributes
//! the reader asks for, and all text in one shared `String`. scraper's tree (an
//! `ego_tree` of ~140-byte nodes, every attribute and text its own heap tendril) made
//! every later pass over the page miss the cache; here a node is a few words, a page's
//! text is read in the order it was written, and a node's id is a plain index, so maps
//! keyed by node are vectors (`fast::IdMap`). See docs/performance.md, "HTML, fourth
//! round".
//!
//! The tree is the one scraper built, node for node (the same nodes, in the same
//! creation order, text merged the same way, `<template>` contents as a fragment child),
//! so that everything read from it is unchanged; only unread attributes are gone.

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{local_name, ns, Attribute, LocalName, Namespace, QualName};
use std::borrow::Cow;
use std::cell::{Ref, RefCell};
use std::fmt;
use std::sync::LazyLock;

/// A node's place in the arena, in creation order (as ego_tree's ids were).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct NodeId(u32);

impl NodeId {
    /// The node's index in the arena: for per-node vectors.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// No node (a missing parent, child or sibling).
const NONE: u32 = u32::MAX;

/// The attributes kept: what `scan.rs`, `notes.rs`, `walk.rs` and `mod.rs` read. Every
/// other attribute is dropped while parsing (a page has many: `src`, `alt`, `data-*`,
/// `aria-*`, `lang`, …). A kept attribute is stored by its place in this list, so that
/// looking one up compares a byte, not a string.
const KEPT: [&str; 18] = [
    "id",
    "name",
    "href",
    "for",
    "role",
    "data-definition",
    "class",
    "epub:type",
    "start",
    "type",
    "reversed",
    "value",
    "hidden",
    "aria-hidden",
    "style",
    "content",
    "property",
    "datetime",
];

/// `KEPT` as atoms, made once: telling whether an attribute is kept then compares
/// one word per name (interned atoms are equal exactly when their words are).
static KEPT_ATOMS: LazyLock<[LocalName; 18]> = LazyLock::new(|| KEPT.map(LocalName::from));

/// An attribute's place in `KEPT`.
pub(super) fn kept(name: &LocalName) -> Option<u8> {
    KEPT_ATOMS
        .iter()
        .position(|a| a == name)
        .and_then(|i| u8::try_from(i).ok())
}

/// The place of a kept attribute's name in `KEPT` (a constant once inlined: callers
/// pass literals).
#[inline]
fn code_of(name: &str) -> Option<u8> {
    KEPT.iter().position(|k| *k == name).map(|i| i as u8)
}

/// A kept attribute: its name's place in `KEPT` and its value's place in
/// `Dom::attr_text`.
struct Attr {
    code: u8,
    start: u32,
    end: u32,
}

enum Kind {
    Document,
    /// A `<template>`'s contents (its first child, as scraper made it).
    Fragment,
    /// A comment, doctype or processing instruction: never read, kept so that text
    /// around it is not merged (text nodes, and so block offsets, stay as they were).
    Other,
    /// Text at `start..end` in `Dom::text`.
    Text {
        start: u32,
        end: u32,
    },
    /// An element: its name, namespace (for the tree builder: svg and math) and its
    /// kept attributes at `start..end` in `Dom::attrs`.
    Element {
        name: LocalName,
        ns: Namespace,
        start: u32,
        end: u32,
    },
}

struct Slot {
    parent: u32,
    prev: u32,
    next: u32,
    first: u32,
    last: u32,
    kind: Kind,
}

/// The page's tree. Node 0 is the document.
pub struct Dom {
    nodes: Vec<Slot>,
    attrs: Vec<Attr>,
    attr_text: String,
    text: String,
}

/// A node, as the reader sees it.
#[derive(Clone, Copy)]
pub enum Node<'a> {
    Document,
    Fragment,
    Other,
    Text(&'a str),
    Element(Element<'a>),
}

impl<'a> Node<'a> {
    #[inline]
    pub fn as_element(self) -> Option<Element<'a>> {
        match self {
            Node::Element(e) => Some(e),
            _ => None,
        }
    }

    #[inline]
    pub fn as_text(self) -> Option<&'a str> {
        match self {
            Node::Text(t) => Some(t),
            _ => None,
        }
    }

    #[inline]
    pub fn is_element(self) -> bool {
        matches!(self, Node::Element(_))
    }
}

/// An element: its local name and its kept attributes.
#[derive(Clone, Copy)]
pub struct Element<'a> {
    dom: &'a Dom,
    name: &'a LocalName,
    start: u32,
    end: u32,
}

impl<'a> Element<'a> {
    /// The local name (`a`, `p`; `svg` elements by theirs too).
    #[inline]
    pub fn name(&self) -> &'a str {
        self.name
    }

    #[inline]
    fn list(&self) -> &'a [Attr] {
        self.dom
            .attrs
            .get(self.start as usize..self.end as usize)
            .unwrap_or(&[])
    }

    #[inline]
    fn text_of(&self, a: &Attr) -> &'a str {
        self.dom
            .attr_text
            .get(a.start as usize..a.end as usize)
            .unwrap_or("")
    }

    /// The kept attributes, by local name, in scraper's order on svg and math elements
    /// (sorted by qualified name, which decides whether `href` or `xlink:href` comes
    /// first); on an HTML element local names are unique, so order never matters.
    pub fn attrs(&self) -> impl Iterator<Item = (&'static str, &'a str)> + use<'a> {
        let el = *self;
        self.list()
            .iter()
            .map(move |a| (KEPT[usize::from(a.code)], el.text_of(a)))
    }

    /// The first kept attribute of this local name (`None` for one not kept).
    #[inline]
    pub fn fattr(&self, name: &str) -> Option<&'a str> {
        let code = code_of(name)?;
        let a = self.list().iter().find(|a| a.code == code)?;
        Some(self.text_of(a))
    }
}

impl Dom {
    /// Room for `capacity` nodes and for `text_len` bytes of text (a page's text is
    /// at most about its length; room never written is never touched).
    fn new(capacity: usize, text_len: usize) -> Self {
        let mut nodes = Vec::with_capacity(capacity.max(1));
        nodes.push(Slot::new(Kind::Document));
        Dom {
            nodes,
            attrs: Vec::new(),
            attr_text: String::new(),
            text: String::with_capacity(text_len),
        }
    }

    pub fn root(&self) -> NodeRef<'_> {
        NodeRef { dom: self, id: 0 }
    }

    pub fn get(&self, id: NodeId) -> Option<NodeRef<'_>> {
        ((id.0 as usize) < self.nodes.len()).then_some(NodeRef {
            dom: self,
            id: id.0,
        })
    }

    /// How many nodes there are (ids are below this).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    fn slot(&self, id: u32) -> Option<&Slot> {
        self.nodes.get(id as usize)
    }

    fn slot_mut(&mut self, id: u32) -> Option<&mut Slot> {
        self.nodes.get_mut(id as usize)
    }

    /// A new node without a parent. Past 2^32 - 1 nodes (a Vec of ~100 GB, which no
    /// allocation gives) it would get no id: `NONE`, which every operation ignores.
    fn orphan(&mut self, kind: Kind) -> u32 {
        let Ok(id) = u32::try_from(self.nodes.len()) else {
            return NONE;
        };
        if id == NONE {
            return NONE;
        }
        self.nodes.push(Slot::new(kind));
        id
    }

    /// `s` stored at the end of `buf`: its range, or `None` past 4 GiB (text beyond
    /// that is dropped rather than wrapped).
    fn store(buf: &mut String, s: &str) -> Option<(u32, u32)> {
        let start = u32::try_from(buf.len()).ok()?;
        let end = u32::try_from(buf.len() + s.len()).ok()?;
        buf.push_str(s);
        Some((start, end))
    }

    fn new_text(&mut self, s: &str) -> u32 {
        let (start, end) = Dom::store(&mut self.text, s).unwrap_or((0, 0));
        self.orphan(Kind::Text { start, end })
    }

    /// Appends `s` to text node `id` when it is one (true), as scraper merged adjacent
    /// text. The node's text is extended in place when it is the last text stored (the
    /// usual case), else copied to the end first.
    fn push_text(&mut self, id: u32, s: &str) -> bool {
        let Some(&Slot {
            kind: Kind::Text { start, end },
            ..
        }) = self.slot(id)
        else {
            return false;
        };
        let range = if end as usize == self.text.len() {
            Dom::store(&mut self.text, s).map(|(_, e)| (start, e))
        } else {
            let old = self.text[start as usize..end as usize].to_owned();
            Dom::store(&mut self.text, &old)
                .and_then(|(a, _)| Dom::store(&mut self.text, s).map(|(_, e)| (a, e)))
        };
        if let (Some((start, end)), Some(slot)) = (range, self.slot_mut(id)) {
            slot.kind = Kind::Text { start, end };
        }
        true
    }

    /// Takes `id` out of its parent's children (ego_tree's `detach`).
    fn detach(&mut self, id: u32) {
        let Some(s) = self.slot(id) else { return };
        let (parent, prev, next) = (s.parent, s.prev, s.next);
        if parent == NONE {
            return;
        }
        if let Some(s) = self.slot_mut(id) {
            s.parent = NONE;
            s.prev = NONE;
            s.next = NONE;
        }
        if let Some(p) = self.slot_mut(prev) {
            p.next = next;
        }
        if let Some(n) = self.slot_mut(next) {
            n.prev = prev;
        }
        if let Some(p) = self.slot_mut(parent) {
            if p.first == id {
                p.first = next;
            }
            if p.last == id {
                p.last = prev;
            }
        }
    }

    /// `child` as the last child of `parent` (ego_tree's `append_id`).
    fn append(&mut self, parent: u32, child: u32) {
        if parent == child || self.slot(parent).is_none() || self.slot(child).is_none() {
            return;
        }
        let last = self.slot(parent).map_or(NONE, |p| p.last);
        if last == child {
            return;
        }
        self.detach(child);
        if let Some(c) = self.slot_mut(child) {
            c.parent = parent;
            c.prev = last;
        }
        if let Some(l) = self.slot_mut(last) {
            l.next = child;
        }
        if let Some(p) = self.slot_mut(parent) {
            if p.first == NONE {
                p.first = child;
            }
            p.last = child;
        }
    }

    /// `new` just before `sibling`, which has a parent (ego_tree's `insert_id_before`).
    fn insert_before(&mut self, sibling: u32, new: u32) {
        if sibling == new || self.slot(new).is_none() {
            return;
        }
        self.detach(new);
        let Some(s) = self.slot(sibling) else { return };
        let (parent, prev) = (s.parent, s.prev);
        if parent == NONE {
            return;
        }
        if let Some(n) = self.slot_mut(new) {
            n.parent = parent;
            n.prev = prev;
            n.next = sibling;
        }
        if let Some(p) = self.slot_mut(prev) {
            p.next = new;
        }
        if let Some(s) = self.slot_mut(sibling) {
            s.prev = new;
        }
        if let Some(p) = self.slot_mut(parent) {
            if p.first == sibling {
                p.first = new;
            }
        }
    }

    /// All of `from`'s children moved to the end of `to`'s (ego_tree's
    /// `reparent_from_id_append`).
    fn reparent(&mut self, from: u32, to: u32) {
        if from == to || self.slot(to).is_none() {
            return;
        }
        let Some(f) = self.slot_mut(from) else { return };
        let (first, last) = (f.first, f.last);
        if first == NONE {
            return;
        }
        f.first = NONE;
        f.last = NONE;
        let mut c = first;
        while let Some(s) = self.slot_mut(c) {
            s.parent = to;
            c = s.next;
        }
        let old_last = self.slot(to).map_or(NONE, |t| t.last);
        if let Some(l) = self.slot_mut(old_last) {
            l.next = first;
        }
        if let Some(f) = self.slot_mut(first) {
            f.prev = old_last;
        }
        if let Some(t) = self.slot_mut(to) {
            if t.first == NONE {
                t.first = first;
            }
            t.last = last;
        }
    }
}

impl Slot {
    fn new(kind: Kind) -> Self {
        Slot {
            parent: NONE,
            prev: NONE,
            next: NONE,
            first: NONE,
            last: NONE,
            kind,
        }
    }
}

/// A node of the tree, with the tree: what the reader walks.
#[derive(Clone, Copy)]
pub struct NodeRef<'a> {
    dom: &'a Dom,
    id: u32,
}

impl<'a> NodeRef<'a> {
    #[inline]
    pub fn id(&self) -> NodeId {
        NodeId(self.id)
    }

    #[inline]
    pub fn tree(&self) -> &'a Dom {
        self.dom
    }

    #[inline]
    fn slot(&self) -> &'a Slot {
        // Every `NodeRef` is made for a node of `dom`.
        &self.dom.nodes[self.id as usize]
    }

    #[inline]
    fn to(&self, id: u32) -> Option<NodeRef<'a>> {
        (id != NONE).then_some(NodeRef { dom: self.dom, id })
    }

    #[inline]
    pub fn value(&self) -> Node<'a> {
        match &self.slot().kind {
            Kind::Document => Node::Document,
            Kind::Fragment => Node::Fragment,
            Kind::Other => Node::Other,
            Kind::Text { start, end } => Node::Text(
                self.dom
                    .text
                    .get(*start as usize..*end as usize)
                    .unwrap_or(""),
            ),
            Kind::Element {
                name, start, end, ..
            } => Node::Element(Element {
                dom: self.dom,
                name,
                start: *start,
                end: *end,
            }),
        }
    }

    #[inline]
    pub fn parent(&self) -> Option<NodeRef<'a>> {
        self.to(self.slot().parent)
    }

    #[inline]
    pub fn first_child(&self) -> Option<NodeRef<'a>> {
        self.to(self.slot().first)
    }

    #[inline]
    pub fn next_sibling(&self) -> Option<NodeRef<'a>> {
        self.to(self.slot().next)
    }

    /// The children, in order.
    pub fn children(&self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        std::iter::successors(self.first_child(), |n| n.next_sibling())
    }

    /// The siblings after this node, in order.
    pub fn next_siblings(&self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        std::iter::successors(self.next_sibling(), |n| n.next_sibling())
    }

    /// Parent, grandparent, … up to the document.
    pub fn ancestors(&self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        std::iter::successors(self.parent(), |n| n.parent())
    }

    /// This node and everything below it, in document order.
    pub fn descendants(&self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        self.traverse().filter_map(|e| match e {
            Edge::Open(n) => Some(n),
            Edge::Close(_) => None,
        })
    }

    /// Opening and closing edges of this subtree in document order (no recursion).
    pub fn traverse(&self) -> Traverse<'a> {
        Traverse {
            root: *self,
            next: Some(Edge::Open(*self)),
        }
    }
}

/// An edge of a traversal: entering a node or leaving it.
#[derive(Clone, Copy)]
pub enum Edge<'a> {
    Open(NodeRef<'a>),
    Close(NodeRef<'a>),
}

pub struct Traverse<'a> {
    root: NodeRef<'a>,
    next: Option<Edge<'a>>,
}

impl<'a> Iterator for Traverse<'a> {
    type Item = Edge<'a>;

    fn next(&mut self) -> Option<Edge<'a>> {
        let edge = self.next?;
        self.next = match edge {
            Edge::Open(n) => Some(match n.first_child() {
                Some(c) => Edge::Open(c),
                None => Edge::Close(n),
            }),
            Edge::Close(n) if n.id == self.root.id => None,
            Edge::Close(n) => match n.next_sibling() {
                Some(s) => Some(Edge::Open(s)),
                None => n.parent().map(Edge::Close),
            },
        };
        Some(edge)
    }
}

/// How much of the page html5ever is given at a time.
const PIECE: usize = 64 * 1024;

/// The page parsed. `capacity`: how many nodes to make room for (a hint).
///
/// Given in pieces rather than whole: a whole page is first copied into one tendril as
/// large as the page, in freshly mapped memory the kernel must clear page by page; a
/// piece's buffer is reused from the allocator. The tokenizer reads across pieces as
/// it reads across one buffer (text split at a piece's end is merged in its node), so
/// the tree is the same.
pub fn parse(text: &str, capacity: usize) -> Dom {
    parse_in_pieces(text, capacity, PIECE)
}

pub(super) fn parse_in_pieces(text: &str, capacity: usize, piece: usize) -> Dom {
    let mut parser = html5ever::driver::parse_document(
        Sink(RefCell::new(Dom::new(capacity, text.len()))),
        Default::default(),
    );
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(piece.max(1));
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (head, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(head));
        rest = tail;
    }
    parser.finish()
}

/// Builds a `Dom` for html5ever's tree builder, as scraper's `HtmlTreeSink` built its
/// tree (same nodes, same order, same merging of text).
struct Sink(RefCell<Dom>);

/// An element's name for the tree builder, read under the tree's borrow.
pub struct Name<'a>(Ref<'a, Dom>, u32);

static NO_NS: Namespace = ns!();
static NO_NAME: LocalName = local_name!("");

impl ElemName for Name<'_> {
    fn ns(&self) -> &Namespace {
        match self.0.slot(self.1).map(|s| &s.kind) {
            Some(Kind::Element { ns, .. }) => ns,
            _ => &NO_NS,
        }
    }

    fn local_name(&self) -> &LocalName {
        match self.0.slot(self.1).map(|s| &s.kind) {
            Some(Kind::Element { name, .. }) => name,
            _ => &NO_NAME,
        }
    }
}

impl fmt::Debug for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}:{:?}", self.ns(), self.local_name())
    }
}

impl TreeSink for Sink {
    type Handle = u32;
    type Output = Dom;
    type ElemName<'a> = Name<'a>;

    fn finish(self) -> Dom {
        self.0.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> u32 {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a u32) -> Name<'a> {
        Name(self.0.borrow(), *target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> u32 {
        let template = name.ns == ns!(html) && name.local == local_name!("template");
        let mut dom = self.0.borrow_mut();
        let dom = &mut *dom;
        let mut attrs = attrs;
        // scraper's order (by qualified name) on svg and math elements, where two
        // attributes may share a local name (`href`, `xlink:href`); an HTML element's
        // names are unique (the tokenizer drops repeats), so there order never matters.
        if attrs.len() > 1 && name.ns != ns!(html) {
            attrs.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        }
        let start = u32::try_from(dom.attrs.len()).unwrap_or(NONE);
        for a in attrs {
            let Some(code) = kept(&a.name.local) else {
                continue;
            };
            if let Some((s, e)) = Dom::store(&mut dom.attr_text, &a.value) {
                dom.attrs.push(Attr {
                    code,
                    start: s,
                    end: e,
                });
            }
        }
        let end = u32::try_from(dom.attrs.len()).unwrap_or(start);
        let id = dom.orphan(Kind::Element {
            name: name.local,
            ns: name.ns,
            start,
            end,
        });
        if template {
            let fragment = dom.orphan(Kind::Fragment);
            dom.append(id, fragment);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> u32 {
        self.0.borrow_mut().orphan(Kind::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
        self.0.borrow_mut().orphan(Kind::Other)
    }

    fn append(&self, parent: &u32, child: NodeOrText<u32>) {
        let mut dom = self.0.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => dom.append(*parent, id),
            NodeOrText::AppendText(text) => {
                let last = dom.slot(*parent).map_or(NONE, |p| p.last);
                if !dom.push_text(last, &text) {
                    let t = dom.new_text(&text);
                    dom.append(*parent, t);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &u32,
        prev_element: &u32,
        child: NodeOrText<u32>,
    ) {
        let has_parent = self
            .0
            .borrow()
            .slot(*element)
            .is_some_and(|s| s.parent != NONE);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut dom = self.0.borrow_mut();
        let d = dom.orphan(Kind::Other);
        dom.append(0, d);
    }

    fn get_template_contents(&self, target: &u32) -> u32 {
        self.0.borrow().slot(*target).map_or(NONE, |s| s.first)
    }

    fn same_node(&self, x: &u32, y: &u32) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &u32, new_node: NodeOrText<u32>) {
        let mut dom = self.0.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            dom.detach(id);
        }
        let Some(s) = dom.slot(*sibling) else { return };
        if s.parent == NONE {
            return;
        }
        let prev = s.prev;
        match new_node {
            NodeOrText::AppendNode(id) => dom.insert_before(*sibling, id),
            NodeOrText::AppendText(text) => {
                if !dom.push_text(prev, &text) {
                    let t = dom.new_text(&text);
                    dom.insert_before(*sibling, t);
                }
            }
        }
    }

    /// Only asked for `<html>` and `<body>` (a second tag of either): HTML elements,
    /// whose attributes are all unprefixed, so a local name is a whole name here.
    fn add_attrs_if_missing(&self, target: &u32, attrs: Vec<Attribute>) {
        let mut dom = self.0.borrow_mut();
        let dom = &mut *dom;
        let Some(Kind::Element { start, end, .. }) = dom.slot(*target).map(|s| &s.kind) else {
            return;
        };
        let (start, end) = (*start as usize, *end as usize);
        let missing: Vec<(u8, Attribute)> = attrs
            .into_iter()
            .filter_map(|a| kept(&a.name.local).map(|c| (c, a)))
            .filter(|(c, _)| {
                !dom.attrs
                    .get(start..end)
                    .unwrap_or(&[])
                    .iter()
                    .any(|o| o.code == *c)
            })
            .collect();
        if missing.is_empty() {
            return;
        }
        // The element's attributes and the new ones, together at the end.
        let new_start = dom.attrs.len();
        for i in start..end {
            let a = &dom.attrs[i];
            let moved = Attr {
                code: a.code,
                start: a.start,
                end: a.end,
            };
            dom.attrs.push(moved);
        }
        for (code, a) in missing {
            if let Some((s, e)) = Dom::store(&mut dom.attr_text, &a.value) {
                dom.attrs.push(Attr {
                    code,
                    start: s,
                    end: e,
                });
            }
        }
        let (Ok(s), Ok(e)) = (u32::try_from(new_start), u32::try_from(dom.attrs.len())) else {
            return;
        };
        if let Some(Slot {
            kind: Kind::Element { start, end, .. },
            ..
        }) = dom.slot_mut(*target)
        {
            *start = s;
            *end = e;
        }
    }

    fn remove_from_parent(&self, target: &u32) {
        self.0.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &u32, new_parent: &u32) {
        self.0.borrow_mut().reparent(*node, *new_parent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(n: NodeRef<'_>, out: &mut String) {
        for e in n.traverse() {
            match e {
                Edge::Open(n) => match n.value() {
                    Node::Element(el) => {
                        out.push('<');
                        out.push_str(el.name());
                        for (k, v) in el.attrs() {
                            out.push_str(&format!(" {k}={v:?}"));
                        }
                        out.push('>');
                    }
                    Node::Text(t) => out.push_str(&format!("{t:?}")),
                    Node::Other => out.push('!'),
                    Node::Fragment => out.push('#'),
                    Node::Document => {}
                },
                Edge::Close(n) => {
                    if let Some(el) = n.value().as_element() {
                        out.push_str(&format!("</{}>", el.name()));
                    }
                }
            }
        }
    }

    fn tree(html: &str) -> String {
        let dom = parse(html, 0);
        let mut s = String::new();
        shape(dom.root(), &mut s);
        s
    }

    #[test]
    fn builds_the_page_tree() {
        assert_eq!(
            tree("<!doctype html><title>T</title><p id=a lang=en>x&amp;y<!--c-->z"),
            "!<html><head><title>\"T\"</title></head><body><p id=\"a\">\"x&y\"!\"z\"</p></body></html>"
        );
    }

    #[test]
    fn repairs_markup_as_a_browser() {
        // Adoption agency, foster parenting (text and a node before the table), a
        // second <body> adding a missing attribute, template contents.
        assert_eq!(
            tree("<body class=k><b>1<p>2</b>3</p><table>a<i>b</i><tr><td>c</table><body id=x class=z><template><p>t</template>"),
            "<html><head></head><body class=\"k\" id=\"x\"><b>\"1\"</b><p><b>\"2\"</b>\"3\"</p>\"a\"<i>\"b\"</i><table><tbody><tr><td>\"c\"</td></tr></tbody></table><template>#<p>\"t\"</p></template></body></html>"
        );
    }

    fn first<'a>(dom: &'a Dom, tag: &str) -> Option<Element<'a>> {
        dom.root()
            .descendants()
            .filter_map(|n| n.value().as_element())
            .find(|e| e.name() == tag)
    }

    #[test]
    fn only_read_attributes_are_kept() {
        let dom = parse(
            r##"<p lang=en data-x=1 id=a class="b c" epub:type=noteref data-definition=d>"##,
            0,
        );
        let p = first(&dom, "p").expect("a p");
        // As written: an HTML element's names are unique, so their order never matters.
        let attrs: Vec<(&str, &str)> = p.attrs().collect();
        assert_eq!(
            attrs,
            [
                ("id", "a"),
                ("class", "b c"),
                ("epub:type", "noteref"),
                ("data-definition", "d")
            ]
        );
        assert_eq!(p.fattr("lang"), None);
        assert_eq!(p.fattr("epub:type"), Some("noteref"));
    }

    #[test]
    fn svg_href_is_found_as_scraper_found_it() {
        // `href` sorts before `xlink:href` (no prefix first), whichever is written first.
        for page in [
            "<svg><a xlink:href=q href=r>x</a></svg>",
            "<svg><a href=r xlink:href=q>x</a></svg>",
        ] {
            let dom = parse(page, 0);
            assert_eq!(first(&dom, "a").and_then(|a| a.fattr("href")), Some("r"));
        }
    }

    #[test]
    fn pieces_give_the_same_tree() {
        let page = "<!doctype html><p class=x>caf\u{e9} &amp;&eacute; \u{1F600}<b>1<p>2</b>\
                    <table>t<tr><td>d</table><!--c--><pre>\n\nx</pre><a href='#n1'>[1]</a>";
        let mut whole = String::new();
        shape(parse_in_pieces(page, 0, usize::MAX).root(), &mut whole);
        for piece in 1..9 {
            let mut cut = String::new();
            shape(parse_in_pieces(page, 0, piece).root(), &mut cut);
            assert_eq!(cut, whole, "pieces of {piece}");
        }
    }

    #[test]
    fn traversal_and_relatives() {
        let dom = parse("<div><p>a</p><p>b<em>c</em></p></div>", 0);
        let div = dom
            .root()
            .descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.name() == "div"))
            .expect("a div");
        let kids: Vec<NodeId> = div.children().map(|c| c.id()).collect();
        assert_eq!(kids.len(), 2);
        let em = div
            .descendants()
            .last()
            .and_then(|t| t.parent())
            .expect("em");
        assert_eq!(em.value().as_element().map(|e| e.name()), Some("em"));
        assert!(em.ancestors().any(|a| a.id() == div.id()));
        assert_eq!(
            div.children().next().map(|p| p.next_siblings().count()),
            Some(1)
        );
        // Ids are in creation order, which is document order here.
        let ids: Vec<NodeId> = dom.root().descendants().map(|n| n.id()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(dom.get(NodeId(dom.len() as u32)).map(|n| n.id()), None);
    }
}
