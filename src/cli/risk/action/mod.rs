//! `aims risk action`: the actions that carry out a risk's treatment.

mod add;
mod done;
mod set;

use anyhow::Result;
use clap::Subcommand;

use crate::cli::authoring::Authoring;
use crate::cli::{Context, Outcome};
use crate::model::Action;

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

/// Opens the register for a change to an existing treatment action of `risk`: the
/// authoring session and the risk's actions as read (none without a treatment).
fn treatment_actions(ctx: &Context, risk: &str) -> Result<(Authoring, Vec<Action>)> {
    let authoring = super::open(ctx, risk)?;
    let view = authoring.view(ctx);
    let r = super::open_risk(&view, risk, "act on")?;
    let existing = r
        .risk
        .treatment
        .as_ref()
        .map(|t| t.actions.clone())
        .unwrap_or_default();
    drop(view);
    Ok((authoring, existing))
}
