//! `aims audit start`

use anyhow::Result;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::{Context, Outcome, fail};
use crate::edit::Node;
use crate::model::{AuditStatus, Kind};

/// Mark a planned audit as in progress
#[derive(Debug, Args)]
pub struct StartArgs {
    /// The audit
    pub id: String,
}

pub fn run(ctx: &Context, args: StartArgs) -> Result<Outcome> {
    let StartArgs { id } = args;
    let authoring = ctx.open_for_authoring()?;
    let view = authoring.view(ctx);
    let audit = super::find(&view, &id)?;
    if audit.audit.status != AuditStatus::Planned {
        return Err(fail(
            format!(
                "audit `{id}` is {}, not planned",
                audit.audit.status.as_str()
            ),
            "only a planned audit starts; `aims audit show` tells where it stands",
        ));
    }
    let written = author::edit(&authoring.register, Kind::Audit, &id, |e| {
        e.set("/status", &Node::text("in-progress"))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "started", &written)?;
    Ok(Outcome::Clean)
}
