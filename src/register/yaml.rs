//! One-pass YAML loading with positions.
//!
//! A register file is parsed exactly once, from saphyr-parser's event stream, into two
//! things at the same time: the `serde_json::Value` that the JSON Schemas validate and
//! the typed model deserialises from, and a [`PosNode`] tree holding the line and column
//! of every node (and of every mapping key) so that any JSON pointer can be traced back
//! to the place in the file a person has to edit.
//!
//! The events are consumed with an explicit stack instead of the parser's recursive
//! `load`, so hostile nesting cannot overflow the stack: nesting deeper than
//! [`MAX_DEPTH`] stops the parse with an error. Aliases are refused outright (they are
//! the vector of "billion laughs" bombs and hide content from reviewers of a diff),
//! as are duplicate keys (YAML forbids them and they silently drop data), complex keys,
//! custom tags and files holding more than one document.
//!
//! Plain scalars are resolved with the YAML 1.2 core schema: `null`, booleans, integers
//! and floats; everything else, dates included, stays a string.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use serde_json::{Map, Number, Value};

/// Deepest nesting of mappings and sequences accepted in one file.
pub const MAX_DEPTH: usize = 64;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Loc {
    pub line: u32,
    pub column: u32,
}

impl Loc {
    fn from_span(span: Span) -> Loc {
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
    nodes: Vec<PosEntry>,
    keys: String,
    /// Whether each container node is a mapping (kept apart: it is only read by edits).
    mappings: Vec<bool>,
    /// Whether the parser's character offsets held to the end of the file.
    exact: bool,
}

#[derive(Debug, Clone, Copy)]
struct PosEntry {
    parent: u32,
    slot: Slot,
    at: Loc,
    /// Where the node's key stands, for mapping values.
    key_at: Loc,
    container: bool,
    /// Character offsets of the node: where it starts, and where the parser says it
    /// ends (for a quoted scalar that can run over trailing blanks and a comment; for a
    /// block collection, the end of its last descendant). A node starts at its own
    /// first character, after any anchor or tag (`at` is where those start): a
    /// collection at its `{`, `[`, first key, `?` or `-`; a quoted scalar at its quote.
    /// An empty value, which has no characters, starts and ends just after its `:` or
    /// `-` (or its key, when it has no `:`).
    start: u32,
    end: u32,
    /// Character offset just past the node's key, for mapping values.
    key_end: u32,
    style: Style,
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
enum Slot {
    Root,
    Key { start: u32, len: u32 },
    Index(u32),
}

impl Positions {
    fn push(&mut self, parent: u32, slot: Slot, at: Loc, key_at: Loc, container: bool) -> u32 {
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

    fn key(&self, slot: Slot) -> Option<&str> {
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

/// A parsed file: its value and where each node of it stands.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// `Value::Null` for a file holding no document (empty, or comments only).
    pub value: Value,
    pub positions: Positions,
    /// False when the file held no YAML document at all.
    pub has_document: bool,
}

/// Why a file could not be turned into a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub at: Loc,
    pub message: String,
}

impl YamlError {
    fn new(at: Loc, message: impl Into<String>) -> YamlError {
        YamlError {
            at,
            message: message.into(),
        }
    }
}

impl From<ScanError> for YamlError {
    fn from(e: ScanError) -> YamlError {
        let mark = e.marker();
        YamlError::new(
            Loc {
                line: u32::try_from(mark.line()).unwrap_or(u32::MAX),
                column: u32::try_from(mark.col() + 1).unwrap_or(u32::MAX),
            },
            e.info().to_string(),
        )
    }
}

/// A container under construction on the explicit stack.
struct Frame {
    /// This container's entry in the position index.
    node: u32,
    /// The furthest end offset of anything inside the container so far.
    end: u32,
    /// The key this container will be stored under in its parent mapping.
    key: Option<String>,
    content: Content,
}

enum Content {
    Map {
        map: Map<String, Value>,
        pending_key: Option<(String, Loc, u32)>,
    },
    Seq(Vec<Value>),
}

/// Parses one file's text into its value and position index.
pub fn parse(text: &str) -> Result<Parsed, YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser::new_from_str(text);
    let mut chars = CharAt::new(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut positions = Positions::default();
    let mut root: Option<Value> = None;
    let mut documents = 0usize;

    while let Some(next) = parser.next_event() {
        let (event, span) = next?;
        let at = Loc::from_span(span);
        match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
            Event::StreamEnd => {
                positions.exact = span.start.index() == chars.count();
                break;
            }
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError::new(
                        at,
                        "a second YAML document (`---`) in one file; a register file holds exactly one entity",
                    ));
                }
            }
            Event::Alias(_) => {
                return Err(YamlError::new(
                    at,
                    "aliases (`*name`) are not accepted in register files; write the value out in full",
                ));
            }
            Event::Scalar(text, style, anchor, tag) => {
                let written = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal | ScalarStyle::Folded => Style::BlockScalar,
                };
                let properties = anchor != 0 || tag.is_some();
                let empty = text.is_empty() && style == ScalarStyle::Plain && !properties;
                let value = resolve_scalar(text, style, tag.as_deref())
                    .map_err(|message| YamlError::new(at, message))?;
                let end = offset(span.end.index());
                let extent = if empty && span.is_empty() {
                    let at = empty_value_at(&stack, &mut chars, end);
                    (at, at)
                } else {
                    (own_start(&mut chars, span, properties), end)
                };
                scalar(
                    &mut stack,
                    &mut positions,
                    &mut root,
                    value,
                    at,
                    extent,
                    written,
                )?;
            }
            Event::MappingStart(anchor, ref tag) | Event::SequenceStart(anchor, ref tag) => {
                let mapping = matches!(event, Event::MappingStart(..));
                let properties = anchor != 0 || tag.is_some();
                let (start, flow) =
                    collection_start(&stack, &positions, &mut chars, span, properties, mapping);
                open(
                    &mut stack,
                    &mut positions,
                    tag.as_deref(),
                    at,
                    mapping,
                    start,
                    flow,
                )?;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let Some(frame) = stack.pop() else {
                    return Err(YamlError::new(at, "unbalanced end of a collection"));
                };
                let node = &mut positions.nodes[frame.node as usize];
                // A closing bracket ends its collection; a block collection (and a
                // single-pair mapping in a flow sequence, which has no braces) ends
                // with its last descendant.
                node.end = if node.style == Style::FlowCollection && !span.is_empty() {
                    // The token can run over blanks and a comment after the bracket.
                    offset(span.start.index()).saturating_add(1)
                } else {
                    frame.end.max(node.start)
                };
                let end = node.end;
                if let Some(parent) = stack.last_mut() {
                    parent.end = parent.end.max(end);
                }
                let value = match frame.content {
                    Content::Map { map, .. } => Value::Object(map),
                    Content::Seq(items) => Value::Array(items),
                };
                match stack.last_mut() {
                    None => root = Some(value),
                    Some(parent) => store(parent, frame.key, value),
                }
            }
        }
    }

    Ok(match root {
        Some(value) => Parsed {
            value,
            positions,
            has_document: true,
        },
        None => Parsed {
            value: Value::Null,
            positions,
            has_document: false,
        },
    })
}

