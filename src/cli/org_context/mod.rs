//! `aims context`: the organisation's issues (clause 4.1) and interested parties with
//! their requirements (4.2), kept in `context.yaml`, and the scope statement (4.3),
//! kept in `aims.yaml`. (The folder is not `context/`: `cli/context.rs` holds the
//! context every command runs in.)

mod issue;
mod party;
mod review;
mod scope;
mod show;

use anyhow::Result;
use clap::Subcommand;

use super::authoring::{Authoring, announce, author_error};
use super::{Context, Outcome};
use crate::author;
use crate::edit::{EditError, Editor, Node};
use crate::model::FileKind;

/// Record the organisation's context: its issues, interested parties and the AIMS scope
#[derive(Debug, Subcommand)]
pub enum ContextCommand {
    #[command(subcommand)]
    Issue(issue::IssueCommand),
    #[command(subcommand)]
    Party(party::PartyCommand),
    Scope(scope::ScopeArgs),
    Review(review::ReviewArgs),
    Show(show::ShowArgs),
}

pub fn run(ctx: &Context, command: ContextCommand) -> Result<Outcome> {
    match command {
        ContextCommand::Issue(command) => issue::run(ctx, command),
        ContextCommand::Party(command) => party::run(ctx, command),
        ContextCommand::Scope(args) => scope::run(ctx, args),
        ContextCommand::Review(args) => review::run(ctx, args),
        ContextCommand::Show(args) => show::run(ctx, args),
    }
}

/// Appends `item` to the list `key` of `context.yaml`, creating the file with it when
/// the register has none yet.
fn append(ctx: &Context, authoring: &Authoring, key: &str, item: Node) -> Result<Outcome> {
    let exists = authoring.register.context.is_some()
        || authoring
            .register
            .documents
            .iter()
            .any(|d| d.kind == FileKind::Context);
    let written = if exists {
        author::edit_root(&authoring.register, FileKind::Context, |e| {
            e.push(&format!("/{key}"), &item)
        })
    } else {
        let text = Node::Map(vec![
            ("id".to_string(), Node::text("context")),
            (key.to_string(), Node::Seq(vec![item])),
        ])
        .document();
        author::create_root(&authoring.register, FileKind::Context, &text)
    }
    .map_err(author_error)?;
    let verb = if exists { "updated" } else { "created" };
    announce(ctx, authoring, verb, &written)?;
    Ok(Outcome::Clean)
}

/// Edits `context.yaml`.
fn edit(
    ctx: &Context,
    authoring: &Authoring,
    change: impl FnOnce(&mut Editor) -> Result<(), EditError>,
) -> Result<Outcome> {
    let written =
        author::edit_root(&authoring.register, FileKind::Context, change).map_err(author_error)?;
    announce(ctx, authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
