//! `aims status`: is every entity approved in the version in force?

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use super::output::{self, Paint, TableCell};
use super::{Context, Format, Outcome};
use crate::trail::State;
use crate::trail::status::entity_states_with;

/// Show, per entity, whether its current version is approved
///
/// States: current (an approval that counts covers exactly this content), stale
/// (approved once, changed since), unapproved (no approval that counts), modified (the working tree differs from the last commit). Each approval
/// shows its verification: signed, identity, on-behalf or bad-signature. `aims.yaml`
/// is listed as `aims`. Exits 1 when any entity is not current or a decision awaits
/// its approver, so it can gate a main branch.
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
    /// Entities recording a decision whose approver has not approved it.
    awaiting: usize,
    /// Which approvals count (`approvals.require` in aims.yaml).
    require: &'static str,
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
    let states = entity_states_with(
        &register,
        &super::progress::Bar::new(format == Format::Json),
    )?;
    let (entities, truncated, require) = (states.entities, states.truncated, states.require);
    let count = |s: State| entities.iter().filter(|e| e.state == s).count();
    let summary = StateCounts {
        current: count(State::Current),
        stale: count(State::Stale),
        unapproved: count(State::Unapproved),
        modified: count(State::Modified),
        awaiting: entities.iter().filter(|e| !e.awaiting.is_empty()).count(),
        require: require.as_str(),
        history_truncated: truncated,
    };
    let all_current = summary.current == entities.len() && summary.awaiting == 0;
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
                let state = TableCell::Styled(match e.state {
                    State::Current => "current".to_string(),
                    State::Stale => paint.yellow("stale"),
                    State::Unapproved => paint.red("unapproved"),
                    State::Modified => paint.yellow("modified"),
                });
                let mut last: Vec<String> = e
                    .approvals
                    .first()
                    .map(|a| {
                        let counts = if a.counts { "" } else { ", does not count" };
                        output::safe(&format!(
                            "{} {} ({}) {}, {}{counts}",
                            a.date,
                            a.by,
                            a.role,
                            &a.commit[..12.min(a.commit.len())],
                            a.verification.as_str()
                        ))
                        .into_owned()
                    })
                    .into_iter()
                    .collect();
                last.extend(e.awaiting.iter().map(|w| {
                    paint.yellow(&format!("{} awaits approval by {}", w.decision, w.role))
                }));
                table.add_row([
                    TableCell::Text(e.id.clone()),
                    TableCell::Text(e.kind.noun().to_string()),
                    state,
                    TableCell::Styled(last.join("\n")),
                ]);
            }
            output::print_table(&table)?;
            let s = &report.summary;
            writeln!(
                io::stdout().lock(),
                "{} current, {} stale, {} unapproved, {} modified, {} awaiting a decision's approver (approvals count when {})",
                s.current,
                s.stale,
                s.unapproved,
                s.modified,
                s.awaiting,
                match s.require {
                    "trailer" => "any trailer names an approver",
                    "signature" => "signed with the approver's key",
                    _ => "signed, or made by the approver",
                }
            )?;
        }
    }
    Ok(if all_current {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
