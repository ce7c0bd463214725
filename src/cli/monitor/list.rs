//! `aims monitor list`

use anyhow::Result;
use clap::Args;

use super::MonitorRow;
use crate::cli::output::{self, Paint, TableCell};
use crate::cli::{Context, Format, Outcome};
use crate::view::MonitorState;

/// List monitors with their latest measurement and where it stands
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only monitors of this system
    #[arg(long)]
    pub system: Option<String>,
    /// Only monitors in this state
    #[arg(long, value_parser = ["no-data", "within", "warning", "breach"])]
    pub state: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Outcome> {
    let ListArgs {
        system,
        state,
        format,
    } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let rows: Vec<MonitorRow> = view
        .monitors
        .iter()
        .filter(|m| system.as_ref().is_none_or(|s| &m.monitor.system == s))
        .filter(|m| {
            state
                .as_deref()
                .is_none_or(|s| serde_json::to_value(m.state).is_ok_and(|v| v.as_str() == Some(s)))
        })
        .map(MonitorRow::of)
        .collect();
    match format {
        Format::Json => output::json(&rows)?,
        Format::Human if rows.is_empty() => {
            eprintln!("no monitors match; add one with `aims monitor add`");
        }
        Format::Human => {
            let paint = Paint { on: ctx.color };
            let mut table = output::table(&[
                "id",
                "system",
                "kind",
                "latest",
                "date",
                "threshold",
                "state",
                "next due",
                "owner",
            ]);
            for r in &rows {
                let state = match r.state {
                    MonitorState::Breach => paint.red("breach"),
                    MonitorState::Warning => paint.yellow("warning"),
                    other => other.as_str().to_string(),
                };
                let next = match (r.next_due, r.overdue) {
                    (Some(d), true) => paint.red(&format!("{d} overdue")),
                    (Some(d), false) => d.to_string(),
                    (None, true) => paint.red("now"),
                    (None, false) => String::new(),
                };
                table.add_row([
                    TableCell::from(r.id.clone()),
                    TableCell::from(r.system.clone()),
                    TableCell::from(r.kind.to_string()),
                    TableCell::from(
                        r.latest
                            .as_ref()
                            .map(|p| super::chart::number(p.value))
                            .unwrap_or_default(),
                    ),
                    TableCell::from(
                        r.latest
                            .as_ref()
                            .map(|p| p.date.clone())
                            .unwrap_or_default(),
                    ),
                    TableCell::from(r.threshold.clone()),
                    TableCell::Styled(state),
                    TableCell::Styled(next),
                    TableCell::from(r.owner.clone()),
                ]);
            }
            output::print_table(&table)?;
        }
    }
    Ok(Outcome::Clean)
}
