//! The read model: every value derived from the register, computed once per command.
//!
//! A [`View`] is built from an opened [`Register`] and the date to judge by. It holds
//! the compiled criteria and review cycles (with their defaults), the id index, the
//! category set, and one typed view per entity: a risk's ratings, band, threshold
//! status, next review and triggered reviews; a control's SoA state, citing risks and
//! the monitors evidencing it; a system's risks, coverage, assessments, incidents and
//! monitors; an assessment's next review, triggered reviews and missing dimensions; an
//! incident's open actions; a monitor's series, state, breaches and next measurement;
//! the records of the management system (context, policies, objectives, competence).
//! Heat maps, the due list and the evidence citations are computed from those.
//! `validate`, `report`, `compare`, `import` and every command read these values and
//! derive none themselves, so that `check`, the lists, the reports and the exports
//! always agree. Statuses stay enums until they are serialised. Nothing here reads
//! files, git or the clock: what git history says (approvals, the last change of the
//! criteria) is handed in as data.

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
mod monitor;
mod objective;
mod policy;
mod readiness;
mod risk;
mod system;
mod trigger;

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::catalog;
use crate::finding::{Finding, Rule};
use crate::model::{Config, FileKind};
use crate::register::measurements::MeasurementFile;
use crate::register::{Document, Register};
use crate::trail::criteria::CriteriaChange;
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
pub use monitor::{MonitorState, MonitorView};
pub use objective::{MeasuredBy, ObjectiveView, Reading};
pub use policy::PolicyView;
pub use readiness::{ClauseReadiness, Readiness, Record, StatementView};
pub use risk::{RiskView, Scored};
pub use system::{Coverage, SystemView};
pub use trigger::{Trigger, TriggerCause};

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
    /// In register order (by file name).
    pub monitors: Vec<MonitorView<'r>>,
    /// When the risk criteria last changed, from git history, when it was read
    /// ([`View::with_history`]).
    pub criteria_change: Option<CriteriaChange>,
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
    /// Derives everything from `register` as of `today`, from the files alone.
    pub fn new(register: &'r Register, today: NaiveDate) -> View<'r> {
        View::with_history(register, today, None)
    }

    /// Derives everything from `register` as of `today`, with what git history says
    /// that the files cannot: when the risk criteria last changed (which triggers the
    /// review of every open risk reviewed before).
    pub fn with_history(
        register: &'r Register,
        today: NaiveDate,
        criteria_change: Option<CriteriaChange>,
    ) -> View<'r> {
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

        let measured: BTreeMap<&str, &'r MeasurementFile> = register
            .measurements
            .iter()
            .map(|m| (m.id.as_str(), m))
            .collect();
        let monitors: Vec<MonitorView<'r>> = register
            .monitors
            .iter()
            .map(|e| {
                let monitor = &e.value;
                let system = index
                    .system
                    .get(monitor.system.as_str())
                    .map(|s| (s.in_scope, s.lifecycle));
                MonitorView::new(
                    e.doc,
                    monitor,
                    path(e.doc),
                    measured.get(monitor.id.as_str()).copied(),
                    today,
                    system,
                )
            })
            .collect();
        let triggers = trigger::Triggers::new(
            today,
            cycles.triggered_review,
            &index.system,
            register.incidents.iter().map(|e| &e.value),
            &monitors,
            criteria_change.as_ref(),
        );
        let scoring = criteria.scoring.as_ref();
        let risks: Vec<RiskView<'r>> = register
            .risks
            .iter()
            .map(|e| {
                let triggers = triggers.of_risk(&e.value);
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
                    // Assessments of systems outside the scope are not judged.
                    if in_scope {
                        triggers.of_impact(&e.value)
                    } else {
                        Vec::new()
                    },
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

        drop(triggers);
        let controls = control::controls(register, &risks, &categories, &monitors, cycles);
        let systems = system::systems(
            register,
            &categories,
            &risks,
            &impacts,
            &incidents,
            &monitors,
        );
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
            .map(|e| {
                let monitored = e
                    .value
                    .metric
                    .as_ref()
                    .and_then(|m| m.monitor.as_deref())
                    .and_then(|id| monitors.iter().find(|m| m.id() == id))
                    .and_then(MonitorView::reading);
                ObjectiveView::new(e.doc, &e.value, path(e.doc), monitored)
            })
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
            monitors,
            criteria_change,
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

    pub fn monitor(&self, id: &str) -> Option<&MonitorView<'r>> {
        self.monitors.iter().find(|m| m.id() == id)
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
