//! Every place the register cites evidence: every action list (treatment, corrective,
//! objective plans, management-review actions), SoA decisions, policy documents,
//! clause statements, audit reports, management-review minutes and competence
//! records, each with the pointer of the item so that rules can report at its line and
//! an index can say who cites what.

use crate::model::{Action, Evidence};

use super::View;

/// One evidence item where it is cited.
#[derive(Debug, Clone)]
pub struct EvidenceUse<'r> {
    pub doc: usize,
    /// The JSON pointer of the item in its file.
    pub pointer: String,
    pub item: &'r Evidence,
    /// The citing entity, and the action for evidence of an action.
    pub entity: &'r str,
    pub action: Option<&'r str>,
    /// The citing risk is closed: its evidence is history, not judged.
    pub closed: bool,
    /// Who answers for it: the action's owner, or the citing entity's.
    pub owner: Option<&'r str>,
}

impl<'r> View<'r> {
    /// Every evidence citation, in register order.
    pub fn evidence(&self) -> Vec<EvidenceUse<'r>> {
        let mut out = Vec::new();
        for list in self.action_lists() {
            actions(
                &mut out,
                list.doc,
                list.entity,
                list.pointer,
                list.actions,
                list.closed,
            );
        }
        for c in &self.controls {
            let (Some(decision), Some(doc)) = (c.decision, c.doc) else {
                continue;
            };
            items(
                &mut out,
                doc,
                (c.id, decision.owner.as_deref()),
                None,
                "/evidence",
                &decision.evidence,
                false,
            );
        }
        for p in &self.policies {
            if let Some(document) = &p.policy.document {
                out.push(EvidenceUse {
                    doc: p.doc,
                    pointer: "/document".to_string(),
                    item: document,
                    entity: p.id(),
                    action: None,
                    closed: false,
                    owner: p.policy.owner.as_deref(),
                });
            }
        }
        for e in &self.register.clauses {
            items(
                &mut out,
                e.doc,
                (&e.value.id, None),
                None,
                "/evidence",
                &e.value.evidence,
                false,
            );
        }
        for a in &self.audits {
            if let Some(report) = &a.audit.report {
                out.push(EvidenceUse {
                    doc: a.doc,
                    pointer: "/report".to_string(),
                    item: report,
                    entity: a.id(),
                    action: None,
                    closed: false,
                    owner: a.audit.auditor.as_ref().and_then(|x| x.role.as_deref()),
                });
            }
        }
        for m in &self.management_reviews {
            if let Some(minutes) = &m.review.minutes {
                out.push(EvidenceUse {
                    doc: m.doc,
                    pointer: "/minutes".to_string(),
                    item: minutes,
                    entity: m.id(),
                    action: None,
                    closed: false,
                    owner: None,
                });
            }
        }
        if let Some(config) = &self.register.config {
            for c in &self.competence {
                if let Some(item) = &c.record.evidence {
                    out.push(EvidenceUse {
                        doc: config.doc,
                        pointer: format!("/roles/{}/competence/{}/evidence", c.role_index, c.index),
                        item,
                        entity: c.role,
                        action: None,
                        closed: false,
                        owner: Some(c.role),
                    });
                }
            }
        }
        out
    }
}

fn actions<'r>(
    out: &mut Vec<EvidenceUse<'r>>,
    doc: usize,
    entity: &'r str,
    pointer: &str,
    actions: &'r [Action],
    closed: bool,
) {
    for (i, action) in actions.iter().enumerate() {
        items(
            out,
            doc,
            (entity, action.owner.as_deref()),
            Some(&action.id),
            &format!("{pointer}/{i}/evidence"),
            &action.evidence,
            closed,
        );
    }
}

fn items<'r>(
    out: &mut Vec<EvidenceUse<'r>>,
    doc: usize,
    (entity, owner): (&'r str, Option<&'r str>),
    action: Option<&'r str>,
    pointer: &str,
    evidence: &'r [Evidence],
    closed: bool,
) {
    for (i, item) in evidence.iter().enumerate() {
        out.push(EvidenceUse {
            doc,
            pointer: format!("{pointer}/{i}"),
            item,
            entity,
            action,
            closed,
            owner,
        });
    }
}
