//! What changed between two versions of a register, in the register's own terms:
//! risks added, removed, closed and reopened; score and band movements (and the bands
//! that move because the criteria changed); targets, treatments, actions of every kind
//! (added, status changes, completion with evidence), acceptances (given, expired,
//! withdrawn) and reviews; SoA decisions, control verification and evidence; systems,
//! impact dimensions and incidents; criteria, cycles, rules and roles in `aims.yaml`;
//! and every format-2 kind: context, policies, objectives and their measurements,
//! monitors, audits and findings, management reviews and clause statements. A change
//! none of those sections speaks for (a reworded rationale, a new owner) is listed
//! under `edited` with the fields it touched, never as a change of what it describes.
//!
//! Pure: takes the read models of two registers already read (from git or disk),
//! each judged as of its own date, and compares them. Entities are matched by id, in
//! time linear in the register.

mod config;
mod fields;
mod management;
mod risks;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog;
use crate::model::{Action, ActionStatus, AiSystem, ImpactAssessment, Incident};
use crate::register::Entity;
use crate::view::{SoaState, View};

/// An entity that appeared, disappeared or opened, with one detail.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub detail: String,
}

/// A change of one thing, before and after; `from` is empty for what was added.
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
    /// Assessments that changed, with their score and band.
    pub scores: Vec<Movement>,
    /// Risks assessed the same whose band moved because the criteria changed.
    pub bands_moved: Vec<Movement>,
    pub targets: Vec<Movement>,
    /// Treatment options.
    pub treatments: Vec<Movement>,
    /// Actions of every kind, `ENTITY/ACTION`: treatment, corrective, objective plan
    /// and management-review actions.
    pub actions: Vec<Movement>,
    /// Risk acceptances given, expired, withdrawn or changed.
    pub acceptances: Vec<Movement>,
    /// Reviews of risks and impact assessments recorded.
    pub reviews: Vec<Movement>,
    /// SoA decisions (applicability and status).
    pub soa: Vec<Movement>,
    /// Control verification and evidence.
    pub controls: Vec<Movement>,
    pub systems_added: Vec<Item>,
    pub systems_removed: Vec<Item>,
    pub scope: Vec<Movement>,
    /// System lifecycle and recorded changes.
    pub systems: Vec<Movement>,
    /// Impact assessments added or removed, and their dimensions.
    pub impacts: Vec<Movement>,
    pub incidents_new: Vec<Item>,
    /// Incident status, root cause and effectiveness reviews.
    pub incidents: Vec<Movement>,
    /// Criteria, review cycles, approval policy and rule severities in `aims.yaml`.
    pub criteria: Vec<Movement>,
    /// Roles, approvers and top management in `aims.yaml`.
    pub roles: Vec<Movement>,
    /// Issues, interested parties and the review of `context.yaml`.
    pub context: Vec<Movement>,
    pub policies: Vec<Movement>,
    /// Objectives, their targets, status and measurements.
    pub objectives: Vec<Movement>,
    /// Monitors and their thresholds.
    pub monitors: Vec<Movement>,
    /// Monitors' measurements: how many were added, where the latest stands, and the
    /// breaches among the new ones.
    pub measurements: Vec<Movement>,
    /// Audits and their findings.
    pub audits: Vec<Movement>,
    pub management_reviews: Vec<Movement>,
    /// Clause statements.
    pub clauses: Vec<Movement>,
    /// Changes no section above speaks for, with the fields they touched.
    pub edited: Vec<Item>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

fn movement(
    id: impl Into<String>,
    title: impl Into<String>,
    from: impl Into<String>,
    to: impl Into<String>,
) -> Movement {
    Movement {
        id: id.into(),
        title: title.into(),
        from: from.into(),
        to: to.into(),
    }
}

/// The entities of two versions matched by id, in id order: `(id, before, after)`.
fn matched<'a, T>(
    old: &'a [Entity<T>],
    new: &'a [Entity<T>],
    id: impl Fn(&T) -> &str,
) -> Vec<(&'a str, Option<&'a T>, Option<&'a T>)> {
    let mut pairs: BTreeMap<&'a str, (Option<&'a T>, Option<&'a T>)> = BTreeMap::new();
    for e in old {
        pairs.entry(id(&e.value)).or_default().0 = Some(&e.value);
    }
    for e in new {
        pairs.entry(id(&e.value)).or_default().1 = Some(&e.value);
    }
    pairs
        .into_iter()
        .map(|(id, (before, after))| (id, before, after))
        .collect()
}

