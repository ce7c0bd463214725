//! Where every entity of a register stands against its approvals.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::Kind;
use crate::register::Register;

use super::{State, Trail, TrailError, approvals};

#[derive(Debug, Serialize)]
pub struct ApprovalView {
    pub commit: String,
    pub by: String,
    pub role: String,
    pub date: String,
    pub self_approval: bool,
    /// The approval covers the committed content of the entity.
    pub covers_current: bool,
}

#[derive(Debug, Serialize)]
pub struct EntityStatus {
    pub id: String,
    pub kind: Kind,
    pub file: String,
    pub state: State,
    pub approvals: Vec<ApprovalView>,
}

/// The approval state of every entity of a register.
#[derive(Debug, Default)]
pub struct ApprovalStates {
    /// By kind, then id.
    pub entities: Vec<EntityStatus>,
    /// History stops at a shallow-clone boundary: older approvals cannot be seen.
    pub truncated: bool,
    by_file: std::collections::BTreeMap<String, usize>,
}

impl ApprovalStates {
    fn new(entities: Vec<EntityStatus>, truncated: bool) -> ApprovalStates {
        let by_file = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.file.clone(), i))
            .collect();
        ApprovalStates {
            entities,
            truncated,
            by_file,
        }
    }

    /// The state of the entity in file `path` (relative to the register).
    pub fn get(&self, path: &str) -> Option<&EntityStatus> {
        self.by_file.get(path).map(|&i| &self.entities[i])
    }
}

/// The approval state of every entity of the register, as of the version it was
/// read at: for a register read at a revision (`--at`), the history up to that commit
/// and the files as they were there; otherwise HEAD and the working tree.
pub fn entity_states(register: &Register) -> Result<ApprovalStates, TrailError> {
    let trail = Trail::open(&register.root)?;
    let at = register.revision();
    let head = match at {
        Some(revision) => trail.oid(revision)?,
        None => trail.head()?,
    };
    let head_files = trail.files(trail.repo.find_commit(head)?.tree_id());
    let commits = trail.commits_from(head)?;
    let approvals = approvals::approvals(&trail, &commits);
    let modified: BTreeSet<String> = match at {
        Some(_) => BTreeSet::new(),
        None => trail.modified(&register.root).into_iter().collect(),
    };
    let mut entities: Vec<EntityStatus> = register
        .documents
        .iter()
        .filter(|d| d.kind.entity().is_some())
        .map(|doc| {
            let found = approvals
                .by_path
                .get(&doc.path)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let committed = head_files.get(&doc.path).copied();
            EntityStatus {
                id: doc.stem.clone(),
                kind: doc.kind.entity().expect("only entity files are listed"),
                file: doc.path.clone(),
                state: approvals::state(
                    found,
                    committed,
                    modified.contains(&doc.path) || committed.is_none(),
                ),
                approvals: found
                    .iter()
                    .map(|a| ApprovalView {
                        commit: a.commit.to_string(),
                        by: a.by.display(),
                        role: a.role.clone(),
                        date: date(a.time),
                        self_approval: a.self_approval,
                        covers_current: Some(a.blob) == committed,
                    })
                    .collect(),
            }
        })
        .collect();
    entities.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    Ok(ApprovalStates::new(entities, approvals.truncated))
}

pub fn date(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|d| d.date_naive().to_string())
        .unwrap_or_default()
}
