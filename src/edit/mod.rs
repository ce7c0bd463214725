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

use serde_json::Value;

use crate::register::yaml::{self, Loc, NodeSpan, Parsed, Positions, Style, YamlError};

pub use emit::{Node, scalar};
use oracle::Change;

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
}

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
        }
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
        match change {
            Change::Set(node) => draft.set(pointer, node)?,
            Change::Push(item) => draft.push(pointer, item)?,
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
}

impl<'p> Draft<'p> {
    fn new(pointer: &'p str, text: String, positions: &'p Positions) -> Draft<'p> {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Draft {
            pointer,
            text,
            positions,
            newline,
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
        let Some(last) = children.last() else {
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

/// `/a/b/c` into `/a/b` and `c` (unescaped).
fn split(pointer: &str) -> (&str, String) {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    (parent, key.replace("~1", "/").replace("~0", "~"))
}

fn is_null(text: &str, span: &NodeSpan) -> bool {
    span.style == Style::Plain && {
        let raw: String = text
            .chars()
            .skip(span.start)
            .take(span.end.saturating_sub(span.start))
            .collect();
        matches!(raw.trim(), "" | "~" | "null" | "Null" | "NULL")
    }
}

/// Character offset to byte offset, for one text.
struct CharIndex {
    bytes: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { bytes }
    }

    fn byte(&self, char_offset: usize) -> usize {
        self.bytes
            .get(char_offset)
            .copied()
            .unwrap_or_else(|| *self.bytes.last().unwrap_or(&0))
    }

    /// The character offset of a byte offset (which must fall on a character).
    fn char(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }
}

fn char_at(text: &str, chars: &CharIndex, offset: usize) -> Option<char> {
    text[chars.byte(offset)..].chars().next()
}

/// Where a node's text starts, with its anchor or tag: its span starts at its own
/// first character, and its properties stand where its position (`at`) says.
fn outer_start(text: &str, chars: &CharIndex, span: &NodeSpan) -> usize {
    match offset_of(text, chars, span.at) {
        Some(at) if at < span.start && matches!(char_at(text, chars, at), Some('&' | '!')) => at,
        _ => span.start,
    }
}

/// The character offset of a line and column.
fn offset_of(text: &str, chars: &CharIndex, at: Loc) -> Option<usize> {
    let mut line_start = 0;
    for _ in 1..at.line {
        line_start += text[line_start..].find('\n')? + 1;
    }
    Some(chars.char(line_start) + at.column.checked_sub(1)? as usize)
}

/// The end of a node. The parser's span of a quoted scalar runs over trailing blanks
/// and a comment; its true end is its closing quote.
fn true_end(text: &str, chars: &CharIndex, span: &NodeSpan) -> usize {
    let quote = match span.style {
        Style::SingleQuoted => '\'',
        Style::DoubleQuoted => '"',
        _ => return span.end,
    };
    let from = span.start;
    let mut iter = text[chars.byte(from)..].chars();
    if iter.next() != Some(quote) {
        return span.end;
    }
    let mut count = 1;
    while let Some(c) = iter.next() {
        count += 1;
        if quote == '"' && c == '\\' {
            if iter.next().is_some() {
                count += 1;
            }
        } else if c == quote {
            // `''` inside single quotes is an escaped quote.
            if quote == '\'' && iter.clone().next() == Some('\'') {
                iter.next();
                count += 1;
            } else {
                return from + count;
            }
        }
    }
    span.end
}

/// The end of `child` and everything under it, on its last line.
fn subtree_end(text: &str, chars: &CharIndex, child: &NodeSpan) -> usize {
    let end = true_end(text, chars, child);
    // Block scalars end after their final newline; step back onto their last line.
    if end > 0 && text[..chars.byte(end)].ends_with('\n') {
        end - 1
    } else {
        end
    }
}

/// The character offset of the `:` that introduces the value of the key ending at
/// `key_end`: after blanks (`key :`), or, for an explicit `? key`, on a later line.
fn value_indicator(text: &str, chars: &CharIndex, key_end: usize) -> Option<usize> {
    let mut offset = key_end;
    let mut iter = text[chars.byte(key_end)..].chars().peekable();
    while let Some(c) = iter.next() {
        match c {
            ':' => {
                return match iter.peek() {
                    None => Some(offset),
                    Some(n) if n.is_whitespace() => Some(offset),
                    Some(_) => None,
                };
            }
            '#' => {
                while iter.peek().is_some_and(|&c| c != '\n') {
                    iter.next();
                    offset += 1;
                }
            }
            c if c.is_whitespace() => {}
            _ => return None,
        }
        offset += 1;
    }
    None
}

/// The column (0-based, in characters) of a character offset.
fn column_of(text: &str, chars: &CharIndex, offset: usize) -> usize {
    let byte = chars.byte(offset);
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..byte].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn s(v: &str) -> Node {
        Node::Scalar(json!(v))
    }

