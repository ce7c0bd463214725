//! Every place the register cites evidence: the actions of risks, the corrective
//! actions of incidents and SoA decisions, each with the pointer of the item so that
//! rules can report at its line and an index can say who cites what.

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
}

impl<'r> View<'r> {
    /// Every evidence citation, in register order.
    pub fn evidence(&self) -> Vec<EvidenceUse<'r>> {
        let mut out = Vec::new();
        for r in &self.risks {
            if let Some(treatment) = &r.risk.treatment {
                actions(
                    &mut out,
                    r.doc,
                    r.id(),
                    "/treatment/actions",
                    &treatment.actions,
                    !r.is_open(),
                );
            }
        }
        for i in &self.incidents {
            actions(
                &mut out,
                i.doc,
                i.id(),
                "/corrective_actions",
                &i.incident.corrective_actions,
                false,
            );
        }
        for c in &self.controls {
            let (Some(decision), Some(doc)) = (c.decision, c.doc) else {
                continue;
            };
            items(
                &mut out,
                doc,
                c.id,
                None,
                "/evidence",
                &decision.evidence,
                false,
            );
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
            entity,
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
    entity: &'r str,
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
        });
    }
}
