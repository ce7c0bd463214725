//! `aims incident set`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::open;
use crate::author;
use crate::cli::authoring::{ListChange, announce, author_error};
use crate::cli::prompt::{Choice, check, refuse_future};
use crate::cli::{Context, Outcome, choices, fail, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Change an incident: its statement, kind, severity, status, reporter, root cause, and
/// the systems and risks it involves
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The incident
    pub id: String,
    /// Short statement of what happened
    #[arg(long)]
    pub title: Option<String>,
    /// incident, near-miss or nonconformity
    #[arg(long, value_parser = ["incident", "near-miss", "nonconformity"])]
    pub kind: Option<String>,
    /// How severe it is
    #[arg(long, value_parser = ["low", "medium", "high", "critical"])]
    pub severity: Option<String>,
    /// What happened
    #[arg(long)]
    pub description: Option<String>,
    /// open or investigating (close it with `aims incident close`)
    #[arg(long, value_parser = ["open", "investigating"])]
    pub status: Option<String>,
    /// Role that reported it
    #[arg(long)]
    pub reporter: Option<String>,
    /// Date it was reported
    #[arg(long, value_parser = parse_date)]
    pub reported: Option<NaiveDate>,
    /// What caused it
    #[arg(long = "root-cause", value_name = "TEXT")]
    pub root_cause: Option<String>,
    /// AI system to add (repeatable)
    #[arg(long = "add-system", value_name = "ID")]
    pub add_systems: Vec<String>,
    /// AI system to remove (repeatable)
    #[arg(long = "remove-system", value_name = "ID")]
    pub remove_systems: Vec<String>,
    /// Risk it bears on to add (repeatable); triggers that risk's review
    #[arg(long = "add-risk", value_name = "ID")]
    pub add_risks: Vec<String>,
    /// Risk to remove (repeatable)
    #[arg(long = "remove-risk", value_name = "ID")]
    pub remove_risks: Vec<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        title,
        kind,
        severity,
        description,
        status,
        reporter,
        reported,
        root_cause,
        add_systems,
        remove_systems,
        add_risks,
        remove_risks,
    } = args;
    let (authoring, incident) = open(ctx, &id, "change")?;
    let reporter = reporter
        .map(|r| authoring.role("reporter", &r))
        .transpose()?;
    if let Some(date) = reported {
        refuse_future("reported", date, ctx.today)?;
    }
    let view = authoring.view(ctx);
    for system in &add_systems {
        check(
            "add-system",
            "AI system",
            system,
            &choices::systems(&authoring.register),
        )?;
    }
    let risks: Vec<Choice> = view
        .index
        .ids(Kind::Risk)
        .iter()
        .map(|r| Choice::new(*r, ""))
        .collect();
    for risk in &add_risks {
        check("add-risk", "risk", risk, &risks)?;
    }
    drop(view);
    let lists = [
        (
            ListChange::new("/systems", "system", add_systems, remove_systems),
            &incident.systems,
        ),
        (
            ListChange::new("/risks", "risk", add_risks, remove_risks),
            &incident.risks,
        ),
    ];
    let mut list_edits = Vec::new();
    for (change, current) in &lists {
        list_edits.extend(change.plan(&id, current)?);
    }
    let scalars = [
        ("/title", title),
        ("/kind", kind),
        ("/severity", severity),
        ("/description", description),
        ("/status", status),
        ("/reporter", reporter),
        ("/reported", reported.map(|d| d.to_string())),
        ("/root_cause", root_cause),
    ];
    if scalars.iter().all(|(_, v)| v.is_none()) && lists.iter().all(|(c, _)| c.is_empty()) {
        return Err(fail(
            "nothing to change",
            "give a field to set (e.g. --severity, --root-cause) or a list item to add or remove (e.g. --add-risk)",
        ));
    }
    let written = author::edit(&authoring.register, Kind::Incident, &id, |e| {
        for (pointer, value) in &scalars {
            if let Some(value) = value {
                e.set(pointer, &Node::text(value))?;
            }
        }
        list_edits.iter().try_for_each(|edit| edit.apply(e))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
