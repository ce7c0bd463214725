//! Clause 5: leadership, the AI policy and roles.

use crate::model::PolicyKind;
use crate::view::View;

use super::{Derived, Readiness, Record, counted, derived};

impl View<'_> {
    pub(super) fn leadership(&self) -> Derived {
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
                "no role is marked `top_management: true` in `aims.yaml`: mark one with `aims role set ROLE --top-management yes`",
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

    pub(super) fn ai_policy(&self) -> Derived {
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

    pub(super) fn roles(&self) -> Derived {
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
}
