//! `aims objective add`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use crate::author;
use crate::cli::authoring::{announce, author_error, checked_role};
use crate::cli::prompt::{Asker, Choice, refuse_future};
use crate::cli::{Context, Outcome, choices, fail, parse_date};
use crate::edit::Node;
use crate::model::{Duration, Kind};

/// Add an AI objective: what is measured, the target, who owns it and by when
///
/// For example `aims objective add --title "Keep the age gap under 3 points" --metric
/// "Approval-rate gap (points)" --target 3 --direction at-most --measure-every 1m --owner
/// head-of-ai-governance --due 2026-12-31`. Plan it with `aims objective plan add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What the organisation wants to achieve
    #[arg(long)]
    pub title: Option<String>,
    /// Name of the metric that measures it
    #[arg(long)]
    pub metric: Option<String>,
    /// The target value of the metric
    #[arg(long)]
    pub target: Option<f64>,
    /// Which side of the target is good
    #[arg(long, value_parser = ["at-most", "at-least"])]
    pub direction: Option<String>,
    /// A monitor whose measurements judge the objective (instead of --measure-every)
    #[arg(long, conflicts_with = "measure_every")]
    pub monitor: Option<String>,
    /// How often it is measured by hand (`aims objective measure`), e.g. 1m
    #[arg(long, value_name = "DURATION")]
    pub measure_every: Option<Duration>,
    /// Role that owns the objective
    #[arg(long)]
    pub owner: Option<String>,
    /// When it is to be achieved
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// The policy it serves
    #[arg(long)]
    pub policy: Option<String>,
    /// AI system it concerns (repeatable)
    #[arg(long = "system", value_name = "ID")]
    pub systems: Vec<String>,
    /// Annex C objective it pursues, e.g. C.2.5 (repeatable; `aims catalog objectives`)
    #[arg(long = "annex-c", value_name = "ID")]
    pub annex_c: Vec<String>,
    /// When the objective was set (default: today); its first measurement by hand
    /// falls due one --measure-every after it
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub established: Option<NaiveDate>,
    /// Id of the new objective (default: the next in the register's sequence)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        title,
        metric,
        target,
        direction,
        monitor,
        measure_every,
        owner,
        due,
        policy,
        systems,
        annex_c,
        established,
        id,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let view = authoring.view(ctx);
    let owner = checked_role(register, "owner", owner)?;
    let mut ask = Asker::from_terminal();
    let title = ask.text("title", "objective", title)?;
    let metric = ask.text("metric", "metric that measures it", metric)?;
    let target = match target {
        Some(t) => t,
        None => {
            let text = ask.text("target", "target value", None)?;
            match text.parse::<f64>() {
                Ok(t) => t,
                Err(_) if text.is_empty() => 0.0,
                Err(_) => {
                    return Err(fail(
                        format!("`{text}` is not a number"),
                        "give the target as a number, e.g. 3 or 99.5",
                    ));
                }
            }
        }
    };
    let direction = ask.choose(
        "direction",
        "which side of the target is good",
        direction,
        &[
            Choice::new("at-most", "the value must stay at or below the target"),
            Choice::new("at-least", "the value must reach at least the target"),
        ],
    )?;
    let owner = ask.choose("owner", "owner role", owner, &choices::roles(register))?;
    let due = match due {
        Some(d) => d,
        None => {
            let text = ask.text("due", "due date (YYYY-MM-DD)", None)?;
            if text.is_empty() {
                ctx.today
            } else {
                parse_date(&text).map_err(|e| fail(e, "write the date as YYYY-MM-DD"))?
            }
        }
    };
    let systems = systems
        .into_iter()
        .map(|s| ask.choose("system", "AI system", Some(s), &choices::systems(register)))
        .collect::<Result<Vec<_>>>()?;
    if let Some(policy) = &policy
        && !view.policies.iter().any(|p| p.id() == policy)
    {
        let known = view.policies.iter().map(|p| p.id());
        return Err(crate::cli::not_found(
            "policy",
            policy,
            known,
            "aims policy list",
        ));
    }
    if let Some(monitor) = &monitor {
        super::checked_monitor(&view, monitor)?;
    }
    ask.finish()?;
    let established = established.unwrap_or(ctx.today);
    refuse_future("established", established, ctx.today)?;

    let written = author::create(register, Kind::Objective, id.as_deref(), "OBJ-001", |id| {
        let mut fields = vec![
            ("id".to_string(), Node::text(id)),
            ("title".to_string(), Node::text(&title)),
        ];
        if !annex_c.is_empty() {
            fields.push((
                "annex_c".to_string(),
                Node::Seq(annex_c.iter().map(Node::text).collect()),
            ));
        }
        if let Some(policy) = &policy {
            fields.push(("policy".to_string(), Node::text(policy)));
        }
        if !systems.is_empty() {
            fields.push((
                "systems".to_string(),
                Node::Seq(systems.iter().map(Node::text).collect()),
            ));
        }
        fields.push(("owner".to_string(), Node::text(&owner)));
        let mut m = vec![
            ("name".to_string(), Node::text(&metric)),
            ("target".to_string(), Node::Scalar(json!(target))),
            ("direction".to_string(), Node::text(&direction)),
        ];
        if let Some(monitor) = &monitor {
            m.push(("monitor".to_string(), Node::text(monitor)));
        }
        if let Some(every) = measure_every {
            m.push(("measure_every".to_string(), Node::text(every.to_string())));
        }
        fields.push(("metric".to_string(), Node::Map(m)));
        fields.push(("due".to_string(), Node::text(due.to_string())));
        fields.push((
            "established".to_string(),
            Node::text(established.to_string()),
        ));
        fields.push(("status".to_string(), Node::text("active")));
        Node::Map(fields).document()
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "created", &written)?;
    Ok(Outcome::Clean)
}
