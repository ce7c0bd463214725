//! What changed in the records of the management system (format 2): the context
//! (issues, interested parties, its review), policies, objectives (targets, status,
//! measurements), monitors (thresholds, measurements and breaches), audits (status,
//! findings), management
//! reviews (decisions; their actions are compared with every other action) and
//! clause statements.

use super::{Changes, matched, movement};
use crate::model::{Audit, ClauseStatement, ManagementReview, Monitor, Objective, Policy};
use crate::view::{MonitorView, View};

pub(super) fn compare(changes: &mut Changes, old_view: &View<'_>, new_view: &View<'_>) {
    let (old, new) = (old_view.register, new_view.register);
    context(changes, old_view, new_view);
    for (id, before, after) in matched(&old.policies, &new.policies, |p: &Policy| &p.id) {
        policy(changes, id, before, after);
    }
    for (id, before, after) in matched(&old.objectives, &new.objectives, |o: &Objective| &o.id) {
        objective(changes, new_view, id, before, after);
    }
    for (id, before, after) in matched(&old.monitors, &new.monitors, |m: &Monitor| &m.id) {
        monitor(changes, id, before, after);
        if after.is_some() {
            results(changes, id, old_view.monitor(id), new_view.monitor(id));
        }
    }
    for (id, before, after) in matched(&old.audits, &new.audits, |a: &Audit| &a.id) {
        audit(changes, id, before, after);
    }
    for (id, before, after) in matched(
        &old.management_reviews,
        &new.management_reviews,
        |m: &ManagementReview| &m.id,
    ) {
        review(changes, id, before, after);
    }
    for (id, before, after) in matched(&old.clauses, &new.clauses, |c: &ClauseStatement| &c.id) {
        clause(changes, id, before, after);
    }
}

fn context(changes: &mut Changes, old_view: &View<'_>, new_view: &View<'_>) {
    let old = old_view.register.context.as_ref().map(|e| &e.value);
    let new = new_view.register.context.as_ref().map(|e| &e.value);
    let (b, a) = match (old, new) {
        (None, None) => return,
        (None, Some(a)) => {
            changes.context.push(movement(
                "context",
                "context.yaml",
                "",
                format!(
                    "added: {} issues, {} interested parties",
                    a.issues.len(),
                    a.interested_parties.len()
                ),
            ));
            return;
        }
        (Some(_), None) => {
            changes
                .context
                .push(movement("context", "context.yaml", "", "removed"));
            return;
        }
        (Some(b), Some(a)) => (b, a),
    };
    for issue in &a.issues {
        let text = |i: &crate::model::Issue| format!("{}: {}", i.kind.as_str(), i.description);
        match b.issues.iter().find(|x| x.id == issue.id) {
            None => changes.context.push(movement(
                &issue.id,
                "issue (4.1)",
                "",
                format!("added, {}", text(issue)),
            )),
            Some(was) if was != issue => {
                changes
                    .context
                    .push(movement(&issue.id, "issue (4.1)", text(was), text(issue)))
            }
            Some(_) => {}
        }
    }
    for was in b
        .issues
        .iter()
        .filter(|x| !a.issues.iter().any(|i| i.id == x.id))
    {
        changes.context.push(movement(
            &was.id,
            "issue (4.1)",
            &was.description,
            "removed",
        ));
    }
    for party in &a.interested_parties {
        let text = |p: &crate::model::InterestedParty| {
            format!(
                "{}: requires {}; addressed by {}",
                p.name,
                list(&p.requirements),
                list(&p.addressed_by)
            )
        };
        match b.interested_parties.iter().find(|x| x.id == party.id) {
            None => changes.context.push(movement(
                &party.id,
                "interested party (4.2)",
                "",
                format!("added, {}", text(party)),
            )),
            Some(was) if was != party => changes.context.push(movement(
                &party.id,
                "interested party (4.2)",
                text(was),
                text(party),
            )),
            Some(_) => {}
        }
    }
    for was in b
        .interested_parties
        .iter()
        .filter(|x| !a.interested_parties.iter().any(|p| p.id == x.id))
    {
        changes.context.push(movement(
            &was.id,
            "interested party (4.2)",
            &was.name,
            "removed",
        ));
    }
    if b.review.last != a.review.last {
        changes.context.push(movement(
            "context",
            "context review",
            reviewed(b.review.last),
            reviewed(a.review.last),
        ));
    }
    changes.edited(
        "context",
        "context",
        b,
        a,
        &["issues", "interested_parties", "review/last"],
    );
}

