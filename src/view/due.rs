//! Every dated obligation the register holds, as one list: risk reviews, impact
//! assessment reviews, triggered reviews, control verifications, treatment and
//! corrective actions, risk acceptance and evidence expiries, objective plans, the
//! next measurement of each monitor and of objectives measured by hand, policy and
//! context reviews, planned internal audits, management reviews and their actions.
//! `aims due`, the reports' overdue sections and the list commands all read it, so
//! they agree on what is due when.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Action;

use super::View;

/// What an item of the due list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DueKind {
    RiskReview,
    ImpactReview,
    ControlVerification,
    Action,
    CorrectiveAction,
    AcceptanceExpiry,
    ObjectivePlan,
    PolicyReview,
    ContextReview,
    Measurement,
    TriggeredReview,
    TriggeredImpactReview,
    EvidenceExpiry,
    InternalAudit,
    ManagementReview,
    ManagementReviewAction,
}

impl DueKind {
    /// The kind in words, as listings and reports write it.
    pub fn label(self) -> &'static str {
        match self {
            DueKind::RiskReview => "risk review",
            DueKind::ImpactReview => "impact assessment review",
            DueKind::ControlVerification => "control verification",
            DueKind::Action => "treatment action",
            DueKind::CorrectiveAction => "corrective action",
            DueKind::AcceptanceExpiry => "risk acceptance expiry",
            DueKind::ObjectivePlan => "objective plan action",
            DueKind::PolicyReview => "policy review",
            DueKind::ContextReview => "context review",
            DueKind::Measurement => "measurement",
            DueKind::TriggeredReview => "triggered risk review",
            DueKind::TriggeredImpactReview => "triggered impact assessment review",
            DueKind::EvidenceExpiry => "evidence expiry",
            DueKind::InternalAudit => "internal audit",
            DueKind::ManagementReview => "management review",
            DueKind::ManagementReviewAction => "management review action",
        }
    }

    /// What an item without a due date means: due at once, because it was never done.
    pub fn never(self) -> &'static str {
        match self {
            DueKind::Measurement => "never measured",
            _ => "never verified",
        }
    }
}

/// One thing that falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    /// `None` for a control never verified or a measurement never taken: due at once.
    pub due: Option<NaiveDate>,
    pub kind: DueKind,
    /// The entity it belongs to.
    pub entity: String,
    /// The action id, for actions.
    pub item: Option<String>,
    pub title: String,
    pub owner: Option<String>,
    pub file: String,
}

impl DueItem {
    /// Whether it is past due on `today` (a control never verified always is).
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.due.is_none_or(|d| d < today)
    }
}

