//! `aims risk close`

use anyhow::Result;
use clap::Args;

use super::refuse_closed;
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::{Context, Outcome};
use crate::edit::Node;
use crate::model::Kind;

/// Close a risk that no longer applies, recording why
#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The risk to close
    pub id: String,
    /// Why the risk no longer applies
    #[arg(long)]
    pub reason: String,
}

pub fn run(ctx: &Context, args: CloseArgs) -> Result<Outcome> {
    let CloseArgs { id, reason } = args;
    let authoring = ctx.open_for_authoring()?;
    refuse_closed(&authoring.register, &id, "close")?;
    let written = author::edit(&authoring.register, Kind::Risk, &id, |e| {
        e.set("/status", &Node::text("closed"))?;
        e.set("/closed_reason", &Node::text(&reason))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "closed", &written)?;
    Ok(Outcome::Clean)
}
