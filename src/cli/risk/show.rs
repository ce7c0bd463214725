//! `aims risk show`

use std::io::{self, Write};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output::{self, Paint, field, heading, safe};
use crate::cli::{Context, Format, Outcome};
use crate::model::Action;

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
struct RiskDetail<'r> {
    #[serde(flatten)]
    row: super::list::RiskRow,
    assessment_text: Option<String>,
    target: Option<String>,
    /// The review its cycle calls for, why the cycle is what it is, and whether that
    /// review is past due.
    cycle_review: Option<NaiveDate>,
    review_basis: Option<String>,
    cycle_overdue: bool,
    /// Reviews triggered since the last review, with their causes and due dates.
    triggered_reviews: Vec<TriggeredReview>,
    rationale: Option<&'r str>,
    /// `risk` or `opportunity`.
    kind: &'static str,
    /// `aims` for a risk of the management system itself.
    scope: Option<&'static str>,
    cause: Option<&'r str>,
    event: Option<&'r str>,
    consequence: Option<&'r str>,
    consequence_areas: &'r [String],
    affected_parties: &'r [String],
    /// Annex C risk sources.
    sources: &'r [String],
    /// OWASP Top 10 for LLM Applications 2025 ids.
    owasp: &'r [String],
    /// ISO/IEC 27001 references.
    infosec_refs: &'r [String],
    treatment_rationale: Option<&'r str>,
    actions: Vec<ActionLine<'r>>,
    /// `accepted by lead on 2026-11-22 at 1x2 = 2 (band low), until 2027-11-22`.
    acceptance: Option<String>,
    /// `2026-11-22 by lead: Still valid`.
    last_review: Option<String>,
    controls: Vec<CitedControl<'r>>,
    incidents: Vec<Link>,
    impact_assessments: Vec<Link>,
}

#[derive(Debug, Serialize)]
struct TriggeredReview {
    date: NaiveDate,
    due: NaiveDate,
    overdue: bool,
    /// `incident`, `system-change`, `monitor-breach` or `criteria-change`.
    cause: &'static str,
    /// The incident, system or monitor id, or `aims.yaml`.
    source: String,
    description: String,
}

#[derive(Debug, Serialize)]
struct ActionLine<'r> {
    id: &'r str,
    description: &'r str,
    owner: Option<&'r str>,
    due: Option<NaiveDate>,
    status: &'static str,
}

#[derive(Debug, Serialize)]
struct CitedControl<'r> {
    id: &'r str,
    title: String,
    soa: String,
}

#[derive(Debug, Serialize)]
struct Link {
    id: String,
    summary: String,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let Some(r) = view.risk(&id) else {
        let known = view.risks.iter().map(|r| r.id());
        return Err(crate::cli::not_found("risk", &id, known, "aims risk list"));
    };
    let risk = r.risk;
    let describe = |rating: Option<crate::criteria::Rating>| {
        view.criteria
            .scoring
            .as_ref()
            .zip(rating)
            .map(|(s, x)| s.describe(&x))
    };
    let detail = RiskDetail {
        row: super::list::RiskRow::of(&view, r),
        assessment_text: describe(r.rating()),
        target: describe(r.target_rating()),
        cycle_review: r.review.as_ref().map(|v| v.due),
        review_basis: r.review.as_ref().map(|v| v.basis.clone()),
        cycle_overdue: r.review_overdue,
        triggered_reviews: r
            .triggers
            .iter()
            .map(|t| TriggeredReview {
                date: t.date,
                due: t.due,
                overdue: t.overdue,
                cause: t.cause.name(),
                source: t.source().to_string(),
                description: t.describe(),
            })
            .collect(),
        rationale: risk.assessment.rationale.as_deref(),
        kind: risk.kind.as_str(),
        scope: risk.scope.map(|s| s.as_str()),
        cause: risk.cause.as_deref(),
        event: risk.event.as_deref(),
        consequence: risk.consequence.as_deref(),
        consequence_areas: &risk.consequence_areas,
        affected_parties: &risk.affected_parties,
        sources: &risk.sources,
        owasp: &risk.owasp,
        infosec_refs: &risk.infosec_refs,
        treatment_rationale: risk.treatment.as_ref().and_then(|t| t.rationale.as_deref()),
        actions: risk
            .treatment
            .iter()
            .flat_map(|t| t.actions.iter())
            .map(action_line)
            .collect(),
        acceptance: risk
            .treatment
            .as_ref()
            .and_then(|t| t.acceptance.as_ref())
            .map(|a| {
                let mut text = format!(
                    "by {} on {}",
                    a.approved_by.as_deref().unwrap_or("nobody named"),
                    a.date.map_or("no date".to_string(), |d| d.to_string())
                );
                if let Some(accepted) = describe(r.residual.and_then(Result::ok)) {
                    text.push_str(&format!(", at {accepted}"));
                }
                if let Some(expires) = a.expires {
                    text.push_str(&format!(", until {expires}"));
                }
                text
            }),
        last_review: risk.review.last.map(|last| {
            let mut text = last.to_string();
            if let Some(by) = &risk.review.by {
                text.push_str(&format!(" by {by}"));
            }
            if let Some(note) = &risk.review.note {
                text.push_str(&format!(": {note}"));
            }
            text
        }),
        controls: risk
            .controls
            .iter()
            .map(|c| match view.control(c) {
                Some(control) => CitedControl {
                    id: c,
                    title: control.title.to_string(),
                    soa: control.state.as_str().to_string(),
                },
                None => CitedControl {
                    id: c,
                    title: String::new(),
                    soa: "no SoA decision".to_string(),
                },
            })
            .collect(),
        incidents: view
            .incidents
            .iter()
            .filter(|i| i.incident.risks.contains(&risk.id))
            .map(|i| Link {
                id: i.id().to_string(),
                summary: format!(
                    "{} (reported {}, {})",
                    i.incident.title,
                    i.incident.reported,
                    i.incident.status.as_str()
                ),
            })
            .collect(),
        impact_assessments: view
            .impacts
            .iter()
            .filter(|i| {
                let a = i.assessment;
                risk.impacts.contains(&a.id)
                    || risk.systems.contains(&a.system)
                    || a.dimensions.iter().any(|d| d.risks.contains(&risk.id))
            })
            .map(|i| Link {
                id: i.id().to_string(),
                summary: format!(
                    "{}, assessed {}",
                    i.assessment.system, i.assessment.assessed
                ),
            })
            .collect(),
    };
    match format {
        Format::Json => output::json(&detail)?,
        Format::Human => human(&detail, Paint { on: ctx.color })?,
    }
    Ok(Outcome::Clean)
}

