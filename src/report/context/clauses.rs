//! The entries of the clause-readiness report: each clause with its readiness, the
//! records behind it and why, and the totals.

use serde::Serialize;

use crate::view::{ClauseReadiness, Record};

/// A clause of ISO/IEC 42001 with its readiness, the records behind it and why.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseEntry {
    pub id: &'static str,
    pub title: &'static str,
    pub status: &'static str,
    pub evidence: Vec<Record>,
    pub reason: String,
    pub statement: Option<StatementEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementEntry {
    pub status: &'static str,
    pub statement: String,
    pub file: String,
}

impl ClauseEntry {
    pub fn of(c: ClauseReadiness<'_>) -> ClauseEntry {
        ClauseEntry {
            id: c.id,
            title: c.title,
            status: c.status.as_str(),
            evidence: c.evidence,
            reason: c.reason,
            statement: c.statement.map(|s| StatementEntry {
                status: s.status,
                statement: s.statement.trim().to_string(),
                file: s.file.to_string(),
            }),
        }
    }
}

/// How many clauses are met, partial and missing.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct ClauseTotals {
    pub met: usize,
    pub partial: usize,
    pub missing: usize,
}

impl ClauseTotals {
    pub fn of(clauses: &[ClauseEntry]) -> ClauseTotals {
        let count = |s: &str| clauses.iter().filter(|c| c.status == s).count();
        ClauseTotals {
            met: count("met"),
            partial: count("partial"),
            missing: count("missing"),
        }
    }
}
