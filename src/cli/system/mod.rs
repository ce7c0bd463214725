//! `aims system`: the AI system inventory.

mod add;
mod change;
mod list;
mod screen;
mod set;
mod show;

use anyhow::Result;
use clap::Subcommand;

use crate::cli::authoring::{Authoring, focus};
use crate::model::Kind;

use super::{Context, Outcome};

/// Add, list, show and change AI systems, record screenings and material changes
// Parsed once per run; boxing the larger argument sets would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Screen(screen::ScreenArgs),
    Change(change::ChangeArgs),
}

pub fn run(ctx: &Context, command: SystemCommand) -> Result<Outcome> {
    match command {
        SystemCommand::Add(args) => add::run(ctx, args),
        SystemCommand::List(args) => list::run(ctx, args),
        SystemCommand::Show(args) => show::run(ctx, args),
        SystemCommand::Set(args) => set::run(ctx, args),
        SystemCommand::Screen(args) => screen::run(ctx, args),
        SystemCommand::Change(args) => change::run(ctx, args),
    }
}

/// Opens the register for an edit of system `id`; refuses an id that is not one.
fn open(ctx: &Context, id: &str) -> Result<Authoring> {
    let authoring = ctx.open_for_authoring_in(focus(Kind::System, &[id]))?;
    authoring.require(Kind::System, "AI system", id)?;
    Ok(authoring)
}

/// The system `id` as read, or why it cannot be edited.
fn read<'a>(authoring: &'a Authoring, id: &str) -> Result<&'a crate::model::AiSystem> {
    authoring
        .register
        .systems
        .iter()
        .find(|s| s.value.id == id)
        .map(|s| &s.value)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "system `{id}` could not be read; fix the problems `aims check` reports in its file first"
            )
        })
}
