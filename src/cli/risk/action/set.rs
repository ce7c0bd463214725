//! `aims risk action set`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author::actions::ActionList;
use crate::cli::actions::{self, Holder, SetFields};
use crate::cli::{Context, Outcome, parse_date};
use crate::model::Kind;

/// Change a treatment action: its status, due date, owner, description or evidence
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The risk
    pub risk: String,
    /// The action (T1, T2, ...)
    pub action: String,
    /// New status
    #[arg(long, value_parser = ["planned", "in-progress", "done", "cancelled"])]
    pub status: Option<String>,
    /// New due date
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// New owner role
    #[arg(long)]
    pub owner: Option<String>,
    /// New description
    #[arg(long)]
    pub description: Option<String>,
    /// Evidence to add: a path in the register or a URL (repeatable)
    #[arg(long = "evidence", value_name = "PATH|URL")]
    pub evidence: Vec<String>,
    /// Date it was completed
    #[arg(long, value_parser = parse_date)]
    pub completed: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        risk,
        action,
        status,
        due,
        owner,
        description,
        evidence,
        completed,
    } = args;
    let authoring = super::super::open(ctx, &risk)?;
    let view = authoring.view(ctx);
    let r = super::super::open_risk(&view, &risk, "act on")?;
    let existing = r
        .risk
        .treatment
        .as_ref()
        .map(|t| t.actions.clone())
        .unwrap_or_default();
    drop(view);
    let holder = Holder {
        kind: Kind::Risk,
        id: &risk,
        list: ActionList::Treatment,
    };
    let fields = SetFields {
        status,
        due,
        owner,
        description,
        evidence,
        completed,
    };
    actions::set(ctx, authoring, holder, &existing, &action, fields)
}
