//! `aims risk review`

use std::io::{self, Write};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use super::{level, open, open_risk};
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, choices, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Record a review of a risk: when, by whom, what was concluded, and optionally a new
/// assessment
///
/// Sets `review.last`, `review.by` (your role, found from your git email, or `--by`)
/// and `review.note`, and, when given, the assessment's likelihood, consequence and
/// rationale, changing nothing else in the file. Prints the next review date.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The risk reviewed
    pub id: String,
    /// Date of the review (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// The role that reviewed (default: the role whose email is your git email)
    #[arg(long, value_name = "ROLE")]
    pub by: Option<String>,
    /// What the review concluded
    #[arg(long)]
    pub note: Option<String>,
    /// New likelihood, as a number or a scale label
    #[arg(long)]
    pub likelihood: Option<String>,
    /// New consequence, as a number or a scale label
    #[arg(long)]
    pub consequence: Option<String>,
    /// Why the risk is scored as it now is
    #[arg(long)]
    pub rationale: Option<String>,
}

pub fn run(ctx: &Context, args: ReviewArgs) -> Result<Outcome> {
    let ReviewArgs {
        id,
        date,
        by,
        note,
        likelihood,
        consequence,
        rationale,
    } = args;
    let authoring = open(ctx, &id)?;
    let view = authoring.view(ctx);
    let current = open_risk(&view, &id, "review")?.risk;
    let scoring = &authoring.scoring;
    let likelihood = level("likelihood", likelihood, &choices::likelihood(scoring))?;
    let consequence = level("consequence", consequence, &choices::consequence(scoring))?;
    let mut ask = Asker::from_terminal();
    let by = authoring.reviewer(&mut ask, by)?;
    let date = ask.past_date("date", "reviewed on", date, ctx.today, ctx.today)?;
    let note = ask.optional("what the review concluded", note)?;
    ask.finish()?;
    let old_note = current.review.note.is_some();
    drop(view);
    let written = author::edit(&authoring.register, Kind::Risk, &id, |e| {
        e.set("/review/last", &Node::text(date.to_string()))?;
        e.set("/review/by", &Node::text(&by))?;
        match &note {
            Some(note) => e.set("/review/note", &Node::text(note))?,
            // The note is the conclusion of the last review: an older one no longer is.
            None if old_note => e.remove("/review/note")?,
            None => {}
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
    let after = authoring.after(std::slice::from_ref(&written))?;
    let view = ctx.view(&after);
    if let Some(next) = view.risk(&id).and_then(|r| r.review.as_ref()) {
        writeln!(
            io::stdout().lock(),
            "next review: {} ({})",
            next.due,
            next.basis
        )?;
    }
    Ok(Outcome::Clean)
}
