//! `aims context issue add|set`: external and internal issues (clause 4.1).

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::author;
use crate::cli::authoring::nothing_to_change;
use crate::cli::prompt::{Asker, Choice};
use crate::cli::{Context, Outcome, fail};
use crate::edit::Node;

/// Add or change an external or internal issue of the organisation
#[derive(Debug, Subcommand)]
pub enum IssueCommand {
    Add(AddArgs),
    Set(SetArgs),
}

/// Add an issue the AI management system must take into account (clause 4.1)
#[derive(Debug, Args)]
pub struct AddArgs {
    /// `external` (law, market, society, technology) or `internal` (structure,
    /// capabilities, culture)
    #[arg(long, value_parser = ["external", "internal"])]
    pub kind: Option<String>,
    /// The issue
    #[arg(long)]
    pub description: Option<String>,
    /// Id of the issue (default: ISS-1, ISS-2, ...)
    #[arg(long)]
    pub id: Option<String>,
}

/// Change an issue's kind or description
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The issue to change
    pub id: String,
    #[arg(long, value_parser = ["external", "internal"])]
    pub kind: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
}

pub fn run(ctx: &Context, command: IssueCommand) -> Result<Outcome> {
    match command {
        IssueCommand::Add(args) => add(ctx, args),
        IssueCommand::Set(args) => set(ctx, args),
    }
}

fn add(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        kind,
        description,
        id,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let issues = authoring
        .register
        .context
        .as_ref()
        .map(|c| c.value.issues.as_slice())
        .unwrap_or_default();
    let id = id.unwrap_or_else(|| author::next_id(issues.iter().map(|i| i.id.as_str()), "ISS-1"));
    if issues.iter().any(|i| i.id == id) {
        return Err(fail(
            format!("the context already has an issue `{id}`"),
            "change it with `aims context issue set`, or give another --id",
        ));
    }
    let mut ask = Asker::from_terminal();
    let kind = ask.choose(
        "kind",
        "kind of issue",
        kind,
        &[
            Choice::new("external", "law, market, society, technology, climate"),
            Choice::new("internal", "structure, capabilities, culture, contracts"),
        ],
    )?;
    let description = ask.text("description", "the issue", description)?;
    ask.finish()?;
    let item = Node::Map(vec![
        ("id".to_string(), Node::text(&id)),
        ("kind".to_string(), Node::text(&kind)),
        ("description".to_string(), Node::text(&description)),
    ]);
    super::append(ctx, &authoring, "issues", item)
}

fn set(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        kind,
        description,
    } = args;
    if kind.is_none() && description.is_none() {
        return Err(nothing_to_change("--kind, --description"));
    }
    let authoring = ctx.open_for_authoring()?;
    let issues = authoring
        .register
        .context
        .as_ref()
        .map(|c| c.value.issues.as_slice())
        .unwrap_or_default();
    let Some(index) = issues.iter().position(|i| i.id == id) else {
        return Err(crate::cli::not_found(
            "issue",
            &id,
            issues.iter().map(|i| i.id.as_str()),
            "aims context show",
        ));
    };
    super::edit(ctx, &authoring, |e| {
        if let Some(kind) = &kind {
            e.set(&format!("/issues/{index}/kind"), &Node::text(kind))?;
        }
        if let Some(description) = &description {
            e.set(
                &format!("/issues/{index}/description"),
                &Node::text(description),
            )?;
        }
        Ok(())
    })
}
