//! `aims management-review action`: the actions a management review decides (clause
//! 9.3.3). They follow every rule of actions and show in `aims due`.

mod add;
mod done;
mod set;

use anyhow::Result;
use clap::Subcommand;

use crate::author::actions::ActionList;
use crate::cli::actions::Holder;
use crate::cli::{Context, Outcome};

/// Add, complete and change a management review's actions
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

/// The actions of management review `id`.
fn holder(id: &str) -> Holder<'_> {
    Holder::new(ActionList::Review, id)
}
