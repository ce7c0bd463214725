//! `aims risk action set`

use anyhow::Result;
use clap::Args;

use crate::author::actions::ActionList;
use crate::cli::actions::{self, Holder, SetFields};
use crate::cli::{Context, Outcome};
use crate::model::Kind;

/// Change a treatment action: its status, due date, owner, description or evidence
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The risk
    pub risk: String,
    /// The action (T1, T2, ...)
    pub action: String,
    #[command(flatten)]
    pub fields: SetFields,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        risk,
        action,
        fields,
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
    actions::set(ctx, authoring, holder, &existing, &action, fields)
}
