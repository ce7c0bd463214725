//! When things fall due: risk reviews, impact assessment reviews, control
//! verifications, treatment and corrective actions, and risk acceptance expiries.
//!
//! One place computes every due date, so that `aims check` (overdue), `aims due` (the
//! weekly list) and the list and show commands (next review) always agree. Pure
//! functions of the register and its criteria; the caller supplies today's date.

use chrono::NaiveDate;
use serde::Serialize;

use crate::criteria::Scoring;
use crate::model::Duration;
use crate::model::{Action, ControlStatus, ImpactAssessment, Risk, RiskStatus, SoaDecision};
use crate::register::Register;

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

/// What an item of the due list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DueKind {
    RiskReview,
    ImpactReview,
    ControlVerification,
    Action,
    CorrectiveAction,
    AcceptanceExpiry,
}

/// One thing that falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    /// `None` for a control that was never verified: due at once.
    pub due: Option<NaiveDate>,
    pub kind: DueKind,
    /// The entity it belongs to.
    pub entity: String,
    /// The action id, for actions.
    pub item: Option<String>,
    pub title: String,
    pub owner: Option<String>,
    pub file: String,
}

/// Every open, dated obligation in the register, soonest first (never-verified
/// controls before everything), then by entity and item.
pub fn all(
    register: &Register,
    scoring: Option<&Scoring>,
    impact_every: Duration,
    control_every: Duration,
) -> Vec<DueItem> {
    let path = |doc: usize| register.documents[doc].path.clone();
    let mut items = Vec::new();
    for e in &register.risks {
        let risk = &e.value;
        if let Some(review) = risk_review(risk, scoring) {
            items.push(DueItem {
                due: Some(review.due),
                kind: DueKind::RiskReview,
                entity: risk.id.clone(),
                item: None,
                title: format!("review: {} ({})", risk.title, review.basis),
                owner: Some(risk.owner.clone()),
                file: path(e.doc),
            });
        }
        if risk.status == RiskStatus::Closed {
            continue;
        }
        if let Some(treatment) = &risk.treatment {
            items.extend(open_actions(
                &treatment.actions,
                DueKind::Action,
                &risk.id,
                &path(e.doc),
            ));
            if let Some(acceptance) = &treatment.acceptance
                && let Some(expires) = acceptance.expires
            {
                items.push(DueItem {
                    due: Some(expires),
                    kind: DueKind::AcceptanceExpiry,
                    entity: risk.id.clone(),
                    item: None,
                    title: format!("acceptance expires: {}", risk.title),
                    owner: acceptance
                        .approved_by
                        .clone()
                        .or_else(|| Some(risk.owner.clone())),
                    file: path(e.doc),
                });
            }
        }
    }
    for e in &register.impacts {
        if let Some((due, cycle)) = impact_review(&e.value, impact_every) {
            items.push(DueItem {
                due: Some(due),
                kind: DueKind::ImpactReview,
                entity: e.value.id.clone(),
                item: None,
                title: format!(
                    "review impact assessment of {} (every {cycle})",
                    e.value.system
                ),
                owner: Some(e.value.assessor.clone()),
                file: path(e.doc),
            });
        }
    }
    for e in &register.controls {
        if let Some(due) = control_verification(&e.value, control_every) {
            let title = crate::catalog::control(&e.value.id)
                .map(|c| c.title.to_string())
                .or_else(|| e.value.title.clone())
                .unwrap_or_default();
            items.push(DueItem {
                due,
                kind: DueKind::ControlVerification,
                entity: e.value.id.clone(),
                item: None,
                title: format!("verify: {title}"),
                owner: e.value.owner.clone(),
                file: path(e.doc),
            });
        }
    }
    for e in &register.incidents {
        items.extend(open_actions(
            &e.value.corrective_actions,
            DueKind::CorrectiveAction,
            &e.value.id,
            &path(e.doc),
        ));
    }
    items.sort_by(|a, b| {
        (a.due, &a.entity, &a.item, a.kind).cmp(&(b.due, &b.entity, &b.item, b.kind))
    });
    items
}

/// The open actions among `actions` that have a due date.
fn open_actions<'a>(
    actions: &'a [Action],
    kind: DueKind,
    entity: &'a str,
    file: &'a str,
) -> impl Iterator<Item = DueItem> + 'a {
    actions
        .iter()
        .filter(|a| a.status.is_open())
        .filter_map(move |action| {
            Some(DueItem {
                due: Some(action.due?),
                kind,
                entity: entity.to_string(),
                item: Some(action.id.clone()),
                title: action.description.clone(),
                owner: action.owner.clone(),
                file: file.to_string(),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Review, Score};

    fn risk(last: Option<&str>, every: Option<&str>) -> Risk {
        Risk {
            id: "R-1".into(),
            title: "t".into(),
            systems: vec!["s".into()],
            category: "safety".into(),
            sources: vec![],
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
            },
            status: RiskStatus::Open,
            closed_reason: None,
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