fn policy(changes: &mut Changes, id: &str, before: Option<&Policy>, after: Option<&Policy>) {
    let version = |p: &Policy| {
        p.version
            .as_ref()
            .map_or_else(|| "unversioned".to_string(), |v| format!("version {v}"))
    };
    match (before, after) {
        (None, Some(p)) => changes.policies.push(movement(
            id,
            &p.title,
            "",
            format!("added, {} ({})", version(p), p.kind.as_str()),
        )),
        (Some(p), None) => changes
            .policies
            .push(movement(id, &p.title, version(p), "removed")),
        (Some(b), Some(a)) => {
            if b.version != a.version {
                changes
                    .policies
                    .push(movement(id, &a.title, version(b), version(a)));
            }
            if b.approved != a.approved {
                let text = |p: &Policy| {
                    p.approved.as_ref().map_or_else(
                        || "not approved".to_string(),
                        |x| format!("approved by {} on {}", x.by, x.date),
                    )
                };
                changes
                    .policies
                    .push(movement(id, &a.title, text(b), text(a)));
            }
            for c in a
                .communicated
                .iter()
                .filter(|c| !b.communicated.contains(c))
            {
                changes.policies.push(movement(
                    id,
                    &a.title,
                    "",
                    format!("communicated {} to {}", c.date, c.to),
                ));
            }
            if b.review.last != a.review.last {
                changes.policies.push(movement(
                    id,
                    &a.title,
                    reviewed(b.review.last),
                    reviewed(a.review.last),
                ));
            }
            if b.document != a.document {
                let text = |p: &Policy| {
                    p.document
                        .as_ref()
                        .map_or_else(|| "no document".to_string(), |d| d.reference().to_string())
                };
                changes
                    .policies
                    .push(movement(id, &a.title, text(b), text(a)));
            }
            changes.edited(
                "policy",
                id,
                b,
                a,
                &[
                    "version",
                    "approved",
                    "communicated",
                    "review/last",
                    "document",
                ],
            );
        }
        (None, None) => {}
    }
}

fn objective(
    changes: &mut Changes,
    new_view: &View<'_>,
    id: &str,
    before: Option<&Objective>,
    after: Option<&Objective>,
) {
    let target = |o: &Objective| {
        o.metric.as_ref().map_or_else(
            || "no metric".to_string(),
            |m| match (m.direction, m.target) {
                (Some(d), Some(t)) => format!("{} {t}", d.as_str()),
                _ => "no target".to_string(),
            },
        )
    };
    match (before, after) {
        (None, Some(o)) => changes.objectives.push(movement(
            id,
            &o.title,
            "",
            format!("added, target {}, due {}", target(o), date(o.due)),
        )),
        (Some(o), None) => {
            changes
                .objectives
                .push(movement(id, &o.title, o.status.as_str(), "removed"))
        }
        (Some(b), Some(a)) => {
            if b.status != a.status {
                changes.objectives.push(movement(
                    id,
                    &a.title,
                    b.status.as_str(),
                    a.status.as_str(),
                ));
            }
            if target(b) != target(a) {
                changes
                    .objectives
                    .push(movement(id, &a.title, target(b), target(a)));
            }
            let added: Vec<&crate::model::Measured> = a
                .measurements
                .iter()
                .filter(|m| !b.measurements.contains(m))
                .collect();
            if let Some(latest) = added.iter().max_by_key(|m| m.date) {
                let verdict = new_view
                    .objective(id)
                    .and_then(|v| v.latest.zip(v.on_target))
                    .filter(|(r, _)| r.date == latest.date)
                    .map_or(
                        "",
                        |(_, on)| if on { ", on target" } else { ", off target" },
                    );
                changes.objectives.push(movement(
                    id,
                    &a.title,
                    b.measurements
                        .iter()
                        .max_by_key(|m| m.date)
                        .map_or_else(String::new, |m| format!("{} on {}", m.value, m.date)),
                    format!(
                        "{} new measurement{}, latest {} on {}{verdict}",
                        added.len(),
                        if added.len() == 1 { "" } else { "s" },
                        latest.value,
                        latest.date
                    ),
                ));
            }
            changes.actions_of(id, &b.plan, &a.plan);
            changes.edited(
                "objective",
                id,
                b,
                a,
                &[
                    "status",
                    "metric/target",
                    "metric/direction",
                    "measurements",
                    "plan",
                ],
            );
        }
        (None, None) => {}
    }
}