    fn edited(text: &str, edit: impl FnOnce(&mut Editor) -> Result<(), EditError>) -> String {
        let mut editor = Editor::new(text);
        edit(&mut editor).expect("edit applies");
        let out = editor.into_text();
        yaml::parse(&out).unwrap_or_else(|e| panic!("edit broke the YAML: {e:?}\n{out}"));
        out
    }

    const COMMENTED: &str = "\
# Risk owned by the ML team.   keep this comment
id: R-001   # the id
title: 'Bias in scoring'  # quoted on purpose

assessment:
  likelihood: 3     # from the 2025 back-test
  consequence: 4
  rationale: >
    Folded text
    over two lines.
review:
  last: 2026-04-02   # last review
status: open
# trailing comment
";

    #[test]
    fn replacing_a_scalar_keeps_everything_else() {
        let out = edited(COMMENTED, |e| e.set("/review/last", &s("2026-11-22")));
        assert_eq!(
            out,
            COMMENTED.replace("last: 2026-04-02", "last: 2026-11-22")
        );
        let out = edited(COMMENTED, |e| {
            e.set("/assessment/likelihood", &Node::Scalar(json!(2)))
        });
        assert_eq!(out, COMMENTED.replace("likelihood: 3 ", "likelihood: 2 "));
        let out = edited(COMMENTED, |e| e.set("/title", &s("It's biased")));
        assert_eq!(out, COMMENTED.replace("'Bias in scoring'", "It's biased"));
    }

    #[test]
    fn replacing_a_block_scalar() {
        let out = edited(COMMENTED, |e| {
            e.set("/assessment/rationale", &s("Seen in 2026."))
        });
        assert_eq!(
            out,
            COMMENTED.replace(
                "  rationale: >\n    Folded text\n    over two lines.\n",
                "  rationale: Seen in 2026.\n"
            )
        );
    }

    #[test]
    fn inserting_keys_into_block_mappings() {
        let out = edited(COMMENTED, |e| e.set("/closed_reason", &s("System retired")));
        assert_eq!(
            out,
            COMMENTED.replace(
                "status: open\n",
                "status: open\nclosed_reason: System retired\n"
            )
        );
        let out = edited(COMMENTED, |e| e.set("/review/every", &s("3m")));
        assert_eq!(
            out,
            COMMENTED.replace(
                "last: 2026-04-02   # last review\n",
                "last: 2026-04-02   # last review\n  every: 3m\n"
            )
        );
        // after a block scalar
        let out = edited(COMMENTED, |e| e.set("/assessment/x", &s("y")));
        assert!(
            out.contains("    over two lines.\n  x: y\nreview:"),
            "{out}"
        );
    }

    #[test]
    fn creating_missing_parents() {
        let text = "id: R-1\nstatus: open\n";
        let out = edited(text, |e| e.set("/review/last", &s("2026-11-22")));
        assert_eq!(out, "id: R-1\nstatus: open\nreview:\n  last: 2026-11-22\n");
        let out = edited("id: R-1\nreview:\nstatus: open\n", |e| {
            e.set("/review/last", &s("2026-11-22"))
        });
        assert_eq!(out, "id: R-1\nreview:\n  last: 2026-11-22\nstatus: open\n");
    }

