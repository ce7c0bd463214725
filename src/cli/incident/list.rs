//! `aims incident list`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome, choices};
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
    let system = choices::filter("system", "AI system", system, &choices::systems(&register))?;
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
            let total = view.incidents.len();
            crate::cli::output::note(format_args!(
                "{}",
                choices::nothing(total, "incident", "incidents", "aims incident add")
            ));
        }
        Format::Human => {
            let mut table =
                output::table(&["id", "incident", "reported", "status", "open actions"]);
            table.unbroken(&[0, 2]);
            for r in &rows {
                let mut about = vec![r.kind.to_string(), r.severity.to_string()];
                about.extend(r.systems.iter().cloned());
                table.add_row([
                    r.id.to_string(),
                    format!("{}\n{}", r.title, about.join(" · ")),
                    r.reported.to_string(),
                    r.status.to_string(),
                    r.open_actions.to_string(),
                ]);
            }
            output::print_table(&table)?;
        }
    }
    Ok(Outcome::Clean)
}
