//! Risk scores and their treatment (clauses 6.1.2 and 6.1.3): `score-out-of-range`,
//! `treatment-required`, `treatment-incomplete`, `action-overdue`,
//! `acceptance-expired`, `target-above-assessment` and `closed-without-reason`.
//!
//! Closed risks are history: only `closed-without-reason` judges them.

use std::cmp::Ordering;

use crate::criteria::{OutOfRange, Rating};
use crate::finding::{Finding, Rule};
use crate::model::{Action, ActionStatus, Risk, TreatmentOption};
use crate::view::{RiskView, Scored, View};

pub fn rules(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in &view.risks {
        let (doc, risk) = (r.doc, r.risk);
        if !r.is_open() {
            if risk.closed_reason.is_none() {
                out.push(
                    view
                        .finding(Rule::ClosedWithoutReason, doc, "/status", "risk is closed without a `closed_reason`")
                        .hint("say why the risk no longer applies, e.g. `closed_reason: System retired 2026-09`"),
                );
            }
            continue;
        }
        let assessment = rated(view, doc, "/assessment", r.assessment, &mut out);
        let target = rated(view, doc, "/target", r.target, &mut out);
        if let (Some(scoring), Some(a), Some(t)) = (&view.criteria.scoring, assessment, target)
            && scoring.compare(&t, &a) == Ordering::Greater
        {
            out.push(
                view
                    .finding(
                        Rule::TargetAboveAssessment,
                        doc,
                        "/target",
                        format!(
                            "target {} is above the current assessment {}",
                            scoring.describe(&t),
                            scoring.describe(&a)
                        ),
                    )
                    .hint("the target is the expected score once treatment is done; it cannot be worse than today's"),
            );
        }
        if assessment.is_some() {
            treatment_required(view, r, &mut out);
        }
        acceptance(view, doc, risk, &mut out);
    }
    for list in view.action_lists().into_iter().filter(|l| !l.closed) {
        actions(view, list.doc, list.pointer, list.actions, &mut out);
    }
    out
}

/// A score's rating, reporting levels outside the scales.
fn rated(
    view: &View<'_>,
    doc: usize,
    pointer: &str,
    scored: Option<Scored>,
    out: &mut Vec<Finding>,
) -> Option<Rating> {
    match scored? {
        Ok(rating) => Some(rating),
        Err(OutOfRange::Likelihood { given, levels }) => {
            out.push(out_of_range(
                view,
                doc,
                &format!("{pointer}/likelihood"),
                "likelihood",
                given,
                levels,
            ));
            None
        }
        Err(OutOfRange::Consequence { given, levels }) => {
            out.push(out_of_range(
                view,
                doc,
                &format!("{pointer}/consequence"),
                "consequence",
                given,
                levels,
            ));
            None
        }
    }
}

fn out_of_range(
    view: &View<'_>,
    doc: usize,
    pointer: &str,
    scale: &str,
    given: u32,
    levels: u32,
) -> Finding {
    view.finding(
        Rule::ScoreOutOfRange,
        doc,
        pointer,
        format!("{scale} {given} is outside the {scale} scale of aims.yaml (1 to {levels})"),
    )
    .hint(format!(
        "use a level from 1 to {levels}, as defined under `criteria.{scale}`"
    ))
}

fn treatment_required(view: &View<'_>, r: &RiskView<'_>, out: &mut Vec<Finding>) {
    // An opportunity is scored the same way, but is pursued, not treated.
    if r.is_opportunity() {
        return;
    }
    let (Some(scoring), Some(rating), Some(true)) =
        (&view.criteria.scoring, r.rating(), r.above_threshold)
    else {
        return;
    };
    let (doc, risk) = (r.doc, r.risk);
    let above = format!(
        "risk scores {}, above the acceptance threshold {}",
        scoring.describe(&rating),
        scoring.threshold_text()
    );
    match &risk.treatment {
        None => out.push(
            view
                .finding(Rule::TreatmentRequired, doc, "/assessment", format!("{above}, and has no treatment"))
                .hint("add `treatment:` with an option (avoid, mitigate or transfer) and actions, each with an owner and a due date"),
        ),
        Some(t) if t.option == TreatmentOption::Accept => out.push(
            view
                .finding(
                    Rule::TreatmentRequired,
                    doc,
                    "/treatment/option",
                    format!("{above}; only risks at or below the threshold may be accepted"),
                )
                .hint("treat the risk (avoid, mitigate or transfer), or reassess it if today's controls already bring it down"),
        ),
        Some(t) if t.actions.is_empty() => out.push(
            view
                .finding(
                    Rule::TreatmentRequired,
                    doc,
                    "/treatment",
                    format!("{above}, and its treatment has no actions"),
                )
                .hint("list the actions that carry out the treatment under `treatment.actions`, each with an owner and a due date"),
        ),
        Some(_) => {}
    }
}

