//! `aims risk action done`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author::actions::ActionList;
use crate::cli::actions::{self, Holder};
use crate::cli::{Context, Outcome, parse_date};

/// Mark a treatment action done, with the evidence that shows it
///
/// For example `aims risk action done R-003 T1 --evidence evidence/R-003/retrain.md`.
/// Evidence is a path inside the register or a URL (`aims evidence add` copies a file
/// in and cites it in one go).
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The risk
    pub risk: String,
    /// The action (T1, T2, ...)
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
        risk,
        action,
        evidence,
        completed,
    } = args;
    let (authoring, existing) = super::treatment_actions(ctx, &risk)?;
    actions::done(
        ctx,
        authoring,
        Holder::new(ActionList::Treatment, &risk),
        &existing,
        &action,
        evidence,
        completed,
    )
}
