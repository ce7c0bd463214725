//! ISO/IEC 42001 domain types, as they stand in the register's files.
//!
//! Serde types only: each is deserialised from the `Value` the loader produced (after
//! the JSON Schema accepted it), never from text. Field names are the on-disk names of
//! the register format. No I/O, no rules.

mod audit;
mod clause;
mod config;
mod context;
mod control;
mod duration;
mod impact;
mod incident;
mod kind;
mod management_review;
mod measurement;
mod monitor;
mod objective;
mod policy;
mod risk;
mod system;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use audit::{Audit, AuditFinding, AuditScope, AuditStatus, Auditor, FindingKind, Grade};
pub use clause::{ClauseStatement, StatementStatus};
pub use config::{
    ApprovalPolicy, Band, Competence, Config, Criteria, CustomCategory, ImpactScales, Level,
    Require, Role, Threshold,
};
pub use context::{Context, InterestedParty, Issue, IssueKind};
pub use control::{ControlStatus, SoaDecision};
pub use duration::Duration;
pub use impact::{Dimension, ImpactAssessment, Reversible};
pub use incident::{Effectiveness, EffectivenessResult, Incident, IncidentKind, IncidentStatus};
pub use kind::{FileKind, Kind};
pub use management_review::{ManagementReview, ReviewInputs};
pub use measurement::{Measurement, Stamp, StampError, TextRef};
pub use monitor::{Limit, Monitor, MonitorKind};
pub use objective::{Direction, Measured, Metric, Objective, ObjectiveStatus};
pub use policy::{Communication, Policy, PolicyApproval, PolicyKind};
pub use risk::{
    Acceptance, Residual, Risk, RiskKind, RiskScope, RiskStatus, Score, Treatment, TreatmentOption,
};
pub use system::{AiSystem, Lifecycle, OrganisationRole, Screening, Supplier, SystemChange};

/// A review record: the last review, an optional override of the cycle, who
/// reviewed and what they concluded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub last: Option<NaiveDate>,
    pub every: Option<Duration>,
    /// The role that made the last review.
    pub by: Option<String>,
    /// The last review's conclusion.
    pub note: Option<String>,
}

/// A treatment action or corrective action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub description: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    pub completed: Option<NaiveDate>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    Planned,
    InProgress,
    Done,
    Cancelled,
}

/// An evidence item: a path inside the register or a URL, with optional dating and pin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Evidence {
    Ref(String),
    Detailed(EvidenceDetail),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceDetail {
    #[serde(rename = "ref")]
    pub reference: String,
    pub description: Option<String>,
    pub date: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    pub sha256: Option<String>,
}

impl Evidence {
    /// The path or URL the item cites.
    pub fn reference(&self) -> &str {
        match self {
            Evidence::Ref(r) => r,
            Evidence::Detailed(d) => &d.reference,
        }
    }

    /// Whether the item is a URL rather than a file in the register.
    pub fn is_url(&self) -> bool {
        let r = self.reference();
        r.starts_with("https://") || r.starts_with("http://")
    }
}

/// The top-level `x:` map of users' own fields, carried through untouched.
pub type Extension = Option<Value>;

impl ActionStatus {
    /// The value as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    /// Planned or in progress: still to be done.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::InProgress)
    }
}
