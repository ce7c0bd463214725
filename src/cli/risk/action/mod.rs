//! `aims risk action`: the actions that carry out a risk's treatment.

mod add;
mod done;
mod set;

use anyhow::Result;
use clap::Subcommand;

use crate::cli::{Context, Outcome};

/// Add, complete and change a risk's treatment actions
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
