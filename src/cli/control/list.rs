//! `aims control list`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome, choices};
use crate::view::{ControlView, SoaState};

/// List the Statement of Applicability: every Annex A control in Annex A order, then
/// custom controls, with the decision on each
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only controls with this status (`none` for those without a decision)
    #[arg(long, value_parser = ["planned", "partial", "implemented", "excluded", "no status", "none"])]
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
    /// `implemented`, `partial`, `planned`, `excluded`, `no status` or `no decision`.
    pub decision: SoaState,
    pub owner: Option<String>,
    pub verified: Option<NaiveDate>,
    pub next_verification: Option<NaiveDate>,
    /// Open and closed risks citing the control.
    pub risks: Vec<String>,
    pub file: Option<String>,
}

impl ControlRow {
    pub fn of(c: &ControlView<'_>) -> ControlRow {
        ControlRow {
            id: c.id.to_string(),
            title: c.title.to_string(),
            objective: c.annex.map(|a| a.objective.to_string()),
            decision: c.state,
            owner: c.decision.and_then(|d| d.owner.clone()),
            verified: c.decision.and_then(|d| d.verified),
            next_verification: c.verification.flatten(),
            risks: c.risks.iter().map(|r| r.to_string()).collect(),
            file: c.file.map(String::from),
        }
    }
}

/// The `--status` filter's values: `none` selects controls without a decision.
fn state_filter(value: &str) -> Option<SoaState> {
    match value {
        "none" => Some(SoaState::NoDecision),
        other => SoaState::ALL.iter().copied().find(|s| s.as_str() == other),
    }
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs {
        status,
        owner,
        format,
    } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let owner = choices::filter("owner", "role", owner, &choices::roles(&register))?;
    let wanted = status.as_deref().and_then(state_filter);
    let rows: Vec<ControlRow> = view
        .controls
        .iter()
        .filter(|c| wanted.is_none_or(|s| c.state == s))
        .map(ControlRow::of)
        .filter(|r| owner.as_ref().is_none_or(|o| r.owner.as_ref() == Some(o)))
        .collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => output::note(choices::nothing(
            view.controls.len(),
            "control",
            "controls",
            "aims control set ID --applicable yes --justification TEXT",
        )),
        Format::Human => {
            let mut table = output::table(&["id", "control", "decision", "verified", "risks"]);
            table.unbroken(&[0, 3]);
            for r in &rows {
                let decision = match &r.owner {
                    Some(owner) => format!("{}\n{owner}", r.decision.as_str()),
                    None => r.decision.as_str().to_string(),
                };
                table.add_row([
                    r.id.clone(),
                    r.title.clone(),
                    decision,
                    r.verified.map(|d| d.to_string()).unwrap_or_default(),
                    r.risks.join(", "),
                ]);
            }
            output::print_table(&table)?;
            let decided = rows
                .iter()
                .filter(|r| r.decision != SoaState::NoDecision)
                .count();
            crate::cli::output::note(format_args!(
                "{}, {decided} with a decision",
                output::count(rows.len(), "control", "controls")
            ));
        }
    }
    Ok(Outcome::Clean)
}
