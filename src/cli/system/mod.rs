//! `aims system`: the AI system inventory.

mod add;
mod list;
mod show;

use anyhow::Result;
use clap::Subcommand;

use super::{Context, Outcome};

/// Add, list and show AI systems
#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
}

pub fn run(ctx: &Context, command: SystemCommand) -> Result<Outcome> {
    match command {
        SystemCommand::Add(args) => add::run(ctx, args),
        SystemCommand::List(args) => list::run(ctx, args),
        SystemCommand::Show(args) => show::run(ctx, args),
    }
}
