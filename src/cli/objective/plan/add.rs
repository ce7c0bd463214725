//! `aims objective plan add`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, choices, fail, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Add an action to an objective's plan
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The objective
    pub id: String,
    /// What will be done
    #[arg(long)]
    pub description: Option<String>,
    /// Role responsible
    #[arg(long)]
    pub owner: Option<String>,
    /// When it is due
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// Id of the action (default: P1, P2, ... continuing the plan)
    #[arg(long = "action-id", value_name = "ID")]
    pub action: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        id,
        description,
        owner,
        due,
        action,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
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
    let plan = &objective.objective.plan;
    let action =
        action.unwrap_or_else(|| author::next_id(plan.iter().map(|a| a.id.as_str()), "P1"));
    if plan.iter().any(|a| a.id == action) {
        return Err(fail(
            format!("objective `{id}` already has an action `{action}`"),
            "give another id with --action-id, or leave it out to take the next",
        ));
    }
    let mut ask = Asker::from_terminal();
    let description = ask.text("description", "action", description)?;
    let owner = ask.choose("owner", "owner role", owner, &choices::roles(register))?;
    let due = match due {
        Some(d) => Some(d),
        None => {
            let text = ask.text("due", "due date (YYYY-MM-DD)", None)?;
            (!text.is_empty())
                .then(|| parse_date(&text).map_err(|e| fail(e, "write the date as YYYY-MM-DD")))
                .transpose()?
        }
    };
    ask.finish()?;
    let mut item = vec![
        ("id".to_string(), Node::text(&action)),
        ("description".to_string(), Node::text(&description)),
        ("owner".to_string(), Node::text(&owner)),
    ];
    if let Some(due) = due {
        item.push(("due".to_string(), Node::text(due.to_string())));
    }
    item.push(("status".to_string(), Node::text("planned")));
    let written = author::edit(register, Kind::Objective, &id, |e| {
        e.push("/plan", &Node::Map(item))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
