//! `audits/<id>.yaml`: internal audits with their scope and findings (clause 9.2).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Evidence, Extension};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    pub id: String,
    pub title: String,
    pub planned: NaiveDate,
    pub status: AuditStatus,
    pub done: Option<NaiveDate>,
    pub auditor: Option<Auditor>,
    #[serde(default)]
    pub scope: AuditScope,
    pub criteria: Option<String>,
    #[serde(default)]
    pub findings: Vec<AuditFinding>,
    pub report: Option<Evidence>,
    pub x: Extension,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuditStatus {
    Planned,
    InProgress,
    Done,
    Cancelled,
}

impl AuditStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditStatus::Planned => "planned",
            AuditStatus::InProgress => "in-progress",
            AuditStatus::Done => "done",
            AuditStatus::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Auditor {
    pub name: String,
    pub role: Option<String>,
}

/// What an audit covers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditScope {
    #[serde(default)]
    pub clauses: Vec<String>,
    #[serde(default)]
    pub controls: Vec<String>,
    #[serde(default)]
    pub systems: Vec<String>,
}

/// A nonconformity, observation or opportunity for improvement an audit found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditFinding {
    pub id: String,
    pub kind: FindingKind,
    pub grade: Option<Grade>,
    pub clause: Option<String>,
    pub control: Option<String>,
    pub description: String,
    pub incident: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    Nonconformity,
    Observation,
    Opportunity,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Nonconformity => "nonconformity",
            FindingKind::Observation => "observation",
            FindingKind::Opportunity => "opportunity",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Major,
    Minor,
}
