//! A YAML file and a sequence of edits into the byte-preserving editor: it must never
//! panic, and whenever an edit returns `Ok`, the file must afterwards hold exactly the
//! value it held before with that one change made (checked here against a model kept
//! apart from the editor's own check). A byte order mark stays.
//!
//! Input: the file's text, then a NUL byte, then up to twelve edits, four bytes each:
//! what to do (set, push or remove), which existing node (by index into the file's pointers), which new key,
//! which value. Without a NUL, the whole input is the file and a `risk close`-like pair of
//! edits and an evidence push are made. With `AIMS_FUZZ_STRICT` set, an edit the
//! editor's own check refuses (a mistake caught, no data lost) is a finding as well.

#![no_main]

use aims::edit::{EditError, Editor, Node};
use aims::yaml;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};

const MAX_EDITS: usize = 12;

const KEYS: &[&str] = &[
    "closed_reason",
    "status",
    "x",
    "notes",
    "owner",
    "evidence",
    "review",
    "last",
    "a/b",
    "t~x",
    "0",
    "true",
    "null",
    "key with space",
    "k: v",
    "#",
    "-",
    "é",
    "",
];

fn values() -> Vec<Node> {
    let text = Node::text;
    vec![
        text("Model retired"),
        text(""),
        text("yes: no"),
        text("- item"),
        text("#c"),
        text("a\nb"),
        text(" lead"),
        text("null"),
        text("12"),
        text("é – ü"),
        text("'quoted'"),
        text("\"dq\""),
        Node::Scalar(json!(12)),
        Node::Scalar(json!(1.5)),
        Node::Scalar(json!(true)),
        Node::Scalar(Value::Null),
        Node::Seq(vec![]),
        Node::Seq(vec![text("a"), text("b")]),
        Node::Seq(vec![Node::Map(vec![("k".into(), text("v"))])]),
        Node::Map(vec![]),
        Node::Map(vec![
            ("id".into(), text("T1")),
            ("due".into(), text("2027-01-01")),
        ]),
        Node::Map(vec![(
            "nested".into(),
            Node::Map(vec![("deep".into(), Node::Seq(vec![text("x")]))]),
        )]),
    ]
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Set,
    Push,
    Remove,
}

fuzz_target!(|data: &[u8]| {
    let (file, ops) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], Some(&data[nul + 1..])),
        None => (data, None),
    };
    let Ok(text) = std::str::from_utf8(file) else {
        return;
    };
    let Ok(original) = yaml::parse(text) else {
        return;
    };
    let values = values();
    let mut model = original.value;
    let mut editor = Editor::new(text);
    let Some(ops) = ops else {
        // what `aims risk close` and `aims control set --evidence` do
        let edits = [
            (Op::Set, "/status".to_string(), Node::text("closed")),
            (
                Op::Set,
                "/closed_reason".to_string(),
                Node::text("Model retired"),
            ),
            (
                Op::Push,
                "/evidence".to_string(),
                Node::text("evidence/x.md"),
            ),
        ];
        for (op, pointer, node) in edits {
            step(&mut editor, &mut model, op, &pointer, &node);
        }
        return check(text, editor, &model);
    };
    // A register edit makes a handful of changes; more only slows the search down.
    for chunk in ops.chunks_exact(4).take(MAX_EDITS) {
        let mut pointers = Vec::new();
        pointers_of(&model, String::new(), &mut pointers);
        let base = &pointers[chunk[1] as usize % pointers.len()];
        let op = match (chunk[0] & 4 != 0, chunk[0] & 1) {
            (true, _) => Op::Remove,
            (false, 0) => Op::Set,
            (false, _) => Op::Push,
        };
        let pointer = if chunk[0] & 2 == 0 {
            base.clone()
        } else {
            let key = KEYS[chunk[2] as usize % KEYS.len()];
            format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
        };
        let node = &values[chunk[3] as usize % values.len()];
        step(&mut editor, &mut model, op, &pointer, node);
    }
    check(text, editor, &model);
});

