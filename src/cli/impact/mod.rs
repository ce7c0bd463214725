//! `aims impact`: AI system impact assessments (clause 6.1.4).

mod add;
mod list;
mod review;
mod show;

use anyhow::Result;
use clap::Subcommand;

use super::{Context, Outcome};

/// Add, list, show and review AI system impact assessments
#[derive(Debug, Subcommand)]
pub enum ImpactCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Review(review::ReviewArgs),
}

pub fn run(ctx: &Context, command: ImpactCommand) -> Result<Outcome> {
    match command {
        ImpactCommand::Add(args) => add::run(ctx, args),
        ImpactCommand::List(args) => list::run(ctx, args),
        ImpactCommand::Show(args) => show::run(ctx, args),
        ImpactCommand::Review(args) => review::run(ctx, args),
    }
}
