//! `aims incident action set`

use anyhow::Result;
use clap::Args;

use crate::author::actions::ActionList;
use crate::cli::actions::{self, Holder, SetFields};
use crate::cli::{Context, Outcome};

/// Change a corrective action: its status, due date, owner, description or evidence
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The incident
    pub incident: String,
    /// The action (CA1, CA2, ...)
    pub action: String,
    #[command(flatten)]
    pub fields: SetFields,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        incident,
        action,
        fields,
    } = args;
    let (authoring, current) = super::super::open(ctx, &incident, "act on")?;
    actions::set(
        ctx,
        authoring,
        Holder::new(ActionList::Corrective, &incident),
        &current.corrective_actions,
        &action,
        fields,
    )
}
