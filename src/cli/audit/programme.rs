//! `aims audit programme`

use std::io::{self, Write};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output::{self, safe};
use crate::cli::{Context, Format, Outcome};

/// Show what the audits of the current cycle covered, clause by clause and control
/// by control, and what remains uncovered
///
/// The cycle is `internal_audit_every` (default 1y) up to today: every clause 4.1 to
/// 10.2 and every applicable Annex A control is in the scope of an audit done within
/// it, or `audit-coverage` says what is not.
#[derive(Debug, Args)]
pub struct ProgrammeArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct Covered<'r> {
    id: &'r str,
    title: &'r str,
    audits: Vec<&'r str>,
    /// Planned or in-progress audits that will cover it.
    planned: Vec<&'r str>,
}

#[derive(Debug, Serialize)]
struct Programme<'r> {
    every: String,
    since: NaiveDate,
    until: NaiveDate,
    audits: Vec<super::list::AuditRow<'r>>,
    clauses: Vec<Covered<'r>>,
    controls: Vec<Covered<'r>>,
    uncovered_clauses: Vec<&'r str>,
    uncovered_controls: Vec<&'r str>,
    last_done: Option<NaiveDate>,
    next_due: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: ProgrammeArgs) -> Result<Outcome> {
    let ProgrammeArgs { format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let p = &view.programme;
    let pending: Vec<_> = view.audits.iter().filter(|a| a.is_pending()).collect();
    let mut audits: Vec<_> = view
        .audits
        .iter()
        .filter(|a| a.in_cycle || a.is_pending())
        .collect();
    audits.sort_by(|a, b| (a.audit.planned, a.id()).cmp(&(b.audit.planned, b.id())));
    let programme = Programme {
        every: p.every.to_string(),
        since: p.since,
        until: view.today,
        audits: audits.into_iter().map(super::list::AuditRow::of).collect(),
        clauses: p
            .clauses
            .iter()
            .map(|(id, by)| Covered {
                id,
                title: crate::catalog::clause_by_id(id).map_or("", |c| c.title),
                audits: by.clone(),
                planned: pending
                    .iter()
                    .filter(|a| a.clauses.contains(id))
                    .map(|a| a.id())
                    .collect(),
            })
            .collect(),
        controls: p
            .controls
            .iter()
            .map(|(id, by)| Covered {
                id,
                title: view.control(id).map_or("", |c| c.title),
                audits: by.clone(),
                planned: pending
                    .iter()
                    .filter(|a| a.audit.scope.controls.iter().any(|c| c == id))
                    .map(|a| a.id())
                    .collect(),
            })
            .collect(),
        uncovered_clauses: p.uncovered_clauses(),
        uncovered_controls: p.uncovered_controls(),
        last_done: p.last_done.map(|(_, d)| d),
        next_due: p.next_due(),
    };
    match format {
        Format::Json => output::json(&programme)?,
        Format::Human => human(&programme)?,
    }
    Ok(Outcome::Clean)
}

fn human(p: &Programme<'_>) -> Result<()> {
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "Internal audit programme, cycle of {} from {} to {}",
        p.every, p.since, p.until
    )?;
    let mut table = output::table(&[
        "audit",
        "status",
        "planned",
        "done",
        "auditor",
        "findings (open)",
    ]);
    for a in &p.audits {
        table.add_row([
            a.id.to_string(),
            a.status.to_string(),
            a.planned.to_string(),
            a.done.map(|d| d.to_string()).unwrap_or_default(),
            a.auditor.unwrap_or_default().to_string(),
            format!("{} ({})", a.findings, a.open_findings),
        ]);
    }
    writeln!(out, "{table}")?;
    for (what, rows) in [("clause", &p.clauses), ("control", &p.controls)] {
        let mut table = output::table(&[what, "title", "audited in the cycle by", "planned"]);
        for c in rows.iter() {
            table.add_row([
                c.id.to_string(),
                c.title.to_string(),
                if c.audits.is_empty() {
                    "NOT COVERED".to_string()
                } else {
                    c.audits.join(", ")
                },
                c.planned.join(", "),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    let uncovered = |items: &[&str]| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(", ")
        }
    };
    writeln!(
        out,
        "uncovered in the cycle: clauses {}; controls {}",
        safe(&uncovered(&p.uncovered_clauses)),
        safe(&uncovered(&p.uncovered_controls))
    )?;
    match (p.last_done, p.next_due) {
        (Some(last), Some(next)) => {
            writeln!(out, "last audit done {last}; the next is due by {next}")?
        }
        _ => writeln!(out, "no audit done yet: plan one with `aims audit plan`")?,
    }
    Ok(())
}
