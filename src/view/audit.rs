//! Internal audits (clause 9.2) with what is derived from them: the clauses each
//! audit's scope covers, what its auditor's role owns inside that scope (the
//! independence clause 9.2.2 asks for), whether each nonconformity it found is carried
//! by an incident with corrective action, and the programme: which clauses and
//! applicable controls the audits done within `internal_audit_every` covered, and
//! what remains.
//!
//! The rules (`internal-audit-overdue`, `audit-coverage`, `auditor-not-independent`,
//! `finding-without-action`), clause readiness (9.2, 10.2), `aims audit programme`
//! and the management-review pack all read these values.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::catalog;
use crate::model::{
    Audit, AuditFinding, AuditStatus, Duration, FindingKind, IncidentKind, IncidentStatus,
};

use super::{ControlView, IncidentView, RiskView, SoaState, SystemView};

/// Something in an audit's scope that its auditor's role owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict<'r> {
    /// `system`, `risk`, `control` or `policy`.
    pub kind: &'static str,
    pub id: &'r str,
}

/// How a finding is acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingAction<'r> {
    /// An observation or opportunity: no action is required.
    NotRequired,
    /// A nonconformity without `incident`.
    NoIncident,
    /// `incident` names no incident (`unknown-reference` reports it).
    UnknownIncident(&'r str),
    /// The incident is not of kind nonconformity.
    NotNonconformity(&'r str),
    /// The incident has no corrective action.
    NoCorrectiveAction(&'r str),
    /// The incident carries it, with corrective action; `closed` once it is closed.
    Carried { incident: &'r str, closed: bool },
}

/// One finding of an audit.
#[derive(Debug, Clone)]
pub struct FindingView<'r> {
    /// Its index in the audit's `findings`.
    pub index: usize,
    pub finding: &'r AuditFinding,
    pub action: FindingAction<'r>,
}

impl FindingView<'_> {
    /// Still to be dealt with: a nonconformity whose incident is not closed (or that
    /// has none); observations and opportunities are never open.
    pub fn open(&self) -> bool {
        !matches!(
            self.action,
            FindingAction::NotRequired | FindingAction::Carried { closed: true, .. }
        )
    }
}

#[derive(Debug, Clone)]
pub struct AuditView<'r> {
    pub doc: usize,
    pub audit: &'r Audit,
    pub file: &'r str,
    /// The assessed clauses (4.1 to 10.2) its scope covers, in clause order.
    pub clauses: Vec<&'static str>,
    /// What its auditor's role owns in its scope, by kind then id.
    pub conflicts: Vec<Conflict<'r>>,
    pub findings: Vec<FindingView<'r>>,
    /// Done, and done within `internal_audit_every` before today.
    pub in_cycle: bool,
}

impl<'r> AuditView<'r> {
    pub fn id(&self) -> &'r str {
        &self.audit.id
    }

    pub fn is_done(&self) -> bool {
        self.audit.status == AuditStatus::Done
    }

    /// Planned or in progress.
    pub fn is_pending(&self) -> bool {
        matches!(
            self.audit.status,
            AuditStatus::Planned | AuditStatus::InProgress
        )
    }
}

/// What the audits done in the current cycle covered.
#[derive(Debug, Clone)]
pub struct Programme<'r> {
    /// The cycle: `internal_audit_every` up to today.
    pub every: Duration,
    /// The first day of the cycle: an audit done on it or later counts.
    pub since: NaiveDate,
    /// Every assessed clause in clause order, with the done audits of the cycle that
    /// covered it (none: uncovered).
    pub clauses: Vec<(&'static str, Vec<&'r str>)>,
    /// Every applicable Annex A control in Annex A order, with the done audits of the
    /// cycle that covered it.
    pub controls: Vec<(&'r str, Vec<&'r str>)>,
    /// The most recent done audit and its date.
    pub last_done: Option<(&'r str, NaiveDate)>,
}

impl<'r> Programme<'r> {
    pub fn uncovered_clauses(&self) -> Vec<&'static str> {
        self.clauses
            .iter()
            .filter(|(_, by)| by.is_empty())
            .map(|(c, _)| *c)
            .collect()
    }

    pub fn uncovered_controls(&self) -> Vec<&'r str> {
        self.controls
            .iter()
            .filter(|(_, by)| by.is_empty())
            .map(|(c, _)| *c)
            .collect()
    }

    /// When the next audit is due: `every` after the last one done.
    pub fn next_due(&self) -> Option<NaiveDate> {
        self.last_done.and_then(|(_, d)| self.every.after(d))
    }
}

/// What the audit views are derived from.
pub(super) struct AuditInputs<'a, 'r> {
    pub systems: &'a [SystemView<'r>],
    pub risks: &'a [RiskView<'r>],
    pub controls: &'a [ControlView<'r>],
    pub incidents: &'a [IncidentView<'r>],
    pub policies: &'a [super::PolicyView<'r>],
    pub every: Duration,
    pub today: NaiveDate,
}

