//! `aims control`: Statement of Applicability decisions.

mod list;
mod review;
mod set;
mod show;

use anyhow::Result;
use clap::Subcommand;

use super::{Context, Outcome};

/// Record, review and inspect Statement of Applicability decisions
#[derive(Debug, Subcommand)]
pub enum ControlCommand {
    Set(set::SetArgs),
    Review(review::ReviewArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
}

pub fn run(ctx: &Context, command: ControlCommand) -> Result<Outcome> {
    match command {
        ControlCommand::Set(args) => set::run(ctx, args),
        ControlCommand::Review(args) => review::run(ctx, args),
        ControlCommand::List(args) => list::run(ctx, args),
        ControlCommand::Show(args) => show::run(ctx, args),
    }
}
