//! `aims policy set`

use anyhow::Result;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error, checked_role, nothing_to_change};
use crate::cli::{Context, Outcome};
use crate::edit::Node;
use crate::model::Kind;

/// Change a policy's title, kind, version, document or owner
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The policy to change
    pub id: String,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long, value_parser = ["ai-policy", "topic"])]
    pub kind: Option<String>,
    /// A new version (record its approval with `aims policy approve-record`)
    #[arg(long)]
    pub version: Option<String>,
    /// The policy document: a path in the register or a URL
    #[arg(long, value_name = "PATH|URL")]
    pub document: Option<String>,
    /// Role that owns the policy
    #[arg(long)]
    pub owner: Option<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        title,
        kind,
        version,
        document,
        owner,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let owner = checked_role(register, "owner", owner)?;
    let changes = [
        ("/title", title),
        ("/kind", kind),
        ("/version", version),
        ("/document", document),
        ("/owner", owner),
    ];
    if changes.iter().all(|(_, v)| v.is_none()) {
        return Err(nothing_to_change(
            "--title, --kind, --version, --document, --owner",
        ));
    }
    let written = author::edit(register, Kind::Policy, &id, |e| {
        for (pointer, value) in &changes {
            if let Some(value) = value {
                e.set(pointer, &Node::text(value))?;
            }
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
