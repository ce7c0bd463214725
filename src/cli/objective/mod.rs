//! `aims objective`: AI objectives with a metric, a target and a plan (clause 6.2).

mod add;
mod close;
mod list;
mod measure;
mod plan;
mod set;
mod show;

use anyhow::Result;
use clap::Subcommand;

use super::{Context, Outcome};
use crate::view::View;

/// Add, measure and close AI objectives, and plan how to achieve them
#[derive(Debug, Subcommand)]
pub enum ObjectiveCommand {
    Add(add::AddArgs),
    Set(set::SetArgs),
    Measure(measure::MeasureArgs),
    Close(close::CloseArgs),
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    List(list::ListArgs),
    Show(show::ShowArgs),
}

pub fn run(ctx: &Context, command: ObjectiveCommand) -> Result<Outcome> {
    match command {
        ObjectiveCommand::Add(args) => add::run(ctx, args),
        ObjectiveCommand::Set(args) => set::run(ctx, args),
        ObjectiveCommand::Measure(args) => measure::run(ctx, args),
        ObjectiveCommand::Close(args) => close::run(ctx, args),
        ObjectiveCommand::Plan(command) => plan::run(ctx, command),
        ObjectiveCommand::List(args) => list::run(ctx, args),
        ObjectiveCommand::Show(args) => show::run(ctx, args),
    }
}

/// Refuses a monitor the register does not hold, naming the ones it does.
fn checked_monitor(view: &View<'_>, id: &str) -> Result<()> {
    if view.monitor(id).is_some() {
        return Ok(());
    }
    Err(super::not_found(
        "monitor",
        id,
        view.monitors.iter().map(|m| m.id()),
        "aims monitor list",
    ))
}
