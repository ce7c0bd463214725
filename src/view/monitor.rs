//! A monitor with what its measurements say (clause 9.1): the series up to the date
//! of the view, the latest value and where it stands against the threshold and the
//! early warning, each breach (the first measurement beyond the threshold after one
//! within it), and when the next measurement is due.
//!
//! Rules (`monitor-breach`, `measurement-overdue`), triggered reviews, `aims due`,
//! `aims monitor show`, the controls' effectiveness and the reports' sparklines all
//! read these values; an objective measured by a monitor reads its [`MonitorView::series`].

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Duration, Lifecycle, Measurement, Monitor};
use crate::register::measurements::MeasurementFile;

/// Where a monitor's latest measurement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MonitorState {
    /// Nothing measured yet.
    NoData,
    /// Within the threshold and the early warning.
    Within,
    /// Beyond the early warning, within the threshold.
    Warning,
    /// Beyond the threshold.
    Breach,
}

impl MonitorState {
    /// The state in words, as listings and reports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            MonitorState::NoData => "no data",
            MonitorState::Within => "within",
            MonitorState::Warning => "warning",
            MonitorState::Breach => "breach",
        }
    }
}

#[derive(Debug, Clone)]
pub struct MonitorView<'r> {
    pub doc: usize,
    pub monitor: &'r Monitor,
    pub file: &'r str,
    /// `measurements/<id>.csv`, when it exists.
    pub measurements: Option<&'r MeasurementFile>,
    /// The measurements up to the date of the view, oldest first (by moment, then by
    /// line).
    pub series: Vec<&'r Measurement>,
    /// Measurements dated after the date of the view: not counted
    /// (`measurement-invalid` reports them).
    pub future: Vec<&'r Measurement>,
    pub state: MonitorState,
    /// Every breach: a measurement beyond the threshold that follows one within it
    /// (or opens the series), oldest first.
    pub breaches: Vec<&'r Measurement>,
    /// When the next measurement is due: the latest plus `every`; `None` when nothing
    /// was ever measured (due at once).
    pub next_due: Option<NaiveDate>,
    pub overdue: bool,
    /// Whether the monitor is expected to run: its system exists, is in scope and is
    /// not retired. Monitors of other systems are history, not judged.
    pub active: bool,
}

impl<'r> MonitorView<'r> {
    pub(super) fn new(
        doc: usize,
        monitor: &'r Monitor,
        file: &'r str,
        measurements: Option<&'r MeasurementFile>,
        today: NaiveDate,
        lifecycle: Option<(bool, Lifecycle)>,
    ) -> MonitorView<'r> {
        let mut series: Vec<&'r Measurement> = Vec::new();
        let mut future = Vec::new();
        for m in measurements.into_iter().flat_map(|f| f.rows.iter()) {
            if m.at.date > today {
                future.push(m);
            } else {
                series.push(m);
            }
        }
        // Files are appended to in time order; sort only when one was not.
        if !series.windows(2).all(|w| w[0].at <= w[1].at) {
            series.sort_by(|a, b| a.at.cmp(&b.at).then(a.line.cmp(&b.line)));
        }
        let mut breaches = Vec::new();
        let mut beyond = false;
        for m in &series {
            let now = monitor.threshold.beyond(m.value);
            if now && !beyond {
                breaches.push(*m);
            }
            beyond = now;
        }
        let latest = series.last();
        let state = match latest {
            None => MonitorState::NoData,
            Some(m) if monitor.threshold.beyond(m.value) => MonitorState::Breach,
            Some(m) if monitor.warn.is_some_and(|w| w.beyond(m.value)) => MonitorState::Warning,
            Some(_) => MonitorState::Within,
        };
        let next_due = latest.and_then(|m| monitor.every.after(m.at.date));
        MonitorView {
            doc,
            monitor,
            file,
            measurements,
            overdue: next_due.is_none_or(|d| d < today),
            next_due,
            series,
            future,
            state,
            breaches,
            active: lifecycle
                .is_some_and(|(in_scope, lifecycle)| in_scope && lifecycle != Lifecycle::Retired),
        }
    }

    pub fn id(&self) -> &'r str {
        &self.monitor.id
    }

    /// The name a pipeline reports the metric under: `key`, or the monitor's id.
    pub fn key(&self) -> &'r str {
        self.monitor.key.as_deref().unwrap_or(&self.monitor.id)
    }

    /// The most recent measurement up to the date of the view.
    pub fn latest(&self) -> Option<&'r Measurement> {
        self.series.last().copied()
    }

    /// The measurements in the `window` before `end` (both included), oldest first:
    /// what sparklines and `monitor show` draw.
    pub fn recent(&self, end: NaiveDate, window: Duration) -> &[&'r Measurement] {
        let start = window.window_start(end);
        let first = self.series.partition_point(|m| m.at.date < start);
        &self.series[first..]
    }

    /// The latest measurement as an objective reads it.
    pub fn reading(&self) -> Option<super::Reading> {
        self.latest().map(|m| super::Reading {
            date: m.at.date,
            value: m.value,
        })
    }

    /// The latest measurement and where it stands, in words: `2.4 on 2026-10-31,
    /// within the threshold (max 5)`.
    pub fn standing(&self) -> String {
        let threshold = self.monitor.threshold.describe();
        match self.latest() {
            None => format!("nothing measured yet (threshold {threshold})"),
            Some(m) => {
                let state = match self.state {
                    MonitorState::Breach => format!("beyond the threshold ({threshold})"),
                    MonitorState::Warning => format!(
                        "beyond the early warning ({}), within the threshold ({threshold})",
                        self.monitor.warn.map(|w| w.describe()).unwrap_or_default()
                    ),
                    MonitorState::Within | MonitorState::NoData => {
                        format!("within the threshold ({threshold})")
                    }
                };
                format!("{} on {}, {state}", m.value, m.at)
            }
        }
    }

    /// Whether a value is beyond the threshold.
    pub fn beyond(&self, value: f64) -> bool {
        self.monitor.threshold.beyond(value)
    }
}