fn action_line(a: &Action) -> ActionLine<'_> {
    ActionLine {
        id: &a.id,
        description: &a.description,
        owner: a.owner.as_deref(),
        due: a.due,
        status: a.status.as_str(),
    }
}

fn human(v: &RiskDetail<'_>, paint: Paint) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let r = &v.row;
    writeln!(out, "{}  {}", paint.bold(&r.id), safe(&r.title))?;
    if v.kind != "risk" {
        field(&mut out, "kind", v.kind)?;
    }
    field(&mut out, "status", r.status)?;
    match v.scope {
        Some("aims") => field(&mut out, "scope", "the management system itself")?,
        _ => field(&mut out, "systems", r.systems.join(", "))?,
    }
    field(&mut out, "category", &r.category)?;
    field(&mut out, "owner", &r.owner)?;
    for (name, value) in [
        ("cause", v.cause),
        ("event", v.event),
        ("consequence", v.consequence),
    ] {
        if let Some(value) = value {
            field(&mut out, name, value.trim())?;
        }
    }
    for (name, items) in [
        ("consequence areas", v.consequence_areas),
        ("affected parties", v.affected_parties),
        ("Annex C sources", v.sources),
        ("OWASP LLM", v.owasp),
        ("ISO/IEC 27001", v.infosec_refs),
    ] {
        if !items.is_empty() {
            crate::cli::output::list_field(&mut out, name, items)?;
        }
    }
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
    if let Some(last) = &v.last_review {
        field(&mut out, "last review", last)?;
    }
    if let (Some(due), Some(basis)) = (v.cycle_review, &v.review_basis) {
        let late = if v.cycle_overdue {
            paint.red(" overdue")
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:<19} {}{late}",
            "next review",
            safe(&format!("{due} ({basis})"))
        )?;
    }
    heading(
        &mut out,
        "triggered reviews",
        v.triggered_reviews.is_empty(),
    )?;
    for t in &v.triggered_reviews {
        let due = if t.overdue {
            paint.red(&format!("overdue since {}", t.due))
        } else {
            format!("due {}", t.due)
        };
        writeln!(out, "    {due}: {}", safe(&t.description))?;
    }
    let untreated = if v.kind == "opportunity" {
        "none (an opportunity needs none)"
    } else {
        "none"
    };
    field(&mut out, "treatment", r.treatment.unwrap_or(untreated))?;
    if let Some(rationale) = v.treatment_rationale {
        field(&mut out, "", rationale)?;
    }
    for a in &v.actions {
        let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
        let owner = a.owner.map(|o| format!(", {o}")).unwrap_or_default();
        writeln!(
            out,
            "    {} {} ({}{})",
            safe(a.id),
            safe(a.description),
            a.status,
            safe(&format!("{owner}{due}"))
        )?;
    }
    if let Some(acceptance) = &v.acceptance {
        field(&mut out, "accepted", acceptance)?;
    }
    heading(&mut out, "controls", v.controls.is_empty())?;
    for c in &v.controls {
        writeln!(out, "    {:<8} {} ({})", safe(c.id), safe(&c.title), c.soa)?;
    }
    heading(&mut out, "incidents", v.incidents.is_empty())?;
    for i in &v.incidents {
        writeln!(out, "    {} {}", safe(&i.id), safe(&i.summary))?;
    }
    heading(
        &mut out,
        "impact assessments",
        v.impact_assessments.is_empty(),
    )?;
    for i in &v.impact_assessments {
        writeln!(out, "    {} ({})", safe(&i.id), safe(&i.summary))?;
    }
    field(&mut out, "file", &r.file)?;
    Ok(())
}
