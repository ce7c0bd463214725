//! `aims system change`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::{open, read};
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, parse_date};
use crate::edit::Node;
use crate::model::Kind;
use crate::view::TriggerCause;

/// Record a material change to a system (a retrained model, a new data source, a new
/// use), which calls for the review of its risks
#[derive(Debug, Args)]
pub struct ChangeArgs {
    /// The AI system
    pub id: String,
    /// What changed
    #[arg(long)]
    pub description: Option<String>,
    /// Date of the change (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: ChangeArgs) -> Result<Outcome> {
    let ChangeArgs {
        id,
        description,
        date,
    } = args;
    let authoring = open(ctx, &id)?;
    read(&authoring, &id)?;
    let mut ask = Asker::from_terminal();
    let description = ask.text("description", "what changed", description)?;
    let date = ask.past_date("date", "changed on", date, ctx.today, ctx.today)?;
    ask.finish()?;
    let entry = Node::Map(vec![
        ("date".to_string(), Node::text(date.to_string())),
        ("description".to_string(), Node::text(&description)),
    ]);
    let written = author::edit(&authoring.register, Kind::System, &id, |e| {
        e.push("/changes", &entry)
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "recorded a change of", &written)?;
    let after = authoring.after(std::slice::from_ref(&written))?;
    let view = ctx.view(&after);
    let triggered: Vec<&str> = view
        .risks
        .iter()
        .filter(|r| {
            r.triggers.iter().any(
                |t| matches!(t.cause, TriggerCause::SystemChange { system, .. } if system == id),
            )
        })
        .map(|r| r.id())
        .collect();
    if !triggered.is_empty() {
        eprintln!(
            "the change calls for a review of {}: `aims risk review ID --note TEXT`",
            triggered
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(Outcome::Clean)
}
