//! Clause readiness: for every clause 4.1 to 10.2, whether the register evidences it
//! (met, partial, missing), by which records, and why.
//!
//! Each clause has one derivation below, written so that an auditor can check it
//! against the records it names (the README lists them as a table). Where no record
//! can evidence a clause (leadership, resources, awareness, planning of changes), a
//! statement in `clauses/<id>.yaml` does; where both exist the better of the two
//! counts and both are shown. Derivations read the view's values and never judge
//! anything a rule has not already judged the same way.

use serde::Serialize;

use crate::catalog::{self, Clause};
use crate::model::{ClauseStatement, StatementStatus};

use super::View;

mod context;
mod improvement;
mod leadership;
mod operation;
mod performance;
mod planning;
mod support;

/// How far the register evidences a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Readiness {
    Missing,
    Partial,
    Met,
}

impl Readiness {
    pub fn as_str(self) -> &'static str {
        match self {
            Readiness::Missing => "missing",
            Readiness::Partial => "partial",
            Readiness::Met => "met",
        }
    }
}

/// A record that evidences a clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The kind of record: `risk`, `policy`, `configuration`, ...
    pub kind: &'static str,
    pub id: String,
    pub file: String,
}

/// The statement of `clauses/<id>.yaml`, as the readiness view shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StatementView<'r> {
    pub status: &'static str,
    pub statement: &'r str,
    pub file: &'r str,
}

/// One clause with its readiness.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseReadiness<'r> {
    pub id: &'static str,
    pub title: &'static str,
    pub status: Readiness,
    /// The records behind the status (a statement's evidence included), in register
    /// order.
    pub evidence: Vec<Record>,
    pub reason: String,
    pub statement: Option<StatementView<'r>>,
    /// What the register derives, before any statement: `None` for clauses that only a
    /// statement can evidence.
    pub derived: Option<Readiness>,
}

/// What one derivation found.
pub(super) struct Derived {
    status: Readiness,
    evidence: Vec<Record>,
    reason: String,
}

pub(super) fn derived(
    status: Readiness,
    evidence: Vec<Record>,
    reason: impl Into<String>,
) -> Derived {
    Derived {
        status,
        evidence,
        reason: reason.into(),
    }
}

