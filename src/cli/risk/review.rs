//! `aims risk review`

use std::io::{self, Write};

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use super::refuse_closed;
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::{Context, Outcome, parse_date};
use crate::edit::Node;
use crate::model::Kind;
use crate::schedule;

/// Record a review of a risk, optionally with a new assessment
///
/// Sets `review.last` (and, when given, who reviewed, what the review concluded, and
/// the assessment's likelihood, consequence and rationale), changing nothing else in
/// the file. A review answers every review triggered before its date.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The risk reviewed
    pub id: String,
    /// Date of the review (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// New likelihood level
    #[arg(long)]
    pub likelihood: Option<u32>,
    /// New consequence level
    #[arg(long)]
    pub consequence: Option<u32>,
    /// Why the risk is scored as it now is
    #[arg(long)]
    pub rationale: Option<String>,
    /// Role that carried out the review
    #[arg(long, value_name = "ROLE")]
    pub by: Option<String>,
    /// What the review concluded
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

pub fn run(ctx: &Context, args: ReviewArgs) -> Result<Outcome> {
    let ReviewArgs {
        id,
        date,
        likelihood,
        consequence,
        rationale,
        by,
        note,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    refuse_closed(&authoring.register, &id, "review")?;
    let scoring = &authoring.scoring;
    for (name, level, levels) in [
        ("likelihood", likelihood, scoring.likelihood_levels),
        ("consequence", consequence, scoring.consequence_levels),
    ] {
        if let Some(level) = level
            && !(1..=levels).contains(&level)
        {
            bail!("--{name} {level} is outside the {name} scale of aims.yaml (1 to {levels})");
        }
    }
    let by = by
        .map(|b| {
            crate::cli::prompt::Asker::from_terminal().choose(
                "by",
                "reviewing role",
                Some(b),
                &crate::cli::choices::roles(&authoring.register),
            )
        })
        .transpose()?;
    let date = date.unwrap_or(ctx.today).to_string();
    let written = author::edit(&authoring.register, Kind::Risk, &id, |e| {
        e.set("/review/last", &Node::text(&date))?;
        if let Some(by) = &by {
            e.set("/review/by", &Node::text(by))?;
        }
        if let Some(note) = &note {
            e.set("/review/note", &Node::text(note))?;
        }
        if let Some(l) = likelihood {
            e.set("/assessment/likelihood", &Node::Scalar(json!(l)))?;
        }
        if let Some(c) = consequence {
            e.set("/assessment/consequence", &Node::Scalar(json!(c)))?;
        }
        if let Some(r) = &rationale {
            e.set("/assessment/rationale", &Node::text(r))?;
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "reviewed", &written)?;
    let register = crate::register::Register::open(&authoring.register.root)?;
    if let Some(risk) = register.risks.iter().find(|r| r.value.id == id)
        && let Some(next) = schedule::risk_review(&risk.value, Some(scoring))
    {
        writeln!(
            io::stdout().lock(),
            "next review: {} ({})",
            next.due,
            next.basis
        )?;
    }
    Ok(Outcome::Clean)
}
