//! `aims management-review action done`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::cli::actions;
use crate::cli::{Context, Outcome, parse_date};

/// Mark a management review's action done, with the evidence that shows it
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The management review
    pub review: String,
    /// The action (A1, A2, ...)
    pub action: String,
    /// Evidence that it was done: a path in the register or a URL (repeatable)
    #[arg(long = "evidence", value_name = "PATH|URL")]
    pub evidence: Vec<String>,
    /// Date it was completed (default: today)
    #[arg(long, value_parser = parse_date)]
    pub completed: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: DoneArgs) -> Result<Outcome> {
    let DoneArgs {
        review,
        action,
        evidence,
        completed,
    } = args;
    let (authoring, current) = super::super::open(ctx, &review)?;
    actions::done(
        ctx,
        authoring,
        super::holder(&review),
        &current.actions,
        &action,
        evidence,
        completed,
    )
}
