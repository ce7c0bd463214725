//! `systems/<id>.yaml`: the AI system inventory.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Extension;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AiSystem {
    pub id: String,
    pub name: String,
    pub intended_use: String,
    pub lifecycle: Lifecycle,
    pub organisation_role: OrganisationRole,
    pub model_type: Option<String>,
    #[serde(default)]
    pub data_inputs: Vec<String>,
    #[serde(default)]
    pub users: Vec<String>,
    #[serde(default)]
    pub affected_parties: Vec<String>,
    pub deployment: Option<String>,
    pub criticality: Option<String>,
    pub owner: String,
    #[serde(default)]
    pub suppliers: Vec<Supplier>,
    #[serde(default = "in_scope_by_default")]
    pub in_scope: bool,
    pub scope_note: Option<String>,
    #[serde(default)]
    pub changes: Vec<SystemChange>,
    #[serde(default)]
    pub screening: Vec<Screening>,
    pub x: Extension,
}

fn in_scope_by_default() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lifecycle {
    Concept,
    Development,
    Validation,
    Deployed,
    Retired,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrganisationRole {
    Developer,
    Provider,
    User,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    pub name: String,
    pub provides: Option<String>,
}

/// A material change; one dated after a linked risk's last review triggers that review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SystemChange {
    pub date: NaiveDate,
    pub description: String,
}

/// A risk category assessed for the system with no risk identified.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    pub category: String,
    pub date: NaiveDate,
    pub rationale: String,
}

impl Lifecycle {
    /// The value as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Concept => "concept",
            Lifecycle::Development => "development",
            Lifecycle::Validation => "validation",
            Lifecycle::Deployed => "deployed",
            Lifecycle::Retired => "retired",
        }
    }
}

impl OrganisationRole {
    /// The value as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationRole::Developer => "developer",
            OrganisationRole::Provider => "provider",
            OrganisationRole::User => "user",
        }
    }
}
