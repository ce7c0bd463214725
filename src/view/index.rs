//! Every id in the register, indexed once, so that rules resolve references in
//! constant time.
//!
//! An entity's id is known by its file stem and by its `id` field, and files that did
//! not parse still contribute their stem: a broken file is reported once, by the rule
//! that found it, and does not turn every reference to it into a second error.

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog;
use crate::model::{AiSystem, FileKind, Kind, SoaDecision};
use crate::register::Register;

use super::RiskCategory;

#[derive(Debug, Default)]
pub struct Index<'r> {
    /// The ids of every entity kind (for controls: those with a file in `controls/`,
    /// Annex A decisions and custom controls).
    ids: BTreeMap<Kind, BTreeSet<&'r str>>,
    /// `None` when `aims.yaml` could not be read: role references are then not judged.
    pub roles: Option<BTreeSet<&'r str>>,
    /// Built-in categories plus those of `aims.yaml` (`None` as for roles).
    pub categories: Option<BTreeSet<&'r str>>,
    /// Roles with `approver: true`.
    pub approvers: BTreeSet<&'r str>,
    /// SoA decisions by control id.
    pub decisions: BTreeMap<&'r str, &'r SoaDecision>,
    /// Systems by id.
    pub system: BTreeMap<&'r str, &'r AiSystem>,
    /// Every audit finding, as an incident's `source` names it: `AUD-2026-1/F1`.
    pub audit_findings: BTreeSet<String>,
}

impl<'r> Index<'r> {
    pub fn new(register: &'r Register, categories: &[RiskCategory<'r>]) -> Index<'r> {
        let mut index = Index::default();
        for doc in &register.documents {
            let FileKind::Entity(kind) = doc.kind else {
                continue;
            };
            let set = index.ids.entry(kind).or_default();
            set.insert(doc.stem.as_str());
            if let Some(id) = &doc.id {
                set.insert(id.as_str());
            }
        }
        for control in &register.controls {
            index
                .decisions
                .insert(control.value.id.as_str(), &control.value);
        }
        for audit in &register.audits {
            index.audit_findings.extend(
                audit
                    .value
                    .findings
                    .iter()
                    .map(|f| format!("{}/{}", audit.value.id, f.id)),
            );
        }
        for system in &register.systems {
            index.system.insert(system.value.id.as_str(), &system.value);
        }
        if let Some(config) = &register.config {
            let config = &config.value;
            index.roles = Some(config.roles.iter().map(|r| r.id.as_str()).collect());
            index.approvers = config
                .roles
                .iter()
                .filter(|r| r.approver)
                .map(|r| r.id.as_str())
                .collect();
            index.categories = Some(categories.iter().map(|c| c.id).collect());
        }
        index
    }

    /// The ids of entities of `kind`.
    pub fn ids(&self, kind: Kind) -> &BTreeSet<&'r str> {
        static EMPTY: BTreeSet<&str> = BTreeSet::new();
        self.ids.get(&kind).unwrap_or(&EMPTY)
    }

    /// Whether an entity of `kind` has id `id`.
    pub fn has(&self, kind: Kind, id: &str) -> bool {
        self.ids(kind).contains(id)
    }

    /// Whether the system `id` is inside the AIMS scope. Systems that do not exist (or
    /// did not parse) count as in scope, so their dependants are still judged.
    pub fn in_scope(&self, id: &str) -> bool {
        self.system.get(id).is_none_or(|s| s.in_scope)
    }

    /// Whether `id` names a control: an Annex A control or a custom control file.
    pub fn control_exists(&self, id: &str) -> bool {
        catalog::control(id).is_some() || self.has(Kind::Control, id)
    }
}
