//! `objectives/<id>.yaml`: AI objectives with a metric, a target and a plan (clause
//! 6.2).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Action, Duration, Extension};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub annex_c: Vec<String>,
    pub policy: Option<String>,
    #[serde(default)]
    pub systems: Vec<String>,
    pub owner: Option<String>,
    pub metric: Option<Metric>,
    pub due: Option<NaiveDate>,
    /// When the objective was set: its first measurement by hand falls due one
    /// `measure_every` after it.
    pub established: Option<NaiveDate>,
    #[serde(default)]
    pub plan: Vec<Action>,
    #[serde(default)]
    pub measurements: Vec<Measured>,
    pub status: ObjectiveStatus,
    pub x: Extension,
}

/// What is measured, the target and which side of it is good.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub name: String,
    pub target: Option<f64>,
    pub direction: Option<Direction>,
    pub monitor: Option<String>,
    pub measure_every: Option<Duration>,
}

/// Which side of a target (or threshold) is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    AtMost,
    AtLeast,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::AtMost => "at-most",
            Direction::AtLeast => "at-least",
        }
    }

    /// Whether `value` is on the good side of `target`.
    pub fn met(self, value: f64, target: f64) -> bool {
        match self {
            Direction::AtMost => value <= target,
            Direction::AtLeast => value >= target,
        }
    }
}

/// A measurement recorded by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measured {
    pub date: NaiveDate,
    pub value: f64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectiveStatus {
    Active,
    Achieved,
    Abandoned,
}

impl ObjectiveStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectiveStatus::Active => "active",
            ObjectiveStatus::Achieved => "achieved",
            ObjectiveStatus::Abandoned => "abandoned",
        }
    }
}
