//! `risks/<id>.yaml`: an AI risk (clause 6.1.2) with its treatment (clause 6.1.3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Action, Extension, Review};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub kind: RiskKind,
    pub scope: Option<RiskScope>,
    #[serde(default)]
    pub systems: Vec<String>,
    pub category: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub owasp: Vec<String>,
    pub cause: Option<String>,
    pub event: Option<String>,
    pub consequence: Option<String>,
    #[serde(default)]
    pub consequence_areas: Vec<String>,
    #[serde(default)]
    pub affected_parties: Vec<String>,
    pub owner: String,
    pub identified: NaiveDate,
    pub assessment: Score,
    pub target: Option<Score>,
    #[serde(default)]
    pub controls: Vec<String>,
    #[serde(default)]
    pub impacts: Vec<String>,
    #[serde(default)]
    pub infosec_refs: Vec<String>,
    pub treatment: Option<Treatment>,
    #[serde(default)]
    pub review: Review,
    #[serde(default)]
    pub status: RiskStatus,
    pub closed_reason: Option<String>,
    /// The date the risk was closed.
    pub closed: Option<NaiveDate>,
    pub x: Extension,
}

/// A likelihood and consequence pair on the register's scales.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub likelihood: u32,
    pub consequence: u32,
    pub rationale: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Treatment {
    pub option: TreatmentOption,
    pub rationale: Option<String>,
    #[serde(default)]
    pub actions: Vec<Action>,
    pub acceptance: Option<Acceptance>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TreatmentOption {
    Avoid,
    Mitigate,
    Transfer,
    Accept,
}

/// The record of a risk accepted at its current level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    pub justification: Option<String>,
    pub approved_by: Option<String>,
    pub date: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    /// The score the approver accepted: once the risk scores higher, the acceptance
    /// no longer holds.
    pub residual: Option<Residual>,
}

/// A likelihood and consequence pair without a rationale: the score accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Residual {
    pub likelihood: u32,
    pub consequence: u32,
}

/// A risk, or an opportunity (clause 6.1.1), scored the same way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskKind {
    #[default]
    Risk,
    Opportunity,
}

impl RiskKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RiskKind::Risk => "risk",
            RiskKind::Opportunity => "opportunity",
        }
    }
}

/// What a risk concerns beyond AI systems: `aims`, the management system itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskScope {
    Aims,
}

impl RiskScope {
    pub fn as_str(self) -> &'static str {
        match self {
            RiskScope::Aims => "aims",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskStatus {
    #[default]
    Open,
    Closed,
}

impl TreatmentOption {
    /// The value as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            TreatmentOption::Avoid => "avoid",
            TreatmentOption::Mitigate => "mitigate",
            TreatmentOption::Transfer => "transfer",
            TreatmentOption::Accept => "accept",
        }
    }
}

impl RiskStatus {
    /// The value as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskStatus::Open => "open",
            RiskStatus::Closed => "closed",
        }
    }
}
