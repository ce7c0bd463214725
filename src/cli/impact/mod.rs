//! `aims impact`: AI system impact assessments (clause 6.1.4).

mod add;
mod list;
mod review;
mod set;
mod show;

use anyhow::Result;
use clap::Subcommand;

use crate::cli::authoring::{Authoring, focus};
use crate::cli::prompt::Choice;
use crate::model::{ImpactAssessment, Kind};
use crate::view::View;

use super::{Context, Outcome};

/// Add, list, show, change and review AI system impact assessments
#[derive(Debug, Subcommand)]
pub enum ImpactCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Review(review::ReviewArgs),
}

pub fn run(ctx: &Context, command: ImpactCommand) -> Result<Outcome> {
    match command {
        ImpactCommand::Add(args) => add::run(ctx, args),
        ImpactCommand::List(args) => list::run(ctx, args),
        ImpactCommand::Show(args) => show::run(ctx, args),
        ImpactCommand::Set(args) => set::run(ctx, args),
        ImpactCommand::Review(args) => review::run(ctx, args),
    }
}

/// Opens the register for an edit of assessment `id` and returns it as read.
fn open(ctx: &Context, id: &str) -> Result<(Authoring, ImpactAssessment)> {
    let authoring = ctx.open_for_authoring_in(focus(Kind::Impact, &[id]))?;
    authoring.require(Kind::Impact, "impact assessment", id)?;
    let Some(assessment) = authoring.register.impacts.iter().find(|a| a.value.id == id) else {
        anyhow::bail!(
            "impact assessment `{id}` could not be read; fix the problems `aims check` reports in its file first"
        );
    };
    let assessment = assessment.value.clone();
    Ok((authoring, assessment))
}

/// The levels of the impact severity scale, with their labels.
fn severities(view: &View<'_>) -> Vec<Choice> {
    levels(&view.impact_scales.severity)
}

/// The levels of the impact likelihood scale, with their labels.
fn likelihoods(view: &View<'_>) -> Vec<Choice> {
    levels(&view.impact_scales.likelihood)
}

fn levels(labels: &[(String, Option<String>)]) -> Vec<Choice> {
    labels
        .iter()
        .enumerate()
        .map(|(i, (name, description))| {
            Choice::new((i + 1).to_string(), name).described(description.clone())
        })
        .collect()
}

/// An assessed dimension as `--dimension` gives it, `fairness=4x3:Lower approval
/// rates` or `fairness=Major x Possible:...` (levels as numbers or scale labels): its
/// name, severity, likelihood and description.
fn assessed_dimension(view: &View<'_>, text: &str) -> Result<(String, u32, u32, String)> {
    let shape = "write NAME=SxL:DESCRIPTION, e.g. fairness=4x3:Lower approval rates for some groups (levels as numbers or scale labels: Major x Possible)";
    let Some((name, rest)) = text.split_once('=') else {
        anyhow::bail!("--dimension `{text}`: {shape}");
    };
    let name = dimension_name("dimension", name)?;
    let Some((scores, description)) = rest.split_once(':') else {
        anyhow::bail!("--dimension `{text}`: {shape}");
    };
    // Labels may hold an `x` themselves: ` x ` separates first.
    let Some((s, l)) = scores.split_once(" x ").or_else(|| scores.split_once('x')) else {
        anyhow::bail!("--dimension `{text}`: {shape}");
    };
    let level = |v: &str, what: &str, options: &[Choice]| -> Result<u32> {
        Ok(
            crate::cli::prompt::check("dimension", what, v.trim(), options)?
                .parse()
                .unwrap_or(0),
        )
    };
    Ok((
        name,
        level(s, "severity", &severities(view))?,
        level(l, "likelihood", &likelihoods(view))?,
        description.trim().to_string(),
    ))
}

/// A dimension's name as given: one of the six required, or an organisation's own;
/// one close to a required name is taken for a typo and refused.
fn dimension_name(flag: &str, name: &str) -> Result<String> {
    let name = name.trim();
    if crate::catalog::IMPACT_DIMENSIONS.contains(&name) {
        return Ok(name.to_string());
    }
    match crate::suggest::closest(name, crate::catalog::IMPACT_DIMENSIONS.iter().copied()) {
        Some(s) => Err(crate::cli::fail(
            format!("--{flag}: unknown dimension `{name}`"),
            format!("did you mean `{s}`?"),
        )),
        None => Ok(name.to_string()),
    }
}