fn offset(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// Where a collection's own text starts, and whether it is written in flow style.
///
/// The parser's span of a collection starts at its anchor or tag when it has one and
/// ends after its first token: the `{` or `[` of a flow collection (with any blanks
/// after it), or an empty token at the first key (or `?`, or `-`) of a block
/// collection. Without properties, a span that is not empty is a flow collection's;
/// with them (`--- &r` or `!!map` on the line above the keys), the first character
/// after them tells. Inside a flow collection everything is flow, including a
/// single-pair mapping in a flow sequence (`[a: b]`), which starts at its key with no
/// brace.
fn collection_start(
    stack: &[Frame],
    positions: &Positions,
    chars: &mut CharAt<'_>,
    span: Span,
    properties: bool,
    mapping: bool,
) -> (u32, bool) {
    let mut start = own_start(chars, span, properties);
    // An indentless sequence (`key:` then `- item` in the key's column) is marked at
    // its first item, after the dash.
    if !mapping
        && !properties
        && span.is_empty()
        && chars.at(start as usize) != Some('-')
        && let Some(dash) = dash_before(chars, start as usize)
    {
        start = dash;
    }
    let bracketed = if properties {
        matches!(chars.at(start as usize), Some('{' | '['))
    } else {
        !span.is_empty()
    };
    let in_flow = stack.last().is_some_and(|frame| {
        positions
            .nodes
            .get(frame.node as usize)
            .is_some_and(|n| n.style == Style::FlowCollection)
    });
    (start, bracketed || in_flow)
}

/// Where a node's own text starts: after its anchor and tag (`&a !!str x`) and the
/// blanks, line breaks and comments that separate them from it, never past the end of
/// the parser's span (which an empty node with only properties ends at).
fn own_start(chars: &mut CharAt<'_>, span: Span, properties: bool) -> u32 {
    let (start, end) = (span.start.index(), span.end.index());
    if !properties {
        return offset(start);
    }
    let text: Vec<char> = chars.from(start).take(end.saturating_sub(start)).collect();
    let mut i = 0;
    while let Some(&c) = text.get(i) {
        match c {
            // An anchor or tag runs to a blank or a flow indicator; a verbatim tag
            // (`!<tag:yaml.org,2002:str>`) to its `>`.
            '&' | '!' if text.get(i + 1) == Some(&'<') && c == '!' => {
                i += text[i..]
                    .iter()
                    .position(|&c| c == '>')
                    .map_or(text.len(), |p| p + 1);
            }
            '&' | '!' => {
                i += 1;
                while text
                    .get(i)
                    .is_some_and(|&c| !c.is_whitespace() && !",[]{}".contains(c))
                {
                    i += 1;
                }
            }
            '#' => {
                while text.get(i).is_some_and(|&c| c != '\n') {
                    i += 1;
                }
            }
            c if c.is_whitespace() => i += 1,
            _ => break,
        }
    }
    offset(start + i.min(text.len()))
}

/// Where an empty value (`key:` or `-` with nothing after it) stands.
///
/// Such a value has no characters of its own, and the parser marks it at the indicator
/// before it (the `:` or the `-`), or, for a key with no `:` at all (`? key`), at
/// whatever token comes next, which may be lines further on. It is placed just after
/// its indicator, where its text would go, or, without one, just after its key.
fn empty_value_at(stack: &[Frame], chars: &mut CharAt<'_>, marked: u32) -> u32 {
    let indicator = chars.at(marked as usize);
    match stack.last().map(|frame| &frame.content) {
        Some(Content::Map {
            pending_key: Some((_, _, key_end)),
            ..
        }) => match indicator {
            Some(':') => marked.saturating_add(1),
            _ => *key_end,
        },
        Some(Content::Seq(_)) => {
            dash_before(chars, marked as usize).map_or(marked, |d| d.saturating_add(1))
        }
        _ => marked,
    }
}

/// The `-` of a block sequence entry, which the parser marks after the dash and the
/// blanks (and any comment) that follow it on its line. Before the mark on that line
/// there is only indentation, dashes and blanks, then perhaps a comment.
fn dash_before(chars: &mut CharAt<'_>, marked: usize) -> Option<u32> {
    let line = chars.line_before(marked);
    let code = line.split('#').next().unwrap_or_default();
    let dash = code.trim_end_matches([' ', '\t']);
    if !dash.ends_with('-') {
        return None;
    }
    let after = line.chars().count() - dash.chars().count();
    Some(offset(marked.checked_sub(after + 1)?))
}

/// Characters by character offset, for offsets visited mostly in increasing order (as
/// the parser's events are), without indexing the whole text.
struct CharAt<'a> {
    text: &'a str,
    /// A character offset and the byte offset it stands at.
    char_pos: usize,
    byte_pos: usize,
}

