//! `aims incident show`

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;

use crate::cli::output::{self, Paint, field, list_field, safe};
use crate::cli::{Context, Format, Outcome};
use crate::model::IncidentStatus;

use super::list::IncidentRow;

/// Show one incident with its corrective actions
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The incident to show
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let Some(found) = view.incident(&id) else {
        let known = view.incidents.iter().map(|i| i.id());
        return Err(crate::cli::not_found(
            "incident",
            &id,
            known,
            "aims incident list",
        ));
    };
    let incident = found.incident;
    match format {
        Format::Json => output::json(incident)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let mut out = io::stdout().lock();
            let r = IncidentRow::of(found);
            writeln!(out, "{}  {}", paint.bold(r.id), safe(r.title))?;
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
                    "    {} {} ({}{})",
                    safe(&a.id),
                    safe(&a.description),
                    a.status.as_str(),
                    safe(&format!("{owner}{due}"))
                )?;
            }
        }
    }
    Ok(Outcome::Clean)
}
