//! Clause 9.1: monitoring and measurement.

use crate::model::Lifecycle;
use crate::view::View;

use super::{Derived, Readiness, Record, counted, derived};

impl View<'_> {
    /// Monitoring and measurement: objectives measured against their targets.
    pub(super) fn monitoring(&self) -> Option<Derived> {
        let measured: Vec<_> = self
            .objectives
            .iter()
            .filter(|o| o.is_active() && o.latest.is_some())
            .collect();
        if measured.is_empty() {
            return None;
        }
        let deployed = self
            .systems
            .iter()
            .filter(|s| s.system.in_scope && s.system.lifecycle == Lifecycle::Deployed)
            .count();
        let evidence: Vec<Record> = measured
            .iter()
            .map(|o| self.record("objective", o.id(), o.file))
            .collect();
        let overdue = measured
            .iter()
            .filter(|o| o.measurement_overdue(self.today))
            .count();
        Some(derived(
            Readiness::Partial,
            evidence,
            format!(
                "{} measured ({overdue} overdue); {} not monitored by the register",
                counted(measured.len(), "objective", "objectives"),
                counted(deployed, "deployed system", "deployed systems")
            ),
        ))
    }
}
