//! `aims role`: the roles of `aims.yaml` (clause 5.3): who owns and who approves,
//! top management (5.1, 9.3), competence records (7.2) and signing keys.

mod add;
mod list;
mod set;

use anyhow::Result;
use clap::Subcommand;

use super::{Context, Outcome};

/// Add and change roles: approvers, top management, competence and signing keys
#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    Add(add::AddArgs),
    Set(set::SetArgs),
    List(list::ListArgs),
}

pub fn run(ctx: &Context, command: RoleCommand) -> Result<Outcome> {
    match command {
        RoleCommand::Add(args) => add::run(ctx, args),
        RoleCommand::Set(args) => set::run(ctx, args),
        RoleCommand::List(args) => list::run(ctx, args),
    }
}
