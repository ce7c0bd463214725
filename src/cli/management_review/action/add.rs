//! `aims management-review action add`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::cli::actions::{self, NewFields};
use crate::cli::{Context, Outcome, parse_date};

/// Add an action a management review decided
///
/// Its id continues the review's sequence (A1, A2, ...) unless given. For example
/// `aims management-review action add MR-2026-1 --description "Extend the fairness
/// gate to fraud detection" --owner ml-lead --due 2026-06-30`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The management review
    pub review: String,
    /// What is to be done
    #[arg(long)]
    pub description: Option<String>,
    /// Role that owns the action
    #[arg(long)]
    pub owner: Option<String>,
    /// Date it is due by
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// Id of the action (default: the next in the review's sequence)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        review,
        description,
        owner,
        due,
        id,
    } = args;
    let (authoring, current) = super::super::open(ctx, &review)?;
    let fields = NewFields {
        description,
        owner,
        due,
        id,
    };
    actions::add(
        ctx,
        authoring,
        super::holder(&review),
        &current.actions,
        fields,
    )
}
