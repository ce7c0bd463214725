//! Triggered reviews: what happened after a risk's or an impact assessment's last
//! review that calls for another, and when that review falls due.
//!
//! A risk's review is triggered by an incident citing it, a recorded change of one of
//! its systems, a breach of a monitor that lists it, and a change of the risk criteria
//! (from git history, given to the view as data). An impact assessment's review is
//! triggered by a change of its system and by an incident of severity high or critical
//! on it. Each trigger falls due `triggered_review_within` after it; a review recorded
//! on or after the trigger's date clears it. Triggers dated after the date of the view
//! have not happened yet and are left out.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{AiSystem, Duration, ImpactAssessment, Incident, Measurement, Risk, RiskStatus};
use crate::trail::criteria::CriteriaChange;

use super::MonitorView;

/// Something that happened after a last review and calls for another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trigger<'r> {
    pub date: NaiveDate,
    /// When the review it calls for falls due: `triggered_review_within` after it.
    pub due: NaiveDate,
    /// Whether that is past on the date of the view.
    pub overdue: bool,
    #[serde(flatten)]
    pub cause: TriggerCause<'r>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "cause", rename_all = "kebab-case")]
pub enum TriggerCause<'r> {
    /// An incident citing the risk, or a high or critical one on the assessed system.
    Incident { id: &'r str, severity: &'r str },
    /// A recorded change of one of the risk's systems, or of the assessed system.
    SystemChange {
        system: &'r str,
        description: &'r str,
    },
    /// A monitor listing the risk went beyond its threshold.
    MonitorBreach {
        monitor: &'r str,
        value: f64,
        threshold: String,
    },
    /// The risk criteria in `aims.yaml` changed; `commit` is `None` for a change not
    /// yet committed.
    CriteriaChange { commit: Option<String> },
}

impl TriggerCause<'_> {
    /// The kind of cause, as outputs name it: `incident`, `system-change`,
    /// `monitor-breach` or `criteria-change`.
    pub fn name(&self) -> &'static str {
        match self {
            TriggerCause::Incident { .. } => "incident",
            TriggerCause::SystemChange { .. } => "system-change",
            TriggerCause::MonitorBreach { .. } => "monitor-breach",
            TriggerCause::CriteriaChange { .. } => "criteria-change",
        }
    }
}

impl Trigger<'_> {
    /// What triggered the review, in words.
    pub fn describe(&self) -> String {
        match &self.cause {
            TriggerCause::Incident { id, severity } => {
                format!("incident `{id}` ({severity}, reported {})", self.date)
            }
            TriggerCause::SystemChange {
                system,
                description,
            } => format!("system `{system}` changed on {} ({description})", self.date),
            TriggerCause::MonitorBreach {
                monitor,
                value,
                threshold,
            } => format!(
                "monitor `{monitor}` breached its threshold on {} ({value}, threshold {threshold})",
                self.date
            ),
            TriggerCause::CriteriaChange {
                commit: Some(commit),
            } => format!(
                "the risk criteria in aims.yaml changed on {} (commit {commit})",
                self.date
            ),
            TriggerCause::CriteriaChange { commit: None } => {
                "the risk criteria in aims.yaml changed (not yet committed)".to_string()
            }
        }
    }

    /// The id of what triggered the review: the incident, the system, the monitor, or
    /// `aims.yaml`.
    pub fn source(&self) -> &str {
        match &self.cause {
            TriggerCause::Incident { id, .. } => id,
            TriggerCause::SystemChange { system, .. } => system,
            TriggerCause::MonitorBreach { monitor, .. } => monitor,
            TriggerCause::CriteriaChange { .. } => "aims.yaml",
        }
    }
}

/// What can trigger reviews, indexed once for the whole register.
pub(super) struct Triggers<'a, 'r> {
    pub today: NaiveDate,
    pub within: Duration,
    pub systems: &'a BTreeMap<&'r str, &'r AiSystem>,
    pub incidents_by_risk: BTreeMap<&'r str, Vec<&'r Incident>>,
    pub severe_by_system: BTreeMap<&'r str, Vec<&'r Incident>>,
    /// Breaches of the monitors listing each risk: the monitor and the measurement.
    pub breaches_by_risk: BTreeMap<&'r str, Vec<(&'a MonitorView<'r>, &'r Measurement)>>,
    /// When the criteria last changed, dated (an uncommitted change: the view's date).
    pub criteria: Option<(NaiveDate, Option<String>)>,
}

