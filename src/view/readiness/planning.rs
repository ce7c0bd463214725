//! Clause 6: risks and opportunities, assessment, treatment, impact assessment and objectives.

use crate::model::{RiskKind, RiskScope};
use crate::view::{Coverage, SoaState, View};

use super::{Derived, Readiness, Record, counted, derived};

impl View<'_> {
    pub(super) fn risks_and_opportunities(&self) -> Derived {
        let aims_level: Vec<_> = self
            .risks
            .iter()
            .filter(|r| {
                r.risk.scope == Some(RiskScope::Aims) || r.risk.kind == RiskKind::Opportunity
            })
            .collect();
        let evidence: Vec<Record> = aims_level
            .iter()
            .map(|r| self.record("risk", r.id(), r.file))
            .collect();
        let (risks, opportunities) = (
            aims_level
                .iter()
                .filter(|r| r.risk.kind == RiskKind::Risk)
                .count(),
            aims_level
                .iter()
                .filter(|r| r.risk.kind == RiskKind::Opportunity)
                .count(),
        );
        match (risks, opportunities, self.risks.is_empty()) {
            (_, _, true) => derived(Readiness::Missing, evidence, "the register holds no risks"),
            (0, 0, false) => derived(
                Readiness::Partial,
                evidence,
                "risks of AI systems only: record risks of the management system itself (`scope: aims`) and opportunities (`kind: opportunity`)",
            ),
            (0, _, false) | (_, 0, false) => derived(
                Readiness::Partial,
                evidence,
                format!(
                    "{} and {}: 6.1.1 asks for both",
                    counted(risks, "management-system risk", "management-system risks"),
                    counted(opportunities, "opportunity", "opportunities")
                ),
            ),
            _ => derived(
                Readiness::Met,
                evidence,
                format!(
                    "{} and {} besides the risks of AI systems",
                    counted(risks, "management-system risk", "management-system risks"),
                    counted(opportunities, "opportunity", "opportunities")
                ),
            ),
        }
    }

    pub(super) fn risk_assessment(&self) -> Derived {
        let mut evidence = self.config_record();
        if self.criteria.scoring.is_none() {
            return derived(
                Readiness::Missing,
                evidence,
                "the risk criteria in `aims.yaml` are unusable (`criteria-invalid`)",
            );
        }
        let risks = self
            .risks
            .iter()
            .filter(|r| r.risk.kind == RiskKind::Risk)
            .count();
        if risks == 0 {
            return derived(
                Readiness::Missing,
                evidence,
                "criteria defined, but no risk is assessed",
            );
        }
        let gaps: Vec<&str> = self
            .systems
            .iter()
            .filter(|s| {
                s.system.in_scope && s.coverage.iter().any(|(_, c)| *c == Coverage::Missing)
            })
            .map(|s| s.id())
            .collect();
        evidence.extend(
            self.systems
                .iter()
                .filter(|s| s.system.in_scope)
                .map(|s| self.record("system", s.id(), s.file)),
        );
        if gaps.is_empty() {
            derived(
                Readiness::Met,
                evidence,
                format!(
                    "{} assessed against the criteria; every in-scope system screened in every category",
                    counted(risks, "risk", "risks")
                ),
            )
        } else {
            derived(
                Readiness::Partial,
                evidence,
                format!(
                    "{} assessed; categories neither assessed nor screened for: {}",
                    counted(risks, "risk", "risks"),
                    gaps.join(", ")
                ),
            )
        }
    }

    pub(super) fn risk_treatment(&self) -> Derived {
        let decided: Vec<_> = self
            .controls
            .iter()
            .filter(|c| c.decision.is_some())
            .collect();
        let evidence: Vec<Record> = decided
            .iter()
            .filter_map(|c| Some(self.record("control", c.id, c.file?)))
            .collect();
        if decided.is_empty() {
            return derived(
                Readiness::Missing,
                evidence,
                "no Statement of Applicability: no control has a decision in `controls/`",
            );
        }
        let undecided = self
            .controls
            .iter()
            .filter(|c| {
                c.annex.is_some() && matches!(c.state, SoaState::NoDecision | SoaState::NoStatus)
            })
            .count();
        let unjustified = decided
            .iter()
            .filter(|c| c.decision.is_some_and(|d| d.justification.is_none()))
            .count();
        let untreated = self
            .risks
            .iter()
            .filter(|r| {
                r.is_open()
                    && r.risk.kind == RiskKind::Risk
                    && r.above_threshold == Some(true)
                    && r.risk.treatment.is_none()
            })
            .count();
        if undecided + unjustified + untreated == 0 {
            derived(
                Readiness::Met,
                evidence,
                "every Annex A control decided and justified in the SoA; every risk above the threshold treated",
            )
        } else {
            derived(
                Readiness::Partial,
                evidence,
                format!(
                    "{undecided} Annex A controls without a decision or status, {unjustified} decisions without justification, {untreated} risks above the threshold without treatment"
                ),
            )
        }
    }

    pub(super) fn impact_assessment(&self) -> Derived {
        let in_scope: Vec<_> = self.systems.iter().filter(|s| s.system.in_scope).collect();
        let evidence: Vec<Record> = self
            .impacts
            .iter()
            .filter(|i| i.in_scope)
            .map(|i| self.record("impact assessment", i.id(), i.file))
            .collect();
        if in_scope.is_empty() || evidence.is_empty() {
            return derived(
                Readiness::Missing,
                evidence,
                "no impact assessment of an in-scope system",
            );
        }
        let unassessed: Vec<&str> = in_scope
            .iter()
            .filter(|s| s.assessments.is_empty())
            .map(|s| s.id())
            .collect();
        let incomplete = self
            .impacts
            .iter()
            .filter(|i| i.in_scope && !i.missing.is_empty())
            .count();
        if unassessed.is_empty() && incomplete == 0 {
            derived(
                Readiness::Met,
                evidence,
                "every in-scope system has an impact assessment of every required dimension",
            )
        } else if unassessed.is_empty() {
            derived(
                Readiness::Partial,
                evidence,
                format!("{incomplete} assessments leave a required dimension unassessed"),
            )
        } else {
            derived(
                Readiness::Partial,
                evidence,
                format!(
                    "in-scope systems without an impact assessment: {}",
                    unassessed.join(", ")
                ),
            )
        }
    }

    pub(super) fn objectives_met(&self) -> Derived {
        let active: Vec<_> = self.objectives.iter().filter(|o| o.is_active()).collect();
        let evidence: Vec<Record> = self
            .objectives
            .iter()
            .map(|o| self.record("objective", o.id(), o.file))
            .collect();
        if active.is_empty() {
            return derived(
                Readiness::Missing,
                evidence,
                "no active objective: `aims objective add`",
            );
        }
        let good: Vec<&str> = active
            .iter()
            .filter(|o| {
                o.missing.is_empty() && (o.on_target == Some(true) || o.on_plan(self.today))
            })
            .map(|o| o.id())
            .collect();
        if good.is_empty() {
            derived(
                Readiness::Partial,
                evidence,
                format!(
                    "{}; none complete and on target or on plan",
                    counted(active.len(), "active objective", "active objectives")
                ),
            )
        } else {
            derived(
                Readiness::Met,
                evidence,
                format!(
                    "{} of {} active objectives complete and on target or on plan: {}",
                    good.len(),
                    active.len(),
                    good.join(", ")
                ),
            )
        }
    }
}
