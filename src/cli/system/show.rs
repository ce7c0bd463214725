//! `aims system show`

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::cli::output::{self, Paint, field, safe};
use crate::cli::{Context, Format, Outcome};

use super::list::SystemRow;

/// Show one AI system with its risks, screening coverage, impact assessments and
/// incidents
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The system to show
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct SystemDetail {
    #[serde(flatten)]
    row: SystemRow,
    intended_use: String,
    scope_note: Option<String>,
    model_type: Option<String>,
    deployment: Option<String>,
    criticality: Option<String>,
    data_inputs: Vec<String>,
    users: Vec<String>,
    affected_parties: Vec<String>,
    /// `name (what it provides)`.
    suppliers: Vec<String>,
    /// `category (date): rationale` for each category screened without a risk.
    screening: Vec<String>,
    risks: Vec<String>,
    /// Built-in and custom categories, each `risk`, `screened` or `missing`.
    coverage: Vec<(String, &'static str)>,
    incidents: Vec<String>,
    /// Its monitors, each with its latest measurement and where it stands.
    monitors: Vec<String>,
    changes: Vec<String>,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let Some(s) = view.system(&id) else {
        let known = view.systems.iter().map(|s| s.id());
        return Err(crate::cli::not_found(
            "system",
            &id,
            known,
            "aims system list",
        ));
    };
    let system = s.system;
    let view = SystemDetail {
        row: SystemRow::of(&view, s),
        intended_use: system.intended_use.clone(),
        scope_note: system.scope_note.clone(),
        model_type: system.model_type.clone(),
        deployment: system.deployment.clone(),
        criticality: system.criticality.clone(),
        data_inputs: system.data_inputs.clone(),
        users: system.users.clone(),
        affected_parties: system.affected_parties.clone(),
        suppliers: system
            .suppliers
            .iter()
            .map(|x| match &x.provides {
                Some(p) => format!("{} ({p})", x.name),
                None => x.name.clone(),
            })
            .collect(),
        screening: system
            .screening
            .iter()
            .map(|x| format!("{} ({}): {}", x.category, x.date, x.rationale.trim()))
            .collect(),
        risks: s
            .risks
            .iter()
            .map(|&i| {
                let r = view.risks[i].risk;
                format!("{} {} ({})", r.id, r.title, r.status.as_str())
            })
            .collect(),
        coverage: s
            .coverage
            .iter()
            .map(|(c, how)| (c.to_string(), how.as_str()))
            .collect(),
        incidents: s
            .incidents
            .iter()
            .map(|&i| {
                let n = view.incidents[i].incident;
                format!(
                    "{} {} ({}, {})",
                    n.id,
                    n.title,
                    n.reported,
                    n.status.as_str()
                )
            })
            .collect(),
        monitors: s
            .monitors
            .iter()
            .map(|&i| {
                let m = &view.monitors[i];
                format!("{} ({}): {}", m.id(), m.monitor.kind.as_str(), m.standing())
            })
            .collect(),
        changes: system
            .changes
            .iter()
            .map(|c| format!("{} {}", c.date, c.description))
            .collect(),
    };
    match format {
        Format::Json => output::json(&view)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let mut out = io::stdout().lock();
            let r = &view.row;
            writeln!(out, "{}  {}", paint.bold(&r.id), safe(&r.name))?;
            field(&mut out, "intended use", view.intended_use.trim())?;
            field(
                &mut out,
                "lifecycle",
                format!("{}, {}", r.lifecycle, r.organisation_role),
            )?;
            field(&mut out, "owner", &r.owner)?;
            let scope = match &view.scope_note {
                Some(note) if !r.in_scope => format!("out of scope: {}", note.trim()),
                _ => "in scope".to_string(),
            };
            field(&mut out, "scope", scope)?;
            for (name, value) in [
                ("model", &view.model_type),
                ("deployment", &view.deployment),
                ("criticality", &view.criticality),
            ] {
                if let Some(value) = value {
                    field(&mut out, name, value)?;
                }
            }
            for (name, items) in [
                ("data inputs", &view.data_inputs),
                ("users", &view.users),
                ("affected parties", &view.affected_parties),
                ("suppliers", &view.suppliers),
            ] {
                if !items.is_empty() {
                    output::list_field(&mut out, name, items)?;
                }
            }
            let list =
                |out: &mut io::StdoutLock<'_>, name: &str, items: &[String]| -> io::Result<()> {
                    output::heading(out, name, items.is_empty())?;
                    items
                        .iter()
                        .try_for_each(|i| writeln!(out, "    {}", safe(i)))
                };
            list(&mut out, "risks", &view.risks)?;
            let coverage: Vec<String> = view
                .coverage
                .iter()
                .map(|(c, how)| format!("{c:<28} {how}"))
                .collect();
            list(&mut out, "categories", &coverage)?;
            if !view.screening.is_empty() {
                list(&mut out, "screened, no risk", &view.screening)?;
            }
            list(&mut out, "impact assessments", &r.impact_assessments)?;
            list(&mut out, "incidents", &view.incidents)?;
            list(&mut out, "monitors", &view.monitors)?;
            list(&mut out, "changes", &view.changes)?;
            field(&mut out, "file", &r.file)?;
        }
    }
    Ok(Outcome::Clean)
}
