//! `aims objective measure`

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use crate::author;
use crate::cli::authoring::{announce, author_error};
use crate::cli::{Context, Outcome, fail, parse_date};
use crate::edit::Node;
use crate::model::Kind;
use crate::view::MeasuredBy;

/// Record a measurement of an objective measured by hand
#[derive(Debug, Args)]
pub struct MeasureArgs {
    /// The objective measured
    pub id: String,
    /// The measured value
    #[arg(allow_negative_numbers = true)]
    pub value: f64,
    /// Date of the measurement (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// A note on the measurement
    #[arg(long)]
    pub note: Option<String>,
}

pub fn run(ctx: &Context, args: MeasureArgs) -> Result<Outcome> {
    let MeasureArgs {
        id,
        value,
        date,
        note,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let view = authoring.view(ctx);
    if let Some(o) = view.objective(&id)
        && let Some(MeasuredBy::Monitor(monitor)) = o.measured_by
    {
        return Err(fail(
            format!("objective `{id}` is measured by monitor `{monitor}`"),
            format!("record the value on the monitor: `aims monitor record {monitor} {value}`"),
        ));
    }
    if !value.is_finite() {
        return Err(fail(
            format!("`{value}` is not a measurement"),
            "give a finite number",
        ));
    }
    let date = date.unwrap_or(ctx.today);
    if date > ctx.today {
        return Err(fail(
            format!("{date} is in the future"),
            "a measurement is recorded once it is taken",
        ));
    }
    let mut record = vec![
        ("date".to_string(), Node::text(date.to_string())),
        ("value".to_string(), Node::Scalar(json!(value))),
    ];
    if let Some(note) = note {
        record.push(("note".to_string(), Node::text(note)));
    }
    let written = author::edit(&authoring.register, Kind::Objective, &id, |e| {
        e.push("/measurements", &Node::Map(record))
    })
    .map_err(author_error)?;
    announce(ctx, &authoring, "updated", &written)?;
    Ok(Outcome::Clean)
}