impl Changes {
    /// Lists `id` under `edited` when fields outside `interpreted` changed.
    fn edited(
        &mut self,
        noun: &str,
        id: &str,
        old: &impl Serialize,
        new: &impl Serialize,
        interpreted: &[&str],
    ) {
        let paths = fields::changed(old, new);
        let rest = fields::uncovered(&paths, interpreted);
        if !rest.is_empty() {
            self.edited.push(Item {
                id: id.to_string(),
                title: noun.to_string(),
                detail: rest.join(", "),
            });
        }
    }
}

/// Compares two versions of a register, each through its read model (judged as of
/// its own date: acceptances that expired in between show as expired).
pub fn compare(old_view: &View<'_>, new_view: &View<'_>) -> Changes {
    let mut changes = Changes::default();
    changes.risks(old_view, new_view);
    changes.controls(old_view, new_view);
    changes.systems(old_view, new_view);
    changes.impacts(old_view, new_view);
    changes.incidents(old_view, new_view);
    config::compare(&mut changes, old_view, new_view);
    management::compare(&mut changes, old_view, new_view);
    changes.incidents_new.sort_by(|a, b| a.id.cmp(&b.id));
    changes
}

impl Changes {
    /// Every action added, removed or changed in one entity's list.
    pub(super) fn actions_of(&mut self, entity: &str, old: &[Action], new: &[Action]) {
        let before: BTreeMap<&str, &Action> = old.iter().map(|a| (a.id.as_str(), a)).collect();
        let after: BTreeMap<&str, &Action> = new.iter().map(|a| (a.id.as_str(), a)).collect();
        for a in new {
            let id = format!("{entity}/{}", a.id);
            match before.get(a.id.as_str()) {
                None => self.actions.push(movement(
                    id,
                    &a.description,
                    "",
                    format!("added, {}", action_state(a)),
                )),
                Some(b) if *b != a => {
                    let (mut from, mut to) = (Vec::new(), Vec::new());
                    if (b.status, b.completed) != (a.status, a.completed) {
                        from.push(action_state(b));
                        to.push(action_state(a));
                    } else if b.evidence != a.evidence {
                        let added: Vec<&str> = a
                            .evidence
                            .iter()
                            .filter(|e| !b.evidence.contains(e))
                            .map(|e| e.reference())
                            .collect();
                        from.push(format!("{} evidence", b.evidence.len()));
                        to.push(if added.is_empty() {
                            format!("{} evidence", a.evidence.len())
                        } else {
                            format!("evidence added: {}", added.join(", "))
                        });
                    }
                    if b.due != a.due {
                        from.push(due_text(b));
                        to.push(due_text(a));
                    }
                    if b.owner != a.owner {
                        from.push(format!("owner {}", b.owner.as_deref().unwrap_or("none")));
                        to.push(format!("owner {}", a.owner.as_deref().unwrap_or("none")));
                    }
                    if b.description != a.description {
                        to.push("description reworded".to_string());
                    }
                    self.actions
                        .push(movement(id, &a.description, from.join("; "), to.join("; ")));
                }
                Some(_) => {}
            }
        }
        for b in old.iter().filter(|b| !after.contains_key(b.id.as_str())) {
            self.actions.push(movement(
                format!("{entity}/{}", b.id),
                &b.description,
                action_state(b),
                "removed",
            ));
        }
    }

