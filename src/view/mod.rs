//! The read model: every value derived from the register, computed once per command.
//!
//! A [`View`] is built from an opened [`Register`] and the date to judge by. It holds
//! the compiled criteria and review cycles (with their defaults), the id index, the
//! category set, and one typed view per entity: a risk's ratings, band, threshold
//! status, next review and triggers; a control's SoA state and citing risks; a
//! system's risks, coverage, assessments and incidents; an assessment's next review
//! and missing dimensions; an incident's open actions. Heat maps, the due list and the
//! evidence citations are computed from those. `validate`, `report`, `compare`,
//! `import` and every command read these values and derive none themselves, so that
//! `check`, the lists, the reports and the exports always agree. Statuses stay enums
//! until they are serialised. Nothing here reads files, git or the clock.

mod actions;
mod approvals;
mod audit;
mod context;
mod control;
mod criteria;
mod due;
mod evaluation;
mod evidence;
mod heatmap;
mod impact;
mod index;
mod management_review;
mod objective;
mod policy;
mod readiness;
mod risk;
mod system;

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::catalog;
use crate::finding::{Finding, Rule};
use crate::model::{Config, FileKind, Incident, RiskStatus};
use crate::register::{Document, Loading, Register};
use crate::trail::status::ApprovalStates;

pub use actions::ActionList;
pub use audit::{AuditView, Conflict, FindingAction, FindingView, Programme};
pub use context::{CompetenceView, ContextView};
pub use control::{ControlView, SoaState};
pub use criteria::{CompiledCriteria, Cycles, ImpactScales};
pub use due::{DueItem, DueKind};
pub use evidence::EvidenceUse;
pub use heatmap::{HeatCell, HeatMap, Scores};
pub use impact::{ImpactView, IncidentView};
pub use index::Index;
pub use management_review::ManagementReviewView;
pub use objective::{MeasuredBy, ObjectiveView, Reading};
pub use policy::PolicyView;
pub use readiness::{ClauseReadiness, Readiness, Record, StatementView};
pub use risk::{RiskView, Scored, Trigger, TriggerCause};
pub use system::{Coverage, SystemView};

/// A risk category of the register: built-in or from `aims.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskCategory<'r> {
    pub id: &'r str,
    pub title: &'r str,
    pub builtin: bool,
}

/// The register and everything derived from it, as of one date.
#[derive(Debug)]
pub struct View<'r> {
    pub register: &'r Register,
    pub today: NaiveDate,
    pub criteria: CompiledCriteria,
    pub cycles: Cycles,
    /// The labels of the impact assessment scales.
    pub impact_scales: ImpactScales,
    pub index: Index<'r>,
    /// The built-in categories, then the register's own.
    pub categories: Vec<RiskCategory<'r>>,
    /// In register order (by file name).
    pub risks: Vec<RiskView<'r>>,
    /// Annex A controls in Annex A order, then custom controls by id.
    pub controls: Vec<ControlView<'r>>,
    pub systems: Vec<SystemView<'r>>,
    pub impacts: Vec<ImpactView<'r>>,
    pub incidents: Vec<IncidentView<'r>>,
    /// `context.yaml`, when it loaded.
    pub context: Option<ContextView<'r>>,
    pub policies: Vec<PolicyView<'r>>,
    pub objectives: Vec<ObjectiveView<'r>>,
    /// Every competence record of every role, in `aims.yaml` order.
    pub competence: Vec<CompetenceView<'r>>,
    /// Internal audits, in register order.
    pub audits: Vec<AuditView<'r>>,
    /// What the audits done within `internal_audit_every` covered.
    pub programme: Programme<'r>,
    /// Management reviews, in register order.
    pub management_reviews: Vec<ManagementReviewView<'r>>,
    /// The approval state of every entity, from git history, when asked for
    /// ([`View::with_approvals`]).
    pub approvals: Option<ApprovalStates>,
    /// Why the approval states were not read, when they were asked for and could not
    /// be: "no commits yet", "not a git repository".
    pub approvals_unread: Option<&'static str>,
}

