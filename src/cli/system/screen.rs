//! `aims system screen`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::{open, read};
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, choices, fail, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Record that a risk category was assessed for a system and no risk was found
///
/// For example `aims system screen chatbot --category safety --rationale "Answers
/// questions only; no physical or health effect"`. Screening again replaces the
/// category's entry.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The AI system
    pub id: String,
    /// The risk category assessed
    #[arg(long)]
    pub category: Option<String>,
    /// Why no risk arises in it
    #[arg(long)]
    pub rationale: Option<String>,
    /// Date of the screening (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: ScreenArgs) -> Result<Outcome> {
    let ScreenArgs {
        id,
        category,
        rationale,
        date,
    } = args;
    let authoring = open(ctx, &id)?;
    let system = read(&authoring, &id)?;
    let view = authoring.view(ctx);
    let mut ask = Asker::from_terminal();
    let category = ask.choose(
        "category",
        "risk category",
        category,
        &choices::categories(&view),
    )?;
    let rationale = ask.text("rationale", "why no risk arises in it", rationale)?;
    let date = ask.past_date("date", "screened on", date, ctx.today, ctx.today)?;
    ask.finish()?;
    let risks: Vec<&str> = view
        .risks
        .iter()
        .filter(|r| r.is_open() && r.risk.category == category && r.risk.systems.contains(&id))
        .map(|r| r.id())
        .collect();
    if let Some(risk) = risks.first() {
        return Err(fail(
            format!(
                "`{id}` has a risk in `{category}` ({risk}); a screening records that none was found"
            ),
            "the category is covered by the risk; nothing needs screening",
        ));
    }
    let existing = system.screening.iter().position(|s| s.category == category);
    drop(view);
    let entry = Node::Map(vec![
        ("category".to_string(), Node::text(&category)),
        ("date".to_string(), Node::text(date.to_string())),
        ("rationale".to_string(), Node::text(&rationale)),
    ]);
    let written = author::edit(&authoring.register, Kind::System, &id, |e| match existing {
        Some(i) => {
            e.set(
                &format!("/screening/{i}/date"),
                &Node::text(date.to_string()),
            )?;
            e.set(
                &format!("/screening/{i}/rationale"),
                &Node::text(&rationale),
            )
        }
        None => e.push("/screening", &entry),
    })
    .map_err(author_error)?;
    announce(
        ctx,
        &authoring,
        &format!("screened {category} in"),
        &written,
    )?;
    Ok(Outcome::Clean)
}
