//! When reviews fall due: a risk's next review from its band's cycle or its own, an
//! impact assessment's from its cycle, an implemented control's next verification.
//!
//! One place computes every due date; the read model (`view`) applies these to each
//! entity, so that `aims check` (overdue), `aims due` (the weekly list) and the list
//! and show commands (next review) always agree. Pure functions of an entity and its
//! criteria; nothing here reads the clock.

use chrono::NaiveDate;

use crate::criteria::Scoring;
use crate::model::Duration;
use crate::model::{ControlStatus, ImpactAssessment, Risk, RiskStatus, SoaDecision};

/// A risk's next review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskReview {
    pub due: NaiveDate,
    /// The last review, or the identification date when never reviewed.
    pub last: NaiveDate,
    pub reviewed: bool,
    pub cycle: Duration,
    /// Why this cycle: `band high, every 3m` or `every 1m, set by review.every`.
    pub basis: String,
}

/// The next review of an open risk: its last review (or identification) plus its own
/// `review.every` or its band's cycle. `None` for closed risks, and when the cycle is
/// unknown (no usable criteria, or a score outside the scales).
pub fn risk_review(risk: &Risk, scoring: Option<&Scoring>) -> Option<RiskReview> {
    if risk.status == RiskStatus::Closed {
        return None;
    }
    let (last, reviewed) = match risk.review.last {
        Some(last) => (last, true),
        None => (risk.identified, false),
    };
    let (cycle, basis) = match (risk.review.every, scoring) {
        (Some(every), _) => (every, format!("every {every}, set by review.every")),
        (None, Some(scoring)) => {
            let rating = scoring
                .rate(risk.assessment.likelihood, risk.assessment.consequence)
                .ok()?;
            let band = scoring.band(&rating);
            (
                band.review_every,
                format!("band {}, every {}", band.name, band.review_every),
            )
        }
        (None, None) => return None,
    };
    Some(RiskReview {
        due: cycle.after(last)?,
        last,
        reviewed,
        cycle,
        basis,
    })
}

/// The next review of an impact assessment: its last review (or assessment date) plus
/// its own `review.every` or the register's `impact_review_every`.
pub fn impact_review(
    assessment: &ImpactAssessment,
    default_every: Duration,
) -> Option<(NaiveDate, Duration)> {
    let last = assessment.review.last.unwrap_or(assessment.assessed);
    let cycle = assessment.review.every.unwrap_or(default_every);
    Some((cycle.after(last)?, cycle))
}

/// When an implemented control's effectiveness must next be verified: `Some(None)`
/// when it never was (due now), `None` when the control is not implemented.
pub fn control_verification(decision: &SoaDecision, every: Duration) -> Option<Option<NaiveDate>> {
    if !decision.applicable || decision.status != Some(ControlStatus::Implemented) {
        return None;
    }
    Some(decision.verified.and_then(|v| every.after(v)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Review, Score};

    fn risk(last: Option<&str>, every: Option<&str>) -> Risk {
        Risk {
            id: "R-1".into(),
            title: "t".into(),
            kind: Default::default(),
            scope: None,
            systems: vec!["s".into()],
            category: "safety".into(),
            sources: vec![],
            owasp: vec![],
            cause: None,
            event: None,
            consequence: None,
            consequence_areas: vec![],
            affected_parties: vec![],
            owner: "o".into(),
            identified: "2026-01-10".parse().expect("date"),
            assessment: Score {
                likelihood: 1,
                consequence: 1,
                rationale: None,
            },
            target: None,
            controls: vec![],
            impacts: vec![],
            infosec_refs: vec![],
            treatment: None,
            review: Review {
                last: last.map(|d| d.parse().expect("date")),
                every: every.map(|e| e.parse().expect("duration")),
                ..Review::default()
            },
            status: RiskStatus::Open,
            closed_reason: None,
            closed: None,
            x: None,
        }
    }

    #[test]
    fn a_risk_is_reviewed_from_its_last_review_or_identification() {
        let r = risk_review(&risk(None, Some("1m")), None).expect("due");
        assert_eq!(r.due.to_string(), "2026-02-10");
        assert!(!r.reviewed);
        let r = risk_review(&risk(Some("2026-01-31"), Some("1m")), None).expect("due");
        assert_eq!(r.due.to_string(), "2026-02-28");
        assert_eq!(r.basis, "every 1m, set by review.every");
        assert_eq!(
            risk_review(&risk(None, None), None),
            None,
            "no criteria, no cycle"
        );
    }
}