impl<'r> View<'r> {
    /// Derives everything from `register` as of `today`.
    pub fn new(register: &'r Register, today: NaiveDate) -> View<'r> {
        let config = register.config.as_ref().map(|c| &c.value);
        let mut criteria = CompiledCriteria::of(register);
        let (impact_scales, scale_findings) = ImpactScales::of(register);
        criteria.findings.extend(scale_findings);
        let cycles = Cycles::of(config);
        let path = |doc: usize| register.documents[doc].path.as_str();

        let mut categories: Vec<RiskCategory<'r>> = catalog::CATEGORIES
            .iter()
            .map(|c| RiskCategory {
                id: c.id,
                title: c.title,
                builtin: true,
            })
            .collect();
        categories.extend(config.into_iter().flat_map(|c| {
            c.categories.iter().map(|x| RiskCategory {
                id: &x.id,
                title: &x.title,
                builtin: false,
            })
        }));

        let index = Index::new(register, &categories);

        let mut incidents_by_risk: BTreeMap<&str, Vec<&Incident>> = BTreeMap::new();
        for e in &register.incidents {
            for risk in &e.value.risks {
                incidents_by_risk.entry(risk).or_default().push(&e.value);
            }
        }
        let scoring = criteria.scoring.as_ref();
        let risks: Vec<RiskView<'r>> = register
            .risks
            .iter()
            .map(|e| {
                let triggers = triggers(&index, &incidents_by_risk, &e.value);
                RiskView::new(e.doc, &e.value, path(e.doc), scoring, today, triggers)
            })
            .collect();

        let impacts: Vec<ImpactView<'r>> = register
            .impacts
            .iter()
            .map(|e| {
                let in_scope = index.in_scope(&e.value.system);
                ImpactView::new(
                    e.doc,
                    &e.value,
                    path(e.doc),
                    cycles.impact_review,
                    today,
                    in_scope,
                )
            })
            .collect();
        let incidents: Vec<IncidentView<'r>> = register
            .incidents
            .iter()
            .map(|e| IncidentView {
                doc: e.doc,
                incident: &e.value,
                file: path(e.doc),
                open_actions: e
                    .value
                    .corrective_actions
                    .iter()
                    .filter(|a| a.status.is_open())
                    .count(),
            })
            .collect();

        let controls = controls(register, &risks, &categories, cycles);
        let systems = systems(register, &categories, &risks, &impacts, &incidents);
        let context = register.context.as_ref().map(|e| {
            ContextView::new(
                e.doc,
                &e.value,
                path(e.doc),
                cycles.management_review,
                today,
            )
        });
        let policies: Vec<PolicyView<'r>> = register
            .policies
            .iter()
            .map(|e| {
                PolicyView::new(
                    e.doc,
                    &e.value,
                    path(e.doc),
                    &index,
                    cycles.policy_review,
                    today,
                )
            })
            .collect();
        let objectives = register
            .objectives
            .iter()
            .map(|e| ObjectiveView::new(e.doc, &e.value, path(e.doc), None))
            .collect();
        let competence = context::competence(config, today);
        let audit_inputs = audit::AuditInputs {
            systems: &systems,
            risks: &risks,
            controls: &controls,
            incidents: &incidents,
            policies: &policies,
            every: cycles.internal_audit,
            today,
        };
        let audits: Vec<AuditView<'r>> = register
            .audits
            .iter()
            .map(|e| AuditView::new(e.doc, &e.value, path(e.doc), &audit_inputs))
            .collect();
        let programme = audit::programme(&audits, &controls, cycles.internal_audit, today);
        let top = management_review::top_management(register);
        let management_reviews = register
            .management_reviews
            .iter()
            .map(|e| ManagementReviewView::new(e.doc, &e.value, path(e.doc), &top))
            .collect();
        View {
            register,
            today,
            criteria,
            cycles,
            impact_scales,
            index,
            categories,
            risks,
            controls,
            systems,
            impacts,
            incidents,
            context,
            policies,
            objectives,
            competence,
            audits,
            programme,
            management_reviews,
            approvals: None,
            approvals_unread: None,
        }
    }

    /// `aims.yaml`, when it loaded.
    pub fn config(&self) -> Option<&'r Config> {
        self.register.config.as_ref().map(|c| &c.value)
    }

