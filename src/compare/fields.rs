//! Which fields of an entity changed, as paths (`assessment/rationale`,
//! `dimensions/0/mitigations`), so that a change no section of the diff speaks for
//! (a reworded rationale, a new owner) is still named, and a reworded text is never
//! shown as a change of what it describes.

use serde::Serialize;
use serde_json::Value;

/// How deep paths go: deeper differences are named by their ancestor at this depth.
const DEPTH: usize = 3;

/// The paths at which `old` and `new` differ, keys in alphabetical order (then the
/// keys only `old` has).
pub fn changed(old: &impl Serialize, new: &impl Serialize) -> Vec<String> {
    let (Ok(old), Ok(new)) = (serde_json::to_value(old), serde_json::to_value(new)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&old, &new, String::new(), 0, &mut out);
    out
}

fn walk(old: &Value, new: &Value, path: String, depth: usize, out: &mut Vec<String>) {
    if old == new {
        return;
    }
    let here = |out: &mut Vec<String>| {
        out.push(if path.is_empty() {
            "/".into()
        } else {
            path.clone()
        })
    };
    if depth >= DEPTH {
        here(out);
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in b {
                let child = join(&path, key);
                match a.get(key) {
                    Some(before) => walk(before, value, child, depth + 1, out),
                    None if value.is_null() => {}
                    None => out.push(child),
                }
            }
            for (key, value) in a {
                if !b.contains_key(key) && !value.is_null() {
                    out.push(join(&path, key));
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                walk(x, y, join(&path, &i.to_string()), depth + 1, out);
            }
        }
        _ => here(out),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}/{key}")
    }
}

/// Whether `path` falls under one of `patterns` (`*` matches one segment; a pattern
/// covers the paths below it).
pub fn covered(path: &str, patterns: &[&str]) -> bool {
    patterns.iter().any(|pattern| {
        let mut segments = path.split('/');
        pattern
            .split('/')
            .all(|p| segments.next().is_some_and(|s| p == "*" || p == s))
    })
}

/// The changed paths none of `patterns` covers, with array indexes written as `[i]`
/// for people: `dimensions[0].mitigations`.
pub fn uncovered(paths: &[String], patterns: &[&str]) -> Vec<String> {
    paths
        .iter()
        .filter(|p| !covered(p, patterns))
        .map(|p| readable(p))
        .collect()
}

fn readable(path: &str) -> String {
    let mut out = String::new();
    for segment in path.split('/') {
        if segment.chars().all(|c| c.is_ascii_digit()) && !segment.is_empty() {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(segment);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changed_paths_are_named_down_to_three_levels() {
        let old =
            json!({"a": 1, "b": {"c": "x", "d": [1, 2]}, "e": [{"f": 1, "g": {"h": {"i": 1}}}]});
        let new = json!({"a": 1, "b": {"c": "y", "d": [1, 2, 3]}, "e": [{"f": 2, "g": {"h": {"i": 2}}}], "z": null});
        assert_eq!(changed(&old, &new), ["b/c", "b/d", "e/0/f", "e/0/g"]);
        assert!(changed(&old, &old).is_empty());
    }

    #[test]
    fn patterns_cover_paths_below_them() {
        assert!(covered("assessment/likelihood", &["assessment/likelihood"]));
        assert!(covered("dimensions/3/severity", &["dimensions/*/severity"]));
        assert!(covered(
            "treatment/actions/0/status",
            &["treatment/actions"]
        ));
        assert!(!covered("assessment/rationale", &["assessment/likelihood"]));
        assert_eq!(
            uncovered(
                &["dimensions/0/mitigations".into(), "owner".into()],
                &["owner"]
            ),
            ["dimensions[0].mitigations"]
        );
    }
}