/// The edited file holds the model's value and kept its byte order mark.
fn check(text: &str, editor: Editor, model: &Value) {
    let out = editor.into_text();
    assert_eq!(
        out.starts_with('\u{feff}'),
        text.starts_with('\u{feff}'),
        "the byte order mark"
    );
    let after = yaml::parse(&out).unwrap_or_else(|e| panic!("{e:?}\n{out}"));
    assert_eq!(&after.value, model, "\n{text}\n---\n{out}");
}

/// Makes one edit, and when the editor accepts it, the same change to the model.
fn step(editor: &mut Editor, model: &mut Value, op: Op, pointer: &str, node: &Node) {
    let result = match op {
        Op::Set => editor.set(pointer, node),
        Op::Push => editor.push(pointer, node),
        Op::Remove => editor.remove(pointer),
    };
    if let Err(error) = result {
        // The editor's own check caught a mistake: no data was lost, but the edit was
        // refused. With AIMS_FUZZ_STRICT set, that counts as a finding too.
        let caught = matches!(
            error,
            EditError::Misplaced { .. } | EditError::Broken { .. }
        );
        assert!(
            !(caught && std::env::var_os("AIMS_FUZZ_STRICT").is_some()),
            "{op:?} `{pointer}` with {node:?}: {error}"
        );
        return;
    }
    let mut changed = model.clone();
    let applied = match op {
        Op::Remove => remove(&mut changed, pointer),
        _ => set_or_push(&mut changed, op, pointer, node),
    };
    assert!(
        applied.is_some(),
        "the editor accepted {op:?} `{pointer}`, which has no meaning for {model}"
    );
    *model = changed;
}

/// Sets the node at a pointer, or appends to the list there.
fn set_or_push(root: &mut Value, op: Op, pointer: &str, node: &Node) -> Option<()> {
    slot(root, pointer).and_then(|target| match op {
        Op::Set => {
            *target = value(node);
            Some(())
        }
        Op::Push => match target {
            Value::Null => {
                *target = Value::Array(vec![value(node)]);
                Some(())
            }
            Value::Array(items) => {
                items.push(value(node));
                Some(())
            }
            _ => None,
        },
        Op::Remove => None,
    })
}

/// Removes the list item or key at a pointer.
fn remove(root: &mut Value, pointer: &str) -> Option<()> {
    let (parent, key) = pointer.rsplit_once('/')?;
    let key = key.replace("~1", "/").replace("~0", "~");
    match root.pointer_mut(parent)? {
        Value::Object(map) => map.remove(&key).map(|_| ()),
        Value::Array(items) => {
            let i = key.parse::<usize>().ok().filter(|&i| i < items.len())?;
            items.remove(i);
            Some(())
        }
        _ => None,
    }
}

/// The node at a pointer, created when missing; missing and null parents become
/// mappings.
fn slot<'v>(root: &'v mut Value, pointer: &str) -> Option<&'v mut Value> {
    let mut current = root;
    if pointer.is_empty() {
        return Some(current);
    }
    for raw in pointer.strip_prefix('/')?.split('/') {
        let key = raw.replace("~1", "/").replace("~0", "~");
        if current.is_null() {
            *current = Value::Object(Map::new());
        }
        current = match current {
            Value::Object(map) => map.entry(key).or_insert(Value::Null),
            Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

fn value(node: &Node) -> Value {
    match node {
        Node::Scalar(v) => v.clone(),
        Node::Seq(items) => Value::Array(items.iter().map(value).collect()),
        Node::Map(entries) => {
            Value::Object(entries.iter().map(|(k, v)| (k.clone(), value(v))).collect())
        }
    }
}

fn pointers_of(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                pointers_of(child, format!("{pointer}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers_of(child, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(pointer);
}
