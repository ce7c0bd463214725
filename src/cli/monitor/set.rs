//! `aims monitor set`

use anyhow::{Result, bail};
use clap::Args;

use super::{Limits, Watched, limit};
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::{Asker, Choice};
use crate::cli::{Context, Outcome, choices};
use crate::edit::Node;
use crate::model::Kind;

/// Change a monitor: only the fields given
///
/// `--max`/`--min` replace the threshold, `--warn-max`/`--warn-min` the early warning;
/// `--risk` and `--control` add to the lists.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The monitor to change
    pub id: String,
    #[command(flatten)]
    pub watched: Watched,
    /// The name a pipeline reports the metric under
    #[arg(long)]
    pub key: Option<String>,
    #[command(flatten)]
    pub limits: Limits,
    /// Risk whose review a breach triggers, added to the list (repeatable)
    #[arg(long = "risk", value_name = "ID")]
    pub risks: Vec<String>,
    /// Control whose effectiveness it evidences, added to the list (repeatable)
    #[arg(long = "control", value_name = "ID")]
    pub controls: Vec<String>,
    /// How the value is obtained
    #[arg(long)]
    pub description: Option<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        watched: Watched {
            system,
            kind,
            metric,
        },
        key,
        limits:
            Limits {
                max,
                min,
                warn_max,
                warn_min,
                every,
                owner,
            },
        risks,
        controls,
        description,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let view = authoring.view(ctx);
    let Some(monitor) = view.monitor(&id) else {
        let known = view.monitors.iter().map(|m| m.id());
        return Err(crate::cli::not_found(
            "monitor",
            &id,
            known,
            "aims monitor list",
        ));
    };
    let threshold = limit("", max, min)?;
    let warn = limit("warn-", warn_max, warn_min)?;
    let mut ask = Asker::from_terminal();
    let system = system
        .map(|s| ask.choose("system", "AI system", Some(s), &choices::systems(register)))
        .transpose()?;
    let owner = owner
        .map(|o| ask.choose("owner", "owner role", Some(o), &choices::roles(register)))
        .transpose()?;
    let risk_choices: Vec<Choice> = register
        .risks
        .iter()
        .map(|r| Choice::new(&r.value.id, &r.value.title))
        .collect();
    let risks: Vec<String> = risks
        .into_iter()
        .filter(|r| !monitor.monitor.risks.contains(r))
        .map(|r| ask.choose("risk", "risk", Some(r), &risk_choices))
        .collect::<Result<_>>()?;
    let control_choices = choices::controls(&view);
    let controls: Vec<String> = controls
        .into_iter()
        .filter(|c| !monitor.monitor.controls.contains(c))
        .map(|c| ask.choose("control", "control", Some(c), &control_choices))
        .collect::<Result<_>>()?;
    let unchanged = [&system, &kind, &metric, &key, &owner, &description]
        .iter()
        .all(|v| v.is_none())
        && threshold.is_none()
        && warn.is_none()
        && every.is_none()
        && risks.is_empty()
        && controls.is_empty();
    if unchanged {
        bail!(
            "nothing to change; give at least one of --system, --kind, --metric, --key, --max/--min, --warn-max/--warn-min, --every, --owner, --risk, --control, --description"
        );
    }
    let written = author::edit(register, Kind::Monitor, &id, |e| {
        for (pointer, value) in [
            ("/system", &system),
            ("/kind", &kind),
            ("/metric", &metric),
            ("/key", &key),
            ("/owner", &owner),
            ("/description", &description),
        ] {
            if let Some(value) = value {
                e.set(pointer, &Node::text(value))?;
            }
        }
        if let Some(t) = &threshold {
            e.set("/threshold", t)?;
        }
        if let Some(w) = &warn {
            e.set("/warn", w)?;
        }
        if let Some(every) = every {
            e.set("/every", &Node::text(every.to_string()))?;
        }
        for r in &risks {
            e.push("/risks", &Node::text(r))?;
        }
        for c in &controls {
            e.push("/controls", &Node::text(c))?;
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
