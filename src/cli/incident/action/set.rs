//! `aims incident action set`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author::actions::ActionList;
use crate::cli::actions::{self, Holder, SetFields};
use crate::cli::{Context, Outcome, parse_date};
use crate::model::Kind;

/// Change a corrective action: its status, due date, owner, description or evidence
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The incident
    pub incident: String,
    /// The action (CA1, CA2, ...)
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
        incident,
        action,
        status,
        due,
        owner,
        description,
        evidence,
        completed,
    } = args;
    let (authoring, current) = super::super::open(ctx, &incident, "act on")?;
    let holder = Holder {
        kind: Kind::Incident,
        id: &incident,
        list: ActionList::Corrective,
    };
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
        holder,
        &current.corrective_actions,
        &action,
        fields,
    )
}
