//! What `aims risk action`, `aims incident action` and `aims management-review action`
//! share: adding, completing and changing an action in a risk's treatment, an
//! incident's corrective actions or a management review's actions. The
//! command files check their entity (a risk must be open and treated); this glue
//! checks the values, makes the edit and announces it.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde_json::Value;

use crate::author::actions::{self, ActionList, NewAction};
use crate::author::{self, Written};
use crate::cli::authoring::{Authoring, announce, author_error};
use crate::cli::prompt::{Asker, refuse_future};
use crate::cli::{Context, Outcome, fail, parse_date};
use crate::edit::Node;
use crate::model::{Action, ActionStatus, Kind};

/// The entity whose actions are edited: the list says which kind it is.
#[derive(Debug, Clone, Copy)]
pub struct Holder<'a> {
    pub id: &'a str,
    pub list: ActionList,
}

impl<'a> Holder<'a> {
    pub fn new(list: ActionList, id: &'a str) -> Holder<'a> {
        Holder { id, list }
    }

    /// A risk, an incident or a management review.
    fn kind(&self) -> Kind {
        match self.list {
            ActionList::Treatment => Kind::Risk,
            ActionList::Corrective => Kind::Incident,
            ActionList::Review => Kind::ManagementReview,
        }
    }

    /// `aims risk action`, `aims incident action` or `aims management-review action`.
    fn command(&self) -> &'static str {
        match self.list {
            ActionList::Treatment => "aims risk action",
            ActionList::Corrective => "aims incident action",
            ActionList::Review => "aims management-review action",
        }
    }

    /// `aims risk`, `aims incident` or `aims management-review`, whose `show` lists the
    /// actions.
    fn show(&self) -> &'static str {
        match self.list {
            ActionList::Treatment => "aims risk",
            ActionList::Corrective => "aims incident",
            ActionList::Review => "aims management-review",
        }
    }

    fn edit(
        &self,
        authoring: &Authoring,
        change: impl FnOnce(&mut crate::edit::Editor) -> Result<(), crate::edit::EditError>,
    ) -> Result<Written> {
        author::edit(&authoring.register, self.kind(), self.id, change).map_err(author_error)
    }
}

/// The values of a new action, as given: the flags `action add` shares (each
/// command adds its own `--id`, whose default names its sequence).
#[derive(Debug, Args)]
pub struct NewFields {
    /// What is to be done
    #[arg(long)]
    pub description: Option<String>,
    /// Role that owns the action
    #[arg(long)]
    pub owner: Option<String>,
    /// Date it is due by
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
}

/// Adds an action, asking in a terminal for what is not given.
pub fn add(
    ctx: &Context,
    authoring: Authoring,
    holder: Holder<'_>,
    existing: &[Action],
    fields: NewFields,
    id: Option<String>,
) -> Result<Outcome> {
    let NewFields {
        description,
        owner,
        due,
    } = fields;
    let id = match id {
        Some(id) if actions::position(existing, &id).is_some() => {
            return Err(fail(
                format!("`{}` already has an action `{id}`", holder.id),
                format!(
                    "leave out --id for the next free one ({})",
                    actions::next_action_id(holder.list, existing)
                ),
            ));
        }
        Some(id) => id,
        None => actions::next_action_id(holder.list, existing),
    };
    let mut ask = Asker::from_terminal();
    let description = ask.text("description", "what is to be done", description)?;
    let owner = ask.choose(
        "owner",
        "owner role",
        owner,
        &crate::cli::choices::roles(&authoring.register),
    )?;
    let due = ask.date("due", "due by", due)?;
    ask.finish()?;
    let action = NewAction {
        id,
        description,
        owner,
        due: due.unwrap_or(ctx.today),
        status: ActionStatus::Planned,
    };
    let pointer = holder.list.pointer();
    let written = holder.edit(&authoring, |e| e.push(pointer, &action.node()))?;
    announce(
        ctx,
        &authoring,
        &format!("added {} to", action.id),
        &written,
    )?;
    Ok(Outcome::Clean)
}

/// The action `id` of the list, or an error naming the ones there are.
fn find<'a>(holder: Holder<'_>, existing: &'a [Action], id: &str) -> Result<(usize, &'a Action)> {
    match actions::position(existing, id) {
        Some(i) => Ok((i, &existing[i])),
        None => Err(crate::cli::not_found_of(
            holder.list.noun(),
            id,
            holder.id,
            existing.iter().map(|a| a.id.as_str()),
            &format!("{} show {}", holder.show(), holder.id),
        )),
    }
}