fn monitor(changes: &mut Changes, id: &str, before: Option<&Monitor>, after: Option<&Monitor>) {
    let limits = |m: &Monitor| {
        let mut text = format!("threshold {}", m.threshold.describe());
        if let Some(warn) = &m.warn {
            text.push_str(&format!(", warn {}", warn.describe()));
        }
        text.push_str(&format!(", every {}", m.every));
        text
    };
    match (before, after) {
        (None, Some(m)) => changes.monitors.push(movement(
            id,
            &m.metric,
            "",
            format!("added on {}, {}", m.system, limits(m)),
        )),
        (Some(m), None) => changes
            .monitors
            .push(movement(id, &m.metric, limits(m), "removed")),
        (Some(b), Some(a)) => {
            if limits(b) != limits(a) {
                changes
                    .monitors
                    .push(movement(id, &a.metric, limits(b), limits(a)));
            }
            changes.edited("monitor", id, b, a, &["threshold", "warn", "every"]);
        }
        (None, None) => {}
    }
}

/// What a monitor's measurements say that they did not before: measurements added
/// (or removed, which an append-only file should never see), where the latest
/// stands, and each breach among the new measurements. Each version is judged as of
/// its own date.
fn results(
    changes: &mut Changes,
    id: &str,
    before: Option<&MonitorView<'_>>,
    after: Option<&MonitorView<'_>>,
) {
    let Some(after) = after else {
        return;
    };
    let standing = |m: &MonitorView<'_>| {
        m.latest().map_or_else(
            || "nothing measured".to_string(),
            |x| format!("{} on {}, {}", x.value, x.at, m.state.as_str()),
        )
    };
    let count = before.map_or(0, |b| b.series.len());
    let last = before.and_then(|b| b.latest()).map(|x| x.at);
    if count == after.series.len() && last == after.latest().map(|x| x.at) {
        return;
    }
    let mut to = if after.series.len() >= count {
        let added = after.series.len() - count;
        format!(
            "{added} new measurement{}, latest {}",
            if added == 1 { "" } else { "s" },
            standing(after)
        )
    } else {
        let removed = count - after.series.len();
        format!(
            "{removed} measurement{} removed, latest {}",
            if removed == 1 { "" } else { "s" },
            standing(after)
        )
    };
    let breaches: Vec<String> = after
        .breaches
        .iter()
        .filter(|b| last.is_none_or(|at| b.at > at))
        .map(|b| format!("{} on {}", b.value, b.at))
        .collect();
    if !breaches.is_empty() {
        to.push_str(&format!("; breached: {}", breaches.join(", ")));
    }
    let from = before.map_or_else(String::new, standing);
    changes
        .measurements
        .push(movement(id, &after.monitor.metric, from, to));
}

fn audit(changes: &mut Changes, id: &str, before: Option<&Audit>, after: Option<&Audit>) {
    let state = |a: &Audit| match a.done {
        Some(d) if a.status == crate::model::AuditStatus::Done => format!("done on {d}"),
        _ => format!("{} for {}", a.status.as_str(), a.planned),
    };
    let finding = |f: &crate::model::AuditFinding| {
        let kind = match f.grade {
            Some(g) => format!(
                "{} {}",
                if g == crate::model::Grade::Major {
                    "major"
                } else {
                    "minor"
                },
                f.kind.as_str()
            ),
            None => f.kind.as_str().to_string(),
        };
        let at = f
            .clause
            .as_deref()
            .or(f.control.as_deref())
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let incident = f
            .incident
            .as_deref()
            .map(|i| format!(", carried by {i}"))
            .unwrap_or_default();
        format!("{kind}{at}: {}{incident}", f.description.trim())
    };
    match (before, after) {
        (None, Some(a)) => {
            changes
                .audits
                .push(movement(id, &a.title, "", format!("added, {}", state(a))));
            for f in &a.findings {
                changes
                    .audits
                    .push(movement(format!("{id}/{}", f.id), &a.title, "", finding(f)));
            }
        }
        (Some(a), None) => changes
            .audits
            .push(movement(id, &a.title, state(a), "removed")),
        (Some(b), Some(a)) => {
            if state(b) != state(a) {
                changes
                    .audits
                    .push(movement(id, &a.title, state(b), state(a)));
            }
            if b.scope != a.scope {
                let scope = |x: &Audit| {
                    format!(
                        "clauses {}; controls {}; systems {}",
                        list(&x.scope.clauses),
                        list(&x.scope.controls),
                        list(&x.scope.systems)
                    )
                };
                changes
                    .audits
                    .push(movement(id, &a.title, scope(b), scope(a)));
            }
            for f in &a.findings {
                let was = b.findings.iter().find(|x| x.id == f.id);
                if was != Some(f) {
                    changes.audits.push(movement(
                        format!("{id}/{}", f.id),
                        &a.title,
                        was.map(finding).unwrap_or_default(),
                        finding(f),
                    ));
                }
            }
            for f in b
                .findings
                .iter()
                .filter(|x| !a.findings.iter().any(|f| f.id == x.id))
            {
                changes.audits.push(movement(
                    format!("{id}/{}", f.id),
                    &a.title,
                    finding(f),
                    "removed",
                ));
            }
            if b.report != a.report
                && let Some(report) = &a.report
            {
                changes.audits.push(movement(
                    id,
                    &a.title,
                    "",
                    format!("report: {}", report.reference()),
                ));
            }
            changes.edited(
                "audit",
                id,
                b,
                a,
                &["status", "done", "planned", "scope", "findings", "report"],
            );
        }
        (None, None) => {}
    }
}

