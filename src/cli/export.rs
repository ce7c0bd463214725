//! `aims export`: the whole register, with everything computed, for other tools.

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{Context, Outcome, output};
use crate::model::{Context as OrgContext, ControlStatus, Objective, Policy};
use crate::report::context::{
    CheckSummary, ClauseEntry, ControlEntry, ImpactEntry, IncidentEntry, Inputs, MonitorEntry,
    RiskEntry, SoaTotals, SystemEntry, TriggeredEntry,
};
use crate::validate;
use crate::view::Reading;

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
struct Export<'a> {
    format: &'static str,
    organisation: String,
    scope: String,
    today: chrono::NaiveDate,
    check: CheckSummary,
    systems: Vec<SystemEntry>,
    risks: Vec<RiskEntry>,
    impacts: Vec<ImpactEntry>,
    controls: Vec<ExportControl>,
    soa_totals: SoaTotals,
    incidents: Vec<IncidentEntry>,
    /// `context.yaml`: issues and interested parties (null without one).
    context: Option<&'a OrgContext>,
    policies: Vec<PolicyExport<'a>>,
    objectives: Vec<ObjectiveExport<'a>>,
    monitors: Vec<MonitorEntry>,
    /// Reviews triggered after a risk's or an assessment's last review.
    triggered: Vec<TriggeredEntry>,
    /// Every clause 4.1 to 10.2 with its readiness.
    clauses: Vec<ClauseEntry>,
}

#[derive(Debug, Serialize)]
struct PolicyExport<'a> {
    #[serde(flatten)]
    policy: &'a Policy,
    next_review: Option<chrono::NaiveDate>,
    review_overdue: bool,
    missing: &'a [&'static str],
}

#[derive(Debug, Serialize)]
struct ObjectiveExport<'a> {
    #[serde(flatten)]
    objective: &'a Objective,
    latest: Option<Reading>,
    on_target: Option<bool>,
    missing: &'a [&'static str],
}

/// A control as exported: the register's own fields under their own names (`status`
/// is the decision file's `status`, null without one) beside the values derived from
/// them (`decision`: the SoA state `implemented`, ..., `no status`, `no decision`).
#[derive(Debug, Serialize)]
struct ExportControl {
    #[serde(flatten)]
    entry: ControlEntry,
    status: Option<ControlStatus>,
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
    let controls = controls
        .into_iter()
        .map(|entry| ExportControl {
            status: view
                .control(&entry.id)
                .and_then(|c| c.decision)
                .and_then(|d| d.status),
            entry,
        })
        .collect();
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
        context: view.context.as_ref().map(|c| c.context),
        policies: view
            .policies
            .iter()
            .map(|p| PolicyExport {
                policy: p.policy,
                next_review: p.next_review.map(|(d, _)| d),
                review_overdue: p.review_overdue,
                missing: &p.missing,
            })
            .collect(),
        objectives: view
            .objectives
            .iter()
            .map(|o| ObjectiveExport {
                objective: o.objective,
                latest: o.latest,
                on_target: o.on_target,
                missing: &o.missing,
            })
            .collect(),
        monitors: inputs.monitors(false),
        triggered: TriggeredEntry::all(&view),
        clauses: inputs.clauses().0,
    };
    output::json(&export)?;
    Ok(Outcome::Clean)
}
