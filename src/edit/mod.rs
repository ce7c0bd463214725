//! Byte-preserving edits to one register file, and the YAML text of new ones.
//!
//! An edit replaces exactly the characters of the node it changes, or inserts a new
//! key or list item next to its siblings with their indentation, so comments, key
//! order, quoting and blank lines elsewhere survive byte for byte. The positions come
//! from the loader's index; every operation re-parses the (small) file first, so a
//! sequence of edits always works on fresh positions. Nothing here touches the disk:
//! callers validate the result and write it.

mod emit;

use serde_json::Value;

use crate::register::yaml::{self, NodeSpan, Style, YamlError};

pub use emit::{Node, scalar};

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("the file is not valid YAML ({}:{}): {}", .0.at.line, .0.at.column, .0.message)]
    Parse(YamlError),
    #[error("`{pointer}` cannot be edited in place: {why}")]
    Unsupported { pointer: String, why: &'static str },
}

/// A file's text under edit.
#[derive(Debug, Clone)]
pub struct Editor {
    text: String,
}

impl Editor {
    pub fn new(text: impl Into<String>) -> Editor {
        Editor { text: text.into() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    fn positions(&self) -> Result<yaml::Positions, EditError> {
        yaml::parse(&self.text)
            .map(|p| p.positions)
            .map_err(EditError::Parse)
    }

    /// Sets the node at `pointer` to `node`: in place when it exists, otherwise as a
    /// new key of its parent mapping (creating missing parents as block mappings).
    pub fn set(&mut self, pointer: &str, node: &Node) -> Result<(), EditError> {
        let positions = self.positions()?;
        match positions.span(pointer) {
            Some(span) => self.replace(pointer, &span, node),
            None => {
                let (parent, key) = split(pointer);
                match positions.span(parent) {
                    Some(parent_span) if parent_span.is_mapping => {
                        let children = positions.children(parent);
                        self.insert_key(parent, &parent_span, &children, &key, node)
                    }
                    Some(parent_span)
                        if parent_span.style != Style::FlowCollection
                            && !parent_span.is_mapping
                            && is_null(&self.text, &parent_span) =>
                    {
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
        }
    }

    /// Appends `item` to the list at `pointer`, creating the list when it is missing.
    pub fn push(&mut self, pointer: &str, item: &Node) -> Result<(), EditError> {
        let positions = self.positions()?;
        let Some(span) = positions.span(pointer) else {
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
        let children = positions.children(pointer);
        let chars = CharIndex::new(&self.text);
        match (span.style, children.last()) {
            (Style::FlowCollection, None) => {
                let (s, e) = (chars.byte(span.start), chars.byte(span.end));
                self.text.replace_range(s..e, &format!("[{}]", item.flow()));
            }
            (Style::FlowCollection, Some(last)) => {
                let at = chars.byte(true_end(&self.text, &chars, last));
                self.text.insert_str(at, &format!(", {}", item.flow()));
            }
            (_, last) => {
                let first = children.first().map_or(span.start, |c| c.start);
                let indent = dash_column(&self.text, &chars, first);
                let after = last.map_or(span.end, |l| subtree_end(&self.text, &chars, l));
                let at = line_end(&self.text, chars.byte(after));
                let text = format!(
                    "\n{}- {}",
                    " ".repeat(indent),
                    // A mapping item starts on the dash's line: `- id: x`.
                    item.inline_or_block(indent + 2).trim_start()
                );
                self.text.insert_str(at, &text);
            }
        }
        Ok(())
    }

    fn replace(&mut self, pointer: &str, span: &NodeSpan, node: &Node) -> Result<(), EditError> {
        let chars = CharIndex::new(&self.text);
        let block_value = matches!(node, Node::Map(_))
            || matches!(node, Node::Seq(items) if items.iter().any(|i| !i.is_scalar()));
        match span.style {
            Style::Plain | Style::DoubleQuoted | Style::SingleQuoted if !block_value => {
                let end = true_end(&self.text, &chars, span);
                let (s, e) = (chars.byte(span.start), chars.byte(end));
                self.text.replace_range(s..e, &node.flow());
                Ok(())
            }
            Style::FlowCollection if !block_value => {
                let (s, e) = (chars.byte(span.start), chars.byte(span.end));
                self.text.replace_range(s..e, &node.flow());
                Ok(())
            }
            _ => {
                // Block scalars, block collections and nested values: rewrite the
                // whole value after its key.
                let Some(key_end) = span.key_end else {
                    return Err(EditError::Unsupported {
                        pointer: pointer.to_string(),
                        why: "only values under a key can be rewritten as a block",
                    });
                };
                let indent = span.key_at.map_or(0, |k| k.column as usize - 1);
                let end = true_end(&self.text, &chars, span);
                let (s, mut e) = (chars.byte(key_end), chars.byte(end));
                // An empty value sits before the colon; the rewrite includes the colon.
                if let Some(colon) = self.text[s..].find(':') {
                    e = e.max(s + colon + 1);
                }
                if e > s + 1 && self.text[..e].ends_with('\n') {
                    e -= 1;
                }
                let value = match node {
                    Node::Map(_) | Node::Seq(_) if block_value => {
                        format!(":\n{}", node.block(indent + 2))
                    }
                    _ => format!(": {}", node.flow()),
                };
                self.text.replace_range(s..e, &value);
                Ok(())
            }
        }
    }

    fn insert_key(
        &mut self,
        parent: &str,
        span: &NodeSpan,
        children: &[NodeSpan],
        key: &str,
        node: &Node,
    ) -> Result<(), EditError> {
        let chars = CharIndex::new(&self.text);
        let key_text = scalar(&Value::String(key.to_string()));
        if span.style == Style::FlowCollection {
            match children.last() {
                None => {
                    let (s, e) = (chars.byte(span.start), chars.byte(span.end));
                    self.text
                        .replace_range(s..e, &format!("{{ {key_text}: {} }}", node.flow()));
                }
                Some(last) => {
                    let at = chars.byte(true_end(&self.text, &chars, last));
                    self.text
                        .insert_str(at, &format!(", {key_text}: {}", node.flow()));
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
        let indent = children
            .first()
            .and_then(|c| c.key_at)
            .map_or(0, |at| at.column as usize - 1);
        let after = subtree_end(&self.text, &chars, last);
        let at = line_end(&self.text, chars.byte(after));
        let value = node.inline_or_block(indent + 2);
        let separator = if node.is_block() { ":\n" } else { ": " };
        self.text.insert_str(
            at,
            &format!("\n{}{key_text}{separator}{value}", " ".repeat(indent)),
        );
        Ok(())
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
            .take(span.end - span.start)
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
}

/// The end of a node, corrected where the parser's span runs long: a single-quoted
/// scalar's span can swallow trailing blanks and a comment.
fn true_end(text: &str, chars: &CharIndex, span: &NodeSpan) -> usize {
    if span.style != Style::SingleQuoted {
        return span.end;
    }
    let from = chars.byte(span.start);
    let mut iter = text[from..].char_indices().skip(1).peekable();
    let mut count = 1;
    while let Some((_, c)) = iter.next() {
        count += 1;
        if c == '\'' {
            if iter.peek().is_some_and(|(_, n)| *n == '\'') {
                iter.next();
                count += 1;
            } else {
                return span.start + count;
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

/// The byte offset of the end of the line holding `byte` (before its newline).
fn line_end(text: &str, byte: usize) -> usize {
    text[byte..].find('\n').map_or(text.len(), |i| byte + i)
}

/// The column of the `-` introducing the block sequence item that starts at `offset`.
fn dash_column(text: &str, chars: &CharIndex, offset: usize) -> usize {
    let byte = chars.byte(offset);
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    match text[line_start..byte].rfind('-') {
        Some(dash) => text[line_start..line_start + dash].chars().count(),
        None => column_of(text, chars, offset),
    }
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
    fn pushing_a_mapping_onto_a_block_list() {
        let text = "roles:\n  - id: lead\n    name: Lead\nrules: {}\n";
        let out = edited(text, |e| {
            e.push(
                "/roles",
                &Node::Map(vec![
                    ("id".into(), s("ai-lead")),
                    ("name".into(), s("AI Lead")),
                ]),
            )
        });
        assert_eq!(
            out,
            "roles:\n  - id: lead\n    name: Lead\n  - id: ai-lead\n    name: AI Lead\nrules: {}\n"
        );
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
}
