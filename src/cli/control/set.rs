//! `aims control set`

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use crate::author;
use crate::catalog;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, YesNo, choices, parse_date};
use crate::edit::Node;
use crate::model::{FileKind, Kind};

/// Record the SoA decision on a control: create it, or change only the fields given
///
/// For example `aims control set A.6.2.4 --applicable yes --justification "..." --status
/// implemented --owner ml-lead --evidence evidence/validation.md`.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// Annex A control id (`aims catalog controls`) or a custom control id
    pub id: String,
    /// Whether the control applies
    #[arg(long, value_enum)]
    pub applicable: Option<YesNo>,
    /// Why the control is included or excluded
    #[arg(long)]
    pub justification: Option<String>,
    /// Implementation status of an applicable control
    #[arg(long, value_parser = ["planned", "partial", "implemented"])]
    pub status: Option<String>,
    /// Role that owns the control
    #[arg(long)]
    pub owner: Option<String>,
    /// Evidence file or URL to add (repeatable)
    #[arg(long = "evidence", value_name = "PATH|URL")]
    pub evidence: Vec<String>,
    /// Date the control was last checked to work
    #[arg(long, value_parser = parse_date)]
    pub verified: Option<NaiveDate>,
    /// Title of a custom control
    #[arg(long)]
    pub title: Option<String>,
    /// Description of a custom control
    #[arg(long)]
    pub description: Option<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        applicable,
        justification,
        status,
        owner,
        evidence,
        verified,
        title,
        description,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let owner = match owner {
        Some(o) => Some(Asker::from_terminal().choose(
            "owner",
            "owner role",
            Some(o),
            &choices::roles(register),
        )?),
        None => None,
    };
    let applicable = applicable.map(|a| a == YesNo::Yes);
    let exists = register
        .documents
        .iter()
        .any(|d| d.kind == FileKind::Entity(Kind::Control) && d.stem == id);
    let annex_a = catalog::control(&id);

    if exists {
        if applicable.is_none()
            && [&justification, &status, &owner, &title, &description]
                .iter()
                .all(|v| v.is_none())
            && evidence.is_empty()
            && verified.is_none()
        {
            bail!(
                "nothing to change; give at least one of --applicable, --justification, --status, --owner, --evidence, --verified"
            );
        }
        let written = author::edit(register, Kind::Control, &id, |e| {
            if let Some(a) = applicable {
                e.set("/applicable", &Node::Scalar(json!(a)))?;
            }
            for (pointer, value) in [
                ("/justification", &justification),
                ("/status", &status),
                ("/owner", &owner),
                ("/title", &title),
                ("/description", &description),
            ] {
                if let Some(value) = value {
                    e.set(pointer, &Node::text(value))?;
                }
            }
            for item in &evidence {
                e.push("/evidence", &Node::text(item))?;
            }
            if let Some(v) = verified {
                e.set("/verified", &Node::text(v.to_string()))?;
            }
            Ok(())
        })
        .map_err(author_error)?;
        announce(ctx, &authoring, "updated", &written)?;
        return Ok(Outcome::Clean);
    }

    let mut ask = Asker::from_terminal();
    let yes_no = [
        crate::cli::prompt::Choice::new("yes", "the control applies"),
        crate::cli::prompt::Choice::new("no", "excluded, with a justification"),
    ];
    let applicable = match applicable {
        Some(a) => a,
        None => ask.choose("applicable", "is the control applicable", None, &yes_no)? == "yes",
    };
    let justification = ask.text("justification", "justification", justification)?;
    let (title, description) = match annex_a {
        Some(_) => (title, description),
        None => (
            Some(ask.text("title", "title of the custom control", title)?),
            Some(ask.text(
                "description",
                "description of the custom control",
                description,
            )?),
        ),
    };
    ask.finish()?;
    let written = author::create(register, Kind::Control, Some(&id), &id, |id| {
        let mut fields = vec![
            ("id".to_string(), Node::text(id)),
            ("applicable".to_string(), Node::Scalar(json!(applicable))),
        ];
        for (key, value) in [
            ("title", &title),
            ("description", &description),
            ("justification", &Some(justification.clone())),
            ("status", &status),
            ("owner", &owner),
        ] {
            if let Some(value) = value {
                fields.push((key.to_string(), Node::text(value)));
            }
        }
        if !evidence.is_empty() {
            fields.push((
                "evidence".to_string(),
                Node::Seq(evidence.iter().map(Node::text).collect()),
            ));
        }
        if let Some(v) = verified {
            fields.push(("verified".to_string(), Node::text(v.to_string())));
        }
        Node::Map(fields).document()
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "created", &written)?;
    Ok(Outcome::Clean)
}
