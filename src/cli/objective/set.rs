//! `aims objective set`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use crate::author;
use crate::cli::authoring::{announce, author_error, checked_role, nothing_to_change};
use crate::cli::{Context, Outcome, parse_date};
use crate::edit::Node;
use crate::model::{Duration, Kind};

/// Change an objective: its title, metric, target, owner, due date or links
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The objective to change
    pub id: String,
    #[arg(long)]
    pub title: Option<String>,
    /// Name of the metric
    #[arg(long)]
    pub metric: Option<String>,
    #[arg(long)]
    pub target: Option<f64>,
    #[arg(long, value_parser = ["at-most", "at-least"])]
    pub direction: Option<String>,
    /// How often it is measured by hand, e.g. 1m
    #[arg(long, value_name = "DURATION", conflicts_with = "monitor")]
    pub measure_every: Option<Duration>,
    /// The monitor whose measurements judge it from now on
    #[arg(long, value_name = "ID")]
    pub monitor: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// The policy it serves
    #[arg(long)]
    pub policy: Option<String>,
    /// Add an AI system it concerns (repeatable)
    #[arg(long = "add-system", value_name = "ID")]
    pub add_systems: Vec<String>,
    /// Add an Annex C objective it pursues (repeatable)
    #[arg(long = "add-annex-c", value_name = "ID")]
    pub add_annex_c: Vec<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        title,
        metric,
        target,
        direction,
        measure_every,
        monitor,
        owner,
        due,
        policy,
        add_systems,
        add_annex_c,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let owner = checked_role(&authoring.register, "owner", owner)?;
    if let Some(monitor) = &monitor {
        let view = authoring.view(ctx);
        super::checked_monitor(&view, monitor)?;
        let measured_by_hand = view
            .objective(&id)
            .and_then(|o| o.objective.metric.as_ref())
            .and_then(|m| m.measure_every);
        if let Some(every) = measured_by_hand {
            return Err(crate::cli::fail(
                format!("objective `{id}` is measured by hand every {every}"),
                "delete `measure_every` from its metric, then set the monitor",
            ));
        }
    }
    let texts = [
        ("/title", title),
        ("/metric/name", metric),
        ("/metric/direction", direction),
        (
            "/metric/measure_every",
            measure_every.map(|d| d.to_string()),
        ),
        ("/metric/monitor", monitor),
        ("/owner", owner),
        ("/due", due.map(|d| d.to_string())),
        ("/policy", policy),
    ];
    if texts.iter().all(|(_, v)| v.is_none())
        && target.is_none()
        && add_systems.is_empty()
        && add_annex_c.is_empty()
    {
        return Err(nothing_to_change(
            "--title, --metric, --target, --direction, --measure-every, --monitor, --owner, --due, --policy, --add-system, --add-annex-c",
        ));
    }
    let written = author::edit(&authoring.register, Kind::Objective, &id, |e| {
        for (pointer, value) in &texts {
            if let Some(value) = value {
                e.set(pointer, &Node::text(value))?;
            }
        }
        if let Some(target) = target {
            e.set("/metric/target", &Node::Scalar(json!(target)))?;
        }
        for system in &add_systems {
            e.push("/systems", &Node::text(system))?;
        }
        for c in &add_annex_c {
            e.push("/annex_c", &Node::text(c))?;
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
