//! `aims control set`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use crate::author::batch::{self, Write};
use crate::author::{self, Written};
use crate::catalog;
use crate::cli::authoring::{announce_each, author_error, focus};
use crate::cli::prompt::{Asker, Choice, refuse_future};
use crate::cli::{Context, Outcome, YesNo, fail, parse_date};
use crate::edit::{EditError, Editor, Node};
use crate::model::Kind;

/// Record the SoA decision on one or more controls: create it, or change only the
/// fields given
///
/// For example `aims control set A.6.2.4 --applicable yes --justification "..." --status
/// implemented --owner ml-lead --evidence evidence/validation.md`, or several at once:
/// `aims control set A.2.2 A.2.3 A.2.4 --applicable yes --justification "..."`. Several
/// controls are written all together or not at all.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// Annex A control ids (`aims catalog controls`) or custom control ids
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
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

/// The decision's values, as given or answered.
#[derive(Debug, Clone)]
pub struct Decision {
    pub applicable: Option<bool>,
    pub justification: Option<String>,
    pub status: Option<String>,
    pub owner: Option<String>,
    pub evidence: Vec<String>,
    pub verified: Option<NaiveDate>,
    pub title: Option<String>,
    pub description: Option<String>,
}

impl Decision {
    fn is_empty(&self) -> bool {
        self.applicable.is_none()
            && [
                &self.justification,
                &self.status,
                &self.owner,
                &self.title,
                &self.description,
            ]
            .iter()
            .all(|v| v.is_none())
            && self.evidence.is_empty()
            && self.verified.is_none()
    }

    /// The changes to an existing decision's file.
    fn edit(&self, e: &mut Editor) -> Result<(), EditError> {
        if let Some(a) = self.applicable {
            e.set("/applicable", &Node::Scalar(json!(a)))?;
        }
        for (pointer, value) in [
            ("/justification", &self.justification),
            ("/status", &self.status),
            ("/owner", &self.owner),
            ("/title", &self.title),
            ("/description", &self.description),
        ] {
            if let Some(value) = value {
                e.set(pointer, &Node::text(value))?;
            }
        }
        for item in &self.evidence {
            e.push("/evidence", &Node::text(item))?;
        }
        if let Some(v) = self.verified {
            e.set("/verified", &Node::text(v.to_string()))?;
        }
        Ok(())
    }

    /// The text of a new decision's file.
    pub fn document(&self, id: &str) -> String {
        let mut fields = vec![("id".to_string(), Node::text(id))];
        for (key, value) in [("title", &self.title), ("description", &self.description)] {
            if let Some(value) = value {
                fields.push((key.to_string(), Node::text(value)));
            }
        }
        fields.push((
            "applicable".to_string(),
            Node::Scalar(json!(self.applicable.unwrap_or(true))),
        ));
        for (key, value) in [
            ("justification", &self.justification),
            ("status", &self.status),
            ("owner", &self.owner),
        ] {
            if let Some(value) = value {
                fields.push((key.to_string(), Node::text(value)));
            }
        }
        if !self.evidence.is_empty() {
            fields.push((
                "evidence".to_string(),
                Node::Seq(self.evidence.iter().map(Node::text).collect()),
            ));
        }
        if let Some(v) = self.verified {
            fields.push(("verified".to_string(), Node::text(v.to_string())));
        }
        Node::Map(fields).document()
    }
}

/// Refuses an id written like an Annex A control that is none (`A.6.2.44`, `a.6.2.4`).
pub fn refuse_outside_annex_a(id: &str) -> Result<()> {
    if !catalog::in_annex_a_namespace(id) || catalog::control(id).is_some() {
        return Ok(());
    }
    let hint = match crate::suggest::closest(id, catalog::CONTROLS.iter().map(|c| c.id)) {
        Some(s) => format!("did you mean `{s}`? A custom control takes an id outside the Annex A namespace"),
        None => "list the Annex A controls with `aims catalog controls`; a custom control takes an id outside the Annex A namespace".to_string(),
    };
    Err(fail(format!("`{id}` is not an Annex A control"), hint))
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        ids,
        applicable,
        justification,
        status,
        owner,
        evidence,
        verified,
        title,
        description,
    } = args;
    let mut ids_unique: Vec<String> = Vec::new();
    for id in ids {
        refuse_outside_annex_a(&id)?;
        if !ids_unique.contains(&id) {
            ids_unique.push(id);
        }
    }
    let ids = ids_unique;
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let authoring = ctx.open_for_authoring_in(focus(Kind::Control, &refs))?;
    let register = &authoring.register;
    let owner = owner.map(|o| authoring.role("owner", &o)).transpose()?;
    if let Some(v) = verified {
        refuse_future("verified", v, ctx.today)?;
    }
    authoring.refuse_missing_evidence(&evidence, &ids.join(" "))?;
    let mut given = Decision {
        applicable: applicable.map(|a| a == YesNo::Yes),
        justification,
        status,
        owner,
        evidence,
        verified,
        title,
        description,
    };
    let new: Vec<&String> = ids
        .iter()
        .filter(|id| register.document_of(Kind::Control, id).is_none())
        .collect();
    if new.len() < ids.len() && given.is_empty() {
        return Err(fail(
            "nothing to change",
            "give at least one of --applicable, --justification, --status, --owner, --evidence, --verified",
        ));
    }
    if !new.is_empty() {
        // A new decision needs whether it applies and why; a custom control its title.
        let mut ask = Asker::from_terminal();
        let yes_no = [
            Choice::new("yes", "the control applies"),
            Choice::new("no", "excluded, with a justification"),
        ];
        if given.applicable.is_none() {
            let answer = ask.choose("applicable", "is the control applicable", None, &yes_no)?;
            given.applicable = Some(answer == "yes");
        }
        given.justification =
            Some(ask.text("justification", "justification", given.justification)?);
        if new.iter().any(|id| catalog::control(id).is_none()) {
            given.title = Some(ask.text("title", "title of the custom control", given.title)?);
            given.description = Some(ask.text(
                "description",
                "description of the custom control",
                given.description,
            )?);
        }
        ask.finish()?;
    }
    let verb = |id: &str| match new.iter().any(|n| *n == id) {
        true => "created",
        false => "updated",
    };
    let written: Vec<Written> = if ids.len() == 1 {
        let id = &ids[0];
        let result = match new.is_empty() {
            true => author::edit(register, Kind::Control, id, |e| given.edit(e)),
            false => author::create(register, Kind::Control, Some(id), id, |id| {
                given.document(id)
            }),
        };
        vec![result.map_err(author_error)?]
    } else {
        let writes: Vec<Write<'_>> = ids
            .iter()
            .map(|id| match new.contains(&id) {
                true => Write::Create {
                    kind: Kind::Control,
                    id: id.clone(),
                    text: given.document(id),
                },
                false => Write::Edit {
                    kind: Kind::Control,
                    id: id.clone(),
                    change: Box::new(|e: &mut Editor| given.edit(e)),
                },
            })
            .collect();
        batch::write_all(register, writes).map_err(author_error)?
    };
    let each: Vec<(&str, &Written)> = written.iter().map(|w| (verb(&w.id), w)).collect();
    announce_each(ctx, &authoring, &each)?;
    Ok(Outcome::Clean)
}
