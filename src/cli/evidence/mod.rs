//! `aims evidence`: the files and links that show actions done and controls working.

mod add;
mod list;
mod pin;

use anyhow::Result;
use clap::Subcommand;

use super::{Context, Outcome};

/// Bring evidence into the register, pin it, and list who cites what
#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    Add(add::AddArgs),
    Pin(pin::PinArgs),
    List(list::ListArgs),
}

pub fn run(ctx: &Context, command: EvidenceCommand) -> Result<Outcome> {
    match command {
        EvidenceCommand::Add(args) => add::run(ctx, args),
        EvidenceCommand::Pin(args) => pin::run(ctx, args),
        EvidenceCommand::List(args) => list::run(ctx, args),
    }
}
