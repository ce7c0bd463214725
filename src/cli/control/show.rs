//! `aims control show`

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::catalog;
use crate::cli::output::{self, Paint, field, list_field, safe};
use crate::cli::{Context, Format, Outcome};

use super::list::ControlRow;

/// Show the SoA decision on one control, with the risks that rely on it
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Annex A or custom control id
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct ControlDetail {
    #[serde(flatten)]
    row: ControlRow,
    objective_title: Option<String>,
    justification: Option<String>,
    description: Option<String>,
    evidence: Vec<String>,
    /// The monitors that evidence its effectiveness, each with its latest measurement
    /// and where it stands.
    monitored_by: Vec<String>,
    /// NIST AI RMF categories the informative crosswalk maps to the control.
    nist_ai_rmf: Vec<&'static str>,
    /// OWASP Top 10 for LLM Applications 2025 items it helps treat (informative).
    owasp_llm: Vec<&'static str>,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let Some(control) = view.control(&id) else {
        let known = view.controls.iter().map(|c| c.id);
        return Err(crate::cli::not_found(
            "control",
            &id,
            known,
            "aims control list",
        ));
    };
    let decision = control.decision;
    let row = ControlRow::of(control);
    let view = ControlDetail {
        objective_title: row
            .objective
            .as_deref()
            .and_then(catalog::objective)
            .map(|o| o.title.to_string()),
        justification: decision.and_then(|d| d.justification.clone()),
        description: decision.and_then(|d| d.description.clone()),
        evidence: decision
            .map(|d| {
                d.evidence
                    .iter()
                    .map(|e| e.reference().to_string())
                    .collect()
            })
            .unwrap_or_default(),
        monitored_by: control
            .monitors
            .iter()
            .map(|&i| {
                let m = &view.monitors[i];
                format!("{}: {}", m.id(), m.standing())
            })
            .collect(),
        nist_ai_rmf: catalog::nist_for_control(&row.id),
        owasp_llm: catalog::owasp_for_control(&row.id),
        row,
    };
    match format {
        Format::Json => output::json(&view)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let mut out = io::stdout().lock();
            let r = &view.row;
            writeln!(out, "{}  {}", paint.bold(&r.id), safe(&r.title))?;
            if let (Some(objective), Some(title)) = (&r.objective, &view.objective_title) {
                field(&mut out, "objective", format!("{objective} {title}"))?;
            }
            field(&mut out, "decision", r.decision.as_str())?;
            for (name, value) in [
                ("justification", view.justification.clone()),
                ("description", view.description.clone()),
                ("owner", r.owner.clone()),
                ("verified", r.verified.map(|d| d.to_string())),
                (
                    "next verification",
                    r.next_verification.map(|d| d.to_string()),
                ),
            ] {
                if let Some(value) = value {
                    field(&mut out, name, value)?;
                }
            }
            list_field(&mut out, "evidence", &view.evidence)?;
            output::heading(&mut out, "monitored by", view.monitored_by.is_empty())?;
            for m in &view.monitored_by {
                writeln!(out, "    {}", safe(m))?;
            }
            list_field(&mut out, "risks", &r.risks)?;
            let words = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            if !view.nist_ai_rmf.is_empty() {
                list_field(&mut out, "NIST AI RMF", &words(&view.nist_ai_rmf))?;
            }
            if !view.owasp_llm.is_empty() {
                list_field(&mut out, "OWASP LLM", &words(&view.owasp_llm))?;
            }
            if let Some(file) = &r.file {
                field(&mut out, "file", file)?;
            }
        }
    }
    Ok(Outcome::Clean)
}
