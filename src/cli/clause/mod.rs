//! `aims clause`: clause readiness (clauses 4.1 to 10.2) and the statements of
//! `clauses/<id>.yaml` for clauses no record can evidence.

mod list;
mod set;

use anyhow::Result;
use clap::Subcommand;

use super::{Context, Outcome};

/// See how each clause 4.1 to 10.2 is evidenced, and state how the others are met
#[derive(Debug, Subcommand)]
pub enum ClauseCommand {
    List(list::ListArgs),
    Set(set::SetArgs),
}

pub fn run(ctx: &Context, command: ClauseCommand) -> Result<Outcome> {
    match command {
        ClauseCommand::List(args) => list::run(ctx, args),
        ClauseCommand::Set(args) => set::run(ctx, args),
    }
}
