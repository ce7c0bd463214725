//! `aims audit plan`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author;
use crate::catalog;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, choices, fail, parse_date};
use crate::edit::Node;
use crate::model::Kind;
use crate::view::SoaState;

/// Plan an internal audit: its date, auditor, scope and criteria
///
/// The scope names clauses (`4`, `6.1`, `8.4`), Annex A or custom controls and AI
/// systems. A control objective such as `--control A.2` stands for every control
/// under it (A.2.2, A.2.3, A.2.4) and `--annex-a` for every Annex A control the SoA
/// does not exclude; both are written as the individual controls. `aims audit
/// programme` shows what the audits of the cycle cover. An auditor whose role owns
/// what the audit covers is reported as not independent.
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
    /// A control in scope (repeatable): `A.6.2.4`, a custom control, or a control
    /// objective such as `A.2` for every control under it
    #[arg(long = "control", value_name = "ID")]
    pub controls: Vec<String>,
    /// Every Annex A control the SoA does not exclude, in scope
    #[arg(long = "annex-a")]
    pub annex_a: bool,
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
        annex_a,
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
    let mut scope_controls: Vec<String> = Vec::new();
    for c in controls {
        match expand_objective(&c) {
            Some(group) => scope_controls.extend(group),
            None => {
                scope_controls.push(ask.choose("control", "control", Some(c), &control_choices)?)
            }
        }
    }
    if annex_a {
        let applicable = applicable_controls(&view);
        if applicable.is_empty() {
            return Err(fail(
                "--annex-a: the SoA excludes every Annex A control, so none is in scope",
                "name the controls with --control, or review the exclusions with `aims control list`",
            ));
        }
        scope_controls.extend(applicable);
    }
    let mut controls: Vec<String> = Vec::new();
    for c in scope_controls {
        if !controls.contains(&c) {
            controls.push(c);
        }
    }
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

/// The controls under an Annex A control objective (`A.2`, `A.6`, `A.6.1`), in Annex A
/// order; `None` when `id` names no objective.
fn expand_objective(id: &str) -> Option<Vec<String>> {
    let objective = catalog::OBJECTIVES
        .iter()
        .find(|o| o.id.eq_ignore_ascii_case(id))?;
    let under = format!("{}.", objective.id);
    Some(
        catalog::CONTROLS
            .iter()
            .filter(|c| c.objective == objective.id || c.objective.starts_with(&under))
            .map(|c| c.id.to_string())
            .collect(),
    )
}

/// Every Annex A control the SoA does not exclude: those `audit-coverage` asks an
/// audit of the cycle to cover once decided, and those not decided yet.
fn applicable_controls(view: &crate::view::View<'_>) -> Vec<String> {
    view.controls
        .iter()
        .filter(|c| c.annex.is_some() && c.state != SoaState::Excluded)
        .map(|c| c.id.to_string())
        .collect()
}
