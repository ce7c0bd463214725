//! `aims context scope`

use anyhow::Result;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, fail};
use crate::edit::Node;
use crate::model::FileKind;

/// Set the AIMS scope statement of aims.yaml (clause 4.3)
///
/// The statement says which AI systems, activities and parts of the organisation the
/// management system covers, and what it excludes: for example `aims context scope
/// --statement "The credit models of the retail bank; trading models are excluded"`.
/// Which systems are in scope is recorded on each system (`aims system set ID
/// --in-scope no --scope-note TEXT`).
#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// The scope statement
    #[arg(long, value_name = "TEXT")]
    pub statement: Option<String>,
}

pub fn run(ctx: &Context, args: ScopeArgs) -> Result<Outcome> {
    let ScopeArgs { statement } = args;
    let authoring = ctx.open_for_authoring()?;
    let Some(config) = authoring.register.config.as_ref() else {
        return Err(fail(
            "aims.yaml could not be read; nothing was written",
            "fix the problems `aims check` reports in aims.yaml first",
        ));
    };
    let current = config.value.scope.trim().to_string();
    let mut ask = Asker::from_terminal();
    let statement = ask.text_or(
        "statement",
        "the AIMS scope statement",
        statement,
        Some(current.as_str()).filter(|c| !c.is_empty()),
    )?;
    ask.finish()?;
    let statement = statement.trim().to_string();
    if statement == current {
        return Err(fail(
            "the scope statement is already this; nothing was written",
            "give the statement that is to replace it",
        ));
    }
    let written = author::edit_root(&authoring.register, FileKind::Config, |e| {
        e.set("/scope", &Node::text(&statement))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
