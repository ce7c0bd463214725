//! `aims impact review`

use std::io::{self, Write};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, choices, parse_date};
use crate::edit::Node;
use crate::model::Kind;
use crate::register::Register;

/// Record a review of an impact assessment
///
/// Sets `review.last` (and, when given, who reviewed and what the review concluded),
/// changing nothing else in the file. A review answers every review triggered before
/// its date: a change of the system, an incident of severity high or critical.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The impact assessment reviewed
    pub id: String,
    /// Date of the review (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Role that carried out the review
    #[arg(long, value_name = "ROLE")]
    pub by: Option<String>,
    /// What the review concluded
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

pub fn run(ctx: &Context, args: ReviewArgs) -> Result<Outcome> {
    let ReviewArgs { id, date, by, note } = args;
    let authoring = ctx.open_for_authoring()?;
    let by = by
        .map(|b| {
            Asker::from_terminal().choose(
                "by",
                "reviewing role",
                Some(b),
                &choices::roles(&authoring.register),
            )
        })
        .transpose()?;
    let date = date.unwrap_or(ctx.today).to_string();
    let written = author::edit(&authoring.register, Kind::Impact, &id, |e| {
        e.set("/review/last", &Node::text(&date))?;
        if let Some(by) = &by {
            e.set("/review/by", &Node::text(by))?;
        }
        if let Some(note) = &note {
            e.set("/review/note", &Node::text(note))?;
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "reviewed", &written)?;
    let register = Register::open(&authoring.register.root)?;
    let view = ctx.view(&register);
    if let Some((due, cycle)) = view.impact(&id).and_then(|i| i.next_review) {
        writeln!(io::stdout().lock(), "next review: {due} (every {cycle})")?;
    }
    Ok(Outcome::Clean)
}
