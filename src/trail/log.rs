//! One entity's history: every commit that changed its file, following renames, with
//! what changed in the register's own terms.

use std::collections::HashMap;

use git2::Oid;
use serde_json::Value;

use crate::yaml;

use super::approvals::Approvals;
use super::history::{CommitInfo, FileChange, Trail};

/// One change to an entity's file.
#[derive(Debug, Clone)]
pub struct LogEntry {
    pub commit: Oid,
    pub time: i64,
    pub author: String,
    pub summary: String,
    /// The file at that commit (it may have been renamed since).
    pub path: String,
    /// `created`, `deleted`, `renamed from X`, or the fields that changed.
    pub changes: Vec<String>,
}

/// The history of the file at `path` (relative to the register), newest first, and
/// every path it has had; `changed` holds what each of `commits` changed.
pub fn file_log(
    trail: &Trail,
    commits: &[CommitInfo],
    changed: &[Vec<FileChange>],
    path: &str,
) -> (Vec<LogEntry>, Vec<String>) {
    let mut follow = Follow::new(path);
    for (commit, changed) in commits.iter().zip(changed) {
        follow.step(trail, commit, changed);
    }
    (follow.entries, follow.paths)
}

/// The history of each file at `paths`, as [`file_log`] gives it, for many files at
/// once: each looks only at the commits that changed a path it has had, found in an
/// index of every commit's changes made once, and the files are followed in parallel
/// (one repository handle per thread).
pub fn file_logs(
    trail: &Trail,
    commits: &[CommitInfo],
    changed: &[Vec<FileChange>],
    paths: &[String],
) -> Vec<(Vec<LogEntry>, Vec<String>)> {
    use rayon::prelude::*;
    let mut touching: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, changes) in changed.iter().enumerate() {
        for c in changes {
            touching.entry(c.path.as_str()).or_default().push(i);
        }
    }
    let follow = |trail: &Trail, path: &str| {
        let mut follow = Follow::new(path);
        let mut from = 0;
        // The next commit (from `from` on) that changed the path followed now; after
        // a rename the older path is followed from the commit after the rename.
        while let Some(&i) = touching
            .get(follow.path.as_str())
            .and_then(|found| found.get(found.partition_point(|&i| i < from)))
        {
            follow.step(trail, &commits[i], &changed[i]);
            from = i + 1;
        }
        (follow.entries, follow.paths)
    };
    let opener = trail.opener();
    let found: Vec<Option<(Vec<LogEntry>, Vec<String>)>> = paths
        .par_iter()
        .map_init(
            || opener.open(),
            |other, path| other.as_ref().map(|other| follow(other, path)),
        )
        .collect();
    // A thread that could not open the repository leaves its share to this one.
    found
        .into_iter()
        .zip(paths)
        .map(|(done, path)| done.unwrap_or_else(|| follow(trail, path)))
        .collect()
}

/// Following one file back through history, across renames.
struct Follow {
    /// The path the file had at the commit looked at last.
    path: String,
    paths: Vec<String>,
    entries: Vec<LogEntry>,
}

impl Follow {
    fn new(path: &str) -> Follow {
        Follow {
            path: path.to_string(),
            paths: vec![path.to_string()],
            entries: Vec::new(),
        }
    }

    /// Takes in one commit (newer commits first) with what it changed.
    fn step(&mut self, trail: &Trail, commit: &CommitInfo, changed: &[FileChange]) {
        let Some(change) = changed.iter().find(|c| c.path == self.path) else {
            return;
        };
        let (old, new) = (change.old, change.new);
        let mut changes = Vec::new();
        let mut previous = old;
        if new.is_some() && old.is_none() {
            // Created here, or renamed: a file deleted in the same commit whose content
            // is mostly the same (a renamed entity's `id` changes with its file name).
            let new_text = new.and_then(|b| trail.read(b)).unwrap_or_default();
            let renamed = changed
                .iter()
                .filter(|c| c.new.is_none() && c.path != self.path)
                .filter_map(|c| {
                    let old_text = c.old.and_then(|b| trail.read(b)).unwrap_or_default();
                    let score = similarity(&old_text, &new_text);
                    (score >= 0.5).then_some((score, c))
                })
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, c)| c);
            match renamed {
                Some(from) => {
                    changes.push(format!("renamed from {}", from.path));
                    previous = from.old;
                    self.path = from.path.clone();
                    self.paths.push(self.path.clone());
                }
                None => changes.push("created".to_string()),
            }
        } else if new.is_none() {
            changes.push("deleted".to_string());
        }
        if let (Some(old), Some(new)) = (previous, new)
            && old != new
        {
            changes.extend(describe(
                parse(trail, old).as_ref(),
                parse(trail, new).as_ref(),
            ));
        }
        self.entries.push(LogEntry {
            commit: commit.id,
            time: commit.time,
            author: commit.author.display(),
            summary: commit.summary.clone(),
            path: self.paths.last().cloned().unwrap_or_default(),
            changes,
        });
    }
}

