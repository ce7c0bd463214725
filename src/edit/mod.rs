//! Byte-preserving edits to one register file, and the YAML text of new ones.
//!
//! An edit replaces exactly the characters of the node it changes, or inserts a new
//! key or list item next to its siblings with their indentation, so comments, key
//! order, quoting and blank lines elsewhere survive byte for byte. The positions come
//! from the loader's index. A byte order mark at the start of the file is set aside
//! while editing (the loader's offsets do not count it) and put back in front of the
//! result.
//!
//! Every edit is checked before it is kept ([`oracle`]): the edited text is parsed
//! again and must hold exactly the value it held before with the one intended change
//! made. When it does not, the edit is refused with [`EditError::Misplaced`] naming the
//! first pointer that would have changed, and the text stays as it was; so a layout
//! the editor gets wrong costs an error, never data. The parse that checks one edit
//! is the one the next edit works on, so a single edit parses the file twice and each
//! further edit once more. Layouts the editor knows it cannot edit in place are refused
//! up front with [`EditError::Unsupported`]. Nothing here touches the disk: callers
//! validate the result and write it.

mod emit;
mod oracle;
mod remove;
mod text;

use serde_json::Value;

use crate::yaml::{self, NodeSpan, Parsed, Positions, Style, YamlError};

pub use emit::{Node, scalar};
use oracle::Change;
use text::{
    CharIndex, char_at, column_of, is_null, outer_start, split, subtree_end, true_end,
    value_indicator,
};

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("the file is not valid YAML ({}:{}): {}", .0.at.line, .0.at.column, .0.message)]
    Parse(YamlError),
    #[error("`{pointer}` cannot be edited in place: {why}")]
    Unsupported { pointer: String, why: &'static str },
    /// The edited text would not hold the intended value: `changed` is the first
    /// pointer whose value would differ from the intended result.
    #[error(
        "editing `{edited}` in place would {}; the file is left as it was",
        misplaced(.edited, .changed)
    )]
    Misplaced { edited: String, changed: String },
    /// The edited text would not even parse.
    #[error(
        "editing `{edited}` in place would leave invalid YAML ({}:{}: {}); the file is left as it was",
        .error.at.line, .error.at.column, .error.message
    )]
    Broken { edited: String, error: YamlError },
}

fn misplaced(edited: &str, changed: &str) -> String {
    let shown = if changed.is_empty() { "/" } else { changed };
    if changed == edited || changed.starts_with(&format!("{edited}/")) {
        format!("write something other than the intended value at `{shown}`")
    } else {
        format!("also change `{shown}`")
    }
}

/// A file's text under edit.
#[derive(Debug, Clone)]
pub struct Editor {
    /// Whether the file starts with a byte order mark, which `text` leaves out.
    bom: bool,
    text: String,
    /// `text` parsed, once the first edit has read it; after each edit, the parse that
    /// checked it.
    parsed: Option<Parsed>,
    /// The order keys of a mapping are written in, for a mapping at a pointer (list
    /// indexes as `*`): a new key goes after the last key that comes before it.
    order: Option<KeyOrder>,
}

/// For the mapping at a pointer (with list indexes as `*`), its keys in the order they
/// are written.
pub type KeyOrder = fn(&str) -> &'static [&'static str];

const BOM: char = '\u{feff}';

impl Editor {
    pub fn new(text: impl Into<String>) -> Editor {
        let mut text = text.into();
        let bom = text.starts_with(BOM);
        if bom {
            text.drain(..BOM.len_utf8());
        }
        Editor {
            bom,
            text,
            parsed: None,
            order: None,
        }
    }

    /// New keys go where `order` places them among their siblings, rather than last.
    pub fn ordered(mut self, order: KeyOrder) -> Editor {
        self.order = Some(order);
        self
    }

    /// The edited text, byte order mark included when the file had one. Every edit
    /// that got here passed the oracle.
    pub fn into_text(self) -> String {
        if self.bom {
            format!("{BOM}{}", self.text)
        } else {
            self.text
        }
    }

    /// Sets the node at `pointer` to `node`: in place when it exists, otherwise as a
    /// new key of its parent mapping (creating missing parents as block mappings).
    pub fn set(&mut self, pointer: &str, node: &Node) -> Result<(), EditError> {
        self.apply(pointer, Change::Set(node))
    }

