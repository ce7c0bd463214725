//! What changed between two versions of a register, in the register's own terms:
//! risks added, removed, closed and reopened; score and band movements; treatment
//! and acceptance changes; SoA applicability and status changes; systems added or
//! removed or moved in or out of scope; new incidents.
//!
//! Pure: takes two registers already read (from git or disk) and compares them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog;
use crate::criteria::Scoring;
use crate::model::{AiSystem, Incident, Risk, RiskStatus, SoaDecision};
use crate::register::Register;

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

fn scoring(register: &Register) -> Option<Scoring> {
    register
        .config
        .as_ref()
        .and_then(|c| Scoring::new(&c.value.criteria).ok())
}

fn score_text(scoring: Option<&Scoring>, risk: &Risk) -> String {
    let (l, c) = (risk.assessment.likelihood, risk.assessment.consequence);
    match scoring.and_then(|s| s.rate(l, c).ok().map(|r| s.describe(&r))) {
        Some(text) => text,
        None => format!("{l}x{c} = {}", l * c),
    }
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

fn decision(d: Option<&SoaDecision>) -> String {
    match d {
        None => "no decision".to_string(),
        Some(d) if !d.applicable => "excluded".to_string(),
        Some(d) => format!(
            "applicable, {}",
            d.status.map_or("no status", |s| s.as_str())
        ),
    }
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

/// Compares two registers.
pub fn compare(old: &Register, new: &Register) -> Changes {
    let (old_scoring, new_scoring) = (scoring(old), scoring(new));
    let mut changes = Changes::default();
    let old_risks = by_id(old.risks.iter().map(|e| &e.value), |r: &Risk| &r.id);
    let new_risks = by_id(new.risks.iter().map(|e| &e.value), |r: &Risk| &r.id);
    for (id, risk) in &new_risks {
        let Some(before) = old_risks.get(id) else {
            changes.risks_added.push(Item {
                id: id.clone(),
                title: risk.title.clone(),
                detail: score_text(new_scoring.as_ref(), risk),
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
                detail: score_text(new_scoring.as_ref(), risk),
            }),
            _ => {}
        }
        let (from, to) = (
            score_text(old_scoring.as_ref(), before),
            score_text(new_scoring.as_ref(), risk),
        );
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
                detail: score_text(old_scoring.as_ref(), risk),
            });
        }
    }

    let old_soa = by_id(old.controls.iter().map(|e| &e.value), |d: &SoaDecision| {
        &d.id
    });
    let new_soa = by_id(new.controls.iter().map(|e| &e.value), |d: &SoaDecision| {
        &d.id
    });
    let mut ids: Vec<&String> = old_soa.keys().chain(new_soa.keys()).collect();
    ids.sort_by_key(|id| {
        (
            catalog::CONTROLS
                .iter()
                .position(|c| c.id == id.as_str())
                .unwrap_or(usize::MAX),
            id.to_string(),
        )
    });
    ids.dedup();
    for id in ids {
        let (from, to) = (
            decision(old_soa.get(id).copied()),
            decision(new_soa.get(id).copied()),
        );
        if from != to {
            let title = catalog::control(id)
                .map(|c| c.title.to_string())
                .or_else(|| {
                    new_soa
                        .get(id)
                        .or(old_soa.get(id))
                        .and_then(|d| d.title.clone())
                })
                .unwrap_or_default();
            changes.soa.push(Movement {
                id: id.clone(),
                title,
                from,
                to,
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

/// The changes as Markdown, fit for a pull-request comment or a management review.
pub fn markdown(changes: &Changes, from: &str, to: &str) -> String {
    use crate::report::md;
    use minijinja::Value;
    let cell = |s: &str| md(Value::from(s));
    let mut out = format!("## AI register changes: `{from}`..`{to}`\n\n");
    if changes.is_empty() {
        out.push_str("No change to risks, treatments, the Statement of Applicability, systems or incidents.\n");
        return out;
    }
    let items = |out: &mut String, heading: &str, items: &[Item]| {
        if items.is_empty() {
            return;
        }
        out.push_str(&format!(
            "### {heading}\n\n| Id | Title | |\n| --- | --- | --- |\n"
        ));
        for i in items {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                cell(&i.id),
                cell(&i.title),
                cell(&i.detail)
            ));
        }
        out.push('\n');
    };
    let moves = |out: &mut String, heading: &str, items: &[Movement]| {
        if items.is_empty() {
            return;
        }
        out.push_str(&format!(
            "### {heading}\n\n| Id | Title | Before | After |\n| --- | --- | --- | --- |\n"
        ));
        for m in items {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                cell(&m.id),
                cell(&m.title),
                cell(&m.from),
                cell(&m.to)
            ));
        }
        out.push('\n');
    };
    items(&mut out, "Risks added", &changes.risks_added);
    items(&mut out, "Risks closed", &changes.risks_closed);
    items(&mut out, "Risks reopened", &changes.risks_reopened);
    items(&mut out, "Risks removed", &changes.risks_removed);
    moves(&mut out, "Score and band changes", &changes.scores);
    moves(&mut out, "Treatment changes", &changes.treatments);
    moves(&mut out, "Acceptance changes", &changes.acceptances);
    moves(&mut out, "Statement of Applicability changes", &changes.soa);
    items(&mut out, "AI systems added", &changes.systems_added);
    items(&mut out, "AI systems removed", &changes.systems_removed);
    moves(&mut out, "Scope changes", &changes.scope);
    items(&mut out, "New incidents", &changes.incidents_new);
    out
}
