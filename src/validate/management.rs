//! The records of the management system around the risk register (format 2):
//! `context-missing` (4.1, 4.2), `policy-missing` and `policy-incomplete` (5.2),
//! `objective-incomplete`, `objective-off-target` and `measurement-overdue` (6.2,
//! 9.1), `competence-expired` (7.2) and `clause-unaddressed` (every clause).
//!
//! The absence rules (`context-missing`, `policy-missing`, `clause-unaddressed`) are
//! warnings by default, so that a format-1 register shows what it lacks without
//! turning red; they report at `aims.yaml`, the file that a missing record would
//! stand beside.

use crate::finding::{Finding, Rule};
use crate::model::PolicyKind;
use crate::view::{MeasuredBy, Readiness, View};

pub fn rules(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    context(view, &mut out);
    policies(view, &mut out);
    objectives(view, &mut out);
    competence(view, &mut out);
    out
}

/// A finding at the top of `aims.yaml`, for what is absent; `None` when `aims.yaml`
/// did not load (the register then has bigger problems, reported already).
fn at_config(view: &View<'_>, rule: Rule, message: String, hint: String) -> Option<Finding> {
    let config = view.register.config.as_ref()?;
    Some(view.finding(rule, config.doc, "", message).hint(hint))
}

fn context(view: &View<'_>, out: &mut Vec<Finding>) {
    let Some(c) = &view.context else {
        out.extend(at_config(
            view,
            Rule::ContextMissing,
            "the register has no `context.yaml`: the issues (4.1) and interested parties (4.2) of the organisation are not recorded".to_string(),
            "record them with `aims context issue add` and `aims context party add`".to_string(),
        ));
        return;
    };
    let mut absent = Vec::new();
    if c.context.issues.is_empty() {
        absent.push(("issues", "/issues", "aims context issue add"));
    }
    if c.context.interested_parties.is_empty() {
        absent.push((
            "interested parties",
            "/interested_parties",
            "aims context party add",
        ));
    }
    for (what, pointer, command) in absent {
        // At the empty list, or at the top of the file when there is none.
        let pointer = if view.document(c.doc).locate(pointer).is_some() {
            pointer
        } else {
            "/id"
        };
        out.push(
            view.finding(
                Rule::ContextMissing,
                c.doc,
                pointer,
                format!("the context lists no {what}"),
            )
            .hint(format!("record them with `{command}`")),
        );
    }
    if let Some((due, cycle)) = c.next_review.filter(|_| c.review_overdue) {
        out.push(
            view.finding(
                Rule::ReviewOverdue,
                c.doc,
                "/review/last",
                format!("the context review was due on {due} (every {cycle})"),
            )
            .hint("review the issues and interested parties, then `aims context review`"),
        );
    }
}

fn policies(view: &View<'_>, out: &mut Vec<Finding>) {
    if !view
        .policies
        .iter()
        .any(|p| p.policy.kind == PolicyKind::AiPolicy)
    {
        out.extend(at_config(
            view,
            Rule::PolicyMissing,
            "the register has no AI policy (clause 5.2): no policy of kind `ai-policy`".to_string(),
            "`aims policy add ai-policy --kind ai-policy --title \"AI policy\" --document evidence/...`".to_string(),
        ));
    }
    for p in &view.policies {
        if !p.missing.is_empty() {
            let id = p.id();
            let hints: Vec<String> = p
                .missing
                .iter()
                .map(|m| match *m {
                    "document" => format!("`aims policy set {id} --document PATH`"),
                    "owner" => format!("`aims policy set {id} --owner ROLE`"),
                    "approval" => {
                        format!("`aims policy approve-record {id} --by ROLE --date DATE`")
                    }
                    _ => format!("`aims policy communicate {id} --to AUDIENCE --how HOW`"),
                })
                .collect();
            out.push(
                view.finding(
                    Rule::PolicyIncomplete,
                    p.doc,
                    "/id",
                    format!("policy has no {}", p.missing.join(", no ")),
                )
                .hint(hints.join("; ")),
            );
        }
        if p.approved_by_non_approver
            && let Some(approval) = &p.policy.approved
        {
            out.push(
                view.finding(
                    Rule::PolicyIncomplete,
                    p.doc,
                    "/approved/by",
                    format!("role `{}` may not approve a policy", approval.by),
                )
                .hint("name a role marked `approver: true` in aims.yaml"),
            );
        }
        if let Some((due, cycle)) = p.next_review.filter(|_| p.review_overdue) {
            let pointer = if p.policy.review.last.is_some() {
                "/review/last"
            } else {
                "/approved/date"
            };
            out.push(
                view.finding(
                    Rule::ReviewOverdue,
                    p.doc,
                    pointer,
                    format!("policy review was due on {due} (every {cycle})"),
                )
                .hint(format!(
                    "review the policy, then `aims policy review {}`",
                    p.id()
                )),
            );
        }
    }
}

