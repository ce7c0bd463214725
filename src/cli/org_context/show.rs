//! `aims context show`

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;

use crate::cli::output::{self, Paint, field, safe};
use crate::cli::{Context, Format, Outcome, fail};

/// Show the context: the scope statement, issues, interested parties and the next review
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let Some(found) = &view.context else {
        return Err(fail(
            "the register has no context.yaml",
            "record the organisation's issues and interested parties with `aims context issue add` and `aims context party add`",
        ));
    };
    let context = found.context;
    match format {
        Format::Json => output::json(context)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let mut out = io::stdout().lock();
            if let Some(config) = view.config() {
                writeln!(out, "{}", paint.bold("Scope (clause 4.3)"))?;
                writeln!(out, "  {}", safe(config.scope.trim()))?;
            }
            writeln!(out, "{}", paint.bold("Issues (clause 4.1)"))?;
            for i in &context.issues {
                writeln!(
                    out,
                    "  {:<8} {:<9} {}",
                    safe(&i.id),
                    i.kind.as_str(),
                    safe(&i.description)
                )?;
            }
            writeln!(out, "{}", paint.bold("Interested parties (clause 4.2)"))?;
            for p in &context.interested_parties {
                writeln!(out, "  {}  {}", safe(&p.id), safe(&p.name))?;
                for r in &p.requirements {
                    writeln!(out, "      requires: {}", safe(r))?;
                }
                if !p.addressed_by.is_empty() {
                    writeln!(
                        out,
                        "      addressed by: {}",
                        safe(&p.addressed_by.join(", "))
                    )?;
                }
            }
            let review = match (context.review.last, found.next_review) {
                (Some(last), Some((next, cycle))) => {
                    let late = if found.review_overdue {
                        " (overdue)"
                    } else {
                        ""
                    };
                    format!("last {last}, next {next}{late} (every {cycle})")
                }
                _ => "never reviewed".to_string(),
            };
            field(&mut out, "review", review)?;
        }
    }
    Ok(Outcome::Clean)
}
