//! What changed between two versions of a register, in the register's own terms:
//! risks added, removed, closed and reopened; score and band movements; treatment
//! and acceptance changes; SoA applicability and status changes; systems added or
//! removed or moved in or out of scope; new incidents.
//!
//! Pure: takes two registers already read (from git or disk) and compares them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog;
use crate::model::{AiSystem, Incident, Risk, RiskStatus};
use crate::view::{SoaState, View};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Movement {
    pub id: String,
    pub title: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Changes {
    pub risks_added: Vec<Item>,
    pub risks_removed: Vec<Item>,
    pub risks_closed: Vec<Item>,
    pub risks_reopened: Vec<Item>,
    pub scores: Vec<Movement>,
    pub treatments: Vec<Movement>,
    pub acceptances: Vec<Movement>,
    pub soa: Vec<Movement>,
    pub systems_added: Vec<Item>,
    pub systems_removed: Vec<Item>,
    pub scope: Vec<Movement>,
    pub incidents_new: Vec<Item>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

fn score_text(view: &View<'_>, risk: &Risk) -> String {
    view.describe(risk.assessment.likelihood, risk.assessment.consequence)
}

fn by_id<'r, T>(
    items: impl Iterator<Item = &'r T>,
    id: impl Fn(&T) -> &str,
) -> BTreeMap<String, &'r T>
where
    T: 'r,
{
    items.map(|t| (id(t).to_string(), t)).collect()
}

fn acceptance(risk: &Risk) -> String {
    match risk.treatment.as_ref().and_then(|t| t.acceptance.as_ref()) {
        None => "none".to_string(),
        Some(a) => format!(
            "by {} on {}{}",
            a.approved_by.as_deref().unwrap_or("?"),
            a.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "?".to_string()),
            a.expires
                .map(|d| format!(", until {d}"))
                .unwrap_or_default()
        ),
    }
}

/// Compares two versions of a register, each through its read model.
pub fn compare(old_view: &View<'_>, new_view: &View<'_>) -> Changes {
    let (old, new) = (old_view.register, new_view.register);
    let mut changes = Changes::default();
    let old_risks = by_id(old.risks.iter().map(|e| &e.value), |r: &Risk| &r.id);
    let new_risks = by_id(new.risks.iter().map(|e| &e.value), |r: &Risk| &r.id);
    for (id, risk) in &new_risks {
        let Some(before) = old_risks.get(id) else {
            changes.risks_added.push(Item {
                id: id.clone(),
                title: risk.title.clone(),
                detail: score_text(new_view, risk),
            });
            continue;
        };
        match (before.status, risk.status) {
            (RiskStatus::Open, RiskStatus::Closed) => changes.risks_closed.push(Item {
                id: id.clone(),
                title: risk.title.clone(),
                detail: risk.closed_reason.clone().unwrap_or_default(),
            }),
            (RiskStatus::Closed, RiskStatus::Open) => changes.risks_reopened.push(Item {
                id: id.clone(),
                title: risk.title.clone(),
                detail: score_text(new_view, risk),
            }),
            _ => {}
        }
        let (from, to) = (score_text(old_view, before), score_text(new_view, risk));
        if from != to {
            changes.scores.push(Movement {
                id: id.clone(),
                title: risk.title.clone(),
                from,
                to,
            });
        }
        let option = |r: &Risk| {
            r.treatment
                .as_ref()
                .map_or("none", |t| t.option.as_str())
                .to_string()
        };
        if option(before) != option(risk) {
            changes.treatments.push(Movement {
                id: id.clone(),
                title: risk.title.clone(),
                from: option(before),
                to: option(risk),
            });
        }
        if acceptance(before) != acceptance(risk) {
            changes.acceptances.push(Movement {
                id: id.clone(),
                title: risk.title.clone(),
                from: acceptance(before),
                to: acceptance(risk),
            });
        }
    }
    for (id, risk) in &old_risks {
        if !new_risks.contains_key(id) {
            changes.risks_removed.push(Item {
                id: id.clone(),
                title: risk.title.clone(),
                detail: score_text(old_view, risk),
            });
        }
    }

    let mut ids: Vec<&str> = old_view
        .controls
        .iter()
        .chain(new_view.controls.iter())
        .map(|c| c.id)
        .collect();
    ids.sort_by_key(|id| {
        (
            catalog::CONTROLS
                .iter()
                .position(|c| c.id == *id)
                .unwrap_or(usize::MAX),
            id.to_string(),
        )
    });
    ids.dedup();
    for id in ids {
        let (before, after) = (old_view.control(id), new_view.control(id));
        let state =
            |c: Option<&crate::view::ControlView<'_>>| c.map_or(SoaState::NoDecision, |c| c.state);
        let (from, to) = (state(before), state(after));
        if from != to {
            let title = after.or(before).map(|c| c.title).unwrap_or_default();
            changes.soa.push(Movement {
                id: id.to_string(),
                title: title.to_string(),
                from: from.as_str().to_string(),
                to: to.as_str().to_string(),
            });
        }
    }

    let old_systems = by_id(old.systems.iter().map(|e| &e.value), |s: &AiSystem| &s.id);
    let new_systems = by_id(new.systems.iter().map(|e| &e.value), |s: &AiSystem| &s.id);
    for (id, system) in &new_systems {
        match old_systems.get(id) {
            None => changes.systems_added.push(Item {
                id: id.clone(),
                title: system.name.clone(),
                detail: if system.in_scope {
                    "in scope"
                } else {
                    "out of scope"
                }
                .to_string(),
            }),
            Some(before) if before.in_scope != system.in_scope => changes.scope.push(Movement {
                id: id.clone(),
                title: system.name.clone(),
                from: if before.in_scope {
                    "in scope"
                } else {
                    "out of scope"
                }
                .to_string(),
                to: if system.in_scope {
                    "in scope"
                } else {
                    "out of scope"
                }
                .to_string(),
            }),
            Some(_) => {}
        }
    }
    for (id, system) in &old_systems {
        if !new_systems.contains_key(id) {
            changes.systems_removed.push(Item {
                id: id.clone(),
                title: system.name.clone(),
                detail: String::new(),
            });
        }
    }

    let old_incidents = by_id(old.incidents.iter().map(|e| &e.value), |i: &Incident| &i.id);
    for entity in &new.incidents {
        let incident = &entity.value;
        if !old_incidents.contains_key(&incident.id) {
            changes.incidents_new.push(Item {
                id: incident.id.clone(),
                title: incident.title.clone(),
                detail: format!(
                    "{}, severity {}, reported {}",
                    incident.kind.as_str(),
                    incident.severity,
                    incident.reported
                ),
            });
        }
    }
    changes.incidents_new.sort_by(|a, b| a.id.cmp(&b.id));
    changes
}
