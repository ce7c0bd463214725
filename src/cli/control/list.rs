//! `aims control list`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::catalog;
use crate::cli::output;
use crate::cli::{Context, Format, Outcome};
use crate::model::Duration;
use crate::model::SoaDecision;
use crate::register::Register;
use crate::schedule;

/// List the Statement of Applicability: every Annex A control in Annex A order, then
/// custom controls, with the decision on each
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only controls with this status (`none` for those without a decision)
    #[arg(long, value_parser = ["planned", "partial", "implemented", "excluded", "none"])]
    pub status: Option<String>,
    /// Only controls owned by this role
    #[arg(long)]
    pub owner: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// One row of the SoA.
#[derive(Debug, Serialize)]
pub struct ControlRow {
    pub id: String,
    pub title: String,
    pub objective: Option<String>,
    /// `planned`, `partial`, `implemented`, `excluded`, `no status` or `none` (no decision).
    pub decision: String,
    pub owner: Option<String>,
    pub verified: Option<NaiveDate>,
    pub next_verification: Option<NaiveDate>,
    /// Open and closed risks citing the control.
    pub risks: Vec<String>,
    pub file: Option<String>,
}

pub fn decision_text(decision: Option<&SoaDecision>) -> String {
    match decision {
        None => "none".to_string(),
        Some(d) if !d.applicable => "excluded".to_string(),
        Some(d) => d.status.map_or("no status", |s| s.as_str()).to_string(),
    }
}

pub fn rows(register: &Register) -> Vec<ControlRow> {
    let every = register
        .config
        .as_ref()
        .and_then(|c| c.value.control_review_every)
        .unwrap_or(Duration::ONE_YEAR);
    let row = |id: &str, title: String, objective: Option<String>| {
        let entity = register.controls.iter().find(|c| c.value.id == id);
        let decision = entity.map(|e| &e.value);
        ControlRow {
            id: id.to_string(),
            title,
            objective,
            decision: decision_text(decision),
            owner: decision.and_then(|d| d.owner.clone()),
            verified: decision.and_then(|d| d.verified),
            next_verification: decision
                .and_then(|d| schedule::control_verification(d, every))
                .flatten(),
            risks: register
                .risks
                .iter()
                .filter(|r| r.value.controls.iter().any(|c| c == id))
                .map(|r| r.value.id.clone())
                .collect(),
            file: entity.map(|e| register.documents[e.doc].path.clone()),
        }
    };
    let mut rows: Vec<ControlRow> = catalog::CONTROLS
        .iter()
        .map(|c| row(c.id, c.title.to_string(), Some(c.objective.to_string())))
        .collect();
    let mut custom: Vec<&SoaDecision> = register
        .controls
        .iter()
        .map(|c| &c.value)
        .filter(|d| catalog::control(&d.id).is_none())
        .collect();
    custom.sort_by(|a, b| a.id.cmp(&b.id));
    rows.extend(
        custom
            .into_iter()
            .map(|d| row(&d.id, d.title.clone().unwrap_or_default(), None)),
    );
    rows
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs {
        status,
        owner,
        format,
    } = args;
    let register = ctx.open_register(None)?;
    let rows: Vec<ControlRow> = rows(&register)
        .into_iter()
        .filter(|r| status.as_ref().is_none_or(|s| &r.decision == s))
        .filter(|r| owner.as_ref().is_none_or(|o| r.owner.as_ref() == Some(o)))
        .collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human => {
            let mut table =
                output::table(&["id", "control", "decision", "owner", "verified", "risks"]);
            for r in &rows {
                table.add_row([
                    r.id.clone(),
                    r.title.clone(),
                    r.decision.clone(),
                    r.owner.clone().unwrap_or_default(),
                    r.verified.map(|d| d.to_string()).unwrap_or_default(),
                    r.risks.join(", "),
                ]);
            }
            output::print_table(&table)?;
            let decided = rows.iter().filter(|r| r.decision != "none").count();
            let plural = if rows.len() == 1 { "" } else { "s" };
            eprintln!("{} control{plural}, {decided} with a decision", rows.len());
        }
    }
    Ok(Outcome::Clean)
}
