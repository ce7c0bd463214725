//! `aims clause set`

use anyhow::Result;
use clap::Args;

use crate::author;
use crate::catalog;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::{Asker, Choice};
use crate::cli::{Context, Outcome, fail};
use crate::edit::Node;
use crate::model::{FileKind, Kind};

/// State how a clause is addressed where no record of the register evidences it
///
/// For example `aims clause set 7.3 --status implemented --statement "Everyone who
/// builds or oversees an AI system completes the responsible-AI module yearly"
/// --evidence evidence/training-records.md`. Writes `clauses/<id>.yaml`; given again,
/// changes only what is given and adds the evidence.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The clause, 4.1 to 10.2 (`aims catalog clauses`)
    pub id: String,
    /// How far it is addressed
    #[arg(long, value_parser = ["planned", "partial", "implemented"])]
    pub status: Option<String>,
    /// How it is addressed
    #[arg(long)]
    pub statement: Option<String>,
    /// What shows it: a path in the register or a URL (repeatable)
    #[arg(long = "evidence", value_name = "PATH|URL")]
    pub evidence: Vec<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        status,
        statement,
        evidence,
    } = args;
    if !catalog::clause_by_id(&id).is_some_and(|c| c.assessed) {
        let known = catalog::CLAUSES.iter().filter(|c| c.assessed).map(|c| c.id);
        return Err(crate::cli::not_found(
            "clause",
            &id,
            known,
            "aims catalog clauses",
        ));
    }
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let exists = register
        .documents
        .iter()
        .any(|d| d.kind == FileKind::Entity(Kind::Clause) && d.stem == id);
    if exists {
        if status.is_none() && statement.is_none() && evidence.is_empty() {
            return Err(fail(
                "nothing to change",
                "give at least one of --status, --statement, --evidence",
            ));
        }
        let written = author::edit(register, Kind::Clause, &id, |e| {
            if let Some(status) = &status {
                e.set("/status", &Node::text(status))?;
            }
            if let Some(statement) = &statement {
                e.set("/statement", &Node::text(statement))?;
            }
            for item in &evidence {
                e.push("/evidence", &Node::text(item))?;
            }
            Ok(())
        })
        .map_err(author_error)?;
        announce(ctx, &authoring, "updated", &written)?;
        return Ok(Outcome::Clean);
    }
    let mut ask = Asker::from_terminal();
    let status = ask.choose(
        "status",
        "status",
        status,
        &[
            Choice::new("planned", "decided, not yet in place"),
            Choice::new("partial", "in place in part"),
            Choice::new("implemented", "in place"),
        ],
    )?;
    let statement = ask.text("statement", "how the clause is addressed", statement)?;
    ask.finish()?;
    let written = author::create(register, Kind::Clause, Some(&id), &id, |id| {
        let mut fields = vec![
            ("id".to_string(), Node::text(id)),
            ("status".to_string(), Node::text(&status)),
            ("statement".to_string(), Node::text(&statement)),
        ];
        if !evidence.is_empty() {
            fields.push((
                "evidence".to_string(),
                Node::Seq(evidence.iter().map(Node::text).collect()),
            ));
        }
        Node::Map(fields).document()
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "created", &written)?;
    Ok(Outcome::Clean)
}
