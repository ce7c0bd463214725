//! Review cycles: `review-overdue` (risks, impact assessments, control verification)
//! and `review-triggered` (incidents and system changes after a risk's last review).
//!
//! A review due today is not overdue; it becomes overdue the day after.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::finding::{Finding, Rule};
use crate::model::{Incident, Risk, RiskStatus};
use crate::schedule;

use super::Judge;

/// When the risk was last looked at: its last review, or its identification.
fn last_review(risk: &Risk) -> (NaiveDate, &'static str) {
    match risk.review.last {
        Some(last) => (last, "/review/last"),
        None => (risk.identified, "/identified"),
    }
}

pub fn overdue(judge: &Judge<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for entity in &judge.register.risks {
        let risk = &entity.value;
        let Some(review) = schedule::risk_review(risk, judge.scoring.as_ref()) else {
            continue;
        };
        if review.due < judge.today {
            let (_, pointer) = last_review(risk);
            let never = if review.reviewed {
                ""
            } else {
                " (never reviewed since it was identified)"
            };
            out.push(
                judge
                    .finding(
                        Rule::ReviewOverdue,
                        entity.doc,
                        pointer,
                        format!("review was due on {} ({}){never}", review.due, review.basis),
                    )
                    .hint("review the risk and record the date with `review.last`"),
            );
        }
    }
    for entity in &judge.register.impacts {
        let assessment = &entity.value;
        if !judge.index.in_scope(&assessment.system) {
            continue;
        }
        let Some((due, cycle)) = schedule::impact_review(assessment, judge.impact_review_every)
        else {
            continue;
        };
        if due < judge.today {
            let pointer = if assessment.review.last.is_some() {
                "/review/last"
            } else {
                "/assessed"
            };
            out.push(
                judge
                    .finding(
                        Rule::ReviewOverdue,
                        entity.doc,
                        pointer,
                        format!("impact assessment review was due on {due} (every {cycle})"),
                    )
                    .hint("review the assessment and record the date with `review.last`"),
            );
        }
    }
    for entity in &judge.register.controls {
        let cycle = judge.control_review_every;
        match schedule::control_verification(&entity.value, cycle) {
            None => {}
            Some(None) if entity.value.verified.is_none() => out.push(
                judge
                    .finding(
                        Rule::ReviewOverdue,
                        entity.doc,
                        "/status",
                        "control is implemented but has never been verified to work",
                    )
                    .hint("check the control's effectiveness (A.6.2.6) and record the date as `verified`"),
            ),
            Some(Some(due)) if due < judge.today => out.push(
                judge
                    .finding(
                        Rule::ReviewOverdue,
                        entity.doc,
                        "/verified",
                        format!("verification was due on {due} (every {cycle}, control_review_every)"),
                    )
                    .hint("check the control still works and update `verified`"),
            ),
            Some(_) => {}
        }
    }
    out
}

pub fn triggered(judge: &Judge<'_>) -> Vec<Finding> {
    let mut incidents_by_risk: BTreeMap<&str, Vec<&Incident>> = BTreeMap::new();
    for entity in &judge.register.incidents {
        for risk in &entity.value.risks {
            incidents_by_risk
                .entry(risk.as_str())
                .or_default()
                .push(&entity.value);
        }
    }
    let mut out = Vec::new();
    for entity in &judge.register.risks {
        let risk = &entity.value;
        if risk.status == RiskStatus::Closed {
            continue;
        }
        let (last, pointer) = last_review(risk);
        let mut trigger = |message: String| {
            out.push(
                judge
                    .finding(Rule::ReviewTriggered, entity.doc, pointer, message)
                    .hint(
                        "review the risk in the light of it and record the date with `review.last`",
                    ),
            );
        };
        for incident in incidents_by_risk
            .get(risk.id.as_str())
            .into_iter()
            .flatten()
        {
            if incident.reported > last {
                trigger(format!(
                    "incident `{}` (reported {}) came after the risk's last review on {last}",
                    incident.id, incident.reported
                ));
            }
        }
        for system_id in &risk.systems {
            let Some(system) = judge.index.system.get(system_id.as_str()) else {
                continue;
            };
            for change in &system.changes {
                if change.date > last {
                    trigger(format!(
                        "system `{system_id}` changed on {} ({}) after the risk's last review on {last}",
                        change.date, change.description
                    ));
                }
            }
        }
    }
    out
}
