//! The rules of `aims check`.
//!
//! [`check`] takes an opened register and the date to judge it on, runs every rule
//! and returns the findings with the severities `aims.yaml` asks for, sorted by file
//! and position. Each rule lives in its own small module and returns findings at the
//! rule's default severity; none prints, reads the clock or exits. Every rule runs in
//! time linear in the register: ids are indexed once in [`Index`].

mod identity;
mod index;
mod references;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::finding::{Finding, Rule, Severity};
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

/// Runs every rule on `register` as of `today`.
pub fn check(register: &Register, today: NaiveDate) -> Report {
    // `today` is the date every date rule judges by; the rules of the register
    // foundation do not depend on it yet.
    let _ = today;
    let index = Index::new(register);
    let mut findings = register.findings.clone();
    findings.extend(identity::id_mismatch(register));
    findings.extend(identity::duplicate_ids(register));
    findings.extend(references::unknown_references(register, &index));

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
