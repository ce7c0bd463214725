//! `aims management-review list`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome};
use crate::view::ManagementReviewView;

/// List management reviews, newest first, with what each lacks
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
pub struct ReviewRow<'r> {
    pub id: &'r str,
    pub date: NaiveDate,
    pub attendees: &'r [String],
    pub inputs: usize,
    pub decisions: usize,
    pub actions: usize,
    pub open_actions: usize,
    pub missing: Vec<String>,
}

impl<'r> ReviewRow<'r> {
    pub fn of(m: &ManagementReviewView<'r>) -> ReviewRow<'r> {
        let review = m.review;
        ReviewRow {
            id: &review.id,
            date: review.date,
            attendees: &review.attendees,
            inputs: 5 - m.missing_inputs.len(),
            decisions: review.decisions.len(),
            actions: review.actions.len(),
            open_actions: review.actions.iter().filter(|a| a.status.is_open()).count(),
            missing: m.missing(),
        }
    }
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs { format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let mut reviews: Vec<&ManagementReviewView<'_>> = view.management_reviews.iter().collect();
    reviews.sort_by(|a, b| (b.review.date, b.id()).cmp(&(a.review.date, a.id())));
    let rows: Vec<ReviewRow<'_>> = reviews.into_iter().map(ReviewRow::of).collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => output::note(crate::cli::choices::nothing(
            0,
            "management review",
            "management reviews",
            "aims management-review record",
        )),
        Format::Human => {
            let mut table = output::table(&[
                "id",
                "date",
                "attendees",
                "inputs",
                "decisions",
                "actions (open)",
                "lacks",
            ]);
            for r in &rows {
                table.add_row([
                    r.id.to_string(),
                    r.date.to_string(),
                    r.attendees.join(", "),
                    format!("{} of 5", r.inputs),
                    r.decisions.to_string(),
                    format!("{} ({})", r.actions, r.open_actions),
                    if r.missing.is_empty() {
                        "nothing".to_string()
                    } else {
                        r.missing.join(", ")
                    },
                ]);
            }
            output::print_table(&table)?;
            let next = match view.next_management_review() {
                Some((due, every)) => format!("; the next is due by {due} (every {every})"),
                None => String::new(),
            };
            println!(
                "{} management review{}{next}",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            );
        }
    }
    Ok(Outcome::Clean)
}
