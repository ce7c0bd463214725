//! `aims incident close`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::open;
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, fail, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Close an incident once its root cause is known and its corrective actions are done
///
/// Refused while a corrective action is planned or in progress.
#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The incident
    pub id: String,
    /// What caused it (needed unless already recorded)
    #[arg(long = "root-cause", value_name = "TEXT")]
    pub root_cause: Option<String>,
    /// Date it was closed (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: CloseArgs) -> Result<Outcome> {
    let CloseArgs {
        id,
        root_cause,
        date,
    } = args;
    let (authoring, incident) = open(ctx, &id, "close")?;
    let open_actions: Vec<&str> = incident
        .corrective_actions
        .iter()
        .filter(|a| a.status.is_open())
        .map(|a| a.id.as_str())
        .collect();
    if let Some(first) = open_actions.first() {
        return Err(fail(
            format!(
                "incident `{id}` has open corrective actions ({}); it is closed once they are done",
                open_actions.join(", ")
            ),
            format!(
                "complete them with `aims incident action done {id} {first} --evidence PATH`, or cancel one that is no longer needed with `aims incident action set {id} {first} --status cancelled`"
            ),
        ));
    }
    let mut ask = Asker::from_terminal();
    let root_cause = match (root_cause, &incident.root_cause) {
        (Some(cause), _) => Some(cause),
        (None, Some(_)) => None,
        (None, None) => Some(ask.text("root-cause", "what caused it", None)?),
    };
    let date = ask.past_date("date", "closed on", date, ctx.today, ctx.today)?;
    ask.finish()?;
    if date < incident.reported {
        return Err(fail(
            format!(
                "--date {date} is before the incident was reported ({})",
                incident.reported
            ),
            "an incident closes after it is reported",
        ));
    }
    let written = author::edit(&authoring.register, Kind::Incident, &id, |e| {
        if let Some(cause) = &root_cause {
            e.set("/root_cause", &Node::text(cause))?;
        }
        e.set("/status", &Node::text("closed"))?;
        e.set("/closed", &Node::text(date.to_string()))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "closed", &written)?;
    Ok(Outcome::Clean)
}
