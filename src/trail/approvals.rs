//! The approval model (`shared/spec/approvals.md`).
//!
//! A commit approves entities when its message ends with `Approved-by: Name <email>`
//! trailers (parsed as git parses them) whose email belongs to a role with
//! `approver: true` in `aims.yaml` as it stood *before* the commit, in its first
//! parent: a commit cannot make its own author an approver, or add the key it is
//! signed with, and approve with it. A root commit approves nothing. A commit approves
//! the files it changed (for a merge: what the merge brought in, against its first
//! parent), `aims.yaml` included, and those it names with `Approves:` (`aims` names
//! `aims.yaml`).
//!
//! Each approval is verified: `signed` (a valid SSH signature by one of the role's
//! `signing_keys`, as listed before the commit), `identity` (unsigned, but authored and
//! committed by the approver), `on-behalf` (unsigned, by someone else: a claim) or
//! `bad-signature` (signed, but the signature does not verify or is not the
//! approver's). Which verifications count is the register's `approvals.require`. An
//! approval that does not count is kept, with why, and never makes an entity current.
//! Approving a change one authored is self-approval.

use std::collections::{BTreeMap, HashMap};

use git2::Oid;
use serde::Serialize;

use crate::model::{FileKind, Kind, Require};
use crate::register::CONFIG_FILE;
use crate::yaml;

use super::history::{CommitInfo, Person, Trail};
use super::signature::{self, AllowedKeys, SignatureCheck, SignedCommit};

/// A root file (`aims.yaml`, `context.yaml`) or an entity file named by `id`.
pub fn file_named(id: &str) -> Option<&'static str> {
    FileKind::root_named(id).and_then(FileKind::root_file)
}

/// How an approval was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verification {
    /// Signed with one of the approver role's keys.
    Signed,
    /// Unsigned; authored and committed by the approver.
    Identity,
    /// Unsigned; someone else authored or committed it.
    OnBehalf,
    /// Signed, but the signature does not verify or is not the approver's.
    BadSignature,
}

impl Verification {
    pub fn as_str(self) -> &'static str {
        match self {
            Verification::Signed => "signed",
            Verification::Identity => "identity",
            Verification::OnBehalf => "on-behalf",
            Verification::BadSignature => "bad-signature",
        }
    }

    /// Whether an approval so verified counts under `require`.
    pub fn counts(self, require: Require) -> bool {
        match require {
            Require::Trailer => self != Verification::BadSignature,
            Require::Identity => matches!(self, Verification::Signed | Verification::Identity),
            Require::Signature => self == Verification::Signed,
        }
    }
}

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
    pub verification: Verification,
    /// What the verification found, in words: the key that signed, or who authored
    /// and committed the commit.
    pub detail: String,
}

/// Every approval in the history, per entity file, newest first.
#[derive(Debug, Default)]
pub struct Approvals {
    pub by_path: BTreeMap<String, Vec<Approval>>,
    /// History stops at a shallow-clone boundary: older approvals cannot be seen.
    pub truncated: bool,
}

/// The file of entity `id` in a commit, looked up in every entity folder (`aims` is
/// `aims.yaml`).
fn entity_file(trail: &Trail, tree: Oid, id: &str) -> Option<(String, Oid)> {
    if let Some(file) = file_named(id) {
        return trail
            .blob_at(tree, file)
            .map(|blob| (file.to_string(), blob));
    }
    Kind::ALL.iter().find_map(|kind| {
        let folder = kind.folder();
        ["yaml", "yml"].iter().find_map(|ext| {
            let path = format!("{folder}/{id}.{ext}");
            trail.blob_at(tree, &path).map(|blob| (path, blob))
        })
    })
}

