//! `aims audit plan`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, choices, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Plan an internal audit: its date, auditor, scope and criteria
///
/// The scope names clauses (`4`, `6.1`, `8.4`), Annex A or custom controls and AI
/// systems; `aims audit programme` shows what the audits of the cycle cover. An
/// auditor whose role owns what the audit covers is reported as not independent.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// What the audit is about
    #[arg(long)]
    pub title: Option<String>,
    /// When it is planned
    #[arg(long, value_parser = parse_date)]
    pub planned: Option<NaiveDate>,
    /// The auditor's name
    #[arg(long)]
    pub auditor: Option<String>,
    /// The auditor's role, when the auditor is one of the register's roles
    #[arg(long = "auditor-role", value_name = "ROLE")]
    pub auditor_role: Option<String>,
    /// A clause in scope (repeatable): `4`, `6.1`, `8.4`
    #[arg(long = "clause", value_name = "CLAUSE")]
    pub clauses: Vec<String>,
    /// A control in scope (repeatable)
    #[arg(long = "control", value_name = "ID")]
    pub controls: Vec<String>,
    /// An AI system in scope (repeatable)
    #[arg(long = "system", value_name = "ID")]
    pub systems: Vec<String>,
    /// The audit criteria: the standard's clauses, policies, procedures
    #[arg(long)]
    pub criteria: Option<String>,
    /// Id of the audit (default: `AUD-<year>-<n>`, the next of its year)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: PlanArgs) -> Result<Outcome> {
    let PlanArgs {
        title,
        planned,
        auditor,
        auditor_role,
        clauses,
        controls,
        systems,
        criteria,
        id,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let view = authoring.view(ctx);
    let mut ask = Asker::from_terminal();
    let title = ask.text("title", "what the audit is about", title)?;
    let auditor = ask.text("auditor", "the auditor's name", auditor)?;
    let role = auditor_role
        .map(|r| {
            ask.choose(
                "auditor-role",
                "auditor's role",
                Some(r),
                &choices::roles(register),
            )
        })
        .transpose()?;
    let control_choices = choices::controls(&view);
    let controls: Vec<String> = controls
        .into_iter()
        .map(|c| ask.choose("control", "control", Some(c), &control_choices))
        .collect::<Result<_>>()?;
    let system_choices = choices::systems(register);
    let systems: Vec<String> = systems
        .into_iter()
        .map(|s| ask.choose("system", "AI system", Some(s), &system_choices))
        .collect::<Result<_>>()?;
    ask.finish()?;
    super::check_clauses(&clauses)?;
    let planned = planned.unwrap_or(ctx.today);
    let prefix = format!("AUD-{}-", planned.format("%Y"));
    let default = format!("{prefix}1");
    let id = id.unwrap_or_else(|| author::next_id(super::ids_of_year(register, &prefix), &default));
    let text = |id: &str| {
        let mut fields = vec![
            ("id".to_string(), Node::text(id)),
            ("title".to_string(), Node::text(&title)),
            ("planned".to_string(), Node::text(planned.to_string())),
            ("status".to_string(), Node::text("planned")),
        ];
        let mut who = vec![("name".to_string(), Node::text(&auditor))];
        if let Some(role) = &role {
            who.push(("role".to_string(), Node::text(role)));
        }
        fields.push(("auditor".to_string(), Node::Map(who)));
        let mut scope = Vec::new();
        for (key, list) in [
            ("clauses", &clauses),
            ("controls", &controls),
            ("systems", &systems),
        ] {
            if !list.is_empty() {
                scope.push((
                    key.to_string(),
                    Node::Seq(list.iter().map(Node::text).collect()),
                ));
            }
        }
        if !scope.is_empty() {
            fields.push(("scope".to_string(), Node::Map(scope)));
        }
        if let Some(criteria) = &criteria {
            fields.push(("criteria".to_string(), Node::text(criteria)));
        }
        Node::Map(fields).document()
    };
    let written =
        author::create(register, Kind::Audit, Some(&id), &default, text).map_err(author_error)?;
    announce(ctx, &authoring, "planned", &written)?;
    Ok(Outcome::Clean)
}
