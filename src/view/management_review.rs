//! Management reviews (clause 9.3) with what is derived from them: which of the
//! records clause 9.3 asks for are missing (the five inputs of 9.3.2, the decisions
//! of 9.3.3, top management's presence), the last review held, and when the next one
//! falls due (`management_review_every` after it).
//!
//! `management-review-overdue`, `management-review-incomplete`, clause readiness (9.3),
//! `aims due` and the management-review pack read these values.

use chrono::NaiveDate;

use crate::model::{Duration, ManagementReview};

use super::View;

#[derive(Debug, Clone)]
pub struct ManagementReviewView<'r> {
    pub doc: usize,
    pub review: &'r ManagementReview,
    pub file: &'r str,
    /// The inputs of 9.3.2 not recorded, as named in the file.
    pub missing_inputs: Vec<&'static str>,
    /// The attendees that are top management.
    pub top_management: Vec<&'r str>,
}

impl<'r> ManagementReviewView<'r> {
    pub(super) fn new(
        doc: usize,
        review: &'r ManagementReview,
        file: &'r str,
        top: &[&str],
    ) -> ManagementReviewView<'r> {
        ManagementReviewView {
            doc,
            review,
            file,
            missing_inputs: review.inputs.missing(),
            top_management: review
                .attendees
                .iter()
                .map(String::as_str)
                .filter(|a| top.contains(a))
                .collect(),
        }
    }

    pub fn id(&self) -> &'r str {
        &self.review.id
    }

    /// Every input considered, decisions taken, and top management present.
    pub fn complete(&self) -> bool {
        self.missing_inputs.is_empty()
            && !self.review.decisions.is_empty()
            && !self.top_management.is_empty()
    }

    /// What the review lacks, in words: `input previous-actions`, `decisions`, `a
    /// top-management attendee`.
    pub fn missing(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .missing_inputs
            .iter()
            .map(|i| format!("input `{i}`"))
            .collect();
        if self.review.decisions.is_empty() {
            out.push("decisions".to_string());
        }
        if self.top_management.is_empty() {
            out.push("a top-management attendee".to_string());
        }
        out
    }
}

/// The roles marked `top_management: true`.
pub(super) fn top_management(register: &crate::register::Register) -> Vec<&str> {
    register
        .config
        .iter()
        .flat_map(|c| c.value.roles.iter())
        .filter(|r| r.top_management)
        .map(|r| r.id.as_str())
        .collect()
}

impl<'r> View<'r> {
    /// The most recent management review held on or before today (the later id of a
    /// date).
    pub fn last_management_review(&self) -> Option<&ManagementReviewView<'r>> {
        self.management_reviews
            .iter()
            .filter(|m| m.review.date <= self.today)
            .max_by(|a, b| {
                a.review
                    .date
                    .cmp(&b.review.date)
                    .then_with(|| a.id().cmp(b.id()))
            })
    }

    /// The management review held before `review` (by date, then id), if any.
    pub fn management_review_before(
        &self,
        review: &ManagementReviewView<'_>,
    ) -> Option<&ManagementReviewView<'r>> {
        let key = (review.review.date, review.id());
        self.management_reviews
            .iter()
            .filter(|m| (m.review.date, m.id()) < key)
            .max_by(|a, b| {
                a.review
                    .date
                    .cmp(&b.review.date)
                    .then_with(|| a.id().cmp(b.id()))
            })
    }

    /// When the next management review falls due (`management_review_every` after the
    /// last one) and the cycle; `None` before the first review.
    pub fn next_management_review(&self) -> Option<(NaiveDate, Duration)> {
        let every = self.cycles.management_review;
        let last = self.last_management_review()?;
        every.after(last.review.date).map(|due| (due, every))
    }

    pub fn management_review(&self, id: &str) -> Option<&ManagementReviewView<'r>> {
        self.management_reviews.iter().find(|m| m.id() == id)
    }

    pub fn audit(&self, id: &str) -> Option<&super::AuditView<'r>> {
        self.audits.iter().find(|a| a.id() == id)
    }
}
