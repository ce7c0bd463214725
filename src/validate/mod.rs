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
mod dates;
mod evaluation;
mod evidence;
mod identity;
mod incidents;
mod management;
mod measurement;
mod monitoring;
mod references;
mod reviews;
mod soa;
mod treatment;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::{Finding, MAX_FINDINGS_PER_FILE, Rule, Severity};
use crate::model::Kind;
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

/// Which files of a kind the findings on an entity depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Every file of the kind.
    All,
    /// The files that cite the entity (by its id).
    Citing,
    /// The files the entity cites.
    Cited,
}

/// The files the findings on a file of `kind` depend on, beyond the ids of every
/// entity (which are known from file names) and `aims.yaml`: a command that writes a
/// file of `kind` reads these to say exactly what `aims check` says about it. A rule
/// that comes to judge one file by another must be reflected here.
pub fn judged_with(kind: Kind) -> &'static [(Kind, Reach)] {
    match kind {
        // coverage of categories by the risks citing it; its impact assessments
        Kind::System => &[(Kind::Risk, Reach::Citing), (Kind::Impact, Reach::Citing)],
        // changes of its systems and the incidents citing it trigger reviews; controls
        // it relies on may be excluded
        Kind::Risk => &[
            (Kind::System, Reach::Cited),
            (Kind::Control, Reach::Cited),
            (Kind::Incident, Reach::Citing),
        ],
        // whether its system is in scope
        Kind::Impact => &[(Kind::System, Reach::Cited)],
        Kind::Control => &[],
        // the audit whose finding its `source` names
        Kind::Incident => &[(Kind::Audit, Reach::Cited)],
        // Not edited through a focused register: their commands read the whole of it.
        Kind::Policy
        | Kind::Objective
        | Kind::Monitor
        | Kind::Audit
        | Kind::ManagementReview
        | Kind::Clause => &[],
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
    findings.extend(dates::rules(view));
    findings.extend(management::rules(view));
    findings.extend(evaluation::rules(view));
    findings.extend(management::clauses(view));
    findings.extend(monitoring::rules(view));
    findings.extend(measurement::overdue(view));
    findings.extend(incidents::rules(view));
    findings.extend(templates(register));
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
    findings.sort_by(|a, b| a.order(b));
    findings.dedup();
    Report {
        findings: capped(findings),
        files: register.files(),
    }
}

/// The register's templates that reports would refuse to run.
fn templates(register: &Register) -> Vec<Finding> {
    register
        .templates()
        .into_iter()
        .filter_map(|t| {
            let why = t.source.err()?;
            Some(
                Finding::new(
                    Rule::TemplateUnsafe,
                    t.path,
                    format!("this template cannot be used by reports: {why}"),
                )
                .hint("a register's templates are plain text files directly inside `templates/`"),
            )
        })
        .collect()
}

/// At most [`MAX_FINDINGS_PER_FILE`] findings per file (sorted by file), then one
/// that says how many more there are, as severe as the most severe of them.
fn capped(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let mut omitted: Option<(Finding, usize)> = None;
    let (mut file, mut in_file) = (String::new(), 0);
    for finding in findings {
        if finding.file != file {
            out.extend(omitted.take().map(summary));
            file.clone_from(&finding.file);
            in_file = 0;
        }
        in_file += 1;
        if in_file <= MAX_FINDINGS_PER_FILE {
            out.push(finding);
        } else if let Some((first, count)) = &mut omitted {
            *count += 1;
            first.severity = first.severity.min(finding.severity);
        } else {
            omitted = Some((finding, 1));
        }
    }
    out.extend(omitted.map(summary));
    out
}

fn summary((first, count): (Finding, usize)) -> Finding {
    let mut f = Finding::new(
        first.rule,
        first.file.clone(),
        format!(
            "and {count} more findings in this file, not listed (the first: {})",
            first.message
        ),
    );
    f.severity = first.severity;
    f.entity = first.entity;
    f
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_beyond_the_cap_are_summarised_per_file() {
        let mut findings: Vec<Finding> = (0..MAX_FINDINGS_PER_FILE + 5)
            .map(|i| Finding::new(Rule::UnknownReference, "risks/R-1.yaml", format!("m{i}")))
            .collect();
        findings[MAX_FINDINGS_PER_FILE + 3].severity = Severity::Warning;
        findings.push(Finding::new(Rule::IdMismatch, "risks/R-2.yaml", "other"));
        let out = capped(findings);
        assert_eq!(out.len(), MAX_FINDINGS_PER_FILE + 2);
        let summary = &out[MAX_FINDINGS_PER_FILE];
        assert!(
            summary
                .message
                .starts_with("and 5 more findings in this file")
        );
        assert_eq!(summary.severity, Severity::Error);
        assert_eq!(out.last().map(|f| f.file.as_str()), Some("risks/R-2.yaml"));
    }
}
