//! Clause readiness of 9.2 (internal audit) and 9.3 (management review), derived
//! from the audit programme and the management reviews the view holds, in the same
//! terms as the rules that judge them (`internal-audit-overdue`, `audit-coverage`,
//! `auditor-not-independent`, `management-review-overdue`,
//! `management-review-incomplete`).

use super::readiness::{Derived, Record, counted, derived};
use super::{Readiness, View};

impl View<'_> {
    /// 9.2: met when an audit was done within `internal_audit_every`, the audits of
    /// the cycle cover every clause and applicable control, and no auditor audited
    /// what their role owns.
    pub(super) fn internal_audit(&self) -> Derived {
        let every = self.cycles.internal_audit;
        let evidence: Vec<Record> = self
            .audits
            .iter()
            .filter(|a| a.in_cycle || a.is_pending())
            .map(|a| self.record("audit", a.id(), a.file))
            .collect();
        if self.audits.is_empty() {
            return derived(
                Readiness::Missing,
                evidence,
                "no internal audit recorded: plan the programme with `aims audit plan`",
            );
        }
        let done: Vec<&str> = self
            .audits
            .iter()
            .filter(|a| a.in_cycle)
            .map(|a| a.id())
            .collect();
        if done.is_empty() {
            let planned = self.audits.iter().filter(|a| a.is_pending()).count();
            return derived(
                Readiness::Partial,
                evidence,
                format!(
                    "{} in the programme ({planned} planned or in progress); none done within {every}",
                    counted(self.audits.len(), "audit", "audits")
                ),
            );
        }
        let (clauses, controls) = (
            self.programme.uncovered_clauses(),
            self.programme.uncovered_controls(),
        );
        let dependent: Vec<&str> = self
            .audits
            .iter()
            .filter(|a| a.in_cycle && !a.conflicts.is_empty())
            .map(|a| a.id())
            .collect();
        let mut gaps = Vec::new();
        if !clauses.is_empty() {
            gaps.push(format!("clauses not audited: {}", clauses.join(", ")));
        }
        if !controls.is_empty() {
            gaps.push(format!(
                "applicable controls not audited: {}",
                controls.join(", ")
            ));
        }
        if !dependent.is_empty() {
            gaps.push(format!(
                "auditor not independent of the scope: {}",
                dependent.join(", ")
            ));
        }
        if gaps.is_empty() {
            derived(
                Readiness::Met,
                evidence,
                format!(
                    "{} done within {every} ({}) {} every clause and applicable control; auditors independent of what they audited",
                    counted(done.len(), "audit", "audits"),
                    done.join(", "),
                    if done.len() == 1 { "covers" } else { "cover" }
                ),
            )
        } else {
            derived(
                Readiness::Partial,
                evidence,
                format!(
                    "{} done within {every} ({}); {}",
                    counted(done.len(), "audit", "audits"),
                    done.join(", "),
                    gaps.join("; ")
                ),
            )
        }
    }

    /// 9.3: met when the last management review is within `management_review_every`
    /// and records the five inputs, decisions and a top-management attendee.
    pub(super) fn management_review_held(&self) -> Derived {
        let Some(last) = self.last_management_review() else {
            return derived(
                Readiness::Missing,
                Vec::new(),
                "no management review recorded: prepare one with `aims report management-review`, then `aims management-review record`",
            );
        };
        let evidence = vec![self.record("management review", last.id(), last.file)];
        let date = last.review.date;
        if let Some((due, cycle)) = self.next_management_review()
            && due < self.today
        {
            return derived(
                Readiness::Partial,
                evidence,
                format!(
                    "the last management review, {} on {date}, is older than {cycle}; the next was due on {due}",
                    last.id()
                ),
            );
        }
        let missing = last.missing();
        if missing.is_empty() {
            derived(
                Readiness::Met,
                evidence,
                format!(
                    "management review {} on {date} considered every input of 9.3.2, with decisions and top management present",
                    last.id()
                ),
            )
        } else {
            derived(
                Readiness::Partial,
                evidence,
                format!(
                    "management review {} on {date} lacks {}",
                    last.id(),
                    missing.join(", ")
                ),
            )
        }
    }
}
