//! `aims impact review`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::open;
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Record a review of an impact assessment: when, by whom and what was concluded
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The impact assessment reviewed
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
}

pub fn run(ctx: &Context, args: ReviewArgs) -> Result<Outcome> {
    let ReviewArgs { id, date, by, note } = args;
    let (authoring, assessment) = open(ctx, &id)?;
    let mut ask = Asker::from_terminal();
    let by = authoring.reviewer(&mut ask, by)?;
    let date = ask.past_date("date", "reviewed on", date, ctx.today, ctx.today)?;
    let note = ask.optional("what the review concluded", note)?;
    ask.finish()?;
    let old_note = assessment.review.note.is_some();
    let written = author::edit(&authoring.register, Kind::Impact, &id, |e| {
        e.set("/review/last", &Node::text(date.to_string()))?;
        e.set("/review/by", &Node::text(&by))?;
        match &note {
            Some(note) => e.set("/review/note", &Node::text(note)),
            None if old_note => e.remove("/review/note"),
            None => Ok(()),
        }
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "reviewed", &written)?;
    let after = authoring.after(std::slice::from_ref(&written))?;
    let view = ctx.view(&after);
    if let Some((due, cycle)) = view.impact(&id).and_then(|i| i.next_review) {
        println!("next review: {due} (every {cycle})");
    }
    Ok(Outcome::Clean)
}
