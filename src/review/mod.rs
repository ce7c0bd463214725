//! The management review's input pack (clause 9.3.2), drawn from the register and its
//! git history.
//!
//! A [`Pack`] compares the register as it stood at the start of the period (the last
//! management review, or what `--since` names; see [`since`]) with the register now,
//! each judged as of its own date: the status of the previous review's actions; the
//! changes to the context and interested parties; the performance of the AIMS with
//! trends (nonconformities and corrective actions, monitoring results and breaches,
//! objectives against their targets, audit results and open findings, and indicators
//! at each earlier review); every change to the register (`compare`); what is
//! overdue; and the opportunities for improvement. From all of it, one summary per
//! input, which `aims management-review record` writes into a new review, marked as
//! drawn from the register.
//!
//! Pure: the registers are read by the caller ([`since::history`]); nothing here
//! reads files, git or the clock.

mod indicators;
mod performance;
pub mod since;
mod summaries;

use chrono::NaiveDate;
use serde::Serialize;

use crate::compare::{self, Changes, Movement};
use crate::model::Action;
use crate::view::{DueItem, View};

pub use indicators::Indicators;
pub use performance::monitoring;
pub use since::{Period, Point};

/// One action of the previous review, with its status now.
#[derive(Debug, Clone, Serialize)]
pub struct ActionStatusEntry {
    pub id: String,
    pub description: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: &'static str,
    pub completed: Option<NaiveDate>,
    pub evidence: Vec<String>,
    pub overdue: bool,
}

/// The previous review and what became of its actions.
#[derive(Debug, Clone, Serialize)]
pub struct PreviousReview {
    pub id: String,
    pub date: NaiveDate,
    pub file: String,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionStatusEntry>,
}

/// An incident, as the pack lists it.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentLine {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub severity: String,
    pub reported: NaiveDate,
    pub status: &'static str,
    pub closed: Option<NaiveDate>,
    /// The audit finding it came from.
    pub source: Option<String>,
    /// The effectiveness review of its corrective actions: `effective on 2026-10-20`.
    pub effectiveness: Option<String>,
    pub open_actions: usize,
}

/// Nonconformities, incidents and corrective actions over the period.
#[derive(Debug, Clone, Serialize)]
pub struct Nonconformities {
    /// Incidents of every kind reported in the period.
    pub opened: Vec<IncidentLine>,
    /// Incidents closed in the period.
    pub closed: Vec<IncidentLine>,
    /// Nonconformities still open now.
    pub open: Vec<IncidentLine>,
    /// Effectiveness reviews recorded in the period.
    pub effectiveness: Vec<IncidentLine>,
    /// Corrective actions completed in the period, and still open now.
    pub corrective_actions_done: usize,
    pub corrective_actions_open: usize,
    pub corrective_actions_overdue: usize,
}

/// One measurement or monitoring result.
#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    /// The objective or monitor.
    pub source: String,
    pub metric: String,
    pub date: NaiveDate,
    pub value: f64,
    /// `at-most 3`, `max 5`.
    pub limit: String,
    pub within: bool,
}

/// A monitor over the period: where its latest measurement stands, how often it was
/// measured in the period, and the breaches among those measurements.
#[derive(Debug, Clone, Serialize)]
pub struct MonitorLine {
    pub id: String,
    pub system: String,
    pub metric: String,
    /// `max 5`, `min 0.8`.
    pub threshold: String,
    /// `no-data`, `within`, `warning` or `breach`: where the latest measurement stands.
    pub state: crate::view::MonitorState,
    pub latest: Option<Reading>,
    /// Measurements dated in the period.
    pub measured: usize,
    /// No measurement within its cycle.
    pub overdue: bool,
    /// Each breach in the period: a measurement beyond the threshold after one within.
    pub breaches: Vec<Reading>,
}

/// Monitoring and measurement results of the period (clause 9.1).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Monitoring {
    /// The monitors of the systems in use, and any other measured in the period.
    pub monitors: Vec<MonitorLine>,
    /// Every measurement of an objective measured by hand recorded in the period.
    pub results: Vec<Reading>,
    /// The results beyond their limit and the monitors' breaches, by date.
    pub breaches: Vec<Reading>,
    /// Monitors added or changed in the period.
    pub monitors_changed: Vec<Movement>,
}

/// An objective against its target, then and now.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveTrend {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    pub target: Option<String>,
    pub then: Option<f64>,
    pub now: Option<f64>,
    pub on_target: Option<bool>,
    /// `improving`, `worsening`, `steady`, `new`, or `not measured`.
    pub trend: &'static str,
}

/// An audit done in the period.
#[derive(Debug, Clone, Serialize)]
pub struct AuditLine {
    pub id: String,
    pub title: String,
    pub done: Option<NaiveDate>,
    pub nonconformities: usize,
    pub observations: usize,
    pub opportunities: usize,
}

/// A finding, as the pack lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingLine {
    /// `AUD-2026-1/F1`.
    pub id: String,
    pub kind: &'static str,
    pub grade: Option<&'static str>,
    pub about: Option<String>,
    pub description: String,
    /// The incident carrying it, and whether that is closed.
    pub incident: Option<String>,
    pub closed: bool,
}

