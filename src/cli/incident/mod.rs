//! `aims incident`: incidents, near misses and nonconformities (clause 10.2).

mod action;
mod add;
mod close;
mod effectiveness;
mod list;
mod set;
mod show;

use anyhow::Result;
use clap::Subcommand;

use crate::cli::authoring::{Authoring, focus};
use crate::model::{Incident, IncidentStatus, Kind};

use super::{Context, Outcome};

/// Add, list, show, change and close incidents, near misses and nonconformities, and
/// their corrective actions, and review whether the corrective actions worked
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    #[command(subcommand)]
    Action(action::ActionCommand),
    Close(close::CloseArgs),
    Effectiveness(effectiveness::EffectivenessArgs),
}

pub fn run(ctx: &Context, command: IncidentCommand) -> Result<Outcome> {
    match command {
        IncidentCommand::Add(args) => add::run(ctx, args),
        IncidentCommand::List(args) => list::run(ctx, args),
        IncidentCommand::Show(args) => show::run(ctx, args),
        IncidentCommand::Set(args) => set::run(ctx, args),
        IncidentCommand::Action(command) => action::run(ctx, command),
        IncidentCommand::Close(args) => close::run(ctx, args),
        IncidentCommand::Effectiveness(args) => effectiveness::run(ctx, args),
    }
}

/// Opens the register for an edit of incident `id` and returns it as read; a closed
/// incident is refused for `verb`.
fn open(ctx: &Context, id: &str, verb: &str) -> Result<(Authoring, Incident)> {
    let authoring = ctx.open_for_authoring_in(focus(Kind::Incident, &[id]))?;
    authoring.require(Kind::Incident, "incident", id)?;
    let Some(incident) = authoring
        .register
        .incidents
        .iter()
        .find(|i| i.value.id == id)
    else {
        anyhow::bail!(
            "incident `{id}` could not be read; fix the problems `aims check` reports in its file first"
        );
    };
    let incident = incident.value.clone();
    if incident.status == IncidentStatus::Closed {
        let when = incident
            .closed
            .map_or(String::new(), |d| format!(" on {d}"));
        anyhow::bail!("incident `{id}` was closed{when}; there is nothing to {verb}");
    }
    Ok((authoring, incident))
}
