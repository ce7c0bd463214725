//! `aims management-review action set`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::cli::actions::{self, SetFields};
use crate::cli::{Context, Outcome, parse_date};

/// Change a management review's action: its status, due date, owner, description or
/// evidence
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The management review
    pub review: String,
    /// The action (A1, A2, ...)
    pub action: String,
    /// New status
    #[arg(long, value_parser = ["planned", "in-progress", "done", "cancelled"])]
    pub status: Option<String>,
    /// New due date
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// New owner role
    #[arg(long)]
    pub owner: Option<String>,
    /// New description
    #[arg(long)]
    pub description: Option<String>,
    /// Evidence to add: a path in the register or a URL (repeatable)
    #[arg(long = "evidence", value_name = "PATH|URL")]
    pub evidence: Vec<String>,
    /// Date it was completed
    #[arg(long, value_parser = parse_date)]
    pub completed: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        review,
        action,
        status,
        due,
        owner,
        description,
        evidence,
        completed,
    } = args;
    let (authoring, current) = super::super::open(ctx, &review)?;
    let fields = SetFields {
        status,
        due,
        owner,
        description,
        evidence,
        completed,
    };
    actions::set(
        ctx,
        authoring,
        super::holder(&review),
        &current.actions,
        &action,
        fields,
    )
}
