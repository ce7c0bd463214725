//! `aims export`: the whole register, with everything computed, for other tools.

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{Context, Outcome, output};
use crate::report::context::{
    ControlView, ImpactView, IncidentView, Inputs, RiskView, SoaTotals, SystemView,
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
    check: crate::report::context::CheckSummary,
    systems: Vec<SystemView>,
    risks: Vec<RiskView>,
    impacts: Vec<ImpactView>,
    controls: Vec<ControlView>,
    soa_totals: SoaTotals,
    incidents: Vec<IncidentView>,
}

pub fn run(ctx: &Context, args: ExportArgs) -> Result<Outcome> {
    let ExportArgs { format } = args;
    let ExportFormat::Json = format;
    let register = ctx.open_register(None)?;
    let check = validate::check(&register, ctx.today);
    let inputs = Inputs {
        register: &register,
        check: &check,
        today: ctx.today,
        source: None,
        generator: format!("aims {}", env!("CARGO_PKG_VERSION")),
        approvals: Default::default(),
    };
    let register_context = inputs.register_report();
    let (controls, soa_totals) = inputs.controls();
    let meta = register_context.meta;
    let export = Export {
        format: "aims-export-1",
        organisation: meta.organisation,
        scope: meta.scope,
        today: ctx.today,
        check: meta.check,
        systems: inputs.systems(),
        risks: register_context.risks,
        impacts: inputs
            .impacts()
            .into_iter()
            .flat_map(|s| s.assessments)
            .collect(),
        controls,
        soa_totals,
        incidents: inputs.incidents(),
    };
    output::json(&export)?;
    Ok(Outcome::Clean)
}
