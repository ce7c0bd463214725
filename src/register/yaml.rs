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

/// Position of one node, its key when it is a mapping value, and its children in
/// document order (which is also the order of the `Value`'s map entries, since
/// serde_json is built with `preserve_order`).
#[derive(Debug, Clone, Default)]
pub struct PosNode {
    pub at: Loc,
    pub key_at: Option<Loc>,
    pub children: Vec<PosNode>,
}

/// A parsed file: its value and where each node of it stands.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// `Value::Null` for a file holding no document (empty, or comments only).
    pub value: Value,
    pub positions: PosNode,
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
enum Frame {
    Map {
        map: Map<String, Value>,
        pos: PosNode,
        pending_key: Option<(String, Loc)>,
    },
    Seq {
        items: Vec<Value>,
        pos: PosNode,
    },
}

/// Parses one file's text into its value and position tree.
pub fn parse(text: &str) -> Result<Parsed, YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<(Value, PosNode)> = None;
    let mut documents = 0usize;

    while let Some(next) = parser.next_event() {
        let (event, span) = next?;
        let at = Loc::from_span(span);
        match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
            Event::StreamEnd => break,
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
            Event::Scalar(text, style, _anchor, tag) => {
                let value = resolve_scalar(text, style, tag.as_deref())
                    .map_err(|message| YamlError::new(at, message))?;
                attach(&mut stack, &mut root, value, leaf(at), at)?;
            }
            Event::MappingStart(_, tag) => {
                open(&mut stack, tag.as_deref(), at, true)?;
            }
            Event::SequenceStart(_, tag) => {
                open(&mut stack, tag.as_deref(), at, false)?;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (value, pos) = match stack.pop() {
                    Some(Frame::Map { map, pos, .. }) => (Value::Object(map), pos),
                    Some(Frame::Seq { items, pos }) => (Value::Array(items), pos),
                    None => return Err(YamlError::new(at, "unbalanced end of a collection")),
                };
                let start = pos.at;
                attach(&mut stack, &mut root, value, pos, start)?;
            }
        }
    }

    Ok(match root {
        Some((value, positions)) => Parsed {
            value,
            positions,
            has_document: true,
        },
        None => Parsed {
            value: Value::Null,
            positions: leaf(Loc { line: 1, column: 1 }),
            has_document: false,
        },
    })
}

