//! `aims impact set`

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use super::{dimension_name, open};
use crate::author;
use crate::cli::authoring::{ListChange, ListEdit, announce, author_error};
use crate::cli::prompt::{Choice, check, refuse_future};
use crate::cli::{Context, Outcome, fail, parse_date};
use crate::edit::{EditError, Editor, Node};
use crate::model::{Dimension, Kind};

/// Change an impact assessment: assess a dimension or mark it not applicable, and its
/// reversibility, mitigations and linked risks; the assessor, date and affected groups
///
/// For example `aims impact set IA-chatbot-2026 --dimension "privacy=3x2:Chat logs
/// hold personal data" --reversible privacy=partly --add-mitigation "privacy=Logs
/// purged after 30 days" --add-risk privacy=R-004 --not-applicable "safety=No physical
/// effect"`. Severity and likelihood are levels 1 to 5 (`impact_scales` in aims.yaml).
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The impact assessment
    pub id: String,
    /// Assess a dimension: NAME=SxL:DESCRIPTION (repeatable)
    #[arg(long = "dimension", value_name = "NAME=SxL:TEXT")]
    pub dimensions: Vec<String>,
    /// Mark a dimension not applicable: NAME=REASON (repeatable)
    #[arg(long = "not-applicable", value_name = "NAME=REASON")]
    pub not_applicable: Vec<String>,
    /// Whether a dimension's impact can be reversed: NAME=yes|partly|no (repeatable)
    #[arg(long = "reversible", value_name = "NAME=yes|partly|no")]
    pub reversible: Vec<String>,
    /// Mitigation of a dimension's impact to add: NAME=TEXT (repeatable)
    #[arg(long = "add-mitigation", value_name = "NAME=TEXT")]
    pub add_mitigations: Vec<String>,
    /// Mitigation to remove: NAME=TEXT (repeatable)
    #[arg(long = "remove-mitigation", value_name = "NAME=TEXT")]
    pub remove_mitigations: Vec<String>,
    /// Risk to link to a dimension: NAME=RISK (repeatable)
    #[arg(long = "add-risk", value_name = "NAME=RISK")]
    pub add_risks: Vec<String>,
    /// Risk to unlink: NAME=RISK (repeatable)
    #[arg(long = "remove-risk", value_name = "NAME=RISK")]
    pub remove_risks: Vec<String>,
    /// Role that made the assessment
    #[arg(long)]
    pub assessor: Option<String>,
    /// Date of the assessment
    #[arg(long, value_parser = parse_date)]
    pub assessed: Option<NaiveDate>,
    /// Affected group to add (repeatable)
    #[arg(long = "add-group", value_name = "TEXT")]
    pub add_groups: Vec<String>,
    /// Affected group to remove (repeatable)
    #[arg(long = "remove-group", value_name = "TEXT")]
    pub remove_groups: Vec<String>,
}

/// `NAME=VALUE` as its two parts.
fn pair(flag: &str, text: &str) -> Result<(String, String)> {
    let Some((name, value)) = text.split_once('=') else {
        bail!("--{flag} `{text}`: write NAME=VALUE, e.g. privacy=...");
    };
    Ok((dimension_name(flag, name)?, value.trim().to_string()))
}

