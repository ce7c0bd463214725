//! `aims impact show`

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;

use crate::cli::output::{self, Paint, field, safe};
use crate::cli::{Context, Format, Outcome};
use crate::view::ImpactScales;

use super::list::ImpactRow;

/// Show one impact assessment, dimension by dimension
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The assessment to show
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let Some(impact) = view.impact(&id) else {
        let known = view.impacts.iter().map(|i| i.id());
        return Err(crate::cli::not_found(
            "impact assessment",
            &id,
            known,
            "aims impact list",
        ));
    };
    let assessment = impact.assessment;
    match format {
        Format::Json => output::json(assessment)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let r = ImpactRow::of(impact);
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "{}  impact assessment of {}",
                paint.bold(r.id),
                safe(r.system)
            )?;
            field(
                &mut out,
                "assessed",
                format!("{} by {}", r.assessed, r.assessor),
            )?;
            if let Some(next) = r.next_review {
                field(&mut out, "next review", next)?;
            }
            output::heading(&mut out, "triggered reviews", impact.triggers.is_empty())?;
            for t in &impact.triggers {
                let due = if t.overdue {
                    paint.red(&format!("overdue since {}", t.due))
                } else {
                    format!("due {}", t.due)
                };
                writeln!(out, "    {due}: {}", safe(&t.describe()))?;
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
                        let scales = &view.impact_scales;
                        let scores = format!(
                            "severity {}, likelihood {}",
                            ImpactScales::describe(&scales.severity, d.severity.unwrap_or(0)),
                            ImpactScales::describe(&scales.likelihood, d.likelihood.unwrap_or(0))
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
