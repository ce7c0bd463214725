//! `aims objective close`

use anyhow::Result;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::{Context, Outcome};
use crate::edit::Node;
use crate::model::Kind;

/// Close an objective as achieved or abandoned
#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The objective to close
    pub id: String,
    /// How it ended
    #[arg(long, value_parser = ["achieved", "abandoned"])]
    pub status: String,
    /// Why, kept under `x.closing_note`
    #[arg(long)]
    pub note: Option<String>,
}

pub fn run(ctx: &Context, args: CloseArgs) -> Result<Outcome> {
    let CloseArgs { id, status, note } = args;
    let authoring = ctx.open_for_authoring()?;
    let written = author::edit(&authoring.register, Kind::Objective, &id, |e| {
        e.set("/status", &Node::text(&status))?;
        if let Some(note) = &note {
            e.set("/x/closing_note", &Node::text(note))?;
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
