//! `aims due`: what is overdue or falls due soon, soonest first.

use std::io::{self, Write};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::output::{self, Paint, TableCell};
use super::{Context, Format, Outcome};
use crate::model::Duration;
use crate::view::{DueItem, View};

/// List reviews, actions, control verifications and acceptance expiries that are
/// overdue or fall due within a window, soonest first
#[derive(Debug, Args)]
pub struct DueArgs {
    /// How far ahead to look
    #[arg(long, default_value = "30d", value_name = "DURATION")]
    pub within: Duration,
    /// Only what this role owns
    #[arg(long, value_name = "ROLE")]
    pub owner: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct Due {
    #[serde(flatten)]
    item: DueItem,
    overdue: bool,
    /// Days until due (negative: days overdue); `null` when due at once.
    days: Option<i64>,
}

#[derive(Debug, Serialize)]
struct DueList {
    today: NaiveDate,
    until: NaiveDate,
    items: Vec<Due>,
}

pub fn run(ctx: &Context, args: DueArgs) -> Result<Outcome> {
    let DueArgs {
        within,
        owner,
        format,
    } = args;
    let register = ctx.open_register(None)?;
    let view = View::new(&register, ctx.today);
    let owner = super::choices::filter("owner", "role", owner, &super::choices::roles(&register))?;
    let until = within.after(ctx.today).unwrap_or(NaiveDate::MAX);
    let items: Vec<Due> = view
        .due()
        .into_iter()
        .filter(|i| i.due.is_none_or(|d| d <= until))
        .filter(|i| owner.as_ref().is_none_or(|o| i.owner.as_ref() == Some(o)))
        .map(|item| Due {
            overdue: item.overdue(ctx.today),
            days: item.due.map(|d| (d - ctx.today).num_days()),
            item,
        })
        .collect();
    let list = DueList {
        today: ctx.today,
        until,
        items,
    };
    match format {
        Format::Json => output::json(&list)?,
        Format::Human => human(&list, Paint { on: ctx.color })?,
    }
    Ok(Outcome::Clean)
}

fn human(list: &DueList, paint: Paint) -> Result<()> {
    if list.items.is_empty() {
        writeln!(
            io::stdout().lock(),
            "nothing overdue or due by {}",
            list.until
        )?;
        return Ok(());
    }
    let mut table = output::table(&["due", "when", "what", "owner", "description"]);
    table.unbroken(&[0]);
    for due in &list.items {
        let item = &due.item;
        let when = TableCell::Styled(match due.days {
            None => paint.red("now (never verified)"),
            Some(d) if d < 0 => paint.red(&format!(
                "{} overdue",
                output::count((-d) as usize, "day", "days")
            )),
            Some(0) => paint.yellow("today"),
            Some(d) => format!("in {}", output::count(d as usize, "day", "days")),
        });
        let what = item.kind.label();
        let entity = match &item.item {
            Some(action) => format!("{} {action}", item.entity),
            None => item.entity.clone(),
        };
        table.add_row([
            TableCell::from(
                item.due
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".to_string()),
            ),
            when,
            format!("{what}\n{entity}").into(),
            item.owner.clone().unwrap_or_default().into(),
            item.title.clone().into(),
        ]);
    }
    output::print_table(&table)?;
    let overdue = list.items.iter().filter(|d| d.overdue).count();
    crate::cli::output::note(format_args!(
        "{}, {overdue} overdue, up to {}",
        output::count(list.items.len(), "item", "items"),
        list.until
    ));
    Ok(())
}
