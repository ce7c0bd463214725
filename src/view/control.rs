//! A control of the Statement of Applicability: an Annex A control or a custom one,
//! with the decision on it, its state in one word, and the risks that cite it.

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalog;
use crate::model::{ControlStatus, SoaDecision};

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
