//! `aims status`: is every entity approved in the version in force?

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use super::output::{self, Paint};
use super::{Context, Format, Outcome};
use crate::trail::State;
use crate::trail::status::entity_states;

/// Show, per entity, whether its current version is approved
///
/// States: current (an approval covers exactly this content), stale (approved once,
/// changed since), unapproved, modified (the working tree differs from the last
/// commit). Exits 1 when any entity is not current, so it can gate a main branch.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct StateCounts {
    current: usize,
    stale: usize,
    unapproved: usize,
    modified: usize,
    /// History stops at a shallow-clone boundary; approvals older than it are not seen.
    history_truncated: bool,
}

#[derive(Debug, Serialize)]
struct StatusReport {
    entities: Vec<crate::trail::status::EntityStatus>,
    summary: StateCounts,
}

pub fn run(ctx: &Context, args: StatusArgs) -> Result<Outcome> {
    let StatusArgs { format } = args;
    ctx.refuse_at("status")?;
    let register = ctx.open_register(None)?;
    let states = entity_states(&register)?;
    let (entities, truncated) = (states.entities, states.truncated);
    let count = |s: State| entities.iter().filter(|e| e.state == s).count();
    let summary = StateCounts {
        current: count(State::Current),
        stale: count(State::Stale),
        unapproved: count(State::Unapproved),
        modified: count(State::Modified),
        history_truncated: truncated,
    };
    let all_current = summary.current == entities.len();
    if truncated {
        eprintln!(
            "warning: this is a shallow clone; approvals older than its history cannot be verified and show as unapproved"
        );
        eprintln!(
            "hint: fetch the full history (`git fetch --unshallow`, or fetch-depth: 0 in CI)"
        );
    }
    let report = StatusReport { entities, summary };
    match format {
        Format::Json => output::json(&report)?,
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let mut table = output::table(&["entity", "kind", "state", "last approval"]);
            for e in &report.entities {
                let state = match e.state {
                    State::Current => "current".to_string(),
                    State::Stale => paint.yellow("stale"),
                    State::Unapproved => paint.red("unapproved"),
                    State::Modified => paint.yellow("modified"),
                };
                let last = e
                    .approvals
                    .first()
                    .map(|a| {
                        format!(
                            "{} {} ({}) {}",
                            a.date,
                            a.by,
                            a.role,
                            &a.commit[..12.min(a.commit.len())]
                        )
                    })
                    .unwrap_or_default();
                table.add_row([e.id.clone(), e.kind.noun().to_string(), state, last]);
            }
            output::print_table(&table)?;
            let s = &report.summary;
            writeln!(
                io::stdout().lock(),
                "{} current, {} stale, {} unapproved, {} modified",
                s.current,
                s.stale,
                s.unapproved,
                s.modified
            )?;
        }
    }
    Ok(if all_current {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
