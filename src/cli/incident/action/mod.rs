//! `aims incident action`: the corrective actions of an incident (clause 10.2).

mod add;
mod done;
mod set;

use anyhow::Result;
use clap::Subcommand;

use crate::cli::{Context, Outcome};

/// Add, complete and change an incident's corrective actions
#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    Add(add::AddArgs),
    Done(done::DoneArgs),
    Set(set::SetArgs),
}

pub fn run(ctx: &Context, command: ActionCommand) -> Result<Outcome> {
    match command {
        ActionCommand::Add(args) => add::run(ctx, args),
        ActionCommand::Done(args) => done::run(ctx, args),
        ActionCommand::Set(args) => set::run(ctx, args),
    }
}
