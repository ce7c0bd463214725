//! Clause 10: continual improvement, nonconformities and corrective action.

use crate::model::{IncidentKind, RiskKind};
use crate::view::View;

use super::{Derived, Readiness, Record, counted, derived};

impl View<'_> {
    pub(super) fn improvement(&self) -> Derived {
        let mut evidence: Vec<Record> = self
            .incidents
            .iter()
            .filter(|i| {
                i.incident
                    .corrective_actions
                    .iter()
                    .any(|a| a.status == crate::model::ActionStatus::Done)
            })
            .map(|i| self.record("incident", i.id(), i.file))
            .collect();
        let corrected = evidence.len();
        let achieved: Vec<_> = self
            .objectives
            .iter()
            .filter(|o| o.objective.status == crate::model::ObjectiveStatus::Achieved)
            .collect();
        evidence.extend(
            achieved
                .iter()
                .map(|o| self.record("objective", o.id(), o.file)),
        );
        let opportunities: Vec<_> = self
            .risks
            .iter()
            .filter(|r| r.risk.kind == RiskKind::Opportunity)
            .collect();
        evidence.extend(
            opportunities
                .iter()
                .map(|r| self.record("risk", r.id(), r.file)),
        );
        let kinds = [
            corrected > 0,
            !achieved.is_empty(),
            !opportunities.is_empty(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        let reason = format!(
            "{} with completed corrective actions, {} achieved, {} recorded",
            counted(corrected, "incident", "incidents"),
            counted(achieved.len(), "objective", "objectives"),
            counted(opportunities.len(), "opportunity", "opportunities")
        );
        match kinds {
            0 => derived(Readiness::Missing, evidence, reason),
            1 => derived(Readiness::Partial, evidence, reason),
            _ => derived(Readiness::Met, evidence, reason),
        }
    }

    /// Nonconformities with root cause and corrective action, and every nonconformity
    /// an audit found carried by one; `None` when none has been recorded (a statement
    /// says how they would be handled).
    pub(super) fn nonconformities(&self) -> Option<Derived> {
        let found: Vec<_> = self
            .incidents
            .iter()
            .filter(|i| i.incident.kind == IncidentKind::Nonconformity)
            .collect();
        let audited: Vec<_> = self
            .audits
            .iter()
            .filter(|a| {
                a.findings
                    .iter()
                    .any(|f| f.action != crate::view::FindingAction::NotRequired)
            })
            .collect();
        if found.is_empty() && audited.is_empty() {
            return None;
        }
        let mut evidence: Vec<Record> = found
            .iter()
            .map(|i| self.record("incident", i.id(), i.file))
            .collect();
        evidence.extend(audited.iter().map(|a| self.record("audit", a.id(), a.file)));
        let incomplete: Vec<&str> = found
            .iter()
            .filter(|i| i.incident.root_cause.is_none() || i.incident.corrective_actions.is_empty())
            .map(|i| i.id())
            .collect();
        let unacted: Vec<String> = audited
            .iter()
            .flat_map(|a| {
                a.findings
                    .iter()
                    .filter(|f| {
                        !matches!(
                            f.action,
                            crate::view::FindingAction::Carried { .. }
                                | crate::view::FindingAction::NotRequired
                        )
                    })
                    .map(|f| format!("{}/{}", a.id(), f.finding.id))
            })
            .collect();
        let nonconformities = counted(found.len(), "nonconformity", "nonconformities");
        Some(if incomplete.is_empty() && unacted.is_empty() {
            derived(
                Readiness::Met,
                evidence,
                if audited.is_empty() {
                    format!("{nonconformities}, each with root cause and corrective actions")
                } else {
                    format!(
                        "{nonconformities}, each with root cause and corrective actions; every nonconformity found by an audit carried by one"
                    )
                },
            )
        } else {
            let mut gaps = Vec::new();
            if !incomplete.is_empty() {
                gaps.push(format!(
                    "nonconformities without root cause or corrective action: {}",
                    incomplete.join(", ")
                ));
            }
            if !unacted.is_empty() {
                gaps.push(format!(
                    "audit findings without a nonconformity record with corrective action: {}",
                    unacted.join(", ")
                ));
            }
            derived(Readiness::Partial, evidence, gaps.join("; "))
        })
    }
}
