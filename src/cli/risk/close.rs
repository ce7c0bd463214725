//! `aims risk close`

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;

use super::open;
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, parse_date};
use crate::edit::Node;
use crate::model::{Kind, RiskStatus};

/// Close a risk that no longer applies, recording why and when
///
/// A risk closed without a reason can be given one the same way.
#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The risk to close
    pub id: String,
    /// Why the risk no longer applies
    #[arg(long)]
    pub reason: Option<String>,
    /// Date it was closed (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: CloseArgs) -> Result<Outcome> {
    let CloseArgs { id, reason, date } = args;
    let authoring = open(ctx, &id)?;
    let view = authoring.view(ctx);
    let Some(risk) = view.risk(&id) else {
        bail!(
            "risk `{id}` could not be read; fix the problems `aims check` reports in its file first"
        );
    };
    if risk.risk.status == RiskStatus::Closed
        && let Some(reason) = &risk.risk.closed_reason
    {
        bail!("risk `{id}` is already closed ({reason}); there is nothing to close");
    }
    let mut ask = Asker::from_terminal();
    let reason = ask.text("reason", "why the risk no longer applies", reason)?;
    let date = ask.past_date("date", "closed on", date, ctx.today, ctx.today)?;
    ask.finish()?;
    drop(view);
    let written = author::edit(&authoring.register, Kind::Risk, &id, |e| {
        e.set("/status", &Node::text("closed"))?;
        e.set("/closed_reason", &Node::text(&reason))?;
        e.set("/closed", &Node::text(date.to_string()))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "closed", &written)?;
    Ok(Outcome::Clean)
}
