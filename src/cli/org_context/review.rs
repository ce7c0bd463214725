//! `aims context review`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::cli::{Context, Outcome, fail, parse_date};
use crate::edit::Node;

/// Record a review of the context: its issues and interested parties
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Date of the review (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: ReviewArgs) -> Result<Outcome> {
    let ReviewArgs { date } = args;
    let authoring = ctx.open_for_authoring()?;
    if authoring.register.context.is_none() {
        return Err(fail(
            "the register has no context to review",
            "record its issues and interested parties first: `aims context issue add`, `aims context party add`",
        ));
    }
    let date = date.unwrap_or(ctx.today);
    super::edit(ctx, &authoring, |e| {
        e.set("/review/last", &Node::text(date.to_string()))
    })
}
