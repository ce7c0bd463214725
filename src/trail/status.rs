//! Where every entity of a register (and `aims.yaml`, as `aims`) stands against its
//! approvals, with each approval's verification and the decisions still awaiting the
//! person they name.

use std::collections::{BTreeMap, BTreeSet};

use git2::Oid;
use serde::Serialize;

use crate::model::{FileKind, Require};
use crate::register::Register;
use crate::yaml;

use super::approvals::{self, Approval, Verification};
use super::{State, Trail, TrailError};

#[derive(Debug, Serialize)]
pub struct ApprovalView {
    pub commit: String,
    pub by: String,
    pub role: String,
    pub date: String,
    pub self_approval: bool,
    /// The approval covers the committed content of the entity.
    pub covers_current: bool,
    /// `signed`, `identity`, `on-behalf` or `bad-signature`.
    pub verification: Verification,
    /// Whether it counts under the register's `approvals.require`.
    pub counts: bool,
    /// What the verification found.
    pub detail: String,
}

/// A decision recorded in the entity that the role it names has not approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Awaiting {
    pub role: String,
    /// What the decision is, in words (`risk acceptance`).
    pub decision: &'static str,
    /// Where it is recorded in the file.
    pub pointer: &'static str,
}

#[derive(Debug, Serialize)]
pub struct EntityStatus {
    pub id: String,
    #[serde(serialize_with = "kind_name")]
    pub kind: FileKind,
    pub file: String,
    pub state: State,
    pub approvals: Vec<ApprovalView>,
    /// Decisions of the committed version whose approver has not approved it.
    pub awaiting: Vec<Awaiting>,
}

fn kind_name<S: serde::Serializer>(kind: &FileKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.schema_name())
}

/// The approval state of every entity of a register.
#[derive(Debug, Default)]
pub struct ApprovalStates {
    /// `aims.yaml` first, then by kind and id.
    pub entities: Vec<EntityStatus>,
    /// History stops at a shallow-clone boundary: older approvals cannot be seen.
    pub truncated: bool,
    /// Which approvals count.
    pub require: Require,
    by_file: BTreeMap<String, usize>,
}

impl ApprovalStates {
    fn new(entities: Vec<EntityStatus>, truncated: bool, require: Require) -> ApprovalStates {
        let by_file = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.file.clone(), i))
            .collect();
        ApprovalStates {
            entities,
            truncated,
            require,
            by_file,
        }
    }

    /// The state of the entity in file `path` (relative to the register).
    pub fn get(&self, path: &str) -> Option<&EntityStatus> {
        self.by_file.get(path).map(|&i| &self.entities[i])
    }
}

/// A decision an entity records, and the role it names as its approver.
struct Decision {
    path: String,
    pointer: &'static str,
    role: String,
    what: &'static str,
}

/// The decisions of the register that name their approver.
fn decisions(register: &Register) -> Vec<Decision> {
    register
        .risks
        .iter()
        .filter_map(|e| {
            let role = e
                .value
                .treatment
                .as_ref()?
                .acceptance
                .as_ref()?
                .approved_by
                .clone()?;
            Some(Decision {
                path: register.documents[e.doc].path.clone(),
                pointer: "/treatment/acceptance",
                role,
                what: "risk acceptance",
            })
        })
        .collect()
}

/// The approval state of every entity of the register, as of the version it was
/// read at: for a register read at a revision (`--at`), the history up to that commit
/// and the files as they were there; otherwise HEAD and the working tree.
pub fn entity_states(register: &Register) -> Result<ApprovalStates, TrailError> {
    entity_states_with(register, &crate::progress::Silent)
}

/// [`entity_states`], telling `progress` how the reading of the history goes.
pub fn entity_states_with(
    register: &Register,
    progress: &dyn crate::progress::Progress,
) -> Result<ApprovalStates, TrailError> {
    let trail = Trail::open(&register.root)?;
    let at = register.revision();
    let head = match at {
        Some(revision) => trail.oid(revision)?,
        None => trail.head()?,
    };
    let require = register
        .config
        .as_ref()
        .map(|c| c.value.approvals.require)
        .unwrap_or_default();
    let head_files = trail.files(trail.repo.find_commit(head)?.tree_id());
    let commits = trail.commits_from_with(head, progress)?;
    let approvals = approvals::approvals(&trail, &commits);
    let modified: BTreeSet<String> = match at {
        Some(_) => BTreeSet::new(),
        None => trail.modified(&register.root).into_iter().collect(),
    };
    let mut awaiting: BTreeMap<String, Vec<Awaiting>> = BTreeMap::new();
    for decision in decisions(register) {
        let Some(committed) = head_files.get(&decision.path).copied() else {
            continue;
        };
        let found = approvals
            .by_path
            .get(&decision.path)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if !approved_decision(&trail, &decision, committed, found, require) {
            awaiting.entry(decision.path).or_default().push(Awaiting {
                role: decision.role,
                decision: decision.what,
                pointer: decision.pointer,
            });
        }
    }
    let mut entities: Vec<EntityStatus> = register
        .documents
        .iter()
        .map(|doc| {
            let found = approvals
                .by_path
                .get(&doc.path)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let committed = head_files.get(&doc.path).copied();
            EntityStatus {
                id: approvals::entity_id(&doc.path),
                kind: doc.kind,
                file: doc.path.clone(),
                state: approvals::state(
                    found,
                    committed,
                    modified.contains(&doc.path) || committed.is_none(),
                    require,
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
                        verification: a.verification,
                        counts: a.verification.counts(require),
                        detail: a.detail.clone(),
                    })
                    .collect(),
                awaiting: awaiting.remove(&doc.path).unwrap_or_default(),
            }
        })
        .collect();
    entities.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| crate::catalog::id_order(&a.id, &b.id))
    });
    Ok(ApprovalStates::new(entities, approvals.truncated, require))
}

/// Whether the role a decision names approved, in a way that counts, a version of the
/// file recording the same decision as the committed one.
fn approved_decision(
    trail: &Trail,
    decision: &Decision,
    committed: Oid,
    approvals: &[Approval],
    require: Require,
) -> bool {
    let value = |blob: Oid| {
        let bytes = trail.read(blob)?;
        let parsed = yaml::parse(std::str::from_utf8(&bytes).ok()?).ok()?;
        parsed.value.pointer(decision.pointer).cloned()
    };
    let Some(current) = value(committed) else {
        return false;
    };
    approvals
        .iter()
        .filter(|a| a.role == decision.role && a.verification.counts(require))
        .any(|a| a.blob == committed || value(a.blob).as_ref() == Some(&current))
}

pub fn date(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|d| d.date_naive().to_string())
        .unwrap_or_default()
}