fn review(
    changes: &mut Changes,
    id: &str,
    before: Option<&ManagementReview>,
    after: Option<&ManagementReview>,
) {
    let title = |m: &ManagementReview| format!("management review of {}", m.date);
    match (before, after) {
        (None, Some(m)) => changes.management_reviews.push(movement(
            id,
            title(m),
            "",
            format!(
                "held {}: {} decision{}, {} action{}",
                m.date,
                m.decisions.len(),
                if m.decisions.len() == 1 { "" } else { "s" },
                m.actions.len(),
                if m.actions.len() == 1 { "" } else { "s" }
            ),
        )),
        (Some(m), None) => {
            changes
                .management_reviews
                .push(movement(id, title(m), m.date.to_string(), "removed"))
        }
        (Some(b), Some(a)) => {
            for d in a.decisions.iter().filter(|d| !b.decisions.contains(d)) {
                changes.management_reviews.push(movement(
                    id,
                    title(a),
                    "",
                    format!("decision: {d}"),
                ));
            }
            if b.attendees != a.attendees {
                changes.management_reviews.push(movement(
                    id,
                    title(a),
                    format!("attendees {}", list(&b.attendees)),
                    format!("attendees {}", list(&a.attendees)),
                ));
            }
            let missing = |m: &ManagementReview| m.inputs.missing().len();
            if missing(b) != missing(a) {
                changes.management_reviews.push(movement(
                    id,
                    title(a),
                    format!("{} of 5 inputs", 5 - missing(b)),
                    format!("{} of 5 inputs", 5 - missing(a)),
                ));
            }
            changes.actions_of(id, &b.actions, &a.actions);
            changes.edited(
                "management review",
                id,
                b,
                a,
                &["decisions", "attendees", "actions"],
            );
        }
        (None, None) => {}
    }
}

fn clause(
    changes: &mut Changes,
    id: &str,
    before: Option<&ClauseStatement>,
    after: Option<&ClauseStatement>,
) {
    let title = crate::catalog::clause_by_id(id).map_or("", |c| c.title);
    match (before, after) {
        (None, Some(c)) => changes.clauses.push(movement(
            id,
            title,
            "",
            format!("statement added ({})", c.status.as_str()),
        )),
        (Some(c), None) => {
            changes
                .clauses
                .push(movement(id, title, c.status.as_str(), "statement removed"))
        }
        (Some(b), Some(a)) => {
            if b.status != a.status {
                changes
                    .clauses
                    .push(movement(id, title, b.status.as_str(), a.status.as_str()));
            }
            changes.edited("clause statement", id, b, a, &["status"]);
        }
        (None, None) => {}
    }
}

fn reviewed(date: Option<chrono::NaiveDate>) -> String {
    date.map_or_else(|| "never reviewed".to_string(), |d| format!("reviewed {d}"))
}

fn date(date: Option<chrono::NaiveDate>) -> String {
    date.map_or_else(|| "not set".to_string(), |d| d.to_string())
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}
