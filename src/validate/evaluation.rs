//! Performance evaluation (format 2): `internal-audit-overdue`, `audit-coverage`,
//! `auditor-not-independent` and `finding-without-action` (clause 9.2), and
//! `management-review-overdue` and `management-review-incomplete` (clause 9.3).
//!
//! The absence rules (`internal-audit-overdue`, `audit-coverage`,
//! `management-review-overdue`) are warnings by default and report at `aims.yaml`,
//! like every absence rule; the others report at the node in the audit or review.

use crate::finding::{Finding, Rule};
use crate::view::{FindingAction, View};

pub fn rules(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    programme(view, &mut out);
    audits(view, &mut out);
    reviews(view, &mut out);
    out
}

/// A finding at the top of `aims.yaml`, for what is absent; `None` when `aims.yaml`
/// did not load.
fn at_config(view: &View<'_>, rule: Rule, message: String, hint: String) -> Option<Finding> {
    let config = view.register.config.as_ref()?;
    Some(view.finding(rule, config.doc, "", message).hint(hint))
}

fn programme(view: &View<'_>, out: &mut Vec<Finding>) {
    let programme = &view.programme;
    let every = programme.every;
    let in_cycle = view.audits.iter().any(|a| a.in_cycle);
    if !in_cycle {
        let message = match programme.last_done {
            Some((id, date)) => format!(
                "no internal audit done within {every}: the last, `{id}`, was done on {date} (clause 9.2)"
            ),
            None => format!("no internal audit done within {every} (clause 9.2)"),
        };
        let hint = match view.audits.iter().filter(|a| a.is_pending()).min_by_key(|a| a.audit.planned) {
            Some(a) => format!(
                "`{}` is {} for {}: when it is done, `aims audit done {}`",
                a.id(),
                a.audit.status.as_str(),
                a.audit.planned,
                a.id()
            ),
            None => "plan the audit programme: `aims audit plan --title TEXT --planned DATE --auditor NAME --clause 4 ...`".to_string(),
        };
        out.extend(at_config(view, Rule::InternalAuditOverdue, message, hint));
    }
    let clauses = programme.uncovered_clauses();
    if !clauses.is_empty() {
        out.extend(at_config(
            view,
            Rule::AuditCoverage,
            format!(
                "{} not in the scope of an audit done within {every}: {}",
                if clauses.len() == 1 { "clause" } else { "clauses" },
                clauses.join(", ")
            ),
            "the programme covers every clause 4.1 to 10.2 each cycle: `aims audit programme` shows what remains; plan an audit of it with `aims audit plan --clause ...`".to_string(),
        ));
    }
    let controls = programme.uncovered_controls();
    if !controls.is_empty() {
        out.extend(at_config(
            view,
            Rule::AuditCoverage,
            format!(
                "applicable Annex A {} not in the scope of an audit done within {every}: {}",
                if controls.len() == 1 { "control" } else { "controls" },
                controls.join(", ")
            ),
            "`aims audit programme` shows what remains; plan an audit of it with `aims audit plan --control ...`".to_string(),
        ));
    }
}

