//! `aims audit list`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome};
use crate::view::AuditView;

/// List the internal audits, by planned date, with their findings
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only audits with this status
    #[arg(long, value_parser = ["planned", "in-progress", "done", "cancelled"])]
    pub status: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
pub struct AuditRow<'r> {
    pub id: &'r str,
    pub title: &'r str,
    pub status: &'static str,
    pub planned: NaiveDate,
    pub done: Option<NaiveDate>,
    pub auditor: Option<&'r str>,
    pub clauses: Vec<&'static str>,
    pub controls: usize,
    pub findings: usize,
    pub open_findings: usize,
    /// Counted in the current audit cycle.
    pub in_cycle: bool,
    /// What the auditor's role owns in the scope, `kind id`.
    pub not_independent_of: Vec<String>,
}

impl<'r> AuditRow<'r> {
    pub fn of(a: &AuditView<'r>) -> AuditRow<'r> {
        AuditRow {
            id: a.id(),
            title: &a.audit.title,
            status: a.audit.status.as_str(),
            planned: a.audit.planned,
            done: a.audit.done,
            auditor: a.audit.auditor.as_ref().map(|x| x.name.as_str()),
            clauses: a.clauses.clone(),
            controls: a.audit.scope.controls.len(),
            findings: a.findings.len(),
            open_findings: a.findings.iter().filter(|f| f.open()).count(),
            in_cycle: a.in_cycle,
            not_independent_of: a
                .conflicts
                .iter()
                .map(|c| format!("{} {}", c.kind, c.id))
                .collect(),
        }
    }
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs { status, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let mut audits: Vec<&AuditView<'_>> = view
        .audits
        .iter()
        .filter(|a| {
            status
                .as_deref()
                .is_none_or(|s| a.audit.status.as_str() == s)
        })
        .collect();
    audits.sort_by(|a, b| (a.audit.planned, a.id()).cmp(&(b.audit.planned, b.id())));
    let rows: Vec<AuditRow<'_>> = audits.into_iter().map(AuditRow::of).collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => output::note(crate::cli::choices::nothing(
            view.audits.len(),
            "audit",
            "audits",
            "aims audit plan",
        )),
        Format::Human => {
            let mut table = output::table(&[
                "id",
                "title",
                "status",
                "planned",
                "done",
                "auditor",
                "clauses",
                "controls",
                "findings (open)",
            ]);
            for r in &rows {
                table.add_row([
                    r.id.to_string(),
                    r.title.to_string(),
                    r.status.to_string(),
                    r.planned.to_string(),
                    r.done.map(|d| d.to_string()).unwrap_or_default(),
                    r.auditor.unwrap_or_default().to_string(),
                    r.clauses.len().to_string(),
                    r.controls.to_string(),
                    format!("{} ({})", r.findings, r.open_findings),
                ]);
            }
            output::print_table(&table)?;
            output::note(output::count(rows.len(), "audit", "audits"));
        }
    }
    Ok(Outcome::Clean)
}
