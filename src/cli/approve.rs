//! `aims approve`: record an approval as a commit.

use std::collections::BTreeSet;
use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::Args;

use super::{Context, Outcome};
use crate::model::Kind;
use crate::trail::{self, Trail};

/// Approve entities in their committed version with an approval-only commit
///
/// The commit changes no file; its message names the entities with an `Approves:`
/// trailer and the approver with `Approved-by:`. Author and committer come from git
/// configuration. Refused when the working tree has uncommitted changes to the
/// entities, since those would not be what is approved.
#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// Entities to approve (risk, control, system, impact assessment or incident ids)
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Approving role (default: the approver role whose email is your git user.email)
    #[arg(long, value_name = "ROLE")]
    pub by: Option<String>,
    /// Commit message summary (default: `Approve <ids>`)
    #[arg(long, short = 'm', value_name = "TEXT")]
    pub message: Option<String>,
}

pub fn run(ctx: &Context, args: ApproveArgs) -> Result<Outcome> {
    let ApproveArgs { ids, by, message } = args;
    ctx.refuse_at("approve")?;
    let register = ctx.open_register(None)?;
    let Some(config) = &register.config else {
        bail!("aims.yaml has errors; run `aims check` and fix them before approving");
    };
    let trail = Trail::open(&register.root)?;
    let head = trail.head()?;
    let head_commit = trail.repo.find_commit(head)?;
    let modified: BTreeSet<String> = trail::modified_paths(&trail.repo, &register.root)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let mut named = Vec::new();
    for id in &ids {
        let docs: Vec<_> = register
            .documents
            .iter()
            .filter(|d| d.kind != Kind::Config && &d.stem == id)
            .collect();
        let doc = match docs.as_slice() {
            [] => bail!("no entity `{id}` in the register"),
            [doc] => *doc,
            many => bail!(
                "`{id}` names several entities ({}); they cannot be approved by id alone",
                many.iter()
                    .map(|d| d.path.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        if modified.contains(&doc.path) || trail.blob_at(head_commit.tree_id(), &doc.path).is_none()
        {
            bail!(
                "`{}` has changes that are not committed; commit them first, so that what is approved is what is recorded",
                doc.path
            );
        }
        named.push(id.clone());
    }
    let roles = &config.value.roles;
    let role = match &by {
        Some(role) => roles
            .iter()
            .find(|r| &r.id == role)
            .ok_or_else(|| anyhow::anyhow!("no role `{role}` in aims.yaml"))?,
        None => {
            let email = trail
                .repo
                .config()?
                .get_string("user.email")
                .unwrap_or_default();
            roles
                .iter()
                .find(|r| r.approver && r.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(&email)))
                .ok_or_else(|| anyhow::anyhow!("your git user.email `{email}` belongs to no approver role in aims.yaml\nhint: name the approving role with --by ROLE"))?
        }
    };
    if !role.approver {
        bail!(
            "role `{}` may not approve: it has no `approver: true` in aims.yaml",
            role.id
        );
    }
    let Some(email) = &role.email else {
        bail!(
            "role `{}` has no email in aims.yaml; approvals are recorded by email",
            role.id
        );
    };
    let signature = trail.repo.signature()?;
    let summary = message.unwrap_or_else(|| format!("Approve {}", named.join(", ")));
    let text = format!(
        "{summary}\n\nApproves: {}\nApproved-by: {} <{email}>\n",
        named.join(", "),
        role.name
    );
    let tree = head_commit.tree()?;
    let commit = trail.repo.commit(
        Some("HEAD"),
        &signature,
        &signature,
        &text,
        &tree,
        &[&head_commit],
    )?;
    writeln!(
        io::stdout().lock(),
        "approved {} by {} <{email}> ({}) in commit {}",
        named.join(", "),
        role.name,
        role.id,
        &commit.to_string()[..12]
    )?;
    Ok(Outcome::Clean)
}