impl<'a> CharAt<'a> {
    fn new(text: &'a str) -> CharAt<'a> {
        CharAt {
            text,
            char_pos: 0,
            byte_pos: 0,
        }
    }

    /// The text from a character offset on (empty past the end).
    fn from(&mut self, index: usize) -> std::str::Chars<'a> {
        if index < self.char_pos {
            (self.char_pos, self.byte_pos) = (0, 0);
        }
        let mut rest = self.text.get(self.byte_pos..).unwrap_or_default().chars();
        while self.char_pos < index {
            let Some(c) = rest.next() else { break };
            self.byte_pos += c.len_utf8();
            self.char_pos += 1;
        }
        rest
    }

    /// The number of characters in the text.
    fn count(&mut self) -> usize {
        let _ = self.from(usize::MAX);
        self.char_pos
    }

    /// The text of the line holding a character offset, up to that offset.
    fn line_before(&mut self, index: usize) -> &'a str {
        let _ = self.from(index);
        let text = self.text.get(..self.byte_pos).unwrap_or_default();
        &text[text.rfind('\n').map_or(0, |i| i + 1)..]
    }

    fn at(&mut self, index: usize) -> Option<char> {
        let mut rest = self.from(index);
        if self.char_pos == index {
            rest.next()
        } else {
            None
        }
    }
}

