//! `aims policy approve-record`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error, checked_role};
use crate::cli::{Context, Outcome, fail, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Record who approved the policy and when (a role with `approver: true`)
///
/// This records the approval the policy document itself carries (a board minute, a
/// signature). The register's own approval of the file is `aims approve`.
#[derive(Debug, Args)]
pub struct ApproveRecordArgs {
    /// The policy approved
    pub id: String,
    /// The approving role (`approver: true` in aims.yaml)
    #[arg(long)]
    pub by: String,
    /// Date of the approval (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: ApproveRecordArgs) -> Result<Outcome> {
    let ApproveRecordArgs { id, by, date } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let by = checked_role(register, "by", Some(by))?.unwrap_or_default();
    let approver = register
        .config
        .as_ref()
        .is_some_and(|c| c.value.roles.iter().any(|r| r.id == by && r.approver));
    if !approver {
        return Err(fail(
            format!("role `{by}` may not approve a policy"),
            "name a role marked `approver: true` in aims.yaml (`aims role set ROLE --approver yes`)",
        ));
    }
    let date = date.unwrap_or(ctx.today);
    let written = author::edit(register, Kind::Policy, &id, |e| {
        e.set(
            "/approved",
            &Node::Map(vec![
                ("by".to_string(), Node::text(&by)),
                ("date".to_string(), Node::text(date.to_string())),
            ]),
        )
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
