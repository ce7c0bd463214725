//! `aims due`: what is overdue or falls due soon, soonest first.

use std::collections::BTreeMap;
use std::io::{self, Write};

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::output::{self, Paint, TableCell};
use super::{Context, Format, Outcome};
use crate::model::Duration;
use crate::view::DueItem;

/// List what is overdue or falls due within a window, soonest first
///
/// Every dated obligation of the register: risk and impact assessment reviews,
/// triggered reviews, actions of every kind, control verifications, acceptance and
/// evidence expiries, measurements due, policy and context reviews, planned internal
/// audits and the next management review. With `--fail-on overdue` a scheduled job
/// fails while anything is overdue.
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
    /// What makes the exit status 1 (for scheduled jobs)
    #[arg(long, value_enum, default_value_t = FailOn::Never, value_name = "WHEN")]
    pub fail_on: FailOn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Exit 1 when anything listed is overdue
    Overdue,
    /// Exit 1 when anything is listed: overdue or due within the window
    Due,
    /// Exit 0 whatever is listed
    Never,
}

#[derive(Debug, Serialize)]
struct Due {
    #[serde(flatten)]
    item: DueItem,
    /// The e-mail address of the owner's role in aims.yaml, to send reminders to.
    owner_email: Option<String>,
    overdue: bool,
    /// Days until due (negative: days overdue); `null` when due at once.
    days: Option<i64>,
}

#[derive(Debug, Serialize)]
struct DueList {
    today: NaiveDate,
    until: NaiveDate,
    items: Vec<Due>,
    /// Each owner with something listed, by role: who to remind, and of how much.
    owners: Vec<Owner>,
}

#[derive(Debug, Serialize)]
struct Owner {
    role: String,
    name: Option<String>,
    email: Option<String>,
    items: usize,
    overdue: usize,
}

pub fn run(ctx: &Context, args: DueArgs) -> Result<Outcome> {
    let DueArgs {
        within,
        owner,
        format,
        fail_on,
    } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let owner = super::choices::filter("owner", "role", owner, &super::choices::roles(&register))?;
    let until = within.after(ctx.today).unwrap_or(NaiveDate::MAX);
    let role = |id: &str| {
        view.config()
            .and_then(|c| c.roles.iter().find(|r| r.id == id))
    };
    let items: Vec<Due> = view
        .due()
        .into_iter()
        .filter(|i| i.due.is_none_or(|d| d <= until))
        .filter(|i| owner.as_ref().is_none_or(|o| i.owner.as_ref() == Some(o)))
        .map(|item| Due {
            owner_email: item
                .owner
                .as_deref()
                .and_then(role)
                .and_then(|r| r.email.clone()),
            overdue: item.overdue(ctx.today),
            days: item.due.map(|d| (d - ctx.today).num_days()),
            item,
        })
        .collect();
    let mut owners: BTreeMap<&str, Owner> = BTreeMap::new();
    for due in &items {
        let Some(id) = due.item.owner.as_deref() else {
            continue;
        };
        let owner = owners.entry(id).or_insert_with(|| Owner {
            role: id.to_string(),
            name: role(id).map(|r| r.name.clone()),
            email: role(id).and_then(|r| r.email.clone()),
            items: 0,
            overdue: 0,
        });
        owner.items += 1;
        owner.overdue += usize::from(due.overdue);
    }
    let owners = owners.into_values().collect();
    let failed = match fail_on {
        FailOn::Overdue => items.iter().any(|d| d.overdue),
        FailOn::Due => !items.is_empty(),
        FailOn::Never => false,
    };
    let list = DueList {
        today: ctx.today,
        until,
        items,
        owners,
    };
    match format {
        Format::Json => output::json(&list)?,
        Format::Human => human(&list, Paint { on: ctx.color })?,
    }
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
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
            None => paint.red(&format!("now ({})", item.kind.never())),
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
