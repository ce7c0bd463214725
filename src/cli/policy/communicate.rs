//! `aims policy communicate`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::prompt::Asker;
use crate::cli::{Context, Outcome, parse_date};
use crate::edit::Node;
use crate::model::Kind;

/// Record that a policy was made available and communicated (clauses 5.2 and 7.4)
#[derive(Debug, Args)]
pub struct CommunicateArgs {
    /// The policy communicated
    pub id: String,
    /// To whom, e.g. `all staff`
    #[arg(long)]
    pub to: Option<String>,
    /// How, e.g. `intranet and onboarding`
    #[arg(long)]
    pub how: Option<String>,
    /// When (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: CommunicateArgs) -> Result<Outcome> {
    let CommunicateArgs { id, to, how, date } = args;
    let authoring = ctx.open_for_authoring()?;
    let mut ask = Asker::from_terminal();
    let to = ask.text("to", "communicated to", to)?;
    ask.finish()?;
    let mut record = vec![
        (
            "date".to_string(),
            Node::text(date.unwrap_or(ctx.today).to_string()),
        ),
        ("to".to_string(), Node::text(&to)),
    ];
    if let Some(how) = how {
        record.push(("how".to_string(), Node::text(how)));
    }
    let written = author::edit(&authoring.register, Kind::Policy, &id, |e| {
        e.push("/communicated", &Node::Map(record))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
