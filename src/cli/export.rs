//! `aims export`: the whole register, with everything computed, for other tools.

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{Context, Outcome, output};
use crate::report::context::{
    CheckSummary, ControlEntry, ImpactEntry, IncidentEntry, Inputs, MonitorEntry, RiskEntry,
    SoaTotals, SystemEntry, TriggeredEntry,
};
use crate::validate;

/// Export the whole register as JSON, with computed scores, bands and next review dates
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
}

#[derive(Debug, Serialize)]
struct Export {
    format: &'static str,
    organisation: String,
    scope: String,
    today: chrono::NaiveDate,
    check: CheckSummary,
    systems: Vec<SystemEntry>,
    risks: Vec<RiskEntry>,
    impacts: Vec<ImpactEntry>,
    controls: Vec<ControlEntry>,
    soa_totals: SoaTotals,
    incidents: Vec<IncidentEntry>,
    monitors: Vec<MonitorEntry>,
    /// Reviews triggered after a risk's or an assessment's last review.
    triggered: Vec<TriggeredEntry>,
}

pub fn run(ctx: &Context, args: ExportArgs) -> Result<Outcome> {
    let ExportArgs { format } = args;
    let ExportFormat::Json = format;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let check = validate::check(&view);
    let inputs = Inputs {
        view: &view,
        check: &check,
        source: None,
        generator: format!("aims {}", env!("CARGO_PKG_VERSION")),
    };
    let meta = inputs.meta("export", "export");
    let (controls, soa_totals) = inputs.controls();
    let export = Export {
        format: "aims-export-1",
        organisation: meta.organisation,
        scope: meta.scope,
        today: ctx.today,
        check: meta.check,
        systems: inputs.systems(),
        risks: inputs.risks(),
        impacts: inputs
            .impacts()
            .into_iter()
            .flat_map(|s| s.assessments)
            .collect(),
        controls,
        soa_totals,
        incidents: inputs.incidents(),
        monitors: inputs.monitors(false),
        triggered: TriggeredEntry::all(&view),
    };
    output::json(&export)?;
    Ok(Outcome::Clean)
}
