//! `aims management-review set`

use anyhow::Result;
use clap::Args;

use crate::author;
use crate::cli::authoring::{ListChange, announce, author_error, nothing_to_change};
use crate::cli::{Context, Outcome, fail};
use crate::edit::Node;
use crate::model::Kind;

/// The inputs of clause 9.3.2, as `--input` names them.
const INPUTS: [&str; 5] = [
    "previous-actions",
    "context-changes",
    "interested-parties",
    "performance",
    "opportunities",
];

/// Complete a management review: who attended, what was decided, the minutes and the
/// inputs as the meeting confirmed them
///
/// For example `aims management-review set MR-2026-1 --attendee cro --attendee
/// head-of-ai-governance --decision "Approve objectives OBJ-2026-01 and OBJ-2026-02"
/// --minutes evidence/management-reviews/MR-2026-1-minutes.md`. A review is complete
/// once it has the five inputs, a decision and an attendee of a top-management role
/// (`aims role set ROLE --top-management yes`); its actions are added with `aims
/// management-review action add`.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The management review
    pub id: String,
    /// A role that attended (repeatable)
    #[arg(long = "attendee", value_name = "ROLE")]
    pub attendees: Vec<String>,
    /// A role to take off the attendees (repeatable)
    #[arg(long = "remove-attendee", value_name = "ROLE")]
    pub remove_attendees: Vec<String>,
    /// A decision of the review, added after those recorded (repeatable)
    #[arg(long = "decision", value_name = "TEXT")]
    pub decisions: Vec<String>,
    /// A decision to take off, as written (repeatable)
    #[arg(long = "remove-decision", value_name = "TEXT")]
    pub remove_decisions: Vec<String>,
    /// The minutes: a path in the register or a URL (`aims evidence add FILE --to
    /// MR-ID` copies a file in and cites it)
    #[arg(long, value_name = "PATH|URL")]
    pub minutes: Option<String>,
    /// An input as the meeting considered it: previous-actions, context-changes,
    /// interested-parties, performance or opportunities (repeatable)
    #[arg(long = "input", value_name = "NAME=TEXT")]
    pub inputs: Vec<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Outcome> {
    let SetArgs {
        id,
        attendees,
        remove_attendees,
        decisions,
        remove_decisions,
        minutes,
        inputs,
    } = args;
    let inputs = inputs
        .iter()
        .map(|given| input(given))
        .collect::<Result<Vec<_>>>()?;
    let attendees = ListChange::new("/attendees", "attendee", attendees, remove_attendees);
    let decisions = ListChange::new("/decisions", "decision", decisions, remove_decisions);
    if attendees.is_empty() && decisions.is_empty() && minutes.is_none() && inputs.is_empty() {
        return Err(nothing_to_change(
            "--attendee, --remove-attendee, --decision, --remove-decision, --minutes, --input",
        ));
    }
    let (authoring, current) = super::open(ctx, &id)?;
    for role in &attendees.add {
        authoring.role("attendee", role)?;
    }
    if let Some(minutes) = &minutes {
        authoring.refuse_missing("minutes", std::slice::from_ref(minutes), &id)?;
    }
    let mut edits = attendees.plan(&id, &current.attendees)?;
    edits.extend(decisions.plan(&id, &current.decisions)?);
    let written = author::edit(&authoring.register, Kind::ManagementReview, &id, |e| {
        for edit in &edits {
            edit.apply(e)?;
        }
        if let Some(minutes) = &minutes {
            e.set("/minutes", &Node::text(minutes))?;
        }
        for (name, text) in &inputs {
            e.set(&format!("/inputs/{name}"), &Node::text(*text))?;
        }
        Ok(())
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}

/// `NAME=TEXT` of `--input`, with NAME one of the five inputs.
fn input(given: &str) -> Result<(&'static str, &str)> {
    let hint = || {
        format!(
            "write `--input NAME=TEXT` with NAME one of {}",
            INPUTS.join(", ")
        )
    };
    let Some((name, text)) = given.split_once('=') else {
        return Err(fail(format!("--input `{given}` has no `=`"), hint()));
    };
    let Some(name) = INPUTS.iter().find(|i| **i == name.trim()) else {
        let hint = match crate::suggest::closest(name.trim(), INPUTS) {
            Some(s) => format!("did you mean `{s}`? {}", hint()),
            None => hint(),
        };
        return Err(fail(
            format!("--input: `{}` is not an input of clause 9.3.2", name.trim()),
            hint,
        ));
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(fail(
            format!("--input {name}= gives no text"),
            "say what the review considered",
        ));
    }
    Ok((name, text))
}
