//! What changed in `aims.yaml`: the risk criteria (scales, bands, threshold, matrix,
//! consequence areas), the review cycles, the approval policy, rule severities, and the
//! roles with their approver and top-management flags. Which risks' bands move as a
//! result is found with the risks (`bands_moved`).

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Changes, movement};
use crate::model::{Config, Criteria, Duration, Role, Threshold};
use crate::view::View;

/// Reads one review cycle of `aims.yaml`.
type Cycle = fn(&Config) -> Option<Duration>;

pub(super) fn compare(changes: &mut Changes, old_view: &View<'_>, new_view: &View<'_>) {
    let (Some(old), Some(new)) = (old_view.config(), new_view.config()) else {
        return;
    };
    criteria(changes, &old.criteria, &new.criteria);
    let cycles: [(&str, Cycle); 6] = [
        ("impact_review_every", |c| c.impact_review_every),
        ("control_review_every", |c| c.control_review_every),
        ("policy_review_every", |c| c.policy_review_every),
        ("management_review_every", |c| c.management_review_every),
        ("internal_audit_every", |c| c.internal_audit_every),
        ("triggered_review_within", |c| c.triggered_review_within),
    ];
    for (name, get) in cycles {
        let text = |c: &Config| get(c).map_or_else(|| "default".to_string(), |d| d.to_string());
        if get(old) != get(new) {
            changes
                .criteria
                .push(movement(name, "review cycle", text(old), text(new)));
        }
    }
    if old.approvals != new.approvals {
        let text =
            |c: &Config| json_text(&serde_json::to_value(c.approvals.require).unwrap_or_default());
        changes.criteria.push(movement(
            "approvals.require",
            "approval policy",
            text(old),
            text(new),
        ));
    }
    let mut rules: BTreeMap<&str, (Option<&str>, Option<&str>)> = BTreeMap::new();
    for (name, severity) in &old.rules {
        rules.entry(name).or_default().0 = Some(severity.as_str());
    }
    for (name, severity) in &new.rules {
        rules.entry(name).or_default().1 = Some(severity.as_str());
    }
    for (name, (was, is)) in rules {
        if was != is {
            let text = |s: Option<&str>| s.map_or_else(|| "default".to_string(), str::to_string);
            changes.criteria.push(movement(
                format!("rules.{name}"),
                "rule severity",
                text(was),
                text(is),
            ));
        }
    }
    roles(changes, &old.roles, &new.roles);
    if old.organisation != new.organisation {
        changes.criteria.push(movement(
            "organisation",
            "organisation",
            &old.organisation,
            &new.organisation,
        ));
    }
    if old.scope.trim() != new.scope.trim() {
        changes
            .criteria
            .push(movement("scope", "scope statement (4.3)", "", "reworded"));
    }
    changes.edited(
        "configuration",
        "aims",
        old,
        new,
        &[
            "criteria",
            "impact_review_every",
            "control_review_every",
            "policy_review_every",
            "management_review_every",
            "internal_audit_every",
            "triggered_review_within",
            "approvals",
            "rules",
            "roles",
            "organisation",
            "scope",
        ],
    );
}

fn criteria(changes: &mut Changes, old: &Criteria, new: &Criteria) {
    let mut push = |id: &str, title: &str, from: String, to: String| {
        if from != to {
            changes.criteria.push(movement(id, title, from, to));
        }
    };
    let scale = |levels: &[crate::model::Level]| {
        levels
            .iter()
            .map(|l| format!("{} {}", l.level, l.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    push(
        "criteria.likelihood",
        "likelihood scale",
        scale(&old.likelihood),
        scale(&new.likelihood),
    );
    push(
        "criteria.consequence",
        "consequence scale",
        scale(&old.consequence),
        scale(&new.consequence),
    );
    let bands = |c: &Criteria| {
        c.bands
            .iter()
            .map(|b| match b.max {
                Some(max) => format!("{} <= {max} (every {})", b.name, b.review_every),
                None => format!("{} (every {})", b.name, b.review_every),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    push("criteria.bands", "risk bands", bands(old), bands(new));
    let threshold = |c: &Criteria| match &c.acceptance_threshold {
        Threshold::Score(s) => s.to_string(),
        Threshold::Band(b) => format!("band {b}"),
    };
    push(
        "criteria.acceptance_threshold",
        "acceptance threshold",
        threshold(old),
        threshold(new),
    );
    let matrix = |c: &Criteria| {
        c.matrix.as_ref().map_or_else(
            || "likelihood x consequence".to_string(),
            |m| {
                m.iter()
                    .map(|row| row.join(" "))
                    .collect::<Vec<_>>()
                    .join(" / ")
            },
        )
    };
    push("criteria.matrix", "risk matrix", matrix(old), matrix(new));
    push(
        "criteria.consequence_areas",
        "consequence areas",
        old.consequence_areas.join(", "),
        new.consequence_areas.join(", "),
    );
}

fn roles(changes: &mut Changes, old: &[Role], new: &[Role]) {
    let text = |r: &Role| {
        let mut parts = vec![match &r.email {
            Some(email) => format!("{} <{email}>", r.name),
            None => r.name.clone(),
        }];
        if r.approver {
            parts.push("approver".to_string());
        }
        if r.top_management {
            parts.push("top management".to_string());
        }
        parts.push(format!(
            "{} competence record{}",
            r.competence.len(),
            if r.competence.len() == 1 { "" } else { "s" }
        ));
        if !r.signing_keys.is_empty() {
            parts.push(match r.signing_keys.len() {
                1 => "1 signing key".to_string(),
                n => format!("{n} signing keys"),
            });
        }
        parts.join(", ")
    };
    for r in new {
        match old.iter().find(|o| o.id == r.id) {
            None => changes
                .roles
                .push(movement(&r.id, &r.name, "", format!("added: {}", text(r)))),
            Some(o) if o != r => {
                let (from, to) = (text(o), text(r));
                if from == to {
                    changes.roles.push(movement(
                        &r.id,
                        &r.name,
                        "",
                        "competence or keys re-dated or reworded",
                    ));
                } else {
                    changes.roles.push(movement(&r.id, &r.name, from, to));
                }
            }
            Some(_) => {}
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|r| r.id == o.id)) {
        changes
            .roles
            .push(movement(&o.id, &o.name, text(o), "removed"));
    }
}

fn json_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
