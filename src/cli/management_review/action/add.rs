//! `aims management-review action add`

use anyhow::Result;
use clap::Args;

use crate::cli::actions::{self, NewFields};
use crate::cli::{Context, Outcome};

/// Add an action a management review decided
///
/// Its id continues the review's sequence (A1, A2, ...) unless given. For example
/// `aims management-review action add MR-2026-1 --description "Extend the fairness
/// gate to fraud detection" --owner ml-lead --due 2026-06-30`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The management review
    pub review: String,
    #[command(flatten)]
    pub fields: NewFields,
    /// Id of the action (default: the next in the review's sequence)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs { review, fields, id } = args;
    let (authoring, current) = super::super::open(ctx, &review)?;
    actions::add(
        ctx,
        authoring,
        super::holder(&review),
        &current.actions,
        fields,
        id,
    )
}