    pub fn document(&self, doc: usize) -> &'r Document {
        &self.register.documents[doc]
    }

    pub fn risk(&self, id: &str) -> Option<&RiskView<'r>> {
        self.risks.iter().find(|r| r.id() == id)
    }

    pub fn control(&self, id: &str) -> Option<&ControlView<'r>> {
        self.controls.iter().find(|c| c.id == id)
    }

    pub fn system(&self, id: &str) -> Option<&SystemView<'r>> {
        self.systems.iter().find(|s| s.id() == id)
    }

    pub fn impact(&self, id: &str) -> Option<&ImpactView<'r>> {
        self.impacts.iter().find(|i| i.id() == id)
    }

    pub fn incident(&self, id: &str) -> Option<&IncidentView<'r>> {
        self.incidents.iter().find(|i| i.id() == id)
    }

    pub fn policy(&self, id: &str) -> Option<&PolicyView<'r>> {
        self.policies.iter().find(|p| p.id() == id)
    }

    pub fn objective(&self, id: &str) -> Option<&ObjectiveView<'r>> {
        self.objectives.iter().find(|o| o.id() == id)
    }

    /// The title of a category, or the id itself when it is not defined.
    pub fn category_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.categories
            .iter()
            .find(|c| c.id == id)
            .map_or(id, |c| c.title)
    }

    /// The heat map of open risks for current or target scores; `None` when the
    /// criteria are unusable.
    pub fn heatmap(&self, scores: Scores) -> Option<HeatMap<'r>> {
        let scoring = self.criteria.scoring.as_ref()?;
        Some(HeatMap::new(scoring, &self.risks, scores))
    }

    /// `3x4 = 12 (band high)`, or `3x4 = 12` when the score cannot be rated.
    pub fn describe(&self, likelihood: u32, consequence: u32) -> String {
        match self
            .criteria
            .scoring
            .as_ref()
            .and_then(|s| s.rate(likelihood, consequence).ok().map(|r| s.describe(&r)))
        {
            Some(text) => text,
            None => format!("{likelihood}x{consequence} = {}", likelihood * consequence),
        }
    }

    /// Orders risks most severe first: by band and score as the criteria rank them
    /// (scores alone when a risk cannot be rated), then by id.
    pub fn severity_order(&self, a: &RiskView<'_>, b: &RiskView<'_>) -> Ordering {
        let score = |r: &RiskView<'_>| r.risk.assessment.likelihood * r.risk.assessment.consequence;
        match (&self.criteria.scoring, a.rating(), b.rating()) {
            (Some(s), Some(x), Some(y)) => s.compare(&y, &x),
            _ => score(b).cmp(&score(a)),
        }
        .then_with(|| a.id().cmp(b.id()))
    }

    /// The approval state of the entity in file `path`, when approvals were read.
    pub fn approval(&self, path: &str) -> Option<&crate::trail::status::EntityStatus> {
        self.approvals.as_ref()?.get(path)
    }

    /// A finding about document `doc`, at the node `pointer` names, naming the
    /// document's entity.
    pub fn finding(
        &self,
        rule: Rule,
        doc: usize,
        pointer: &str,
        message: impl Into<String>,
    ) -> Finding {
        let document = self.document(doc);
        let mut finding = Finding::new(rule, &document.path, message);
        finding.at = document.locate(pointer);
        finding.pointer = Some(pointer.to_string());
        if document.kind != FileKind::Config {
            finding.entity = Some(document.stem.clone());
        }
        finding
    }
}

/// Incidents citing an open risk, and changes of its systems, after its last review.
fn triggers<'r>(
    index: &Index<'r>,
    incidents_by_risk: &BTreeMap<&str, Vec<&'r Incident>>,
    risk: &'r crate::model::Risk,
) -> Vec<Trigger<'r>> {
    if risk.status == RiskStatus::Closed {
        return Vec::new();
    }
    let last = risk.review.last.unwrap_or(risk.identified);
    let mut out: Vec<Trigger<'r>> = incidents_by_risk
        .get(risk.id.as_str())
        .into_iter()
        .flatten()
        .filter(|i| i.reported > last)
        .map(|i| Trigger {
            date: i.reported,
            cause: TriggerCause::Incident { id: &i.id },
        })
        .collect();
    for system_id in &risk.systems {
        let Some(system) = index.system.get(system_id.as_str()) else {
            continue;
        };
        out.extend(
            system
                .changes
                .iter()
                .filter(|c| c.date > last)
                .map(|c| Trigger {
                    date: c.date,
                    cause: TriggerCause::SystemChange {
                        system: &system.id,
                        description: &c.description,
                    },
                }),
        );
    }
    out
}

/// Every Annex A control in Annex A order, then the custom controls by id, with the
/// risks citing each.
fn controls<'r>(
    register: &'r Register,
    risks: &[RiskView<'r>],
    categories: &[RiskCategory<'r>],
    cycles: Cycles,
) -> Vec<ControlView<'r>> {
    let in_use: BTreeSet<&str> = risks
        .iter()
        .filter(|r| r.is_open())
        .map(|r| r.risk.category.as_str())
        .collect();
    let custom = register
        .config
        .iter()
        .flat_map(|c| c.value.categories.iter());
    let mut suggesting: BTreeMap<&str, Vec<&'r str>> = BTreeMap::new();
    for category in categories.iter().filter(|c| in_use.contains(c.id)) {
        let suggested: Vec<&'r str> = match catalog::category(category.id) {
            Some(builtin) if category.builtin => builtin.controls.to_vec(),
            _ => custom
                .clone()
                .filter(|c| c.id == category.id)
                .flat_map(|c| c.controls.iter().map(String::as_str))
                .collect(),
        };
        for control in suggested {
            suggesting.entry(control).or_default().push(category.id);
        }
    }
    let mut citing: BTreeMap<&str, Vec<&'r str>> = BTreeMap::new();
    for r in risks {
        let mut seen = BTreeSet::new();
        for control in &r.risk.controls {
            if seen.insert(control.as_str()) {
                citing.entry(control).or_default().push(r.id());
            }
        }
    }
    let decisions: BTreeMap<&str, (usize, &'r crate::model::SoaDecision)> = register
        .controls
        .iter()
        .map(|e| (e.value.id.as_str(), (e.doc, &e.value)))
        .collect();
    let view = |id: &'r str, annex: Option<&'static catalog::Control>| {
        let found = decisions.get(id).copied();
        let decision = found.map(|(_, d)| d);
        ControlView {
            id,
            annex,
            decision,
            doc: found.map(|(doc, _)| doc),
            file: found.map(|(doc, _)| register.documents[doc].path.as_str()),
            title: annex.map_or_else(
                || decision.and_then(|d| d.title.as_deref()).unwrap_or(""),
                |a| a.title,
            ),
            state: SoaState::of(decision),
            risks: citing.get(id).cloned().unwrap_or_default(),
            suggested_by: suggesting.get(id).cloned().unwrap_or_default(),
            verification: decision
                .and_then(|d| crate::schedule::control_verification(d, cycles.control_review)),
        }
    };
    let mut out: Vec<ControlView<'r>> = catalog::CONTROLS
        .iter()
        .map(|c| view(c.id, Some(c)))
        .collect();
    let mut custom: Vec<&'r str> = decisions
        .keys()
        .copied()
        .filter(|id| catalog::control(id).is_none())
        .collect();
    custom.sort_unstable();
    out.extend(custom.into_iter().map(|id| view(id, None)));
    out
}

