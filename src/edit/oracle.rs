//! What an edit must leave in a file, and where a result falls short of it.
//!
//! Every edit is checked after the fact, on the value rather than the text: the edited
//! text, parsed again, must hold exactly the value the file held before with the one
//! intended change made (the new node at its pointer, any missing or empty parents
//! turned into mappings on the way), and nothing else. A byte-level slip of the editor
//! that misplaces data (a key landing in the wrong mapping, a value glued to its key)
//! always shows up here as a pointer whose value differs. This module only computes
//! values; it never reads or changes text.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::emit::Node;

/// One intended change at a pointer.
#[derive(Debug, Clone, Copy)]
pub(super) enum Change<'a> {
    /// The node at the pointer becomes this one.
    Set(&'a Node),
    /// This item is appended to the list at the pointer (created when missing or empty).
    Push(&'a Node),
    /// The list item or mapping key at the pointer is removed.
    Remove,
}

/// The value a file holding `before` must hold after `change` at `pointer`, or `None`
/// when the change cannot apply to that value at all (then no edited text is right).
pub(super) fn expected(before: &Value, pointer: &str, change: Change<'_>) -> Option<Value> {
    let mut after = before.clone();
    if let Change::Remove = change {
        let (parent, key) = pointer.rsplit_once('/')?;
        let key = key.replace("~1", "/").replace("~0", "~");
        match after.pointer_mut(parent)? {
            Value::Object(map) => {
                map.remove(&key)?;
            }
            Value::Array(items) => {
                let i = key.parse::<usize>().ok().filter(|&i| i < items.len())?;
                items.remove(i);
            }
            _ => return None,
        }
        return Some(after);
    }
    let target = slot(&mut after, pointer)?;
    match change {
        Change::Set(node) => *target = value(node),
        Change::Push(item) => match target {
            Value::Null => *target = Value::Array(vec![value(item)]),
            Value::Array(items) => items.push(value(item)),
            _ => return None,
        },
        Change::Remove => return None,
    }
    Some(after)
}

/// The node a pointer names, created (as null) when missing. Missing parents become
/// mappings, and so do parents that are null (`review:` with nothing after it), as
/// the editor writes them; a pointer through a scalar or past the end of a list has
/// no slot.
fn slot<'v>(root: &'v mut Value, pointer: &str) -> Option<&'v mut Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let mut current = root;
    for raw in pointer.strip_prefix('/')?.split('/') {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        if current.is_null() {
            *current = Value::Object(Map::new());
        }
        current = match current {
            Value::Object(map) => map.entry(segment).or_insert(Value::Null),
            Value::Array(items) => items.get_mut(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// The value a node is written to mean.
pub(super) fn value(node: &Node) -> Value {
    match node {
        Node::Scalar(v) => v.clone(),
        Node::Seq(items) => Value::Array(items.iter().map(value).collect()),
        Node::Map(entries) => {
            Value::Object(entries.iter().map(|(k, v)| (k.clone(), value(v))).collect())
        }
    }
}

/// The first pointer (keys in sorted order, then list indexes) at which `actual`
/// differs from `expected`, or `None` when they are equal.
pub(super) fn first_difference(expected: &Value, actual: &Value) -> Option<String> {
    let mut pointer = String::new();
    difference(expected, actual, &mut pointer).then_some(pointer)
}

/// Whether the values differ; if so, `pointer` is left naming the first place.
fn difference(expected: &Value, actual: &Value, pointer: &mut String) -> bool {
    let depth = pointer.len();
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let keys: BTreeSet<&String> = e.keys().chain(a.keys()).collect();
            for key in keys {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                let differs = match (e.get(key), a.get(key)) {
                    (Some(e), Some(a)) => difference(e, a, pointer),
                    _ => true,
                };
                if differs {
                    return true;
                }
                pointer.truncate(depth);
            }
            false
        }
        (Value::Array(e), Value::Array(a)) => {
            for i in 0..e.len().max(a.len()) {
                pointer.push('/');
                pointer.push_str(&i.to_string());
                let differs = match (e.get(i), a.get(i)) {
                    (Some(e), Some(a)) => difference(e, a, pointer),
                    _ => true,
                };
                if differs {
                    return true;
                }
                pointer.truncate(depth);
            }
            false
        }
        (e, a) => e != a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn set_creates_missing_and_empty_parents() {
        let before = json!({"id": "R-1", "review": null});
        let node = Node::text("2026-11-22");
        assert_eq!(
            expected(&before, "/review/last", Change::Set(&node)),
            Some(json!({"id": "R-1", "review": {"last": "2026-11-22"}}))
        );
        assert_eq!(
            expected(&before, "/a/b", Change::Set(&node)),
            Some(json!({"id": "R-1", "review": null, "a": {"b": "2026-11-22"}}))
        );
        // through a scalar there is nowhere to put it
        assert_eq!(expected(&before, "/id/x", Change::Set(&node)), None);
    }

    #[test]
    fn push_appends_or_starts_a_list() {
        let before = json!({"e": ["a"], "n": null, "s": "x"});
        let item = Node::text("b");
        assert_eq!(
            expected(&before, "/e", Change::Push(&item)),
            Some(json!({"e": ["a", "b"], "n": null, "s": "x"}))
        );
        assert_eq!(
            expected(&before, "/n", Change::Push(&item)),
            Some(json!({"e": ["a"], "n": ["b"], "s": "x"}))
        );
        assert_eq!(expected(&before, "/s", Change::Push(&item)), None);
    }

    #[test]
    fn first_difference_names_the_deepest_first_place() {
        let a = json!({"a": 1, "x": {"notes": ["first"]}, "k/~": 2});
        assert_eq!(first_difference(&a, &a.clone()), None);
        let b = json!({"a": 1, "x": {"notes": ["first, closed"]}, "k/~": 2});
        assert_eq!(first_difference(&a, &b).as_deref(), Some("/x/notes/0"));
        let c = json!({"a": 1, "x": {"notes": ["first"]}, "k/~": 2, "z": 0});
        assert_eq!(first_difference(&a, &c).as_deref(), Some("/z"));
        let d = json!({"a": 1, "x": {"notes": ["first"]}, "k/~": 3});
        assert_eq!(first_difference(&a, &d).as_deref(), Some("/k~1~0"));
        assert_eq!(
            first_difference(&json!([1]), &json!([1, 2])).as_deref(),
            Some("/1")
        );
        assert_eq!(first_difference(&json!(1), &json!(2)).as_deref(), Some(""));
    }
}
