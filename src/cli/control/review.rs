//! `aims control review`

use std::io::{IsTerminal, Write as _};

use anyhow::Result;
use clap::Args;

use super::set::Decision;
use crate::author::batch::{self, Write};
use crate::author::soa::draft_justification;
use crate::catalog;
use crate::cli::authoring::announce_all;
use crate::cli::authoring::author_error;
use crate::cli::output::safe;
use crate::cli::prompt::{Asker, Choice};
use crate::cli::{Context, Outcome, choices, fail};
use crate::model::Kind;
use crate::view::SoaState;

/// Walk every control without a decision, in Annex A order, and decide each
///
/// For each control it shows the objective, the title, the risks citing it and the
/// risk categories suggesting it, and asks whether it applies, why, its status and
/// its owner. A justification drafted from the citing risks is offered to accept
/// (Enter) or rewrite. Answer `skip` to leave a control for later and `quit` to stop;
/// the decisions made are written together at the end. Needs a terminal; without
/// one, use `aims control set`.
#[derive(Debug, Args)]
pub struct ReviewArgs {}

pub fn run(ctx: &Context, args: ReviewArgs) -> Result<Outcome> {
    let ReviewArgs {} = args;
    let authoring = ctx.open_for_authoring()?;
    let view = authoring.view(ctx);
    let open: Vec<_> = view
        .controls
        .iter()
        .filter(|c| c.annex.is_some() && c.state == SoaState::NoDecision)
        .collect();
    if open.is_empty() {
        eprintln!("every Annex A control has a decision; change one with `aims control set`");
        return Ok(Outcome::Clean);
    }
    let mut ask = Asker::from_terminal();
    if !ask.interactive() || !std::io::stdin().is_terminal() {
        return Err(fail(
            format!(
                "`aims control review` asks in a terminal; {} control{} have no decision",
                open.len(),
                if open.len() == 1 { "" } else { "s" }
            ),
            format!(
                "decide them with flags: `aims control set {} --applicable yes|no --justification TEXT [--status planned]`",
                open.iter().map(|c| c.id).collect::<Vec<_>>().join(" ")
            ),
        ));
    }
    let roles = choices::roles(&authoring.register);
    let statuses = ["planned", "partial", "implemented"].map(|s| Choice::new(s, ""));
    let mut decided: Vec<(String, Decision)> = Vec::new();
    for (n, control) in open.iter().enumerate() {
        let annex = control.annex.expect("only Annex A controls are walked");
        let objective = catalog::objective(annex.objective).map_or("", |o| o.title);
        let mut err = std::io::stderr().lock();
        writeln!(err)?;
        writeln!(
            err,
            "[{}/{}] {} {}",
            n + 1,
            open.len(),
            annex.id,
            annex.title
        )?;
        writeln!(err, "  objective: {} {objective}", annex.objective)?;
        let citing: Vec<String> = control
            .risks
            .iter()
            .filter_map(|id| view.risk(id))
            .map(|r| format!("{} {}", r.id(), safe(&r.risk.title)))
            .collect();
        match citing.is_empty() {
            true => writeln!(err, "  cited by no risk")?,
            false => writeln!(err, "  cited by: {}", citing.join("; "))?,
        }
        if !control.suggested_by.is_empty() {
            writeln!(
                err,
                "  suggested by the categories: {}",
                control.suggested_by.join(", ")
            )?;
        }
        drop(err);
        let relevant = !control.risks.is_empty() || !control.suggested_by.is_empty();
        let answer = ask.ask_until(
            &format!(
                "applicable? yes, no, skip or quit{}: ",
                if relevant { " [yes]" } else { "" }
            ),
            |a| match (a.to_ascii_lowercase().as_str(), relevant) {
                ("y" | "yes", _) | ("", true) => Ok("yes"),
                ("n" | "no", _) => Ok("no"),
                ("s" | "skip", _) => Ok("skip"),
                ("q" | "quit", _) => Ok("quit"),
                _ => Err("answer yes, no, skip or quit".to_string()),
            },
        )?;
        match answer {
            "skip" => continue,
            "quit" => break,
            _ => {}
        }
        let applicable = answer == "yes";
        let draft = applicable
            .then(|| draft_justification(&view, control))
            .flatten();
        let question = match applicable {
            true => "why it applies",
            false => "why it is excluded",
        };
        let justification = ask.text_or("justification", question, None, draft.as_deref())?;
        let (status, owner) = match applicable {
            true => {
                let status = ask.choose_or("status", "status", None, &statuses, Some("planned"))?;
                let owner_default = control
                    .risks
                    .first()
                    .and_then(|id| view.risk(id))
                    .map(|r| r.risk.owner.clone());
                let owner = ask.choose_or(
                    "owner",
                    "owner role",
                    None,
                    &roles,
                    owner_default.as_deref(),
                )?;
                (Some(status), Some(owner))
            }
            false => (None, None),
        };
        decided.push((
            annex.id.to_string(),
            Decision {
                applicable: Some(applicable),
                justification: Some(justification),
                status,
                owner,
                evidence: Vec::new(),
                verified: None,
                title: None,
                description: None,
            },
        ));
    }
    drop(view);
    if decided.is_empty() {
        eprintln!("no decision made; nothing was written");
        return Ok(Outcome::Clean);
    }
    let writes: Vec<Write<'_>> = decided
        .iter()
        .map(|(id, decision)| Write::Create {
            kind: Kind::Control,
            id: id.clone(),
            text: decision.document(id),
        })
        .collect();
    let written = batch::write_all(&authoring.register, writes).map_err(author_error)?;
    announce_all(ctx, &authoring, "created", &written)?;
    Ok(Outcome::Clean)
}
