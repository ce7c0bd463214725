//! `aims.yaml`: organisation, scope, roles, risk criteria and rule settings.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Duration;
use super::Extension;
use crate::finding::Severity;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub aims: u32,
    pub organisation: String,
    pub scope: String,
    pub roles: Vec<Role>,
    pub criteria: Criteria,
    #[serde(default)]
    pub categories: Vec<CustomCategory>,
    pub impact_review_every: Option<Duration>,
    pub control_review_every: Option<Duration>,
    /// Labels of the impact assessment scales; described defaults when absent.
    pub impact_scales: Option<ImpactScales>,
    #[serde(default)]
    pub approvals: ApprovalPolicy,
    pub triggered_review_within: Option<Duration>,
    pub management_review_every: Option<Duration>,
    pub internal_audit_every: Option<Duration>,
    pub policy_review_every: Option<Duration>,
    #[serde(default)]
    pub rules: BTreeMap<String, Severity>,
    pub x: Extension,
}

/// A role (clause 5.3): owners and approvers are role ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    #[serde(default)]
    pub approver: bool,
    /// OpenSSH public keys that sign this role's approvals.
    #[serde(default)]
    pub signing_keys: Vec<String>,
    /// Top management (clauses 5.1 and 9.3).
    #[serde(default)]
    pub top_management: bool,
    /// Competence records (clause 7.2).
    #[serde(default)]
    pub competence: Vec<Competence>,
}

/// A competence a role needs, and what shows the person holding it has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competence {
    pub need: String,
    pub evidence: Option<super::Evidence>,
    pub date: Option<chrono::NaiveDate>,
    pub expires: Option<chrono::NaiveDate>,
}

/// How approvals in git history are verified.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalPolicy {
    #[serde(default)]
    pub require: Require,
}

/// Which approvals count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Require {
    /// Every approval but a bad signature (format 1's behaviour).
    Trailer,
    /// Signed, or authored and committed by the approver.
    #[default]
    #[serde(alias = "committer")]
    Identity,
    /// Signed with one of the approver role's keys.
    Signature,
}

impl Require {
    pub fn as_str(self) -> &'static str {
        match self {
            Require::Trailer => "trailer",
            Require::Identity => "identity",
            Require::Signature => "signature",
        }
    }
}

/// Risk criteria (clause 6.1.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    pub likelihood: Vec<Level>,
    pub consequence: Vec<Level>,
    #[serde(default)]
    pub consequence_areas: Vec<String>,
    pub bands: Vec<Band>,
    pub acceptance_threshold: Threshold,
    pub matrix: Option<Vec<Vec<String>>>,
}

/// One level of a likelihood or consequence scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub level: u32,
    pub name: String,
    pub description: Option<String>,
}

/// The labels of the two 1-5 scales of impact assessment dimensions (clause 6.1.4).
/// Either may be left out, for its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactScales {
    pub severity: Option<Vec<Level>>,
    pub likelihood: Option<Vec<Level>>,
}

/// A risk band with its review cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub name: String,
    pub max: Option<u32>,
    pub review_every: Duration,
    pub description: Option<String>,
}

/// The acceptance threshold: a score, or a band name when a matrix is used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Threshold {
    Score(u32),
    Band(String),
}

/// A risk category of the organisation's own, beyond the built-in eight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomCategory {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    #[serde(default)]
    pub controls: Vec<String>,
}
