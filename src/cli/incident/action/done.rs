//! `aims incident action done`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author::actions::ActionList;
use crate::cli::actions::{self, Holder};
use crate::cli::{Context, Outcome, parse_date};

/// Mark a corrective action done, with the evidence that shows it
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The incident
    pub incident: String,
    /// The action (CA1, CA2, ...)
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
        incident,
        action,
        evidence,
        completed,
    } = args;
    let (authoring, current) = super::super::open(ctx, &incident, "act on")?;
    let existing = &current.corrective_actions;
    actions::done(
        ctx,
        authoring,
        Holder::new(ActionList::Corrective, &incident),
        existing,
        &action,
        evidence,
        completed,
    )
}