    #[test]
    fn flow_mappings_and_lists() {
        let text = "review: { last: 2026-01-01 }  # note\nevidence: [a.md, 'b.md']\nnone: []\n";
        let out = edited(text, |e| e.set("/review/every", &s("1m")));
        assert_eq!(
            out,
            text.replace("{ last: 2026-01-01 }", "{ last: 2026-01-01, every: 1m }")
        );
        let out = edited(text, |e| e.push("/evidence", &s("c d.md")));
        assert_eq!(
            out,
            text.replace("[a.md, 'b.md']", "[a.md, 'b.md', c d.md]")
        );
        let out = edited(text, |e| e.push("/none", &s("x")));
        assert_eq!(out, text.replace("none: []", "none: [x]"));
        let out = edited(text, |e| e.push("/missing", &s("x")));
        assert_eq!(out, format!("{text}missing: [x]\n"));
    }

    #[test]
    fn appending_to_block_lists() {
        let text = "evidence:\n  - a.md   # first\n  - b.md\nstatus: open\n";
        let out = edited(text, |e| e.push("/evidence", &s("c.md")));
        assert_eq!(
            out,
            "evidence:\n  - a.md   # first\n  - b.md\n  - c.md\nstatus: open\n"
        );
        let text = "evidence:\n- a.md\n";
        let out = edited(text, |e| e.push("/evidence", &s("b.md")));
        assert_eq!(out, "evidence:\n- a.md\n- b.md\n");
    }

    #[test]
    fn values_that_need_quotes_are_quoted() {
        let out = edited("a: x\n", |e| e.set("/a", &s("yes: really # not a comment")));
        assert_eq!(out, "a: \"yes: really # not a comment\"\n");
        let parsed = yaml::parse(&out).expect("parses");
        assert_eq!(parsed.value["a"], "yes: really # not a comment");
    }

    #[test]
    fn non_ascii_text_before_the_edit() {
        let text = "title: Évaluation – café\nstatus: open\n";
        let out = edited(text, |e| e.set("/status", &s("closed")));
        assert_eq!(out, "title: Évaluation – café\nstatus: closed\n");
    }

    /// A register file's tail that hides what follows it: a nested block mapping
    /// ending in a block list.
    const NOTES: &str = "x:\n  notes:\n    - first note\n";

    #[test]
    fn keys_go_into_an_anchored_or_tagged_root_mapping() {
        for head in [
            "--- &r\n",
            "!!map\n",
            "--- !!map &r\n",
            "&r\n",
            "--- !!map # c\n",
        ] {
            let text = format!("{head}id: R-001\nstatus: open\n{NOTES}");
            let out = edited(&text, |e| {
                e.set("/status", &s("closed"))?;
                e.set("/closed_reason", &s("Model retired"))
            });
            assert_eq!(
                out,
                format!("{head}id: R-001\nstatus: closed\n{NOTES}closed_reason: Model retired\n"),
                "{head:?}"
            );
        }
        // the same for a nested mapping with properties, in flow or block style
        let text = "x: &x !!map\n  notes:\n    - first note\ny: !!map { a: 1 }\n";
        let out = edited(text, |e| {
            e.set("/x/more", &s("m"))?;
            e.set("/y/b", &Node::Scalar(json!(2)))
        });
        assert_eq!(
            out,
            "x: &x !!map\n  notes:\n    - first note\n  more: m\ny: !!map { a: 1, b: 2 }\n"
        );
        // replacing a collection replaces its anchor and tag with it
        let out = edited(text, |e| e.set("/y", &Node::Seq(vec![s("a")])));
        assert_eq!(out, text.replace("!!map { a: 1 }", "[a]"));
    }

    #[test]
    fn keys_go_beside_explicit_keys() {
        let text = format!("? id\n: R-001\nstatus: open\n{NOTES}");
        let out = edited(&text, |e| e.set("/closed_reason", &s("Model retired")));
        assert_eq!(out, format!("{text}closed_reason: Model retired\n"));
        // explicit keys all along, the last one holding the nested block
        let text = "? id\n: R-001\n? x\n: notes:\n    - first note\n";
        let out = edited(text, |e| e.set("/closed_reason", &s("Model retired")));
        assert_eq!(out, format!("{text}closed_reason: Model retired\n"));
        // their values replaced in place, as a scalar and as a block
        let out = edited(text, |e| e.set("/id", &s("R-002")));
        assert_eq!(out, text.replace("R-001", "R-002"));
        let out = edited(text, |e| {
            e.set("/id", &Node::Map(vec![("a".into(), s("b"))]))
        });
        assert_eq!(out, text.replace(": R-001", ":\n  a: b"));
    }