    fn controls(&mut self, old_view: &View<'_>, new_view: &View<'_>) {
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
            let state = |c: Option<&crate::view::ControlView<'_>>| {
                c.map_or(SoaState::NoDecision, |c| c.state)
            };
            let title = after.or(before).map(|c| c.title).unwrap_or_default();
            let (from, to) = (state(before), state(after));
            if from != to {
                self.soa
                    .push(movement(id, title, from.as_str(), to.as_str()));
            }
            let (Some(b), Some(a)) = (
                before.and_then(|c| c.decision),
                after.and_then(|c| c.decision),
            ) else {
                continue;
            };
            let (mut was, mut is) = (Vec::new(), Vec::new());
            if b.verified != a.verified {
                let text = |d: Option<chrono::NaiveDate>| {
                    d.map_or_else(|| "never verified".to_string(), |d| format!("verified {d}"))
                };
                was.push(text(b.verified));
                is.push(text(a.verified));
            }
            if b.evidence != a.evidence {
                let added: Vec<&str> = a
                    .evidence
                    .iter()
                    .filter(|e| !b.evidence.contains(e))
                    .map(|e| e.reference())
                    .collect();
                let removed: Vec<&str> = b
                    .evidence
                    .iter()
                    .filter(|e| !a.evidence.contains(e))
                    .map(|e| e.reference())
                    .collect();
                was.push(format!("{} evidence", b.evidence.len()));
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(format!("evidence added: {}", added.join(", ")));
                }
                if !removed.is_empty() {
                    parts.push(format!("evidence removed: {}", removed.join(", ")));
                }
                if parts.is_empty() {
                    parts.push(format!(
                        "{} evidence, reordered or re-dated",
                        a.evidence.len()
                    ));
                }
                is.push(parts.join("; "));
            }
            if !was.is_empty() {
                self.controls
                    .push(movement(id, title, was.join("; "), is.join("; ")));
            }
            self.edited(
                "control",
                id,
                b,
                a,
                &["applicable", "status", "verified", "evidence"],
            );
        }
    }

    fn systems(&mut self, old_view: &View<'_>, new_view: &View<'_>) {
        let scope = |in_scope: bool| if in_scope { "in scope" } else { "out of scope" };
        let (old, new) = (old_view.register, new_view.register);
        for (id, before, after) in matched(&old.systems, &new.systems, |s: &AiSystem| &s.id) {
            match (before, after) {
                (None, Some(system)) => self.systems_added.push(Item {
                    id: id.to_string(),
                    title: system.name.clone(),
                    detail: scope(system.in_scope).to_string(),
                }),
                (Some(system), None) => self.systems_removed.push(Item {
                    id: id.to_string(),
                    title: system.name.clone(),
                    detail: String::new(),
                }),
                (Some(b), Some(a)) => {
                    if b.in_scope != a.in_scope {
                        self.scope.push(movement(
                            id,
                            &a.name,
                            scope(b.in_scope),
                            scope(a.in_scope),
                        ));
                    }
                    if b.lifecycle != a.lifecycle {
                        self.systems.push(movement(
                            id,
                            &a.name,
                            b.lifecycle.as_str(),
                            a.lifecycle.as_str(),
                        ));
                    }
                    for c in a.changes.iter().filter(|c| !b.changes.contains(c)) {
                        self.systems.push(movement(
                            id,
                            &a.name,
                            "",
                            format!("change recorded {}: {}", c.date, c.description),
                        ));
                    }
                    self.edited("system", id, b, a, &["in_scope", "lifecycle", "changes"]);
                }
                (None, None) => {}
            }
        }
    }

    fn impacts(&mut self, old_view: &View<'_>, new_view: &View<'_>) {
        let (old, new) = (old_view.register, new_view.register);
        for (id, before, after) in matched(&old.impacts, &new.impacts, |i: &ImpactAssessment| &i.id)
        {
            let title = |i: &ImpactAssessment| format!("impact assessment of {}", i.system);
            match (before, after) {
                (None, Some(a)) => self.impacts.push(movement(
                    id,
                    title(a),
                    "",
                    format!("added, assessed {} by {}", a.assessed, a.assessor),
                )),
                (Some(b), None) => self.impacts.push(movement(
                    id,
                    title(b),
                    format!("assessed {}", b.assessed),
                    "removed",
                )),
                (Some(b), Some(a)) => {
                    for d in &a.dimensions {
                        let was = b.dimensions.iter().find(|x| x.dimension == d.dimension);
                        let (from, to) = (
                            was.map(dimension_text).unwrap_or_default(),
                            dimension_text(d),
                        );
                        if from != to {
                            self.impacts.push(movement(
                                id,
                                title(a),
                                if from.is_empty() {
                                    String::new()
                                } else {
                                    format!("{} {from}", d.dimension)
                                },
                                format!("{} {to}", d.dimension),
                            ));
                        }
                    }
                    for d in b
                        .dimensions
                        .iter()
                        .filter(|d| !a.dimensions.iter().any(|x| x.dimension == d.dimension))
                    {
                        self.impacts.push(movement(
                            id,
                            title(a),
                            format!("{} {}", d.dimension, dimension_text(d)),
                            format!("{} removed", d.dimension),
                        ));
                    }
                    if (b.assessed, b.review.last) != (a.assessed, a.review.last) {
                        let text = |i: &ImpactAssessment| match i.review.last {
                            Some(d) => format!("assessed {}, reviewed {d}", i.assessed),
                            None => format!("assessed {}", i.assessed),
                        };
                        self.reviews.push(movement(id, title(a), text(b), text(a)));
                    }
                    self.edited(
                        "impact assessment",
                        id,
                        b,
                        a,
                        &[
                            "assessed",
                            "review/last",
                            "dimensions/*/severity",
                            "dimensions/*/likelihood",
                            "dimensions/*/not_applicable",
                            "dimensions/*/dimension",
                        ],
                    );
                }
                (None, None) => {}
            }
        }
    }

    fn incidents(&mut self, old_view: &View<'_>, new_view: &View<'_>) {
        let (old, new) = (old_view.register, new_view.register);
        for (id, before, after) in matched(&old.incidents, &new.incidents, |i: &Incident| &i.id) {
            match (before, after) {
                (None, Some(incident)) => self.incidents_new.push(Item {
                    id: id.to_string(),
                    title: incident.title.clone(),
                    detail: format!(
                        "{}, severity {}, reported {}",
                        incident.kind.as_str(),
                        incident.severity,
                        incident.reported
                    ),
                }),
                (Some(b), None) => {
                    self.incidents
                        .push(movement(id, &b.title, b.status.as_str(), "removed"))
                }
                (Some(b), Some(a)) => {
                    if (b.status, b.closed) != (a.status, a.closed) {
                        let text = |i: &Incident| match i.closed {
                            Some(d) => format!("{} on {d}", i.status.as_str()),
                            None => i.status.as_str().to_string(),
                        };
                        self.incidents
                            .push(movement(id, &a.title, text(b), text(a)));
                    }
                    if b.root_cause.is_none()
                        && let Some(cause) = &a.root_cause
                    {
                        self.incidents.push(movement(
                            id,
                            &a.title,
                            "no root cause",
                            format!("root cause: {cause}"),
                        ));
                    }
                    if b.effectiveness != a.effectiveness
                        && let Some(e) = &a.effectiveness
                    {
                        self.incidents.push(movement(
                            id,
                            &a.title,
                            b.effectiveness.as_ref().map_or_else(
                                || "no effectiveness review".to_string(),
                                |e| e.result.as_str().to_string(),
                            ),
                            format!(
                                "corrective actions reviewed {}: {}",
                                e.date,
                                e.result.as_str()
                            ),
                        ));
                    }
                    self.actions_of(id, &b.corrective_actions, &a.corrective_actions);
                    self.edited(
                        "incident",
                        id,
                        b,
                        a,
                        &[
                            "status",
                            "closed",
                            "root_cause",
                            "effectiveness",
                            "corrective_actions",
                        ],
                    );
                }
                (None, None) => {}
            }
        }
    }
}

