//! `aims risk set`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::{open, open_risk};
use crate::author;
use crate::catalog;
use crate::cli::authoring::{ListChange, announce, author_error};
use crate::cli::prompt::{Choice, check, refuse_future};
use crate::cli::{Context, Outcome, choices, fail, parse_date};
use crate::edit::Node;
use crate::model::{Duration, Kind, Risk, RiskScope};

/// Change any other field of a risk: its statement, owner, category, date identified,
/// and the systems, controls, sources, impacts and references it lists
///
/// Lists change item by item: `--add-control A.6.2.4 --remove-control A.7.4`. The
/// assessment changes with `aims risk review`, the treatment with `aims risk treat`,
/// `aims risk action` and `aims risk accept`, the target with `aims risk target`.
/// `--scope aims` makes it a risk of the management system itself and drops its
/// systems; `--scope system` needs `--add-system`.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The risk
    pub id: String,
    /// Short statement of the risk
    #[arg(long)]
    pub title: Option<String>,
    /// What the risk concerns: AI systems, or the management system itself
    #[arg(long, value_parser = ["system", "aims"])]
    pub scope: Option<String>,
    /// A risk, or an opportunity (clause 6.1.1)
    #[arg(long, value_parser = ["risk", "opportunity"])]
    pub kind: Option<String>,
    /// What causes the risk
    #[arg(long)]
    pub cause: Option<String>,
    /// The event that could happen
    #[arg(long)]
    pub event: Option<String>,
    /// What the event would lead to
    #[arg(long = "consequence-text", value_name = "TEXT")]
    pub consequence_text: Option<String>,
    /// Role that owns the risk
    #[arg(long)]
    pub owner: Option<String>,
    /// Risk category
    #[arg(long)]
    pub category: Option<String>,
    /// Date the risk was identified
    #[arg(long, value_parser = parse_date)]
    pub identified: Option<NaiveDate>,
    /// Review cycle of this risk, overriding its band's (e.g. 3m)
    #[arg(long = "review-every", value_name = "DURATION")]
    pub review_every: Option<Duration>,
    /// AI system to add (repeatable)
    #[arg(long = "add-system", value_name = "ID")]
    pub add_systems: Vec<String>,
    /// AI system to remove (repeatable)
    #[arg(long = "remove-system", value_name = "ID")]
    pub remove_systems: Vec<String>,
    /// Control treating the risk to add (repeatable)
    #[arg(long = "add-control", value_name = "ID")]
    pub add_controls: Vec<String>,
    /// Control to remove (repeatable)
    #[arg(long = "remove-control", value_name = "ID")]
    pub remove_controls: Vec<String>,
    /// Annex C risk source to add, C.3.1 to C.3.7 (repeatable)
    #[arg(long = "add-source", value_name = "ID")]
    pub add_sources: Vec<String>,
    /// Annex C risk source to remove (repeatable)
    #[arg(long = "remove-source", value_name = "ID")]
    pub remove_sources: Vec<String>,
    /// Impact assessment to link (repeatable)
    #[arg(long = "add-impact", value_name = "ID")]
    pub add_impacts: Vec<String>,
    /// Impact assessment to unlink (repeatable)
    #[arg(long = "remove-impact", value_name = "ID")]
    pub remove_impacts: Vec<String>,
    /// Id in the information security risk register to add (repeatable)
    #[arg(long = "add-infosec-ref", value_name = "ID")]
    pub add_infosec_refs: Vec<String>,
    /// Information security risk id to remove (repeatable)
    #[arg(long = "remove-infosec-ref", value_name = "ID")]
    pub remove_infosec_refs: Vec<String>,
    /// Affected party to add (repeatable)
    #[arg(long = "add-affected-party", value_name = "TEXT")]
    pub add_affected_parties: Vec<String>,
    /// Affected party to remove (repeatable)
    #[arg(long = "remove-affected-party", value_name = "TEXT")]
    pub remove_affected_parties: Vec<String>,
    /// Consequence area to add (repeatable)
    #[arg(long = "add-consequence-area", value_name = "ID")]
    pub add_consequence_areas: Vec<String>,
    /// Consequence area to remove (repeatable)
    #[arg(long = "remove-consequence-area", value_name = "ID")]
    pub remove_consequence_areas: Vec<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        title,
        scope,
        kind,
        cause,
        event,
        consequence_text,
        owner,
        category,
        identified,
        review_every,
        add_systems,
        remove_systems,
        add_controls,
        remove_controls,
        add_sources,
        remove_sources,
        add_impacts,
        remove_impacts,
        add_infosec_refs,
        remove_infosec_refs,
        add_affected_parties,
        remove_affected_parties,
        add_consequence_areas,
        remove_consequence_areas,
    } = args;
    let authoring = open(ctx, &id)?;
    let view = authoring.view(ctx);
    let risk = open_risk(&view, &id, "change")?.risk;
    let register = &authoring.register;
    let owner = owner.map(|o| authoring.role("owner", &o)).transpose()?;
    let category = category
        .map(|c| check("category", "category", &c, &choices::categories(&view)))
        .transpose()?;
    if let Some(date) = identified {
        refuse_future("identified", date, ctx.today)?;
    }
    let checked = |flag: &str, what: &str, items: &[String], options: &[Choice]| -> Result<()> {
        items
            .iter()
            .try_for_each(|i| check(flag, what, i, options).map(|_| ()))
    };
    // Every system's id is listed, though only those the risk cites are read.
    let systems: Vec<Choice> = view
        .index
        .ids(Kind::System)
        .iter()
        .map(|s| Choice::new(*s, ""))
        .collect();
    checked("add-system", "AI system", &add_systems, &systems)?;
    checked(
        "add-control",
        "control",
        &add_controls,
        &choices::controls(&view),
    )?;
    let sources: Vec<Choice> = catalog::RISK_SOURCES
        .iter()
        .map(|s| Choice::new(s.id, s.title))
        .collect();
    checked("add-source", "Annex C risk source", &add_sources, &sources)?;
    let impacts: Vec<Choice> = view
        .index
        .ids(Kind::Impact)
        .iter()
        .map(|i| Choice::new(*i, ""))
        .collect();
    checked("add-impact", "impact assessment", &add_impacts, &impacts)?;
    let areas = &register
        .config
        .as_ref()
        .map(|c| c.value.criteria.consequence_areas.clone())
        .unwrap_or_default();
    if !areas.is_empty() {
        let areas: Vec<Choice> = areas.iter().map(|a| Choice::new(a, "")).collect();
        checked(
            "add-consequence-area",
            "consequence area",
            &add_consequence_areas,
            &areas,
        )?;
    }
    let scope = scope
        .map(|scope| plan_scope(&id, &scope, risk, &add_systems, &remove_systems))
        .transpose()?;
    let lists = [
        (
            ListChange::new("/systems", "system", add_systems, remove_systems),
            &risk.systems,
        ),
        (
            ListChange::new("/controls", "control", add_controls, remove_controls),
            &risk.controls,
        ),
        (
            ListChange::new("/sources", "source", add_sources, remove_sources),
            &risk.sources,
        ),
        (
            ListChange::new("/impacts", "impact assessment", add_impacts, remove_impacts),
            &risk.impacts,
        ),
        (
            ListChange::new(
                "/infosec_refs",
                "information security reference",
                add_infosec_refs,
                remove_infosec_refs,
            ),
            &risk.infosec_refs,
        ),
        (
            ListChange::new(
                "/affected_parties",
                "affected party",
                add_affected_parties,
                remove_affected_parties,
            ),
            &risk.affected_parties,
        ),
        (
            ListChange::new(
                "/consequence_areas",
                "consequence area",
                add_consequence_areas,
                remove_consequence_areas,
            ),
            &risk.consequence_areas,
        ),
    ];
    let mut list_edits = Vec::new();
    for (change, current) in &lists {
        list_edits.extend(change.plan(&id, current)?);
    }
    let scalars = [
        ("/title", title),
        ("/cause", cause),
        ("/event", event),
        ("/consequence", consequence_text),
        ("/owner", owner),
        ("/category", category),
        ("/identified", identified.map(|d| d.to_string())),
        ("/review/every", review_every.map(|d| d.to_string())),
        ("/kind", kind),
    ];
    if scalars.iter().all(|(_, v)| v.is_none())
        && lists.iter().all(|(c, _)| c.is_empty())
        && scope.is_none()
    {
        return Err(fail(
            "nothing to change",
            "give a field to set (e.g. --title, --owner) or a list item to add or remove (e.g. --add-control)",
        ));
    }
    drop(view);
    let written = author::edit(register, Kind::Risk, &id, |e| {
        for (pointer, value) in &scalars {
            if let Some(value) = value {
                e.set(pointer, &Node::text(value))?;
            }
        }
        list_edits.iter().try_for_each(|edit| edit.apply(e))?;
        match scope {
            Some(Some(RiskScope::Aims)) => {
                e.set("/scope", &Node::text(RiskScope::Aims.as_str()))?;
                if !risk.systems.is_empty() {
                    e.remove("/systems")?;
                }
            }
            Some(None) if risk.scope.is_some() => e.remove("/scope")?,
            _ => {}
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}

/// The scope `--scope` gives the risk (`None`: AI systems), or why it cannot: a risk
/// of the management system lists no system, one of systems lists at least one.
fn plan_scope(
    id: &str,
    scope: &str,
    risk: &Risk,
    add_systems: &[String],
    remove_systems: &[String],
) -> Result<Option<RiskScope>> {
    if scope == "aims" {
        if !add_systems.is_empty() {
            return Err(fail(
                "--add-system was given with --scope aims; nothing was written",
                "a risk of the management system itself concerns no AI system",
            ));
        }
        return Ok(Some(RiskScope::Aims));
    }
    let kept = risk
        .systems
        .iter()
        .filter(|s| !remove_systems.contains(s))
        .count();
    if kept + add_systems.len() == 0 {
        return Err(fail(
            format!("risk `{id}` would concern no AI system; nothing was written"),
            format!(
                "name the systems it concerns: `aims risk set {id} --scope system --add-system ID`"
            ),
        ));
    }
    Ok(None)
}
