//! `policies/<id>.yaml`: the AI policy and topic policies (clause 5.2, controls A.2.2
//! to A.2.4).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Evidence, Extension, Review};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: String,
    pub title: String,
    pub kind: PolicyKind,
    pub version: Option<String>,
    pub document: Option<Evidence>,
    pub owner: Option<String>,
    pub approved: Option<PolicyApproval>,
    #[serde(default)]
    pub communicated: Vec<Communication>,
    #[serde(default)]
    pub review: Review,
    pub x: Extension,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyKind {
    AiPolicy,
    Topic,
}

impl PolicyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyKind::AiPolicy => "ai-policy",
            PolicyKind::Topic => "topic",
        }
    }
}

/// Who approved the policy, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyApproval {
    pub by: String,
    pub date: NaiveDate,
}

/// A record of the policy being made available and communicated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Communication {
    pub date: NaiveDate,
    pub to: String,
    pub how: Option<String>,
}
