//! `aims system list`

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome, choices};
use crate::view::{SystemView, View};

/// List the AI system inventory
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only systems owned by this role
    #[arg(long)]
    pub owner: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
pub struct SystemRow {
    pub id: String,
    pub name: String,
    pub lifecycle: &'static str,
    pub organisation_role: &'static str,
    pub criticality: Option<String>,
    pub owner: String,
    pub in_scope: bool,
    pub open_risks: usize,
    pub impact_assessments: Vec<String>,
    pub file: String,
}

impl SystemRow {
    pub fn of(view: &View<'_>, s: &SystemView<'_>) -> SystemRow {
        let system = s.system;
        SystemRow {
            id: system.id.clone(),
            name: system.name.clone(),
            lifecycle: system.lifecycle.as_str(),
            organisation_role: system.organisation_role.as_str(),
            criticality: system.criticality.clone(),
            owner: system.owner.clone(),
            in_scope: system.in_scope,
            open_risks: s.open_risks,
            impact_assessments: s
                .assessments
                .iter()
                .map(|&i| view.impacts[i].id().to_string())
                .collect(),
            file: s.file.to_string(),
        }
    }
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs { owner, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let owner = choices::filter("owner", "role", owner, &choices::roles(&register))?;
    let rows: Vec<SystemRow> = view
        .systems
        .iter()
        .map(|s| SystemRow::of(&view, s))
        .filter(|r| owner.as_ref().is_none_or(|o| &r.owner == o))
        .collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => {
            let total = view.systems.len();
            crate::cli::output::note(format_args!(
                "{}",
                choices::nothing(total, "AI system", "AI systems", "aims system add")
            ));
        }
        Format::Human => {
            let mut table = output::table(&[
                "id",
                "system",
                "owner",
                "scope",
                "open risks",
                "impact assessment",
            ]);
            table.unbroken(&[0]);
            for r in &rows {
                let mut about = vec![r.lifecycle.to_string(), r.organisation_role.to_string()];
                about.extend(r.criticality.clone());
                table.add_row([
                    r.id.clone(),
                    format!("{}\n{}", r.name, about.join(" · ")),
                    r.owner.clone(),
                    if r.in_scope { "in" } else { "out" }.to_string(),
                    r.open_risks.to_string(),
                    r.impact_assessments.join(", "),
                ]);
            }
            output::print_table(&table)?;
        }
    }
    Ok(Outcome::Clean)
}