    #[test]
    fn empty_values_are_filled_after_their_indicator() {
        let text = "id: A.5.2\nowner: # to be decided\nstatus: planned\n";
        let out = edited(text, |e| e.set("/owner", &s("ml-lead")));
        assert_eq!(out, text.replace("owner: #", "owner: ml-lead #"));
        // without a comment, or as the last line without a line break
        let out = edited("owner:\nid: A\n", |e| e.set("/owner", &s("ml-lead")));
        assert_eq!(out, "owner: ml-lead\nid: A\n");
        let out = edited("id: A\nowner:", |e| e.set("/owner", &s("ml-lead")));
        assert_eq!(out, "id: A\nowner: ml-lead");
        // an empty list item
        let text = "l:\n  - # empty\n  -\n  - c\n";
        let out = edited(text, |e| {
            e.set("/l/0", &s("a"))?;
            e.set("/l/1", &s("b"))
        });
        assert_eq!(out, "l:\n  - a # empty\n  - b\n  - c\n");
        let text = "l:\n- # empty\nm: 1\n";
        let out = edited(text, |e| e.push("/l", &s("b")));
        assert_eq!(out, "l:\n- # empty\n- b\nm: 1\n");
        // an empty mapping value gets its first key below the comment
        let text = "review: # yearly\nstatus: open\n";
        let out = edited(text, |e| e.set("/review/last", &s("2026-11-22")));
        assert_eq!(out, "review: # yearly\n  last: 2026-11-22\nstatus: open\n");
        // the value of an explicit key with an empty value
        let out = edited("? id\n:   # none yet\n", |e| e.set("/id", &s("R-1")));
        assert_eq!(out, "? id\n: R-1   # none yet\n");
    }

    #[test]
    fn an_empty_value_without_a_colon_is_refused() {
        let mut editor = Editor::new("? id\nstatus: open\n");
        let err = editor.set("/id", &s("R-1")).expect_err("refused");
        assert!(matches!(err, EditError::Unsupported { .. }), "{err}");
        assert_eq!(editor.into_text(), "? id\nstatus: open\n");
    }

    #[test]
    fn a_file_whose_offsets_drifted_is_refused() {
        let text = "%FOO é\n---\na: 1\n";
        let mut editor = Editor::new(text);
        let err = editor
            .set("/a", &Node::Scalar(json!(2)))
            .expect_err("refused");
        assert!(matches!(err, EditError::Unsupported { .. }), "{err}");
        assert_eq!(editor.into_text(), text);
    }

    #[test]
    fn byte_order_mark_is_kept() {
        let text = "\u{feff}id: R-001\nstatus: open\n";
        let out = edited(text, |e| {
            e.set("/status", &s("closed"))?;
            e.set("/closed_reason", &s("Model retired"))
        });
        assert_eq!(
            out,
            "\u{feff}id: R-001\nstatus: closed\nclosed_reason: Model retired\n"
        );
        let out = edited("\u{feff}evidence: [a]\n", |e| e.push("/evidence", &s("b")));
        assert_eq!(out, "\u{feff}evidence: [a, b]\n");
    }

    #[test]
    fn quoted_and_tagged_scalars_keep_their_comments() {
        let text = "a: \"x \\\" y\"  # dq\nb: !!str 'it''s' # sq\nc: &c 'z'\n";
        let out = edited(text, |e| {
            e.set("/a", &s("new a"))?;
            e.set("/b", &s("new b"))?;
            e.set("/c", &s("new c"))
        });
        assert_eq!(out, "a: new a  # dq\nb: new b # sq\nc: new c\n");
    }

