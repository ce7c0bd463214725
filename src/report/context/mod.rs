//! The data every report template receives.
//!
//! Each report's context is one serialisable value assembled from the read model
//! ([`View`]), the `aims check` result and the register's provenance. `aims report
//! KIND --format json` prints exactly this value, so it doubles as the documentation
//! of what a custom template can use. Everything is sorted; nothing depends on the
//! clock or on hash order, so the same register and date always give the same bytes.
//! This module only assembles: every value comes derived from the view.

mod clauses;
mod entries;
mod management_review;
mod methodology;
mod monitoring;

use chrono::NaiveDate;
use serde::Serialize;

use crate::finding::Finding;
use crate::trail::Provenance;
use crate::validate::Report;
use crate::view::{RiskView, Scores, View};

pub use clauses::{ClauseEntry, ClauseTotals, StatementEntry};
pub use entries::{
    AcceptanceEntry, ActionEntry, ApprovedEntry, ControlEntry, Count, DimensionEntry, DueEntry,
    EvidenceEntry, ImpactEntry, IncidentEntry, Progress, RiskEntry, ScoreEntry, SoaTotals,
    SystemEntry, SystemImpacts, TreatmentEntry,
};
pub use management_review::ManagementReviewContext;
pub use methodology::{
    BandEntry, CriteriaEntry, HeatCellEntry, HeatMapEntry, HeatRow, LevelEntry, band_colour,
    band_palette,
};
pub use monitoring::{
    Dot, EffectivenessEntry, MonitorEntry, PointEntry, Sparkline, TriggeredEntry,
};

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub report: &'static str,
    pub title: &'static str,
    pub organisation: String,
    pub scope: String,
    pub today: NaiveDate,
    pub source: Option<Provenance>,
    pub check: CheckSummary,
    pub generator: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckSummary {
    pub errors: usize,
    pub warnings: usize,
    pub files: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SoaContext {
    pub meta: Meta,
    pub controls: Vec<ControlEntry>,
    pub totals: SoaTotals,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegisterContext {
    pub meta: Meta,
    pub criteria: Option<CriteriaEntry>,
    pub heatmaps: Vec<HeatMapEntry>,
    pub risks: Vec<RiskEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImpactsContext {
    pub meta: Meta,
    pub systems: Vec<SystemImpacts>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClausesContext {
    pub meta: Meta,
    pub clauses: Vec<ClauseEntry>,
    pub totals: ClauseTotals,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditContext {
    pub meta: Meta,
    pub clauses: Vec<ClauseEntry>,
    pub clause_totals: ClauseTotals,
    pub criteria: Option<CriteriaEntry>,
    pub systems: Vec<SystemEntry>,
    pub heatmaps: Vec<HeatMapEntry>,
    pub risks: Vec<RiskEntry>,
    pub impacts: Vec<SystemImpacts>,
    pub controls: Vec<ControlEntry>,
    pub totals: SoaTotals,
    pub incidents: Vec<IncidentEntry>,
    /// Every monitor (clause 9.1), breaches and warnings first.
    pub monitors: Vec<MonitorEntry>,
    /// Reviews triggered after a risk's or an assessment's last review, soonest due
    /// first.
    pub triggered: Vec<TriggeredEntry>,
    pub overdue: Vec<DueEntry>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoardContext {
    pub meta: Meta,
    pub by_band: Vec<Count>,
    pub by_category: Vec<Count>,
    pub by_system: Vec<Count>,
    pub top_risks: Vec<RiskEntry>,
    /// Open opportunities (clause 6.1.1), most valuable first.
    pub opportunities: Vec<RiskEntry>,
    /// The monitors of the systems in use, breaches and warnings first.
    pub monitors: Vec<MonitorEntry>,
    /// Reviews triggered after a risk's or an assessment's last review, soonest due
    /// first.
    pub triggered: Vec<TriggeredEntry>,
    /// Incidents and nonconformities not yet closed, newest first.
    pub open_incidents: Vec<IncidentEntry>,
    pub overdue: Vec<DueEntry>,
    pub progress: Progress,
    pub totals: SoaTotals,
}

/// Everything the contexts are built from.
pub struct Inputs<'v, 'r> {
    pub view: &'v View<'r>,
    pub check: &'v Report,
    pub source: Option<Provenance>,
    pub generator: String,
}

impl Inputs<'_, '_> {
    pub fn meta(&self, report: &'static str, title: &'static str) -> Meta {
        let summary = self.check.summary();
        let config = self.view.config();
        Meta {
            report,
            title,
            organisation: config.map(|c| c.organisation.clone()).unwrap_or_default(),
            scope: config
                .map(|c| c.scope.trim().to_string())
                .unwrap_or_default(),
            today: self.view.today,
            source: self.source.clone(),
            check: CheckSummary {
                errors: summary.errors,
                warnings: summary.warnings,
                files: summary.files,
            },
            generator: self.generator.clone(),
        }
    }

    fn heatmaps(&self) -> Vec<HeatMapEntry> {
        [
            (Scores::Current, "Current risk"),
            (Scores::Target, "Target risk"),
        ]
        .into_iter()
        .filter_map(|(scores, title)| {
            HeatMapEntry::of(self.view, &self.view.heatmap(scores)?, title)
        })
        .collect()
    }

    /// Every risk, open ones first, most severe first (by band, then score), then by id.
    pub fn risks(&self) -> Vec<RiskEntry> {
        let mut risks: Vec<&RiskView<'_>> = self.view.risks.iter().collect();
        risks.sort_by(|a, b| {
            (!a.is_open())
                .cmp(&!b.is_open())
                .then_with(|| self.view.severity_order(a, b))
        });
        risks
            .into_iter()
            .map(|r| RiskEntry::of(self.view, r))
            .collect()
    }

    /// The SoA: Annex A in Annex A order, then custom controls by id.
    pub fn controls(&self) -> (Vec<ControlEntry>, SoaTotals) {
        (
            self.view
                .controls
                .iter()
                .map(|c| ControlEntry::of(self.view, c))
                .collect(),
            SoaTotals::of(self.view),
        )
    }

    /// Systems by id, in scope first.
    pub fn systems(&self) -> Vec<SystemEntry> {
        let mut systems: Vec<SystemEntry> = self.view.systems.iter().map(SystemEntry::of).collect();
        systems.sort_by(|a, b| b.in_scope.cmp(&a.in_scope).then_with(|| a.id.cmp(&b.id)));
        systems
    }

    /// Per system (in scope first, then by id), its impact assessments by date.
    pub fn impacts(&self) -> Vec<SystemImpacts> {
        let mut systems: Vec<_> = self.view.systems.iter().collect();
        systems.sort_by(|a, b| {
            b.system
                .in_scope
                .cmp(&a.system.in_scope)
                .then_with(|| a.id().cmp(b.id()))
        });
        systems
            .into_iter()
            .map(|s| {
                let mut assessments: Vec<_> = s
                    .assessments
                    .iter()
                    .map(|&i| &self.view.impacts[i])
                    .collect();
                assessments.sort_by(|a, b| {
                    (a.assessment.assessed, a.id()).cmp(&(b.assessment.assessed, b.id()))
                });
                SystemImpacts {
                    system: SystemEntry::of(s),
                    assessments: assessments.into_iter().map(ImpactEntry::of).collect(),
                }
            })
            .collect()
    }

    /// Monitors, breaches first, then early warnings, then by id; `active_only`
    /// leaves out those of systems not in use.
    pub fn monitors(&self, active_only: bool) -> Vec<MonitorEntry> {
        let mut monitors: Vec<_> = self
            .view
            .monitors
            .iter()
            .filter(|m| !active_only || m.active)
            .collect();
        monitors.sort_by(|a, b| b.state.cmp(&a.state).then_with(|| a.id().cmp(b.id())));
        monitors
            .into_iter()
            .map(|m| MonitorEntry::of(self.view, m))
            .collect()
    }

    /// Incidents, newest first.
    pub fn incidents(&self) -> Vec<IncidentEntry> {
        let mut incidents: Vec<_> = self.view.incidents.iter().collect();
        incidents.sort_by(|a, b| {
            b.incident
                .reported
                .cmp(&a.incident.reported)
                .then_with(|| a.id().cmp(b.id()))
        });
        incidents
            .into_iter()
            .map(|i| IncidentEntry::of(self.view, i))
            .collect()
    }

    /// Everything overdue today, most overdue first.
    pub fn overdue(&self) -> Vec<DueEntry> {
        let today = self.view.today;
        let mut items: Vec<DueEntry> = self
            .view
            .due()
            .into_iter()
            .filter(|i| i.overdue(today))
            .map(|i| DueEntry::of(today, i))
            .collect();
        items.sort_by(|a, b| {
            b.days_overdue
                .cmp(&a.days_overdue)
                .then_with(|| crate::catalog::id_order(&a.entity, &b.entity))
                .then_with(|| a.item.cmp(&b.item))
        });
        items
    }

    pub fn soa(&self) -> SoaContext {
        let (controls, totals) = self.controls();
        SoaContext {
            meta: self.meta("soa", "Statement of Applicability"),
            controls,
            totals,
        }
    }

    pub fn register_report(&self) -> RegisterContext {
        RegisterContext {
            meta: self.meta("register", "AI risk register"),
            criteria: CriteriaEntry::of(self.view),
            heatmaps: self.heatmaps(),
            risks: self.risks(),
        }
    }

    pub fn impacts_report(&self) -> ImpactsContext {
        ImpactsContext {
            meta: self.meta("impacts", "AI system impact assessments"),
            systems: self.impacts(),
        }
    }

    /// Every clause 4.1 to 10.2 with its readiness.
    pub fn clauses(&self) -> (Vec<ClauseEntry>, ClauseTotals) {
        let clauses: Vec<ClauseEntry> = self
            .view
            .readiness()
            .into_iter()
            .map(ClauseEntry::of)
            .collect();
        let totals = ClauseTotals::of(&clauses);
        (clauses, totals)
    }

    pub fn clauses_report(&self) -> ClausesContext {
        let (clauses, totals) = self.clauses();
        ClausesContext {
            meta: self.meta("clauses", "ISO/IEC 42001 clause readiness"),
            clauses,
            totals,
        }
    }

    pub fn audit(&self) -> AuditContext {
        let (controls, totals) = self.controls();
        let (clauses, clause_totals) = self.clauses();
        AuditContext {
            meta: self.meta("audit", "AI management system audit pack"),
            clauses,
            clause_totals,
            criteria: CriteriaEntry::of(self.view),
            systems: self.systems(),
            heatmaps: self.heatmaps(),
            risks: self.risks(),
            impacts: self.impacts(),
            controls,
            totals,
            incidents: self.incidents(),
            monitors: self.monitors(false),
            triggered: TriggeredEntry::all(self.view),
            overdue: self.overdue(),
            findings: self.check.findings.clone(),
        }
    }

    pub fn board(&self) -> BoardContext {
        let view = self.view;
        // The board sees risks; opportunities are pursued, not treated, and counted
        // apart.
        let risks = self.risks();
        let open: Vec<&RiskEntry> = risks
            .iter()
            .filter(|r| r.status == "open" && r.kind == "risk")
            .collect();
        let live = |r: &&RiskView<'_>| r.is_open() && !r.is_opportunity();
        let by_band = match &view.criteria.scoring {
            Some(s) => s
                .bands
                .iter()
                .enumerate()
                .map(|(i, b)| Count {
                    id: b.name.clone(),
                    label: b.name.clone(),
                    count: view
                        .risks
                        .iter()
                        .filter(live)
                        .filter(|r| r.rating().is_some_and(|x| x.band == i))
                        .count(),
                    colour: Some(band_colour(i, s.bands.len())),
                })
                .collect(),
            None => Vec::new(),
        };
        let by_category = view
            .categories
            .iter()
            .map(|c| Count {
                id: c.id.to_string(),
                label: c.title.to_string(),
                count: view
                    .risks
                    .iter()
                    .filter(live)
                    .filter(|r| r.risk.category == c.id)
                    .count(),
                colour: None,
            })
            .collect();
        let by_system = self
            .systems()
            .into_iter()
            .filter(|s| s.in_scope)
            .map(|s| Count {
                id: s.id.clone(),
                label: s.name.clone(),
                count: s.open_risks,
                colour: None,
            })
            .collect();
        let above: Vec<&RiskView<'_>> = view
            .risks
            .iter()
            .filter(live)
            .filter(|r| r.above_threshold == Some(true))
            .collect();
        let actions: Vec<&ActionEntry> = open
            .iter()
            .flat_map(|r| r.treatment.iter().flat_map(|t| t.actions.iter()))
            .collect();
        let progress = Progress {
            risks_above_threshold: above.len(),
            with_treatment: above
                .iter()
                .filter(|r| {
                    r.risk.treatment.as_ref().is_some_and(|t| {
                        t.option != crate::model::TreatmentOption::Accept && !t.actions.is_empty()
                    })
                })
                .count(),
            actions: actions.len(),
            done: actions.iter().filter(|a| a.status == "done").count(),
            in_progress: actions.iter().filter(|a| a.status == "in-progress").count(),
            planned: actions.iter().filter(|a| a.status == "planned").count(),
            overdue: actions.iter().filter(|a| a.overdue).count(),
        };
        BoardContext {
            meta: self.meta("board", "AI risk summary for the board"),
            by_band,
            by_category,
            by_system,
            top_risks: open.into_iter().take(10).cloned().collect(),
            opportunities: risks
                .iter()
                .filter(|r| r.status == "open" && r.kind == "opportunity")
                .cloned()
                .collect(),
            monitors: self.monitors(true),
            triggered: TriggeredEntry::all(view),
            open_incidents: self
                .incidents()
                .into_iter()
                .filter(|i| i.status != "closed")
                .collect(),
            overdue: self.overdue(),
            progress,
            totals: SoaTotals::of(view),
        }
    }
}
