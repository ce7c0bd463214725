//! `aims audit show`

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;

use crate::cli::output::{self, Paint, field, heading, list_field, safe};
use crate::cli::{Context, Format, Outcome};
use crate::view::FindingAction;

/// Show one audit: its scope, auditor, findings and the incidents carrying them
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The audit to show
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let found = super::find(&view, &id)?;
    let audit = found.audit;
    match format {
        Format::Json => output::json(audit)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let mut out = io::stdout().lock();
            writeln!(out, "{}  {}", paint.bold(&audit.id), safe(&audit.title))?;
            let done = audit
                .done
                .map(|d| format!(", done {d}"))
                .unwrap_or_default();
            field(
                &mut out,
                "status",
                format!(
                    "{} (planned {}{done})",
                    audit.status.as_str(),
                    audit.planned
                ),
            )?;
            if let Some(a) = &audit.auditor {
                let role = a
                    .role
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default();
                field(&mut out, "auditor", format!("{}{role}", a.name))?;
            }
            if !found.conflicts.is_empty() {
                let owned: Vec<String> = found
                    .conflicts
                    .iter()
                    .map(|c| format!("{} {}", c.kind, c.id))
                    .collect();
                field(&mut out, "not independent of", owned.join(", "))?;
            }
            list_field(&mut out, "scope clauses", &audit.scope.clauses)?;
            field(
                &mut out,
                "covers",
                if found.clauses.is_empty() {
                    "no clause".to_string()
                } else {
                    found.clauses.join(", ")
                },
            )?;
            list_field(&mut out, "scope controls", &audit.scope.controls)?;
            list_field(&mut out, "scope systems", &audit.scope.systems)?;
            if let Some(criteria) = &audit.criteria {
                field(&mut out, "criteria", criteria.trim())?;
            }
            heading(&mut out, "findings", found.findings.is_empty())?;
            for f in &found.findings {
                let finding = f.finding;
                let grade = finding
                    .grade
                    .map(|g| match g {
                        crate::model::Grade::Major => "major ",
                        crate::model::Grade::Minor => "minor ",
                    })
                    .unwrap_or_default();
                let about = finding
                    .clause
                    .as_deref()
                    .or(finding.control.as_deref())
                    .map(|c| format!(" [{c}]"))
                    .unwrap_or_default();
                let action = match f.action {
                    FindingAction::NotRequired => String::new(),
                    FindingAction::NoIncident => {
                        " -> no incident records its correction".to_string()
                    }
                    FindingAction::UnknownIncident(i) => format!(" -> {i} (no such incident)"),
                    FindingAction::NotNonconformity(i) => format!(" -> {i} (not a nonconformity)"),
                    FindingAction::NoCorrectiveAction(i) => {
                        format!(" -> {i} (no corrective action)")
                    }
                    FindingAction::Carried { incident, closed } => format!(
                        " -> {incident} ({})",
                        if closed { "closed" } else { "open" }
                    ),
                };
                writeln!(
                    out,
                    "    {} {grade}{}{}: {}{}",
                    safe(&finding.id),
                    finding.kind.as_str(),
                    safe(&about),
                    safe(finding.description.trim()),
                    safe(&action)
                )?;
            }
            if let Some(report) = &audit.report {
                field(&mut out, "report", report.reference())?;
            }
        }
    }
    Ok(Outcome::Clean)
}