/// Puts a finished value into its parent container.
fn store(parent: &mut Frame, key: Option<String>, value: Value) {
    match (&mut parent.content, key) {
        (Content::Map { map, .. }, Some(key)) => {
            map.insert(key, value);
        }
        (Content::Seq(items), _) => items.push(value),
        (Content::Map { .. }, None) => {}
    }
}

/// Where a new node goes: its parent, its slot and its key's position. Takes the
/// pending key of a parent mapping.
fn slot_for(stack: &mut [Frame], positions: &mut Positions, at: Loc) -> Placement {
    let root = Placement {
        parent: u32::MAX,
        slot: Slot::Root,
        key_at: at,
        key_end: 0,
        key: None,
    };
    let Some(frame) = stack.last_mut() else {
        return root;
    };
    match &mut frame.content {
        Content::Seq(items) => Placement {
            parent: frame.node,
            slot: Slot::Index(u32::try_from(items.len()).unwrap_or(u32::MAX)),
            ..root
        },
        Content::Map { pending_key, .. } => match pending_key.take() {
            Some((key, key_at, key_end)) => {
                let start = u32::try_from(positions.keys.len()).unwrap_or(u32::MAX);
                positions.keys.push_str(&key);
                let len = u32::try_from(key.len()).unwrap_or(u32::MAX);
                Placement {
                    parent: frame.node,
                    slot: Slot::Key { start, len },
                    key_at,
                    key_end,
                    key: Some(key),
                }
            }
            None => Placement {
                parent: frame.node,
                ..root
            },
        },
    }
}

/// Where a new node goes in the position index, and the key it is stored under.
struct Placement {
    parent: u32,
    slot: Slot,
    key_at: Loc,
    key_end: u32,
    key: Option<String>,
}

