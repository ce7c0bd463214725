//! `aims audit finding`: the findings of an audit, and the incidents that carry its
//! nonconformities.

mod add;
mod set;

use anyhow::Result;
use clap::Subcommand;

use crate::cli::{Context, Outcome, fail};
use crate::model::IncidentKind;
use crate::view::View;

/// Record the findings of an audit
#[derive(Debug, Subcommand)]
pub enum FindingCommand {
    Add(add::AddArgs),
    Set(set::SetArgs),
}

pub fn run(ctx: &Context, command: FindingCommand) -> Result<Outcome> {
    match command {
        FindingCommand::Add(args) => add::run(ctx, args),
        FindingCommand::Set(args) => set::run(ctx, args),
    }
}

/// Refuses to let `incident` carry finding `source` (`AUD-1/F1`) of `kind` unless the
/// finding is a nonconformity, the incident one too, and it carries no other finding.
fn check_incident(view: &View<'_>, kind: &str, incident: &str, source: &str) -> Result<()> {
    if kind != "nonconformity" {
        return Err(fail(
            format!("an {kind} is not carried by an incident"),
            "`--incident` links nonconformities to the record of their corrective action",
        ));
    }
    let Some(record) = view.incident(incident) else {
        return Err(crate::cli::not_found(
            "incident",
            incident,
            view.incidents.iter().map(|i| i.id()),
            "aims incident list",
        ));
    };
    if record.incident.kind != IncidentKind::Nonconformity {
        return Err(fail(
            format!(
                "incident `{incident}` is of kind {}, not nonconformity",
                record.incident.kind.as_str()
            ),
            format!(
                "record the nonconformity with `aims incident add --kind nonconformity ...`, or make this one a nonconformity with `aims incident set {incident} --kind nonconformity`, then link it"
            ),
        ));
    }
    if let Some(other) = record.incident.source.as_deref().filter(|s| *s != source) {
        return Err(fail(
            format!("incident `{incident}` already records `{other}` as its source"),
            "an incident carries one audit finding; record another nonconformity for this one",
        ));
    }
    Ok(())
}