fn objectives(view: &View<'_>, out: &mut Vec<Finding>) {
    for o in view.objectives.iter().filter(|o| o.is_active()) {
        if !o.missing.is_empty() {
            out.push(
                view.finding(
                    Rule::ObjectiveIncomplete,
                    o.doc,
                    "/id",
                    format!("active objective has no {}", o.missing.join(", no ")),
                )
                .hint(incomplete_hint(o.id(), &o.missing)),
            );
        }
        if let (Some(false), Some(reading), Some(metric)) =
            (o.on_target, o.latest, o.objective.metric.as_ref())
        {
            let (target, direction) = (
                metric.target.unwrap_or_default(),
                metric.direction.map_or("", |d| d.as_str()),
            );
            let pointer = match o.measured_by {
                Some(MeasuredBy::Monitor(_)) => "/metric/monitor".to_string(),
                _ => format!("/measurements/{}", latest_index(o.objective)),
            };
            out.push(
                view.finding(
                    Rule::ObjectiveOffTarget,
                    o.doc,
                    &pointer,
                    format!(
                        "the latest measurement, {} on {}, misses the target ({direction} {target})",
                        reading.value, reading.date
                    ),
                )
                .hint(off_target_hint(o, view.today)),
            );
        }
        if o.measurement_overdue(view.today) {
            let every = match o.measured_by {
                Some(MeasuredBy::Hand { every: Some(every) }) => every.to_string(),
                _ => String::new(),
            };
            let message = match o.latest {
                Some(r) => format!(
                    "the last measurement was on {}; one is expected every {every}",
                    r.date
                ),
                None => match (o.objective.established, o.next_measurement.flatten()) {
                    (Some(set), Some(due)) => format!(
                        "never measured; the first measurement was due on {due}, {every} after the objective was established on {set}"
                    ),
                    _ => format!("never measured; one is expected every {every}"),
                },
            };
            out.push(
                view.finding(
                    Rule::MeasurementOverdue,
                    o.doc,
                    "/metric/measure_every",
                    message,
                )
                .hint(format!(
                    "`aims objective measure {} VALUE --date YYYY-MM-DD`",
                    o.id()
                )),
            );
        }
    }
}

/// What `objective-incomplete` asks for: the flags of `aims objective set` for the
/// missing fields, and `aims objective plan add` when there is no plan.
fn incomplete_hint(id: &str, missing: &[&str]) -> String {
    let flags: Vec<&str> = missing
        .iter()
        .filter_map(|m| match *m {
            "metric" => Some("--metric NAME --target N --direction at-most|at-least"),
            "metric target" => Some("--target N"),
            "metric direction" => Some("--direction at-most|at-least"),
            "owner" => Some("--owner ROLE"),
            "due date" => Some("--due YYYY-MM-DD"),
            _ => None,
        })
        .collect();
    let mut commands = Vec::new();
    if !flags.is_empty() {
        commands.push(format!("`aims objective set {id} {}`", flags.join(" ")));
    }
    if missing.contains(&"plan") {
        commands.push(format!(
            "`aims objective plan add {id} --description TEXT --owner ROLE --due YYYY-MM-DD`"
        ));
    }
    format!(
        "clause 6.2 asks what will be done, with what resources, by whom, by when, and how results are evaluated: {}",
        commands.join(" and ")
    )
}

