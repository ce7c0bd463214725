//! `aims risk target`

use std::cmp::Ordering;

use anyhow::Result;
use clap::Args;
use serde_json::json;

use super::{level, open, open_risk};
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, choices, fail};
use crate::edit::Node;
use crate::model::Kind;

/// Set the score a risk is expected to have once its treatment is done
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// The risk
    pub id: String,
    /// Target likelihood, as a number or a scale label
    #[arg(long)]
    pub likelihood: Option<String>,
    /// Target consequence, as a number or a scale label
    #[arg(long)]
    pub consequence: Option<String>,
    /// Why the treatment is expected to bring it there
    #[arg(long)]
    pub rationale: Option<String>,
}

pub fn run(ctx: &Context, args: TargetArgs) -> Result<Outcome> {
    let TargetArgs {
        id,
        likelihood,
        consequence,
        rationale,
    } = args;
    let authoring = open(ctx, &id)?;
    let scoring = authoring.scoring.clone();
    let view = authoring.view(ctx);
    let risk = open_risk(&view, &id, "target")?;
    let mut ask = Asker::from_terminal();
    let likelihoods = choices::likelihood(&scoring);
    let consequences = choices::consequence(&scoring);
    let likelihood = level("likelihood", likelihood, &likelihoods)?;
    let consequence = level("consequence", consequence, &consequences)?;
    let likelihood = match likelihood {
        Some(l) => l,
        None => ask
            .choose("likelihood", "target likelihood", None, &likelihoods)?
            .parse()
            .unwrap_or(0),
    };
    let consequence = match consequence {
        Some(c) => c,
        None => ask
            .choose("consequence", "target consequence", None, &consequences)?
            .parse()
            .unwrap_or(0),
    };
    let rationale = ask.optional("why the treatment brings it there", rationale)?;
    ask.finish()?;
    if let (Ok(target), Some(now)) = (scoring.rate(likelihood, consequence), risk.rating())
        && scoring.compare(&target, &now) == Ordering::Greater
    {
        return Err(fail(
            format!(
                "a target of {} is above the risk's current score {}; nothing was written",
                scoring.describe(&target),
                scoring.describe(&now)
            ),
            "the target is the score expected once treatment is done, so it cannot be worse than today's",
        ));
    }
    drop(view);
    let written = author::edit(&authoring.register, Kind::Risk, &id, |e| {
        e.set("/target/likelihood", &Node::Scalar(json!(likelihood)))?;
        e.set("/target/consequence", &Node::Scalar(json!(consequence)))?;
        if let Some(r) = &rationale {
            e.set("/target/rationale", &Node::text(r))?;
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "set the target of", &written)?;
    Ok(Outcome::Clean)
}
