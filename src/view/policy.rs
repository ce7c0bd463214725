//! Policies (clause 5.2) with what is derived from them: which of the records an
//! auditor samples are missing, whether the approving role may approve, and the next
//! review.

use chrono::NaiveDate;

use crate::model::{Duration, Policy};

use super::Index;

#[derive(Debug, Clone)]
pub struct PolicyView<'r> {
    pub doc: usize,
    pub policy: &'r Policy,
    pub file: &'r str,
    /// `document`, `owner`, `approval` or `communication`, for each that is absent.
    pub missing: Vec<&'static str>,
    /// The approval names a role that exists but is not an approver.
    pub approved_by_non_approver: bool,
    /// The next review (from the last review, or the approval when never reviewed)
    /// and the cycle it follows.
    pub next_review: Option<(NaiveDate, Duration)>,
    pub review_overdue: bool,
}

impl<'r> PolicyView<'r> {
    pub(super) fn new(
        doc: usize,
        policy: &'r Policy,
        file: &'r str,
        index: &Index<'_>,
        every: Duration,
        today: NaiveDate,
    ) -> PolicyView<'r> {
        let mut missing = Vec::new();
        if policy.document.is_none() {
            missing.push("document");
        }
        if policy.owner.is_none() {
            missing.push("owner");
        }
        if policy.approved.is_none() {
            missing.push("approval");
        }
        if policy.communicated.is_empty() {
            missing.push("communication");
        }
        let approved_by_non_approver = policy.approved.as_ref().is_some_and(|a| {
            index
                .roles
                .as_ref()
                .is_some_and(|roles| roles.contains(a.by.as_str()))
                && !index.approvers.contains(a.by.as_str())
        });
        let cycle = policy.review.every.unwrap_or(every);
        let next_review = policy
            .review
            .last
            .or(policy.approved.as_ref().map(|a| a.date))
            .and_then(|last| cycle.after(last))
            .map(|due| (due, cycle));
        PolicyView {
            doc,
            policy,
            file,
            missing,
            approved_by_non_approver,
            review_overdue: next_review.is_some_and(|(due, _)| due < today),
            next_review,
        }
    }

    pub fn id(&self) -> &'r str {
        &self.policy.id
    }

    /// Complete: nothing missing and approved by an approver role.
    pub fn complete(&self) -> bool {
        self.missing.is_empty() && !self.approved_by_non_approver
    }
}
