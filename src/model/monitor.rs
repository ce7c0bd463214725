//! `monitors/<id>.yaml`: what is measured about an AI system, its threshold and
//! cadence (clause 9.1). Its results are `measurements/<id>.csv`.

use serde::{Deserialize, Serialize};

use super::{Duration, Extension};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Monitor {
    pub id: String,
    pub system: String,
    pub kind: MonitorKind,
    pub metric: String,
    pub key: Option<String>,
    pub threshold: Limit,
    pub warn: Option<Limit>,
    pub every: Duration,
    pub owner: String,
    #[serde(default)]
    pub risks: Vec<String>,
    #[serde(default)]
    pub controls: Vec<String>,
    pub description: Option<String>,
    pub x: Extension,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MonitorKind {
    Performance,
    Drift,
    Fairness,
    Robustness,
    Safety,
    Security,
    Privacy,
    ControlEffectiveness,
    Other,
}

impl MonitorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MonitorKind::Performance => "performance",
            MonitorKind::Drift => "drift",
            MonitorKind::Fairness => "fairness",
            MonitorKind::Robustness => "robustness",
            MonitorKind::Safety => "safety",
            MonitorKind::Security => "security",
            MonitorKind::Privacy => "privacy",
            MonitorKind::ControlEffectiveness => "control-effectiveness",
            MonitorKind::Other => "other",
        }
    }
}

/// A bound: values above `max`, or below `min`, are beyond it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub max: Option<f64>,
    pub min: Option<f64>,
}

impl Limit {
    /// Whether `value` is beyond the bound.
    pub fn beyond(&self, value: f64) -> bool {
        self.max.is_some_and(|max| value > max) || self.min.is_some_and(|min| value < min)
    }

    /// `max 5` or `min 0.8`.
    pub fn describe(&self) -> String {
        match (self.max, self.min) {
            (Some(max), _) => format!("max {max}"),
            (_, Some(min)) => format!("min {min}"),
            _ => String::new(),
        }
    }
}
