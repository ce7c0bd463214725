//! `aims incident`: incidents, near misses and nonconformities (clause 10.2).

mod add;
mod effectiveness;
mod list;
mod show;

use anyhow::Result;
use clap::Subcommand;

use super::{Context, Outcome};

/// Add, list and show incidents, near misses and nonconformities, and review whether
/// their corrective actions worked
#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Effectiveness(effectiveness::EffectivenessArgs),
}

pub fn run(ctx: &Context, command: IncidentCommand) -> Result<Outcome> {
    match command {
        IncidentCommand::Add(args) => add::run(ctx, args),
        IncidentCommand::List(args) => list::run(ctx, args),
        IncidentCommand::Show(args) => show::run(ctx, args),
        IncidentCommand::Effectiveness(args) => effectiveness::run(ctx, args),
    }
}