/// What fits an objective off target: a plan to reach it when there is none, or its
/// plan is overdue; otherwise a newer measurement, or a review of the plan.
fn off_target_hint(o: &crate::view::ObjectiveView<'_>, today: chrono::NaiveDate) -> String {
    let id = o.id();
    let plan_add =
        format!("`aims objective plan add {id} --description TEXT --owner ROLE --due YYYY-MM-DD`");
    if !o.objective.plan.iter().any(|a| a.status.is_open()) {
        if o.objective.plan.is_empty() {
            format!("plan how the target will be reached: {plan_add}")
        } else {
            format!(
                "every action of the plan is closed and the target is still missed: review the plan and add to it with {plan_add}"
            )
        }
    } else if !o.on_plan(today) {
        format!(
            "the plan is overdue: complete its late actions (`aims objective plan done {id} ACTION --evidence PATH`), or plan anew with {plan_add}"
        )
    } else {
        let measure = match o.measured_by {
            Some(crate::view::MeasuredBy::Monitor(monitor)) => {
                format!(
                    "the next measurement of monitor `{monitor}` (`aims monitor record {monitor} VALUE`, or its ingest)"
                )
            }
            _ => format!("the next measurement with `aims objective measure {id} VALUE`"),
        };
        format!(
            "the plan is on schedule: record {measure} once its actions take effect, or review the plan (`aims objective show {id}`) if it will not reach the target by the due date"
        )
    }
}

/// The index of the latest of an objective's measurements (the later entry of a
/// date), as the view picks it.
fn latest_index(objective: &crate::model::Objective) -> usize {
    objective
        .measurements
        .iter()
        .enumerate()
        .max_by_key(|(i, m)| (m.date, *i))
        .map_or(0, |(i, _)| i)
}

fn competence(view: &View<'_>, out: &mut Vec<Finding>) {
    let Some(config) = view.register.config.as_ref() else {
        return;
    };
    for c in view.competence.iter().filter(|c| c.expired) {
        let expires = c.record.expires.map(|d| d.to_string()).unwrap_or_default();
        let mut f = view
            .finding(
                Rule::CompetenceExpired,
                config.doc,
                &format!("/roles/{}/competence/{}/expires", c.role_index, c.index),
                format!(
                    "competence `{}` of role `{}` expired on {expires}",
                    c.record.need, c.role
                ),
            )
            .hint(format!(
                "renew it and record the new evidence: `aims role set {} --competence ...`",
                c.role
            ));
        f.entity = Some(c.role.to_string());
        out.push(f);
    }
}

/// `clause-unaddressed`: a clause with no evidence from the register and no
/// statement.
pub fn clauses(view: &View<'_>) -> Vec<Finding> {
    if !super::enabled(view.register, Rule::ClauseUnaddressed) {
        return Vec::new();
    }
    view.readiness()
        .into_iter()
        .filter(|c| c.status == Readiness::Missing && c.evidence.is_empty() && c.statement.is_none())
        .filter(|c| c.id != "4.4")
        .filter_map(|c| {
            at_config(
                view,
                Rule::ClauseUnaddressed,
                format!("clause {} ({}) is evidenced by no record and no statement", c.id, c.title),
                match c.derived {
                    Some(_) => format!(
                        "{}; or state how it is addressed: `aims clause set {} --status implemented --statement TEXT`",
                        c.reason, c.id
                    ),
                    None => c.reason,
                },
            )
        })
        .collect()
}
