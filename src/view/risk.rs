//! A risk with everything derived from it: its scores against the criteria, its
//! band, whether it is above the acceptance threshold, its next review, and what has
//! happened since that review that calls for another.

use chrono::NaiveDate;

use crate::criteria::{OutOfRange, Rating, Scoring};
use crate::model::{Risk, RiskKind, RiskStatus, Score};
use crate::schedule::{self, RiskReview};

use super::Trigger;

/// A score rated against the criteria, or why it cannot be (a level off the scale).
pub type Scored = Result<Rating, OutOfRange>;

#[derive(Debug, Clone)]
pub struct RiskView<'r> {
    pub doc: usize,
    pub risk: &'r Risk,
    /// Relative to the register root.
    pub file: &'r str,
    /// The current assessment rated; `None` when the criteria are unusable.
    pub assessment: Option<Scored>,
    /// The target rated; `None` without a target or usable criteria.
    pub target: Option<Scored>,
    /// Whether the current score is above the acceptance threshold; `None` when it
    /// cannot be rated.
    pub above_threshold: Option<bool>,
    /// The score an acceptance recorded as accepted (`acceptance.residual`), rated.
    pub residual: Option<Scored>,
    /// The next review of an open risk, and why it falls then.
    pub review: Option<RiskReview>,
    pub review_overdue: bool,
    /// What happened after the last review that calls for another, oldest first.
    pub triggers: Vec<Trigger<'r>>,
}

impl<'r> RiskView<'r> {
    pub(super) fn new(
        doc: usize,
        risk: &'r Risk,
        file: &'r str,
        scoring: Option<&Scoring>,
        today: NaiveDate,
        triggers: Vec<Trigger<'r>>,
    ) -> RiskView<'r> {
        let rate = |s: &Score| scoring.map(|scoring| scoring.rate(s.likelihood, s.consequence));
        let assessment = rate(&risk.assessment);
        let above_threshold = scoring
            .zip(assessment.as_ref().and_then(|a| a.ok()))
            .map(|(s, r)| !s.acceptable(&r));
        let review = schedule::risk_review(risk, scoring);
        let residual = risk
            .treatment
            .as_ref()
            .and_then(|t| t.acceptance.as_ref())
            .and_then(|a| a.residual)
            .and_then(|r| scoring.map(|s| s.rate(r.likelihood, r.consequence)));
        RiskView {
            residual,
            doc,
            risk,
            file,
            target: risk.target.as_ref().and_then(rate),
            assessment,
            above_threshold,
            review_overdue: review.as_ref().is_some_and(|r| r.due < today),
            review,
            triggers,
        }
    }

    pub fn id(&self) -> &'r str {
        &self.risk.id
    }

    pub fn is_open(&self) -> bool {
        self.risk.status == RiskStatus::Open
    }

    /// An opportunity (clause 6.1.1): scored like a risk, pursued rather than treated,
    /// and kept out of the heat maps of risks.
    pub fn is_opportunity(&self) -> bool {
        self.risk.kind == RiskKind::Opportunity
    }

    /// The current rating, when the assessment is on the scales.
    pub fn rating(&self) -> Option<Rating> {
        self.assessment.and_then(Result::ok)
    }

    /// The target rating, when there is a target on the scales.
    pub fn target_rating(&self) -> Option<Rating> {
        self.target.and_then(Result::ok)
    }

    /// Whether the risk now scores above the residual score its acceptance accepted,
    /// so that the acceptance no longer holds; with both ratings.
    pub fn exceeds_residual(&self, scoring: &Scoring) -> Option<(Rating, Rating)> {
        let (now, accepted) = (self.rating()?, self.residual.and_then(Result::ok)?);
        (scoring.compare(&now, &accepted) == std::cmp::Ordering::Greater).then_some((now, accepted))
    }

    /// The earliest due date of its triggered reviews.
    pub fn triggered_due(&self) -> Option<NaiveDate> {
        self.triggers.iter().map(|t| t.due).min()
    }

    /// When the risk is next to be reviewed: its cycle's date, or a triggered review's
    /// when that comes first.
    pub fn next_review(&self) -> Option<NaiveDate> {
        let cycle = self.review.as_ref().map(|r| r.due);
        match (cycle, self.triggered_due()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether its cycle's review or a triggered review is past due.
    pub fn any_review_overdue(&self) -> bool {
        self.review_overdue || self.triggers.iter().any(|t| t.overdue)
    }

    /// When the risk was last looked at: its last review, or its identification.
    pub fn last_review(&self) -> NaiveDate {
        self.risk.review.last.unwrap_or(self.risk.identified)
    }
}
