//! Every list of actions the register holds, in one place: the treatment actions of
//! risks, the corrective actions of incidents, the plans of objectives and the
//! actions of management reviews. Every
//! action rule (`treatment-incomplete`, `action-overdue`, `evidence-missing`), the
//! evidence index and `aims due` read this list, so a new kind with actions is
//! judged and scheduled as soon as it is listed here.

use crate::model::Action;

use super::{DueKind, View};

/// The actions of one entity.
#[derive(Debug, Clone)]
pub struct ActionList<'r> {
    pub doc: usize,
    pub entity: &'r str,
    pub file: &'r str,
    /// The JSON pointer of the list in its file.
    pub pointer: &'static str,
    pub actions: &'r [Action],
    /// The kind of obligation each open action is in `aims due`.
    pub kind: DueKind,
    /// The entity is closed (a closed risk, an achieved or abandoned objective): its
    /// actions are history, not judged and not due.
    pub closed: bool,
}

impl ActionList<'_> {
    /// The command that does `verb` (`add`, `done`, `set`) to action `action` of the
    /// list, for hints: `aims risk action set R-001 T1`; `None` where there is none.
    pub fn command(&self, verb: &str, action: &str) -> Option<String> {
        let prefix = match (self.pointer, verb) {
            ("/treatment/actions", _) => "aims risk action",
            ("/corrective_actions", _) => "aims incident action",
            ("/plan", "add" | "done") => "aims objective plan",
            _ => return None,
        };
        Some(format!("{prefix} {verb} {} {action}", self.entity))
    }
}

impl<'r> View<'r> {
    /// Every action list, in register order within each kind.
    pub fn action_lists(&self) -> Vec<ActionList<'r>> {
        let mut out = Vec::new();
        for r in &self.risks {
            if let Some(treatment) = &r.risk.treatment {
                out.push(ActionList {
                    doc: r.doc,
                    entity: r.id(),
                    file: r.file,
                    pointer: "/treatment/actions",
                    actions: &treatment.actions,
                    kind: DueKind::Action,
                    closed: !r.is_open(),
                });
            }
        }
        for i in &self.incidents {
            out.push(ActionList {
                doc: i.doc,
                entity: i.id(),
                file: i.file,
                pointer: "/corrective_actions",
                actions: &i.incident.corrective_actions,
                kind: DueKind::CorrectiveAction,
                closed: false,
            });
        }
        for o in &self.objectives {
            out.push(ActionList {
                doc: o.doc,
                entity: o.id(),
                file: o.file,
                pointer: "/plan",
                actions: &o.objective.plan,
                kind: DueKind::ObjectivePlan,
                closed: !o.is_active(),
            });
        }
        for m in &self.management_reviews {
            out.push(ActionList {
                doc: m.doc,
                entity: m.id(),
                file: m.file,
                pointer: "/actions",
                actions: &m.review.actions,
                kind: DueKind::ManagementReviewAction,
                closed: false,
            });
        }
        out.retain(|list| !list.actions.is_empty());
        out
    }
}
