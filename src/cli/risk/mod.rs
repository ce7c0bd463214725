//! `aims risk`: author and inspect the AI risk register.

mod accept;
mod action;
mod add;
mod close;
mod list;
mod review;
mod set;
mod show;
mod target;
mod treat;

use anyhow::{Result, bail};
use clap::Subcommand;

use crate::cli::authoring::{Authoring, focus};
use crate::model::{Kind, RiskStatus};
use crate::view::{RiskView, View};

use super::{Context, Outcome};

/// Add, list, show, treat, accept, review and close risks
// Parsed once per run; boxing the larger argument sets would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Treat(treat::TreatArgs),
    #[command(subcommand)]
    Action(action::ActionCommand),
    Accept(accept::AcceptArgs),
    Target(target::TargetArgs),
    Set(set::SetArgs),
    Review(review::ReviewArgs),
    Close(close::CloseArgs),
}

pub fn run(ctx: &Context, command: RiskCommand) -> Result<Outcome> {
    match command {
        RiskCommand::Add(args) => add::run(ctx, args),
        RiskCommand::List(args) => list::run(ctx, args),
        RiskCommand::Show(args) => show::run(ctx, args),
        RiskCommand::Treat(args) => treat::run(ctx, args),
        RiskCommand::Action(command) => action::run(ctx, command),
        RiskCommand::Accept(args) => accept::run(ctx, args),
        RiskCommand::Target(args) => target::run(ctx, args),
        RiskCommand::Set(args) => set::run(ctx, args),
        RiskCommand::Review(args) => review::run(ctx, args),
        RiskCommand::Close(args) => close::run(ctx, args),
    }
}

/// Opens the register for an edit of risk `id`, reading what the findings on its file
/// depend on; refuses an id that is not a risk, with the closest one as a hint.
fn open(ctx: &Context, id: &str) -> Result<Authoring> {
    let authoring = ctx.open_for_authoring_in(focus(Kind::Risk, &[id]))?;
    authoring.require(Kind::Risk, "risk", id)?;
    Ok(authoring)
}

/// The risk `id` of the view, open (closed risks are history: they are not edited).
fn open_risk<'v, 'r>(view: &'v View<'r>, id: &str, verb: &str) -> Result<&'v RiskView<'r>> {
    let Some(risk) = view.risk(id) else {
        bail!(
            "risk `{id}` could not be read; fix the problems `aims check` reports in its file first"
        );
    };
    if risk.risk.status == RiskStatus::Closed {
        let reason = risk
            .risk
            .closed_reason
            .as_deref()
            .unwrap_or("no reason recorded");
        bail!("risk `{id}` is closed ({reason}); there is nothing to {verb}");
    }
    Ok(risk)
}

/// A level given as a number or a scale label, on the scale of aims.yaml.
fn level(
    flag: &str,
    given: Option<String>,
    choices: &[crate::cli::prompt::Choice],
) -> Result<Option<u32>> {
    let Some(given) = given else {
        return Ok(None);
    };
    if let Ok(n) = given.parse::<u32>()
        && !(1..=choices.len()).contains(&(n as usize))
    {
        bail!(
            "--{flag} {n} is outside the {flag} scale of aims.yaml (1 to {})",
            choices.len()
        );
    }
    let value = crate::cli::prompt::check(flag, flag, &given, choices)?;
    Ok(Some(value.parse().unwrap_or(0)))
}
