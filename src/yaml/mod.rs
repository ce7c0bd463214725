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

mod positions;
mod scalar;
mod spans;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Tag};
use serde_json::{Map, Value};

use positions::Slot;
pub use positions::{Loc, NodeSpan, Positions, Style};
use scalar::resolve_scalar;
use spans::{CharAt, collection_start, empty_value_at, own_start};

/// Deepest nesting of mappings and sequences accepted in one file.
pub const MAX_DEPTH: usize = 64;

/// Most values (scalars, mappings, sequences) accepted in one file. An entity file holds
/// hundreds; the limit bounds the memory and time a hostile file can take, whatever it
/// packs into the size limit.
pub const MAX_NODES: usize = 50_000;

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
pub(super) struct Frame {
    /// This container's entry in the position index.
    pub(super) node: u32,
    /// The furthest end offset of anything inside the container so far.
    end: u32,
    /// The key this container will be stored under in its parent mapping.
    key: Option<String>,
    pub(super) content: Content,
}

pub(super) enum Content {
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
        if positions.nodes.len() >= MAX_NODES {
            return Err(YamlError::new(
                at,
                format!(
                    "more than {MAX_NODES} values in one file; a register file describes one entity, so this file is refused"
                ),
            ));
        }
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

pub(super) fn offset(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
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

#[cfg(test)]
mod tests;
