//! `aims risk action add`

use anyhow::Result;
use clap::Args;

use crate::author::actions::ActionList;
use crate::cli::actions::{self, Holder, NewFields};
use crate::cli::{Context, Outcome, fail};

/// Add an action that carries out a risk's treatment
///
/// Its id continues the risk's sequence (T1, T2, ...) unless given. The risk must have
/// a treatment decision (`aims risk treat`).
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The risk
    pub risk: String,
    #[command(flatten)]
    pub fields: NewFields,
    /// Id of the action (default: the next in the risk's sequence)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs { risk, fields, id } = args;
    let authoring = super::super::open(ctx, &risk)?;
    let view = authoring.view(ctx);
    let r = super::super::open_risk(&view, &risk, "act on")?;
    let Some(treatment) = &r.risk.treatment else {
        return Err(fail(
            format!("risk `{risk}` has no treatment decision yet; its actions carry one out"),
            format!("decide it first: `aims risk treat {risk} --option mitigate --rationale TEXT`"),
        ));
    };
    let existing = treatment.actions.clone();
    drop(view);
    actions::add(
        ctx,
        authoring,
        Holder::new(ActionList::Treatment, &risk),
        &existing,
        fields,
        id,
    )
}
