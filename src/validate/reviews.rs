//! Review cycles: `review-overdue` (risks, impact assessments, control verification,
//! and triggered reviews past their due date) and `review-triggered` (triggered
//! reviews not yet due: see `view::trigger` for what triggers them).
//!
//! A review due today is not overdue; it becomes overdue the day after.

use crate::finding::{Finding, Rule};
use crate::view::{RiskView, Trigger, View};

/// Where a risk's last look is recorded: its last review, or its identification.
fn last_review_pointer(r: &RiskView<'_>) -> &'static str {
    if r.risk.review.last.is_some() {
        "/review/last"
    } else {
        "/identified"
    }
}

pub fn overdue(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in &view.risks {
        let Some(review) = r.review.as_ref().filter(|_| r.review_overdue) else {
            continue;
        };
        let never = if review.reviewed {
            ""
        } else {
            " (never reviewed since it was identified)"
        };
        out.push(
            view.finding(
                Rule::ReviewOverdue,
                r.doc,
                last_review_pointer(r),
                format!("review was due on {} ({}){never}", review.due, review.basis),
            )
            .hint(format!(
                "review the risk and record it: `aims risk review {} --note TEXT`",
                r.id()
            )),
        );
    }
    for i in view
        .impacts
        .iter()
        .filter(|i| i.in_scope && i.review_overdue)
    {
        let Some((due, cycle)) = i.next_review else {
            continue;
        };
        let pointer = if i.assessment.review.last.is_some() {
            "/review/last"
        } else {
            "/assessed"
        };
        out.push(
            view.finding(
                Rule::ReviewOverdue,
                i.doc,
                pointer,
                format!("impact assessment review was due on {due} (every {cycle})"),
            )
            .hint(format!(
                "review the assessment and record it: `aims impact review {}`",
                i.id()
            )),
        );
    }
    let cycle = view.cycles.control_review;
    for c in &view.controls {
        let Some(doc) = c.doc else { continue };
        match c.verification {
            None => {}
            Some(None) => out.push(
                view.finding(
                    Rule::ReviewOverdue,
                    doc,
                    "/status",
                    "control is implemented but has never been verified to work",
                )
                .hint(format!(
                    "check the control's effectiveness (A.6.2.6) and record the date: `aims control set {} --verified DATE`",
                    c.id
                )),
            ),
            Some(Some(due)) if due < view.today => out.push(
                view.finding(
                    Rule::ReviewOverdue,
                    doc,
                    "/verified",
                    format!("verification was due on {due} (every {cycle}, control_review_every)"),
                )
                .hint(format!(
                    "check the control still works and record the date: `aims control set {} --verified DATE`",
                    c.id
                )),
            ),
            Some(_) => {}
        }
    }
    out
}

/// Triggered reviews: `review-triggered` until due, `review-overdue` after, one per
/// trigger, at the last review the trigger came after.
pub fn triggered(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in &view.risks {
        let last = r.last_review();
        for trigger in &r.triggers {
            out.push(finding(
                view,
                trigger,
                r.doc,
                last_review_pointer(r),
                &format!("the risk's last review on {last}"),
                &format!(
                    "review the risk in the light of it: `aims risk review {} --note TEXT`",
                    r.id()
                ),
            ));
        }
    }
    for i in &view.impacts {
        let a = i.assessment;
        let (pointer, last) = match a.review.last {
            Some(last) => ("/review/last", last),
            None => ("/assessed", a.assessed),
        };
        for trigger in &i.triggers {
            out.push(finding(
                view,
                trigger,
                i.doc,
                pointer,
                &format!("the assessment's last review on {last}"),
                &format!(
                    "review the impact assessment in the light of it: `aims impact review {}`",
                    i.id()
                ),
            ));
        }
    }
    out
}

fn finding(
    view: &View<'_>,
    trigger: &Trigger<'_>,
    doc: usize,
    pointer: &str,
    after: &str,
    hint: &str,
) -> Finding {
    let (rule, when) = if trigger.overdue {
        (Rule::ReviewOverdue, format!("was due on {}", trigger.due))
    } else {
        (
            Rule::ReviewTriggered,
            format!("falls due on {}", trigger.due),
        )
    };
    view.finding(
        rule,
        doc,
        pointer,
        format!(
            "{}, after {after}; the review this triggers {when}",
            trigger.describe()
        ),
    )
    .hint(hint)
}