    /// Appends `item` to the list at `pointer`, creating the list when it is missing.
    pub fn push(&mut self, pointer: &str, item: &Node) -> Result<(), EditError> {
        self.apply(pointer, Change::Push(item))
    }

    /// Removes the list item or mapping key at `pointer`, with its lines in block
    /// style. Removing the last entry leaves the collection empty (`[]`, `{}`).
    pub fn remove(&mut self, pointer: &str) -> Result<(), EditError> {
        self.apply(pointer, Change::Remove)
    }

    /// Makes one change to a copy of the text and keeps it only if the oracle agrees.
    fn apply(&mut self, pointer: &str, change: Change<'_>) -> Result<(), EditError> {
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(EditError::Unsupported {
                pointer: pointer.to_string(),
                why: "it is not a JSON pointer",
            });
        }
        let parsed = match &mut self.parsed {
            Some(parsed) => parsed,
            none => none.insert(yaml::parse(&self.text).map_err(EditError::Parse)?),
        };
        if !parsed.positions.exact() {
            return Err(EditError::Unsupported {
                pointer: pointer.to_string(),
                why: "a `%` directive line holds non-ASCII text, which the YAML parser miscounts, so no position in the file can be trusted",
            });
        }
        let mut draft = Draft::new(pointer, self.text.clone(), &parsed.positions);
        draft.order = self.order;
        match change {
            Change::Set(node) => draft.set(pointer, node)?,
            Change::Push(item) => draft.push(pointer, item)?,
            Change::Remove => draft.remove(pointer)?,
        }
        let text = draft.text;
        let after = yaml::parse(&text).map_err(|error| EditError::Broken {
            edited: pointer.to_string(),
            error,
        })?;
        let wrong = match oracle::expected(&parsed.value, pointer, change) {
            Some(expected) => oracle::first_difference(&expected, &after.value),
            None => Some(pointer.to_string()),
        };
        if let Some(changed) = wrong {
            return Err(EditError::Misplaced {
                edited: pointer.to_string(),
                changed,
            });
        }
        self.text = text;
        self.parsed = Some(after);
        Ok(())
    }
}

/// One edit in progress: a copy of the text and the positions of the text as it was
/// before the edit (an edit changes the text once, at the end of each path below).
struct Draft<'p> {
    /// The pointer the edit was asked for, to name in errors.
    pointer: &'p str,
    text: String,
    positions: &'p Positions,
    /// The file's line break, for text this edit adds.
    newline: &'static str,
    order: Option<KeyOrder>,
}

