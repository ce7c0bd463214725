//! `aims audit done`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::{Context, Outcome, fail, parse_date};
use crate::edit::Node;
use crate::model::{AuditStatus, Kind};

/// Mark an audit as done, with the date and its report
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The audit
    pub id: String,
    /// The day it was completed (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// The audit report: a path in the register or a URL (`aims evidence add FILE --to
    /// AUDIT-ID` copies a file in and cites it)
    #[arg(long, value_name = "PATH|URL")]
    pub report: Option<String>,
}

pub fn run(ctx: &Context, args: DoneArgs) -> Result<Outcome> {
    let DoneArgs { id, date, report } = args;
    let authoring = ctx.open_for_authoring()?;
    let view = authoring.view(ctx);
    let audit = super::find(&view, &id)?;
    if matches!(
        audit.audit.status,
        AuditStatus::Done | AuditStatus::Cancelled
    ) {
        return Err(fail(
            format!("audit `{id}` is {} already", audit.audit.status.as_str()),
            "plan the next audit with `aims audit plan`",
        ));
    }
    let date = date.unwrap_or(ctx.today);
    if date > ctx.today {
        return Err(fail(
            format!("{date} is in the future"),
            "an audit is done on the day its work ended, today or before",
        ));
    }
    if let Some(report) = &report {
        authoring.refuse_missing("report", std::slice::from_ref(report), &id)?;
    }
    let written = author::edit(&authoring.register, Kind::Audit, &id, |e| {
        e.set("/status", &Node::text("done"))?;
        e.set("/done", &Node::text(date.to_string()))?;
        if let Some(report) = &report {
            e.set("/report", &Node::text(report))?;
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "done", &written)?;
    Ok(Outcome::Clean)
}
