//! `aims policy show`

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;

use crate::cli::output::{self, Paint, field, safe};
use crate::cli::{Context, Format, Outcome};

/// Show one policy with its approval, communication records and next review
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The policy to show
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let Some(found) = view.policy(&id) else {
        let known = view.policies.iter().map(|p| p.id());
        return Err(crate::cli::not_found(
            "policy",
            &id,
            known,
            "aims policy list",
        ));
    };
    let policy = found.policy;
    match format {
        Format::Json => output::json(policy)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let mut out = io::stdout().lock();
            writeln!(out, "{}  {}", paint.bold(&policy.id), safe(&policy.title))?;
            field(&mut out, "kind", policy.kind.as_str())?;
            if let Some(version) = &policy.version {
                field(&mut out, "version", version)?;
            }
            field(
                &mut out,
                "document",
                policy.document.as_ref().map_or("none", |d| d.reference()),
            )?;
            field(&mut out, "owner", policy.owner.as_deref().unwrap_or("none"))?;
            field(
                &mut out,
                "approved",
                policy.approved.as_ref().map_or_else(
                    || "no".to_string(),
                    |a| format!("by {} on {}", a.by, a.date),
                ),
            )?;
            if policy.communicated.is_empty() {
                field(&mut out, "communicated", "no record")?;
            }
            for c in &policy.communicated {
                let how = c
                    .how
                    .as_deref()
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default();
                field(
                    &mut out,
                    "communicated",
                    format!("{} to {}{how}", c.date, c.to),
                )?;
            }
            let review = match (policy.review.last, found.next_review) {
                (Some(last), Some((next, cycle))) => {
                    format!("last {last}, next {next} (every {cycle})")
                }
                (None, Some((next, cycle))) => format!("never; first due {next} (every {cycle})"),
                _ => "never".to_string(),
            };
            field(&mut out, "review", review)?;
            if !found.missing.is_empty() {
                field(&mut out, "missing", found.missing.join(", "))?;
            }
        }
    }
    Ok(Outcome::Clean)
}
