//! The entries of the report contexts: one serialisable record per risk, control,
//! system, assessment, incident, action, evidence item and due item, projected from
//! the read model. Field names are part of the documented template context.

use chrono::NaiveDate;
use serde::Serialize;

use super::methodology::band_colour;
use crate::catalog;
use crate::criteria::Rating;
use crate::model::{Action, Evidence, Reversible};
use crate::view::{
    ControlView, DueItem, ImpactView, IncidentView, RiskView, SoaState, SystemView, View,
};

#[derive(Debug, Clone, Serialize)]
pub struct ScoreEntry {
    pub likelihood: u32,
    pub consequence: u32,
    pub score: u32,
    pub band: Option<String>,
    pub colour: Option<&'static str>,
}

impl ScoreEntry {
    fn of(
        view: &View<'_>,
        likelihood: u32,
        consequence: u32,
        rating: Option<Rating>,
    ) -> ScoreEntry {
        let band = view
            .criteria
            .scoring
            .as_ref()
            .zip(rating)
            .map(|(s, r)| (s.band(&r).name.clone(), band_colour(r.band, s.bands.len())));
        ScoreEntry {
            likelihood,
            consequence,
            score: likelihood * consequence,
            band: band.as_ref().map(|b| b.0.clone()),
            colour: band.map(|b| b.1),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceEntry {
    pub reference: String,
    pub url: bool,
    pub date: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
}

impl EvidenceEntry {
    pub fn all(items: &[Evidence]) -> Vec<EvidenceEntry> {
        items
            .iter()
            .map(|e| EvidenceEntry {
                reference: e.reference().to_string(),
                url: e.is_url(),
                date: match e {
                    Evidence::Detailed(d) => d.date,
                    Evidence::Ref(_) => None,
                },
                expires: match e {
                    Evidence::Detailed(d) => d.expires,
                    Evidence::Ref(_) => None,
                },
            })
            .collect()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionEntry {
    pub id: String,
    pub description: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: &'static str,
    pub completed: Option<NaiveDate>,
    pub overdue: bool,
    pub evidence: Vec<EvidenceEntry>,
}

impl ActionEntry {
    pub fn of(view: &View<'_>, action: &Action) -> ActionEntry {
        ActionEntry {
            id: action.id.clone(),
            description: action.description.clone(),
            owner: action.owner.clone(),
            due: action.due,
            status: action.status.as_str(),
            completed: action.completed,
            overdue: view.action_overdue(action),
            evidence: EvidenceEntry::all(&action.evidence),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AcceptanceEntry {
    pub justification: Option<String>,
    pub approved_by: Option<String>,
    pub date: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TreatmentEntry {
    pub option: &'static str,
    pub rationale: Option<String>,
    pub actions: Vec<ActionEntry>,
    pub acceptance: Option<AcceptanceEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskEntry {
    pub id: String,
    pub title: String,
    /// `risk` or `opportunity`.
    pub kind: &'static str,
    /// `aims` for a risk of the management system itself; null for AI systems' risks.
    pub scope: Option<&'static str>,
    pub status: &'static str,
    pub systems: Vec<String>,
    pub category: String,
    pub category_title: String,
    /// Annex C risk sources.
    pub sources: Vec<String>,
    /// OWASP Top 10 for LLM Applications 2025 ids.
    pub owasp: Vec<String>,
    pub owner: String,
    pub identified: NaiveDate,
    pub cause: Option<String>,
    pub event: Option<String>,
    pub consequence: Option<String>,
    pub consequence_areas: Vec<String>,
    pub affected_parties: Vec<String>,
    /// Impact assessments the risk relates to.
    pub impacts: Vec<String>,
    /// ISO/IEC 27001 references (the information security risk register).
    pub infosec_refs: Vec<String>,
    pub assessment: ScoreEntry,
    pub rationale: Option<String>,
    pub target: Option<ScoreEntry>,
    pub controls: Vec<String>,
    pub treatment: Option<TreatmentEntry>,
    pub last_review: Option<NaiveDate>,
    /// The role that made the last review, and what it concluded.
    pub reviewed_by: Option<String>,
    pub review_note: Option<String>,
    pub next_review: Option<NaiveDate>,
    pub review_overdue: bool,
    pub closed_reason: Option<String>,
    pub file: String,
    /// `current`, `stale`, `unapproved` or `modified`; null outside git.
    pub approval: Option<&'static str>,
    /// Who approved the version in force, when, and how it was verified.
    pub approved: Option<ApprovedEntry>,
}

impl RiskEntry {
    pub fn of(view: &View<'_>, r: &RiskView<'_>) -> RiskEntry {
        let risk = r.risk;
        RiskEntry {
            id: risk.id.clone(),
            title: risk.title.clone(),
            kind: risk.kind.as_str(),
            scope: risk.scope.map(|s| s.as_str()),
            status: risk.status.as_str(),
            systems: risk.systems.clone(),
            category: risk.category.clone(),
            category_title: view.category_title(&risk.category).to_string(),
            sources: risk.sources.clone(),
            owasp: risk.owasp.clone(),
            owner: risk.owner.clone(),
            identified: risk.identified,
            cause: risk.cause.clone(),
            event: risk.event.clone(),
            consequence: risk.consequence.clone(),
            consequence_areas: risk.consequence_areas.clone(),
            affected_parties: risk.affected_parties.clone(),
            impacts: risk.impacts.clone(),
            infosec_refs: risk.infosec_refs.clone(),
            assessment: ScoreEntry::of(
                view,
                risk.assessment.likelihood,
                risk.assessment.consequence,
                r.rating(),
            ),
            rationale: risk.assessment.rationale.clone(),
            target: risk
                .target
                .as_ref()
                .map(|t| ScoreEntry::of(view, t.likelihood, t.consequence, r.target_rating())),
            controls: risk.controls.clone(),
            treatment: risk.treatment.as_ref().map(|t| TreatmentEntry {
                option: t.option.as_str(),
                rationale: t.rationale.clone(),
                actions: t.actions.iter().map(|a| ActionEntry::of(view, a)).collect(),
                acceptance: t.acceptance.as_ref().map(|a| AcceptanceEntry {
                    justification: a.justification.clone(),
                    approved_by: a.approved_by.clone(),
                    date: a.date,
                    expires: a.expires,
                }),
            }),
            last_review: risk.review.last,
            reviewed_by: risk.review.by.clone(),
            review_note: risk.review.note.clone(),
            next_review: r.review.as_ref().map(|v| v.due),
            review_overdue: r.review_overdue,
            closed_reason: risk.closed_reason.clone(),
            file: r.file.to_string(),
            approval: approval(view, r.file),
            approved: ApprovedEntry::of(view, r.file),
        }
    }
}

/// The approval state of the entity in `file`, when approvals were read.
fn approval(view: &View<'_>, file: &str) -> Option<&'static str> {
    view.approval(file).map(|s| s.state.as_str())
}

/// The newest approval that counts and covers an entity's committed version.
#[derive(Debug, Clone, Serialize)]
pub struct ApprovedEntry {
    pub by: String,
    pub role: String,
    pub date: String,
    pub commit: String,
    /// `signed` or `identity` (or `on-behalf` where the register counts trailers).
    pub verification: &'static str,
}

impl ApprovedEntry {
    fn of(view: &View<'_>, file: &str) -> Option<ApprovedEntry> {
        let a = view
            .approval(file)?
            .approvals
            .iter()
            .find(|a| a.covers_current && a.counts)?;
        Some(ApprovedEntry {
            by: a.by.clone(),
            role: a.role.clone(),
            date: a.date.clone(),
            commit: a.commit.chars().take(12).collect(),
            verification: a.verification.as_str(),
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ControlEntry {
    pub id: String,
    pub objective: Option<String>,
    pub objective_title: Option<String>,
    pub title: String,
    pub custom: bool,
    pub description: Option<String>,
    /// `implemented`, `partial`, `planned`, `excluded`, `no status` or `no decision`.
    pub decision: SoaState,
    pub applicable: Option<bool>,
    pub justification: Option<String>,
    pub owner: Option<String>,
    pub evidence: Vec<EvidenceEntry>,
    pub verified: Option<NaiveDate>,
    /// Risks citing the control, derived from the risk register.
    pub risks: Vec<String>,
    /// NIST AI RMF categories the informative crosswalk maps to the control.
    pub nist_ai_rmf: Vec<&'static str>,
    /// OWASP Top 10 for LLM Applications 2025 items the control helps treat
    /// (informative).
    pub owasp_llm: Vec<&'static str>,
    /// `current`, `stale`, `unapproved` or `modified`; null without a decision file
    /// or outside git.
    pub approval: Option<&'static str>,
    /// Who approved the decision in force, when, and how it was verified.
    pub approved: Option<ApprovedEntry>,
    /// The monitors evidencing its effectiveness, with their latest measurement.
    pub monitored_by: Vec<super::EffectivenessEntry>,
}

impl ControlEntry {
    pub fn of(view: &View<'_>, c: &ControlView<'_>) -> ControlEntry {
        let decision = c.decision;
        let objective = c.annex.map(|a| a.objective);
        ControlEntry {
            id: c.id.to_string(),
            objective: objective.map(String::from),
            objective_title: objective
                .and_then(catalog::objective)
                .map(|o| o.title.to_string()),
            title: c.title.to_string(),
            custom: c.is_custom(),
            description: decision.and_then(|d| d.description.clone()),
            decision: c.state,
            applicable: decision.map(|d| d.applicable),
            justification: decision.and_then(|d| d.justification.clone()),
            owner: decision.and_then(|d| d.owner.clone()),
            evidence: decision
                .map(|d| EvidenceEntry::all(&d.evidence))
                .unwrap_or_default(),
            verified: decision.and_then(|d| d.verified),
            risks: c.risks.iter().map(|r| r.to_string()).collect(),
            nist_ai_rmf: catalog::nist_for_control(c.id),
            owasp_llm: catalog::owasp_for_control(c.id),
            approval: c.file.and_then(|f| approval(view, f)),
            approved: c.file.and_then(|f| ApprovedEntry::of(view, f)),
            monitored_by: c
                .monitors
                .iter()
                .map(|&i| super::EffectivenessEntry::of(&view.monitors[i]))
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SoaTotals {
    pub controls: usize,
    pub applicable: usize,
    pub implemented: usize,
    pub partial: usize,
    pub planned: usize,
    pub excluded: usize,
    pub undecided: usize,
}

impl SoaTotals {
    pub fn of(view: &View<'_>) -> SoaTotals {
        let count = |state: SoaState| view.controls.iter().filter(|c| c.state == state).count();
        SoaTotals {
            controls: view.controls.len(),
            applicable: view
                .controls
                .iter()
                .filter(|c| c.decision.is_some_and(|d| d.applicable))
                .count(),
            implemented: count(SoaState::Implemented),
            partial: count(SoaState::Partial),
            planned: count(SoaState::Planned),
            excluded: count(SoaState::Excluded),
            undecided: count(SoaState::NoDecision),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SystemEntry {
    pub id: String,
    pub name: String,
    pub intended_use: String,
    pub lifecycle: &'static str,
    pub organisation_role: &'static str,
    pub model_type: Option<String>,
    pub criticality: Option<String>,
    pub owner: String,
    pub deployment: Option<String>,
    pub in_scope: bool,
    pub scope_note: Option<String>,
    pub suppliers: Vec<String>,
    pub data_inputs: Vec<String>,
    pub users: Vec<String>,
    pub affected_parties: Vec<String>,
    /// Recorded changes, oldest first.
    pub changes: Vec<ChangeEntry>,
    /// Categories looked at and found without a risk, with why.
    pub screening: Vec<ScreeningEntry>,
    pub open_risks: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeEntry {
    pub date: NaiveDate,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScreeningEntry {
    pub category: String,
    pub date: NaiveDate,
    pub rationale: String,
}

impl SystemEntry {
    pub fn of(s: &SystemView<'_>) -> SystemEntry {
        let system = s.system;
        SystemEntry {
            id: system.id.clone(),
            name: system.name.clone(),
            intended_use: system.intended_use.trim().to_string(),
            lifecycle: system.lifecycle.as_str(),
            organisation_role: system.organisation_role.as_str(),
            model_type: system.model_type.clone(),
            criticality: system.criticality.clone(),
            owner: system.owner.clone(),
            deployment: system.deployment.clone(),
            in_scope: system.in_scope,
            scope_note: system.scope_note.as_ref().map(|n| n.trim().to_string()),
            suppliers: system
                .suppliers
                .iter()
                .map(|x| match &x.provides {
                    Some(p) => format!("{} ({p})", x.name),
                    None => x.name.clone(),
                })
                .collect(),
            data_inputs: system.data_inputs.clone(),
            users: system.users.clone(),
            affected_parties: system.affected_parties.clone(),
            changes: {
                let mut changes: Vec<ChangeEntry> = system
                    .changes
                    .iter()
                    .map(|c| ChangeEntry {
                        date: c.date,
                        description: c.description.trim().to_string(),
                    })
                    .collect();
                changes.sort_by_key(|c| c.date);
                changes
            },
            screening: system
                .screening
                .iter()
                .map(|x| ScreeningEntry {
                    category: x.category.clone(),
                    date: x.date,
                    rationale: x.rationale.trim().to_string(),
                })
                .collect(),
            open_risks: s.open_risks,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionEntry {
    pub dimension: String,
    pub not_applicable: Option<String>,
    pub description: Option<String>,
    pub severity: Option<u32>,
    pub likelihood: Option<u32>,
    pub reversible: Option<&'static str>,
    pub mitigations: Vec<String>,
    pub risks: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImpactEntry {
    pub id: String,
    pub system: String,
    pub assessed: NaiveDate,
    pub assessor: String,
    pub affected_groups: Vec<String>,
    pub next_review: Option<NaiveDate>,
    pub dimensions: Vec<DimensionEntry>,
    pub missing: Vec<&'static str>,
}

impl ImpactEntry {
    pub fn of(i: &ImpactView<'_>) -> ImpactEntry {
        let a = i.assessment;
        ImpactEntry {
            id: a.id.clone(),
            system: a.system.clone(),
            assessed: a.assessed,
            assessor: a.assessor.clone(),
            affected_groups: a.affected_groups.clone(),
            next_review: i.next_review.map(|(d, _)| d),
            dimensions: a
                .dimensions
                .iter()
                .map(|d| DimensionEntry {
                    dimension: d.dimension.clone(),
                    not_applicable: d.not_applicable.as_ref().map(|n| n.trim().to_string()),
                    description: d.description.as_ref().map(|n| n.trim().to_string()),
                    severity: d.severity,
                    likelihood: d.likelihood,
                    reversible: d.reversible.map(Reversible::as_str),
                    mitigations: d.mitigations.clone(),
                    risks: d.risks.clone(),
                })
                .collect(),
            missing: i.missing.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SystemImpacts {
    pub system: SystemEntry,
    pub assessments: Vec<ImpactEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IncidentEntry {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub severity: String,
    pub reported: NaiveDate,
    pub reporter: String,
    pub status: &'static str,
    pub closed: Option<NaiveDate>,
    pub systems: Vec<String>,
    pub risks: Vec<String>,
    pub description: String,
    pub root_cause: Option<String>,
    pub corrective_actions: Vec<ActionEntry>,
}

impl IncidentEntry {
    pub fn of(view: &View<'_>, i: &IncidentView<'_>) -> IncidentEntry {
        let n = i.incident;
        IncidentEntry {
            id: n.id.clone(),
            title: n.title.clone(),
            kind: n.kind.as_str(),
            severity: n.severity.clone(),
            reported: n.reported,
            reporter: n.reporter.clone(),
            status: n.status.as_str(),
            closed: n.closed,
            systems: n.systems.clone(),
            risks: n.risks.clone(),
            description: n.description.trim().to_string(),
            root_cause: n.root_cause.as_ref().map(|c| c.trim().to_string()),
            corrective_actions: n
                .corrective_actions
                .iter()
                .map(|a| ActionEntry::of(view, a))
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DueEntry {
    pub due: Option<NaiveDate>,
    /// Days overdue (0 for something never done, such as a control never verified).
    pub days_overdue: i64,
    pub kind: &'static str,
    pub entity: String,
    pub item: Option<String>,
    pub title: String,
    pub owner: Option<String>,
}

impl DueEntry {
    pub fn of(today: NaiveDate, item: DueItem) -> DueEntry {
        DueEntry {
            due: item.due,
            days_overdue: item.due.map_or(0, |d| (today - d).num_days()),
            kind: item.kind.label(),
            entity: item.entity,
            item: item.item,
            title: item.title,
            owner: item.owner,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub id: String,
    pub label: String,
    pub count: usize,
    pub colour: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub risks_above_threshold: usize,
    pub with_treatment: usize,
    pub actions: usize,
    pub done: usize,
    pub in_progress: usize,
    pub planned: usize,
    pub overdue: usize,
}