impl<'r> View<'r> {
    /// Every assessed clause 4.1 to 10.2, in clause order.
    pub fn readiness(&self) -> Vec<ClauseReadiness<'r>> {
        let assessed: Vec<&'static Clause> =
            catalog::CLAUSES.iter().filter(|c| c.assessed).collect();
        let mut out: Vec<ClauseReadiness<'r>> = assessed
            .iter()
            .filter(|c| c.id != "4.4")
            .map(|c| self.clause_readiness(c, self.derive(c.id)))
            .collect();
        // 4.4 is the management system as a whole: judged from the other clauses.
        let whole = whole_system(&out);
        let at = assessed.iter().position(|c| c.id == "4.4").unwrap_or(0);
        out.insert(
            at,
            self.clause_readiness(
                catalog::clause_by_id("4.4").expect("4.4 is a clause"),
                Some(whole),
            ),
        );
        out
    }

    fn clause_readiness(
        &self,
        clause: &'static Clause,
        found: Option<Derived>,
    ) -> ClauseReadiness<'r> {
        let statement = self
            .register
            .clauses
            .iter()
            .find(|e| e.value.id == clause.id)
            .map(|e| (&e.value, self.document(e.doc).path.as_str()));
        let from_statement = statement.map(|(s, file)| statement_readiness(s, file));
        let derived_status = found.as_ref().map(|d| d.status);
        let (status, mut evidence, reason) = match (found, &from_statement) {
            (Some(d), Some((s, records, why))) if *s > d.status => {
                let mut evidence = d.evidence;
                evidence.extend(records.iter().cloned());
                (
                    *s,
                    evidence,
                    format!("{why}; the register shows: {}", d.reason),
                )
            }
            (Some(d), Some((_, records, _))) => {
                let mut evidence = d.evidence;
                evidence.extend(records.iter().cloned());
                (d.status, evidence, d.reason)
            }
            (Some(d), None) => (d.status, d.evidence, d.reason),
            (None, Some((s, records, why))) => (*s, records.clone(), why.clone()),
            (None, None) => (
                Readiness::Missing,
                Vec::new(),
                format!(
                    "no record of the register can evidence this clause; state how it is addressed: `aims clause set {} --status implemented --statement TEXT`",
                    clause.id
                ),
            ),
        };
        evidence.dedup();
        ClauseReadiness {
            id: clause.id,
            title: clause.title,
            status,
            evidence,
            reason,
            statement: statement.map(|(s, file)| StatementView {
                status: s.status.as_str(),
                statement: &s.statement,
                file,
            }),
            derived: derived_status,
        }
    }

    /// The derivation of one clause from the register's records; `None` for clauses
    /// only a statement evidences.
    fn derive(&self, id: &str) -> Option<Derived> {
        Some(match id {
            "4.1" => self.context_issues(),
            "4.2" => self.interested_parties(),
            "4.3" => self.scope(),
            "5.1" => self.leadership(),
            "5.2" => self.ai_policy(),
            "5.3" => self.roles(),
            "6.1.1" => self.risks_and_opportunities(),
            "6.1.2" => self.risk_assessment(),
            "6.1.3" => self.risk_treatment(),
            "6.1.4" => self.impact_assessment(),
            "6.2" => self.objectives_met(),
            "7.2" => self.competence_records(),
            "7.3" => self.awareness()?,
            "7.4" => self.communication(),
            "7.5" => self.documented_information(),
            "8.1" => self.operational_control(),
            "8.2" => self.risk_reviews(),
            "8.3" => self.treatment_progress(),
            "8.4" => self.impact_reviews(),
            "9.1" => self.monitoring()?,
            "9.2" => self.internal_audit(),
            "9.3" => self.management_review_held(),
            "10.1" => self.improvement(),
            "10.2" => self.nonconformities()?,
            _ => return None,
        })
    }

    pub(super) fn record(&self, kind: &'static str, id: &str, file: &str) -> Record {
        Record {
            kind,
            id: id.to_string(),
            file: file.to_string(),
        }
    }

    fn config_record(&self) -> Vec<Record> {
        self.register
            .config
            .as_ref()
            .map(|c| self.record("configuration", "aims", &self.document(c.doc).path))
            .into_iter()
            .collect()
    }

    fn context_record(&self) -> Vec<Record> {
        self.context
            .iter()
            .map(|c| self.record("context", &c.context.id, c.file))
            .collect()
    }
}

/// A statement's readiness: implemented is met, partial is partial, planned is not
/// yet evidence.
fn statement_readiness(s: &ClauseStatement, file: &str) -> (Readiness, Vec<Record>, String) {
    let status = match s.status {
        StatementStatus::Implemented => Readiness::Met,
        StatementStatus::Partial => Readiness::Partial,
        StatementStatus::Planned => Readiness::Missing,
    };
    let mut records = vec![Record {
        kind: "clause statement",
        id: s.id.clone(),
        file: file.to_string(),
    }];
    records.extend(s.evidence.iter().map(|e| Record {
        kind: "evidence",
        id: e.reference().to_string(),
        file: e.reference().to_string(),
    }));
    let why = format!("statement ({}) in `{file}`", s.status.as_str());
    (status, records, why)
}

/// 4.4, the management system as a whole: met when every other clause is met,
/// missing when none is evidenced at all.
fn whole_system(others: &[ClauseReadiness<'_>]) -> Derived {
    let missing: Vec<&str> = others
        .iter()
        .filter(|c| c.status == Readiness::Missing)
        .map(|c| c.id)
        .collect();
    let met = others.iter().filter(|c| c.status == Readiness::Met).count();
    if met == others.len() {
        derived(
            Readiness::Met,
            Vec::new(),
            "every other clause 4.1 to 10.2 is met",
        )
    } else if missing.len() == others.len() {
        derived(
            Readiness::Missing,
            Vec::new(),
            "no clause 4.1 to 10.2 is evidenced",
        )
    } else if missing.is_empty() {
        derived(
            Readiness::Partial,
            Vec::new(),
            format!("{met} of {} other clauses met, none missing", others.len()),
        )
    } else {
        derived(
            Readiness::Partial,
            Vec::new(),
            format!(
                "{met} of {} other clauses met; missing: {}",
                others.len(),
                missing.join(", ")
            ),
        )
    }
}

/// `1 risk`, `2 risks`.
pub(super) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
