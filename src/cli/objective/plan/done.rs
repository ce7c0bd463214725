//! `aims objective plan done`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::{Context, Outcome, fail, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Record an action of an objective's plan as done, with its evidence
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The objective
    pub id: String,
    /// The action done, e.g. P1
    pub action: String,
    /// What shows it was done: a path in the register or a URL (repeatable)
    #[arg(long = "evidence", value_name = "PATH|URL", required = true)]
    pub evidence: Vec<String>,
    /// When it was completed (default: today)
    #[arg(long, value_parser = parse_date)]
    pub completed: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: DoneArgs) -> Result<Outcome> {
    let DoneArgs {
        id,
        action,
        evidence,
        completed,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let view = authoring.view(ctx);
    let Some(objective) = view.objective(&id) else {
        let known = view.objectives.iter().map(|o| o.id());
        return Err(crate::cli::not_found(
            "objective",
            &id,
            known,
            "aims objective list",
        ));
    };
    let Some(index) = objective.objective.plan.iter().position(|a| a.id == action) else {
        let known: Vec<&str> = objective
            .objective
            .plan
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        return Err(fail(
            format!("objective `{id}` has no action `{action}`"),
            if known.is_empty() {
                format!("its plan is empty; add one with `aims objective plan add {id}`")
            } else {
                format!("its actions are {}", known.join(", "))
            },
        ));
    };
    let completed = completed.unwrap_or(ctx.today);
    let written = author::edit(&authoring.register, Kind::Objective, &id, |e| {
        let at = format!("/plan/{index}");
        e.set(&format!("{at}/status"), &Node::text("done"))?;
        e.set(
            &format!("{at}/completed"),
            &Node::text(completed.to_string()),
        )?;
        for item in &evidence {
            e.push(&format!("{at}/evidence"), &Node::text(item))?;
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