    #[test]
    fn crlf_files_keep_their_line_breaks() {
        let text = "id: R-1\r\nreview:\r\n  last: 2026-01-01\r\nl:\r\n  - a\r\n";
        let out = edited(text, |e| {
            e.set("/review/every", &s("1y"))?;
            e.push("/l", &s("b"))?;
            e.set("/m", &Node::Map(vec![("k".into(), s("v"))]))
        });
        assert_eq!(
            out,
            "id: R-1\r\nreview:\r\n  last: 2026-01-01\r\n  every: 1y\r\nl:\r\n  - a\r\n  - b\r\nm:\r\n  k: v\r\n"
        );
    }

    #[test]
    fn indentless_lists_and_list_items_that_are_mappings() {
        let text = "actions:\n- id: T1\n  due: 2026-01-01\nstatus: open\n";
        let out = edited(text, |e| {
            e.push(
                "/actions",
                &Node::Map(vec![
                    ("id".into(), s("T2")),
                    ("due".into(), s("2027-01-01")),
                ]),
            )?;
            e.set("/actions/0/owner", &s("lead"))
        });
        assert_eq!(
            out,
            "actions:\n- id: T1\n  due: 2026-01-01\n  owner: lead\n- id: T2\n  due: 2027-01-01\nstatus: open\n"
        );
    }

    #[test]
    fn a_single_pair_mapping_in_a_flow_list_is_refused() {
        let mut editor = Editor::new("l: [a: b, c]\n");
        let err = editor.set("/l/0/k", &s("v")).expect_err("refused");
        assert!(matches!(err, EditError::Unsupported { .. }), "{err}");
        // but it can be replaced whole
        let out = edited("l: [a: b, c]\n", |e| {
            e.set("/l/0", &Node::Map(vec![("k".into(), s("v"))]))
        });
        assert_eq!(out, "l: [{ k: v }, c]\n");
    }

    #[test]
    fn empty_collections_are_written_in_flow_style() {
        let out = edited("a: 1\n", |e| e.set("/x", &Node::Map(vec![])));
        assert_eq!(out, "a: 1\nx: {}\n");
        let out = edited("a: 1\n", |e| e.set("/a", &Node::Seq(vec![])));
        assert_eq!(out, "a: []\n");
    }

    /// An editor whose positions belong to another text, so its byte edits land in
    /// the wrong place: the oracle must catch them.
    fn misled(text: &str, positions_of: &str) -> Editor {
        let value = yaml::parse(text).expect("parses").value;
        let mut wrong = yaml::parse(positions_of).expect("parses");
        wrong.value = value;
        Editor {
            bom: false,
            text: text.to_string(),
            parsed: Some(wrong),
        }
    }

    #[test]
    fn the_oracle_refuses_an_edit_that_lands_elsewhere() {
        let text = "a: 1\nb: 2\n";
        let mut editor = misled(text, "b: 2\na: 1\n");
        let err = editor
            .set("/b", &Node::Scalar(json!(3)))
            .expect_err("refused");
        assert!(
            matches!(&err, EditError::Misplaced { edited, changed } if edited == "/b" && changed == "/a"),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "editing `/b` in place would also change `/a`; the file is left as it was"
        );
        assert_eq!(editor.into_text(), text);

        // the edited node itself getting a wrong value
        let mut editor = misled(text, "a: 1\nb:  2\n");
        let err = editor
            .set("/b", &Node::Scalar(json!(3)))
            .expect_err("refused");
        assert_eq!(
            err.to_string(),
            "editing `/b` in place would write something other than the intended value at `/b`; the file is left as it was"
        );
        // and text that no longer parses
        let mut editor = misled(text, "a: 1\nb: 2\n# a longer tail\n");
        let err = editor.push("/b", &s("x")).expect_err("refused");
        assert!(matches!(err, EditError::Unsupported { .. }), "{err:?}");
        let mut editor = misled("a: [x]\n", "a:  [x]\n");
        let err = editor.push("/a", &s("y")).expect_err("refused");
        assert!(matches!(err, EditError::Broken { .. }), "{err:?}");
        assert_eq!(editor.into_text(), "a: [x]\n");
    }
}