/// Pushes a new mapping or sequence onto the stack, refusing custom tags, complex
/// keys and nesting deeper than [`MAX_DEPTH`].
fn open(
    stack: &mut Vec<Frame>,
    tag: Option<&Tag>,
    at: Loc,
    mapping: bool,
) -> Result<(), YamlError> {
    if let Some(tag) = tag {
        check_collection_tag(tag).map_err(|m| YamlError::new(at, m))?;
    }
    if let Some(Frame::Map {
        pending_key: None, ..
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
    let pos = leaf(at);
    stack.push(if mapping {
        Frame::Map {
            map: Map::new(),
            pos,
            pending_key: None,
        }
    } else {
        Frame::Seq {
            items: Vec::new(),
            pos,
        }
    });
    Ok(())
}

fn leaf(at: Loc) -> PosNode {
    PosNode {
        at,
        key_at: None,
        children: Vec::new(),
    }
}

/// Hands a finished node to its parent: a sequence item, a mapping key, a mapping
/// value, or the document root.
fn attach(
    stack: &mut [Frame],
    root: &mut Option<(Value, PosNode)>,
    value: Value,
    mut pos: PosNode,
    at: Loc,
) -> Result<(), YamlError> {
    match stack.last_mut() {
        None => {
            *root = Some((value, pos));
            Ok(())
        }
        Some(Frame::Seq { items, pos: parent }) => {
            items.push(value);
            parent.children.push(pos);
            Ok(())
        }
        Some(Frame::Map {
            map,
            pos: parent,
            pending_key,
        }) => match pending_key.take() {
            Some((key, key_at)) => {
                pos.key_at = Some(key_at);
                map.insert(key, value);
                parent.children.push(pos);
                Ok(())
            }
            None => {
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
                    let first = entry(map, &key)
                        .and_then(|(i, _)| parent.children.get(i)?.key_at)
                        .unwrap_or(parent.at);
                    return Err(YamlError::new(
                        at,
                        format!(
                            "duplicate key `{key}` (first at line {}); YAML forbids duplicate keys",
                            first.line
                        ),
                    ));
                }
                *pending_key = Some((key, at));
                Ok(())
            }
        },
    }
}

/// The index (in document order) and value of `key` in `map`.
fn entry<'v>(map: &'v Map<String, Value>, key: &str) -> Option<(usize, &'v Value)> {
    map.iter()
        .enumerate()
        .find_map(|(i, (k, v))| (k == key).then_some((i, v)))
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

/// Where a JSON pointer's node stands: the key of a mapping entry whose value is a
/// collection (that is the line a person looks for), otherwise the value itself.
/// A pointer that does not exist (a missing required field) resolves to its longest
/// existing prefix.
pub fn locate(value: &Value, positions: &PosNode, pointer: &str) -> Loc {
    let mut value = value;
    let mut node = positions;
    for raw in pointer.split('/').skip(1) {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        let (next_value, next_node) = match value {
            Value::Object(map) => match entry(map, &segment) {
                Some((i, v)) => (v, node.children.get(i)),
                None => break,
            },
            Value::Array(items) => match segment.parse::<usize>() {
                Ok(i) if i < items.len() => (&items[i], node.children.get(i)),
                _ => break,
            },
            _ => break,
        };
        let Some(next_node) = next_node else { break };
        value = next_value;
        node = next_node;
    }
    match (value, node.key_at) {
        (Value::Object(_) | Value::Array(_), Some(key_at)) => key_at,
        _ => node.at,
    }
}

/// Where the key `key` of the mapping at `pointer` stands (for unknown fields).
pub fn locate_key(value: &Value, positions: &PosNode, pointer: &str, key: &str) -> Loc {
    let escaped = key.replace('~', "~0").replace('/', "~1");
    let child = format!("{pointer}/{escaped}");
    let mut value_here = value;
    let mut node = positions;
    for raw in child.split('/').skip(1) {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        let found = match value_here {
            Value::Object(map) => {
                entry(map, &segment).and_then(|(i, v)| Some((v, node.children.get(i)?)))
            }
            Value::Array(items) => segment
                .parse::<usize>()
                .ok()
                .and_then(|i| Some((items.get(i)?, node.children.get(i)?))),
            _ => None,
        };
        match found {
            Some((v, n)) => {
                value_here = v;
                node = n;
            }
            None => return locate(value, positions, pointer),
        }
    }
    node.key_at.unwrap_or(node.at)
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
    fn keeps_document_order() {
        let p = ok("z: 1\na: 2\n");
        let keys: Vec<_> = p.value.as_object().expect("map").keys().cloned().collect();
        assert_eq!(keys, ["z", "a"]);
    }

    #[test]
    fn positions_of_values_keys_and_flow_items() {
        let text = "id: R-1\ntreatment:\n  actions:\n    - id: T1\n      due: 2026-13-01\nsystems: [a, b]\n";
        let p = ok(text);
        let at = |ptr| locate(&p.value, &p.positions, ptr);
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
            locate_key(&p.value, &p.positions, "/treatment/actions/0", "due"),
            Loc { line: 5, column: 7 }
        );
    }

    #[test]
    fn pointer_escapes() {
        let p = ok("x:\n  a/b: 1\n  c~d: 2\n");
        assert_eq!(locate(&p.value, &p.positions, "/x/a~1b").line, 2);
        assert_eq!(locate(&p.value, &p.positions, "/x/c~0d").line, 3);
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
    fn byte_order_mark_is_skipped() {
        assert_eq!(ok("\u{feff}a: 1\n").value, json!({"a": 1}));
    }
}
