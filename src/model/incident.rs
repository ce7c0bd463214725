//! `incidents/<id>.yaml`: incidents, near misses and nonconformities (clause 10.2).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Action, Extension};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub kind: IncidentKind,
    pub reported: NaiveDate,
    pub reporter: String,
    #[serde(default)]
    pub systems: Vec<String>,
    #[serde(default)]
    pub risks: Vec<String>,
    /// The audit finding that raised it: `AUD-2026-1/F1`.
    pub source: Option<String>,
    pub severity: String,
    pub description: String,
    pub root_cause: Option<String>,
    #[serde(default)]
    pub corrective_actions: Vec<Action>,
    pub effectiveness: Option<Effectiveness>,
    pub status: IncidentStatus,
    pub closed: Option<NaiveDate>,
    pub x: Extension,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IncidentKind {
    #[default]
    Incident,
    NearMiss,
    Nonconformity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IncidentStatus {
    Open,
    Investigating,
    Closed,
}

impl IncidentStatus {
    /// The value as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            IncidentStatus::Open => "open",
            IncidentStatus::Investigating => "investigating",
            IncidentStatus::Closed => "closed",
        }
    }
}

impl IncidentKind {
    /// The value as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            IncidentKind::Incident => "incident",
            IncidentKind::NearMiss => "near-miss",
            IncidentKind::Nonconformity => "nonconformity",
        }
    }
}

/// The review of whether corrective actions worked (clause 10.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effectiveness {
    pub date: NaiveDate,
    pub by: Option<String>,
    pub result: EffectivenessResult,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EffectivenessResult {
    Effective,
    NotEffective,
}

impl EffectivenessResult {
    pub fn as_str(self) -> &'static str {
        match self {
            EffectivenessResult::Effective => "effective",
            EffectivenessResult::NotEffective => "not-effective",
        }
    }
}
