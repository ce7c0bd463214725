//! `aims incident list` and `aims incident show`

use std::io::{self, Write};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output::{self, Paint, field, list_field};
use crate::cli::{Context, Format, Outcome};
use crate::model::{Incident, IncidentStatus};

/// List incidents, near misses and nonconformities, newest first
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only incidents with this status
    #[arg(long, value_parser = ["open", "investigating", "closed"])]
    pub status: Option<String>,
    /// Only incidents involving this system
    #[arg(long)]
    pub system: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Show one incident with its corrective actions
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The incident to show
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct IncidentRow<'r> {
    id: &'r str,
    title: &'r str,
    kind: &'static str,
    severity: &'r str,
    reported: NaiveDate,
    status: &'static str,
    systems: &'r [String],
    risks: &'r [String],
    open_actions: usize,
}

fn row(incident: &Incident) -> IncidentRow<'_> {
    IncidentRow {
        id: &incident.id,
        title: &incident.title,
        kind: incident.kind.as_str(),
        severity: &incident.severity,
        reported: incident.reported,
        status: incident.status.as_str(),
        systems: &incident.systems,
        risks: &incident.risks,
        open_actions: incident
            .corrective_actions
            .iter()
            .filter(|a| a.status.is_open())
            .count(),
    }
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs {
        status,
        system,
        format,
    } = args;
    let register = ctx.open_register(None)?;
    let mut incidents: Vec<&Incident> = register
        .incidents
        .iter()
        .map(|i| &i.value)
        .filter(|i| status.as_deref().is_none_or(|s| i.status.as_str() == s))
        .filter(|i| system.as_ref().is_none_or(|s| i.systems.contains(s)))
        .collect();
    incidents.sort_by(|a, b| b.reported.cmp(&a.reported).then_with(|| a.id.cmp(&b.id)));
    let rows: Vec<IncidentRow<'_>> = incidents.into_iter().map(row).collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => {
            eprintln!("no incidents match; add one with `aims incident add`");
        }
        Format::Human => {
            let mut table = output::table(&[
                "id",
                "title",
                "kind",
                "severity",
                "reported",
                "status",
                "systems",
                "open actions",
            ]);
            for r in &rows {
                table.add_row([
                    r.id.to_string(),
                    r.title.to_string(),
                    r.kind.to_string(),
                    r.severity.to_string(),
                    r.reported.to_string(),
                    r.status.to_string(),
                    r.systems.join(", "),
                    r.open_actions.to_string(),
                ]);
            }
            output::print_table(&table)?;
        }
    }
    Ok(Outcome::Clean)
}

pub fn show(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let Some(incident) = register
        .incidents
        .iter()
        .map(|i| &i.value)
        .find(|i| i.id == id)
    else {
        let known = register.incidents.iter().map(|i| i.value.id.as_str());
        return Err(crate::cli::not_found(
            "incident",
            &id,
            known,
            "aims incident list",
        ));
    };
    match format {
        Format::Json => output::json(incident)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let mut out = io::stdout().lock();
            let r = row(incident);
            writeln!(out, "{}  {}", paint.bold(r.id), r.title)?;
            field(
                &mut out,
                "kind",
                format!("{}, severity {}", r.kind, r.severity),
            )?;
            let closed = match (incident.status, incident.closed) {
                (IncidentStatus::Closed, Some(date)) => format!(" on {date}"),
                _ => String::new(),
            };
            field(&mut out, "status", format!("{}{closed}", r.status))?;
            field(
                &mut out,
                "reported",
                format!("{} by {}", incident.reported, incident.reporter),
            )?;
            list_field(&mut out, "systems", r.systems)?;
            list_field(&mut out, "risks", r.risks)?;
            field(&mut out, "description", incident.description.trim())?;
            if let Some(cause) = &incident.root_cause {
                field(&mut out, "root cause", cause.trim())?;
            }
            writeln!(out, "  corrective actions")?;
            for a in &incident.corrective_actions {
                let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
                let owner = a
                    .owner
                    .as_deref()
                    .map(|o| format!(", {o}"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "    {} {} ({}{owner}{due})",
                    a.id,
                    a.description,
                    a.status.as_str()
                )?;
            }
        }
    }
    Ok(Outcome::Clean)
}
