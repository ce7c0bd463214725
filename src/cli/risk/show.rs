//! `aims risk show`

use std::io::{self, Write};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::catalog;
use crate::cli::output::{self, Paint, field, heading};
use crate::cli::{Context, Format, Outcome};
use crate::criteria::Scoring;
use crate::model::Action;
use crate::schedule;

/// Show one risk with everything computed about it
///
/// Score and band, target, next review, treatment and actions, the controls it relies
/// on with their Annex A titles and SoA status, incidents and impact assessments.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The risk to show
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct RiskView<'r> {
    #[serde(flatten)]
    row: super::list::RiskRow,
    assessment_text: Option<String>,
    target: Option<String>,
    review_basis: Option<String>,
    rationale: Option<&'r str>,
    treatment_rationale: Option<&'r str>,
    actions: Vec<ActionView<'r>>,
    controls: Vec<ControlView<'r>>,
    incidents: Vec<LinkView>,
    impact_assessments: Vec<LinkView>,
}

#[derive(Debug, Serialize)]
struct ActionView<'r> {
    id: &'r str,
    description: &'r str,
    owner: Option<&'r str>,
    due: Option<NaiveDate>,
    status: &'static str,
}

#[derive(Debug, Serialize)]
struct ControlView<'r> {
    id: &'r str,
    title: String,
    soa: String,
}

#[derive(Debug, Serialize)]
struct LinkView {
    id: String,
    summary: String,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let scoring = register
        .config
        .as_ref()
        .and_then(|c| Scoring::new(&c.value.criteria).ok());
    let Some(entity) = register.risks.iter().find(|r| r.value.id == id) else {
        let known = register.risks.iter().map(|r| r.value.id.as_str());
        return Err(crate::cli::not_found("risk", &id, known, "aims risk list"));
    };
    let risk = &entity.value;
    let describe = |l: u32, c: u32| {
        scoring
            .as_ref()
            .and_then(|s| s.rate(l, c).ok().map(|r| s.describe(&r)))
    };
    let review = schedule::risk_review(risk, scoring.as_ref());
    let view = RiskView {
        row: super::list::row(&register, scoring.as_ref(), entity.doc, risk, ctx.today),
        assessment_text: describe(risk.assessment.likelihood, risk.assessment.consequence),
        target: risk
            .target
            .as_ref()
            .and_then(|t| describe(t.likelihood, t.consequence)),
        review_basis: review.as_ref().map(|r| r.basis.clone()),
        rationale: risk.assessment.rationale.as_deref(),
        treatment_rationale: risk.treatment.as_ref().and_then(|t| t.rationale.as_deref()),
        actions: risk
            .treatment
            .iter()
            .flat_map(|t| t.actions.iter())
            .map(action_view)
            .collect(),
        controls: risk
            .controls
            .iter()
            .map(|c| {
                let decision = register
                    .controls
                    .iter()
                    .find(|d| &d.value.id == c)
                    .map(|d| &d.value);
                let title = catalog::control(c)
                    .map(|a| a.title.to_string())
                    .or_else(|| decision.and_then(|d| d.title.clone()))
                    .unwrap_or_default();
                let soa = match decision {
                    None => "no SoA decision".to_string(),
                    Some(d) if !d.applicable => "excluded".to_string(),
                    Some(d) => d.status.map_or("no status", |s| s.as_str()).to_string(),
                };
                ControlView { id: c, title, soa }
            })
            .collect(),
        incidents: register
            .incidents
            .iter()
            .filter(|i| i.value.risks.contains(&risk.id))
            .map(|i| LinkView {
                id: i.value.id.clone(),
                summary: format!(
                    "{} (reported {}, {})",
                    i.value.title,
                    i.value.reported,
                    i.value.status.as_str()
                ),
            })
            .collect(),
        impact_assessments: register
            .impacts
            .iter()
            .filter(|a| {
                risk.impacts.contains(&a.value.id)
                    || risk.systems.contains(&a.value.system)
                    || a.value
                        .dimensions
                        .iter()
                        .any(|d| d.risks.contains(&risk.id))
            })
            .map(|a| LinkView {
                id: a.value.id.clone(),
                summary: format!("{}, assessed {}", a.value.system, a.value.assessed),
            })
            .collect(),
    };
    match format {
        Format::Json => output::json(&view)?,
        Format::Human => human(&view, Paint { on: ctx.color })?,
    }
    Ok(Outcome::Clean)
}

fn action_view(a: &Action) -> ActionView<'_> {
    ActionView {
        id: &a.id,
        description: &a.description,
        owner: a.owner.as_deref(),
        due: a.due,
        status: a.status.as_str(),
    }
}

fn human(v: &RiskView<'_>, paint: Paint) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let r = &v.row;
    writeln!(out, "{}  {}", paint.bold(&r.id), r.title)?;
    field(&mut out, "status", r.status)?;
    field(&mut out, "systems", r.systems.join(", "))?;
    field(&mut out, "category", &r.category)?;
    field(&mut out, "owner", &r.owner)?;
    field(
        &mut out,
        "assessment",
        v.assessment_text
            .clone()
            .unwrap_or_else(|| format!("{}x{} = {}", r.likelihood, r.consequence, r.score)),
    )?;
    if let Some(rationale) = v.rationale {
        field(&mut out, "", rationale)?;
    }
    if let Some(target) = &v.target {
        field(&mut out, "target", target)?;
    }
    if let (Some(due), Some(basis)) = (r.next_review, &v.review_basis) {
        let late = if r.review_overdue {
            paint.red(" overdue")
        } else {
            String::new()
        };
        field(&mut out, "next review", format!("{due} ({basis}){late}"))?;
    }
    field(&mut out, "treatment", r.treatment.unwrap_or("none"))?;
    if let Some(rationale) = v.treatment_rationale {
        field(&mut out, "", rationale)?;
    }
    for a in &v.actions {
        let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
        let owner = a.owner.map(|o| format!(", {o}")).unwrap_or_default();
        writeln!(
            out,
            "    {} {} ({}{owner}{due})",
            a.id, a.description, a.status
        )?;
    }
    heading(&mut out, "controls", v.controls.is_empty())?;
    for c in &v.controls {
        writeln!(out, "    {:<8} {} ({})", c.id, c.title, c.soa)?;
    }
    heading(&mut out, "incidents", v.incidents.is_empty())?;
    for i in &v.incidents {
        writeln!(out, "    {} {}", i.id, i.summary)?;
    }
    heading(
        &mut out,
        "impact assessments",
        v.impact_assessments.is_empty(),
    )?;
    for i in &v.impact_assessments {
        writeln!(out, "    {} ({})", i.id, i.summary)?;
    }
    field(&mut out, "file", &r.file)?;
    Ok(())
}
