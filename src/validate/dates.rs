//! `date-in-future`: a date that records something that happened (a risk identified,
//! a review held, an action completed, an incident reported, an assessment made, a
//! category screened, a change made, a control verified, an acceptance given, a risk
//! or incident closed) cannot be after the date the register is judged as of. Due
//! dates and expiry dates look ahead and are not judged here.

use chrono::NaiveDate;

use crate::finding::{Finding, Rule};
use crate::model::Action;
use crate::view::View;

pub fn rules(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut judge = |doc: usize, pointer: String, what: &str, date: Option<NaiveDate>| {
        if let Some(date) = date
            && date > view.today
        {
            out.push(
                view.finding(
                    Rule::DateInFuture,
                    doc,
                    &pointer,
                    format!(
                        "{what} is dated {date}, after today ({})",
                        view.today
                    ),
                )
                .hint("record things once they have happened, with the date they happened; plan future work with a due date"),
            );
        }
    };
    for r in &view.risks {
        let (doc, risk) = (r.doc, r.risk);
        judge(
            doc,
            "/identified".into(),
            "identification",
            Some(risk.identified),
        );
        judge(
            doc,
            "/review/last".into(),
            "the last review",
            risk.review.last,
        );
        judge(doc, "/closed".into(), "the closing", risk.closed);
        if let Some(treatment) = &risk.treatment {
            completed(&mut judge, doc, "/treatment/actions", &treatment.actions);
            if let Some(acceptance) = &treatment.acceptance {
                judge(
                    doc,
                    "/treatment/acceptance/date".into(),
                    "the acceptance",
                    acceptance.date,
                );
            }
        }
    }
    for i in &view.incidents {
        let (doc, incident) = (i.doc, i.incident);
        judge(
            doc,
            "/reported".into(),
            "the report",
            Some(incident.reported),
        );
        judge(doc, "/closed".into(), "the closing", incident.closed);
        completed(
            &mut judge,
            doc,
            "/corrective_actions",
            &incident.corrective_actions,
        );
    }
    for a in &view.impacts {
        let (doc, assessment) = (a.doc, a.assessment);
        judge(
            doc,
            "/assessed".into(),
            "the assessment",
            Some(assessment.assessed),
        );
        judge(
            doc,
            "/review/last".into(),
            "the last review",
            assessment.review.last,
        );
    }
    for s in &view.systems {
        for (i, screening) in s.system.screening.iter().enumerate() {
            let what = format!("the screening of `{}`", screening.category);
            judge(
                s.doc,
                format!("/screening/{i}/date"),
                &what,
                Some(screening.date),
            );
        }
        for (i, change) in s.system.changes.iter().enumerate() {
            judge(
                s.doc,
                format!("/changes/{i}/date"),
                "the change",
                Some(change.date),
            );
        }
    }
    for c in &view.controls {
        if let (Some(doc), Some(decision)) = (c.doc, c.decision) {
            judge(
                doc,
                "/verified".into(),
                "the verification",
                decision.verified,
            );
        }
    }
    out
}

/// The completion dates of actions.
fn completed(
    judge: &mut impl FnMut(usize, String, &str, Option<NaiveDate>),
    doc: usize,
    pointer: &str,
    actions: &[Action],
) {
    for (i, action) in actions.iter().enumerate() {
        let what = format!("the completion of action `{}`", action.id);
        judge(
            doc,
            format!("{pointer}/{i}/completed"),
            &what,
            action.completed,
        );
    }
}