/// Audit results (clause 9.2).
#[derive(Debug, Clone, Serialize)]
pub struct Audits {
    pub done: Vec<AuditLine>,
    /// Nonconformities not yet closed, of every audit.
    pub open_findings: Vec<FindingLine>,
    pub uncovered_clauses: Vec<&'static str>,
    pub uncovered_controls: Vec<String>,
    /// The next planned or in-progress audit.
    pub next: Option<AuditLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Performance {
    pub nonconformities: Nonconformities,
    pub monitoring: Monitoring,
    pub objectives: Vec<ObjectiveTrend>,
    pub audits: Audits,
    /// The indicators at each earlier review, at the start of the period and now,
    /// oldest first.
    pub indicators: Vec<Indicators>,
}

/// An opportunity for improvement.
#[derive(Debug, Clone, Serialize)]
pub struct Opportunity {
    /// An audit finding (`AUD-2026-1/F2`) or a risk id.
    pub id: String,
    pub source: &'static str,
    pub description: String,
}

/// An item overdue now.
#[derive(Debug, Clone, Serialize)]
pub struct Overdue {
    pub due: Option<NaiveDate>,
    pub kind: &'static str,
    pub entity: String,
    pub item: Option<String>,
    pub title: String,
    pub owner: Option<String>,
}

/// One summary per input of 9.3.2, drawn from the register: what `aims
/// management-review record` prefills, for the meeting to confirm or rewrite.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Summaries {
    pub previous_actions: String,
    pub context_changes: String,
    pub interested_parties: String,
    pub performance: String,
    pub opportunities: String,
}

/// The input pack.
#[derive(Debug, Clone, Serialize)]
pub struct Pack {
    pub period: Period,
    pub previous_review: Option<PreviousReview>,
    /// Changes to the issues (4.1), the scope and the criteria.
    pub context_changes: Vec<Movement>,
    /// Changes to the interested parties and their requirements (4.2).
    pub interested_parties: Vec<Movement>,
    pub performance: Performance,
    /// Every change to the register over the period, as `aims diff` shows it.
    pub changes: Changes,
    pub overdue: Vec<Overdue>,
    pub opportunities: Vec<Opportunity>,
    pub summaries: Summaries,
}

/// The views a pack is drawn from.
pub struct Sources<'a, 'r> {
    /// The register now, judged as of today.
    pub now: &'a View<'r>,
    /// The register at the start of the period, judged as of that date.
    pub then: &'a View<'r>,
    /// The register at earlier reviews, oldest first.
    pub earlier: Vec<(String, &'a View<'r>)>,
    pub period: Period,
}

impl Pack {
    pub fn new(sources: &Sources<'_, '_>) -> Pack {
        let Sources {
            now,
            then,
            earlier,
            period,
        } = sources;
        let since = period.since.date;
        let changes = compare::compare(then, now);
        let previous_review = period
            .review
            .as_deref()
            .and_then(|id| now.management_review(id))
            .map(|m| PreviousReview {
                id: m.id().to_string(),
                date: m.review.date,
                file: m.file.to_string(),
                decisions: m.review.decisions.clone(),
                actions: m
                    .review
                    .actions
                    .iter()
                    .map(|a| action_entry(now, a))
                    .collect(),
            });
        let (context_changes, interested_parties): (Vec<Movement>, Vec<Movement>) = changes
            .context
            .iter()
            .cloned()
            .partition(|m| m.title != "interested party (4.2)");
        let mut context_changes = context_changes;
        context_changes.extend(
            changes
                .criteria
                .iter()
                .filter(|m| m.id == "scope" || m.id.starts_with("criteria."))
                .cloned(),
        );
        let mut indicators: Vec<Indicators> = earlier
            .iter()
            .map(|(label, view)| {
                Indicators::of(
                    view,
                    label.clone(),
                    view.register.revision().map(|r| r.short().to_string()),
                )
            })
            .collect();
        indicators.push(Indicators::of(
            then,
            format!("since ({})", period.since.spec),
            period.since.short.clone(),
        ));
        indicators.push(Indicators::of(now, "now", period.until.short.clone()));
        let performance = Performance {
            nonconformities: performance::nonconformities(now, then, since),
            monitoring: performance::monitoring(now, &changes, since),
            objectives: performance::objectives(now, then),
            audits: performance::audits(now, since),
            indicators,
        };
        let overdue = now
            .due()
            .into_iter()
            .filter(|d| d.overdue(now.today))
            .map(overdue_entry)
            .collect();
        let opportunities = performance::opportunities(now, since);
        let mut pack = Pack {
            period: period.clone(),
            previous_review,
            context_changes,
            interested_parties,
            performance,
            changes,
            overdue,
            opportunities,
            summaries: Summaries {
                previous_actions: String::new(),
                context_changes: String::new(),
                interested_parties: String::new(),
                performance: String::new(),
                opportunities: String::new(),
            },
        };
        pack.summaries = summaries::summaries(&pack);
        pack
    }
}

fn action_entry(view: &View<'_>, a: &Action) -> ActionStatusEntry {
    ActionStatusEntry {
        id: a.id.clone(),
        description: a.description.clone(),
        owner: a.owner.clone(),
        due: a.due,
        status: a.status.as_str(),
        completed: a.completed,
        evidence: a
            .evidence
            .iter()
            .map(|e| e.reference().to_string())
            .collect(),
        overdue: view.action_overdue(a),
    }
}

fn overdue_entry(d: DueItem) -> Overdue {
    Overdue {
        due: d.due,
        kind: d.kind.label(),
        entity: d.entity,
        item: d.item,
        title: d.title,
        owner: d.owner,
    }
}
