//! Clause readiness: for every clause 4.1 to 10.2, whether the register evidences it
//! (met, partial, missing), by which records, and why.
//!
//! Each clause has one derivation below, written so that an auditor can check it
//! against the records it names (the README lists them as a table). Where no record
//! can evidence a clause (leadership, resources, awareness, planning of changes), a
//! statement in `clauses/<id>.yaml` does; where both exist the better of the two
//! counts and both are shown. Derivations read the view's values and never judge
//! anything a rule has not already judged the same way.

use serde::Serialize;

use crate::catalog::{self, Clause};
use crate::model::{
    ClauseStatement, IncidentKind, Lifecycle, PolicyKind, RiskKind, RiskScope, StatementStatus,
};
use crate::trail::approvals::State;

use super::{Coverage, SoaState, View};

/// How far the register evidences a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Readiness {
    Missing,
    Partial,
    Met,
}

impl Readiness {
    pub fn as_str(self) -> &'static str {
        match self {
            Readiness::Missing => "missing",
            Readiness::Partial => "partial",
            Readiness::Met => "met",
        }
    }
}

/// A record that evidences a clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The kind of record: `risk`, `policy`, `configuration`, ...
    pub kind: &'static str,
    pub id: String,
    pub file: String,
}

/// The statement of `clauses/<id>.yaml`, as the readiness view shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StatementView<'r> {
    pub status: &'static str,
    pub statement: &'r str,
    pub file: &'r str,
}

/// One clause with its readiness.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseReadiness<'r> {
    pub id: &'static str,
    pub title: &'static str,
    pub status: Readiness,
    /// The records behind the status (a statement's evidence included), in register
    /// order.
    pub evidence: Vec<Record>,
    pub reason: String,
    pub statement: Option<StatementView<'r>>,
    /// What the register derives, before any statement: `None` for clauses that only a
    /// statement can evidence.
    pub derived: Option<Readiness>,
}

/// What one derivation found.
pub(super) struct Derived {
    status: Readiness,
    evidence: Vec<Record>,
    reason: String,
}

pub(super) fn derived(
    status: Readiness,
    evidence: Vec<Record>,
    reason: impl Into<String>,
) -> Derived {
    Derived {
        status,
        evidence,
        reason: reason.into(),
    }
}

