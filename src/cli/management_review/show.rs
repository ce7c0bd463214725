//! `aims management-review show`

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;

use crate::cli::output::{self, Paint, field, heading, list_field, safe};
use crate::cli::{Context, Format, Outcome};
use crate::model::ReviewInputs;

/// Show one management review: its inputs, decisions and actions
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The management review to show
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let Some(found) = view.management_review(&id) else {
        let known = view.management_reviews.iter().map(|m| m.id());
        return Err(crate::cli::not_found(
            "management review",
            &id,
            known,
            "aims management-review list",
        ));
    };
    let review = found.review;
    match format {
        Format::Json => output::json(review)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "{}  management review of {}",
                paint.bold(&review.id),
                review.date
            )?;
            list_field(&mut out, "attendees", &review.attendees)?;
            list_field(
                &mut out,
                "top management",
                &found
                    .top_management
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>(),
            )?;
            if let Some(revision) = &review.revision {
                field(&mut out, "drawn from", format!("commit {revision}"))?;
            }
            let inputs = &review.inputs;
            let values = [
                &inputs.previous_actions,
                &inputs.context_changes,
                &inputs.interested_parties,
                &inputs.performance,
                &inputs.opportunities,
            ];
            writeln!(out, "  inputs")?;
            for (name, value) in ReviewInputs::NAMES.iter().zip(values) {
                writeln!(
                    out,
                    "    {name}: {}",
                    value
                        .as_deref()
                        .map_or_else(|| "not recorded".into(), |v| safe(v.trim()))
                )?;
            }
            heading(&mut out, "decisions", review.decisions.is_empty())?;
            for d in &review.decisions {
                writeln!(out, "    - {}", safe(d))?;
            }
            heading(&mut out, "actions", review.actions.is_empty())?;
            for a in &review.actions {
                let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
                let owner = a
                    .owner
                    .as_deref()
                    .map(|o| format!(", {o}"))
                    .unwrap_or_default();
                let late = if view.action_overdue(a) {
                    ", overdue"
                } else {
                    ""
                };
                writeln!(
                    out,
                    "    {} {} ({}{}{}{late})",
                    safe(&a.id),
                    safe(&a.description),
                    a.status.as_str(),
                    safe(&owner),
                    due
                )?;
            }
            if let Some(minutes) = &review.minutes {
                field(&mut out, "minutes", minutes.reference())?;
            }
            let missing = found.missing();
            if !missing.is_empty() {
                field(&mut out, "lacks", missing.join(", "))?;
            }
        }
    }
    Ok(Outcome::Clean)
}