/// Handles a scalar: a sequence item, a mapping key, a mapping value, or the root.
fn scalar(
    stack: &mut [Frame],
    positions: &mut Positions,
    root: &mut Option<Value>,
    value: Value,
    at: Loc,
    (start, end): (u32, u32),
    style: Style,
) -> Result<(), YamlError> {
    if let Some(Frame {
        node,
        content: Content::Map {
            map,
            pending_key: pending @ None,
        },
        ..
    }) = stack.last_mut()
    {
        let key = match value {
            Value::String(s) => s,
            Value::Null => "null".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Array(_) | Value::Object(_) => {
                return Err(YamlError::new(at, "keys must be plain text"));
            }
        };
        if map.contains_key(&key) {
            let parent = *node;
            let first = positions
                .nodes
                .iter()
                .find(|n| n.parent == parent && positions.key(n.slot) == Some(key.as_str()))
                .map_or(at, |n| n.key_at);
            return Err(YamlError::new(
                at,
                format!(
                    "duplicate key `{key}` (first at line {}); YAML forbids duplicate keys",
                    first.line
                ),
            ));
        }
        *pending = Some((key, at, end));
        return Ok(());
    }
    let Placement {
        parent,
        slot,
        key_at,
        key_end,
        key,
    } = slot_for(stack, positions, at);
    let id = positions.push(parent, slot, at, key_at, false) as usize;
    let node = &mut positions.nodes[id];
    (node.start, node.end, node.key_end, node.style) = (start, end, key_end, style);
    positions.mappings.push(false);
    if let Some(frame) = stack.last_mut() {
        frame.end = frame.end.max(end);
    }
    match stack.last_mut() {
        None => *root = Some(value),
        Some(frame) => store(frame, key, value),
    }
    Ok(())
}

/// Pushes a new mapping or sequence onto the stack, refusing custom tags, complex
/// keys and nesting deeper than [`MAX_DEPTH`].
fn open(
    stack: &mut Vec<Frame>,
    positions: &mut Positions,
    tag: Option<&Tag>,
    at: Loc,
    mapping: bool,
    start: u32,
    flow: bool,
) -> Result<(), YamlError> {
    if let Some(tag) = tag {
        check_collection_tag(tag).map_err(|m| YamlError::new(at, m))?;
    }
    if let Some(Frame {
        content: Content::Map {
            pending_key: None, ..
        },
        ..
    }) = stack.last()
    {
        return Err(YamlError::new(
            at,
            "a mapping or sequence used as a key; keys must be plain text",
        ));
    }
    if stack.len() >= MAX_DEPTH {
        return Err(YamlError::new(
            at,
            format!(
                "nesting deeper than {MAX_DEPTH} levels; register files are shallow, so this file is refused"
            ),
        ));
    }
    let Placement {
        parent,
        slot,
        key_at,
        key_end,
        key,
    } = slot_for(stack, positions, at);
    let node = positions.push(parent, slot, at, key_at, true);
    let entry = &mut positions.nodes[node as usize];
    (entry.start, entry.end, entry.key_end) = (start, start, key_end);
    entry.style = if flow {
        Style::FlowCollection
    } else {
        Style::BlockCollection
    };
    positions.mappings.push(mapping);
    stack.push(Frame {
        node,
        end: start,
        key,
        content: if mapping {
            Content::Map {
                map: Map::new(),
                pending_key: None,
            }
        } else {
            Content::Seq(Vec::new())
        },
    });
    Ok(())
}

fn check_collection_tag(tag: &Tag) -> Result<(), String> {
    if tag.is_yaml_core_schema() && matches!(tag.suffix.as_str(), "map" | "seq" | "omap") {
        Ok(())
    } else {
        Err(format!(
            "tag `{tag}` is not supported; register files use plain YAML"
        ))
    }
}

