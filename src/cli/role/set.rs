//! `aims role set`

use std::fs;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use crate::author;
use crate::cli::authoring::{announce, author_error, nothing_to_change};
use crate::cli::{Context, Outcome, YesNo, fail, parse_date};
use crate::edit::Node;
use crate::model::FileKind;
use crate::trail::signature;

/// Change a role: its holder, approver or top-management flag, competence and keys
///
/// A competence record (clause 7.2): `aims role set ml-lead --competence "Fairness
/// testing" --competence-evidence evidence/training/fairness.md --competence-date
/// 2026-03-12 --competence-expires 2027-03-12`. A signing key: `--signing-key-file
/// ~/.ssh/id_ed25519.pub`.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The role to change
    pub id: String,
    /// The person who now holds the role
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// Whether the role may approve
    #[arg(long, value_enum)]
    pub approver: Option<YesNo>,
    /// Whether the role is top management
    #[arg(long, value_enum)]
    pub top_management: Option<YesNo>,
    /// Add a competence record: the competence needed
    #[arg(long, value_name = "NEED")]
    pub competence: Option<String>,
    /// What shows the holder has it: a path in the register or a URL
    #[arg(long, value_name = "PATH|URL", requires = "competence")]
    pub competence_evidence: Option<String>,
    /// When it was obtained
    #[arg(long, value_parser = parse_date, requires = "competence")]
    pub competence_date: Option<NaiveDate>,
    /// When it lapses
    #[arg(long, value_parser = parse_date, requires = "competence")]
    pub competence_expires: Option<NaiveDate>,
    /// Add an OpenSSH public key that signs this role's approvals (the line of a
    /// `.pub` file)
    #[arg(long, value_name = "KEY")]
    pub signing_key: Option<String>,
    /// Add the public key in FILE (a `.pub` file)
    #[arg(long, value_name = "FILE", conflicts_with = "signing_key")]
    pub signing_key_file: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        name,
        email,
        approver,
        top_management,
        competence,
        competence_evidence,
        competence_date,
        competence_expires,
        signing_key,
        signing_key_file,
    } = args;
    let key = match (signing_key, signing_key_file) {
        (Some(key), _) => Some(key),
        (None, Some(file)) => Some(
            fs::read_to_string(&file)
                .with_context(|| format!("cannot read `{}`", file.display()))?,
        ),
        (None, None) => None,
    };
    let key = key
        .map(|text| {
            let line = text.trim().to_string();
            signature::parse_key(&line)
                .map(|_| line)
                .map_err(|e| fail(format!("not a usable signing key: {e}"), "give the public key, the one line of a `.pub` file (`ssh-ed25519 AAAA... you@host`)"))
        })
        .transpose()?;
    if name.is_none()
        && email.is_none()
        && approver.is_none()
        && top_management.is_none()
        && competence.is_none()
        && key.is_none()
    {
        return Err(nothing_to_change(
            "--name, --email, --approver, --top-management, --competence, --signing-key, --signing-key-file",
        ));
    }
    let authoring = ctx.open_for_authoring()?;
    let roles = authoring
        .register
        .config
        .as_ref()
        .map(|c| c.value.roles.as_slice())
        .unwrap_or_default();
    let Some(index) = roles.iter().position(|r| r.id == id) else {
        return Err(crate::cli::not_found(
            "role",
            &id,
            roles.iter().map(|r| r.id.as_str()),
            "aims role list",
        ));
    };
    if let Some(key) = &key
        && roles[index].signing_keys.iter().any(|k| k.trim() == key)
    {
        return Err(fail(
            format!("role `{id}` already has this signing key"),
            "nothing to add",
        ));
    }
    let at = format!("/roles/{index}");
    let written = author::edit_root(&authoring.register, FileKind::Config, |e| {
        if let Some(name) = &name {
            e.set(&format!("{at}/name"), &Node::text(name))?;
        }
        if let Some(email) = &email {
            e.set(&format!("{at}/email"), &Node::text(email))?;
        }
        if let Some(a) = approver {
            e.set(&format!("{at}/approver"), &Node::Scalar(json!(a.yes())))?;
        }
        if let Some(t) = top_management {
            e.set(
                &format!("{at}/top_management"),
                &Node::Scalar(json!(t.yes())),
            )?;
        }
        if let Some(need) = &competence {
            let mut record = vec![("need".to_string(), Node::text(need))];
            if let Some(evidence) = &competence_evidence {
                record.push(("evidence".to_string(), Node::text(evidence)));
            }
            if let Some(date) = competence_date {
                record.push(("date".to_string(), Node::text(date.to_string())));
            }
            if let Some(expires) = competence_expires {
                record.push(("expires".to_string(), Node::text(expires.to_string())));
            }
            e.push(&format!("{at}/competence"), &Node::Map(record))?;
        }
        if let Some(key) = &key {
            e.push(&format!("{at}/signing_keys"), &Node::text(key))?;
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