fn audits(view: &View<'_>, out: &mut Vec<Finding>) {
    for a in &view.audits {
        if !a.conflicts.is_empty() {
            let role = a
                .audit
                .auditor
                .as_ref()
                .and_then(|x| x.role.as_deref())
                .unwrap_or_default();
            let owned: Vec<String> = a
                .conflicts
                .iter()
                .map(|c| format!("{} `{}`", c.kind, c.id))
                .collect();
            out.push(
                view.finding(
                    Rule::AuditorNotIndependent,
                    a.doc,
                    "/auditor/role",
                    format!(
                        "the auditor's role `{role}` owns what this audit covers: {}",
                        owned.join(", ")
                    ),
                )
                .hint("clause 9.2.2 asks for auditors who do not audit their own work: choose an auditor from another role, or take those items out of the scope"),
            );
        }
        for f in &a.findings {
            let pointer = format!("/findings/{}", f.index);
            let (at, message, hint) = match f.action {
                FindingAction::NotRequired
                | FindingAction::Carried { .. }
                // `unknown-reference` reports it.
                | FindingAction::UnknownIncident(_) => continue,
                FindingAction::NoIncident => (
                    format!("{pointer}/id"),
                    format!(
                        "nonconformity `{}` is not linked to an incident that records its root cause and corrective actions",
                        f.finding.id
                    ),
                    format!(
                        "record it with `aims incident add --kind nonconformity ...`, then link it with `aims audit finding set {} {} --incident ID`",
                        a.id(),
                        f.finding.id
                    ),
                ),
                FindingAction::NotNonconformity(id) => (
                    format!("{pointer}/incident"),
                    format!(
                        "nonconformity `{}` is linked to incident `{id}`, which is not of kind nonconformity",
                        f.finding.id
                    ),
                    format!(
                        "`aims incident set {id} --kind nonconformity`, or link the nonconformity record with `aims audit finding set {} {} --incident ID`",
                        a.id(),
                        f.finding.id
                    ),
                ),
                FindingAction::NoCorrectiveAction(id) => (
                    format!("{pointer}/incident"),
                    format!(
                        "nonconformity `{}` is linked to incident `{id}`, which has no corrective action",
                        f.finding.id
                    ),
                    format!("add its corrective actions with `aims incident action add {id} --description TEXT --owner ROLE --due DATE`"),
                ),
            };
            out.push(
                view.finding(Rule::FindingWithoutAction, a.doc, &at, message)
                    .hint(hint),
            );
        }
    }
}

fn reviews(view: &View<'_>, out: &mut Vec<Finding>) {
    let every = view.cycles.management_review;
    match (view.last_management_review(), view.next_management_review()) {
        (None, _) => out.extend(at_config(
            view,
            Rule::ManagementReviewOverdue,
            format!("no management review within {every} (clause 9.3)"),
            "prepare the inputs with `aims report management-review`, hold the review, then `aims management-review record`".to_string(),
        )),
        (Some(last), Some((due, _))) if due < view.today => out.extend(at_config(
            view,
            Rule::ManagementReviewOverdue,
            format!(
                "no management review within {every}: the last, `{}`, was held on {}; the next was due on {due} (clause 9.3)",
                last.id(),
                last.review.date
            ),
            format!(
                "`aims report management-review` gathers the inputs since `{}`; then `aims management-review record`",
                last.id()
            ),
        )),
        _ => {}
    }
    for m in &view.management_reviews {
        let missing = m.missing();
        if missing.is_empty() {
            continue;
        }
        let pointer = if !m.missing_inputs.is_empty() {
            "/inputs"
        } else if m.review.decisions.is_empty() {
            "/decisions"
        } else {
            "/attendees"
        };
        let id = m.id();
        let mut flags: Vec<&str> = Vec::new();
        if !m.missing_inputs.is_empty() {
            flags.push("--input NAME=TEXT");
        }
        if m.review.decisions.is_empty() {
            flags.push("--decision TEXT");
        }
        let mut none_top = false;
        if m.top_management.is_empty() {
            none_top = view
                .register
                .config
                .as_ref()
                .is_none_or(|c| !c.value.roles.iter().any(|r| r.top_management));
            flags.push("--attendee ROLE");
        }
        let mut hint = format!(
            "clause 9.3 asks that the review consider each input of 9.3.2, record its decisions and be held by top management: `aims management-review set {id} {}`",
            flags.join(" ")
        );
        if none_top {
            hint.push_str(
                "; no role is top management yet: `aims role set ROLE --top-management yes`",
            );
        }
        out.push(
            view.finding(
                Rule::ManagementReviewIncomplete,
                m.doc,
                pointer,
                format!("management review lacks {}", missing.join(", ")),
            )
            .hint(hint),
        );
    }
}