impl<'r> View<'r> {
    /// Every assessed clause 4.1 to 10.2, in clause order.
    pub fn readiness(&self) -> Vec<ClauseReadiness<'r>> {
        let assessed: Vec<&'static Clause> =
            catalog::CLAUSES.iter().filter(|c| c.assessed).collect();
        let mut out: Vec<ClauseReadiness<'r>> = assessed
            .iter()
            .filter(|c| c.id != "4.4")
            .map(|c| self.clause_readiness(c, self.derive(c.id)))
            .collect();
        // 4.4 is the management system as a whole: judged from the other clauses.
        let whole = whole_system(&out);
        let at = assessed.iter().position(|c| c.id == "4.4").unwrap_or(0);
        out.insert(
            at,
            self.clause_readiness(
                catalog::clause_by_id("4.4").expect("4.4 is a clause"),
                Some(whole),
            ),
        );
        out
    }

    fn clause_readiness(
        &self,
        clause: &'static Clause,
        found: Option<Derived>,
    ) -> ClauseReadiness<'r> {
        let statement = self
            .register
            .clauses
            .iter()
            .find(|e| e.value.id == clause.id)
            .map(|e| (&e.value, self.document(e.doc).path.as_str()));
        let from_statement = statement.map(|(s, file)| statement_readiness(s, file));
        let derived_status = found.as_ref().map(|d| d.status);
        let (status, mut evidence, reason) = match (found, &from_statement) {
            (Some(d), Some((s, records, why))) if *s > d.status => {
                let mut evidence = d.evidence;
                evidence.extend(records.iter().cloned());
                (
                    *s,
                    evidence,
                    format!("{why}; the register shows: {}", d.reason),
                )
            }
            (Some(d), Some((_, records, _))) => {
                let mut evidence = d.evidence;
                evidence.extend(records.iter().cloned());
                (d.status, evidence, d.reason)
            }
            (Some(d), None) => (d.status, d.evidence, d.reason),
            (None, Some((s, records, why))) => (*s, records.clone(), why.clone()),
            (None, None) => (
                Readiness::Missing,
                Vec::new(),
                format!(
                    "no record of the register can evidence this clause; state how it is addressed: `aims clause set {} --status implemented --statement TEXT`",
                    clause.id
                ),
            ),
        };
        evidence.dedup();
        ClauseReadiness {
            id: clause.id,
            title: clause.title,
            status,
            evidence,
            reason,
            statement: statement.map(|(s, file)| StatementView {
                status: s.status.as_str(),
                statement: &s.statement,
                file,
            }),
            derived: derived_status,
        }
    }

    /// The derivation of one clause from the register's records; `None` for clauses
    /// only a statement evidences.
    fn derive(&self, id: &str) -> Option<Derived> {
        Some(match id {
            "4.1" => self.context_issues(),
            "4.2" => self.interested_parties(),
            "4.3" => self.scope(),
            "5.1" => self.leadership(),
            "5.2" => self.ai_policy(),
            "5.3" => self.roles(),
            "6.1.1" => self.risks_and_opportunities(),
            "6.1.2" => self.risk_assessment(),
            "6.1.3" => self.risk_treatment(),
            "6.1.4" => self.impact_assessment(),
            "6.2" => self.objectives_met(),
            "7.2" => self.competence_records(),
            "7.3" => self.awareness()?,
            "7.4" => self.communication(),
            "7.5" => self.documented_information(),
            "8.1" => self.operational_control(),
            "8.2" => self.risk_reviews(),
            "8.3" => self.treatment_progress(),
            "8.4" => self.impact_reviews(),
            "9.1" => self.monitoring()?,
            "9.2" => self.internal_audit(),
            "9.3" => self.management_review_held(),
            "10.1" => self.improvement(),
            "10.2" => self.nonconformities()?,
            _ => return None,
        })
    }

    pub(super) fn record(&self, kind: &'static str, id: &str, file: &str) -> Record {
        Record {
            kind,
            id: id.to_string(),
            file: file.to_string(),
        }
    }

    fn config_record(&self) -> Vec<Record> {
        self.register
            .config
            .as_ref()
            .map(|c| self.record("configuration", "aims", &self.document(c.doc).path))
            .into_iter()
            .collect()
    }

    fn context_record(&self) -> Vec<Record> {
        self.context
            .iter()
            .map(|c| self.record("context", &c.context.id, c.file))
            .collect()
    }

    fn context_issues(&self) -> Derived {
        let Some(c) = &self.context else {
            return derived(
                Readiness::Missing,
                Vec::new(),
                "no `context.yaml`: record the external and internal issues with `aims context issue add`",
            );
        };
        let issues = &c.context.issues;
        if issues.is_empty() {
            return derived(
                Readiness::Missing,
                self.context_record(),
                "`context.yaml` lists no issues",
            );
        }
        let (external, internal) = (
            issues
                .iter()
                .filter(|i| i.kind == crate::model::IssueKind::External)
                .count(),
            issues
                .iter()
                .filter(|i| i.kind == crate::model::IssueKind::Internal)
                .count(),
        );
        let counts = format!(
            "{external} external and {internal} internal {}",
            if external + internal == 1 {
                "issue"
            } else {
                "issues"
            }
        );
        if c.review_overdue {
            return derived(
                Readiness::Partial,
                self.context_record(),
                format!("{counts}, but the context review is overdue"),
            );
        }
        if c.context.review.last.is_none() {
            return derived(
                Readiness::Partial,
                self.context_record(),
                format!("{counts}, never reviewed (`review.last`)"),
            );
        }
        derived(
            Readiness::Met,
            self.context_record(),
            format!("{counts}, reviewed within its cycle"),
        )
    }

    fn interested_parties(&self) -> Derived {
        let parties = self
            .context
            .as_ref()
            .map(|c| c.context.interested_parties.as_slice())
            .unwrap_or_default();
        if parties.is_empty() {
            return derived(
                Readiness::Missing,
                self.context_record(),
                "no interested parties: record them with `aims context party add`",
            );
        }
        let open: Vec<&str> = parties
            .iter()
            .filter(|p| p.requirements.is_empty() || p.addressed_by.is_empty())
            .map(|p| p.id.as_str())
            .collect();
        if open.is_empty() {
            derived(
                Readiness::Met,
                self.context_record(),
                format!(
                    "{}, each with requirements and what addresses them",
                    counted(parties.len(), "interested party", "interested parties")
                ),
            )
        } else {
            derived(
                Readiness::Partial,
                self.context_record(),
                format!(
                    "{}; without requirements or what addresses them: {}",
                    counted(parties.len(), "interested party", "interested parties"),
                    open.join(", ")
                ),
            )
        }
    }

    fn scope(&self) -> Derived {
        let Some(config) = self.config() else {
            return derived(
                Readiness::Missing,
                Vec::new(),
                "`aims.yaml` could not be read",
            );
        };
        let mut evidence = self.config_record();
        let in_scope: Vec<_> = self.systems.iter().filter(|s| s.system.in_scope).collect();
        evidence.extend(
            in_scope
                .iter()
                .map(|s| self.record("system", s.id(), s.file)),
        );
        if config.scope.trim().is_empty() || in_scope.is_empty() {
            return derived(
                Readiness::Partial,
                evidence,
                "the scope statement is in `aims.yaml`, but no AI system is inventoried in scope",
            );
        }
        derived(
            Readiness::Met,
            evidence,
            format!(
                "scope statement in `aims.yaml`; {} of {} inventoried AI systems in scope",
                in_scope.len(),
                self.systems.len()
            ),
        )
    }

    fn leadership(&self) -> Derived {
        let Some(config) = self.config() else {
            return derived(
                Readiness::Missing,
                Vec::new(),
                "`aims.yaml` could not be read",
            );
        };
        let top: Vec<&str> = config
            .roles
            .iter()
            .filter(|r| r.top_management)
            .map(|r| r.id.as_str())
            .collect();
        if top.is_empty() {
            return derived(
                Readiness::Missing,
                Vec::new(),
                "no role is marked `top_management: true` in `aims.yaml`",
            );
        }
        let mut evidence = self.config_record();
        let approved: Vec<_> = self
            .policies
            .iter()
            .filter(|p| {
                p.policy.kind == PolicyKind::AiPolicy
                    && p.policy
                        .approved
                        .as_ref()
                        .is_some_and(|a| top.contains(&a.by.as_str()))
            })
            .collect();
        evidence.extend(
            approved
                .iter()
                .map(|p| self.record("policy", p.id(), p.file)),
        );
        if approved.is_empty() {
            derived(
                Readiness::Partial,
                evidence,
                format!(
                    "top management: {}; the AI policy is not approved by top management",
                    top.join(", ")
                ),
            )
        } else {
            derived(
                Readiness::Met,
                evidence,
                format!(
                    "top management: {}; the AI policy is approved by top management",
                    top.join(", ")
                ),
            )
        }
    }

    fn ai_policy(&self) -> Derived {
        let policies: Vec<_> = self
            .policies
            .iter()
            .filter(|p| p.policy.kind == PolicyKind::AiPolicy)
            .collect();
        let evidence: Vec<Record> = policies
            .iter()
            .map(|p| self.record("policy", p.id(), p.file))
            .collect();
        let Some(first) = policies.first() else {
            return derived(
                Readiness::Missing,
                evidence,
                "no policy of kind `ai-policy`: `aims policy add --kind ai-policy`",
            );
        };
        let mut gaps: Vec<String> = first.missing.iter().map(|m| (*m).to_string()).collect();
        if first.approved_by_non_approver {
            gaps.push("approval by an approver role".to_string());
        }
        if first.review_overdue {
            gaps.push("a review within its cycle".to_string());
        }
        if gaps.is_empty() {
            derived(
                Readiness::Met,
                evidence,
                format!(
                    "AI policy `{}` documented, owned, approved, communicated and reviewed",
                    first.id()
                ),
            )
        } else {
            derived(
                Readiness::Partial,
                evidence,
                format!("AI policy `{}` lacks {}", first.id(), gaps.join(", ")),
            )
        }
    }

    fn roles(&self) -> Derived {
        let Some(config) = self.config() else {
            return derived(
                Readiness::Missing,
                Vec::new(),
                "`aims.yaml` could not be read",
            );
        };
        if self.index.approvers.is_empty() {
            return derived(
                Readiness::Partial,
                self.config_record(),
                format!(
                    "{}, none with authority to approve (`approver: true`)",
                    counted(config.roles.len(), "role", "roles")
                ),
            );
        }
        derived(
            Readiness::Met,
            self.config_record(),
            format!(
                "{}, {} among them; every owner and approver is a role (`unknown-reference`)",
                counted(config.roles.len(), "role", "roles"),
                counted(self.index.approvers.len(), "approver", "approvers")
            ),
        )
    }

    fn risks_and_opportunities(&self) -> Derived {
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

    fn risk_assessment(&self) -> Derived {
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

    fn risk_treatment(&self) -> Derived {
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

    fn impact_assessment(&self) -> Derived {
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

    fn objectives_met(&self) -> Derived {
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

    fn competence_records(&self) -> Derived {
        let Some(config) = self.config() else {
            return derived(
                Readiness::Missing,
                Vec::new(),
                "`aims.yaml` could not be read",
            );
        };
        if self.competence.is_empty() {
            return derived(
                Readiness::Missing,
                Vec::new(),
                "no competence records under `roles:` (`aims role set ROLE --competence ...`)",
            );
        }
        let without: Vec<&str> = config
            .roles
            .iter()
            .filter(|r| r.competence.is_empty())
            .map(|r| r.id.as_str())
            .collect();
        let expired = self.competence.iter().filter(|c| c.expired).count();
        let evidence = self.config_record();
        if without.is_empty() && expired == 0 {
            derived(
                Readiness::Met,
                evidence,
                format!(
                    "{}; every role has one, none expired",
                    counted(
                        self.competence.len(),
                        "competence record",
                        "competence records"
                    )
                ),
            )
        } else {
            derived(
                Readiness::Partial,
                evidence,
                format!(
                    "{}, {expired} expired; roles without one: {}",
                    counted(
                        self.competence.len(),
                        "competence record",
                        "competence records"
                    ),
                    if without.is_empty() {
                        "none".to_string()
                    } else {
                        without.join(", ")
                    }
                ),
            )
        }
    }

    /// Awareness of the AI policy: its communication records. Anything more (training,
    /// briefings) is a statement's to say.
    fn awareness(&self) -> Option<Derived> {
        let policy = self
            .policies
            .iter()
            .find(|p| p.policy.kind == PolicyKind::AiPolicy && !p.policy.communicated.is_empty())?;
        Some(derived(
            Readiness::Partial,
            vec![self.record("policy", policy.id(), policy.file)],
            format!(
                "AI policy `{}` communicated {}; how people are made aware of their contribution is a statement's to say (`aims clause set 7.3`)",
                policy.id(),
                counted(policy.policy.communicated.len(), "time", "times")
            ),
        ))
    }

    fn communication(&self) -> Derived {
        let evidence: Vec<Record> = self
            .policies
            .iter()
            .filter(|p| !p.policy.communicated.is_empty())
            .map(|p| self.record("policy", p.id(), p.file))
            .collect();
        if self.policies.is_empty() || evidence.is_empty() {
            return derived(
                Readiness::Missing,
                evidence,
                "no communication record (`aims policy communicate`)",
            );
        }
        if evidence.len() == self.policies.len() {
            derived(
                Readiness::Met,
                evidence,
                "every policy has a communication record",
            )
        } else {
            let reason = format!(
                "{} of {} policies have a communication record",
                evidence.len(),
                self.policies.len()
            );
            derived(Readiness::Partial, evidence, reason)
        }
    }

    fn documented_information(&self) -> Derived {
        let evidence = self.config_record();
        let Some(states) = &self.approvals else {
            return derived(
                Readiness::Partial,
                evidence,
                "the register is documented information under version control; approvals not read (not a git repository)",
            );
        };
        let total = states.entities.len();
        let current = states
            .entities
            .iter()
            .filter(|e| e.state == State::Current)
            .count();
        if total > 0 && current == total {
            derived(
                Readiness::Met,
                evidence,
                format!(
                    "every one of {total} files' committed version is approved (`aims status`)"
                ),
            )
        } else if current > 0 {
            derived(
                Readiness::Partial,
                evidence,
                format!("{current} of {total} files' committed versions approved (`aims status`)"),
            )
        } else {
            derived(
                Readiness::Missing,
                evidence,
                "no file's committed version is approved (`aims status`)",
            )
        }
    }

    fn operational_control(&self) -> Derived {
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

    fn risk_reviews(&self) -> Derived {
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

    fn treatment_progress(&self) -> Derived {
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

    fn impact_reviews(&self) -> Derived {
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

    /// Monitoring and measurement: the monitors of the systems in use with their
    /// measurements, measured on their cycle, and objectives measured against their
    /// targets. Met when every deployed in-scope system has a monitor and nothing is
    /// overdue; a breach is a result to act on, not a gap in the monitoring.
    fn monitoring(&self) -> Option<Derived> {
        let monitors: Vec<_> = self.monitors.iter().filter(|m| m.active).collect();
        let measured: Vec<_> = self
            .objectives
            .iter()
            .filter(|o| o.is_active() && o.latest.is_some())
            .collect();
        if monitors.is_empty() && measured.is_empty() {
            return None;
        }
        let unmonitored: Vec<&str> = self
            .systems
            .iter()
            .filter(|s| {
                s.system.in_scope
                    && s.system.lifecycle == Lifecycle::Deployed
                    && s.monitors.is_empty()
            })
            .map(|s| s.id())
            .collect();
        let mut evidence: Vec<Record> = monitors
            .iter()
            .map(|m| self.record("monitor", m.id(), m.file))
            .collect();
        evidence.extend(
            measured
                .iter()
                .map(|o| self.record("objective", o.id(), o.file)),
        );
        let late = monitors.iter().filter(|m| m.overdue).count()
            + measured
                .iter()
                .filter(|o| o.measurement_overdue(self.today))
                .count();
        let measurements: usize = monitors.iter().map(|m| m.series.len()).sum();
        let breaching = monitors
            .iter()
            .filter(|m| m.state == super::MonitorState::Breach)
            .count();
        let mut reason = format!(
            "{} ({}, {breaching} in breach now) and {} measured, {late} overdue",
            counted(monitors.len(), "monitor", "monitors"),
            counted(measurements, "measurement", "measurements"),
            counted(measured.len(), "objective", "objectives"),
        );
        if !unmonitored.is_empty() {
            reason.push_str(&format!(
                "; deployed systems without a monitor: {}",
                unmonitored.join(", ")
            ));
        }
        let status = if unmonitored.is_empty() && late == 0 && !monitors.is_empty() {
            Readiness::Met
        } else {
            Readiness::Partial
        };
        Some(derived(status, evidence, reason))
    }

    fn improvement(&self) -> Derived {
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
    fn nonconformities(&self) -> Option<Derived> {
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

/// A statement's readiness: implemented is met, partial is partial, planned is not
/// yet evidence.
fn statement_readiness(s: &ClauseStatement, file: &str) -> (Readiness, Vec<Record>, String) {
    let status = match s.status {
        StatementStatus::Implemented => Readiness::Met,
        StatementStatus::Partial => Readiness::Partial,
        StatementStatus::Planned => Readiness::Missing,
    };
    let mut records = vec![Record {
        kind: "clause statement",
        id: s.id.clone(),
        file: file.to_string(),
    }];
    records.extend(s.evidence.iter().map(|e| Record {
        kind: "evidence",
        id: e.reference().to_string(),
        file: e.reference().to_string(),
    }));
    let why = format!("statement ({}) in `{file}`", s.status.as_str());
    (status, records, why)
}

/// 4.4, the management system as a whole: met when every other clause is met,
/// missing when none is evidenced at all.
fn whole_system(others: &[ClauseReadiness<'_>]) -> Derived {
    let missing: Vec<&str> = others
        .iter()
        .filter(|c| c.status == Readiness::Missing)
        .map(|c| c.id)
        .collect();
    let met = others.iter().filter(|c| c.status == Readiness::Met).count();
    if met == others.len() {
        derived(
            Readiness::Met,
            Vec::new(),
            "every other clause 4.1 to 10.2 is met",
        )
    } else if missing.len() == others.len() {
        derived(
            Readiness::Missing,
            Vec::new(),
            "no clause 4.1 to 10.2 is evidenced",
        )
    } else if missing.is_empty() {
        derived(
            Readiness::Partial,
            Vec::new(),
            format!("{met} of {} other clauses met, none missing", others.len()),
        )
    } else {
        derived(
            Readiness::Partial,
            Vec::new(),
            format!(
                "{met} of {} other clauses met; missing: {}",
                others.len(),
                missing.join(", ")
            ),
        )
    }
}

/// `1 risk`, `2 risks`.
pub(super) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