/// The id of an entity file, as `Approves:` and `aims approve` name it.
pub fn entity_id(path: &str) -> String {
    if let Some(id) = FileKind::root_at(path).and_then(FileKind::root_id) {
        return id.to_string();
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_string()
}

/// The kind of file at `path` relative to the register.
pub fn file_kind(path: &str) -> Option<FileKind> {
    if let Some(kind) = FileKind::root_at(path) {
        return Some(kind);
    }
    let folder = path.split_once('/')?.0;
    Kind::ALL
        .iter()
        .find(|k| k.folder() == folder)
        .map(|&k| FileKind::Entity(k))
}

/// An approver role as an `aims.yaml` lists it.
#[derive(Debug, Clone)]
pub struct ApproverRole {
    pub id: String,
    pub name: String,
    pub email: String,
    pub keys: AllowedKeys,
}

/// Approver roles by email (lower-case), from an `aims.yaml` text.
pub fn approver_roles(content: &[u8]) -> HashMap<String, ApproverRole> {
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
        let keys = role
            .get("signing_keys")
            .and_then(|k| k.as_array())
            .into_iter()
            .flatten()
            .filter_map(|k| k.as_str());
        if let (true, Some(email), Some(id)) = (
            approver,
            role.get("email").and_then(|e| e.as_str()),
            role.get("id").and_then(|i| i.as_str()),
        ) {
            roles.insert(
                email.to_ascii_lowercase(),
                ApproverRole {
                    id: id.to_string(),
                    name: role
                        .get("name")
                        .and_then(|n| n.as_str())
                        .unwrap_or_default()
                        .to_string(),
                    email: email.to_string(),
                    keys: AllowedKeys::parse(keys).0,
                },
            );
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
    let mut roles_by_blob: HashMap<Oid, HashMap<String, ApproverRole>> = HashMap::new();
    let mut out = Approvals {
        truncated: trail.shallow(),
        ..Approvals::default()
    };
    for commit in commits
        .iter()
        .filter(|c| !c.trailers.approved_by.is_empty() && consider(c))
    {
        // Who may approve, and with which keys, is read from before the commit.
        let Some(parent_tree) = commit
            .parents
            .first()
            .and_then(|p| index.get(p))
            .map(|&i| commits[i].tree)
            .or_else(|| trail.tree_of(*commit.parents.first()?))
        else {
            continue;
        };
        let Some(config) = trail.blob_at(parent_tree, CONFIG_FILE) else {
            continue;
        };
        let roles = roles_by_blob.entry(config).or_insert_with(|| {
            trail
                .read(config)
                .map(|c| approver_roles(&c))
                .unwrap_or_default()
        });
        let approvers: Vec<(&Person, ApproverRole)> = commit
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
        let signed = trail.signature_of(commit.id);
        // (path, blob, authored in this commit)
        let mut approved: Vec<(String, Oid, bool)> = trail
            .changes(commit)
            .into_iter()
            .filter_map(|c| c.new.map(|blob| (c.path, blob, true)))
            .collect();
        for id in &commit.trailers.approves {
            if let Some((path, blob)) = entity_file(trail, commit.tree, id)
                && !approved.iter().any(|(p, _, _)| *p == path)
            {
                approved.push((path, blob, false));
            }
        }
        let verified: Vec<(Verification, String)> = approvers
            .iter()
            .map(|(_, role)| verify(commit, role, signed.as_ref()))
            .collect();
        for (path, blob, changed_here) in approved {
            let change_author = if changed_here {
                Some(commit.author.email.to_ascii_lowercase())
            } else {
                last_change_author(trail, commits, &index, commit, &path)
            };
            for ((person, role), (verification, detail)) in approvers.iter().zip(&verified) {
                out.by_path.entry(path.clone()).or_default().push(Approval {
                    commit: commit.id,
                    by: (*person).clone(),
                    role: role.id.clone(),
                    time: commit.time,
                    path: path.clone(),
                    blob,
                    self_approval: change_author.as_deref()
                        == Some(person.email.to_ascii_lowercase().as_str()),
                    verification: *verification,
                    detail: detail.clone(),
                });
            }
        }
    }
    out
}

/// How the approval of `role` in `commit` is verified, and what was found.
fn verify(
    commit: &CommitInfo,
    role: &ApproverRole,
    signed: Option<&SignedCommit>,
) -> (Verification, String) {
    match signed {
        Some(signed) => match signature::verify(&signed.signature, &signed.payload, &role.keys) {
            SignatureCheck::Valid { fingerprint } => (
                Verification::Signed,
                format!("signed with {fingerprint}, a key of role `{}`", role.id),
            ),
            SignatureCheck::NotAllowed { fingerprint } if role.keys.is_empty() => (
                Verification::BadSignature,
                format!(
                    "signed with {fingerprint}, but role `{}` lists no signing_keys",
                    role.id
                ),
            ),
            SignatureCheck::NotAllowed { fingerprint } => (
                Verification::BadSignature,
                format!(
                    "signed with {fingerprint}, which is not a key of role `{}`",
                    role.id
                ),
            ),
            other => (Verification::BadSignature, other.to_string()),
        },
        None => {
            let email = role.email.to_ascii_lowercase();
            let author = commit.author.email.to_ascii_lowercase();
            let committer = commit.committer.email.to_ascii_lowercase();
            if author == email && committer == email {
                (
                    Verification::Identity,
                    format!(
                        "unsigned, authored and committed by {}",
                        commit.author.email
                    ),
                )
            } else {
                (
                    Verification::OnBehalf,
                    format!(
                        "unsigned, authored by {} and committed by {}: the trailer is a claim",
                        commit.author.display(),
                        commit.committer.display()
                    ),
                )
            }
        }
    }
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
    /// An approval that counts covers the committed content, and the working tree
    /// matches it.
    Current,
    /// Approved once (in a way that counts), changed since.
    Stale,
    /// No approval that counts in the history.
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

/// The state of an entity file given its approvals, its committed blob, whether the
/// working tree differs from it, and which verifications count. Approvals that do not
/// count are ignored here: an entity approved only on someone's behalf is unapproved.
pub fn state(
    approvals: &[Approval],
    committed: Option<Oid>,
    modified: bool,
    require: Require,
) -> State {
    let mut counting = approvals
        .iter()
        .filter(|a| a.verification.counts(require))
        .peekable();
    if modified {
        State::Modified
    } else if counting.peek().is_none() {
        State::Unapproved
    } else if counting.any(|a| Some(a.blob) == committed) {
        State::Current
    } else {
        State::Stale
    }
}