/// What happens to one dimension.
#[derive(Debug, Default)]
struct DimensionChange {
    assess: Option<(u32, u32, String)>,
    not_applicable: Option<String>,
    reversible: Option<String>,
    add_mitigations: Vec<String>,
    remove_mitigations: Vec<String>,
    add_risks: Vec<String>,
    remove_risks: Vec<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        dimensions,
        not_applicable,
        reversible,
        add_mitigations,
        remove_mitigations,
        add_risks,
        remove_risks,
        assessor,
        assessed,
        add_groups,
        remove_groups,
    } = args;
    let (authoring, assessment) = open(ctx, &id)?;
    let view = authoring.view(ctx);
    let mut changes: Vec<(String, DimensionChange)> = Vec::new();
    fn change(changes: &mut Vec<(String, DimensionChange)>, name: String) -> &mut DimensionChange {
        let i = match changes.iter().position(|(n, _)| *n == name) {
            Some(i) => i,
            None => {
                changes.push((name, DimensionChange::default()));
                changes.len() - 1
            }
        };
        &mut changes[i].1
    }
    for text in &dimensions {
        let (name, severity, likelihood, description) = super::assessed_dimension(&view, text)?;
        let assess = (severity, likelihood, description);
        change(&mut changes, name).assess = Some(assess);
    }
    for (flag, values) in [
        ("not-applicable", &not_applicable),
        ("reversible", &reversible),
        ("add-mitigation", &add_mitigations),
        ("remove-mitigation", &remove_mitigations),
        ("add-risk", &add_risks),
        ("remove-risk", &remove_risks),
    ] {
        for text in values {
            let (name, value) = pair(flag, text)?;
            let c = change(&mut changes, name);
            match flag {
                "not-applicable" => c.not_applicable = Some(value),
                "reversible" => {
                    let options = ["yes", "partly", "no"].map(|v| Choice::new(v, ""));
                    c.reversible = Some(check(flag, "answer", &value, &options)?);
                }
                "add-mitigation" => c.add_mitigations.push(value),
                "remove-mitigation" => c.remove_mitigations.push(value),
                "add-risk" => {
                    if !view.index.has(crate::model::Kind::Risk, &value) {
                        return Err(crate::cli::not_found(
                            "risk",
                            &value,
                            view.index.ids(crate::model::Kind::Risk).iter().copied(),
                            "aims risk list",
                        ));
                    }
                    c.add_risks.push(value);
                }
                _ => c.remove_risks.push(value),
            }
        }
    }
    let assessor = assessor
        .map(|a| authoring.role("assessor", &a))
        .transpose()?;
    if let Some(date) = assessed {
        refuse_future("assessed", date, ctx.today)?;
    }
    let groups = ListChange::new(
        "/affected_groups",
        "affected group",
        add_groups,
        remove_groups,
    );
    let mut edits: Vec<Edit> = groups
        .plan(&id, &assessment.affected_groups)?
        .into_iter()
        .map(Edit::List)
        .collect();
    for (name, change) in &changes {
        edits.extend(dimension_edits(&id, &assessment.dimensions, name, change)?);
    }
    if edits.is_empty() && assessor.is_none() && assessed.is_none() {
        return Err(fail(
            "nothing to change",
            "give a dimension to assess (--dimension NAME=SxL:TEXT) or mark not applicable, or another field",
        ));
    }
    drop(view);
    let written = author::edit(&authoring.register, Kind::Impact, &id, |e| {
        if let Some(a) = &assessor {
            e.set("/assessor", &Node::text(a))?;
        }
        if let Some(d) = assessed {
            e.set("/assessed", &Node::text(d.to_string()))?;
        }
        edits.iter().try_for_each(|edit| edit.apply(e))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}

/// One edit of the assessment.
enum Edit {
    List(ListEdit),
    Set(String, Node),
    Remove(String),
    Push(String, Node),
}

impl Edit {
    fn apply(&self, e: &mut Editor) -> Result<(), EditError> {
        match self {
            Edit::List(edit) => edit.apply(e),
            Edit::Set(pointer, node) => e.set(pointer, node),
            Edit::Remove(pointer) => e.remove(pointer),
            Edit::Push(pointer, node) => e.push(pointer, node),
        }
    }
}

/// The edits that make dimension `name` what `change` asks.
fn dimension_edits(
    id: &str,
    dimensions: &[Dimension],
    name: &str,
    change: &DimensionChange,
) -> Result<Vec<Edit>> {
    if change.assess.is_some() && change.not_applicable.is_some() {
        bail!("dimension `{name}` cannot be both assessed and not applicable");
    }
    let Some(i) = dimensions.iter().position(|d| d.dimension == name) else {
        // A new dimension: written whole.
        let mut fields = vec![("dimension".to_string(), Node::text(name))];
        match (&change.assess, &change.not_applicable) {
            (Some((s, l, description)), _) => {
                fields.push(("description".to_string(), Node::text(description)));
                fields.push(("severity".to_string(), Node::Scalar(json!(s))));
                fields.push(("likelihood".to_string(), Node::Scalar(json!(l))));
                if let Some(r) = &change.reversible {
                    fields.push(("reversible".to_string(), Node::text(r)));
                }
                if !change.add_mitigations.is_empty() {
                    let items = change.add_mitigations.iter().map(Node::text).collect();
                    fields.push(("mitigations".to_string(), Node::Seq(items)));
                }
                if !change.add_risks.is_empty() {
                    let items = change.add_risks.iter().map(Node::text).collect();
                    fields.push(("risks".to_string(), Node::Seq(items)));
                }
            }
            (None, Some(reason)) => {
                fields.push(("not_applicable".to_string(), Node::text(reason)));
            }
            (None, None) => bail!(
                "`{id}` has no dimension `{name}` yet: assess it with `--dimension {name}=SxL:TEXT` or mark it `--not-applicable {name}=REASON`"
            ),
        }
        return Ok(vec![Edit::Push(
            "/dimensions".to_string(),
            Node::Map(fields),
        )]);
    };
    let current = &dimensions[i];
    let here = format!("/dimensions/{i}");
    let mut edits = Vec::new();
    if let Some(reason) = &change.not_applicable {
        // Not applicable stands alone: the assessment's fields go.
        for (key, present) in [
            ("description", current.description.is_some()),
            ("severity", current.severity.is_some()),
            ("likelihood", current.likelihood.is_some()),
            ("reversible", current.reversible.is_some()),
            ("mitigations", !current.mitigations.is_empty()),
            ("risks", !current.risks.is_empty()),
        ] {
            if present {
                edits.push(Edit::Remove(format!("{here}/{key}")));
            }
        }
        edits.push(Edit::Set(
            format!("{here}/not_applicable"),
            Node::text(reason),
        ));
        return Ok(edits);
    }
    if let Some((s, l, description)) = &change.assess {
        if current.not_applicable.is_some() {
            edits.push(Edit::Remove(format!("{here}/not_applicable")));
        }
        edits.push(Edit::Set(
            format!("{here}/description"),
            Node::text(description),
        ));
        edits.push(Edit::Set(
            format!("{here}/severity"),
            Node::Scalar(json!(s)),
        ));
        edits.push(Edit::Set(
            format!("{here}/likelihood"),
            Node::Scalar(json!(l)),
        ));
    }
    if let Some(r) = &change.reversible {
        edits.push(Edit::Set(format!("{here}/reversible"), Node::text(r)));
    }
    let mitigations = ListChange::new(
        "/mitigations",
        "mitigation",
        change.add_mitigations.clone(),
        change.remove_mitigations.clone(),
    );
    let risks = ListChange::new(
        "/risks",
        "linked risk",
        change.add_risks.clone(),
        change.remove_risks.clone(),
    );
    let entity = format!("{id} {name}");
    for (list, current) in [
        (&mitigations, &current.mitigations),
        (&risks, &current.risks),
    ] {
        for edit in list.plan(&entity, current)? {
            edits.push(match edit {
                ListEdit::Remove(p) => Edit::Remove(format!("{here}{p}")),
                ListEdit::Push(p, item) => Edit::Push(format!("{here}{p}"), Node::text(item)),
            });
        }
    }
    Ok(edits)
}
