//! Risk scores and their treatment (clauses 6.1.2 and 6.1.3): `score-out-of-range`,
//! `treatment-required`, `treatment-incomplete`, `action-overdue`,
//! `acceptance-expired`, `target-above-assessment` and `closed-without-reason`.
//!
//! Closed risks are history: only `closed-without-reason` judges them.

use std::cmp::Ordering;

use crate::criteria::{OutOfRange, Rating};
use crate::finding::{Finding, Rule};
use crate::model::{ActionStatus, TreatmentOption};
use crate::view::{ActionList, RiskView, Scored, View};

pub fn rules(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in &view.risks {
        let (doc, risk) = (r.doc, r.risk);
        if !r.is_open() {
            if risk.closed_reason.is_none() {
                out.push(
                    view.finding(
                        Rule::ClosedWithoutReason,
                        doc,
                        "/status",
                        "risk is closed without a `closed_reason`",
                    )
                    .hint(format!(
                        "say why the risk no longer applies: `aims risk close {} --reason TEXT`",
                        r.id()
                    )),
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
                    .hint(format!("the target is the expected score once treatment is done and cannot be worse than today's: `aims risk target {} --likelihood L --consequence C`", r.id())),
            );
        }
        if assessment.is_some() {
            treatment_required(view, r, &mut out);
        }
        acceptance(view, r, &mut out);
    }
    for list in view.action_lists().into_iter().filter(|l| !l.closed) {
        actions(view, &list, &mut out);
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
    let (doc, risk, id) = (r.doc, r.risk, r.id());
    let above = format!(
        "risk scores {}, above the acceptance threshold {}",
        scoring.describe(&rating),
        scoring.threshold_text()
    );
    match &risk.treatment {
        None => out.push(
            view
                .finding(Rule::TreatmentRequired, doc, "/assessment", format!("{above}, and has no treatment"))
                .hint(format!("decide the treatment with `aims risk treat {id} --option mitigate --rationale TEXT` (or avoid, transfer), then `aims risk action add {id} --description TEXT --owner ROLE --due DATE`")),
        ),
        Some(t) if t.option == TreatmentOption::Accept => out.push(
            view
                .finding(
                    Rule::TreatmentRequired,
                    doc,
                    "/treatment/option",
                    format!("{above}; only risks at or below the threshold may be accepted"),
                )
                .hint(format!("treat the risk with `aims risk treat {id} --option mitigate --rationale TEXT`, or reassess it with `aims risk review {id} --likelihood L --consequence C` if today's controls already bring it down")),
        ),
        Some(t) if t.actions.is_empty() => out.push(
            view
                .finding(
                    Rule::TreatmentRequired,
                    doc,
                    "/treatment",
                    format!("{above}, and its treatment has no actions"),
                )
                .hint(format!("add the actions that carry it out: `aims risk action add {id} --description TEXT --owner ROLE --due DATE`")),
        ),
        // An acceptance of a score the criteria did not allow; one whose risk has
        // since risen above what was accepted is `acceptance-expired`'s.
        Some(t) if t.acceptance.is_some()
            && r.residual.and_then(Result::ok).is_none_or(|accepted| !scoring.acceptable(&accepted)) => out.push(
            view
                .finding(
                    Rule::TreatmentRequired,
                    doc,
                    "/treatment/acceptance",
                    format!("{above}, and is recorded as accepted; only risks at or below the threshold may be accepted"),
                )
                .hint(format!("withdraw the acceptance with `aims risk accept {id} --withdraw`; once the treatment's actions are done, reassess the risk with `aims risk review {id} --likelihood L --consequence C` and accept what remains")),
        ),
        Some(_) => {}
    }
}

/// A risk's acceptance: an accepted risk needs a complete record, approved by an
/// approver; any acceptance lapses when it expires or when the risk comes to score
/// above the residual score accepted.
fn acceptance(view: &View<'_>, r: &RiskView<'_>, out: &mut Vec<Finding>) {
    let (doc, risk, id) = (r.doc, r.risk, r.id());
    let Some(treatment) = &risk.treatment else {
        return;
    };
    let renew = format!(
        "review the risk (`aims risk review {id}`), then renew the acceptance with `aims risk accept {id} --justification TEXT --by ROLE --expires DATE`, or treat it"
    );
    if let Some(expires) = treatment.acceptance.as_ref().and_then(|a| a.expires)
        && expires < view.today
    {
        out.push(
            view.finding(
                Rule::AcceptanceExpired,
                doc,
                "/treatment/acceptance/expires",
                format!("the acceptance of this risk expired on {expires}"),
            )
            .hint(renew.clone()),
        );
    }
    if let Some(scoring) = &view.criteria.scoring
        && let Some((now, accepted)) = r.exceeds_residual(scoring)
    {
        out.push(
            view.finding(
                Rule::AcceptanceExpired,
                doc,
                "/treatment/acceptance/residual",
                format!(
                    "the risk now scores {}, above the {} accepted; the acceptance no longer holds",
                    scoring.describe(&now),
                    scoring.describe(&accepted)
                ),
            )
            .hint(renew),
        );
    }
    let accept = format!("aims risk accept {id} --justification TEXT --by ROLE");
    let Some(acceptance) = &treatment.acceptance else {
        if treatment.option == TreatmentOption::Accept {
            out.push(
                view.finding(
                    Rule::TreatmentRequired,
                    doc,
                    "/treatment/option",
                    "risk is accepted without an acceptance record",
                )
                .hint(format!(
                    "record who accepted it, and why: `{accept}` (a role with approver: true)"
                )),
            );
        }
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
            .hint(format!(
                "an acceptance needs a justification, the approving role and the date: `{accept}`"
            )),
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
                .hint(format!(
                    "have a role marked `approver: true` in aims.yaml accept it: `{accept}`"
                )),
            );
        }
    }
}

/// Owners, due dates and timeliness of treatment or corrective actions.
fn actions(view: &View<'_>, list: &ActionList<'_>, out: &mut Vec<Finding>) {
    let (doc, pointer) = (list.doc, list.pointer);
    for (i, action) in list.actions.iter().enumerate() {
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
                .hint(match list.command("set", &action.id) {
                    Some(set) => format!(
                        "every action needs an owner (a role id) and a due date: `{set} --owner ROLE --due DATE`"
                    ),
                    None => "every action needs an `owner` (a role id) and a `due` date".to_string(),
                }),
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
                view.finding(
                    Rule::ActionOverdue,
                    doc,
                    &format!("{here}/due"),
                    format!(
                        "action `{}` was due on {due} and is still {status}",
                        action.id
                    ),
                )
                .hint(match (list.command("done", &action.id), list.command("set", &action.id)) {
                    (Some(done), Some(set)) => format!(
                        "finish it with `{done} --evidence PATH`, or re-plan it with `{set} --due DATE`"
                    ),
                    (Some(done), None) => format!(
                        "finish it with `{done} --evidence PATH`, or re-plan it with a new `due` date"
                    ),
                    _ => "finish it (status: done, with completed and evidence), or re-plan it with a new due date".to_string(),
                }),
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
