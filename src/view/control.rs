//! A control of the Statement of Applicability: an Annex A control or a custom one,
//! with the decision on it, its state in one word, and the risks that cite it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalog;
use crate::model::{ControlStatus, SoaDecision};
use crate::register::Register;

use super::{Cycles, MonitorView, RiskCategory, RiskView};

/// Where a control stands in the SoA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum SoaState {
    /// No file in `controls/` decides on it.
    #[serde(rename = "no decision")]
    NoDecision,
    /// Decided not applicable.
    #[serde(rename = "excluded")]
    Excluded,
    /// Applicable, but without an implementation status.
    #[serde(rename = "no status")]
    NoStatus,
    #[serde(rename = "planned")]
    Planned,
    #[serde(rename = "partial")]
    Partial,
    #[serde(rename = "implemented")]
    Implemented,
}

impl SoaState {
    pub const ALL: &'static [SoaState] = &[
        SoaState::NoDecision,
        SoaState::Excluded,
        SoaState::NoStatus,
        SoaState::Planned,
        SoaState::Partial,
        SoaState::Implemented,
    ];

    pub fn of(decision: Option<&SoaDecision>) -> SoaState {
        match decision {
            None => SoaState::NoDecision,
            Some(d) if !d.applicable => SoaState::Excluded,
            Some(d) => match d.status {
                None => SoaState::NoStatus,
                Some(ControlStatus::Planned) => SoaState::Planned,
                Some(ControlStatus::Partial) => SoaState::Partial,
                Some(ControlStatus::Implemented) => SoaState::Implemented,
            },
        }
    }

    /// The state in words, as every listing and report writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            SoaState::NoDecision => "no decision",
            SoaState::Excluded => "excluded",
            SoaState::NoStatus => "no status",
            SoaState::Planned => "planned",
            SoaState::Partial => "partial",
            SoaState::Implemented => "implemented",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ControlView<'r> {
    pub id: &'r str,
    /// The Annex A entry, for an Annex A control.
    pub annex: Option<&'static catalog::Control>,
    /// The SoA decision and the document it is in, when there is one.
    pub decision: Option<&'r SoaDecision>,
    pub doc: Option<usize>,
    pub file: Option<&'r str>,
    /// The Annex A title, or a custom control's own.
    pub title: &'r str,
    pub state: SoaState,
    /// Risks citing the control (open and closed), in register order.
    pub risks: Vec<&'r str>,
    /// The risk categories (built-in or the register's own) that suggest the control
    /// and in which the register has an open risk.
    pub suggested_by: Vec<&'r str>,
    /// When an implemented control must next be verified: `Some(None)` when it never
    /// was; `None` when it is not implemented.
    pub verification: Option<Option<NaiveDate>>,
    /// Indices into [`super::View::monitors`] of the monitors that evidence its
    /// effectiveness.
    pub monitors: Vec<usize>,
}

impl ControlView<'_> {
    /// A control of the organisation's own, not from Annex A.
    pub fn is_custom(&self) -> bool {
        self.annex.is_none()
    }
}

/// Every Annex A control in Annex A order, then the custom controls by id, with the
/// risks citing each.
pub(super) fn controls<'r>(
    register: &'r Register,
    risks: &[RiskView<'r>],
    categories: &[RiskCategory<'r>],
    monitors: &[MonitorView<'r>],
    cycles: Cycles,
) -> Vec<ControlView<'r>> {
    let in_use: BTreeSet<&str> = risks
        .iter()
        .filter(|r| r.is_open())
        .map(|r| r.risk.category.as_str())
        .collect();
    let custom = register
        .config
        .iter()
        .flat_map(|c| c.value.categories.iter());
    let mut suggesting: BTreeMap<&str, Vec<&'r str>> = BTreeMap::new();
    for category in categories.iter().filter(|c| in_use.contains(c.id)) {
        let suggested: Vec<&'r str> = match catalog::category(category.id) {
            Some(builtin) if category.builtin => builtin.controls.to_vec(),
            _ => custom
                .clone()
                .filter(|c| c.id == category.id)
                .flat_map(|c| c.controls.iter().map(String::as_str))
                .collect(),
        };
        for control in suggested {
            suggesting.entry(control).or_default().push(category.id);
        }
    }
    let mut evidenced: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, m) in monitors.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for control in &m.monitor.controls {
            if seen.insert(control.as_str()) {
                evidenced.entry(control).or_default().push(i);
            }
        }
    }
    let mut citing: BTreeMap<&str, Vec<&'r str>> = BTreeMap::new();
    for r in risks {
        let mut seen = BTreeSet::new();
        for control in &r.risk.controls {
            if seen.insert(control.as_str()) {
                citing.entry(control).or_default().push(r.id());
            }
        }
    }
    let decisions: BTreeMap<&str, (usize, &'r crate::model::SoaDecision)> = register
        .controls
        .iter()
        .map(|e| (e.value.id.as_str(), (e.doc, &e.value)))
        .collect();
    let view = |id: &'r str, annex: Option<&'static catalog::Control>| {
        let found = decisions.get(id).copied();
        let decision = found.map(|(_, d)| d);
        ControlView {
            id,
            annex,
            decision,
            doc: found.map(|(doc, _)| doc),
            file: found.map(|(doc, _)| register.documents[doc].path.as_str()),
            title: annex.map_or_else(
                || decision.and_then(|d| d.title.as_deref()).unwrap_or(""),
                |a| a.title,
            ),
            state: SoaState::of(decision),
            risks: citing.get(id).cloned().unwrap_or_default(),
            suggested_by: suggesting.get(id).cloned().unwrap_or_default(),
            verification: decision
                .and_then(|d| crate::schedule::control_verification(d, cycles.control_review)),
            monitors: evidenced.get(id).cloned().unwrap_or_default(),
        }
    };
    let mut out: Vec<ControlView<'r>> = catalog::CONTROLS
        .iter()
        .map(|c| view(c.id, Some(c)))
        .collect();
    let mut custom: Vec<&'r str> = decisions
        .keys()
        .copied()
        .filter(|id| catalog::control(id).is_none())
        .collect();
    custom.sort_unstable();
    out.extend(custom.into_iter().map(|id| view(id, None)));
    out
}