impl<'r> AuditView<'r> {
    pub(super) fn new(
        doc: usize,
        audit: &'r Audit,
        file: &'r str,
        inputs: &AuditInputs<'_, 'r>,
    ) -> AuditView<'r> {
        let mut clauses: BTreeSet<&'static str> = BTreeSet::new();
        for scope in &audit.scope.clauses {
            clauses.extend(catalog::covered_by(scope));
        }
        let clauses = catalog::CLAUSES
            .iter()
            .map(|c| c.id)
            .filter(|id| clauses.contains(id))
            .collect();
        let conflicts = audit
            .auditor
            .as_ref()
            .and_then(|a| a.role.as_deref())
            .map(|role| conflicts(audit, role, inputs))
            .unwrap_or_default();
        let incidents: BTreeMap<&str, &IncidentView<'r>> =
            inputs.incidents.iter().map(|i| (i.id(), i)).collect();
        let findings = audit
            .findings
            .iter()
            .enumerate()
            .map(|(index, finding)| FindingView {
                index,
                finding,
                action: action(finding, &incidents),
            })
            .collect();
        let in_cycle = audit.status == AuditStatus::Done
            && audit.done.is_some_and(|d| {
                d <= inputs.today && inputs.every.after(d).is_some_and(|end| end >= inputs.today)
            });
        AuditView {
            doc,
            audit,
            file,
            clauses,
            conflicts,
            findings,
            in_cycle,
        }
    }
}

fn action<'r>(
    finding: &'r AuditFinding,
    incidents: &BTreeMap<&str, &IncidentView<'r>>,
) -> FindingAction<'r> {
    if finding.kind != FindingKind::Nonconformity {
        return FindingAction::NotRequired;
    }
    let Some(id) = finding.incident.as_deref() else {
        return FindingAction::NoIncident;
    };
    let Some(incident) = incidents.get(id).map(|i| i.incident) else {
        return FindingAction::UnknownIncident(id);
    };
    if incident.kind != IncidentKind::Nonconformity {
        return FindingAction::NotNonconformity(&incident.id);
    }
    if incident.corrective_actions.is_empty() {
        return FindingAction::NoCorrectiveAction(&incident.id);
    }
    FindingAction::Carried {
        incident: &incident.id,
        closed: incident.status == IncidentStatus::Closed,
    }
}

/// What `role` owns in the audit's scope: the systems in scope, the risks of those
/// systems or citing a control in scope, the controls in scope, and the policies
/// when the scope covers clause 5.2 or a policy control (A.2).
fn conflicts<'r>(audit: &Audit, role: &str, inputs: &AuditInputs<'_, 'r>) -> Vec<Conflict<'r>> {
    let scope = &audit.scope;
    let systems: BTreeSet<&str> = scope.systems.iter().map(String::as_str).collect();
    let controls: BTreeSet<&str> = scope.controls.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    out.extend(
        inputs
            .systems
            .iter()
            .filter(|s| systems.contains(s.id()) && s.system.owner == role)
            .map(|s| Conflict {
                kind: "system",
                id: s.id(),
            }),
    );
    out.extend(
        inputs
            .risks
            .iter()
            .filter(|r| r.is_open() && r.risk.owner == role)
            .filter(|r| {
                r.risk.systems.iter().any(|s| systems.contains(s.as_str()))
                    || r.risk
                        .controls
                        .iter()
                        .any(|c| controls.contains(c.as_str()))
            })
            .map(|r| Conflict {
                kind: "risk",
                id: r.id(),
            }),
    );
    out.extend(
        inputs
            .controls
            .iter()
            .filter(|c| controls.contains(c.id))
            .filter(|c| c.decision.and_then(|d| d.owner.as_deref()) == Some(role))
            .map(|c| Conflict {
                kind: "control",
                id: c.id,
            }),
    );
    let policies_in_scope = scope
        .clauses
        .iter()
        .any(|c| catalog::covered_by(c).contains(&"5.2"))
        || controls.iter().any(|c| c.starts_with("A.2."));
    if policies_in_scope {
        out.extend(
            inputs
                .policies
                .iter()
                .filter(|p| p.policy.owner.as_deref() == Some(role))
                .map(|p| Conflict {
                    kind: "policy",
                    id: p.id(),
                }),
        );
    }
    out
}

/// The programme of the cycle ending `today`: what the done audits within it covered.
pub(super) fn programme<'r>(
    audits: &[AuditView<'r>],
    controls: &[ControlView<'r>],
    every: Duration,
    today: NaiveDate,
) -> Programme<'r> {
    let in_cycle: Vec<&AuditView<'r>> = audits.iter().filter(|a| a.in_cycle).collect();
    let clauses = catalog::CLAUSES
        .iter()
        .filter(|c| c.assessed)
        .map(|c| {
            let by = in_cycle
                .iter()
                .filter(|a| a.clauses.contains(&c.id))
                .map(|a| a.id())
                .collect();
            (c.id, by)
        })
        .collect();
    let controls = controls
        .iter()
        .filter(|c| {
            c.annex.is_some() && !matches!(c.state, SoaState::Excluded | SoaState::NoDecision)
        })
        .map(|c| {
            let by = in_cycle
                .iter()
                .filter(|a| a.audit.scope.controls.iter().any(|x| x == c.id))
                .map(|a| a.id())
                .collect();
            (c.id, by)
        })
        .collect();
    let last_done = audits
        .iter()
        .filter(|a| a.is_done())
        .filter_map(|a| Some((a.id(), a.audit.done?)))
        .filter(|(_, d)| *d <= today)
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    Programme {
        every,
        since: every.window_start(today),
        clauses,
        controls,
        last_done,
    }
}
