//! `aims risk action set`

use anyhow::Result;
use clap::Args;

use crate::author::actions::ActionList;
use crate::cli::actions::{self, Holder, SetFields};
use crate::cli::{Context, Outcome};

/// Change a treatment action: its status, due date, owner, description or evidence
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The risk
    pub risk: String,
    /// The action (T1, T2, ...)
    pub action: String,
    #[command(flatten)]
    pub fields: SetFields,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        risk,
        action,
        fields,
    } = args;
    let (authoring, existing) = super::treatment_actions(ctx, &risk)?;
    actions::set(
        ctx,
        authoring,
        Holder::new(ActionList::Treatment, &risk),
        &existing,
        &action,
        fields,
    )
}
