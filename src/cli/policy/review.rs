//! `aims policy review`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::{Context, Outcome, parse_date};
use crate::edit::Node;
use crate::model::{Duration, Kind};

/// Record a review of a policy, which starts its next review cycle
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The policy reviewed
    pub id: String,
    /// Date of the review (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Its own review cycle (default: `policy_review_every` in aims.yaml, or 1y)
    #[arg(long, value_name = "DURATION")]
    pub every: Option<Duration>,
}

pub fn run(ctx: &Context, args: ReviewArgs) -> Result<Outcome> {
    let ReviewArgs { id, date, every } = args;
    let authoring = ctx.open_for_authoring()?;
    let date = date.unwrap_or(ctx.today);
    let written = author::edit(&authoring.register, Kind::Policy, &id, |e| {
        e.set("/review/last", &Node::text(date.to_string()))?;
        if let Some(every) = every {
            e.set("/review/every", &Node::text(every.to_string()))?;
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
