//! `clauses/<id>.yaml`: how a clause of ISO/IEC 42001 is addressed where no record of
//! the register evidences it (leadership, awareness, planning of changes, ...).

use serde::{Deserialize, Serialize};

use super::{Evidence, Extension};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseStatement {
    pub id: String,
    pub status: StatementStatus,
    pub statement: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    pub x: Extension,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementStatus {
    Planned,
    Partial,
    Implemented,
}

impl StatementStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementStatus::Planned => "planned",
            StatementStatus::Partial => "partial",
            StatementStatus::Implemented => "implemented",
        }
    }
}
