//! `aims management-review`: management reviews (clause 9.3). `record` writes a new
//! review prefilled with the inputs drawn from the register (the pack `aims report
//! management-review` shows); `list` and `show` read them.

mod list;
mod record;
mod show;

use anyhow::{Context as _, Result};
use clap::Subcommand;

use super::{Context, Outcome};
use crate::register::Register;
use crate::review::{self, Pack, Sources};
use crate::view::View;

/// Record, list and show management reviews
#[derive(Debug, Subcommand)]
pub enum ManagementReviewCommand {
    Record(record::RecordArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
}

pub fn run(ctx: &Context, command: ManagementReviewCommand) -> Result<Outcome> {
    match command {
        ManagementReviewCommand::Record(args) => record::run(ctx, args),
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
    let then = View::new(&history.then, judged);
    let earlier: Vec<View<'_>> = history
        .earlier
        .iter()
        .map(|(_, date, r)| View::new(r, *date))
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
