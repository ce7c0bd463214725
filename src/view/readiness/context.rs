//! Clause 4: the organisation's issues, interested parties and scope.
use crate::view::View;

use super::{Derived, Readiness, counted, derived};

impl View<'_> {
    pub(super) fn context_issues(&self) -> Derived {
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
            "{} and {}",
            super::counted(external, "external issue", "external issues"),
            super::counted(internal, "internal issue", "internal issues")
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

    pub(super) fn interested_parties(&self) -> Derived {
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

    pub(super) fn scope(&self) -> Derived {
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
}