impl View<'_> {
    /// Every open, dated obligation, soonest first (never-verified controls before
    /// everything), then by entity and item.
    pub fn due(&self) -> Vec<DueItem> {
        let mut items = Vec::new();
        for r in &self.risks {
            let risk = r.risk;
            if let Some(review) = &r.review {
                items.push(DueItem {
                    due: Some(review.due),
                    kind: DueKind::RiskReview,
                    entity: risk.id.clone(),
                    item: None,
                    title: format!("review: {} ({})", risk.title, review.basis),
                    owner: Some(risk.owner.clone()),
                    file: r.file.to_string(),
                });
            }
            for trigger in &r.triggers {
                items.push(DueItem {
                    due: Some(trigger.due),
                    kind: DueKind::TriggeredReview,
                    entity: risk.id.clone(),
                    item: Some(trigger.source().to_string()),
                    title: format!(
                        "review: {} (triggered by {})",
                        risk.title,
                        trigger.describe()
                    ),
                    owner: Some(risk.owner.clone()),
                    file: r.file.to_string(),
                });
            }
            if r.is_open()
                && let Some(acceptance) =
                    risk.treatment.as_ref().and_then(|t| t.acceptance.as_ref())
                && let Some(expires) = acceptance.expires
            {
                items.push(DueItem {
                    due: Some(expires),
                    kind: DueKind::AcceptanceExpiry,
                    entity: risk.id.clone(),
                    item: None,
                    title: format!("acceptance expires: {}", risk.title),
                    owner: acceptance
                        .approved_by
                        .clone()
                        .or_else(|| Some(risk.owner.clone())),
                    file: r.file.to_string(),
                });
            }
        }
        for i in &self.impacts {
            if let Some((due, cycle)) = i.next_review {
                items.push(DueItem {
                    due: Some(due),
                    kind: DueKind::ImpactReview,
                    entity: i.id().to_string(),
                    item: None,
                    title: format!(
                        "review impact assessment of {} (every {cycle})",
                        i.assessment.system
                    ),
                    owner: Some(i.assessment.assessor.clone()),
                    file: i.file.to_string(),
                });
            }
            for trigger in &i.triggers {
                items.push(DueItem {
                    due: Some(trigger.due),
                    kind: DueKind::TriggeredImpactReview,
                    entity: i.id().to_string(),
                    item: Some(trigger.source().to_string()),
                    title: format!(
                        "review impact assessment of {} (triggered by {})",
                        i.assessment.system,
                        trigger.describe()
                    ),
                    owner: Some(i.assessment.assessor.clone()),
                    file: i.file.to_string(),
                });
            }
        }
        for c in &self.controls {
            if let (Some(due), Some(decision), Some(file)) = (c.verification, c.decision, c.file) {
                items.push(DueItem {
                    due,
                    kind: DueKind::ControlVerification,
                    entity: c.id.to_string(),
                    item: None,
                    title: format!("verify: {}", c.title),
                    owner: decision.owner.clone(),
                    file: file.to_string(),
                });
            }
        }
        for list in self.action_lists().into_iter().filter(|l| !l.closed) {
            items.extend(open_actions(
                list.actions,
                list.kind,
                list.entity,
                list.file,
            ));
        }
        for p in &self.policies {
            if let Some((due, cycle)) = p.next_review {
                items.push(DueItem {
                    due: Some(due),
                    kind: DueKind::PolicyReview,
                    entity: p.id().to_string(),
                    item: None,
                    title: format!("review policy: {} (every {cycle})", p.policy.title),
                    owner: p.policy.owner.clone(),
                    file: p.file.to_string(),
                });
            }
        }
        if let Some(c) = &self.context
            && let Some((due, cycle)) = c.next_review
        {
            items.push(DueItem {
                due: Some(due),
                kind: DueKind::ContextReview,
                entity: c.context.id.clone(),
                item: None,
                title: format!("review the context: issues and interested parties (every {cycle})"),
                owner: None,
                file: c.file.to_string(),
            });
        }
        for o in self.objectives.iter().filter(|o| o.is_active()) {
            if let Some(next) = o.next_measurement {
                items.push(DueItem {
                    due: next,
                    kind: DueKind::Measurement,
                    entity: o.id().to_string(),
                    item: None,
                    title: format!(
                        "measure: {}",
                        o.objective
                            .metric
                            .as_ref()
                            .map_or(o.objective.title.as_str(), |m| m.name.as_str())
                    ),
                    owner: o.objective.owner.clone(),
                    file: o.file.to_string(),
                });
            }
        }
        for m in self.monitors.iter().filter(|m| m.active) {
            items.push(DueItem {
                due: m.next_due,
                kind: DueKind::Measurement,
                entity: m.id().to_string(),
                item: None,
                title: format!("measure: {} (every {})", m.monitor.metric, m.monitor.every),
                owner: Some(m.monitor.owner.clone()),
                file: m.file.to_string(),
            });
        }
        for e in self.evidence().into_iter().filter(|e| !e.closed) {
            if let crate::model::Evidence::Detailed(detail) = e.item
                && let Some(expires) = detail.expires
            {
                items.push(DueItem {
                    due: Some(expires),
                    kind: DueKind::EvidenceExpiry,
                    entity: e.entity.to_string(),
                    item: e.action.map(String::from),
                    title: format!("evidence expires: {}", detail.reference),
                    owner: e.owner.map(String::from),
                    file: self.document(e.doc).path.clone(),
                });
            }
        }
        for a in self.audits.iter().filter(|a| a.is_pending()) {
            items.push(DueItem {
                due: Some(a.audit.planned),
                kind: DueKind::InternalAudit,
                entity: a.id().to_string(),
                item: None,
                title: format!(
                    "internal audit ({}): {}",
                    a.audit.status.as_str(),
                    a.audit.title
                ),
                owner: a.audit.auditor.as_ref().and_then(|x| x.role.clone()),
                file: a.file.to_string(),
            });
        }
        if let (Some(last), Some((due, cycle))) =
            (self.last_management_review(), self.next_management_review())
        {
            items.push(DueItem {
                due: Some(due),
                kind: DueKind::ManagementReview,
                entity: last.id().to_string(),
                item: None,
                title: format!(
                    "next management review (every {cycle}; `aims report management-review`)"
                ),
                owner: None,
                file: last.file.to_string(),
            });
        }
        items.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| crate::catalog::id_order(&a.entity, &b.entity))
                .then_with(|| (&a.item, a.kind).cmp(&(&b.item, b.kind)))
        });
        items
    }

    /// Whether an action is past its due date and still open.
    pub fn action_overdue(&self, action: &Action) -> bool {
        action.status.is_open() && action.due.is_some_and(|d| d < self.today)
    }
}

/// The open actions among `actions` that have a due date.
fn open_actions<'a>(
    actions: &'a [Action],
    kind: DueKind,
    entity: &'a str,
    file: &'a str,
) -> impl Iterator<Item = DueItem> + 'a {
    actions
        .iter()
        .filter(|a| a.status.is_open())
        .filter_map(move |action| {
            Some(DueItem {
                due: Some(action.due?),
                kind,
                entity: entity.to_string(),
                item: Some(action.id.clone()),
                title: action.description.clone(),
                owner: action.owner.clone(),
                file: file.to_string(),
            })
        })
}
