//! `aims risk treat`

use anyhow::Result;
use clap::Args;

use super::{open, open_risk};
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::{Asker, Choice};
use crate::cli::{Context, Outcome, fail};
use crate::edit::Node;
use crate::model::Kind;

/// Record the treatment decision on a risk (clause 6.1.3): the option and why
///
/// For example `aims risk treat R-003 --option mitigate --rationale "Retrain quarterly
/// and gate releases on a fairness test"`. Then add the actions that carry it out
/// with `aims risk action add`, or, for `accept`, record the acceptance with `aims risk
/// accept`.
#[derive(Debug, Args)]
pub struct TreatArgs {
    /// The risk treated
    pub id: String,
    /// How the risk is treated
    #[arg(long, value_parser = ["avoid", "mitigate", "transfer", "accept"])]
    pub option: Option<String>,
    /// Why this option
    #[arg(long)]
    pub rationale: Option<String>,
}

/// The four options of clause 6.1.3, with what each means.
pub fn options() -> [Choice; 4] {
    [
        Choice::new("avoid", "stop the activity that gives rise to the risk"),
        Choice::new("mitigate", "reduce its likelihood or consequence"),
        Choice::new(
            "transfer",
            "share it with another party (insurance, a supplier)",
        ),
        Choice::new("accept", "keep it as it is (at or below the threshold)"),
    ]
}

pub fn run(ctx: &Context, args: TreatArgs) -> Result<Outcome> {
    let TreatArgs {
        id,
        option,
        rationale,
    } = args;
    let authoring = open(ctx, &id)?;
    let view = authoring.view(ctx);
    let risk = open_risk(&view, &id, "treat")?;
    let mut ask = Asker::from_terminal();
    let option = ask.choose("option", "treatment option", option, &options())?;
    let rationale = ask.text("rationale", "why this option", rationale)?;
    ask.finish()?;
    if option == "accept"
        && let (Some(true), Some(scoring), Some(rating)) =
            (risk.above_threshold, &view.criteria.scoring, risk.rating())
    {
        return Err(fail(
            format!(
                "risk `{id}` scores {}, above the acceptance threshold {}; only risks at or below it may be accepted as they stand",
                scoring.describe(&rating),
                scoring.threshold_text()
            ),
            format!(
                "treat it (`--option mitigate`, avoid or transfer) and accept what remains once treated with `aims risk accept {id}`"
            ),
        ));
    }
    drop(view);
    let written = author::edit(&authoring.register, Kind::Risk, &id, |e| {
        e.set("/treatment/option", &Node::text(&option))?;
        e.set("/treatment/rationale", &Node::text(&rationale))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "treated", &written)?;
    Ok(Outcome::Clean)
}