/// Marks an action done, with the evidence that shows it and the date.
pub fn done(
    ctx: &Context,
    authoring: Authoring,
    holder: Holder<'_>,
    existing: &[Action],
    action: &str,
    evidence: Vec<String>,
    completed: Option<NaiveDate>,
) -> Result<Outcome> {
    let (i, current) = find(holder, existing, action)?;
    if current.status == ActionStatus::Done {
        let when = current
            .completed
            .map_or(String::new(), |d| format!(" on {d}"));
        return Err(fail(
            format!("action `{action}` of `{}` is already done{when}", holder.id),
            format!(
                "add evidence to it with `{} set {} {action} --evidence PATH`",
                holder.command(),
                holder.id
            ),
        ));
    }
    let mut ask = Asker::from_terminal();
    let evidence = match evidence.is_empty() {
        true => {
            let question = "evidence that it was done (a path in the register, or a URL)";
            let answer = ask.text("evidence", question, None)?;
            Some(answer).filter(|a| !a.is_empty()).into_iter().collect()
        }
        false => evidence,
    };
    let completed = ask.past_date("completed", "completed on", completed, ctx.today, ctx.today)?;
    ask.finish()?;
    let to = format!("{}/{action}", holder.id);
    authoring.refuse_missing_evidence(&evidence, &to)?;
    let cited: Vec<&str> = current.evidence.iter().map(|e| e.reference()).collect();
    let here = format!("{}/{i}", holder.list.pointer());
    let written = holder.edit(&authoring, |e| {
        e.set(&format!("{here}/status"), &Node::text("done"))?;
        e.set(
            &format!("{here}/completed"),
            &Node::text(completed.to_string()),
        )?;
        for item in evidence.iter().filter(|r| !cited.contains(&r.as_str())) {
            e.push(&format!("{here}/evidence"), &Node::text(item))?;
        }
        Ok(())
    })?;
    announce(ctx, &authoring, &format!("completed {action} of"), &written)?;
    Ok(Outcome::Clean)
}

/// The changes `action set` may make: the flags it shares across the three lists.
#[derive(Debug, Args)]
pub struct SetFields {
    /// New status
    #[arg(long, value_parser = ["planned", "in-progress", "done", "cancelled"])]
    pub status: Option<String>,
    /// New due date
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// New owner role
    #[arg(long)]
    pub owner: Option<String>,
    /// New description
    #[arg(long)]
    pub description: Option<String>,
    /// Evidence to add: a path in the register or a URL (repeatable)
    #[arg(long = "evidence", value_name = "PATH|URL")]
    pub evidence: Vec<String>,
    /// Date it was completed
    #[arg(long, value_parser = parse_date)]
    pub completed: Option<NaiveDate>,
}

/// Changes any other field of an action.
pub fn set(
    ctx: &Context,
    authoring: Authoring,
    holder: Holder<'_>,
    existing: &[Action],
    action: &str,
    fields: SetFields,
) -> Result<Outcome> {
    let SetFields {
        status,
        due,
        owner,
        description,
        evidence,
        completed,
    } = fields;
    let (i, current) = find(holder, existing, action)?;
    if status.is_none()
        && due.is_none()
        && owner.is_none()
        && description.is_none()
        && evidence.is_empty()
        && completed.is_none()
    {
        return Err(fail(
            "nothing to change",
            "give at least one of --status, --due, --owner, --description, --evidence, --completed",
        ));
    }
    let owner = owner.map(|o| authoring.role("owner", &o)).transpose()?;
    if let Some(completed) = completed {
        refuse_future("completed", completed, ctx.today)?;
    }
    authoring.refuse_missing_evidence(&evidence, &format!("{}/{action}", holder.id))?;
    // Done needs a completion date; one given, or today.
    let completed = match (status.as_deref(), completed, current.completed) {
        (_, Some(date), _) => Some(date),
        (Some("done"), None, None) => Some(ctx.today),
        _ => None,
    };
    let cited: Vec<&str> = current.evidence.iter().map(|e| e.reference()).collect();
    let here = format!("{}/{i}", holder.list.pointer());
    let written = holder.edit(&authoring, |e| {
        if let Some(status) = &status {
            e.set(&format!("{here}/status"), &Node::text(status))?;
        }
        if let Some(due) = due {
            e.set(&format!("{here}/due"), &Node::text(due.to_string()))?;
        }
        for (key, value) in [("owner", &owner), ("description", &description)] {
            if let Some(value) = value {
                e.set(&format!("{here}/{key}"), &Node::text(value))?;
            }
        }
        if let Some(completed) = completed {
            e.set(
                &format!("{here}/completed"),
                &Node::text(completed.to_string()),
            )?;
        }
        for item in evidence.iter().filter(|r| !cited.contains(&r.as_str())) {
            e.push(
                &format!("{here}/evidence"),
                &Node::Scalar(Value::String(item.clone())),
            )?;
        }
        Ok(())
    })?;
    announce(ctx, &authoring, &format!("updated {action} of"), &written)?;
    Ok(Outcome::Clean)
}
