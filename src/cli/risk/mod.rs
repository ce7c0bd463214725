//! `aims risk`: author and inspect the AI risk register.

mod add;
mod close;
mod list;
mod review;
mod show;

use anyhow::{Result, bail};
use clap::Subcommand;

use crate::model::RiskStatus;
use crate::register::Register;

use super::{Context, Outcome};

/// Add, list, show, review and close risks
// Parsed once per run; boxing the larger argument sets would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Review(review::ReviewArgs),
    Close(close::CloseArgs),
}

pub fn run(ctx: &Context, command: RiskCommand) -> Result<Outcome> {
    match command {
        RiskCommand::Add(args) => add::run(ctx, args),
        RiskCommand::List(args) => list::run(ctx, args),
        RiskCommand::Show(args) => show::run(ctx, args),
        RiskCommand::Review(args) => review::run(ctx, args),
        RiskCommand::Close(args) => close::run(ctx, args),
    }
}

/// Closed risks are history: they are neither reviewed nor closed again.
fn refuse_closed(register: &Register, id: &str, verb: &str) -> Result<()> {
    if let Some(risk) = register.risks.iter().find(|r| r.value.id == id)
        && risk.value.status == RiskStatus::Closed
    {
        let reason = risk
            .value
            .closed_reason
            .as_deref()
            .unwrap_or("no reason recorded");
        bail!("risk `{id}` is already closed ({reason}); there is nothing to {verb}");
    }
    Ok(())
}
