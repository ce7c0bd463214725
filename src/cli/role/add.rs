//! `aims role add`

use anyhow::Result;
use clap::Args;
use serde_json::json;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, fail};
use crate::edit::Node;
use crate::model::FileKind;

/// Add a role to aims.yaml: the id owners and approvers are named by
///
/// For example `aims role add internal-audit --name "Sam Reid" --email
/// sam@example.com`. Competence records and signing keys are added with `aims role set`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Id of the role, e.g. `head-of-ai-governance`
    pub id: String,
    /// The person who holds the role
    #[arg(long)]
    pub name: Option<String>,
    /// Their email, as git records it (approvals are matched by it)
    #[arg(long)]
    pub email: Option<String>,
    /// The role may approve register changes and risk acceptances
    #[arg(long)]
    pub approver: bool,
    /// The role is top management (clauses 5.1 and 9.3)
    #[arg(long)]
    pub top_management: bool,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        id,
        name,
        email,
        approver,
        top_management,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let roles = authoring
        .register
        .config
        .as_ref()
        .map(|c| c.value.roles.as_slice())
        .unwrap_or_default();
    if roles.iter().any(|r| r.id == id) {
        return Err(fail(
            format!("role `{id}` already exists"),
            format!("change it with `aims role set {id}`"),
        ));
    }
    let mut ask = Asker::from_terminal();
    let name = ask.text("name", "who holds the role", name)?;
    ask.finish()?;
    let mut fields = vec![
        ("id".to_string(), Node::text(&id)),
        ("name".to_string(), Node::text(&name)),
    ];
    if let Some(email) = email {
        fields.push(("email".to_string(), Node::text(email)));
    }
    if approver {
        fields.push(("approver".to_string(), Node::Scalar(json!(true))));
    }
    if top_management {
        fields.push(("top_management".to_string(), Node::Scalar(json!(true))));
    }
    let written = author::edit_root(&authoring.register, FileKind::Config, |e| {
        e.push("/roles", &Node::Map(fields))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
