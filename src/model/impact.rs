//! `impacts/<id>.yaml`: an AI system impact assessment (clause 6.1.4).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Extension, Review};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactAssessment {
    pub id: String,
    pub system: String,
    pub assessed: NaiveDate,
    pub assessor: String,
    #[serde(default)]
    pub affected_groups: Vec<String>,
    pub dimensions: Vec<Dimension>,
    #[serde(default)]
    pub review: Review,
    pub x: Extension,
}

/// One assessed dimension (fairness, safety, ...) or one marked not applicable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub dimension: String,
    pub description: Option<String>,
    pub severity: Option<u32>,
    pub likelihood: Option<u32>,
    pub reversible: Option<Reversible>,
    #[serde(default)]
    pub mitigations: Vec<String>,
    #[serde(default)]
    pub risks: Vec<String>,
    pub not_applicable: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reversible {
    Yes,
    Partly,
    No,
}

impl Reversible {
    /// The value as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Reversible::Yes => "yes",
            Reversible::Partly => "partly",
            Reversible::No => "no",
        }
    }
}
