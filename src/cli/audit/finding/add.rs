//! `aims audit finding add`

use anyhow::Result;
use clap::Args;

use crate::author::{self, Change};
use crate::cli::authoring::{announce_all, author_error};
use crate::cli::prompt::{Asker, Choice};
use crate::cli::{Context, Outcome, fail};
use crate::edit::Node;
use crate::model::Kind;

/// Add a finding to an audit: a nonconformity, an observation or an opportunity
///
/// A nonconformity is carried by an incident of kind nonconformity that holds its
/// root cause and corrective actions: `--incident` links it, and records the finding
/// as that incident's `source`, both files or neither.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The audit
    pub audit: String,
    /// nonconformity, observation or opportunity
    #[arg(long, value_parser = ["nonconformity", "observation", "opportunity"])]
    pub kind: Option<String>,
    /// For a nonconformity: major or minor
    #[arg(long, value_parser = ["major", "minor"])]
    pub grade: Option<String>,
    /// The clause it is about
    #[arg(long, conflicts_with = "control")]
    pub clause: Option<String>,
    /// The control it is about
    #[arg(long)]
    pub control: Option<String>,
    /// What was found
    #[arg(long)]
    pub description: Option<String>,
    /// For a nonconformity: the incident (kind nonconformity) that carries it
    #[arg(long, value_name = "ID")]
    pub incident: Option<String>,
    /// Id of the finding (default: `F<n>`, the next in the audit)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        audit,
        kind,
        grade,
        clause,
        control,
        description,
        incident,
        id,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let view = authoring.view(ctx);
    let found = super::super::find(&view, &audit)?;
    let mut ask = Asker::from_terminal();
    let kinds: Vec<Choice> = ["nonconformity", "observation", "opportunity"]
        .iter()
        .map(|k| Choice::new(*k, ""))
        .collect();
    let kind = ask.choose("kind", "kind of finding", kind, &kinds)?;
    let grade = if kind == "nonconformity" {
        let grades: Vec<Choice> = ["major", "minor"]
            .iter()
            .map(|g| Choice::new(*g, ""))
            .collect();
        Some(ask.choose("grade", "grade of the nonconformity", grade, &grades)?)
    } else if grade.is_some() {
        return Err(fail(
            format!("an {kind} has no grade"),
            "`--grade` grades nonconformities only",
        ));
    } else {
        None
    };
    let description = ask.text("description", "what was found", description)?;
    let control = control
        .map(|c| {
            ask.choose(
                "control",
                "control",
                Some(c),
                &crate::cli::choices::controls(&view),
            )
        })
        .transpose()?;
    ask.finish()?;
    if let Some(c) = &clause {
        super::super::check_clauses(std::slice::from_ref(c))?;
    }
    let taken: Vec<&str> = found.audit.findings.iter().map(|f| f.id.as_str()).collect();
    let id = match id {
        Some(id) if taken.contains(&id.as_str()) => {
            return Err(fail(
                format!("audit `{audit}` already has a finding `{id}`"),
                "choose another id, or leave `--id` out for the next one",
            ));
        }
        Some(id) => id,
        None => author::next_id(taken, "F1"),
    };
    let source = format!("{audit}/{id}");
    if let Some(incident) = &incident {
        super::check_incident(&view, &kind, incident, &source)?;
    }
    let mut fields = vec![
        ("id".to_string(), Node::text(&id)),
        ("kind".to_string(), Node::text(&kind)),
    ];
    if let Some(grade) = &grade {
        fields.push(("grade".to_string(), Node::text(grade)));
    }
    if let Some(clause) = &clause {
        fields.push(("clause".to_string(), Node::text(clause)));
    }
    if let Some(control) = &control {
        fields.push(("control".to_string(), Node::text(control)));
    }
    fields.push(("description".to_string(), Node::text(&description)));
    if let Some(incident) = &incident {
        fields.push(("incident".to_string(), Node::text(incident)));
    }
    let finding = Node::Map(fields);
    let mut changes: Vec<(Kind, &str, Change<'_>)> = vec![(
        Kind::Audit,
        audit.as_str(),
        Box::new(|e| e.push("/findings", &finding)),
    )];
    if let Some(incident) = &incident {
        let source = Node::text(&source);
        changes.push((
            Kind::Incident,
            incident.as_str(),
            Box::new(move |e| e.set("/source", &source)),
        ));
    }
    let written = author::edit_together(register, changes).map_err(author_error)?;
    // Both files at once: what is said of each depends on the other.
    announce_all(ctx, &authoring, "recorded", &written)?;
    Ok(Outcome::Clean)
}
