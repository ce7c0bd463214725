//! `aims system show`

use std::collections::BTreeSet;
use std::io::{self, Write};

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::catalog;
use crate::cli::output::{self, Paint, field};
use crate::cli::{Context, Format, Outcome};

use super::list::{SystemRow, row};

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
struct SystemView {
    #[serde(flatten)]
    row: SystemRow,
    intended_use: String,
    scope_note: Option<String>,
    risks: Vec<String>,
    /// Built-in and custom categories, each `risk`, `screened` or `missing`.
    coverage: Vec<(String, &'static str)>,
    incidents: Vec<String>,
    changes: Vec<String>,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let Some(entity) = register.systems.iter().find(|s| s.value.id == id) else {
        let known = register.systems.iter().map(|s| s.value.id.as_str());
        return Err(crate::cli::not_found(
            "system",
            &id,
            known,
            "aims system list",
        ));
    };
    let system = &entity.value;
    let risks: Vec<_> = register
        .risks
        .iter()
        .filter(|r| r.value.systems.contains(&id))
        .collect();
    let by_risk: BTreeSet<&str> = risks.iter().map(|r| r.value.category.as_str()).collect();
    let screened: BTreeSet<&str> = system
        .screening
        .iter()
        .map(|s| s.category.as_str())
        .collect();
    let mut categories: Vec<&str> = catalog::CATEGORIES.iter().map(|c| c.id).collect();
    if let Some(config) = &register.config {
        categories.extend(config.value.categories.iter().map(|c| c.id.as_str()));
    }
    let view = SystemView {
        row: row(&register, entity.doc, system),
        intended_use: system.intended_use.clone(),
        scope_note: system.scope_note.clone(),
        risks: risks
            .iter()
            .map(|r| {
                format!(
                    "{} {} ({})",
                    r.value.id,
                    r.value.title,
                    r.value.status.as_str()
                )
            })
            .collect(),
        coverage: categories
            .iter()
            .map(|c| {
                let how = if by_risk.contains(c) {
                    "risk"
                } else if screened.contains(c) {
                    "screened"
                } else {
                    "missing"
                };
                (c.to_string(), how)
            })
            .collect(),
        incidents: register
            .incidents
            .iter()
            .filter(|i| i.value.systems.contains(&id))
            .map(|i| {
                format!(
                    "{} {} ({}, {})",
                    i.value.id,
                    i.value.title,
                    i.value.reported,
                    i.value.status.as_str()
                )
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
            writeln!(out, "{}  {}", paint.bold(&r.id), r.name)?;
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
            let list =
                |out: &mut io::StdoutLock<'_>, name: &str, items: &[String]| -> io::Result<()> {
                    output::heading(out, name, items.is_empty())?;
                    items.iter().try_for_each(|i| writeln!(out, "    {i}"))
                };
            list(&mut out, "risks", &view.risks)?;
            let coverage: Vec<String> = view
                .coverage
                .iter()
                .map(|(c, how)| format!("{c:<28} {how}"))
                .collect();
            list(&mut out, "categories", &coverage)?;
            list(&mut out, "impact assessments", &r.impact_assessments)?;
            list(&mut out, "incidents", &view.incidents)?;
            list(&mut out, "changes", &view.changes)?;
            field(&mut out, "file", &r.file)?;
        }
    }
    Ok(Outcome::Clean)
}
