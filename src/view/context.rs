//! The organisation's context (clauses 4.1, 4.2) and the competence of its roles
//! (clause 7.2), with what is derived from them: whether the context holds issues and
//! interested parties, its next review, and which competence records have expired.

use chrono::NaiveDate;

use crate::model::{Competence, Config, Context, Duration};

#[derive(Debug, Clone)]
pub struct ContextView<'r> {
    pub doc: usize,
    pub context: &'r Context,
    pub file: &'r str,
    /// The next review (every `management_review_every`), from the last review.
    pub next_review: Option<(NaiveDate, Duration)>,
    pub review_overdue: bool,
}

impl<'r> ContextView<'r> {
    pub(super) fn new(
        doc: usize,
        context: &'r Context,
        file: &'r str,
        every: Duration,
        today: NaiveDate,
    ) -> ContextView<'r> {
        let cycle = context.review.every.unwrap_or(every);
        let next_review = context
            .review
            .last
            .and_then(|last| cycle.after(last))
            .map(|due| (due, cycle));
        ContextView {
            doc,
            context,
            file,
            review_overdue: next_review.is_some_and(|(due, _)| due < today),
            next_review,
        }
    }

    /// Issues and interested parties are both recorded.
    pub fn complete(&self) -> bool {
        !self.context.issues.is_empty() && !self.context.interested_parties.is_empty()
    }
}

/// One competence record of one role.
#[derive(Debug, Clone)]
pub struct CompetenceView<'r> {
    pub role: &'r str,
    /// The role's index in `roles:` and the record's in its `competence:`.
    pub role_index: usize,
    pub index: usize,
    pub record: &'r Competence,
    pub expired: bool,
}

/// Every competence record of `aims.yaml`, in file order.
pub(super) fn competence<'r>(
    config: Option<&'r Config>,
    today: NaiveDate,
) -> Vec<CompetenceView<'r>> {
    config
        .into_iter()
        .flat_map(|c| c.roles.iter().enumerate())
        .flat_map(|(role_index, role)| {
            role.competence
                .iter()
                .enumerate()
                .map(move |(index, record)| CompetenceView {
                    role: &role.id,
                    role_index,
                    index,
                    record,
                    expired: record.expires.is_some_and(|d| d < today),
                })
        })
        .collect()
}