impl<'a, 'r> Triggers<'a, 'r> {
    pub fn new(
        today: NaiveDate,
        within: Duration,
        systems: &'a BTreeMap<&'r str, &'r AiSystem>,
        incidents: impl Iterator<Item = &'r Incident>,
        monitors: &'a [MonitorView<'r>],
        criteria: Option<&CriteriaChange>,
    ) -> Triggers<'a, 'r> {
        let mut incidents_by_risk: BTreeMap<&str, Vec<&Incident>> = BTreeMap::new();
        let mut severe_by_system: BTreeMap<&str, Vec<&Incident>> = BTreeMap::new();
        for incident in incidents {
            for risk in &incident.risks {
                incidents_by_risk.entry(risk).or_default().push(incident);
            }
            if matches!(incident.severity.as_str(), "high" | "critical") {
                for system in &incident.systems {
                    severe_by_system.entry(system).or_default().push(incident);
                }
            }
        }
        let mut breaches_by_risk: BTreeMap<&str, Vec<_>> = BTreeMap::new();
        for monitor in monitors {
            for risk in &monitor.monitor.risks {
                breaches_by_risk
                    .entry(risk)
                    .or_default()
                    .extend(monitor.breaches.iter().map(|m| (monitor, *m)));
            }
        }
        Triggers {
            today,
            within,
            systems,
            incidents_by_risk,
            severe_by_system,
            breaches_by_risk,
            criteria: criteria.map(|c| match c {
                CriteriaChange::Committed { commit, date } => (*date, Some(commit.clone())),
                CriteriaChange::Uncommitted => (today, None),
            }),
        }
    }

    fn trigger(&self, date: NaiveDate, cause: TriggerCause<'r>) -> Trigger<'r> {
        let due = self.within.after(date).unwrap_or(NaiveDate::MAX);
        Trigger {
            date,
            due,
            overdue: due < self.today,
            cause,
        }
    }

    /// What happened to an open risk after its last review, oldest first.
    pub fn of_risk(&self, risk: &'r Risk) -> Vec<Trigger<'r>> {
        if risk.status == RiskStatus::Closed {
            return Vec::new();
        }
        let last = risk.review.last.unwrap_or(risk.identified);
        let after = |date: NaiveDate| date > last && date <= self.today;
        let mut out: Vec<Trigger<'r>> = Vec::new();
        for i in self
            .incidents_by_risk
            .get(risk.id.as_str())
            .into_iter()
            .flatten()
        {
            if after(i.reported) {
                out.push(self.trigger(
                    i.reported,
                    TriggerCause::Incident {
                        id: &i.id,
                        severity: &i.severity,
                    },
                ));
            }
        }
        for system_id in &risk.systems {
            if let Some(system) = self.systems.get(system_id.as_str()) {
                out.extend(self.changes(system, after));
            }
        }
        for (monitor, m) in self
            .breaches_by_risk
            .get(risk.id.as_str())
            .into_iter()
            .flatten()
        {
            if after(m.at.date) {
                out.push(self.trigger(
                    m.at.date,
                    TriggerCause::MonitorBreach {
                        monitor: monitor.id(),
                        value: m.value,
                        threshold: monitor.monitor.threshold.describe(),
                    },
                ));
            }
        }
        if let Some((date, commit)) = &self.criteria
            && after(*date)
        {
            out.push(self.trigger(
                *date,
                TriggerCause::CriteriaChange {
                    commit: commit.clone(),
                },
            ));
        }
        out.sort_by(|a, b| (a.date, a.source()).cmp(&(b.date, b.source())));
        out
    }

    /// What happened to an assessment's system after the assessment's last review:
    /// changes, and incidents of severity high or critical, oldest first.
    pub fn of_impact(&self, assessment: &'r ImpactAssessment) -> Vec<Trigger<'r>> {
        let last = assessment.review.last.unwrap_or(assessment.assessed);
        let after = |date: NaiveDate| date > last && date <= self.today;
        let system = assessment.system.as_str();
        let mut out: Vec<Trigger<'r>> = Vec::new();
        if let Some(system) = self.systems.get(system) {
            out.extend(self.changes(system, after));
        }
        for i in self.severe_by_system.get(system).into_iter().flatten() {
            if after(i.reported) {
                out.push(self.trigger(
                    i.reported,
                    TriggerCause::Incident {
                        id: &i.id,
                        severity: &i.severity,
                    },
                ));
            }
        }
        out.sort_by(|a, b| (a.date, a.source()).cmp(&(b.date, b.source())));
        out
    }

    fn changes(
        &self,
        system: &'r AiSystem,
        after: impl Fn(NaiveDate) -> bool,
    ) -> impl Iterator<Item = Trigger<'r>> {
        system
            .changes
            .iter()
            .filter(move |c| after(c.date))
            .map(|c| {
                self.trigger(
                    c.date,
                    TriggerCause::SystemChange {
                        system: &system.id,
                        description: &c.description,
                    },
                )
            })
            .collect::<Vec<_>>()
            .into_iter()
    }
}
