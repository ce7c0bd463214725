//! The register's risk criteria compiled once, and the review cycles with their
//! defaults, so that every command scores and schedules the same way.

use crate::catalog;
use crate::criteria::{Rating, Scoring};
use crate::finding::{Finding, Rule};
use crate::model::{Band, Config, Duration};
use crate::register::Register;

/// The criteria of `aims.yaml`, compiled.
#[derive(Debug, Clone)]
pub struct CompiledCriteria {
    /// `None` when `aims.yaml` could not be read or its criteria are inconsistent;
    /// whatever needs scores then stays quiet (the cause is reported once).
    pub scoring: Option<Scoring>,
    /// `criteria-invalid` findings, one per inconsistency, at its place in aims.yaml.
    pub findings: Vec<Finding>,
}

impl CompiledCriteria {
    /// Compiles the criteria of the register's `aims.yaml`.
    pub fn of(register: &Register) -> CompiledCriteria {
        let Some(config) = &register.config else {
            return CompiledCriteria {
                scoring: None,
                findings: Vec::new(),
            };
        };
        match Scoring::new(&config.value.criteria) {
            Ok(scoring) => CompiledCriteria {
                scoring: Some(scoring),
                findings: Vec::new(),
            },
            Err(errors) => {
                let doc = &register.documents[config.doc];
                CompiledCriteria {
                    scoring: None,
                    findings: errors
                        .into_iter()
                        .map(|e| {
                            let mut f = Finding::new(Rule::CriteriaInvalid, &doc.path, e.message);
                            f.at = doc.locate(&e.pointer);
                            f.pointer = Some(e.pointer.clone());
                            f
                        })
                        .collect(),
                }
            }
        }
    }

    /// The band a rating falls in.
    pub fn band(&self, rating: &Rating) -> Option<&Band> {
        self.scoring.as_ref().map(|s| s.band(rating))
    }
}

/// How often things are reviewed where no entity sets its own cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cycles {
    /// `impact_review_every` in aims.yaml.
    pub impact_review: Duration,
    /// `control_review_every`: how often an implemented control is verified.
    pub control_review: Duration,
    /// `policy_review_every`: how often a policy is reviewed.
    pub policy_review: Duration,
    /// `management_review_every`: how often management reviews the AIMS (and its
    /// context).
    pub management_review: Duration,
    /// `internal_audit_every`: the period in which audits cover the whole AIMS.
    pub internal_audit: Duration,
    /// `triggered_review_within`: how soon a triggered review falls due.
    pub triggered_review: Duration,
}

impl Cycles {
    /// The default of every cycle aims.yaml does not set.
    pub const DEFAULT: Duration = Duration::ONE_YEAR;

    /// How soon a triggered review falls due where aims.yaml does not say.
    pub const TRIGGERED_DEFAULT: Duration = Duration::THIRTY_DAYS;

    pub fn of(config: Option<&Config>) -> Cycles {
        let set = |field: fn(&Config) -> Option<Duration>, default: Duration| {
            config.and_then(field).unwrap_or(default)
        };
        Cycles {
            impact_review: set(|c| c.impact_review_every, Cycles::DEFAULT),
            control_review: set(|c| c.control_review_every, Cycles::DEFAULT),
            policy_review: set(|c| c.policy_review_every, Cycles::DEFAULT),
            management_review: set(|c| c.management_review_every, Cycles::DEFAULT),
            internal_audit: set(|c| c.internal_audit_every, Cycles::DEFAULT),
            triggered_review: set(|c| c.triggered_review_within, Cycles::TRIGGERED_DEFAULT),
        }
    }
}

/// The labels of the impact assessment scales (severity and likelihood, 1 to 5):
/// those of `impact_scales` in aims.yaml, or the described defaults.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImpactScales {
    /// Name and description of levels 1 to 5.
    pub severity: Vec<(String, Option<String>)>,
    pub likelihood: Vec<(String, Option<String>)>,
}

impl ImpactScales {
    /// The register's labels, with the defaults where it sets none, and a
    /// `criteria-invalid` finding for each scale whose levels are not numbered 1 to 5.
    pub fn of(register: &Register) -> (ImpactScales, Vec<Finding>) {
        let config = register.config.as_ref();
        let mut findings = Vec::new();
        let mut scale = |name: &str,
                         given: Option<&Vec<crate::model::Level>>,
                         defaults: &[catalog::ImpactLevel; 5]| {
            let Some(levels) = given else {
                return defaults
                    .iter()
                    .map(|l| (l.name.to_string(), Some(l.description.to_string())))
                    .collect();
            };
            if let Some((i, level)) = levels
                .iter()
                .enumerate()
                .find(|(i, l)| l.level as usize != i + 1)
                && let Some(config) = config
            {
                let doc = &register.documents[config.doc];
                let mut f = Finding::new(
                    Rule::CriteriaInvalid,
                    &doc.path,
                    format!(
                        "impact {name} level {} is listed in position {}; number the levels 1 to 5, lowest first",
                        level.level,
                        i + 1
                    ),
                );
                f.at = doc.locate(&format!("/impact_scales/{name}/{i}/level"));
                findings.push(f);
            }
            levels
                .iter()
                .map(|l| (l.name.clone(), l.description.clone()))
                .collect()
        };
        let scales = config.and_then(|c| c.value.impact_scales.as_ref());
        let severity = scale(
            "severity",
            scales.and_then(|s| s.severity.as_ref()),
            &catalog::IMPACT_SEVERITY,
        );
        let likelihood = scale(
            "likelihood",
            scales.and_then(|s| s.likelihood.as_ref()),
            &catalog::IMPACT_LIKELIHOOD,
        );
        (
            ImpactScales {
                severity,
                likelihood,
            },
            findings,
        )
    }

    /// `4 (Major)`: a level with its label.
    pub fn describe(labels: &[(String, Option<String>)], level: u32) -> String {
        match labels.get((level as usize).wrapping_sub(1)) {
            Some((name, _)) => format!("{level} ({name})"),
            None => level.to_string(),
        }
    }
}
