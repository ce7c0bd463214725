//! `context.yaml`: the organisation's context (clause 4.1) and interested parties
//! (clause 4.2).

use serde::{Deserialize, Serialize};

use super::{Extension, Review};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    pub id: String,
    #[serde(default)]
    pub issues: Vec<Issue>,
    #[serde(default)]
    pub interested_parties: Vec<InterestedParty>,
    #[serde(default)]
    pub review: Review,
    pub x: Extension,
}

/// An external or internal issue relevant to the AI management system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub id: String,
    pub kind: IssueKind,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IssueKind {
    External,
    Internal,
}

impl IssueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueKind::External => "external",
            IssueKind::Internal => "internal",
        }
    }
}

/// An interested party, its requirements, and what addresses them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterestedParty {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub requirements: Vec<String>,
    /// Controls, objectives, policies or risks.
    #[serde(default)]
    pub addressed_by: Vec<String>,
}
