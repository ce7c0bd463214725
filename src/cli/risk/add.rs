//! `aims risk add`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author::acceptance::NewAcceptance;
use crate::author::actions::{ActionList, NewAction};
use crate::author::{self, NewRisk};
use crate::cli::authoring::{announce, author_error, focus};
use crate::cli::prompt::{Asker, Choice};
use crate::cli::{Context, Outcome, choices};
use crate::model::{ActionStatus, Kind, Residual, RiskKind, RiskScope};
use crate::register::Register;

/// Add a risk to the register, asking in a terminal for whatever is not given
///
/// Prints the file it wrote, then what `aims check` says about the new risk. In a
/// terminal it also asks why the risk scores as it does and then, above the
/// acceptance threshold, for the treatment and its first action, or, at or below it,
/// whether an approver accepts the risk: so that one command can leave the risk
/// complete.
///
/// A risk of the management system itself (clause 6.1.1, such as dependence on one
/// person) takes `--scope aims` and no system; an opportunity takes `--kind
/// opportunity`: it is scored the same way and needs no treatment.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Short statement of the risk
    #[arg(long)]
    pub title: Option<String>,
    /// What the risk concerns: AI systems, or the management system itself (default: system)
    #[arg(long, value_parser = ["system", "aims"])]
    pub scope: Option<String>,
    /// A risk, or an opportunity (clause 6.1.1) (default: risk)
    #[arg(long, value_parser = ["risk", "opportunity"])]
    pub kind: Option<String>,
    /// AI system the risk concerns (repeatable; none with `--scope aims`)
    #[arg(long = "system", value_name = "ID")]
    pub systems: Vec<String>,
    /// Risk category (`aims catalog categories`, or one from aims.yaml)
    #[arg(long)]
    pub category: Option<String>,
    /// Likelihood level, as a number or a scale label
    #[arg(long)]
    pub likelihood: Option<String>,
    /// Consequence level, as a number or a scale label
    #[arg(long)]
    pub consequence: Option<String>,
    /// Why the risk is scored as it is
    #[arg(long)]
    pub rationale: Option<String>,
    /// Role that owns the risk
    #[arg(long)]
    pub owner: Option<String>,
    /// Control treating the risk (repeatable)
    #[arg(long = "control", value_name = "ID")]
    pub controls: Vec<String>,
    /// What causes the risk
    #[arg(long)]
    pub cause: Option<String>,
    /// The event that could happen
    #[arg(long)]
    pub event: Option<String>,
    /// What the event would lead to
    #[arg(long = "consequence-text", value_name = "TEXT")]
    pub consequence_text: Option<String>,
    /// Treatment option
    #[arg(long, value_parser = ["avoid", "mitigate", "transfer", "accept"])]
    pub treatment: Option<String>,
    /// Id of the new risk (default: the next in the register's sequence)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        title,
        scope,
        kind,
        systems,
        category,
        likelihood,
        consequence,
        rationale,
        owner,
        controls,
        cause,
        event,
        consequence_text,
        treatment,
        id,
    } = args;
    let authoring = ctx.open_for_authoring_in(focus(Kind::Risk, &[]))?;
    let (register, scoring) = (&authoring.register, &authoring.scoring);
    let view = authoring.view(ctx);
    let mut ask = Asker::from_terminal();
    let title = ask.text("title", "title", title)?;
    let scope = match (scope, systems.is_empty() && ask.interactive()) {
        (Some(scope), _) => scope,
        (None, true) => {
            // Without a system, only the management system can be concerned.
            let default = match register.systems.is_empty() {
                true => "aims",
                false => "system",
            };
            ask.choose_or("scope", "what it concerns", None, &scopes(), Some(default))?
        }
        (None, false) => "system".to_string(),
    };
    let kind = match (kind, ask.interactive()) {
        (Some(kind), _) => kind,
        (None, true) => ask.choose_or("kind", "kind", None, &kinds(), Some("risk"))?,
        (None, false) => "risk".to_string(),
    };
    let (scope, kind) = (
        (scope == "aims").then_some(RiskScope::Aims),
        match kind.as_str() {
            "opportunity" => RiskKind::Opportunity,
            _ => RiskKind::Risk,
        },
    );
    let systems = match scope {
        Some(_) if !systems.is_empty() => {
            return Err(crate::cli::fail(
                "--system was given with --scope aims; nothing was written",
                "a risk of the management system itself concerns no AI system: drop --system, or use --scope system",
            ));
        }
        Some(_) => Vec::new(),
        None if register.systems.is_empty() => {
            return Err(crate::cli::fail(
                "the register has no AI systems yet; a risk of `--scope system` concerns at least one",
                "add one first with `aims system add`, or give `--scope aims` for a risk of the management system itself (clause 6.1.1)",
            ));
        }
        None => ask.choose_many("system", "AI system", systems, &choices::systems(register))?,
    };
    let category = ask.choose(
        "category",
        "category",
        category,
        &choices::categories(&view),
    )?;
    let likelihood = ask.choose(
        "likelihood",
        "likelihood",
        likelihood,
        &choices::likelihood(scoring),
    )?;
    let consequence = ask.choose(
        "consequence",
        "consequence",
        consequence,
        &choices::consequence(scoring),
    )?;
    let owner = ask.choose("owner", "owner role", owner, &choices::roles(register))?;
    let control_choices = choices::controls(&view);
    let controls: Vec<String> = controls
        .into_iter()
        .map(|c| ask.choose("control", "control", Some(c), &control_choices))
        .collect::<Result<_>>()?;
    let (likelihood, consequence) = (level(&likelihood), level(&consequence));
    let mut rationale = rationale;
    let mut treatment = treatment.map(|option| (option, None));
    let mut actions = Vec::new();
    let mut acceptance = None;
    if ask.interactive() {
        rationale = Some(ask.text("rationale", "why it scores so", rationale)?);
        if treatment.is_none()
            && kind == RiskKind::Risk
            && let Ok(rating) = scoring.rate(likelihood, consequence)
        {
            let decided = decide(
                &mut ask,
                register,
                &owner,
                (likelihood, consequence),
                scoring.describe(&rating),
                !scoring.acceptable(&rating),
                scoring.threshold_text(),
                ctx.today,
            )?;
            (treatment, actions, acceptance) = decided;
        }
    }
    ask.finish()?;

    let risk = NewRisk {
        title,
        kind,
        scope,
        systems,
        category,
        cause,
        event,
        consequence_text,
        owner,
        identified: None,
        likelihood,
        consequence,
        rationale,
        controls,
        treatment,
        actions,
        acceptance,
        reviewed: None,
        x: Vec::new(),
    };
    let text = |id: &str| risk.document(id, ctx.today);
    let written =
        author::create(register, Kind::Risk, id.as_deref(), "R-001", text).map_err(author_error)?;
    announce(ctx, &authoring, "created", &written)?;
    Ok(Outcome::Clean)
}