impl<'p> Draft<'p> {
    fn new(pointer: &'p str, text: String, positions: &'p Positions) -> Draft<'p> {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Draft {
            pointer,
            text,
            positions,
            newline,
            order: None,
        }
    }

    fn set(&mut self, pointer: &str, node: &Node) -> Result<(), EditError> {
        if let Some(span) = self.positions.span(pointer) {
            return self.replace(pointer, &span, node);
        }
        let (parent, key) = split(pointer);
        match self.positions.span(parent) {
            Some(parent_span) if parent_span.is_mapping => {
                self.insert_key(parent, &parent_span, &key, node)
            }
            Some(parent_span) if is_null(&self.text, &parent_span) => {
                // `review:` with nothing after it: give it the new key.
                self.replace(parent, &parent_span, &Node::Map(vec![(key, node.clone())]))
            }
            Some(_) => Err(EditError::Unsupported {
                pointer: pointer.to_string(),
                why: "its parent is not a mapping",
            }),
            None if parent.is_empty() => Err(EditError::Unsupported {
                pointer: pointer.to_string(),
                why: "the file holds no mapping",
            }),
            None => self.set(parent, &Node::Map(vec![(key, node.clone())])),
        }
    }

    fn push(&mut self, pointer: &str, item: &Node) -> Result<(), EditError> {
        let Some(span) = self.positions.span(pointer) else {
            return self.set(pointer, &Node::Seq(vec![item.clone()]));
        };
        if span.is_mapping || !matches!(span.style, Style::FlowCollection | Style::BlockCollection)
        {
            if is_null(&self.text, &span) {
                return self.set(pointer, &Node::Seq(vec![item.clone()]));
            }
            return Err(EditError::Unsupported {
                pointer: pointer.to_string(),
                why: "it is not a list",
            });
        }
        let children = self.positions.children(pointer);
        let chars = CharIndex::new(&self.text);
        if span.style == Style::FlowCollection {
            match children.last() {
                None => {
                    let (s, e) = (chars.byte(span.start), chars.byte(span.end));
                    self.splice(s, e, &format!("[{}]", item.flow()))?;
                }
                Some(last) => {
                    let at = chars.byte(true_end(&self.text, &chars, last));
                    self.splice(at, at, &format!(", {}", item.flow()))?;
                }
            }
            return Ok(());
        }
        // A block sequence starts at its first `-`: new items go in that column.
        let indent = column_of(&self.text, &chars, span.start);
        let after = children
            .last()
            .map_or(span.end, |last| subtree_end(&self.text, &chars, last));
        let at = self.line_end(chars.byte(after));
        let lines = Node::Seq(vec![item.clone()]).block(indent);
        let text = self.lines(&lines);
        self.splice(at, at, &text)?;
        Ok(())
    }

    fn replace(&mut self, pointer: &str, span: &NodeSpan, node: &Node) -> Result<(), EditError> {
        let chars = CharIndex::new(&self.text);
        let (parent, _) = split(pointer);
        let in_flow = !pointer.is_empty()
            && self
                .positions
                .span(parent)
                .is_some_and(|p| p.style == Style::FlowCollection);
        let block_value = node.is_block() && !in_flow;
        let inline = match span.style {
            Style::Plain | Style::SingleQuoted | Style::DoubleQuoted => !block_value,
            Style::FlowCollection => !block_value,
            // A block scalar's span starts at its content, after the `|` line.
            Style::BlockScalar | Style::BlockCollection => false,
        };
        if !inline {
            return self.rewrite_after_key(pointer, span, node);
        }
        let start = outer_start(&self.text, &chars, span);
        if start == span.end && span.style != Style::FlowCollection {
            return self.fill(pointer, span, node);
        }
        let end = true_end(&self.text, &chars, span);
        let (s, e) = (chars.byte(start), chars.byte(end));
        self.splice(s, e, &node.flow())?;
        Ok(())
    }

    /// Writes a value where an empty one stands (`owner:` or `-` with nothing after,
    /// perhaps a comment): after the indicator, with a space, so the comment stays a
    /// comment and the key stays the key.
    fn fill(&mut self, pointer: &str, span: &NodeSpan, node: &Node) -> Result<(), EditError> {
        let chars = CharIndex::new(&self.text);
        let at = chars.byte(span.start);
        let indicator = self.text[..at].chars().next_back();
        let after_indicator = match span.key_end {
            Some(key_end) => indicator == Some(':') && span.start > key_end,
            None => indicator == Some('-'),
        };
        if !after_indicator {
            return Err(EditError::Unsupported {
                pointer: pointer.to_string(),
                why: "its value is empty and has no `:` or `-` to write it after",
            });
        }
        self.splice(at, at, &format!(" {}", node.flow()))?;
        Ok(())
    }

    /// Block scalars, block collections and nested values: rewrites the whole value
    /// after its key's `:`.
    fn rewrite_after_key(
        &mut self,
        pointer: &str,
        span: &NodeSpan,
        node: &Node,
    ) -> Result<(), EditError> {
        let unsupported = |why| EditError::Unsupported {
            pointer: pointer.to_string(),
            why,
        };
        let Some(key_end) = span.key_end else {
            return Err(unsupported(
                "only values under a key can be rewritten as a block",
            ));
        };
        let chars = CharIndex::new(&self.text);
        let Some(colon) = value_indicator(&self.text, &chars, key_end) else {
            return Err(unsupported("no `:` follows its key"));
        };
        if colon >= outer_start(&self.text, &chars, span) {
            return Err(unsupported("no `:` follows its key"));
        }
        // New lines go two columns in from the mapping holding the key (its first key's
        // column, or its `?`'s), whatever the key itself is preceded by.
        let (parent, _) = split(pointer);
        let indent = self
            .positions
            .span(parent)
            .map_or(0, |p| column_of(&self.text, &chars, p.start));
        let (mut s, mut e) = (
            chars.byte(colon + 1),
            chars.byte(true_end(&self.text, &chars, span)),
        );
        // A block scalar's span ends after its line breaks (trailing blank lines
        // included); keep them.
        while e > s && self.text[..e].ends_with('\n') {
            e -= 1;
            if e > s && self.text[..e].ends_with('\r') {
                e -= 1;
            }
        }
        if span.start == span.end {
            // An empty value: the new one goes after the rest of the key's line, so a
            // comment there stays on it.
            s = self.line_end(s);
            e = s;
        }
        let value = if node.is_block() {
            let lines = node.block(indent + 2);
            self.lines(&lines)
        } else {
            format!(" {}", node.flow())
        };
        self.splice(s, e, &value)?;
        Ok(())
    }

    fn insert_key(
        &mut self,
        parent: &str,
        span: &NodeSpan,
        key: &str,
        node: &Node,
    ) -> Result<(), EditError> {
        let children = self.positions.children(parent);
        let chars = CharIndex::new(&self.text);
        let key_text = scalar(&Value::String(key.to_string()));
        if span.style == Style::FlowCollection {
            if char_at(&self.text, &chars, span.start) != Some('{') {
                return Err(EditError::Unsupported {
                    pointer: parent.to_string(),
                    why: "it is a single-pair mapping in a flow list, without braces to add a key in",
                });
            }
            match children.last() {
                None => {
                    let (s, e) = (chars.byte(span.start), chars.byte(span.end));
                    self.splice(s, e, &format!("{{ {key_text}: {} }}", node.flow()))?;
                }
                Some(last) => {
                    let at = chars.byte(true_end(&self.text, &chars, last));
                    self.splice(at, at, &format!(", {key_text}: {}", node.flow()))?;
                }
            }
            return Ok(());
        }
        let Some(last) = self.preceding(parent, key, &children) else {
            return Err(EditError::Unsupported {
                pointer: parent.to_string(),
                why: "it is an empty block mapping",
            });
        };
        // A block mapping starts at its first key (or that key's `?`): new keys go in
        // that column.
        let indent = column_of(&self.text, &chars, span.start);
        let after = subtree_end(&self.text, &chars, last);
        let at = self.line_end(chars.byte(after));
        let entry = Node::Map(vec![(key.to_string(), node.clone())]).block(indent);
        let text = self.lines(&entry);
        self.splice(at, at, &text)?;
        Ok(())
    }

    /// The sibling a new `key` of the mapping at `parent` goes after: the last one that
    /// comes before it in the key order, or the last one.
    fn preceding<'c>(
        &self,
        parent: &str,
        key: &str,
        children: &'c [NodeSpan],
    ) -> Option<&'c NodeSpan> {
        let last = children.last();
        let Some(order) = self.order else {
            return last;
        };
        let pattern: Vec<&str> = parent
            .split('/')
            .map(|s| match s.parse::<usize>() {
                Ok(_) => "*",
                Err(_) => s,
            })
            .collect();
        let order = order(&pattern.join("/"));
        let Some(rank) = order.iter().position(|k| *k == key) else {
            return last;
        };
        let keys = self.positions.child_keys(parent);
        let before = keys.iter().rposition(|k| {
            k.and_then(|k| order.iter().position(|o| *o == k))
                .is_some_and(|r| r < rank)
        });
        match before {
            Some(i) => children.get(i).or(last),
            None => last,
        }
    }

    /// Replaces the bytes `s..e` with `with`, refusing a range the text does not have
    /// (positions that do not fit the text are a reason to stop, never to guess).
    fn splice(&mut self, s: usize, e: usize, with: &str) -> Result<(), EditError> {
        if s > e || !self.text.is_char_boundary(s) || !self.text.is_char_boundary(e) {
            return Err(EditError::Unsupported {
                pointer: self.pointer.to_string(),
                why: "the positions of its nodes do not fit the file's text",
            });
        }
        self.text.replace_range(s..e, with);
        Ok(())
    }

    /// Emitted lines as they go after the end of a line: each preceded by the file's
    /// line break.
    fn lines(&self, block: &str) -> String {
        block
            .split('\n')
            .map(|line| format!("{}{line}", self.newline))
            .collect()
    }

    /// The byte offset of the end of the line holding `byte` (before its line break).
    fn line_end(&self, byte: usize) -> usize {
        match self.text[byte..].find('\n') {
            Some(i) if self.text[..byte + i].ends_with('\r') && i > 0 => byte + i - 1,
            Some(i) => byte + i,
            None => self.text.len(),
        }
    }
}

#[cfg(test)]
mod tests;
