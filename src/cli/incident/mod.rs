//! `aims incident`: incidents, near misses and nonconformities (clause 10.2).

mod add;
mod list;
mod show;

use anyhow::Result;
use clap::Subcommand;

use super::{Context, Outcome};

/// Add, list and show incidents, near misses and nonconformities
#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
}

pub fn run(ctx: &Context, command: IncidentCommand) -> Result<Outcome> {
    match command {
        IncidentCommand::Add(args) => add::run(ctx, args),
        IncidentCommand::List(args) => list::run(ctx, args),
        IncidentCommand::Show(args) => show::run(ctx, args),
    }
}
