//! `aims risk list`

use std::cmp::Ordering;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome};
use crate::criteria::Scoring;
use crate::model::Risk;
use crate::register::Register;
use crate::schedule;

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
    pub next_review: Option<NaiveDate>,
    pub review_overdue: bool,
    pub file: String,
}

pub fn row(
    register: &Register,
    scoring: Option<&Scoring>,
    doc: usize,
    risk: &Risk,
    today: NaiveDate,
) -> RiskRow {
    let rating = scoring.and_then(|s| {
        s.rate(risk.assessment.likelihood, risk.assessment.consequence)
            .ok()
    });
    let next = schedule::risk_review(risk, scoring).map(|r| r.due);
    RiskRow {
        id: risk.id.clone(),
        title: risk.title.clone(),
        systems: risk.systems.clone(),
        category: risk.category.clone(),
        likelihood: risk.assessment.likelihood,
        consequence: risk.assessment.consequence,
        score: risk.assessment.likelihood * risk.assessment.consequence,
        band: scoring.zip(rating).map(|(s, r)| s.band(&r).name.clone()),
        treatment: risk.treatment.as_ref().map(|t| t.option.as_str()),
        owner: risk.owner.clone(),
        status: risk.status.as_str(),
        next_review: next,
        review_overdue: next.is_some_and(|d| d < today),
        file: register.documents[doc].path.clone(),
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
    let scoring = register
        .config
        .as_ref()
        .and_then(|c| Scoring::new(&c.value.criteria).ok());
    let mut rows: Vec<(RiskRow, Option<crate::criteria::Rating>)> = register
        .risks
        .iter()
        .map(|e| {
            let rating = scoring.as_ref().and_then(|s| {
                s.rate(
                    e.value.assessment.likelihood,
                    e.value.assessment.consequence,
                )
                .ok()
            });
            (
                row(&register, scoring.as_ref(), e.doc, &e.value, ctx.today),
                rating,
            )
        })
        .filter(|(r, _)| system.as_ref().is_none_or(|s| r.systems.contains(s)))
        .filter(|(r, _)| category.as_ref().is_none_or(|c| &r.category == c))
        .filter(|(r, _)| band.as_ref().is_none_or(|b| r.band.as_ref() == Some(b)))
        .filter(|(r, _)| owner.as_ref().is_none_or(|o| &r.owner == o))
        .filter(|(r, _)| match status {
            None => true,
            Some(StatusFilter::Open) => r.status == "open",
            Some(StatusFilter::Closed) => r.status == "closed",
        })
        .filter(|(r, _)| !overdue || r.review_overdue)
        .collect();
    rows.sort_by(|(a, ra), (b, rb)| match sort {
        SortKey::Id => a.id.cmp(&b.id),
        SortKey::Score => match (&scoring, ra, rb) {
            (Some(s), Some(x), Some(y)) => s.compare(y, x),
            _ => b.score.cmp(&a.score),
        }
        .then_with(|| a.id.cmp(&b.id)),
        SortKey::Review => cmp_dates(a.next_review, b.next_review).then_with(|| a.id.cmp(&b.id)),
        SortKey::Owner => a.owner.cmp(&b.owner).then_with(|| a.id.cmp(&b.id)),
    });
    let rows: Vec<RiskRow> = rows.into_iter().map(|(r, _)| r).collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => {
            eprintln!("no risks match; add one with `aims risk add`");
        }
        Format::Human => {
            let mut table = output::table(&[
                "id",
                "title",
                "systems",
                "category",
                "L x C",
                "band",
                "treatment",
                "owner",
                "next review",
            ]);
            for r in &rows {
                let review = match (r.next_review, r.review_overdue) {
                    (Some(d), true) => format!("{d} overdue"),
                    (Some(d), false) => d.to_string(),
                    (None, _) => r.status.to_string(),
                };
                table.add_row([
                    r.id.clone(),
                    r.title.clone(),
                    r.systems.join(", "),
                    r.category.clone(),
                    format!("{}x{} = {}", r.likelihood, r.consequence, r.score),
                    r.band.clone().unwrap_or_default(),
                    r.treatment.unwrap_or("-").to_string(),
                    r.owner.clone(),
                    review,
                ]);
            }
            output::print_table(&table)?;
            eprintln!(
                "{} risk{}",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            );
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
