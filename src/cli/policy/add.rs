//! `aims policy add`

use anyhow::Result;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error, checked_role, slug};
use crate::cli::prompt::{Asker, Choice};
use crate::cli::{Context, Outcome};
use crate::edit::Node;
use crate::model::Kind;

/// Add a policy: the AI policy (`--kind ai-policy`) or a topic policy
///
/// For example `aims policy add ai-policy --kind ai-policy --title "AI policy" --version
/// 3.0 --document evidence/policies/ai-policy-v3.md --owner head-of-ai-governance`. Record
/// its approval, communication and reviews with the other `aims policy` commands.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Id of the policy (default: made from the title, e.g. `ai-policy`)
    pub id: Option<String>,
    /// Title of the policy
    #[arg(long)]
    pub title: Option<String>,
    /// `ai-policy` for the AI policy (clause 5.2; one per register), `topic` for others
    #[arg(long, value_parser = ["ai-policy", "topic"])]
    pub kind: Option<String>,
    /// Version of the document
    #[arg(long)]
    pub version: Option<String>,
    /// The policy document: a path in the register or a URL
    #[arg(long, value_name = "PATH|URL")]
    pub document: Option<String>,
    /// Role that owns the policy
    #[arg(long)]
    pub owner: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
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
    let mut ask = Asker::from_terminal();
    let title = ask.text("title", "title", title)?;
    let kind = ask.choose(
        "kind",
        "kind of policy",
        kind,
        &[
            Choice::new("ai-policy", "the AI policy (clause 5.2)"),
            Choice::new("topic", "a topic policy (A.2.2 to A.2.4)"),
        ],
    )?;
    ask.finish()?;
    let id = id.unwrap_or_else(|| slug(&title));
    let written = author::create(register, Kind::Policy, Some(&id), &id, |id| {
        let mut fields = vec![
            ("id".to_string(), Node::text(id)),
            ("title".to_string(), Node::text(&title)),
            ("kind".to_string(), Node::text(&kind)),
        ];
        for (key, value) in [
            ("version", &version),
            ("document", &document),
            ("owner", &owner),
        ] {
            if let Some(value) = value {
                fields.push((key.to_string(), Node::text(value)));
            }
        }
        Node::Map(fields).document()
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "created", &written)?;
    Ok(Outcome::Clean)
}
