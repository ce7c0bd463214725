//! `aims objective set`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use crate::author;
use crate::cli::authoring::{Authoring, announce, author_error, checked_role, nothing_to_change};
use crate::cli::{Context, Outcome, parse_date};
use crate::edit::Node;
use crate::model::{Duration, Kind};

/// Change an objective: its title, metric, target, owner, due date or links
///
/// `--monitor` moves an objective measured by hand to a monitor, and `--measure-every`
/// moves one judged by a monitor to measurement by hand; an objective that already has
/// measurements taken by hand keeps them, and is not moved to a monitor.
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
    /// How often it is measured by hand, e.g. 1m (instead of a monitor)
    #[arg(long, value_name = "DURATION", conflicts_with = "monitor")]
    pub measure_every: Option<Duration>,
    /// The monitor whose measurements judge it from now on (instead of measuring by hand)
    #[arg(long, value_name = "ID")]
    pub monitor: Option<String>,
    /// When the objective was set; its first measurement by hand falls due one
    /// --measure-every after it
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub established: Option<NaiveDate>,
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
        established,
        policy,
        add_systems,
        add_annex_c,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let owner = checked_role(&authoring.register, "owner", owner)?;
    // What judges the objective before the change: a monitor, or measurement by hand.
    let (was_monitor, was_every) = if monitor.is_some() || measure_every.is_some() {
        judged_by(ctx, &authoring, &id, monitor.as_deref())?
    } else {
        (None, None)
    };
    let texts = [
        ("/title", title),
        ("/metric/name", metric),
        ("/metric/direction", direction),
        (
            "/metric/measure_every",
            measure_every.map(|d| d.to_string()),
        ),
        ("/metric/monitor", monitor.clone()),
        ("/owner", owner),
        ("/due", due.map(|d| d.to_string())),
        ("/established", established.map(|d| d.to_string())),
        ("/policy", policy),
    ];
    if texts.iter().all(|(_, v)| v.is_none())
        && target.is_none()
        && add_systems.is_empty()
        && add_annex_c.is_empty()
    {
        return Err(nothing_to_change(
            "--title, --metric, --target, --direction, --measure-every, --monitor, --owner, --due, --established, --policy, --add-system, --add-annex-c",
        ));
    }
    let to_monitor = monitor.is_some() && was_every.is_some();
    let to_hand = measure_every.is_some() && was_monitor.is_some();
    let written = author::edit(&authoring.register, Kind::Objective, &id, |e| {
        if to_monitor {
            e.remove("/metric/measure_every")?;
        }
        if to_hand {
            e.remove("/metric/monitor")?;
        }
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
    if let (true, Some(monitor), Some(every)) = (to_monitor, &monitor, &was_every) {
        crate::cli::output::note(format!(
            "objective `{id}` is judged by monitor `{monitor}` from now on, no longer measured by hand every {every}"
        ));
    }
    if let (true, Some(every), Some(was)) = (to_hand, measure_every, &was_monitor) {
        // The monitor's id is register text: shown, never obeyed, by the terminal.
        let was = crate::cli::output::safe(was);
        crate::cli::output::note(format!(
            "objective `{id}` is measured by hand every {every} from now on, no longer judged by monitor `{was}`"
        ));
    }
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}

/// What judges objective `id` as read: its monitor and its cycle of measurement by
/// hand. Refuses `monitor` when it is not one, and when the objective has measurements
/// taken by hand, which an objective judged by a monitor may not keep.
fn judged_by(
    ctx: &Context,
    authoring: &Authoring,
    id: &str,
    monitor: Option<&str>,
) -> Result<(Option<String>, Option<Duration>)> {
    let view = authoring.view(ctx);
    if let Some(monitor) = monitor {
        super::checked_monitor(&view, monitor)?;
    }
    authoring.require(Kind::Objective, "objective", id)?;
    let Some(objective) = view.objective(id).map(|o| &o.objective) else {
        return Err(crate::cli::fail(
            format!("objective `{id}` could not be read, so what judges it is not known"),
            "fix the problems `aims check` reports in its file first",
        ));
    };
    let taken = objective.measurements.len();
    if let (Some(monitor), 1..) = (monitor, taken) {
        return Err(crate::cli::fail(
            format!(
                "objective `{id}` has {} taken by hand, and an objective judged by a monitor keeps none",
                crate::cli::output::count(taken, "measurement", "measurements")
            ),
            format!(
                "to keep them, close it (`aims objective close {id}`) and add one judged by the monitor: `aims objective add --monitor {monitor} ...`"
            ),
        ));
    }
    let metric = objective.metric.as_ref();
    Ok((
        metric.and_then(|m| m.monitor.clone()),
        metric.and_then(|m| m.measure_every),
    ))
}
