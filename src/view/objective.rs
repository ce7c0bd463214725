//! Objectives (clause 6.2) with what is derived from them: the latest measurement
//! and whether it meets the target, when the next measurement by hand is due, and
//! which of the records clause 6.2 asks for are missing.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Duration, Objective, ObjectiveStatus};

/// One measured value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Reading {
    pub date: NaiveDate,
    pub value: f64,
}

/// Where an objective's measurements come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuredBy<'r> {
    /// Recorded under `measurements:`, expected every `every` when it is set.
    Hand { every: Option<Duration> },
    /// The measurements of a monitor.
    Monitor(&'r str),
}

#[derive(Debug, Clone)]
pub struct ObjectiveView<'r> {
    pub doc: usize,
    pub objective: &'r Objective,
    pub file: &'r str,
    /// `None` without a metric.
    pub measured_by: Option<MeasuredBy<'r>>,
    /// The most recent measurement (by date; the later entry of a date).
    pub latest: Option<Reading>,
    /// Whether the latest measurement meets the target; `None` without a
    /// measurement, a target or a direction.
    pub on_target: Option<bool>,
    /// For an objective measured by hand with `measure_every`: when the next
    /// measurement is due, one cycle after the latest or, never measured, after the
    /// objective was `established` (`None`: neither is known, due at once).
    pub next_measurement: Option<Option<NaiveDate>>,
    /// What clause 6.2 asks for that is absent: `metric`, `metric target`, `metric
    /// direction`, `owner`, `due date`, `plan`.
    pub missing: Vec<&'static str>,
}

impl<'r> ObjectiveView<'r> {
    /// `monitored` is the latest reading of the monitor the metric names, if any.
    pub(super) fn new(
        doc: usize,
        objective: &'r Objective,
        file: &'r str,
        monitored: Option<Reading>,
    ) -> ObjectiveView<'r> {
        let metric = objective.metric.as_ref();
        let measured_by = metric.map(|m| match &m.monitor {
            Some(monitor) => MeasuredBy::Monitor(monitor),
            None => MeasuredBy::Hand {
                every: m.measure_every,
            },
        });
        let latest = match measured_by {
            Some(MeasuredBy::Monitor(_)) => monitored,
            _ => objective
                .measurements
                .iter()
                .enumerate()
                .max_by_key(|(i, m)| (m.date, *i))
                .map(|(_, m)| Reading {
                    date: m.date,
                    value: m.value,
                }),
        };
        let on_target = match (latest, metric.and_then(|m| m.target.zip(m.direction))) {
            (Some(reading), Some((target, direction))) => {
                Some(direction.met(reading.value, target))
            }
            _ => None,
        };
        let next_measurement = match measured_by {
            Some(MeasuredBy::Hand { every: Some(every) }) => {
                let from = latest.map(|r| r.date).or(objective.established);
                Some(from.and_then(|d| every.after(d)))
            }
            _ => None,
        };
        let mut missing = Vec::new();
        match metric {
            None => missing.push("metric"),
            Some(m) => {
                if m.target.is_none() {
                    missing.push("metric target");
                }
                if m.direction.is_none() {
                    missing.push("metric direction");
                }
            }
        }
        if objective.owner.is_none() {
            missing.push("owner");
        }
        if objective.due.is_none() {
            missing.push("due date");
        }
        if objective.plan.is_empty() {
            missing.push("plan");
        }
        ObjectiveView {
            doc,
            objective,
            file,
            measured_by,
            latest,
            on_target,
            next_measurement,
            missing,
        }
    }

    pub fn id(&self) -> &'r str {
        &self.objective.id
    }

    pub fn is_active(&self) -> bool {
        self.objective.status == ObjectiveStatus::Active
    }

    /// A measurement by hand is past due on `today` (never measured counts as due).
    pub fn measurement_overdue(&self, today: NaiveDate) -> bool {
        self.is_active()
            && self
                .next_measurement
                .is_some_and(|next| next.is_none_or(|d| d < today))
    }

    /// On plan: no action of its plan is overdue on `today`.
    pub fn on_plan(&self, today: NaiveDate) -> bool {
        !self
            .objective
            .plan
            .iter()
            .any(|a| a.status.is_open() && a.due.is_some_and(|d| d < today))
    }
}
