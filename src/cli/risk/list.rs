//! `aims risk list`

use std::cmp::Ordering;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome, choices};
use crate::view::{RiskView, View};

/// List risks with their scores, bands, owners and next reviews
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only risks of this system
    #[arg(long)]
    pub system: Option<String>,
    /// Only risks of this category
    #[arg(long)]
    pub category: Option<String>,
    /// Only risks in this band (current assessment)
    #[arg(long)]
    pub band: Option<String>,
    /// Only risks owned by this role
    #[arg(long)]
    pub owner: Option<String>,
    /// Only open or only closed risks
    #[arg(long, value_enum)]
    pub status: Option<StatusFilter>,
    /// Only risks whose review is overdue
    #[arg(long)]
    pub overdue: bool,
    /// Order of the rows
    #[arg(long, value_enum, default_value_t = SortKey::Id)]
    pub sort: SortKey,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFilter {
    Open,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// By id
    Id,
    /// Highest current score first
    Score,
    /// Soonest next review first
    Review,
    /// By owner, then id
    Owner,
}

/// One risk as the list shows it.
#[derive(Debug, Serialize)]
pub struct RiskRow {
    pub id: String,
    pub title: String,
    pub systems: Vec<String>,
    pub category: String,
    pub likelihood: u32,
    pub consequence: u32,
    pub score: u32,
    pub band: Option<String>,
    pub treatment: Option<&'static str>,
    pub owner: String,
    pub status: &'static str,
    /// The next review: its cycle's, or a triggered review's when that comes first.
    pub next_review: Option<NaiveDate>,
    /// Whether the cycle's review or a triggered review is past due.
    pub review_overdue: bool,
    /// Reviews triggered since the last review (incidents, system changes, monitor
    /// breaches, a change of the criteria).
    pub triggered: usize,
    pub file: String,
    /// What the human table says it concerns: its systems or the management system,
    /// marked when it is an opportunity.
    #[serde(skip)]
    pub concerns: String,
}

impl RiskRow {
    /// The list's row for a risk of the view.
    pub fn of(view: &View<'_>, r: &RiskView<'_>) -> RiskRow {
        let risk = r.risk;
        RiskRow {
            id: risk.id.clone(),
            title: risk.title.clone(),
            systems: risk.systems.clone(),
            concerns: {
                let what = match risk.scope {
                    Some(scope) => scope.as_str().to_uppercase(),
                    None => risk.systems.join(", "),
                };
                match r.is_opportunity() {
                    true => format!("opportunity · {what}"),
                    false => what,
                }
            },
            category: risk.category.clone(),
            likelihood: risk.assessment.likelihood,
            consequence: risk.assessment.consequence,
            score: risk.assessment.likelihood * risk.assessment.consequence,
            band: r
                .rating()
                .and_then(|x| view.criteria.band(&x))
                .map(|b| b.name.clone()),
            treatment: risk.treatment.as_ref().map(|t| t.option.as_str()),
            owner: risk.owner.clone(),
            status: risk.status.as_str(),
            next_review: r.next_review(),
            review_overdue: r.any_review_overdue(),
            triggered: r.triggers.len(),
            file: r.file.to_string(),
        }
    }
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs {
        system,
        category,
        band,
        owner,
        status,
        overdue,
        sort,
        format,
    } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let system = choices::filter("system", "AI system", system, &choices::systems(&register))?;
    let category = choices::filter(
        "category",
        "category",
        category,
        &choices::categories(&view),
    )?;
    let band = choices::filter("band", "band", band, &choices::bands(&view))?;
    let owner = choices::filter("owner", "role", owner, &choices::roles(&register))?;
    let mut risks: Vec<&RiskView<'_>> = view
        .risks
        .iter()
        .filter(|r| system.as_ref().is_none_or(|s| r.risk.systems.contains(s)))
        .filter(|r| category.as_ref().is_none_or(|c| &r.risk.category == c))
        .filter(|r| {
            band.as_ref().is_none_or(|b| {
                r.rating()
                    .and_then(|x| view.criteria.band(&x))
                    .is_some_and(|x| &x.name == b)
            })
        })
        .filter(|r| owner.as_ref().is_none_or(|o| &r.risk.owner == o))
        .filter(|r| match status {
            None => true,
            Some(StatusFilter::Open) => r.is_open(),
            Some(StatusFilter::Closed) => !r.is_open(),
        })
        .filter(|r| !overdue || r.review_overdue)
        .collect();
    risks.sort_by(|a, b| match sort {
        SortKey::Id => a.id().cmp(b.id()),
        SortKey::Score => view.severity_order(a, b),
        SortKey::Review => cmp_dates(
            a.review.as_ref().map(|v| v.due),
            b.review.as_ref().map(|v| v.due),
        )
        .then_with(|| a.id().cmp(b.id())),
        SortKey::Owner => a
            .risk
            .owner
            .cmp(&b.risk.owner)
            .then_with(|| a.id().cmp(b.id())),
    });
    let rows: Vec<RiskRow> = risks.into_iter().map(|r| RiskRow::of(&view, r)).collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => {
            let total = view.risks.len();
            crate::cli::output::note(format_args!(
                "{}",
                choices::nothing(total, "risk", "risks", "aims risk add")
            ));
        }
        Format::Human => {
            // Five columns, two lines a row, so that the register reads on an 80-column
            // terminal: the title over its systems and category, the score over its
            // band, the owner over the treatment.
            let mut table = output::table(&["id", "risk", "score", "owner", "next review"]);
            table.unbroken(&[0, 4]);
            for r in &rows {
                let triggered = if r.triggered > 0 { " (triggered)" } else { "" };
                let review = match (r.next_review, r.review_overdue) {
                    (Some(d), true) => format!("{d}\noverdue{triggered}"),
                    (Some(d), false) => format!("{d}{triggered}"),
                    (None, _) => r.status.to_string(),
                };
                table.add_row([
                    r.id.clone(),
                    format!("{}\n{} · {}", r.title, r.concerns, r.category),
                    format!(
                        "{}x{} = {}\n{}",
                        r.likelihood,
                        r.consequence,
                        r.score,
                        r.band.clone().unwrap_or_default()
                    ),
                    format!("{}\n{}", r.owner, r.treatment.unwrap_or("untreated")),
                    review,
                ]);
            }
            output::print_table(&table)?;
            crate::cli::output::note(format_args!(
                "{}",
                output::count(rows.len(), "risk", "risks")
            ));
        }
    }
    Ok(Outcome::Clean)
}

/// Dates in order, undated last.
fn cmp_dates(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
