//! `aims objective list`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome};
use crate::view::{ObjectiveView, Reading};

/// List the objectives with their target, latest measurement and whether it is met
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only objectives with this status
    #[arg(long, value_parser = ["active", "achieved", "abandoned"])]
    pub status: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
pub struct ObjectiveRow<'r> {
    pub id: &'r str,
    pub title: &'r str,
    pub status: &'static str,
    pub owner: Option<&'r str>,
    pub metric: Option<&'r str>,
    /// `at-most 3`, `at-least 99`.
    pub target: Option<String>,
    pub latest: Option<Reading>,
    /// Whether the latest measurement meets the target.
    pub on_target: Option<bool>,
    pub due: Option<NaiveDate>,
    /// Plan actions done, of all.
    pub plan_done: usize,
    pub plan: usize,
    /// What `objective-incomplete` finds missing.
    pub missing: &'r [&'static str],
}

impl<'r> ObjectiveRow<'r> {
    pub fn of(o: &'r ObjectiveView<'r>) -> ObjectiveRow<'r> {
        let objective = o.objective;
        let metric = objective.metric.as_ref();
        ObjectiveRow {
            id: &objective.id,
            title: &objective.title,
            status: objective.status.as_str(),
            owner: objective.owner.as_deref(),
            metric: metric.map(|m| m.name.as_str()),
            target: metric.and_then(|m| Some(format!("{} {}", m.direction?.as_str(), m.target?))),
            latest: o.latest,
            on_target: o.on_target,
            due: objective.due,
            plan_done: objective
                .plan
                .iter()
                .filter(|a| a.status == crate::model::ActionStatus::Done)
                .count(),
            plan: objective.plan.len(),
            missing: &o.missing,
        }
    }
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs { status, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let rows: Vec<ObjectiveRow<'_>> = view
        .objectives
        .iter()
        .filter(|o| {
            status
                .as_deref()
                .is_none_or(|s| o.objective.status.as_str() == s)
        })
        .map(ObjectiveRow::of)
        .collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => {
            output::note(crate::cli::choices::nothing(
                view.objectives.len(),
                "objective",
                "objectives",
                "aims objective add",
            ));
        }
        Format::Human => {
            let mut table =
                output::table(&["id", "title", "status", "target", "latest", "due", "plan"]);
            for r in &rows {
                table.add_row([
                    r.id.to_string(),
                    r.title.to_string(),
                    r.status.to_string(),
                    r.target.clone().unwrap_or_default(),
                    match (r.latest, r.on_target) {
                        (Some(l), Some(true)) => format!("{} on {} (met)", l.value, l.date),
                        (Some(l), Some(false)) => format!("{} on {} (missed)", l.value, l.date),
                        (Some(l), None) => format!("{} on {}", l.value, l.date),
                        (None, _) => "not measured".to_string(),
                    },
                    r.due.map(|d| d.to_string()).unwrap_or_default(),
                    format!("{}/{} done", r.plan_done, r.plan),
                ]);
            }
            output::print_table(&table)?;
        }
    }
    Ok(Outcome::Clean)
}
