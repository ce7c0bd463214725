//! `aims policy list`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome};
use crate::view::PolicyView;

/// List the policies with their version, owner, approval and next review
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
pub struct PolicyRow<'r> {
    pub id: &'r str,
    pub title: &'r str,
    pub kind: &'static str,
    pub version: Option<&'r str>,
    pub owner: Option<&'r str>,
    pub approved_by: Option<&'r str>,
    pub approved: Option<NaiveDate>,
    pub communicated: usize,
    pub next_review: Option<NaiveDate>,
    pub review_overdue: bool,
    /// What `policy-incomplete` finds missing.
    pub missing: &'r [&'static str],
}

impl<'r> PolicyRow<'r> {
    pub fn of(p: &'r PolicyView<'r>) -> PolicyRow<'r> {
        let policy = p.policy;
        PolicyRow {
            id: &policy.id,
            title: &policy.title,
            kind: policy.kind.as_str(),
            version: policy.version.as_deref(),
            owner: policy.owner.as_deref(),
            approved_by: policy.approved.as_ref().map(|a| a.by.as_str()),
            approved: policy.approved.as_ref().map(|a| a.date),
            communicated: policy.communicated.len(),
            next_review: p.next_review.map(|(d, _)| d),
            review_overdue: p.review_overdue,
            missing: &p.missing,
        }
    }
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs { format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let rows: Vec<PolicyRow<'_>> = view.policies.iter().map(PolicyRow::of).collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => {
            output::note(crate::cli::choices::nothing(
                0,
                "policy",
                "policies",
                "aims policy add ai-policy --kind ai-policy",
            ));
        }
        Format::Human => {
            let mut table = output::table(&[
                "id",
                "title",
                "kind",
                "version",
                "owner",
                "approved",
                "next review",
            ]);
            for r in &rows {
                table.add_row([
                    r.id.to_string(),
                    r.title.to_string(),
                    r.kind.to_string(),
                    r.version.unwrap_or("").to_string(),
                    r.owner.unwrap_or("").to_string(),
                    match (r.approved_by, r.approved) {
                        (Some(by), Some(date)) => format!("{by}, {date}"),
                        _ => "no".to_string(),
                    },
                    match r.next_review {
                        Some(d) if r.review_overdue => format!("{d} (overdue)"),
                        Some(d) => d.to_string(),
                        None => String::new(),
                    },
                ]);
            }
            output::print_table(&table)?;
        }
    }
    Ok(Outcome::Clean)
}
