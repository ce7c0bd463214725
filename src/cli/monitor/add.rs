//! `aims monitor add`

use anyhow::{Result, bail};
use clap::Args;

use super::{Limits, Watched, limit};
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::{Asker, Choice};
use crate::cli::{Context, Outcome, choices};
use crate::edit::Node;
use crate::model::{Duration, Kind};

/// The kinds of monitor, as the register writes them.
pub const KINDS: [&str; 9] = [
    "performance",
    "drift",
    "fairness",
    "robustness",
    "safety",
    "security",
    "privacy",
    "control-effectiveness",
    "other",
];

/// Add a monitor: what is measured about a system, its threshold and how often,
/// asking in a terminal for whatever is not given
///
/// For example `aims monitor add --system credit-scoring --kind fairness --metric
/// "Approval-rate gap over 70 vs under 70 (points)" --key fairness/age_gap --max 5
/// --warn-max 4 --every 1m --owner ml-lead --risk R-001`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Id of the monitor (default: `<system>-<kind>`)
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub watched: Watched,
    /// The name a pipeline reports the metric under (default: the monitor's id)
    #[arg(long)]
    pub key: Option<String>,
    #[command(flatten)]
    pub limits: Limits,
    /// Risk whose review a breach triggers (repeatable)
    #[arg(long = "risk", value_name = "ID")]
    pub risks: Vec<String>,
    /// Control whose effectiveness it evidences (repeatable)
    #[arg(long = "control", value_name = "ID")]
    pub controls: Vec<String>,
    /// How the value is obtained
    #[arg(long)]
    pub description: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
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
    let threshold = limit("", max, min)?;
    let warn = limit("warn-", warn_max, warn_min)?;
    let mut ask = Asker::from_terminal();
    let system = ask.choose("system", "AI system", system, &choices::systems(register))?;
    let kinds: Vec<Choice> = KINDS.iter().map(|k| Choice::new(*k, "")).collect();
    let kind = ask.choose("kind", "kind of monitor", kind, &kinds)?;
    let metric = ask.text("metric", "what is measured (with its unit)", metric)?;
    let every = match every {
        Some(every) => every.to_string(),
        None => ask.text("every", "how often it is measured (e.g. 1m)", None)?,
    };
    let owner = ask.choose("owner", "owner role", owner, &choices::roles(register))?;
    let risk_choices: Vec<Choice> = register
        .risks
        .iter()
        .map(|r| Choice::new(&r.value.id, &r.value.title))
        .collect();
    let risks: Vec<String> = risks
        .into_iter()
        .map(|r| ask.choose("risk", "risk", Some(r), &risk_choices))
        .collect::<Result<_>>()?;
    let control_choices = choices::controls(&view);
    let controls: Vec<String> = controls
        .into_iter()
        .map(|c| ask.choose("control", "control", Some(c), &control_choices))
        .collect::<Result<_>>()?;
    ask.finish()?;
    let Some(threshold) = threshold else {
        bail!("give the threshold beyond which a value is a breach: --max NUMBER or --min NUMBER");
    };
    if every.parse::<Duration>().is_err() {
        bail!("`{every}` is not a duration; write <n>d, <n>w, <n>m or <n>y, e.g. 1m");
    }
    let default = format!("{system}-{kind}");
    let text = |id: &str| {
        let mut fields = vec![
            ("id".to_string(), Node::text(id)),
            ("system".to_string(), Node::text(&system)),
            ("kind".to_string(), Node::text(&kind)),
            ("metric".to_string(), Node::text(&metric)),
        ];
        if let Some(key) = &key {
            fields.push(("key".to_string(), Node::text(key)));
        }
        fields.push(("threshold".to_string(), threshold.clone()));
        if let Some(warn) = &warn {
            fields.push(("warn".to_string(), warn.clone()));
        }
        fields.push(("every".to_string(), Node::text(&every)));
        fields.push(("owner".to_string(), Node::text(&owner)));
        for (name, ids) in [("risks", &risks), ("controls", &controls)] {
            if !ids.is_empty() {
                fields.push((
                    name.to_string(),
                    Node::Seq(ids.iter().map(Node::text).collect()),
                ));
            }
        }
        if let Some(d) = &description {
            fields.push(("description".to_string(), Node::text(d)));
        }
        Node::Map(fields).document()
    };
    let id = id.unwrap_or(default);
    let written =
        author::create(register, Kind::Monitor, Some(&id), &id, text).map_err(author_error)?;
    announce(ctx, &authoring, "created", &written)?;
    Ok(Outcome::Clean)
}
