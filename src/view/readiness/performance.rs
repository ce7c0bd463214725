//! Clause 9.1: monitoring and measurement.

use crate::model::Lifecycle;
use crate::view::{MonitorState, View};

use super::{Derived, Readiness, Record, counted, derived};

impl View<'_> {
    /// Monitoring and measurement: the monitors of the systems in use with their
    /// measurements, measured on their cycle, and objectives measured against their
    /// targets. Met when every deployed in-scope system has a monitor and nothing is
    /// overdue; a breach is a result to act on, not a gap in the monitoring.
    pub(super) fn monitoring(&self) -> Option<Derived> {
        let monitors: Vec<_> = self.monitors.iter().filter(|m| m.active).collect();
        let measured: Vec<_> = self
            .objectives
            .iter()
            .filter(|o| o.is_active() && o.latest.is_some())
            .collect();
        if monitors.is_empty() && measured.is_empty() {
            return None;
        }
        let unmonitored: Vec<&str> = self
            .systems
            .iter()
            .filter(|s| {
                s.system.in_scope
                    && s.system.lifecycle == Lifecycle::Deployed
                    && s.monitors.is_empty()
            })
            .map(|s| s.id())
            .collect();
        let mut evidence: Vec<Record> = monitors
            .iter()
            .map(|m| self.record("monitor", m.id(), m.file))
            .collect();
        evidence.extend(
            measured
                .iter()
                .map(|o| self.record("objective", o.id(), o.file)),
        );
        let late = monitors.iter().filter(|m| m.overdue).count()
            + measured
                .iter()
                .filter(|o| o.measurement_overdue(self.today))
                .count();
        let measurements: usize = monitors.iter().map(|m| m.series.len()).sum();
        let breaching = monitors
            .iter()
            .filter(|m| m.state == MonitorState::Breach)
            .count();
        let mut reason = format!(
            "{} ({}, {breaching} in breach now) and {} measured, {late} overdue",
            counted(monitors.len(), "monitor", "monitors"),
            counted(measurements, "measurement", "measurements"),
            counted(measured.len(), "objective", "objectives"),
        );
        if !unmonitored.is_empty() {
            reason.push_str(&format!(
                "; deployed systems without a monitor: {}",
                unmonitored.join(", ")
            ));
        }
        let status = if unmonitored.is_empty() && late == 0 && !monitors.is_empty() {
            Readiness::Met
        } else {
            Readiness::Partial
        };
        Some(derived(status, evidence, reason))
    }
}
