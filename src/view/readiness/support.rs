//! Clause 7: competence, awareness, communication and documented information.

use crate::model::PolicyKind;
use crate::trail::approvals::State;
use crate::view::View;

use super::{Derived, Readiness, Record, counted, derived};

impl View<'_> {
    pub(super) fn competence_records(&self) -> Derived {
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
    pub(super) fn awareness(&self) -> Option<Derived> {
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

    pub(super) fn communication(&self) -> Derived {
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

    pub(super) fn documented_information(&self) -> Derived {
        let evidence = self.config_record();
        let Some(states) = &self.approvals else {
            let why = self.approvals_unread.unwrap_or("not a git repository");
            return derived(
                Readiness::Partial,
                evidence,
                format!(
                    "the register is documented information under version control; approvals not read ({why})"
                ),
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
}