/// Turns a scalar event into a JSON value following the YAML 1.2 core schema.
fn resolve_scalar(
    text: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<Value, String> {
    if let Some(tag) = tag {
        if !tag.is_yaml_core_schema() {
            // `!` alone is the non-specific tag: the scalar stays a string.
            if tag.handle == "!" && tag.suffix.is_empty() {
                return Ok(Value::String(text.into_owned()));
            }
            return Err(format!(
                "tag `{tag}` is not supported; register files use plain YAML"
            ));
        }
        return match tag.suffix.as_str() {
            "str" => Ok(Value::String(text.into_owned())),
            "null" => match null(&text) {
                true => Ok(Value::Null),
                false => Err(format!("`{text}` is not a null")),
            },
            "bool" => boolean(&text).ok_or_else(|| format!("`{text}` is not a boolean")),
            "int" => integer(&text).ok_or_else(|| format!("`{text}` is not an integer")),
            "float" => float(&text)
                .or_else(|| integer(&text))
                .ok_or_else(|| format!("`{text}` is not a number")),
            other => Err(format!("tag `!!{other}` is not supported on a scalar")),
        };
    }
    if style != ScalarStyle::Plain {
        return Ok(Value::String(text.into_owned()));
    }
    if null(&text) {
        return Ok(Value::Null);
    }
    Ok(boolean(&text)
        .or_else(|| integer(&text))
        .or_else(|| float(&text))
        .unwrap_or_else(|| Value::String(text.into_owned())))
}

fn null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn boolean(text: &str) -> Option<Value> {
    match text {
        "true" | "True" | "TRUE" => Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => Some(Value::Bool(false)),
        _ => None,
    }
}

fn integer(text: &str) -> Option<Value> {
    let (radix, digits) = if let Some(octal) = text.strip_prefix("0o") {
        (8, octal)
    } else if let Some(hex) = text.strip_prefix("0x") {
        (16, hex)
    } else {
        let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
        if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return Some(match text.parse::<i64>() {
            Ok(i) => Value::Number(i.into()),
            Err(_) => match text.trim_start_matches('+').parse::<u64>() {
                Ok(u) => Value::Number(u.into()),
                Err(_) => finite(text.parse::<f64>().ok()?)?,
            },
        });
    };
    if digits.is_empty() {
        return None;
    }
    u64::from_str_radix(digits, radix)
        .ok()
        .map(|u| Value::Number(u.into()))
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's float.
/// `.inf` and `.nan` have no JSON number, so they stay strings.
fn float(text: &str) -> Option<Value> {
    let bytes = text.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < bytes.len() && bytes[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let whole = digits(&mut i);
    let mut fraction = 0;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        fraction = digits(&mut i);
    }
    if whole == 0 && fraction == 0 {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    finite(text.parse::<f64>().ok()?)
}

fn finite(f: f64) -> Option<Value> {
    Number::from_f64(f).map(Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(text: &str) -> Parsed {
        parse(text).expect("parses")
    }

    fn err(text: &str) -> YamlError {
        parse(text).expect_err("is refused")
    }

    #[test]
    fn core_schema_scalars() {
        let p = ok(
            "a: 1\nb: -7\nc: 1.5\nd: true\ne: ~\nf: 2026-03-31\ng: '1'\nh: yes\ni: 0x1f\nj: .inf\nk: 1e3\n",
        );
        assert_eq!(
            p.value,
            json!({"a": 1, "b": -7, "c": 1.5, "d": true, "e": null, "f": "2026-03-31",
                   "g": "1", "h": "yes", "i": 31, "j": ".inf", "k": 1000.0})
        );
    }

    #[test]
    fn missing_key_falls_back_to_its_mapping() {
        let p = ok("a:\n  b: 1\n");
        assert_eq!(p.positions.locate_key("/a/zz"), Loc { line: 1, column: 1 });
        assert_eq!(p.positions.locate_key("/a/b"), Loc { line: 2, column: 3 });
    }

    #[test]
    fn positions_of_values_keys_and_flow_items() {
        let text = "id: R-1\ntreatment:\n  actions:\n    - id: T1\n      due: 2026-13-01\nsystems: [a, b]\n";
        let p = ok(text);
        let at = |ptr| p.positions.locate(ptr);
        assert_eq!(at("/id"), Loc { line: 1, column: 5 });
        assert_eq!(at("/treatment"), Loc { line: 2, column: 1 });
        assert_eq!(
            at("/treatment/actions/0/due"),
            Loc {
                line: 5,
                column: 12
            }
        );
        assert_eq!(
            at("/systems/1"),
            Loc {
                line: 6,
                column: 14
            }
        );
        // a missing node falls back to its nearest existing ancestor
        assert_eq!(at("/treatment/actions/0/owner"), Loc { line: 4, column: 7 });
        assert_eq!(
            p.positions.locate_key("/treatment/actions/0/due"),
            Loc { line: 5, column: 7 }
        );
    }

    #[test]
    fn pointer_escapes() {
        let p = ok("x:\n  a/b: 1\n  c~d: 2\n");
        assert_eq!(p.positions.locate("/x/a~1b").line, 2);
        assert_eq!(p.positions.locate("/x/c~0d").line, 3);
    }

    #[test]
    fn empty_and_comment_only_files_have_no_document() {
        for text in ["", "# only a comment\n\n# another\n"] {
            let p = ok(text);
            assert!(!p.has_document);
            assert_eq!(p.value, Value::Null);
        }
    }

    #[test]
    fn duplicate_keys_are_refused_at_the_second_key() {
        let e = err("id: a\ntitle: x\ntitle: y\n");
        assert_eq!(e.at, Loc { line: 3, column: 1 });
        assert!(
            e.message
                .contains("duplicate key `title` (first at line 2)")
        );
    }

    #[test]
    fn aliases_are_refused() {
        let bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
        assert!(err(bomb).message.contains("aliases"));
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing() {
        let flow = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse(&flow).is_err());
        let block = "- ".repeat(10_000) + "x\n";
        assert!(err(&block).message.contains("nesting deeper"));
        let mut nested = String::new();
        for depth in 0..200 {
            nested.push_str(&" ".repeat(depth));
            nested.push_str("k:\n");
        }
        assert!(err(&nested).message.contains("nesting deeper"));
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let e = err("id: a\ntitle: [unclosed\n");
        assert!(e.at.line >= 2, "{e:?}");
    }

    #[test]
    fn second_document_is_refused() {
        assert!(
            err("a: 1\n---\nb: 2\n")
                .message
                .contains("second YAML document")
        );
    }

    #[test]
    fn custom_tags_are_refused_and_core_tags_apply() {
        assert!(err("a: !secret x\n").message.contains("not supported"));
        assert_eq!(ok("a: !!str 12\n").value, json!({"a": "12"}));
        assert_eq!(ok("a: !!int '12'\n").value, json!({"a": 12}));
    }

    #[test]
    fn complex_keys_are_refused() {
        assert!(err("? [a, b]\n: 1\n").message.contains("key"));
    }

    #[test]
    fn spans_start_at_the_nodes_own_text() {
        let text =
            "--- &r\nm: !!map\n  k: 'v'  # c\nf: &f { a: 1 }\ne: # none\nl:\n- # none\n- x\n";
        let p = ok(text);
        let span = |ptr| p.positions.span(ptr).expect("exists");
        let at = |ptr| {
            let s = span(ptr);
            (s.start, s.style)
        };
        // a collection after its anchor and tag, at its first key, `{` or `-`
        assert_eq!(at(""), (7, Style::BlockCollection));
        assert_eq!(at("/m"), (18, Style::BlockCollection));
        assert_eq!(at("/f"), (36, Style::FlowCollection));
        assert_eq!(at("/l"), (58, Style::BlockCollection));
        // an empty value just after its indicator
        assert_eq!(at("/e"), (47, Style::Plain));
        assert_eq!(span("/e").end, 47);
        assert_eq!(at("/l/0"), (59, Style::Plain));
        assert!(p.positions.exact());
    }

    #[test]
    fn a_directive_with_non_ascii_text_makes_offsets_inexact() {
        // found by fuzzing: the parser counts the directive's bytes as characters
        let p = ok("%FOO é\n---\na: 1\n");
        assert_eq!(p.value, json!({"a": 1}));
        assert!(!p.positions.exact());
        assert_eq!(p.positions.locate("/a"), Loc { line: 3, column: 4 });
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        assert_eq!(ok("\u{feff}a: 1\n").value, json!({"a": 1}));
    }
}
