//! The approval model.
//!
//! A commit approves entities when its message carries `Approved-by: Name <email>`
//! trailers whose email belongs to a role with `approver: true` in `aims.yaml` as it
//! stood at that commit. It approves the entity files it changed (for a merge: what
//! the merge brought in, against its first parent) and those it names with `Approves:`.
//! An approval is current while the entity's file is byte-identical to the version
//! approved. Approving a change one authored is self-approval.

use std::collections::{BTreeMap, HashMap};

use git2::Oid;
use serde::Serialize;

use crate::model::Kind;
use crate::register::CONFIG_FILE;
use crate::yaml;

use super::history::{CommitInfo, Person, Trail};

/// One entity version approved by one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub commit: Oid,
    pub by: Person,
    pub role: String,
    pub time: i64,
    /// The entity's file (relative to the register) and the content approved.
    pub path: String,
    pub blob: Oid,
    /// The approver also authored the change approved.
    pub self_approval: bool,
}

/// Every approval in the history, per entity file, newest first.
#[derive(Debug, Default)]
pub struct Approvals {
    pub by_path: BTreeMap<String, Vec<Approval>>,
    /// History stops at a shallow-clone boundary: older approvals cannot be seen.
    pub truncated: bool,
}

/// The file of entity `id` in a commit, looked up in every entity folder.
fn entity_file(trail: &Trail, tree: Oid, id: &str) -> Option<(String, Oid)> {
    Kind::ALL.iter().find_map(|kind| {
        let folder = kind.folder();
        ["yaml", "yml"].iter().find_map(|ext| {
            let path = format!("{folder}/{id}.{ext}");
            trail.blob_at(tree, &path).map(|blob| (path, blob))
        })
    })
}

/// Approver roles by email (lower-case), from an `aims.yaml` blob.
fn approver_roles(content: &[u8]) -> HashMap<String, String> {
    let Ok(text) = std::str::from_utf8(content) else {
        return HashMap::new();
    };
    let Ok(parsed) = yaml::parse(text) else {
        return HashMap::new();
    };
    let mut roles = HashMap::new();
    for role in parsed
        .value
        .get("roles")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
    {
        let approver = role
            .get("approver")
            .and_then(|a| a.as_bool())
            .unwrap_or(false);
        if let (true, Some(email), Some(id)) = (
            approver,
            role.get("email").and_then(|e| e.as_str()),
            role.get("id").and_then(|i| i.as_str()),
        ) {
            roles.insert(email.to_ascii_lowercase(), id.to_string());
        }
    }
    roles
}

/// Finds every approval in `commits` (newest first, as `Trail::commits` returns them).
pub fn approvals(trail: &Trail, commits: &[CommitInfo]) -> Approvals {
    approvals_in(trail, commits, |_| true)
}

/// The approvals given by the commits `consider` keeps; the others are not read.
pub fn approvals_in(
    trail: &Trail,
    commits: &[CommitInfo],
    consider: impl Fn(&CommitInfo) -> bool,
) -> Approvals {
    let index: HashMap<Oid, usize> = commits.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut roles_by_blob: HashMap<Oid, HashMap<String, String>> = HashMap::new();
    let mut out = Approvals {
        truncated: trail.shallow(),
        ..Approvals::default()
    };
    for commit in commits
        .iter()
        .filter(|c| !c.trailers.approved_by.is_empty() && consider(c))
    {
        let Some(config) = trail.blob_at(commit.tree, CONFIG_FILE) else {
            continue;
        };
        let roles = roles_by_blob.entry(config).or_insert_with(|| {
            trail
                .read(config)
                .map(|c| approver_roles(&c))
                .unwrap_or_default()
        });
        let approvers: Vec<(&Person, String)> = commit
            .trailers
            .approved_by
            .iter()
            .filter_map(|p| {
                roles
                    .get(&p.email.to_ascii_lowercase())
                    .map(|r| (p, r.clone()))
            })
            .collect();
        if approvers.is_empty() {
            continue;
        }
        // (path, blob, authored in this commit)
        let mut approved: Vec<(String, Oid, bool)> = trail
            .changes(commit)
            .into_iter()
            .filter(|c| c.path != CONFIG_FILE)
            .filter_map(|c| c.new.map(|blob| (c.path, blob, true)))
            .collect();
        for id in &commit.trailers.approves {
            if let Some((path, blob)) = entity_file(trail, commit.tree, id)
                && !approved.iter().any(|(p, _, _)| *p == path)
            {
                approved.push((path, blob, false));
            }
        }
        for (path, blob, changed_here) in approved {
            let change_author = if changed_here {
                Some(commit.author.email.to_ascii_lowercase())
            } else {
                last_change_author(trail, commits, &index, commit, &path)
            };
            for (person, role) in &approvers {
                out.by_path.entry(path.clone()).or_default().push(Approval {
                    commit: commit.id,
                    by: (*person).clone(),
                    role: role.clone(),
                    time: commit.time,
                    path: path.clone(),
                    blob,
                    self_approval: change_author.as_deref()
                        == Some(person.email.to_ascii_lowercase().as_str()),
                });
            }
        }
    }
    out
}

/// The author of the commit that last changed `path` before `commit` (following first
/// parents), for approvals that name an entity without changing it.
fn last_change_author(
    trail: &Trail,
    commits: &[CommitInfo],
    index: &HashMap<Oid, usize>,
    commit: &CommitInfo,
    path: &str,
) -> Option<String> {
    let mut current = commits.get(*index.get(commit.parents.first()?)?)?;
    let mut blob = trail.blob_at(current.tree, path);
    loop {
        let parent = current
            .parents
            .first()
            .and_then(|p| index.get(p))
            .and_then(|&i| commits.get(i));
        let parent_blob = parent.and_then(|p| trail.blob_at(p.tree, path));
        if parent.is_none() || parent_blob != blob {
            return Some(current.author.email.to_ascii_lowercase());
        }
        current = parent.expect("checked above");
        blob = parent_blob;
    }
}

/// Where an entity stands against its approvals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// An approval covers the committed content and the working tree matches it.
    Current,
    /// Approved once, changed since.
    Stale,
    /// No approval in the history.
    Unapproved,
    /// The working tree differs from the last commit.
    Modified,
}

impl State {
    /// The state as `aims status` and the reports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Current => "current",
            State::Stale => "stale",
            State::Unapproved => "unapproved",
            State::Modified => "modified",
        }
    }
}

/// The state of an entity file given its committed blob and whether the working tree
/// differs from it.
pub fn state(approvals: &[Approval], committed: Option<Oid>, modified: bool) -> State {
    if modified {
        State::Modified
    } else if approvals.iter().any(|a| Some(a.blob) == committed) {
        State::Current
    } else if approvals.is_empty() {
        State::Unapproved
    } else {
        State::Stale
    }
}
