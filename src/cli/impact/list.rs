//! `aims impact list`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome};
use crate::view::ImpactView;

/// List impact assessments with their next review
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
pub struct ImpactRow<'r> {
    pub id: &'r str,
    pub system: &'r str,
    pub assessed: NaiveDate,
    pub assessor: &'r str,
    pub next_review: Option<NaiveDate>,
    /// Required dimensions neither assessed nor marked not applicable.
    pub missing_dimensions: Vec<&'static str>,
}

impl<'r> ImpactRow<'r> {
    pub fn of(i: &ImpactView<'r>) -> ImpactRow<'r> {
        let a = i.assessment;
        ImpactRow {
            id: &a.id,
            system: &a.system,
            assessed: a.assessed,
            assessor: &a.assessor,
            next_review: i.next_review.map(|(due, _)| due),
            missing_dimensions: i.missing.clone(),
        }
    }
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs { format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let rows: Vec<ImpactRow<'_>> = view.impacts.iter().map(ImpactRow::of).collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => {
            crate::cli::output::note(crate::cli::choices::nothing(
                0,
                "impact assessment",
                "impact assessments",
                "aims impact add",
            ));
        }
        Format::Human => {
            let mut table = output::table(&["id", "system", "assessed", "next review", "missing"]);
            table.unbroken(&[0, 2, 3]);
            for r in &rows {
                table.add_row([
                    r.id.to_string(),
                    format!("{}\nby {}", r.system, r.assessor),
                    r.assessed.to_string(),
                    r.next_review.map(|d| d.to_string()).unwrap_or_default(),
                    r.missing_dimensions.join(", "),
                ]);
            }
            output::print_table(&table)?;
        }
    }
    Ok(Outcome::Clean)
}
