//! `aims system screen`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::{open, read};
use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::{Asker, check};
use crate::cli::{Context, Outcome, choices, fail, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Record that risk categories were assessed for a system and no risk was found
///
/// For example `aims system screen chatbot --category safety --rationale "Answers
/// questions only; no physical or health effect"`. Several categories at once, each
/// with its own rationale: `--category "safety=No physical effect" --category
/// "security=No external input"` (a category without `=` takes `--rationale`).
/// Screening a category again replaces its entry, and says what it replaced.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The AI system
    pub id: String,
    /// The risk category assessed, or CATEGORY=RATIONALE (repeatable)
    #[arg(long = "category", value_name = "CATEGORY[=RATIONALE]")]
    pub categories: Vec<String>,
    /// Why no risk arises (for the categories given without one)
    #[arg(long)]
    pub rationale: Option<String>,
    /// Date of the screening (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: ScreenArgs) -> Result<Outcome> {
    let ScreenArgs {
        id,
        categories,
        rationale,
        date,
    } = args;
    let authoring = open(ctx, &id)?;
    let system = read(&authoring, &id)?;
    let view = authoring.view(ctx);
    let options = choices::categories(&view);
    let mut ask = Asker::from_terminal();
    let mut screened: Vec<(String, String)> = Vec::new();
    if categories.is_empty() {
        let category = ask.choose("category", "risk category", None, &options)?;
        let rationale = ask.text("rationale", "why no risk arises in it", rationale.clone())?;
        screened.push((category, rationale));
    }
    let shared = categories.iter().any(|c| !c.contains('='));
    let rationale = match shared {
        true => Some(ask.text("rationale", "why no risk arises in them", rationale)?),
        false if rationale.is_some() => {
            return Err(fail(
                "--rationale was given, but every --category carries its own; nothing was written",
                "give CATEGORY=RATIONALE, or a bare --category with --rationale",
            ));
        }
        false => None,
    };
    for given in &categories {
        let (category, why) = match given.split_once('=') {
            Some((c, why)) => (c.trim(), why.trim().to_string()),
            None => (given.trim(), rationale.clone().unwrap_or_default()),
        };
        let category = check("category", "risk category", category, &options)?;
        if why.is_empty() && !shared {
            return Err(fail(
                format!("--category `{given}` has no rationale; nothing was written"),
                "write CATEGORY=RATIONALE, e.g. safety=No physical or health effect",
            ));
        }
        if screened.iter().any(|(c, _)| *c == category) {
            return Err(fail(
                format!("--category `{category}` is given twice; nothing was written"),
                "give each category once",
            ));
        }
        screened.push((category, why));
    }
    let date = ask.past_date("date", "screened on", date, ctx.today, ctx.today)?;
    ask.finish()?;
    for (category, _) in &screened {
        let risk = view
            .risks
            .iter()
            .find(|r| r.is_open() && r.risk.category == *category && r.risk.systems.contains(&id));
        if let Some(risk) = risk {
            return Err(fail(
                format!(
                    "`{id}` has a risk in `{category}` ({}); a screening records that none was found; nothing was written",
                    risk.id()
                ),
                "the category is covered by the risk; nothing needs screening",
            ));
        }
    }
    drop(view);
    let mut replaced = Vec::new();
    let written = author::edit(&authoring.register, Kind::System, &id, |e| {
        for (category, rationale) in &screened {
            match system
                .screening
                .iter()
                .position(|s| s.category == *category)
            {
                Some(i) => {
                    let old = &system.screening[i];
                    replaced.push(format!(
                        "replaced the screening of {category} of {}: {}",
                        old.date,
                        old.rationale.trim()
                    ));
                    e.set(
                        &format!("/screening/{i}/date"),
                        &Node::text(date.to_string()),
                    )?;
                    e.set(&format!("/screening/{i}/rationale"), &Node::text(rationale))?;
                }
                None => e.push(
                    "/screening",
                    &Node::Map(vec![
                        ("category".to_string(), Node::text(category)),
                        ("date".to_string(), Node::text(date.to_string())),
                        ("rationale".to_string(), Node::text(rationale)),
                    ]),
                )?,
            }
        }
        Ok(())
    })
    .map_err(author_error)?;
    for line in &replaced {
        crate::cli::output::note(crate::cli::output::safe(line));
    }
    let names: Vec<&str> = screened.iter().map(|(c, _)| c.as_str()).collect();
    announce(
        ctx,
        &authoring,
        &format!("screened {} in", names.join(", ")),
        &written,
    )?;
    Ok(Outcome::Clean)
}
