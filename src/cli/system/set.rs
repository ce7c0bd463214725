//! `aims system set`

use anyhow::Result;
use clap::Args;
use serde_json::json;

use super::{open, read};
use crate::author;
use crate::cli::authoring::{ListChange, announce, author_error};
use crate::cli::{Context, Outcome, YesNo, fail};
use crate::edit::Node;
use crate::model::Kind;

/// Change the inventory fields of an AI system
///
/// Lists change item by item: `--add-data-input "credit bureau file" --remove-user
/// underwriters`. A supplier is given as `NAME` or `NAME=WHAT IT PROVIDES`.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The AI system
    pub id: String,
    /// Name of the system
    #[arg(long)]
    pub name: Option<String>,
    /// What the system is for
    #[arg(long = "intended-use", value_name = "TEXT")]
    pub intended_use: Option<String>,
    /// Life cycle stage
    #[arg(long, value_parser = ["concept", "development", "validation", "deployed", "retired"])]
    pub lifecycle: Option<String>,
    /// Whether the organisation develops, provides or uses the system
    #[arg(long = "role", value_name = "ROLE", value_parser = ["developer", "provider", "user"])]
    pub organisation_role: Option<String>,
    /// Role that owns the system
    #[arg(long)]
    pub owner: Option<String>,
    /// Kind of model
    #[arg(long = "model-type", value_parser = ["proprietary", "fine-tuned", "third-party-foundation", "third-party-api", "rules"])]
    pub model_type: Option<String>,
    /// How critical the system is
    #[arg(long, value_parser = ["low", "medium", "high", "critical"])]
    pub criticality: Option<String>,
    /// Where and how it is deployed
    #[arg(long, value_name = "TEXT")]
    pub deployment: Option<String>,
    /// Whether the system is inside the AIMS scope
    #[arg(long = "in-scope", value_enum)]
    pub in_scope: Option<YesNo>,
    /// Why the system is outside the scope (needed with `--in-scope no`)
    #[arg(long = "scope-note", value_name = "TEXT")]
    pub scope_note: Option<String>,
    /// Data input to add (repeatable)
    #[arg(long = "add-data-input", value_name = "TEXT")]
    pub add_data_inputs: Vec<String>,
    /// Data input to remove (repeatable)
    #[arg(long = "remove-data-input", value_name = "TEXT")]
    pub remove_data_inputs: Vec<String>,
    /// User (group of people using it) to add (repeatable)
    #[arg(long = "add-user", value_name = "TEXT")]
    pub add_users: Vec<String>,
    /// User to remove (repeatable)
    #[arg(long = "remove-user", value_name = "TEXT")]
    pub remove_users: Vec<String>,
    /// Affected party to add (repeatable)
    #[arg(long = "add-affected-party", value_name = "TEXT")]
    pub add_affected_parties: Vec<String>,
    /// Affected party to remove (repeatable)
    #[arg(long = "remove-affected-party", value_name = "TEXT")]
    pub remove_affected_parties: Vec<String>,
    /// Supplier to add, as NAME or NAME=WHAT IT PROVIDES (repeatable)
    #[arg(long = "add-supplier", value_name = "NAME[=PROVIDES]")]
    pub add_suppliers: Vec<String>,
    /// Supplier to remove, by name (repeatable)
    #[arg(long = "remove-supplier", value_name = "NAME")]
    pub remove_suppliers: Vec<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        name,
        intended_use,
        lifecycle,
        organisation_role,
        owner,
        model_type,
        criticality,
        deployment,
        in_scope,
        scope_note,
        add_data_inputs,
        remove_data_inputs,
        add_users,
        remove_users,
        add_affected_parties,
        remove_affected_parties,
        add_suppliers,
        remove_suppliers,
    } = args;
    let authoring = open(ctx, &id)?;
    let system = read(&authoring, &id)?;
    let owner = owner.map(|o| authoring.role("owner", &o)).transpose()?;
    if in_scope == Some(YesNo::No) && scope_note.is_none() && system.scope_note.is_none() {
        return Err(fail(
            "a system outside the scope needs a note saying why; nothing was written",
            format!(
                "add `--scope-note TEXT`, e.g. `aims system set {id} --in-scope no --scope-note \"Pilot only; no production use\"`"
            ),
        ));
    }
    let lists = [
        (
            ListChange::new(
                "/data_inputs",
                "data input",
                add_data_inputs,
                remove_data_inputs,
            ),
            &system.data_inputs,
        ),
        (
            ListChange::new("/users", "user", add_users, remove_users),
            &system.users,
        ),
        (
            ListChange::new(
                "/affected_parties",
                "affected party",
                add_affected_parties,
                remove_affected_parties,
            ),
            &system.affected_parties,
        ),
    ];
    let mut list_edits = Vec::new();
    for (change, current) in &lists {
        list_edits.extend(change.plan(&id, current)?);
    }
    let supplier_names: Vec<String> = system.suppliers.iter().map(|s| s.name.clone()).collect();
    let suppliers = ListChange::new(
        "/suppliers",
        "supplier",
        Vec::new(),
        remove_suppliers.clone(),
    );
    list_edits.extend(suppliers.plan(&id, &supplier_names)?);
    let new_suppliers: Vec<Node> = add_suppliers
        .iter()
        .filter(|s| {
            let name = s.split_once('=').map_or(s.as_str(), |(n, _)| n).trim();
            !supplier_names.iter().any(|n| n == name)
        })
        .map(|s| {
            let mut fields = Vec::new();
            match s.split_once('=') {
                Some((name, provides)) => {
                    fields.push(("name".to_string(), Node::text(name.trim())));
                    fields.push(("provides".to_string(), Node::text(provides.trim())));
                }
                None => fields.push(("name".to_string(), Node::text(s.trim()))),
            }
            Node::Map(fields)
        })
        .collect();
    let scalars = [
        ("/name", name),
        ("/intended_use", intended_use),
        ("/lifecycle", lifecycle),
        ("/organisation_role", organisation_role),
        ("/owner", owner),
        ("/model_type", model_type),
        ("/criticality", criticality),
        ("/deployment", deployment),
        ("/scope_note", scope_note),
    ];
    if scalars.iter().all(|(_, v)| v.is_none())
        && in_scope.is_none()
        && list_edits.is_empty()
        && new_suppliers.is_empty()
        && lists.iter().all(|(c, _)| c.is_empty())
        && add_suppliers.is_empty()
    {
        return Err(fail(
            "nothing to change",
            "give a field to set (e.g. --lifecycle, --owner) or a list item to add or remove (e.g. --add-data-input)",
        ));
    }
    let written = author::edit(&authoring.register, Kind::System, &id, |e| {
        for (pointer, value) in &scalars {
            if let Some(value) = value {
                e.set(pointer, &Node::text(value))?;
            }
        }
        if let Some(in_scope) = in_scope {
            e.set("/in_scope", &Node::Scalar(json!(in_scope == YesNo::Yes)))?;
        }
        list_edits.iter().try_for_each(|edit| edit.apply(e))?;
        new_suppliers
            .iter()
            .try_for_each(|s| e.push("/suppliers", s))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
