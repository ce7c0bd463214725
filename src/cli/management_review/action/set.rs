//! `aims management-review action set`

use anyhow::Result;
use clap::Args;

use crate::cli::actions::{self, SetFields};
use crate::cli::{Context, Outcome};

/// Change a management review's action: its status, due date, owner, description or
/// evidence
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The management review
    pub review: String,
    /// The action (A1, A2, ...)
    pub action: String,
    #[command(flatten)]
    pub fields: SetFields,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        review,
        action,
        fields,
    } = args;
    let (authoring, current) = super::super::open(ctx, &review)?;
    actions::set(
        ctx,
        authoring,
        super::holder(&review),
        &current.actions,
        &action,
        fields,
    )
}
