//! YAML text for values: an ordered tree of nodes, rendered flow-style inline or as
//! indented blocks, with scalars quoted only when a plain scalar would not read back
//! as the same string.

use serde_json::Value;

/// A value with its keys in the order they are to be written.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Scalar(Value),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    pub fn text(s: impl Into<String>) -> Node {
        Node::Scalar(Value::String(s.into()))
    }

    pub fn is_scalar(&self) -> bool {
        matches!(self, Node::Scalar(_))
    }

    /// Whether the node is written as an indented block after its key.
    pub fn is_block(&self) -> bool {
        match self {
            Node::Scalar(_) => false,
            // Empty collections are written `{}` and `[]`.
            Node::Map(entries) => !entries.is_empty(),
            Node::Seq(items) => items.iter().any(|i| !i.is_scalar()),
        }
    }

    /// Flow style on one line: `x`, `[a, b]`, `{ k: v }`.
    pub fn flow(&self) -> String {
        match self {
            Node::Scalar(v) => scalar(v),
            Node::Seq(items) => format!(
                "[{}]",
                items.iter().map(Node::flow).collect::<Vec<_>>().join(", ")
            ),
            Node::Map(entries) if entries.is_empty() => "{}".to_string(),
            Node::Map(entries) => format!(
                "{{ {} }}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", scalar(&Value::String(k.clone())), v.flow()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// The node as it follows `key: ` (flow) or `key:\n` (block) at `indent`.
    pub fn inline_or_block(&self, indent: usize) -> String {
        if self.is_block() {
            self.block(indent)
        } else {
            self.flow()
        }
    }

    /// Block style, every line indented by `indent`, without a trailing newline.
    pub fn block(&self, indent: usize) -> String {
        let pad = " ".repeat(indent);
        match self {
            Node::Scalar(_) => format!("{pad}{}", self.flow()),
            Node::Seq(items) => items
                .iter()
                .map(|item| match item {
                    Node::Map(entries) if !entries.is_empty() => {
                        // `- key: value` with the other keys aligned under the first.
                        let inner = item.block(indent + 2);
                        format!("{pad}- {}", inner.trim_start())
                    }
                    other => format!("{pad}- {}", other.inline_or_block(indent + 2).trim_start()),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Node::Map(entries) => entries
                .iter()
                .map(|(k, v)| {
                    let key = scalar(&Value::String(k.clone()));
                    if v.is_block() {
                        format!("{pad}{key}:\n{}", v.block(indent + 2))
                    } else {
                        format!("{pad}{key}: {}", v.flow())
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// A whole file: a top-level mapping in block style, ending with a newline.
    pub fn document(&self) -> String {
        format!("{}\n", self.block(0))
    }
}

/// A scalar as YAML: plain when that reads back as the same value, otherwise
/// double-quoted (JSON string syntax is valid YAML).
pub fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) if plain_is_safe(s) => s.clone(),
        Value::String(s) => serde_json::to_string(s).expect("strings serialise"),
        Value::Null => "null".to_string(),
        other => other.to_string(),
    }
}

/// Whether `s` can be written as a plain scalar and read back as the same string.
fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || s.contains(['\n', '\r', '\t']) {
        return false;
    }
    // A leading `-` is safe when it cannot start a sequence item or a document marker.
    let harmless_dash =
        first == '-' && s.len() > 1 && !s.starts_with("- ") && !s.starts_with("---");
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) && !harmless_dash {
        return false;
    }
    if s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.contains(['{', '}', '[', ']', ','])
    {
        return false;
    }
    // Plain text that YAML would read as null, a boolean or a number stays quoted.
    let resolved = crate::yaml::parse(&format!("v: {s}\n"));
    matches!(resolved, Ok(p) if p.value.get("v") == Some(&Value::String(s.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalars_are_plain_only_when_safe() {
        for plain in [
            "R-001",
            "2026-11-22",
            "A.6.2.4",
            "Bias in scoring",
            "evidence/a b.md",
            "It's fine",
            "-5 points",
        ] {
            assert_eq!(scalar(&json!(plain)), plain);
        }
        for quoted in [
            "",
            "yes: no",
            "a #b",
            "true",
            "null",
            "12",
            "1.5",
            "- item",
            "[x]",
            "a, b",
            " lead",
            "x:",
            "#c",
            "line\nbreak",
        ] {
            let out = scalar(&json!(quoted));
            assert!(out.starts_with('"'), "{quoted:?} gave {out}");
            let back = crate::yaml::parse(&format!("v: {out}\n")).expect("parses");
            assert_eq!(back.value["v"], json!(quoted));
        }
        assert_eq!(scalar(&json!(3)), "3");
        assert_eq!(scalar(&json!(true)), "true");
    }

    #[test]
    fn documents_in_block_style() {
        let doc = Node::Map(vec![
            ("id".into(), Node::text("R-1")),
            (
                "systems".into(),
                Node::Seq(vec![Node::text("a"), Node::text("b")]),
            ),
            (
                "assessment".into(),
                Node::Map(vec![
                    ("likelihood".into(), Node::Scalar(json!(3))),
                    ("consequence".into(), Node::Scalar(json!(4))),
                ]),
            ),
            (
                "actions".into(),
                Node::Seq(vec![Node::Map(vec![
                    ("id".into(), Node::text("T1")),
                    ("due".into(), Node::text("2027-01-01")),
                ])]),
            ),
        ]);
        assert_eq!(
            doc.document(),
            "id: R-1\nsystems: [a, b]\nassessment:\n  likelihood: 3\n  consequence: 4\nactions:\n  - id: T1\n    due: 2027-01-01\n"
        );
    }
}
