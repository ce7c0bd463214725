//! `aims impact list` and `aims impact show`

use std::io::{self, Write};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output::{self, Paint, field};
use crate::cli::{Context, Format, Outcome};
use crate::model::Duration;
use crate::model::ImpactAssessment;
use crate::schedule;

/// List impact assessments with their next review
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Show one impact assessment, dimension by dimension
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The assessment to show
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct ImpactRow<'r> {
    id: &'r str,
    system: &'r str,
    assessed: NaiveDate,
    assessor: &'r str,
    next_review: Option<NaiveDate>,
    /// Required dimensions neither assessed nor marked not applicable.
    missing_dimensions: Vec<&'static str>,
}

fn row(a: &ImpactAssessment, every: Duration) -> ImpactRow<'_> {
    ImpactRow {
        id: &a.id,
        system: &a.system,
        assessed: a.assessed,
        assessor: &a.assessor,
        next_review: schedule::impact_review(a, every).map(|(due, _)| due),
        missing_dimensions: crate::catalog::IMPACT_DIMENSIONS
            .iter()
            .copied()
            .filter(|d| !a.dimensions.iter().any(|x| x.dimension == *d))
            .collect(),
    }
}

fn every(register: &crate::register::Register) -> Duration {
    register
        .config
        .as_ref()
        .and_then(|c| c.value.impact_review_every)
        .unwrap_or(Duration::ONE_YEAR)
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs { format } = args;
    let register = ctx.open_register(None)?;
    let every = every(&register);
    let rows: Vec<ImpactRow<'_>> = register
        .impacts
        .iter()
        .map(|a| row(&a.value, every))
        .collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => {
            eprintln!("no impact assessments match; add one with `aims impact add`");
        }
        Format::Human => {
            let mut table = output::table(&[
                "id",
                "system",
                "assessed",
                "assessor",
                "next review",
                "missing dimensions",
            ]);
            for r in &rows {
                table.add_row([
                    r.id.to_string(),
                    r.system.to_string(),
                    r.assessed.to_string(),
                    r.assessor.to_string(),
                    r.next_review.map(|d| d.to_string()).unwrap_or_default(),
                    r.missing_dimensions.join(", "),
                ]);
            }
            output::print_table(&table)?;
        }
    }
    Ok(Outcome::Clean)
}

pub fn show(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let Some(assessment) = register
        .impacts
        .iter()
        .map(|a| &a.value)
        .find(|a| a.id == id)
    else {
        let known = register.impacts.iter().map(|a| a.value.id.as_str());
        return Err(crate::cli::not_found(
            "impact assessment",
            &id,
            known,
            "aims impact list",
        ));
    };
    match format {
        Format::Json => output::json(assessment)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let r = row(assessment, every(&register));
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "{}  impact assessment of {}",
                paint.bold(r.id),
                r.system
            )?;
            field(
                &mut out,
                "assessed",
                format!("{} by {}", r.assessed, r.assessor),
            )?;
            if let Some(next) = r.next_review {
                field(&mut out, "next review", next)?;
            }
            if !assessment.affected_groups.is_empty() {
                field(
                    &mut out,
                    "affected groups",
                    assessment.affected_groups.join(", "),
                )?;
            }
            for d in &assessment.dimensions {
                match &d.not_applicable {
                    Some(reason) => {
                        field(&mut out, &d.dimension, format!("n/a: {}", reason.trim()))?
                    }
                    None => {
                        let scores = format!(
                            "severity {}, likelihood {}",
                            d.severity.unwrap_or(0),
                            d.likelihood.unwrap_or(0)
                        );
                        let description = d.description.as_deref().unwrap_or("").trim();
                        field(&mut out, &d.dimension, format!("{scores}: {description}"))?;
                        if !d.risks.is_empty() {
                            field(&mut out, "", format!("risks {}", d.risks.join(", ")))?;
                        }
                    }
                }
            }
            for missing in &r.missing_dimensions {
                field(&mut out, missing, paint.red("not assessed"))?;
            }
        }
    }
    Ok(Outcome::Clean)
}
