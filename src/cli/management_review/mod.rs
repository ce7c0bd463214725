//! `aims management-review`: management reviews (clause 9.3). `record` writes a new
//! review prefilled with the inputs drawn from the register (the pack `aims report
//! management-review` shows); `set` and `action` complete it with what the meeting
//! decided; `list` and `show` read them.

mod action;
pub(crate) mod list;
mod record;
mod set;
mod show;

use anyhow::{Context as _, Result};
use clap::Subcommand;

use super::authoring::Authoring;
use super::context::history_view;
use super::{Context, Outcome};
use crate::model::{Kind, ManagementReview};
use crate::register::Register;
use crate::review::{self, Pack, Sources};
use crate::view::View;

/// Record, complete, list and show management reviews
#[derive(Debug, Subcommand)]
pub enum ManagementReviewCommand {
    Record(record::RecordArgs),
    Set(set::SetArgs),
    #[command(subcommand)]
    Action(action::ActionCommand),
    List(list::ListArgs),
    Show(show::ShowArgs),
}

pub fn run(ctx: &Context, command: ManagementReviewCommand) -> Result<Outcome> {
    match command {
        ManagementReviewCommand::Record(args) => record::run(ctx, args),
        ManagementReviewCommand::Set(args) => set::run(ctx, args),
        ManagementReviewCommand::Action(command) => action::run(ctx, command),
        ManagementReviewCommand::List(args) => list::run(ctx, args),
        ManagementReviewCommand::Show(args) => show::run(ctx, args),
    }
}

/// The input pack of a management review of `register` (judged by `view`), over the
/// period `since` names (default: since the last management review), read from the
/// register's git history.
pub fn pack(
    register: &Register,
    view: &View<'_>,
    provenance: Option<&crate::trail::Provenance>,
    since: Option<&str>,
) -> Result<Pack> {
    let history = review::since::history(&register.root, register, view, provenance, since)
        .context("cannot read the register's history for the management review")?;
    // The register compared with is judged as of its own commit when the period
    // starts earlier (before the first commit).
    let judged = history
        .then
        .revision()
        .map_or(history.period.since.date, |r| {
            r.date().max(history.period.since.date)
        });
    // Each version is judged with the last change of the risk criteria before it, as
    // check judged it then.
    let then = history_view(&history.then, judged);
    let earlier: Vec<View<'_>> = history
        .earlier
        .iter()
        .map(|(_, date, r)| history_view(r, *date))
        .collect();
    let sources = Sources {
        now: view,
        then: &then,
        earlier: history
            .earlier
            .iter()
            .zip(&earlier)
            .map(|((id, _, _), v)| (id.clone(), v))
            .collect(),
        period: history.period.clone(),
    };
    Ok(Pack::new(&sources))
}

/// Opens the register for an edit of management review `id` and returns the review as
/// read; an id that is not a review is refused with the closest one as a hint.
fn open(ctx: &Context, id: &str) -> Result<(Authoring, ManagementReview)> {
    let authoring = ctx.open_for_authoring()?;
    authoring.require(Kind::ManagementReview, "management review", id)?;
    let Some(review) = authoring
        .register
        .management_reviews
        .iter()
        .find(|r| r.value.id == id)
    else {
        anyhow::bail!(
            "management review `{id}` could not be read; fix the problems `aims check` reports in its file first"
        );
    };
    let review = review.value.clone();
    Ok((authoring, review))
}
