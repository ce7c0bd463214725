//! `aims system add`

use anyhow::Result;
use clap::Args;
use serde_json::json;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::{Asker, Choice};
use crate::cli::{Context, Outcome, choices};
use crate::edit::Node;
use crate::model::Kind;

/// Add an AI system to the inventory, asking in a terminal for whatever is not given
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Name of the system
    #[arg(long)]
    pub name: Option<String>,
    /// What the system is for
    #[arg(long = "intended-use", value_name = "TEXT")]
    pub intended_use: Option<String>,
    /// Life cycle stage
    #[arg(long)]
    pub lifecycle: Option<String>,
    /// Whether the organisation develops, provides or uses the system
    #[arg(long = "role", value_name = "ROLE")]
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
    /// List the system but keep it outside the AIMS scope, saying why
    #[arg(long = "out-of-scope", value_name = "REASON")]
    pub out_of_scope: Option<String>,
    /// Id of the system (default: derived from the name, e.g. `credit-scoring`)
    #[arg(long)]
    pub id: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Outcome> {
    let AddArgs {
        name,
        intended_use,
        lifecycle,
        organisation_role,
        owner,
        model_type,
        criticality,
        out_of_scope,
        id,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let register = &authoring.register;
    let mut ask = Asker::from_terminal();
    let name = ask.text("name", "name of the AI system", name)?;
    let intended_use = ask.text("intended-use", "intended use", intended_use)?;
    let lifecycles: Vec<Choice> = [
        "concept",
        "development",
        "validation",
        "deployed",
        "retired",
    ]
    .iter()
    .map(|v| Choice::new(*v, ""))
    .collect();
    let lifecycle = ask.choose_or(
        "lifecycle",
        "life cycle stage",
        lifecycle,
        &lifecycles,
        Some("deployed"),
    )?;
    let roles = [
        Choice::new("developer", "the organisation builds it"),
        Choice::new("provider", "the organisation offers it to others"),
        Choice::new("user", "the organisation uses someone else's"),
    ];
    let organisation_role =
        ask.choose("role", "the organisation's role", organisation_role, &roles)?;
    let owner = ask.choose("owner", "owner role", owner, &choices::roles(register))?;
    ask.finish()?;
    let id = id.unwrap_or_else(|| slug(&name));
    let text = |id: &str| {
        let mut fields = vec![
            ("id".to_string(), Node::text(id)),
            ("name".to_string(), Node::text(&name)),
            ("intended_use".to_string(), Node::text(&intended_use)),
            ("lifecycle".to_string(), Node::text(&lifecycle)),
            (
                "organisation_role".to_string(),
                Node::text(&organisation_role),
            ),
        ];
        if let Some(m) = &model_type {
            fields.push(("model_type".to_string(), Node::text(m)));
        }
        if let Some(c) = &criticality {
            fields.push(("criticality".to_string(), Node::text(c)));
        }
        fields.push(("owner".to_string(), Node::text(&owner)));
        fields.push((
            "in_scope".to_string(),
            Node::Scalar(json!(out_of_scope.is_none())),
        ));
        if let Some(reason) = &out_of_scope {
            fields.push(("scope_note".to_string(), Node::text(reason)));
        }
        Node::Map(fields).document()
    };
    let written =
        author::create(register, Kind::System, Some(&id), &id, text).map_err(author_error)?;
    announce(ctx, &authoring, "created", &written)?;
    Ok(Outcome::Clean)
}

/// `Retail Credit Scoring (v4)` as `retail-credit-scoring-v4`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(64).collect();
    if out.is_empty() {
        "system".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        assert_eq!(
            super::slug("Retail Credit Scoring (v4)"),
            "retail-credit-scoring-v4"
        );
        assert_eq!(super::slug("  Chat—bot! "), "chat-bot");
        assert_eq!(super::slug("Évaluation"), "valuation");
        assert_eq!(super::slug("!!!"), "system");
    }
}