/// The treatment decided in a terminal: above the threshold, the option, why, and a
/// first action; at or below it, whether an approver accepts the risk as it stands.
#[allow(clippy::too_many_arguments)]
fn decide(
    ask: &mut Asker,
    register: &Register,
    owner: &str,
    (likelihood, consequence): (u32, u32),
    score: String,
    above: bool,
    threshold: String,
    today: NaiveDate,
) -> Result<Decided> {
    if above {
        eprintln!(
            "the risk scores {score}, above the acceptance threshold {threshold}: it needs a treatment (clause 6.1.3)"
        );
        let options: Vec<Choice> = super::treat::options()
            .into_iter()
            .filter(|o| o.value != "accept")
            .collect();
        let option = ask.choose("treatment", "treatment option", None, &options)?;
        let why = ask.text("treatment-rationale", "why this option", None)?;
        eprintln!("the first action that carries it out:");
        let description = ask.text("description", "what is to be done", None)?;
        let action_owner = ask.choose_or(
            "action-owner",
            "who does it",
            None,
            &choices::roles(register),
            Some(owner),
        )?;
        let due = ask.date("due", "due by", None)?.unwrap_or(today);
        let action = NewAction {
            id: ActionList::Treatment.first_id().to_string(),
            description,
            owner: action_owner,
            due,
            status: ActionStatus::Planned,
        };
        return Ok((Some((option, Some(why))), vec![action], None));
    }
    eprintln!(
        "the risk scores {score}, at or below the acceptance threshold {threshold}: it may be accepted as it stands"
    );
    if !ask.confirm("does an approver accept it", None)? {
        return Ok((None, Vec::new(), None));
    }
    let approvers: Vec<Choice> = register
        .config
        .iter()
        .flat_map(|c| c.value.roles.iter())
        .filter(|r| r.approver)
        .map(|r| Choice::new(&r.id, &r.name))
        .collect();
    let justification = ask.text("justification", "why it may be accepted", None)?;
    let approved_by = ask.choose("by", "the approver accepting it", None, &approvers)?;
    let expires = ask
        .optional("the acceptance expires on (YYYY-MM-DD)", None)?
        .map(|e| crate::cli::parse_date(&e).map_err(anyhow::Error::msg))
        .transpose()?;
    let acceptance = NewAcceptance {
        justification,
        approved_by,
        date: today,
        expires,
        residual: Residual {
            likelihood,
            consequence,
        },
    };
    Ok((
        Some(("accept".to_string(), None)),
        Vec::new(),
        Some(acceptance),
    ))
}

/// A treatment decided when the risk is added: the option and why, the first actions,
/// the acceptance.
type Decided = (
    Option<(String, Option<String>)>,
    Vec<NewAction>,
    Option<NewAcceptance>,
);

/// What a risk may concern.
fn scopes() -> Vec<Choice> {
    vec![
        Choice::new("system", "one or more AI systems"),
        Choice::new("aims", "the management system itself (clause 6.1.1)"),
    ]
}

/// What may be recorded: a risk or an opportunity.
fn kinds() -> Vec<Choice> {
    vec![
        Choice::new(
            "risk",
            "a risk, treated when above the acceptance threshold",
        ),
        Choice::new("opportunity", "an opportunity, pursued rather than treated"),
    ]
}

/// A level chosen from the scale: its number (the choices' values are numbers).
fn level(value: &str) -> u32 {
    value.parse().unwrap_or(0)
}
