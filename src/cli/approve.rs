//! `aims approve`: record your own approval as a commit.

use std::collections::BTreeSet;
use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::Args;

use super::{Context, Outcome, fail};
use crate::trail::Trail;
use crate::trail::approvals;
use crate::trail::identity::{self, Identity, Origin, Scope};

/// Approve entities in their committed version, in your own name
///
/// The approval is a commit that changes no file; its message names the entities with
/// an `Approves:` trailer and you with `Approved-by:`. You are the person git says you
/// are (your `user.email`, repository configuration first), and that email must be
/// an approver role's in aims.yaml as committed. Nobody can approve in another
/// person's name: they run `aims approve` themselves. The commit is signed with your
/// git signing key when `--sign` is given or `commit.gpgsign` is true. Refused when an
/// entity has uncommitted changes, since those would not be what is approved.
///
/// `--pending` approves everything that awaits your approval (what `aims status` shows
/// as stale or unapproved, and decisions awaiting your role), listing it first.
#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// Entities to approve: ids of systems, risks, impact assessments, controls,
    /// incidents, policies, objectives, monitors, audits, management reviews and clause
    /// statements; `aims` for aims.yaml (scope, roles, approvers, keys, criteria) and
    /// `context` for context.yaml
    #[arg(
        required_unless_present = "pending",
        conflicts_with = "pending",
        value_name = "ID"
    )]
    pub ids: Vec<String>,
    /// Approve every committed entity awaiting your approval: stale, unapproved, or
    /// with a decision awaiting your role
    #[arg(long)]
    pub pending: bool,
    /// Which of your approver roles approves, when your email belongs to several
    #[arg(long = "as", value_name = "ROLE")]
    pub role: Option<String>,
    /// Sign the approval commit with your git signing key (`gpg.format`,
    /// `user.signingkey`); done anyway when `commit.gpgsign` is true
    #[arg(long)]
    pub sign: bool,
    /// Commit message summary (default: `Approve <ids>`)
    #[arg(long, short = 'm', value_name = "TEXT")]
    pub message: Option<String>,
    /// No longer accepted: an approval is recorded in the name of the person running
    /// `aims approve`
    #[arg(long, hide = true, value_name = "ROLE")]
    pub by: Option<String>,
}

