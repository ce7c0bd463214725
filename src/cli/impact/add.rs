//! `aims impact add`

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::{self, Asker};
use crate::cli::{Context, Outcome, choices, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Add an impact assessment of an AI system on individuals, groups and society
///
/// Each of fairness, safety, privacy, transparency, human-oversight and
/// fundamental-rights is assessed with `--dimension NAME=SxL:DESCRIPTION` (severity and
/// likelihood from 1 to 5) or marked `--not-applicable NAME=REASON`; in a terminal,
/// the ones not given are asked for.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The AI system assessed
    #[arg(long)]
    pub system: Option<String>,
    /// Role that made the assessment
    #[arg(long)]
    pub assessor: Option<String>,
    /// Date of the assessment (default: today)
    #[arg(long, value_parser = parse_date)]
    pub assessed: Option<NaiveDate>,
    /// Group affected by the system (repeatable)
    #[arg(long = "group", value_name = "TEXT")]
    pub groups: Vec<String>,
    /// An assessed dimension, e.g. `fairness=4x3:Lower approval rates for some groups`
    #[arg(long = "dimension", value_name = "NAME=SxL:TEXT")]
    pub dimensions: Vec<String>,
    /// A dimension that does not apply, e.g. `safety=No physical effect`
    #[arg(long = "not-applicable", value_name = "NAME=REASON")]
    pub not_applicable: Vec<String>,
    /// Id of the assessment (default: `IA-<system>-<year>`)
    #[arg(long)]
    pub id: Option<String>,
}

/// One dimension as given.
#[derive(Debug, Clone, PartialEq)]
enum GivenDimension {
    Assessed {
        severity: u32,
        likelihood: u32,
        description: String,
    },
    NotApplicable(String),
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        system,
        assessor,
        assessed,
        groups,
        dimensions,
        not_applicable,
        id,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let view = authoring.view(ctx);
    let mut given: Vec<(String, GivenDimension)> = dimensions
        .iter()
        .map(|d| {
            let (name, severity, likelihood, description) = super::assessed_dimension(&view, d)?;
            Ok((
                name,
                GivenDimension::Assessed {
                    severity,
                    likelihood,
                    description,
                },
            ))
        })
        .collect::<Result<_>>()?;
    for na in &not_applicable {
        let Some((name, reason)) = na.split_once('=') else {
            bail!("--not-applicable `{na}`: write NAME=REASON, e.g. safety=No physical effect");
        };
        given.push((
            name.trim().to_string(),
            GivenDimension::NotApplicable(reason.trim().to_string()),
        ));
    }
    if register.systems.is_empty() {
        return Err(crate::cli::fail(
            "the register has no AI systems yet",
            "add one first with `aims system add`",
        ));
    }
    let mut ask = Asker::from_terminal();
    let system = ask.choose(
        "system",
        "AI system assessed",
        system,
        &choices::systems(register),
    )?;
    let assessor = ask.choose(
        "assessor",
        "assessor role",
        assessor,
        &choices::roles(register),
    )?;
    for name in crate::catalog::IMPACT_DIMENSIONS {
        if given.iter().any(|(n, _)| n == name) {
            continue;
        }
        if !ask.interactive() {
            let flag = format!("dimension {name}=SxL:TEXT or --not-applicable {name}=REASON");
            ask.text(&flag, "", None)?;
            continue;
        }
        let question = format!("{name}: describe the impact, or `n/a: reason`: ");
        let answer = ask.ask_until(&question, |answer| match prompt::not_applicable(answer) {
            Some(Ok(reason)) => Ok(Err(reason)),
            Some(Err(why)) => Err(why),
            None if answer.is_empty() => {
                Err("an answer is required: describe the impact, or `n/a: reason`".to_string())
            }
            None => Ok(Ok(answer.to_string())),
        })?;
        let description = match answer {
            Err(reason) => {
                given.push((name.to_string(), GivenDimension::NotApplicable(reason)));
                continue;
            }
            Ok(description) => description,
        };
        let severity = ask.choose(
            "severity",
            &format!("{name}: severity"),
            None,
            &super::severities(&view),
        )?;
        let likelihood = ask.choose(
            "likelihood",
            &format!("{name}: likelihood"),
            None,
            &super::likelihoods(&view),
        )?;
        given.push((
            name.to_string(),
            GivenDimension::Assessed {
                severity: severity.parse().unwrap_or(1),
                likelihood: likelihood.parse().unwrap_or(1),
                description,
            },
        ));
    }
    drop(view);
    ask.finish()?;
    let assessed = assessed.unwrap_or(ctx.today);
    crate::cli::prompt::refuse_future("assessed", assessed, ctx.today)?;
    let id = id.unwrap_or_else(|| format!("IA-{system}-{}", assessed.format("%Y")));
    let text = |id: &str| {
        let dims = given
            .iter()
            .map(|(name, d)| {
                let mut fields = vec![("dimension".to_string(), Node::text(name))];
                match d {
                    GivenDimension::Assessed {
                        severity,
                        likelihood,
                        description,
                    } => {
                        fields.push(("description".to_string(), Node::text(description)));
                        fields.push(("severity".to_string(), Node::Scalar(json!(severity))));
                        fields.push(("likelihood".to_string(), Node::Scalar(json!(likelihood))));
                    }
                    GivenDimension::NotApplicable(reason) => {
                        fields.push(("not_applicable".to_string(), Node::text(reason)))
                    }
                }
                Node::Map(fields)
            })
            .collect();
        let mut fields = vec![
            ("id".to_string(), Node::text(id)),
            ("system".to_string(), Node::text(&system)),
            ("assessed".to_string(), Node::text(assessed.to_string())),
            ("assessor".to_string(), Node::text(&assessor)),
        ];
        if !groups.is_empty() {
            fields.push((
                "affected_groups".to_string(),
                Node::Seq(groups.iter().map(Node::text).collect()),
            ));
        }
        fields.push(("dimensions".to_string(), Node::Seq(dims)));
        Node::Map(fields).document()
    };
    let written =
        author::create(register, Kind::Impact, Some(&id), &id, text).map_err(author_error)?;
    announce(ctx, &authoring, "created", &written)?;
    Ok(Outcome::Clean)
}