/// The share of lines two files have in common, from 0 to 1.
fn similarity(a: &[u8], b: &[u8]) -> f64 {
    let lines =
        |t: &[u8]| -> Vec<Vec<u8>> { t.split(|&c| c == b'\n').map(<[u8]>::to_vec).collect() };
    let (a, b) = (lines(a), lines(b));
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut rest = b.clone();
    let mut common = 0;
    for line in &a {
        if let Some(i) = rest.iter().position(|l| l == line) {
            rest.swap_remove(i);
            common += 1;
        }
    }
    common as f64 / longest as f64
}

fn parse(trail: &Trail, blob: Oid) -> Option<Value> {
    let bytes = trail.read(blob)?;
    let text = String::from_utf8(bytes).ok()?;
    yaml::parse(&text).ok().map(|p| p.value)
}

/// What changed between two versions of an entity, field by field:
/// `assessment 3x4 -> 2x4`, `status planned -> implemented`, `treatment changed`.
pub fn describe(old: Option<&Value>, new: Option<&Value>) -> Vec<String> {
    let (Some(Value::Object(old)), Some(Value::Object(new))) = (old, new) else {
        return vec!["content changed".to_string()];
    };
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for key in keys {
        let (a, b) = (old.get(key), new.get(key));
        if a == b {
            continue;
        }
        out.push(match (a, b) {
            (None, Some(v)) => format!(
                "{key} added{}",
                scalar(v).map(|s| format!(": {s}")).unwrap_or_default()
            ),
            (Some(_), None) => format!("{key} removed"),
            (Some(a), Some(b)) => match (score(a), score(b), scalar(a), scalar(b)) {
                (Some(x), Some(y), _, _) => format!("{key} {x} -> {y}"),
                (_, _, Some(x), Some(y)) => format!("{key} {x} -> {y}"),
                _ => nested(key, a, b),
            },
            (None, None) => continue,
        });
    }
    out
}

/// `review.last 2026-04-02 -> 2026-11-22` for maps whose scalar fields changed.
fn nested(key: &str, a: &Value, b: &Value) -> String {
    if let (Value::Object(a), Value::Object(b)) = (a, b) {
        let parts: Vec<String> = b
            .iter()
            .filter(|(k, v)| a.get(*k) != Some(*v))
            .filter_map(|(k, v)| {
                Some(format!(
                    "{key}.{k} {} -> {}",
                    a.get(k).and_then(scalar).unwrap_or_else(|| "-".to_string()),
                    scalar(v)?
                ))
            })
            .collect();
        if !parts.is_empty()
            && parts.len() == b.iter().filter(|(k, v)| a.get(*k) != Some(*v)).count()
        {
            return parts.join("; ");
        }
    }
    format!("{key} changed")
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.chars().count() <= 40 && !s.contains('\n') => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `3x4` for an assessment or target.
fn score(v: &Value) -> Option<String> {
    Some(format!(
        "{}x{}",
        v.get("likelihood")?.as_u64()?,
        v.get("consequence")?.as_u64()?
    ))
}

/// The approvals of every path an entity has had, newest first.
pub fn entity_approvals<'a>(
    approvals: &'a Approvals,
    paths: &[String],
) -> Vec<&'a super::Approval> {
    let mut found: Vec<&super::Approval> = paths
        .iter()
        .filter_map(|p| approvals.by_path.get(p))
        .flatten()
        .collect();
    found.sort_by(|a, b| b.time.cmp(&a.time).then_with(|| a.commit.cmp(&b.commit)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn describes_changes_in_register_terms() {
        let old = json!({"id": "R-1", "assessment": {"likelihood": 3, "consequence": 4}, "status": "open", "review": {"last": "2026-04-02"}, "treatment": {"option": "accept", "actions": []}});
        let new = json!({"id": "R-1", "assessment": {"likelihood": 2, "consequence": 4}, "status": "closed", "review": {"last": "2026-11-22"}, "treatment": {"option": "mitigate", "actions": [1]}, "closed_reason": "Gone"});
        assert_eq!(
            describe(Some(&old), Some(&new)),
            [
                "assessment 3x4 -> 2x4",
                "closed_reason added: Gone",
                "review.last 2026-04-02 -> 2026-11-22",
                "status open -> closed",
                "treatment changed",
            ]
        );
    }
}