pub fn run(ctx: &Context, args: ApproveArgs) -> Result<Outcome> {
    let ApproveArgs {
        ids,
        pending,
        role,
        sign,
        message,
        by,
    } = args;
    if let Some(by) = by {
        return Err(fail(
            format!(
                "`--by {by}` is no longer accepted: an approval is recorded in the name of the person who runs `aims approve`"
            ),
            "the approver runs `aims approve` with their own git identity (use `--as ROLE` to choose among your own approver roles)",
        ));
    }
    ctx.refuse_at("approve")?;
    let register = ctx.open_register(None)?;
    let trail = Trail::open(&register.root)?;
    let env = |name: &str| std::env::var(name).ok();
    let identities = identity::identities(&register.root, &env)?;
    let Some(me) = identities.author.person() else {
        return Err(fail(
            "git does not know who you are: no user.name and user.email",
            "set them for this repository: `git config user.name \"Your Name\"` and `git config user.email you@example.org`",
        ));
    };
    let approvers = trail.approvers_at_head()?;
    let mine: Vec<_> = approvers
        .values()
        .filter(|r| r.email.eq_ignore_ascii_case(&me.email))
        .collect();
    let approver = match (mine.as_slice(), &role) {
        ([], _) => {
            return Err(fail(
                format!(
                    "your git email `{}` ({}) is not the email of an approver role in aims.yaml as committed",
                    me.email,
                    origin(&identities.author)
                ),
                "approvals are recorded in the approver's own name; the approver runs `aims approve` with their git identity, or an approver role gets your email in aims.yaml (and that change is approved)",
            ));
        }
        (_, Some(wanted)) => match mine.iter().find(|r| &r.id == wanted) {
            Some(r) => *r,
            None => bail!(
                "`--as {wanted}`: your email is the email of {}, not of `{wanted}`",
                roles_list(&mine)
            ),
        },
        ([only], None) => *only,
        (many, None) => {
            return Err(fail(
                format!(
                    "your email is the email of several approver roles: {}",
                    roles_list(many)
                ),
                "choose one with `--as ROLE`",
            ));
        }
    };
    if let Some(committer) = identities.committer.person()
        && !committer.email.eq_ignore_ascii_case(&me.email)
    {
        eprintln!(
            "warning: git would record {} as the committer, not you; the approval will verify as `on-behalf`",
            committer.display()
        );
    }

    let modified: BTreeSet<String> = trail.modified(&register.root).into_iter().collect();
    let ids = match pending {
        true => match awaiting_me(&register, &modified, &approver.id)? {
            ids if ids.is_empty() => {
                super::output::note(format!(
                    "nothing awaits approval by `{}`: every committed entity is current (`aims status`)",
                    approver.id
                ));
                return Ok(Outcome::Clean);
            }
            ids => {
                super::output::note(format!(
                    "approving {}: {}",
                    super::output::count(ids.len(), "entity", "entities"),
                    ids.join(", ")
                ));
                ids
            }
        },
        false => ids,
    };
    let mut named = Vec::new();
    let mut own = Vec::new();
    for id in &ids {
        let path = if let Some(file) = approvals::file_named(id) {
            file.to_string()
        } else {
            let docs: Vec<_> = register
                .documents
                .iter()
                .filter(|d| d.kind.entity().is_some() && &d.stem == id)
                .collect();
            match docs.as_slice() {
                [] => {
                    return Err(fail(
                        format!("no entity `{id}` in the register"),
                        "name an entity by its id, `aims` for aims.yaml or `context` for context.yaml",
                    ));
                }
                [doc] => doc.path.clone(),
                many => bail!(
                    "`{id}` names several entities ({}); they cannot be approved by id alone",
                    many.iter()
                        .map(|d| d.path.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        };
        if modified.contains(&path) || !trail.committed_at_head(&path)? {
            bail!(
                "`{path}` has changes that are not committed; commit them first, so that what is approved is what is recorded"
            );
        }
        if let Some(author) = trail.last_author(&path)?
            && author.email.eq_ignore_ascii_case(&me.email)
        {
            own.push(id.clone());
        }
        named.push(id.clone());
    }
    match own.as_slice() {
        [] => {}
        [id] => eprintln!(
            "warning: you authored the version of `{id}` you are approving; this is self-approval (segregation of duties asks for another approver)"
        ),
        many => eprintln!(
            "warning: you authored the versions of {} you are approving ({}); this is self-approval (segregation of duties asks for another approver)",
            super::output::count(many.len(), "entity", "entities"),
            abbreviated(many)
        ),
    }
    let sign = sign || trail.signs_commits();
    let summary = message.unwrap_or_else(|| format!("Approve {}", named.join(", ")));
    let text = format!(
        "{summary}\n\nApproves: {}\nApproved-by: {}\n",
        named.join(", "),
        me.display()
    );
    let commit = trail.commit_approval(&register.root, &text, sign)?;
    writeln!(
        io::stdout().lock(),
        "approved {} as {} ({}){} in commit {}",
        named.join(", "),
        super::output::safe(&me.display()),
        approver.id,
        if sign { ", signed" } else { "" },
        &commit[..12.min(commit.len())]
    )?;
    Ok(Outcome::Clean)
}

/// The committed entities awaiting approval by `role`: stale or unapproved, or with a
/// decision awaiting that role; those with uncommitted changes are left out, with a
/// note.
fn awaiting_me(
    register: &crate::register::Register,
    modified: &BTreeSet<String>,
    role: &str,
) -> Result<Vec<String>> {
    use crate::trail::State;
    let states = crate::trail::status::entity_states(register)?;
    let mut left_out = 0;
    let mut ids = Vec::new();
    for e in &states.entities {
        let waits = matches!(e.state, State::Stale | State::Unapproved | State::Modified)
            || e.awaiting.iter().any(|w| w.role == role);
        if !waits {
            continue;
        }
        if e.state == State::Modified || modified.contains(&e.file) {
            left_out += 1;
            continue;
        }
        ids.push(e.id.clone());
    }
    if left_out > 0 {
        super::output::note(format!(
            "{} with uncommitted changes left out; commit them to approve them",
            super::output::count(left_out, "entity", "entities")
        ));
    }
    Ok(ids)
}

/// Ids for a message: the first five, then how many more.
fn abbreviated(ids: &[String]) -> String {
    match ids.len() {
        0..=5 => ids.join(", "),
        n => format!("{}, and {} more", ids[..5].join(", "), n - 5),
    }
}

fn roles_list(roles: &[&crate::trail::approvals::ApproverRole]) -> String {
    roles
        .iter()
        .map(|r| format!("`{}`", r.id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where git took the email from, for messages.
fn origin(identity: &Identity) -> String {
    match identity.email.as_ref().map(|e| e.origin) {
        Some(Origin::Environment(variable)) => format!("from {variable}"),
        Some(Origin::Config { key, scope }) => {
            let scope = match scope {
                Scope::Command => "the command line",
                Scope::Worktree => "the worktree's config",
                Scope::Local => "the repository's config",
                Scope::Global => "your global config",
                Scope::System => "the system config",
            };
            format!("{key} in {scope}")
        }
        None => "not set".to_string(),
    }
}
