//! Incidents and nonconformities (clause 10.2): `corrective-action-required` (an open
//! incident of severity high or critical without a corrective action) and
//! `nonconformity-open` (a nonconformity closed before it was dealt with: its root
//! cause found, its corrective actions done, their effectiveness reviewed).

use crate::finding::{Finding, Rule};
use crate::model::{ActionStatus, IncidentKind, IncidentStatus};
use crate::view::View;

pub fn rules(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in &view.incidents {
        let incident = i.incident;
        let actions = || {
            incident
                .corrective_actions
                .iter()
                .filter(|a| a.status != ActionStatus::Cancelled)
        };
        if incident.status != IncidentStatus::Closed
            && matches!(incident.severity.as_str(), "high" | "critical")
            && actions().next().is_none()
        {
            out.push(
                view.finding(
                    Rule::CorrectiveActionRequired,
                    i.doc,
                    "/severity",
                    format!(
                        "the {} is open, of severity {}, and has no corrective action",
                        incident.kind.as_str(),
                        incident.severity
                    ),
                )
                .hint("plan what will be done about it, by whom and by when, under `corrective_actions:`"),
            );
        }
        if incident.kind != IncidentKind::Nonconformity || incident.status != IncidentStatus::Closed
        {
            continue;
        }
        let closed = |what: &str| format!("the nonconformity is closed {what}");
        if incident.root_cause.is_none() {
            out.push(
                view.finding(
                    Rule::NonconformityOpen,
                    i.doc,
                    "/status",
                    closed("without a root cause"),
                )
                .hint("record why it happened under `root_cause:` (clause 10.2 b)"),
            );
        }
        if actions().next().is_none() {
            out.push(
                view.finding(
                    Rule::NonconformityOpen,
                    i.doc,
                    "/status",
                    closed("without a corrective action"),
                )
                .hint("record what was done about it under `corrective_actions:` (clause 10.2 c)"),
            );
        }
        for (n, action) in incident.corrective_actions.iter().enumerate() {
            if action.status.is_open() {
                out.push(
                    view.finding(
                        Rule::NonconformityOpen,
                        i.doc,
                        &format!("/corrective_actions/{n}/status"),
                        closed(&format!(
                            "while its corrective action `{}` is {}",
                            action.id,
                            action.status.as_str()
                        )),
                    )
                    .hint("finish the action (or cancel it, saying why) before closing, or reopen the nonconformity"),
                );
            }
        }
        if incident.effectiveness.is_none() {
            out.push(
                view.finding(
                    Rule::NonconformityOpen,
                    i.doc,
                    "/status",
                    closed("without a review of whether its corrective actions worked"),
                )
                .hint(format!(
                    "review their effectiveness (clause 10.2 d): `aims incident effectiveness {} --result effective --note \"...\"`",
                    incident.id
                )),
            );
        }
    }
    out
}
