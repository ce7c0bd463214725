//! Where every node of a parsed file stands: a compact index from JSON pointers to
//! lines, columns and character extents, kept after the file's value is dropped.

use saphyr_parser::Span;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Loc {
    pub line: u32,
    pub column: u32,
}

impl Loc {
    pub(super) fn from_span(span: Span) -> Loc {
        Loc {
            line: u32::try_from(span.start.line()).unwrap_or(u32::MAX),
            column: u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
        }
    }
}

/// Where every node of a file stands, kept after the file's value is dropped.
///
/// A flat list of nodes in document order, each naming its parent and its slot there
/// (a mapping key or a sequence index), with all keys in one string. A few bytes per
/// node, so a register of 12,000 files keeps its positions in a few megabytes.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    pub(super) nodes: Vec<PosEntry>,
    pub(super) keys: String,
    /// Whether each container node is a mapping (kept apart: it is only read by edits).
    pub(super) mappings: Vec<bool>,
    /// Whether the parser's character offsets held to the end of the file.
    pub(super) exact: bool,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct PosEntry {
    pub(super) parent: u32,
    pub(super) slot: Slot,
    pub(super) at: Loc,
    /// Where the node's key stands, for mapping values.
    pub(super) key_at: Loc,
    pub(super) container: bool,
    /// Character offsets of the node: where it starts, and where the parser says it
    /// ends (for a quoted scalar that can run over trailing blanks and a comment; for a
    /// block collection, the end of its last descendant). A node starts at its own
    /// first character, after any anchor or tag (`at` is where those start): a
    /// collection at its `{`, `[`, first key, `?` or `-`; a quoted scalar at its quote.
    /// An empty value, which has no characters, starts and ends just after its `:` or
    /// `-` (or its key, when it has no `:`).
    pub(super) start: u32,
    pub(super) end: u32,
    /// Character offset just past the node's key, for mapping values.
    pub(super) key_end: u32,
    pub(super) style: Style,
}

/// How a node is written, which decides how it can be edited in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// A `|` or `>` block scalar; its span starts at its first content line (at the
    /// `|` or `>` when it has an anchor or tag).
    BlockScalar,
    /// In brackets, or a single-pair mapping in a flow sequence (`[a: b]`), which has
    /// none: its span starts at its key.
    FlowCollection,
    BlockCollection,
}

/// What the editor needs to know about one node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpan {
    /// Character offsets (not counting a byte order mark) of the node's own text, from
    /// after its anchor or tag; an empty value's are both just after its `:` or `-`.
    pub start: usize,
    pub end: usize,
    pub key_end: Option<usize>,
    /// Where the node stands, its anchor or tag included.
    pub at: Loc,
    pub key_at: Option<Loc>,
    pub style: Style,
    pub is_mapping: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Root,
    Key { start: u32, len: u32 },
    Index(u32),
}

impl Positions {
    pub(super) fn push(
        &mut self,
        parent: u32,
        slot: Slot,
        at: Loc,
        key_at: Loc,
        container: bool,
    ) -> u32 {
        let id = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        self.nodes.push(PosEntry {
            parent,
            slot,
            at,
            key_at,
            container,
            start: 0,
            end: 0,
            key_end: 0,
            style: Style::Plain,
        });
        id
    }

    /// Whether the character offsets of [`Positions::span`] can be trusted. The parser
    /// counts the bytes, not the characters, of a `%` directive's name and parameters,
    /// so non-ASCII text there shifts every offset after it (lines and columns stay
    /// right). An edit needs exact offsets; error positions do not.
    pub fn exact(&self) -> bool {
        self.exact
    }

    /// The extent and style of the node a pointer names, if it exists.
    pub fn span(&self, pointer: &str) -> Option<NodeSpan> {
        let (Some(i), true) = self.find(pointer) else {
            return None;
        };
        Some(self.span_of(i))
    }

    fn span_of(&self, i: usize) -> NodeSpan {
        let node = &self.nodes[i];
        let keyed = matches!(node.slot, Slot::Key { .. });
        NodeSpan {
            start: node.start as usize,
            end: node.end as usize,
            key_end: keyed.then_some(node.key_end as usize),
            at: node.at,
            key_at: keyed.then_some(node.key_at),
            style: node.style,
            is_mapping: node.container && self.mappings.get(i).copied().unwrap_or(false),
        }
    }

    /// The spans of the children of the node a pointer names, in document order.
    pub fn children(&self, pointer: &str) -> Vec<NodeSpan> {
        let (Some(parent), true) = self.find(pointer) else {
            return Vec::new();
        };
        (parent + 1..self.nodes.len())
            .filter(|&i| self.nodes[i].parent as usize == parent)
            .map(|i| self.span_of(i))
            .collect()
    }

    /// The keys of the children of the mapping a pointer names, in document order
    /// (`None` for sequence items).
    pub fn child_keys(&self, pointer: &str) -> Vec<Option<&str>> {
        let (Some(parent), true) = self.find(pointer) else {
            return Vec::new();
        };
        (parent + 1..self.nodes.len())
            .filter(|&i| self.nodes[i].parent as usize == parent)
            .map(|i| self.key(self.nodes[i].slot))
            .collect()
    }

    pub(super) fn key(&self, slot: Slot) -> Option<&str> {
        match slot {
            Slot::Key { start, len } => self.keys.get(start as usize..(start + len) as usize),
            _ => None,
        }
    }

    /// The node a pointer names, or the deepest existing node along its path and
    /// whether the whole path was found.
    fn find(&self, pointer: &str) -> (Option<usize>, bool) {
        if self.nodes.is_empty() {
            return (None, false);
        }
        let mut current = 0usize;
        for raw in pointer.split('/').skip(1) {
            let segment = raw.replace("~1", "/").replace("~0", "~");
            let index = segment.parse::<u32>().ok();
            let child = (current + 1..self.nodes.len()).find(|&i| {
                let node = &self.nodes[i];
                node.parent as usize == current
                    && match node.slot {
                        Slot::Index(n) => Some(n) == index,
                        slot @ Slot::Key { .. } => self.key(slot) == Some(segment.as_str()),
                        Slot::Root => false,
                    }
            });
            match child {
                Some(i) => current = i,
                None => return (Some(current), false),
            }
        }
        (Some(current), true)
    }

    /// Where the node at a JSON pointer stands: the key of a mapping entry whose value
    /// is a collection (that is the line a person looks for), otherwise the value
    /// itself. A pointer that does not exist (a missing required field) resolves to
    /// its longest existing prefix.
    pub fn locate(&self, pointer: &str) -> Loc {
        match self.find(pointer).0 {
            Some(i) => {
                let node = &self.nodes[i];
                if node.container && matches!(node.slot, Slot::Key { .. }) {
                    node.key_at
                } else {
                    node.at
                }
            }
            None => Loc { line: 1, column: 1 },
        }
    }

    /// [`Positions::locate_key`] when the pointer names a key, else [`Positions::locate`].
    pub fn locate_node(&self, pointer: &str, at_key: bool) -> Loc {
        if at_key {
            self.locate_key(pointer)
        } else {
            self.locate(pointer)
        }
    }

    /// Where the key ending `pointer` stands (for unknown fields), falling back to the
    /// nearest existing node.
    pub fn locate_key(&self, pointer: &str) -> Loc {
        match self.find(pointer) {
            (Some(i), true) if matches!(self.nodes[i].slot, Slot::Key { .. }) => {
                self.nodes[i].key_at
            }
            _ => self.locate(pointer),
        }
    }
}
