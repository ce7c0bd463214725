//! The rules of `aims check`.
//!
//! [`check`] takes the read model of a register ([`View`]), runs every rule and
//! returns the findings with the severities `aims.yaml` asks for, sorted by file and
//! position. Each rule lives in a small module and returns findings at the rule's
//! default severity; rules judge the values the view derived and derive none
//! themselves. None prints, reads the clock or exits. Every rule runs in time linear in
//! the register: ids are indexed once in the view.

mod approval;
mod coverage;
mod evidence;
mod identity;
mod references;
mod reviews;
mod soa;
mod treatment;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::{Finding, Rule, Severity};
use crate::register::Register;
use crate::view::View;

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

/// Runs every rule on the register the view was built from, as of its date. The
/// approval rules run when the view carries approval states (read from git).
pub fn check(view: &View<'_>) -> Report {
    let register = view.register;
    let mut findings = register.findings.clone();
    findings.extend(view.criteria.findings.iter().cloned());
    findings.extend(identity::id_mismatch(register));
    findings.extend(identity::duplicate_ids(register));
    findings.extend(references::unknown_references(register, &view.index));
    findings.extend(treatment::rules(view));
    findings.extend(evidence::rules(view));
    findings.extend(reviews::overdue(view));
    findings.extend(reviews::triggered(view));
    findings.extend(coverage::rules(view));
    findings.extend(soa::rules(view));
    if let Some(states) = &view.approvals {
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

/// Whether `rule` reports anything in this register (its severity is not `off`).
pub fn enabled(register: &Register, rule: Rule) -> bool {
    severity_overrides(register)
        .get(&rule)
        .copied()
        .unwrap_or(rule.default_severity())
        != Severity::Off
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
