//! `controls/<id>.yaml`: a Statement of Applicability decision.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Evidence, Extension};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoaDecision {
    pub id: String,
    pub applicable: bool,
    pub justification: Option<String>,
    pub status: Option<ControlStatus>,
    pub owner: Option<String>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    pub verified: Option<NaiveDate>,
    /// Custom controls only.
    pub title: Option<String>,
    pub description: Option<String>,
    pub x: Extension,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ControlStatus {
    Planned,
    Partial,
    Implemented,
}

impl ControlStatus {
    /// The value as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            ControlStatus::Planned => "planned",
            ControlStatus::Partial => "partial",
            ControlStatus::Implemented => "implemented",
        }
    }
}
