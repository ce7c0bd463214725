//! Impact assessments and incidents with what is derived from them: an assessment's
//! next review and missing dimensions, an incident's open corrective actions.

use chrono::NaiveDate;

use crate::catalog;
use crate::model::{Duration, ImpactAssessment, Incident};
use crate::schedule;

use super::Trigger;

#[derive(Debug, Clone)]
pub struct ImpactView<'r> {
    pub doc: usize,
    pub assessment: &'r ImpactAssessment,
    pub file: &'r str,
    /// The next review and the cycle it follows.
    pub next_review: Option<(NaiveDate, Duration)>,
    pub review_overdue: bool,
    /// Required dimensions neither assessed nor marked not applicable.
    pub missing: Vec<&'static str>,
    /// Whether the assessed system is in the AIMS scope (a system that does not exist
    /// counts as in scope, so the assessment is still judged).
    pub in_scope: bool,
    /// Changes of the system, and its high or critical incidents, after the last
    /// review, oldest first.
    pub triggers: Vec<Trigger<'r>>,
}

impl<'r> ImpactView<'r> {
    pub(super) fn new(
        doc: usize,
        assessment: &'r ImpactAssessment,
        file: &'r str,
        every: Duration,
        today: NaiveDate,
        in_scope: bool,
        triggers: Vec<Trigger<'r>>,
    ) -> ImpactView<'r> {
        let next_review = schedule::impact_review(assessment, every);
        ImpactView {
            doc,
            assessment,
            file,
            review_overdue: next_review.is_some_and(|(due, _)| due < today),
            next_review,
            missing: catalog::IMPACT_DIMENSIONS
                .iter()
                .copied()
                .filter(|d| !assessment.dimensions.iter().any(|x| x.dimension == *d))
                .collect(),
            in_scope,
            triggers,
        }
    }

    pub fn id(&self) -> &'r str {
        &self.assessment.id
    }
}

#[derive(Debug, Clone)]
pub struct IncidentView<'r> {
    pub doc: usize,
    pub incident: &'r Incident,
    pub file: &'r str,
    /// Corrective actions planned or in progress.
    pub open_actions: usize,
}

impl<'r> IncidentView<'r> {
    pub fn id(&self) -> &'r str {
        &self.incident.id
    }
}