/// An accepted risk needs a complete acceptance record, approved by an approver, that
/// has not expired.
fn acceptance(view: &View<'_>, doc: usize, risk: &Risk, out: &mut Vec<Finding>) {
    let Some(treatment) = &risk.treatment else {
        return;
    };
    if let Some(expires) = treatment.acceptance.as_ref().and_then(|a| a.expires)
        && expires < view.today
    {
        out.push(
            view
                .finding(
                    Rule::AcceptanceExpired,
                    doc,
                    "/treatment/acceptance/expires",
                    format!("the acceptance of this risk expired on {expires}"),
                )
                .hint("review the risk, then renew the acceptance with a new date and expiry, or treat it"),
        );
    }
    if treatment.option != TreatmentOption::Accept {
        return;
    }
    let Some(acceptance) = &treatment.acceptance else {
        out.push(
            view
                .finding(Rule::TreatmentRequired, doc, "/treatment/option", "risk is accepted without an acceptance record")
                .hint("add `treatment.acceptance` with justification, approved_by (a role with approver: true) and date"),
        );
        return;
    };
    let missing = absent(&[
        ("justification", acceptance.justification.is_none()),
        ("approved_by", acceptance.approved_by.is_none()),
        ("date", acceptance.date.is_none()),
    ]);
    if !missing.is_empty() {
        out.push(
            view.finding(
                Rule::TreatmentRequired,
                doc,
                "/treatment/acceptance",
                format!(
                    "the acceptance record lacks {}",
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .hint(
                "an acceptance needs a justification, the approving role and the date of approval",
            ),
        );
    }
    if let Some(approver) = &acceptance.approved_by {
        let is_role = view
            .index
            .roles
            .as_ref()
            .is_some_and(|r| r.contains(approver.as_str()));
        if is_role && !view.index.approvers.contains(approver.as_str()) {
            out.push(
                view.finding(
                    Rule::TreatmentRequired,
                    doc,
                    "/treatment/acceptance/approved_by",
                    format!("role `{approver}` may not approve a risk acceptance"),
                )
                .hint("name a role marked `approver: true` in aims.yaml"),
            );
        }
    }
}

/// Owners, due dates and timeliness of treatment or corrective actions.
fn actions(view: &View<'_>, doc: usize, pointer: &str, actions: &[Action], out: &mut Vec<Finding>) {
    for (i, action) in actions.iter().enumerate() {
        let here = format!("{pointer}/{i}");
        if action.status == ActionStatus::Cancelled {
            continue;
        }
        let missing = absent(&[
            ("owner", action.owner.is_none()),
            ("due date", action.due.is_none()),
        ]);
        if !missing.is_empty() {
            out.push(
                view.finding(
                    Rule::TreatmentIncomplete,
                    doc,
                    &format!("{here}/id"),
                    format!("action `{}` has no {}", action.id, missing.join(" and no ")),
                )
                .hint("every action needs an `owner` (a role id) and a `due` date"),
            );
        }
        if let Some(due) = action.due
            && view.action_overdue(action)
        {
            let status = match action.status {
                ActionStatus::Planned => "planned",
                _ => "in progress",
            };
            out.push(
                view
                    .finding(
                        Rule::ActionOverdue,
                        doc,
                        &format!("{here}/due"),
                        format!("action `{}` was due on {due} and is still {status}", action.id),
                    )
                    .hint("finish it (status: done, with completed and evidence), or re-plan it with a new due date"),
            );
        }
    }
}

/// The names of the fields flagged as absent, in the order given.
fn absent<'a>(fields: &[(&'a str, bool)]) -> Vec<&'a str> {
    fields
        .iter()
        .filter(|(_, missing)| *missing)
        .map(|(name, _)| *name)
        .collect()
}
