//! `aims incident list`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome};
use crate::view::IncidentView;

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

#[derive(Debug, Serialize)]
pub struct IncidentRow<'r> {
    pub id: &'r str,
    pub title: &'r str,
    pub kind: &'static str,
    pub severity: &'r str,
    pub reported: NaiveDate,
    pub status: &'static str,
    pub systems: &'r [String],
    pub risks: &'r [String],
    pub open_actions: usize,
}

impl<'r> IncidentRow<'r> {
    pub fn of(i: &IncidentView<'r>) -> IncidentRow<'r> {
        let incident = i.incident;
        IncidentRow {
            id: &incident.id,
            title: &incident.title,
            kind: incident.kind.as_str(),
            severity: &incident.severity,
            reported: incident.reported,
            status: incident.status.as_str(),
            systems: &incident.systems,
            risks: &incident.risks,
            open_actions: i.open_actions,
        }
    }
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs {
        status,
        system,
        format,
    } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let mut incidents: Vec<&IncidentView<'_>> = view
        .incidents
        .iter()
        .filter(|i| {
            status
                .as_deref()
                .is_none_or(|s| i.incident.status.as_str() == s)
        })
        .filter(|i| {
            system
                .as_ref()
                .is_none_or(|s| i.incident.systems.contains(s))
        })
        .collect();
    incidents.sort_by(|a, b| {
        b.incident
            .reported
            .cmp(&a.incident.reported)
            .then_with(|| a.id().cmp(b.id()))
    });
    let rows: Vec<IncidentRow<'_>> = incidents.into_iter().map(IncidentRow::of).collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => {
            crate::cli::output::note(format_args!(
                "no incidents match; add one with `aims incident add`"
            ));
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
