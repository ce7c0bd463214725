//! `aims approve`: record an approval as a commit.

use std::collections::BTreeSet;
use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::Args;

use super::{Context, Outcome};
use crate::trail::Trail;

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
    let modified: BTreeSet<String> = trail.modified(&register.root).into_iter().collect();
    let mut named = Vec::new();
    for id in &ids {
        let docs: Vec<_> = register
            .documents
            .iter()
            .filter(|d| d.kind.entity().is_some() && &d.stem == id)
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
        if modified.contains(&doc.path) || !trail.committed_at_head(&doc.path)? {
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
            let email = trail.user_email()?;
            roles
                .iter()
                .find(|r| {
                    r.approver
                        && r.email
                            .as_deref()
                            .is_some_and(|e| e.eq_ignore_ascii_case(&email))
                })
                .ok_or_else(|| {
                    crate::cli::fail(
                        format!(
                            "your git user.email `{email}` belongs to no approver role in aims.yaml"
                        ),
                        "name the approving role with --by ROLE",
                    )
                })?
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
    let summary = message.unwrap_or_else(|| format!("Approve {}", named.join(", ")));
    let text = format!(
        "{summary}\n\nApproves: {}\nApproved-by: {} <{email}>\n",
        named.join(", "),
        role.name
    );
    let commit = trail.commit_empty(&text)?;
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
