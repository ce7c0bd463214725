//! `aims objective plan`: what will be done to achieve an objective, by whom and by
//! when (clause 6.2), as actions.

mod add;
mod done;

use anyhow::Result;
use clap::Subcommand;

use crate::cli::{Context, Outcome};

/// Plan the actions that achieve an objective, and record them done
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    Add(add::AddArgs),
    Done(done::DoneArgs),
}

pub fn run(ctx: &Context, command: PlanCommand) -> Result<Outcome> {
    match command {
        PlanCommand::Add(args) => add::run(ctx, args),
        PlanCommand::Done(args) => done::run(ctx, args),
    }
}
