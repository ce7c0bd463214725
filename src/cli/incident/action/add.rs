//! `aims incident action add`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author::actions::ActionList;
use crate::cli::actions::{self, Holder, NewFields};
use crate::cli::{Context, Outcome, parse_date};
use crate::model::Kind;

/// Add a corrective action to an incident
///
/// Its id continues the incident's sequence (CA1, CA2, ...) unless given.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The incident
    pub incident: String,
    /// What is to be done
    #[arg(long)]
    pub description: Option<String>,
    /// Role that owns the action
    #[arg(long)]
    pub owner: Option<String>,
    /// Date it is due by
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// Id of the action (default: the next in the incident's sequence)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        incident,
        description,
        owner,
        due,
        id,
    } = args;
    let (authoring, current) = super::super::open(ctx, &incident, "act on")?;
    let holder = Holder {
        kind: Kind::Incident,
        id: &incident,
        list: ActionList::Corrective,
    };
    let fields = NewFields {
        description,
        owner,
        due,
        id,
    };
    actions::add(ctx, authoring, holder, &current.corrective_actions, fields)
}
