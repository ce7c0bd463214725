//! `aims check --format json`: one object, `{"diagnostics": [...], "summary": {...}}`.
//! Each diagnostic is a [`Finding`] as it serialises everywhere: rule, severity, file,
//! line, column, entity, message and hint.

use serde::Serialize;

use crate::finding::Finding;
use crate::validate::{Report, Summary};

/// The JSON document of a check.
#[derive(Debug, Serialize)]
pub struct CheckJson<'a> {
    pub diagnostics: &'a [Finding],
    pub summary: Summary,
}

pub fn check(report: &Report) -> CheckJson<'_> {
    CheckJson {
        diagnostics: &report.findings,
        summary: report.summary(),
    }
}
