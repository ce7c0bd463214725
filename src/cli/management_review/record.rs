//! `aims management-review record`

use std::io::Write as _;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::{Context, Outcome, parse_date};
use crate::edit::Node;
use crate::model::{FileKind, Kind};
use crate::trail;

/// Record a management review, prefilled with the inputs drawn from the register
///
/// Writes `management-reviews/<id>.yaml` with the five inputs of clause 9.3.2 as
/// `aims report management-review` summarises them, each marked as drawn from the
/// register, and the commit they were drawn from as `revision`. Attendees, decisions
/// and actions are left for the meeting to complete (`aims management-review set` and
/// `aims management-review action add`): until then `aims check` reports the review as
/// incomplete.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// Date of the review (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Draw the inputs since REV, a date YYYY-MM-DD or a management review's id
    /// (default: since the last management review)
    #[arg(long, value_name = "REV|DATE|MR-ID")]
    pub since: Option<String>,
    /// Id of the review (default: `MR-<year>-<n>`, the next of the year)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: RecordArgs) -> Result<Outcome> {
    let RecordArgs { date, since, id } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let view = authoring.view(ctx);
    let provenance = trail::provenance(register);
    let pack = super::pack(register, &view, provenance.as_ref(), since.as_deref())?;
    let date = date.unwrap_or(ctx.today);
    // The inputs are pinned to a commit only when the register is that commit.
    let revision = provenance.filter(|p| p.clean).map(|p| p.commit);
    let drawn = match &revision {
        Some(commit) => format!(
            "[drawn from the register at {} on {}; for the meeting to confirm]",
            &commit[..commit.len().min(12)],
            ctx.today
        ),
        None => format!(
            "[drawn from the register's working tree on {}; for the meeting to confirm]",
            ctx.today
        ),
    };
    let summaries = &pack.summaries;
    let inputs = [
        ("previous-actions", &summaries.previous_actions),
        ("context-changes", &summaries.context_changes),
        ("interested-parties", &summaries.interested_parties),
        ("performance", &summaries.performance),
        ("opportunities", &summaries.opportunities),
    ];
    let year = date.format("%Y").to_string();
    let prefix = format!("MR-{year}-");
    let default = format!("{prefix}1");
    let this_year: Vec<&str> = register
        .documents
        .iter()
        .filter(|d| d.kind == FileKind::Entity(Kind::ManagementReview))
        .map(|d| d.stem.as_str())
        .filter(|s| s.starts_with(&prefix))
        .collect();
    let id = id.unwrap_or_else(|| author::next_id(this_year, &default));
    let text = |id: &str| {
        let mut fields = vec![
            ("id".to_string(), Node::text(id)),
            ("date".to_string(), Node::text(date.to_string())),
            ("attendees".to_string(), Node::Seq(Vec::new())),
        ];
        if let Some(commit) = &revision {
            fields.push(("revision".to_string(), Node::text(commit)));
        }
        fields.push((
            "inputs".to_string(),
            Node::Map(
                inputs
                    .iter()
                    .map(|(name, summary)| {
                        (name.to_string(), Node::text(format!("{drawn} {summary}")))
                    })
                    .collect(),
            ),
        ));
        fields.push(("decisions".to_string(), Node::Seq(Vec::new())));
        fields.push(("actions".to_string(), Node::Seq(Vec::new())));
        Node::Map(fields).document()
    };
    let written = author::create(register, Kind::ManagementReview, Some(&id), &default, text)
        .map_err(author_error)?;
    announce(ctx, &authoring, "recorded", &written)?;
    let mut err = std::io::stderr().lock();
    if revision.is_none() {
        writeln!(
            err,
            "note: the register has uncommitted changes, so no `revision` is recorded; commit them and record again to pin the inputs to a commit"
        )?;
    }
    writeln!(
        err,
        "hint: the inputs are the register's; the meeting completes the review: `aims management-review set {id} --attendee ROLE --decision TEXT` (an attendee of a top-management role) and `aims management-review action add {id} ...`",
    )?;
    Ok(Outcome::Clean)
}
