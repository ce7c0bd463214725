//! `aims clause list`

use anyhow::Result;
use clap::Args;

use crate::cli::output;
use crate::cli::{Context, Format, Outcome};
use crate::report::context::{ClauseEntry, ClauseTotals};
use crate::trail;

/// List every clause 4.1 to 10.2 as met, partial or missing, and why
///
/// The same derivation as `aims report clauses`, for the terminal.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only clauses with this status
    #[arg(long, value_parser = ["met", "partial", "missing"])]
    pub status: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs { status, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    // 7.5 is judged from the approvals in git history, when there is one.
    let view = view.with_approvals_read(trail::status::entity_states(&register));
    let all: Vec<ClauseEntry> = view.readiness().into_iter().map(ClauseEntry::of).collect();
    let totals = ClauseTotals::of(&all);
    let total = all.len();
    let rows: Vec<ClauseEntry> = all
        .into_iter()
        .filter(|c| status.as_deref().is_none_or(|s| c.status == s))
        .collect();
    match format {
        Format::Json => output::json(&serde_json::json!({ "clauses": rows, "totals": totals }))?,
        Format::Human if rows.is_empty() => output::note(crate::cli::choices::nothing(
            total,
            "clause",
            "clauses",
            "aims clause set ID --status planned --statement TEXT",
        )),
        Format::Human => {
            let mut table = output::table(&["clause", "title", "status", "why"]);
            for c in &rows {
                table.add_row([
                    c.id.to_string(),
                    c.title.to_string(),
                    c.status.to_string(),
                    c.reason.clone(),
                ]);
            }
            output::print_table(&table)?;
            eprintln!(
                "{} met, {} partial, {} missing; the records behind each: `aims report clauses`",
                totals.met, totals.partial, totals.missing
            );
        }
    }
    Ok(Outcome::Clean)
}
