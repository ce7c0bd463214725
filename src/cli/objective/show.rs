//! `aims objective show`

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;

use crate::cli::output::{self, Paint, field, list_field, safe};
use crate::cli::{Context, Format, Outcome};
use crate::view::MeasuredBy;

use super::list::ObjectiveRow;

/// Show one objective with its metric, plan and measurements
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The objective to show
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let Some(found) = view.objective(&id) else {
        let known = view.objectives.iter().map(|o| o.id());
        return Err(crate::cli::not_found(
            "objective",
            &id,
            known,
            "aims objective list",
        ));
    };
    let objective = found.objective;
    match format {
        Format::Json => output::json(&serde_json::json!({
            "objective": objective,
            "derived": ObjectiveRow::of(found),
        }))?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let row = ObjectiveRow::of(found);
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "{}  {}",
                paint.bold(&objective.id),
                safe(&objective.title)
            )?;
            field(&mut out, "status", row.status)?;
            field(&mut out, "owner", row.owner.unwrap_or("none"))?;
            field(&mut out, "metric", row.metric.unwrap_or("none"))?;
            field(&mut out, "target", row.target.as_deref().unwrap_or("none"))?;
            let measured = match found.measured_by {
                Some(MeasuredBy::Monitor(m)) => format!("by monitor `{m}`"),
                Some(MeasuredBy::Hand { every: Some(every) }) => format!("by hand, every {every}"),
                Some(MeasuredBy::Hand { every: None }) => "by hand".to_string(),
                None => "not measured".to_string(),
            };
            field(&mut out, "measured", measured)?;
            if let Some(due) = objective.due {
                field(&mut out, "due", due)?;
            }
            if let Some(policy) = &objective.policy {
                field(&mut out, "policy", policy)?;
            }
            list_field(&mut out, "systems", &objective.systems)?;
            if !objective.annex_c.is_empty() {
                list_field(&mut out, "Annex C", &objective.annex_c)?;
            }
            writeln!(out, "  plan")?;
            for a in &objective.plan {
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
            writeln!(out, "  measurements")?;
            for m in &objective.measurements {
                let note = m
                    .note
                    .as_deref()
                    .map(|n| format!("  {n}"))
                    .unwrap_or_default();
                writeln!(out, "    {}  {}{}", m.date, m.value, safe(&note))?;
            }
            if let Some(on_target) = found.on_target {
                field(
                    &mut out,
                    "latest",
                    if on_target {
                        "meets the target"
                    } else {
                        "misses the target"
                    },
                )?;
            }
            if !found.missing.is_empty() {
                field(&mut out, "missing", found.missing.join(", "))?;
            }
        }
    }
    Ok(Outcome::Clean)
}
