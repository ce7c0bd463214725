//! `aims incident add`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::{Asker, Choice};
use crate::cli::{Context, Outcome, choices, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Record an incident, near miss or nonconformity, asking in a terminal for whatever is
/// not given
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Short statement of what happened
    #[arg(long)]
    pub title: Option<String>,
    /// incident, near-miss or nonconformity
    #[arg(long, default_value = "incident", value_parser = ["incident", "near-miss", "nonconformity"])]
    pub kind: String,
    /// How severe it is
    #[arg(long, value_parser = ["low", "medium", "high", "critical"])]
    pub severity: Option<String>,
    /// What happened
    #[arg(long)]
    pub description: Option<String>,
    /// Role that reported it
    #[arg(long)]
    pub reporter: Option<String>,
    /// Date it was reported (default: today)
    #[arg(long, value_parser = parse_date)]
    pub reported: Option<NaiveDate>,
    /// AI system involved (repeatable)
    #[arg(long = "system", value_name = "ID")]
    pub systems: Vec<String>,
    /// Risk it bears on (repeatable); triggers that risk's review
    #[arg(long = "risk", value_name = "ID")]
    pub risks: Vec<String>,
    /// Root cause, when known
    #[arg(long = "root-cause", value_name = "TEXT")]
    pub root_cause: Option<String>,
    /// Id of the incident (default: the next in the register's sequence)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        title,
        kind,
        severity,
        description,
        reporter,
        reported,
        systems,
        risks,
        root_cause,
        id,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let mut ask = Asker::from_terminal();
    let title = ask.text("title", "title", title)?;
    let severities: Vec<Choice> = ["low", "medium", "high", "critical"]
        .iter()
        .map(|s| Choice::new(*s, ""))
        .collect();
    let severity = ask.choose("severity", "severity", severity, &severities)?;
    let description = ask.text("description", "what happened", description)?;
    let reporter = ask.choose(
        "reporter",
        "reporting role",
        reporter,
        &choices::roles(register),
    )?;
    let system_choices = choices::systems(register);
    let systems: Vec<String> = systems
        .into_iter()
        .map(|s| ask.choose("system", "AI system", Some(s), &system_choices))
        .collect::<Result<_>>()?;
    let risk_choices: Vec<Choice> = register
        .risks
        .iter()
        .map(|r| Choice::new(&r.value.id, &r.value.title))
        .collect();
    let risks: Vec<String> = risks
        .into_iter()
        .map(|r| ask.choose("risk", "risk", Some(r), &risk_choices))
        .collect::<Result<_>>()?;
    ask.finish()?;
    let reported = reported.unwrap_or(ctx.today);
    crate::cli::prompt::refuse_future("reported", reported, ctx.today)?;
    let default = format!("INC-{}-001", reported.format("%Y"));
    let text = |id: &str| {
        let mut fields = vec![
            ("id".to_string(), Node::text(id)),
            ("title".to_string(), Node::text(&title)),
            ("kind".to_string(), Node::text(&kind)),
            ("reported".to_string(), Node::text(reported.to_string())),
            ("reporter".to_string(), Node::text(&reporter)),
        ];
        if !systems.is_empty() {
            fields.push((
                "systems".to_string(),
                Node::Seq(systems.iter().map(Node::text).collect()),
            ));
        }
        if !risks.is_empty() {
            fields.push((
                "risks".to_string(),
                Node::Seq(risks.iter().map(Node::text).collect()),
            ));
        }
        fields.push(("severity".to_string(), Node::text(&severity)));
        fields.push(("description".to_string(), Node::text(&description)));
        if let Some(cause) = &root_cause {
            fields.push(("root_cause".to_string(), Node::text(cause)));
        }
        fields.push(("status".to_string(), Node::text("open")));
        Node::Map(fields).document()
    };
    let written = author::create(register, Kind::Incident, id.as_deref(), &default, text)
        .map_err(author_error)?;
    announce(ctx, &authoring, "created", &written)?;
    Ok(Outcome::Clean)
}
