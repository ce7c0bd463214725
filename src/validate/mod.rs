//! The rules of `aims check`.
//!
//! [`check`] takes an opened register and the date to judge it on, runs every rule
//! and returns the findings with the severities `aims.yaml` asks for, sorted by file
//! and position. Each rule lives in a small module and returns findings at the
//! rule's default severity; none prints, reads the clock or exits. Every rule runs in
//! time linear in the register: ids are indexed once in [`Index`].

mod approval;
mod coverage;
mod evidence;
mod identity;
mod index;
mod references;
mod reviews;
mod soa;
mod treatment;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::criteria::Scoring;
use crate::finding::{Finding, Rule, Severity};
use crate::model::Duration;
use crate::register::Register;

pub use index::Index;

/// The outcome of `aims check`.
#[derive(Debug, Clone)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// How many register files were read.
    pub files: usize,
}

/// Counts for the summary line and the JSON `summary` object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub files: usize,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let count = |s| self.findings.iter().filter(|f| f.severity == s).count();
        Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            files: self.files,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// The default review cycle of impact assessments and of control verification.
const DEFAULT_CYCLE: Duration = Duration::ONE_YEAR;

/// What every rule needs: the register, its index, the compiled criteria and the
/// date to judge by.
pub struct Judge<'r> {
    pub register: &'r Register,
    pub index: Index<'r>,
    /// `None` when `aims.yaml` could not be read or its criteria are inconsistent;
    /// rules that need scores then stay quiet (the cause is reported once).
    pub scoring: Option<Scoring>,
    pub today: NaiveDate,
    pub impact_review_every: Duration,
    pub control_review_every: Duration,
}

impl<'r> Judge<'r> {
    /// A finding about entity document `doc`, at the node `pointer` names.
    pub fn finding(
        &self,
        rule: Rule,
        doc: usize,
        pointer: &str,
        message: impl Into<String>,
    ) -> Finding {
        let document = &self.register.documents[doc];
        let mut finding = Finding::new(rule, &document.path, message);
        finding.at = document.locate(pointer);
        if document.kind != crate::model::FileKind::Config {
            finding.entity = Some(document.stem.clone());
        }
        finding
    }
}

/// Runs every rule on `register` as of `today`.
pub fn check(register: &Register, today: NaiveDate) -> Report {
    check_with_approvals(register, today, None)
}

/// Whether `rule` reports anything in this register (its severity is not `off`).
pub fn enabled(register: &Register, rule: Rule) -> bool {
    severity_overrides(register)
        .get(&rule)
        .copied()
        .unwrap_or(rule.default_severity())
        != Severity::Off
}

/// Runs every rule, including the approval rules when the approval states of the
/// register's entities are given (they come from git history).
pub fn check_with_approvals(
    register: &Register,
    today: NaiveDate,
    approvals: Option<&[crate::trail::status::EntityStatus]>,
) -> Report {
    let mut findings = register.findings.clone();
    let config = register.config.as_ref().map(|c| &c.value);
    let scoring = match (&register.config, config) {
        (Some(entity), Some(config)) => match Scoring::new(&config.criteria) {
            Ok(scoring) => Some(scoring),
            Err(errors) => {
                let doc = &register.documents[entity.doc];
                findings.extend(errors.into_iter().map(|e| {
                    let mut f = Finding::new(Rule::CriteriaInvalid, &doc.path, e.message);
                    f.at = doc.locate(&e.pointer);
                    f
                }));
                None
            }
        },
        _ => None,
    };
    let judge = Judge {
        register,
        index: Index::new(register),
        scoring,
        today,
        impact_review_every: config
            .and_then(|c| c.impact_review_every)
            .unwrap_or(DEFAULT_CYCLE),
        control_review_every: config
            .and_then(|c| c.control_review_every)
            .unwrap_or(DEFAULT_CYCLE),
    };

    findings.extend(identity::id_mismatch(register));
    findings.extend(identity::duplicate_ids(register));
    findings.extend(references::unknown_references(register, &judge.index));
    findings.extend(treatment::rules(&judge));
    findings.extend(evidence::rules(&judge));
    findings.extend(reviews::overdue(&judge));
    findings.extend(reviews::triggered(&judge));
    findings.extend(coverage::rules(&judge));
    findings.extend(soa::rules(&judge));
    if let Some(states) = approvals {
        findings.extend(approval::rules(register, states));
    }

    let overrides = severity_overrides(register);
    for finding in &mut findings {
        if let Some(&severity) = overrides.get(&finding.rule) {
            finding.severity = severity;
        }
    }
    findings.retain(|f| f.severity != Severity::Off);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
    Report {
        findings,
        files: register.documents.len(),
    }
}

/// Severities set in `aims.yaml` `rules:`; the schema already refused unknown rule
/// names and rules that may not be overridden.
fn severity_overrides(register: &Register) -> BTreeMap<Rule, Severity> {
    let Some(config) = &register.config else {
        return BTreeMap::new();
    };
    config
        .value
        .rules
        .iter()
        .filter_map(|(name, &severity)| {
            let rule: Rule = name.parse().ok()?;
            rule.overridable().then_some((rule, severity))
        })
        .collect()
}
