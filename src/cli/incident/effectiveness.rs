//! `aims incident effectiveness`

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, choices, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Record whether an incident's corrective actions worked (clause 10.2 d)
///
/// Sets `effectiveness` (date, result, note and who reviewed), changing nothing else
/// in the file. A nonconformity is closed only once its corrective actions are done
/// and their effectiveness reviewed (`nonconformity-open`).
#[derive(Debug, Args)]
pub struct EffectivenessArgs {
    /// The incident or nonconformity
    pub id: String,
    /// Whether the corrective actions worked
    #[arg(long, value_enum)]
    pub result: EffectivenessResult,
    /// What the review looked at and found
    #[arg(long, value_name = "TEXT")]
    pub note: String,
    /// Role that reviewed
    #[arg(long, value_name = "ROLE")]
    pub by: Option<String>,
    /// Date of the review (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EffectivenessResult {
    /// The corrective actions removed the cause
    Effective,
    /// They did not; act again
    NotEffective,
}

pub fn run(ctx: &Context, args: EffectivenessArgs) -> Result<Outcome> {
    let EffectivenessArgs {
        id,
        result,
        note,
        by,
        date,
    } = args;
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
    let result = match result {
        EffectivenessResult::Effective => "effective",
        EffectivenessResult::NotEffective => "not-effective",
    };
    let mut fields = vec![(
        "date".to_string(),
        Node::text(date.unwrap_or(ctx.today).to_string()),
    )];
    if let Some(by) = by {
        fields.push(("by".to_string(), Node::text(by)));
    }
    fields.push(("result".to_string(), Node::text(result)));
    fields.push(("note".to_string(), Node::text(note)));
    let written = author::edit(&authoring.register, Kind::Incident, &id, |e| {
        e.set("/effectiveness", &Node::Map(fields))
    })
    .map_err(author_error)?;
    announce(
        ctx,
        &authoring,
        "recorded the effectiveness review in",
        &written,
    )?;
    Ok(Outcome::Clean)
}