/// `planned, owner ml-lead, due 2026-06-30` or `done on 2026-06-12 with evidence x`.
fn action_state(a: &Action) -> String {
    match a.status {
        ActionStatus::Done => {
            let on = a.completed.map(|d| format!(" on {d}")).unwrap_or_default();
            if a.evidence.is_empty() {
                format!("done{on}, without evidence")
            } else {
                let refs: Vec<&str> = a.evidence.iter().map(|e| e.reference()).collect();
                format!("done{on} with evidence {}", refs.join(", "))
            }
        }
        status => {
            let mut parts = vec![status.as_str().to_string()];
            if let Some(owner) = &a.owner {
                parts.push(format!("owner {owner}"));
            }
            if a.due.is_some() {
                parts.push(due_text(a));
            }
            parts.join(", ")
        }
    }
}

fn due_text(a: &Action) -> String {
    a.due
        .map_or_else(|| "no due date".to_string(), |d| format!("due {d}"))
}

/// `4x3` (severity x likelihood), `n/a`, or `not scored`.
fn dimension_text(d: &crate::model::Dimension) -> String {
    match (d.not_applicable.as_ref(), d.severity, d.likelihood) {
        (Some(_), _, _) => "n/a".to_string(),
        (None, Some(s), Some(l)) => format!("{s}x{l}"),
        _ => "not scored".to_string(),
    }
}
