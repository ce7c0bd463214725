//! `management-reviews/<id>.yaml`: management reviews with their inputs, decisions and
//! actions (clause 9.3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Action, Evidence, Extension};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagementReview {
    pub id: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub attendees: Vec<String>,
    pub revision: Option<String>,
    #[serde(default)]
    pub inputs: ReviewInputs,
    #[serde(default)]
    pub decisions: Vec<String>,
    #[serde(default)]
    pub actions: Vec<Action>,
    pub minutes: Option<Evidence>,
    pub x: Extension,
}

/// The inputs clause 9.3.2 asks a management review to consider.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReviewInputs {
    pub previous_actions: Option<String>,
    pub context_changes: Option<String>,
    pub interested_parties: Option<String>,
    pub performance: Option<String>,
    pub opportunities: Option<String>,
}

impl ReviewInputs {
    /// The names of the inputs a review must consider, as written in the file.
    pub const NAMES: [&'static str; 5] = [
        "previous-actions",
        "context-changes",
        "interested-parties",
        "performance",
        "opportunities",
    ];

    /// The inputs not recorded.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            &self.previous_actions,
            &self.context_changes,
            &self.interested_parties,
            &self.performance,
            &self.opportunities,
        ]
        .iter()
        .zip(Self::NAMES)
        .filter(|(v, _)| v.is_none())
        .map(|(_, n)| n)
        .collect()
    }
}
