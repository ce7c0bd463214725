//! The performance indicators of one version of the register, as a management review
//! compares them over time: open risks and those above the acceptance threshold, open
//! incidents and nonconformities, open and overdue actions, controls implemented,
//! objectives on target and open audit findings. Each is read off the view of that
//! version, judged as of its own date.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{IncidentKind, IncidentStatus};
use crate::view::{SoaState, View};

/// The indicators at one point of history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indicators {
    /// `MR-2026-1`, `since`, `now`: what the point is.
    pub label: String,
    pub date: NaiveDate,
    /// The abbreviated commit, for points read from git.
    pub commit: Option<String>,
    pub open_risks: usize,
    pub above_threshold: usize,
    pub open_incidents: usize,
    pub open_nonconformities: usize,
    pub open_actions: usize,
    pub overdue: usize,
    pub controls_implemented: usize,
    pub controls_applicable: usize,
    pub active_objectives: usize,
    pub objectives_on_target: usize,
    pub open_findings: usize,
}

impl Indicators {
    pub fn of(view: &View<'_>, label: impl Into<String>, commit: Option<String>) -> Indicators {
        let risks = view
            .risks
            .iter()
            .filter(|r| r.is_open() && !r.is_opportunity());
        let open_incidents: Vec<_> = view
            .incidents
            .iter()
            .filter(|i| i.incident.status != IncidentStatus::Closed)
            .collect();
        let applicable = view
            .controls
            .iter()
            .filter(|c| !matches!(c.state, SoaState::NoDecision | SoaState::Excluded));
        let active: Vec<_> = view.objectives.iter().filter(|o| o.is_active()).collect();
        Indicators {
            label: label.into(),
            date: view.today,
            commit,
            open_risks: risks.clone().count(),
            above_threshold: risks.filter(|r| r.above_threshold == Some(true)).count(),
            open_nonconformities: open_incidents
                .iter()
                .filter(|i| i.incident.kind == IncidentKind::Nonconformity)
                .count(),
            open_incidents: open_incidents.len(),
            open_actions: view
                .action_lists()
                .iter()
                .filter(|l| !l.closed)
                .flat_map(|l| l.actions.iter())
                .filter(|a| a.status.is_open())
                .count(),
            overdue: view.due().iter().filter(|d| d.overdue(view.today)).count(),
            controls_implemented: applicable
                .clone()
                .filter(|c| c.state == SoaState::Implemented)
                .count(),
            controls_applicable: applicable.count(),
            objectives_on_target: active.iter().filter(|o| o.on_target == Some(true)).count(),
            active_objectives: active.len(),
            open_findings: view
                .audits
                .iter()
                .flat_map(|a| a.findings.iter())
                .filter(|f| f.open())
                .count(),
        }
    }
}
