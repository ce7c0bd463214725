//! `aims audit finding set`

use anyhow::Result;
use clap::Args;

use crate::author::{self, Change};
use crate::cli::authoring::{announce_all, author_error, nothing_to_change};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, fail};
use crate::edit::Node;
use crate::model::{FindingKind, Kind};

/// Change a finding of an audit: link the incident that carries a nonconformity, or
/// change its grade, clause, control or description
///
/// For example `aims audit finding set AUD-2026-1 F1 --incident INC-2026-004`. Linking
/// an incident records the finding as that incident's `source`, both files or neither;
/// an incident the finding was linked to before loses that `source`.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The audit
    pub audit: String,
    /// The finding (F1, F2, ...)
    pub finding: String,
    /// For a nonconformity: the incident (kind nonconformity) that carries it
    #[arg(long, value_name = "ID")]
    pub incident: Option<String>,
    /// For a nonconformity: major or minor
    #[arg(long, value_parser = ["major", "minor"])]
    pub grade: Option<String>,
    /// The clause it is about (replaces a control)
    #[arg(long, conflicts_with = "control")]
    pub clause: Option<String>,
    /// The control it is about (replaces a clause)
    #[arg(long)]
    pub control: Option<String>,
    /// What was found
    #[arg(long)]
    pub description: Option<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        audit,
        finding,
        incident,
        grade,
        clause,
        control,
        description,
    } = args;
    if incident.is_none()
        && grade.is_none()
        && clause.is_none()
        && control.is_none()
        && description.is_none()
    {
        return Err(nothing_to_change(
            "--incident, --grade, --clause, --control, --description",
        ));
    }
    let authoring = ctx.open_for_authoring()?;
    let view = authoring.view(ctx);
    let found = super::super::find(&view, &audit)?;
    let findings = &found.audit.findings;
    let Some(i) = findings.iter().position(|f| f.id == finding) else {
        return Err(crate::cli::not_found_of(
            "finding",
            &finding,
            &audit,
            findings.iter().map(|f| f.id.as_str()),
            &format!("aims audit show {audit}"),
        ));
    };
    let current = &findings[i];
    let kind = match current.kind {
        FindingKind::Nonconformity => "nonconformity",
        FindingKind::Observation => "observation",
        FindingKind::Opportunity => "opportunity",
    };
    if grade.is_some() && current.kind != FindingKind::Nonconformity {
        return Err(fail(
            format!("`{finding}` is an {kind}, which has no grade"),
            "`--grade` grades nonconformities only",
        ));
    }
    if let Some(c) = &clause {
        super::super::check_clauses(std::slice::from_ref(c))?;
    }
    let control = control
        .map(|c| {
            Asker::from_terminal().choose(
                "control",
                "control",
                Some(c),
                &crate::cli::choices::controls(&view),
            )
        })
        .transpose()?;
    let source = format!("{audit}/{finding}");
    if let Some(incident) = &incident {
        super::check_incident(&view, kind, incident, &source)?;
    }
    // The incident linked before, when another is linked now and it names this finding.
    let unlinked = current
        .incident
        .as_deref()
        .filter(|old| incident.as_deref().is_some_and(|new| new != *old))
        .filter(|old| {
            view.incident(old)
                .and_then(|i| i.incident.source.as_deref())
                == Some(source.as_str())
        })
        .map(str::to_string);
    let here = format!("/findings/{i}");
    let (had_clause, had_control) = (current.clause.is_some(), current.control.is_some());
    drop(view);
    let mut changes: Vec<(Kind, &str, Change<'_>)> = vec![(
        Kind::Audit,
        audit.as_str(),
        Box::new(|e| {
            let text = |key: &str, value: &Option<String>| -> Option<(String, Node)> {
                value
                    .as_ref()
                    .map(|v| (format!("{here}/{key}"), Node::text(v)))
            };
            for (pointer, node) in [
                text("grade", &grade),
                text("clause", &clause),
                text("control", &control),
                text("description", &description),
                text("incident", &incident),
            ]
            .into_iter()
            .flatten()
            {
                e.set(&pointer, &node)?;
            }
            // A finding is about a clause or a control, not both.
            if clause.is_some() && had_control {
                e.remove(&format!("{here}/control"))?;
            }
            if control.is_some() && had_clause {
                e.remove(&format!("{here}/clause"))?;
            }
            Ok(())
        }),
    )];
    if let Some(incident) = &incident {
        let node = Node::text(&source);
        changes.push((
            Kind::Incident,
            incident.as_str(),
            Box::new(move |e| e.set("/source", &node)),
        ));
    }
    if let Some(old) = &unlinked {
        changes.push((
            Kind::Incident,
            old.as_str(),
            Box::new(|e| e.remove("/source")),
        ));
    }
    let written = author::edit_together(&authoring.register, changes).map_err(author_error)?;
    announce_all(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
