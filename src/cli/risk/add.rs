//! `aims risk add`

use anyhow::Result;
use clap::Args;

use crate::author::{self, NewRisk};
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, choices};
use crate::model::Kind;

/// Add a risk to the register, asking in a terminal for whatever is not given
///
/// Prints the file it wrote, then what `aims check` says about the new risk.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Short statement of the risk
    #[arg(long)]
    pub title: Option<String>,
    /// AI system the risk concerns (repeatable)
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
    let authoring = ctx.open_for_authoring()?;
    let (register, scoring) = (&authoring.register, &authoring.scoring);
    if register.systems.is_empty() {
        return Err(crate::cli::fail(
            "the register has no AI systems yet; a risk concerns at least one",
            "add one first with `aims system add`",
        ));
    }
    let view = authoring.view(ctx);
    let mut ask = Asker::from_terminal();
    let title = ask.text("title", "title", title)?;
    let systems = ask.choose_many("system", "AI system", systems, &choices::systems(register))?;
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
    ask.finish()?;

    let risk = NewRisk {
        title,
        systems,
        category,
        cause,
        event,
        consequence_text,
        owner,
        identified: None,
        likelihood: level(&likelihood),
        consequence: level(&consequence),
        rationale,
        controls,
        treatment: treatment.map(|option| (option, None)),
        reviewed: None,
        x: Vec::new(),
    };
    let text = |id: &str| risk.document(id, ctx.today);
    let written =
        author::create(register, Kind::Risk, id.as_deref(), "R-001", text).map_err(author_error)?;
    announce(ctx, &authoring, "created", &written)?;
    Ok(Outcome::Clean)
}

/// A level chosen from the scale: its number (the choices' values are numbers).
fn level(value: &str) -> u32 {
    value.parse().unwrap_or(0)
}
