//! The data every report template receives.
//!
//! Each report's context is one serialisable value built from the register, its
//! criteria, the `aims check` result and today's date. `aims report KIND --format json`
//! prints exactly this value, so it doubles as the documentation of what a custom
//! template can use. Everything is sorted; nothing depends on the clock or on hash
//! order, so the same register and date always give the same bytes.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalog;
use crate::criteria::{Rating, Scoring};
use crate::finding::Severity;
use crate::model::Duration;
use crate::model::{
    Action, AiSystem, ControlStatus, Evidence, ImpactAssessment, Incident, Risk, RiskStatus,
};
use crate::register::Register;
use crate::schedule::{self, DueKind};
use crate::trail::Provenance;
use crate::validate::Report;

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
pub struct LevelView {
    pub level: u32,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandView {
    pub name: String,
    pub max: Option<u32>,
    pub review_every: String,
    pub colour: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriteriaView {
    pub likelihood: Vec<LevelView>,
    pub consequence: Vec<LevelView>,
    pub consequence_areas: Vec<String>,
    pub bands: Vec<BandView>,
    /// `product` (likelihood x consequence) or `matrix`.
    pub method: &'static str,
    pub threshold: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeatCell {
    pub likelihood: u32,
    pub consequence: u32,
    pub band: String,
    pub colour: &'static str,
    pub count: usize,
    pub risks: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeatRow {
    pub likelihood: u32,
    pub name: String,
    pub cells: Vec<HeatCell>,
}

/// A likelihood x consequence grid, highest likelihood first.
#[derive(Debug, Clone, Serialize)]
pub struct HeatMap {
    pub title: &'static str,
    pub rows: Vec<HeatRow>,
    pub consequence: Vec<LevelView>,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreView {
    pub likelihood: u32,
    pub consequence: u32,
    pub score: u32,
    pub band: Option<String>,
    pub colour: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub reference: String,
    pub url: bool,
    pub date: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub id: String,
    pub description: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: &'static str,
    pub completed: Option<NaiveDate>,
    pub overdue: bool,
    pub evidence: Vec<EvidenceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AcceptanceView {
    pub justification: Option<String>,
    pub approved_by: Option<String>,
    pub date: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TreatmentView {
    pub option: &'static str,
    pub rationale: Option<String>,
    pub actions: Vec<ActionView>,
    pub acceptance: Option<AcceptanceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskView {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    pub systems: Vec<String>,
    pub category: String,
    pub category_title: String,
    pub sources: Vec<String>,
    pub owner: String,
    pub identified: NaiveDate,
    pub cause: Option<String>,
    pub event: Option<String>,
    pub consequence: Option<String>,
    pub assessment: ScoreView,
    pub rationale: Option<String>,
    pub target: Option<ScoreView>,
    pub controls: Vec<String>,
    pub treatment: Option<TreatmentView>,
    pub last_review: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
    pub review_overdue: bool,
    pub closed_reason: Option<String>,
    pub file: String,
    /// `current`, `stale`, `unapproved` or `modified`; null outside git.
    pub approval: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ControlView {
    pub id: String,
    pub objective: Option<String>,
    pub objective_title: Option<String>,
    pub title: String,
    pub custom: bool,
    pub description: Option<String>,
    /// `implemented`, `partial`, `planned`, `excluded`, `no status` or `no decision`.
    pub decision: String,
    pub applicable: Option<bool>,
    pub justification: Option<String>,
    pub owner: Option<String>,
    pub evidence: Vec<EvidenceView>,
    pub verified: Option<NaiveDate>,
    /// Risks citing the control, derived from the risk register.
    pub risks: Vec<String>,
    /// `current`, `stale`, `unapproved` or `modified`; null without a decision file
    /// or outside git.
    pub approval: Option<&'static str>,
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

#[derive(Debug, Clone, Serialize)]
pub struct SystemView {
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
    pub open_risks: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionView {
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
pub struct ImpactView {
    pub id: String,
    pub system: String,
    pub assessed: NaiveDate,
    pub assessor: String,
    pub affected_groups: Vec<String>,
    pub next_review: Option<NaiveDate>,
    pub dimensions: Vec<DimensionView>,
    pub missing: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SystemImpacts {
    pub system: SystemView,
    pub assessments: Vec<ImpactView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IncidentView {
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
    pub corrective_actions: Vec<ActionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DueView {
    pub due: Option<NaiveDate>,
    /// Days overdue (0 for something never done, such as a control never verified).
    pub days_overdue: i64,
    pub kind: &'static str,
    pub entity: String,
    pub item: Option<String>,
    pub title: String,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub rule: &'static str,
    pub severity: &'static str,
    pub file: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub entity: Option<String>,
    pub message: String,
    pub hint: Option<String>,
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

#[derive(Debug, Clone, Serialize)]
pub struct SoaContext {
    pub meta: Meta,
    pub controls: Vec<ControlView>,
    pub totals: SoaTotals,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegisterContext {
    pub meta: Meta,
    pub criteria: Option<CriteriaView>,
    pub heatmaps: Vec<HeatMap>,
    pub risks: Vec<RiskView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImpactsContext {
    pub meta: Meta,
    pub systems: Vec<SystemImpacts>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditContext {
    pub meta: Meta,
    pub criteria: Option<CriteriaView>,
    pub systems: Vec<SystemView>,
    pub heatmaps: Vec<HeatMap>,
    pub risks: Vec<RiskView>,
    pub impacts: Vec<SystemImpacts>,
    pub controls: Vec<ControlView>,
    pub totals: SoaTotals,
    pub incidents: Vec<IncidentView>,
    pub overdue: Vec<DueView>,
    pub findings: Vec<FindingView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoardContext {
    pub meta: Meta,
    pub by_band: Vec<Count>,
    pub by_category: Vec<Count>,
    pub by_system: Vec<Count>,
    pub top_risks: Vec<RiskView>,
    pub overdue: Vec<DueView>,
    pub progress: Progress,
    pub totals: SoaTotals,
}

/// Colours from the lowest band (green) to the highest (red, then purple).
pub fn band_colour(index: usize, bands: usize) -> &'static str {
    const RAMP: [&str; 5] = ["#4caf50", "#fdd835", "#fb8c00", "#e53935", "#8e24aa"];
    if bands <= 1 {
        return RAMP[0];
    }
    let position = index * (RAMP.len() - 2) / (bands - 1);
    RAMP[position.min(RAMP.len() - 1)]
}

/// Everything the contexts are built from.
pub struct Inputs<'r> {
    pub register: &'r Register,
    pub check: &'r Report,
    pub today: NaiveDate,
    pub source: Option<Provenance>,
    pub generator: String,
    /// Approval state per entity file, when read from git.
    pub approvals: BTreeMap<String, &'static str>,
}

impl<'r> Inputs<'r> {
    fn scoring(&self) -> Option<Scoring> {
        self.register
            .config
            .as_ref()
            .and_then(|c| Scoring::new(&c.value.criteria).ok())
    }

    fn cycle(&self, pick: impl Fn(&crate::model::Config) -> Option<Duration>) -> Duration {
        self.register
            .config
            .as_ref()
            .and_then(|c| pick(&c.value))
            .unwrap_or(Duration::ONE_YEAR)
    }

    pub fn meta(&self, report: &'static str, title: &'static str) -> Meta {
        let summary = self.check.summary();
        let config = self.register.config.as_ref().map(|c| &c.value);
        Meta {
            report,
            title,
            organisation: config.map(|c| c.organisation.clone()).unwrap_or_default(),
            scope: config
                .map(|c| c.scope.trim().to_string())
                .unwrap_or_default(),
            today: self.today,
            source: self.source.clone(),
            check: CheckSummary {
                errors: summary.errors,
                warnings: summary.warnings,
                files: summary.files,
            },
            generator: self.generator.clone(),
        }
    }

    fn criteria(&self, scoring: Option<&Scoring>) -> Option<CriteriaView> {
        let config = &self.register.config.as_ref()?.value;
        let scoring = scoring?;
        let levels = |levels: &[crate::model::Level]| {
            levels
                .iter()
                .map(|l| LevelView {
                    level: l.level,
                    name: l.name.clone(),
                    description: l.description.clone(),
                })
                .collect()
        };
        Some(CriteriaView {
            likelihood: levels(&config.criteria.likelihood),
            consequence: levels(&config.criteria.consequence),
            consequence_areas: config.criteria.consequence_areas.clone(),
            bands: scoring
                .bands
                .iter()
                .enumerate()
                .map(|(i, b)| BandView {
                    name: b.name.clone(),
                    max: b.max,
                    review_every: b.review_every.to_string(),
                    colour: band_colour(i, scoring.bands.len()),
                })
                .collect(),
            method: if config.criteria.matrix.is_some() {
                "matrix"
            } else {
                "product"
            },
            threshold: scoring.threshold_text(),
        })
    }

    fn score(&self, scoring: Option<&Scoring>, likelihood: u32, consequence: u32) -> ScoreView {
        let rating = scoring.and_then(|s| s.rate(likelihood, consequence).ok());
        let band = scoring
            .zip(rating)
            .map(|(s, r)| (s.band(&r).name.clone(), band_colour(r.band, s.bands.len())));
        ScoreView {
            likelihood,
            consequence,
            score: likelihood * consequence,
            band: band.as_ref().map(|b| b.0.clone()),
            colour: band.map(|b| b.1),
        }
    }

    fn heatmaps(&self, scoring: Option<&Scoring>) -> Vec<HeatMap> {
        let Some(scoring) = scoring else {
            return Vec::new();
        };
        let config = &self
            .register
            .config
            .as_ref()
            .expect("scoring implies a config")
            .value;
        let open: Vec<&Risk> = self
            .register
            .risks
            .iter()
            .map(|r| &r.value)
            .filter(|r| r.status == RiskStatus::Open)
            .collect();
        let map = |title: &'static str, pick: &dyn Fn(&Risk) -> Option<(u32, u32)>| {
            let mut total = 0;
            let rows = (1..=scoring.likelihood_levels)
                .rev()
                .map(|l| HeatRow {
                    likelihood: l,
                    name: scoring.likelihood_names[(l - 1) as usize].clone(),
                    cells: (1..=scoring.consequence_levels)
                        .map(|c| {
                            let rating: Rating =
                                scoring.rate(l, c).expect("levels come from the scale");
                            let risks: Vec<String> = open
                                .iter()
                                .filter(|r| pick(r) == Some((l, c)))
                                .map(|r| r.id.clone())
                                .collect();
                            total += risks.len();
                            HeatCell {
                                likelihood: l,
                                consequence: c,
                                band: scoring.band(&rating).name.clone(),
                                colour: band_colour(rating.band, scoring.bands.len()),
                                count: risks.len(),
                                risks,
                            }
                        })
                        .collect(),
                })
                .collect();
            HeatMap {
                title,
                rows,
                consequence: config
                    .criteria
                    .consequence
                    .iter()
                    .map(|l| LevelView {
                        level: l.level,
                        name: l.name.clone(),
                        description: l.description.clone(),
                    })
                    .collect(),
                total,
            }
        };
        vec![
            map("Current risk", &|r| {
                Some((r.assessment.likelihood, r.assessment.consequence))
            }),
            map("Target risk", &|r| {
                r.target.as_ref().map(|t| (t.likelihood, t.consequence))
            }),
        ]
    }

    fn action(&self, action: &Action) -> ActionView {
        ActionView {
            id: action.id.clone(),
            description: action.description.clone(),
            owner: action.owner.clone(),
            due: action.due,
            status: action.status.as_str(),
            completed: action.completed,
            overdue: action.status.is_open() && action.due.is_some_and(|d| d < self.today),
            evidence: evidence(&action.evidence),
        }
    }

    /// Every risk, most severe first (by band, then score), then by id.
    pub fn risks(&self, scoring: Option<&Scoring>) -> Vec<RiskView> {
        let mut risks: Vec<(Option<Rating>, RiskView)> = self
            .register
            .risks
            .iter()
            .map(|e| {
                let r = &e.value;
                let rating = scoring.and_then(|s| {
                    s.rate(r.assessment.likelihood, r.assessment.consequence)
                        .ok()
                });
                let review = schedule::risk_review(r, scoring);
                let view = RiskView {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    status: r.status.as_str(),
                    systems: r.systems.clone(),
                    category: r.category.clone(),
                    category_title: category_title(self.register, &r.category),
                    sources: r.sources.clone(),
                    owner: r.owner.clone(),
                    identified: r.identified,
                    cause: r.cause.clone(),
                    event: r.event.clone(),
                    consequence: r.consequence.clone(),
                    assessment: self.score(
                        scoring,
                        r.assessment.likelihood,
                        r.assessment.consequence,
                    ),
                    rationale: r.assessment.rationale.clone(),
                    target: r
                        .target
                        .as_ref()
                        .map(|t| self.score(scoring, t.likelihood, t.consequence)),
                    controls: r.controls.clone(),
                    treatment: r.treatment.as_ref().map(|t| TreatmentView {
                        option: t.option.as_str(),
                        rationale: t.rationale.clone(),
                        actions: t.actions.iter().map(|a| self.action(a)).collect(),
                        acceptance: t.acceptance.as_ref().map(|a| AcceptanceView {
                            justification: a.justification.clone(),
                            approved_by: a.approved_by.clone(),
                            date: a.date,
                            expires: a.expires,
                        }),
                    }),
                    last_review: r.review.last,
                    next_review: review.as_ref().map(|v| v.due),
                    review_overdue: review.is_some_and(|v| v.due < self.today),
                    closed_reason: r.closed_reason.clone(),
                    file: self.register.documents[e.doc].path.clone(),
                    approval: self
                        .approvals
                        .get(&self.register.documents[e.doc].path)
                        .copied(),
                };
                (rating, view)
            })
            .collect();
        risks.sort_by(|(ra, a), (rb, b)| {
            let open = |v: &RiskView| v.status != "open";
            open(a)
                .cmp(&open(b))
                .then_with(|| match (scoring, ra, rb) {
                    (Some(s), Some(x), Some(y)) => s.compare(y, x),
                    _ => b.assessment.score.cmp(&a.assessment.score),
                })
                .then_with(|| a.id.cmp(&b.id))
        });
        risks.into_iter().map(|(_, v)| v).collect()
    }

    /// The SoA: Annex A in Annex A order, then custom controls by id.
    pub fn controls(&self) -> (Vec<ControlView>, SoaTotals) {
        let mut citing: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for risk in &self.register.risks {
            for control in &risk.value.controls {
                citing
                    .entry(control.as_str())
                    .or_default()
                    .push(risk.value.id.clone());
            }
        }
        let decisions: BTreeMap<&str, &crate::model::SoaDecision> = self
            .register
            .controls
            .iter()
            .map(|c| (c.value.id.as_str(), &c.value))
            .collect();
        let view = |id: &str, title: String, objective: Option<&str>, custom: bool| {
            let decision = decisions.get(id).copied();
            let mut risks = citing.get(id).cloned().unwrap_or_default();
            risks.sort();
            risks.dedup();
            ControlView {
                id: id.to_string(),
                objective: objective.map(String::from),
                objective_title: objective
                    .and_then(catalog::objective)
                    .map(|o| o.title.to_string()),
                title,
                custom,
                description: decision.and_then(|d| d.description.clone()),
                decision: match decision {
                    None => "no decision".to_string(),
                    Some(d) if !d.applicable => "excluded".to_string(),
                    Some(d) => d
                        .status
                        .map_or("no status", ControlStatus::as_str)
                        .to_string(),
                },
                applicable: decision.map(|d| d.applicable),
                justification: decision.and_then(|d| d.justification.clone()),
                owner: decision.and_then(|d| d.owner.clone()),
                evidence: decision.map(|d| evidence(&d.evidence)).unwrap_or_default(),
                verified: decision.and_then(|d| d.verified),
                risks,
                approval: self
                    .register
                    .controls
                    .iter()
                    .find(|c| c.value.id == id)
                    .and_then(|c| {
                        self.approvals
                            .get(&self.register.documents[c.doc].path)
                            .copied()
                    }),
            }
        };
        let mut controls: Vec<ControlView> = catalog::CONTROLS
            .iter()
            .map(|c| view(c.id, c.title.to_string(), Some(c.objective), false))
            .collect();
        let mut custom: Vec<&crate::model::SoaDecision> = decisions
            .values()
            .copied()
            .filter(|d| catalog::control(&d.id).is_none())
            .collect();
        custom.sort_by(|a, b| a.id.cmp(&b.id));
        controls.extend(
            custom
                .into_iter()
                .map(|d| view(&d.id, d.title.clone().unwrap_or_default(), None, true)),
        );
        let count = |decision: &str| controls.iter().filter(|c| c.decision == decision).count();
        let totals = SoaTotals {
            controls: controls.len(),
            applicable: controls
                .iter()
                .filter(|c| c.applicable == Some(true))
                .count(),
            implemented: count("implemented"),
            partial: count("partial"),
            planned: count("planned"),
            excluded: count("excluded"),
            undecided: count("no decision"),
        };
        (controls, totals)
    }

    fn system(&self, s: &AiSystem) -> SystemView {
        SystemView {
            id: s.id.clone(),
            name: s.name.clone(),
            intended_use: s.intended_use.trim().to_string(),
            lifecycle: s.lifecycle.as_str(),
            organisation_role: s.organisation_role.as_str(),
            model_type: s.model_type.clone(),
            criticality: s.criticality.clone(),
            owner: s.owner.clone(),
            deployment: s.deployment.clone(),
            in_scope: s.in_scope,
            scope_note: s.scope_note.as_ref().map(|n| n.trim().to_string()),
            suppliers: s
                .suppliers
                .iter()
                .map(|x| match &x.provides {
                    Some(p) => format!("{} ({p})", x.name),
                    None => x.name.clone(),
                })
                .collect(),
            open_risks: self
                .register
                .risks
                .iter()
                .filter(|r| r.value.status == RiskStatus::Open && r.value.systems.contains(&s.id))
                .count(),
        }
    }

    /// Systems by id, in scope first.
    pub fn systems(&self) -> Vec<SystemView> {
        let mut systems: Vec<SystemView> = self
            .register
            .systems
            .iter()
            .map(|s| self.system(&s.value))
            .collect();
        systems.sort_by(|a, b| b.in_scope.cmp(&a.in_scope).then_with(|| a.id.cmp(&b.id)));
        systems
    }

    fn impact(&self, a: &ImpactAssessment) -> ImpactView {
        let every = self.cycle(|c| c.impact_review_every);
        ImpactView {
            id: a.id.clone(),
            system: a.system.clone(),
            assessed: a.assessed,
            assessor: a.assessor.clone(),
            affected_groups: a.affected_groups.clone(),
            next_review: schedule::impact_review(a, every).map(|(d, _)| d),
            dimensions: a
                .dimensions
                .iter()
                .map(|d| DimensionView {
                    dimension: d.dimension.clone(),
                    not_applicable: d.not_applicable.as_ref().map(|n| n.trim().to_string()),
                    description: d.description.as_ref().map(|n| n.trim().to_string()),
                    severity: d.severity,
                    likelihood: d.likelihood,
                    reversible: d.reversible.map(|r| match r {
                        crate::model::Reversible::Yes => "yes",
                        crate::model::Reversible::Partly => "partly",
                        crate::model::Reversible::No => "no",
                    }),
                    mitigations: d.mitigations.clone(),
                    risks: d.risks.clone(),
                })
                .collect(),
            missing: crate::catalog::IMPACT_DIMENSIONS
                .iter()
                .copied()
                .filter(|r| !a.dimensions.iter().any(|d| d.dimension == *r))
                .collect(),
        }
    }

    /// Per system (in scope first, then by id), its impact assessments by date.
    pub fn impacts(&self) -> Vec<SystemImpacts> {
        self.systems()
            .into_iter()
            .map(|system| {
                let mut assessments: Vec<&ImpactAssessment> = self
                    .register
                    .impacts
                    .iter()
                    .map(|a| &a.value)
                    .filter(|a| a.system == system.id)
                    .collect();
                assessments.sort_by(|a, b| (a.assessed, &a.id).cmp(&(b.assessed, &b.id)));
                SystemImpacts {
                    assessments: assessments.into_iter().map(|a| self.impact(a)).collect(),
                    system,
                }
            })
            .collect()
    }

    /// Incidents, newest first.
    pub fn incidents(&self) -> Vec<IncidentView> {
        let mut incidents: Vec<&Incident> =
            self.register.incidents.iter().map(|i| &i.value).collect();
        incidents.sort_by(|a, b| b.reported.cmp(&a.reported).then_with(|| a.id.cmp(&b.id)));
        incidents
            .into_iter()
            .map(|i| IncidentView {
                id: i.id.clone(),
                title: i.title.clone(),
                kind: i.kind.as_str(),
                severity: i.severity.clone(),
                reported: i.reported,
                reporter: i.reporter.clone(),
                status: i.status.as_str(),
                closed: i.closed,
                systems: i.systems.clone(),
                risks: i.risks.clone(),
                description: i.description.trim().to_string(),
                root_cause: i.root_cause.as_ref().map(|c| c.trim().to_string()),
                corrective_actions: i
                    .corrective_actions
                    .iter()
                    .map(|a| self.action(a))
                    .collect(),
            })
            .collect()
    }

    /// Everything overdue today, most overdue first.
    pub fn overdue(&self, scoring: Option<&Scoring>) -> Vec<DueView> {
        let mut items: Vec<DueView> = schedule::all(
            self.register,
            scoring,
            self.cycle(|c| c.impact_review_every),
            self.cycle(|c| c.control_review_every),
        )
        .into_iter()
        .filter(|i| i.due.is_none_or(|d| d < self.today))
        .map(|i| DueView {
            due: i.due,
            days_overdue: i.due.map_or(0, |d| (self.today - d).num_days()),
            kind: match i.kind {
                DueKind::RiskReview => "risk review",
                DueKind::ImpactReview => "impact assessment review",
                DueKind::ControlVerification => "control verification",
                DueKind::Action => "treatment action",
                DueKind::CorrectiveAction => "corrective action",
                DueKind::AcceptanceExpiry => "risk acceptance expiry",
            },
            entity: i.entity,
            item: i.item,
            title: i.title,
            owner: i.owner,
        })
        .collect();
        items.sort_by(|a, b| {
            b.days_overdue
                .cmp(&a.days_overdue)
                .then_with(|| a.entity.cmp(&b.entity))
                .then_with(|| a.item.cmp(&b.item))
        });
        items
    }

    pub fn findings(&self) -> Vec<FindingView> {
        self.check
            .findings
            .iter()
            .map(|f| FindingView {
                rule: f.rule.name(),
                severity: f.severity.as_str(),
                file: f.file.clone(),
                line: f.at.map(|a| a.line),
                column: f.at.map(|a| a.column),
                entity: f.entity.clone(),
                message: f.message.clone(),
                hint: f.hint.clone(),
            })
            .collect()
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
        let scoring = self.scoring();
        RegisterContext {
            meta: self.meta("register", "AI risk register"),
            criteria: self.criteria(scoring.as_ref()),
            heatmaps: self.heatmaps(scoring.as_ref()),
            risks: self.risks(scoring.as_ref()),
        }
    }

    pub fn impacts_report(&self) -> ImpactsContext {
        ImpactsContext {
            meta: self.meta("impacts", "AI system impact assessments"),
            systems: self.impacts(),
        }
    }

    pub fn audit(&self) -> AuditContext {
        let scoring = self.scoring();
        let (controls, totals) = self.controls();
        AuditContext {
            meta: self.meta("audit", "AI management system audit pack"),
            criteria: self.criteria(scoring.as_ref()),
            systems: self.systems(),
            heatmaps: self.heatmaps(scoring.as_ref()),
            risks: self.risks(scoring.as_ref()),
            impacts: self.impacts(),
            controls,
            totals,
            incidents: self.incidents(),
            overdue: self.overdue(scoring.as_ref()),
            findings: self.findings(),
        }
    }

    pub fn board(&self) -> BoardContext {
        let scoring = self.scoring();
        let risks = self.risks(scoring.as_ref());
        let open: Vec<&RiskView> = risks.iter().filter(|r| r.status == "open").collect();
        let by_band = match &scoring {
            Some(s) => s
                .bands
                .iter()
                .enumerate()
                .map(|(i, b)| Count {
                    id: b.name.clone(),
                    label: b.name.clone(),
                    count: open
                        .iter()
                        .filter(|r| r.assessment.band.as_ref() == Some(&b.name))
                        .count(),
                    colour: Some(band_colour(i, s.bands.len())),
                })
                .collect(),
            None => Vec::new(),
        };
        let mut by_category: Vec<Count> = Vec::new();
        for category in catalog::CATEGORIES.iter().map(|c| c.id.to_string()).chain(
            self.register
                .config
                .iter()
                .flat_map(|c| c.value.categories.iter().map(|x| x.id.clone())),
        ) {
            let count = open.iter().filter(|r| r.category == category).count();
            by_category.push(Count {
                label: category_title(self.register, &category),
                id: category,
                count,
                colour: None,
            });
        }
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
        let actions: Vec<&ActionView> = open
            .iter()
            .flat_map(|r| r.treatment.iter().flat_map(|t| t.actions.iter()))
            .collect();
        let above: Vec<&&RiskView> = open
            .iter()
            .filter(|r| {
                scoring.as_ref().is_some_and(|s| {
                    s.rate(r.assessment.likelihood, r.assessment.consequence)
                        .is_ok_and(|rating| !s.acceptable(&rating))
                })
            })
            .collect();
        let progress = Progress {
            risks_above_threshold: above.len(),
            with_treatment: above
                .iter()
                .filter(|r| {
                    r.treatment
                        .as_ref()
                        .is_some_and(|t| t.option != "accept" && !t.actions.is_empty())
                })
                .count(),
            actions: actions.len(),
            done: actions.iter().filter(|a| a.status == "done").count(),
            in_progress: actions.iter().filter(|a| a.status == "in-progress").count(),
            planned: actions.iter().filter(|a| a.status == "planned").count(),
            overdue: actions.iter().filter(|a| a.overdue).count(),
        };
        let (_, totals) = self.controls();
        BoardContext {
            meta: self.meta("board", "AI risk summary for the board"),
            by_band,
            by_category,
            by_system,
            top_risks: open.into_iter().take(10).cloned().collect(),
            overdue: self.overdue(scoring.as_ref()),
            progress,
            totals,
        }
    }
}

fn category_title(register: &Register, id: &str) -> String {
    catalog::category(id)
        .map(|c| c.title.to_string())
        .or_else(|| {
            register.config.as_ref().and_then(|c| {
                c.value
                    .categories
                    .iter()
                    .find(|x| x.id == id)
                    .map(|x| x.title.clone())
            })
        })
        .unwrap_or_else(|| id.to_string())
}

fn evidence(items: &[Evidence]) -> Vec<EvidenceView> {
    items
        .iter()
        .map(|e| EvidenceView {
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

/// Whether the check found errors (the report is then a draft).
pub fn has_errors(report: &Report) -> bool {
    report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error)
}
