//! `aims incident action add`

use anyhow::Result;
use clap::Args;

use crate::author::actions::ActionList;
use crate::cli::actions::{self, Holder, NewFields};
use crate::cli::{Context, Outcome};

/// Add a corrective action to an incident
///
/// Its id continues the incident's sequence (CA1, CA2, ...) unless given.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The incident
    pub incident: String,
    #[command(flatten)]
    pub fields: NewFields,
    /// Id of the action (default: the next in the incident's sequence)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        incident,
        fields,
        id,
    } = args;
    let (authoring, current) = super::super::open(ctx, &incident, "act on")?;
    actions::add(
        ctx,
        authoring,
        Holder::new(ActionList::Corrective, &incident),
        &current.corrective_actions,
        fields,
        id,
    )
}
