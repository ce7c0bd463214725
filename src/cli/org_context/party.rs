//! `aims context party add|set`: interested parties, their requirements and what
//! addresses them (clause 4.2).

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::cli::authoring::{nothing_to_change, slug};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, fail};
use crate::edit::Node;

/// Add or change an interested party
#[derive(Debug, Subcommand)]
pub enum PartyCommand {
    Add(AddArgs),
    Set(SetArgs),
}

/// Add an interested party with its requirements (clause 4.2)
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Who they are, e.g. `Financial Conduct Authority`
    #[arg(long)]
    pub name: Option<String>,
    /// A requirement of theirs relevant to AI (repeatable)
    #[arg(long = "requirement", value_name = "TEXT")]
    pub requirements: Vec<String>,
    /// A control, objective, policy or risk that addresses their requirements
    /// (repeatable)
    #[arg(long = "addressed-by", value_name = "ID")]
    pub addressed_by: Vec<String>,
    /// Id of the party (default: made from the name)
    #[arg(long)]
    pub id: Option<String>,
}

/// Change an interested party: its name, or add requirements and what addresses them
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The party to change
    pub id: String,
    #[arg(long)]
    pub name: Option<String>,
    /// Add a requirement (repeatable)
    #[arg(long = "add-requirement", value_name = "TEXT")]
    pub requirements: Vec<String>,
    /// Add a control, objective, policy or risk addressing them (repeatable)
    #[arg(long = "add-addressed-by", value_name = "ID")]
    pub addressed_by: Vec<String>,
}

pub fn run(ctx: &Context, command: PartyCommand) -> Result<Outcome> {
    match command {
        PartyCommand::Add(args) => add(ctx, args),
        PartyCommand::Set(args) => set(ctx, args),
    }
}

fn add(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        name,
        requirements,
        addressed_by,
        id,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let mut ask = Asker::from_terminal();
    let name = ask.text("name", "interested party", name)?;
    ask.finish()?;
    let id = id.unwrap_or_else(|| slug(&name));
    let parties = authoring
        .register
        .context
        .as_ref()
        .map(|c| c.value.interested_parties.as_slice())
        .unwrap_or_default();
    if parties.iter().any(|p| p.id == id) {
        return Err(fail(
            format!("the context already has an interested party `{id}`"),
            "change it with `aims context party set`, or give another --id",
        ));
    }
    let mut fields = vec![
        ("id".to_string(), Node::text(&id)),
        ("name".to_string(), Node::text(&name)),
    ];
    if !requirements.is_empty() {
        fields.push((
            "requirements".to_string(),
            Node::Seq(requirements.iter().map(Node::text).collect()),
        ));
    }
    if !addressed_by.is_empty() {
        fields.push((
            "addressed_by".to_string(),
            Node::Seq(addressed_by.iter().map(Node::text).collect()),
        ));
    }
    super::append(ctx, &authoring, "interested_parties", Node::Map(fields))
}

fn set(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        name,
        requirements,
        addressed_by,
    } = args;
    if name.is_none() && requirements.is_empty() && addressed_by.is_empty() {
        return Err(nothing_to_change(
            "--name, --add-requirement, --add-addressed-by",
        ));
    }
    let authoring = ctx.open_for_authoring()?;
    let parties = authoring
        .register
        .context
        .as_ref()
        .map(|c| c.value.interested_parties.as_slice())
        .unwrap_or_default();
    let Some(index) = parties.iter().position(|p| p.id == id) else {
        return Err(crate::cli::not_found(
            "interested party",
            &id,
            parties.iter().map(|p| p.id.as_str()),
            "aims context show",
        ));
    };
    let at = format!("/interested_parties/{index}");
    super::edit(ctx, &authoring, |e| {
        if let Some(name) = &name {
            e.set(&format!("{at}/name"), &Node::text(name))?;
        }
        for r in &requirements {
            e.push(&format!("{at}/requirements"), &Node::text(r))?;
        }
        for a in &addressed_by {
            e.push(&format!("{at}/addressed_by"), &Node::text(a))?;
        }
        Ok(())
    })
}
