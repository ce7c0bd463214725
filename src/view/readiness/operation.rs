//! Clause 8: operational control, risk reviews, treatment progress and impact reviews.
use crate::view::{SoaState, View};

use super::{Derived, Readiness, Record, counted, derived};

impl View<'_> {
    pub(super) fn operational_control(&self) -> Derived {
        let applicable: Vec<_> = self
            .controls
            .iter()
            .filter(|c| !matches!(c.state, SoaState::NoDecision | SoaState::Excluded))
            .collect();
        let implemented: Vec<_> = applicable
            .iter()
            .filter(|c| c.state == SoaState::Implemented)
            .collect();
        let evidence: Vec<Record> = implemented
            .iter()
            .filter_map(|c| Some(self.record("control", c.id, c.file?)))
            .collect();
        if implemented.is_empty() {
            return derived(
                Readiness::Missing,
                evidence,
                "no applicable control is implemented",
            );
        }
        let unverified = implemented
            .iter()
            .filter(|c| {
                c.verification
                    .is_some_and(|v| v.is_none_or(|d| d < self.today))
            })
            .count();
        if implemented.len() == applicable.len() && unverified == 0 {
            derived(
                Readiness::Met,
                evidence,
                format!(
                    "all {} applicable controls implemented and verified within their cycle",
                    applicable.len()
                ),
            )
        } else {
            derived(
                Readiness::Partial,
                evidence,
                format!(
                    "{} of {} applicable controls implemented; {} due",
                    implemented.len(),
                    applicable.len(),
                    counted(unverified, "verification", "verifications")
                ),
            )
        }
    }

    pub(super) fn risk_reviews(&self) -> Derived {
        let open: Vec<_> = self.risks.iter().filter(|r| r.is_open()).collect();
        if open.is_empty() {
            return derived(Readiness::Missing, Vec::new(), "no open risk is assessed");
        }
        let reviewed: Vec<Record> = open
            .iter()
            .filter(|r| r.risk.review.last.is_some())
            .map(|r| self.record("risk", r.id(), r.file))
            .collect();
        let overdue = open.iter().filter(|r| r.review_overdue).count();
        let triggered = open.iter().filter(|r| !r.triggers.is_empty()).count();
        if reviewed.is_empty() {
            derived(
                Readiness::Partial,
                reviewed,
                format!(
                    "{}, none reviewed since identification",
                    counted(open.len(), "open risk", "open risks")
                ),
            )
        } else if overdue + triggered == 0 {
            derived(
                Readiness::Met,
                reviewed,
                format!(
                    "{}; none overdue for review, no triggered review pending",
                    counted(open.len(), "open risk", "open risks")
                ),
            )
        } else {
            derived(
                Readiness::Partial,
                reviewed,
                format!(
                    "{}; {overdue} overdue for review, {triggered} with a triggered review pending",
                    counted(open.len(), "open risk", "open risks")
                ),
            )
        }
    }

    pub(super) fn treatment_progress(&self) -> Derived {
        let treated: Vec<_> = self
            .risks
            .iter()
            .filter(|r| {
                r.is_open()
                    && r.risk
                        .treatment
                        .as_ref()
                        .is_some_and(|t| !t.actions.is_empty())
            })
            .collect();
        let evidence: Vec<Record> = treated
            .iter()
            .map(|r| self.record("risk", r.id(), r.file))
            .collect();
        if treated.is_empty() {
            return derived(Readiness::Missing, evidence, "no treatment action recorded");
        }
        let actions = treated
            .iter()
            .flat_map(|r| r.risk.treatment.iter().flat_map(|t| &t.actions));
        let (mut overdue, mut done_bare) = (0, 0);
        for a in actions {
            overdue += usize::from(self.action_overdue(a));
            done_bare +=
                usize::from(a.status == crate::model::ActionStatus::Done && a.evidence.is_empty());
        }
        if overdue + done_bare == 0 {
            derived(
                Readiness::Met,
                evidence,
                format!(
                    "{} under treatment; no action overdue, every done action evidenced",
                    counted(treated.len(), "risk", "risks")
                ),
            )
        } else {
            derived(
                Readiness::Partial,
                evidence,
                format!(
                    "{} under treatment; {} overdue, {done_bare} done without evidence",
                    counted(treated.len(), "risk", "risks"),
                    counted(overdue, "action", "actions")
                ),
            )
        }
    }

    pub(super) fn impact_reviews(&self) -> Derived {
        let current: Vec<_> = self.impacts.iter().filter(|i| i.in_scope).collect();
        let evidence: Vec<Record> = current
            .iter()
            .map(|i| self.record("impact assessment", i.id(), i.file))
            .collect();
        if current.is_empty() {
            return derived(
                Readiness::Missing,
                evidence,
                "no impact assessment of an in-scope system",
            );
        }
        let overdue: Vec<&str> = current
            .iter()
            .filter(|i| i.review_overdue)
            .map(|i| i.id())
            .collect();
        if overdue.is_empty() {
            derived(
                Readiness::Met,
                evidence,
                format!(
                    "{}, all reviewed within their cycle",
                    counted(current.len(), "impact assessment", "impact assessments")
                ),
            )
        } else {
            derived(
                Readiness::Partial,
                evidence,
                format!(
                    "impact assessments overdue for review: {}",
                    overdue.join(", ")
                ),
            )
        }
    }
}