/// What the risk files that failed to load may cover: (system, category) pairs, with
/// `None` for any system or any category where the file does not say.
struct Unloaded<'r> {
    covers: Vec<(Option<&'r str>, Option<&'r str>)>,
}

impl<'r> Unloaded<'r> {
    fn of(register: &'r Register) -> Unloaded<'r> {
        let mut covers = Vec::new();
        for doc in &register.documents {
            let (FileKind::Entity(crate::model::Kind::Risk), Loading::Failed(sketch)) =
                (doc.kind, &doc.loading)
            else {
                continue;
            };
            match sketch {
                Some(sketch) if !sketch.systems.is_empty() => covers.extend(
                    sketch
                        .systems
                        .iter()
                        .map(|s| (Some(s.as_str()), sketch.category.as_deref())),
                ),
                Some(sketch) => covers.push((None, sketch.category.as_deref())),
                None => covers.push((None, None)),
            }
        }
        Unloaded { covers }
    }

    fn may_cover(&self, system: &str, category: &str) -> bool {
        self.covers
            .iter()
            .any(|(s, c)| s.is_none_or(|s| s == system) && c.is_none_or(|c| c == category))
    }
}

/// Each system with its risks, coverage by category, assessments and incidents.
fn systems<'r>(
    register: &'r Register,
    categories: &[RiskCategory<'r>],
    risks: &[RiskView<'r>],
    impacts: &[ImpactView<'r>],
    incidents: &[IncidentView<'r>],
) -> Vec<SystemView<'r>> {
    let mut by_system: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in risks.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for s in &r.risk.systems {
            if seen.insert(s.as_str()) {
                by_system.entry(s).or_default().push(i);
            }
        }
    }
    let unknown = Unloaded::of(register);
    let mut assessed: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in impacts.iter().enumerate() {
        assessed.entry(&a.assessment.system).or_default().push(i);
    }
    let mut involved: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, n) in incidents.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for s in &n.incident.systems {
            if seen.insert(s.as_str()) {
                involved.entry(s).or_default().push(i);
            }
        }
    }
    register
        .systems
        .iter()
        .map(|e| {
            let system = &e.value;
            let id = system.id.as_str();
            let mine: Vec<usize> = by_system.get(id).cloned().unwrap_or_default();
            let by_risk: BTreeSet<&str> = mine
                .iter()
                .map(|&i| risks[i].risk.category.as_str())
                .collect();
            let screened: BTreeSet<&str> = system
                .screening
                .iter()
                .map(|s| s.category.as_str())
                .collect();
            SystemView {
                doc: e.doc,
                system,
                file: &register.documents[e.doc].path,
                open_risks: mine
                    .iter()
                    .filter(|&&i| risks[i].is_open() && !risks[i].is_opportunity())
                    .count(),
                risks: mine,
                assessments: assessed.get(id).cloned().unwrap_or_default(),
                incidents: involved.get(id).cloned().unwrap_or_default(),
                coverage: categories
                    .iter()
                    .map(|c| {
                        let how = if by_risk.contains(c.id) {
                            Coverage::Risk
                        } else if screened.contains(c.id) {
                            Coverage::Screened
                        } else if unknown.may_cover(id, c.id) {
                            Coverage::Unknown
                        } else {
                            Coverage::Missing
                        };
                        (c.id, how)
                    })
                    .collect(),
            }
        })
        .collect()
}
