//! `aims monitor`: what is measured about each AI system, its threshold and cadence,
//! and its measurements (clause 9.1).

mod add;
mod chart;
mod ingest;
mod list;
mod record;
mod set;
mod show;

use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use serde::Serialize;
use serde_json::json;

use crate::cli::output::{Paint, safe};
use crate::edit::Node;
use crate::model::{Duration, Limit, Stamp};
use crate::view::{MonitorState, MonitorView, TriggerCause, View};

use super::{Context, Outcome};
use add::KINDS;

/// Add, change, list and show monitors, and record their measurements
#[derive(Debug, Subcommand)]
pub enum MonitorCommand {
    Add(add::AddArgs),
    Set(set::SetArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Record(record::RecordArgs),
    Ingest(ingest::IngestArgs),
}

pub fn run(ctx: &Context, command: MonitorCommand) -> Result<Outcome> {
    match command {
        MonitorCommand::Add(args) => add::run(ctx, args),
        MonitorCommand::Set(args) => set::run(ctx, args),
        MonitorCommand::List(args) => list::run(ctx, args),
        MonitorCommand::Show(args) => show::run(ctx, args),
        MonitorCommand::Record(args) => record::run(ctx, args),
        MonitorCommand::Ingest(args) => ingest::run(ctx, args),
    }
}

/// `--date`: a date or a date-time.
pub fn parse_stamp(text: &str) -> Result<Stamp, String> {
    Stamp::parse(text).map_err(|e| format!("`{text}` is {e}"))
}

/// What a monitor watches, as `monitor add` and `monitor set` take it.
#[derive(Debug, Args)]
pub struct Watched {
    /// The AI system it watches
    #[arg(long, value_name = "ID")]
    pub system: Option<String>,
    /// What kind of signal it is
    #[arg(long, value_parser = KINDS)]
    pub kind: Option<String>,
    /// What is measured, in words, with its unit
    #[arg(long, value_name = "TEXT")]
    pub metric: Option<String>,
}

/// A monitor's threshold, early warning, cycle and owner, as `monitor add` and
/// `monitor set` take them.
#[derive(Debug, Args)]
pub struct Limits {
    /// Values above this are a breach
    #[arg(long, allow_hyphen_values = true, value_parser = finite, value_name = "NUMBER")]
    pub max: Option<f64>,
    /// Values below this are a breach
    #[arg(long, allow_hyphen_values = true, value_parser = finite, value_name = "NUMBER")]
    pub min: Option<f64>,
    /// Values above this are an early warning
    #[arg(long = "warn-max", allow_hyphen_values = true, value_parser = finite, value_name = "NUMBER")]
    pub warn_max: Option<f64>,
    /// Values below this are an early warning
    #[arg(long = "warn-min", allow_hyphen_values = true, value_parser = finite, value_name = "NUMBER")]
    pub warn_min: Option<f64>,
    /// How often a measurement is expected (e.g. 1w, 1m)
    #[arg(long, value_name = "DURATION")]
    pub every: Option<Duration>,
    /// Role that owns the monitor
    #[arg(long)]
    pub owner: Option<String>,
}

/// A threshold given on the command line: a finite decimal number.
fn finite(text: &str) -> Result<f64, String> {
    crate::register::measurements::number(text)
}

/// A number as YAML writes it: `5` rather than `5.0`.
fn number(value: f64) -> Node {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        // Exact: a whole number this small converts without loss.
        #[allow(clippy::cast_possible_truncation)]
        let whole = value as i64;
        Node::Scalar(json!(whole))
    } else {
        Node::Scalar(json!(value))
    }
}

/// A threshold or early warning from `--max`/`--min` flags: `{ max: X }` or `{ min: X }`.
fn limit(flag: &str, max: Option<f64>, min: Option<f64>) -> Result<Option<Node>> {
    match (max, min) {
        (Some(_), Some(_)) => bail!("give either --{flag}max or --{flag}min, not both"),
        (Some(max), None) => Ok(Some(Node::Map(vec![("max".to_string(), number(max))]))),
        (None, Some(min)) => Ok(Some(Node::Map(vec![("min".to_string(), number(min))]))),
        (None, None) => Ok(None),
    }
}

/// Refuses text that would not stay on one line of a measurements file.
fn one_line(flag: &str, text: Option<String>) -> Result<Option<String>> {
    match text {
        Some(t) if t.chars().any(char::is_control) => {
            bail!("--{flag} must be one line of text, without line breaks or control characters")
        }
        Some(t) if t.trim().is_empty() => Ok(None),
        other => Ok(other),
    }
}

/// A limit in words: `max 5`, `min 0.8`.
fn describe(limit: Option<&Limit>) -> Option<String> {
    limit.map(Limit::describe)
}

/// One monitor as lists and `show` print it.
#[derive(Debug, Serialize)]
pub struct MonitorRow {
    pub id: String,
    pub system: String,
    pub kind: &'static str,
    pub metric: String,
    pub key: String,
    pub threshold: String,
    pub warn: Option<String>,
    pub every: String,
    pub owner: String,
    pub risks: Vec<String>,
    pub controls: Vec<String>,
    /// `no data`, `within`, `warning` or `breach`.
    pub state: MonitorState,
    pub latest: Option<Point>,
    pub next_due: Option<chrono::NaiveDate>,
    pub overdue: bool,
    /// Whether its system is in use (in scope and not retired).
    pub active: bool,
    pub measurements: usize,
    pub file: String,
}

/// One measurement, as outputs show it.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub date: String,
    pub value: f64,
    pub source: Option<String>,
    pub note: Option<String>,
    /// Where it is: `measurements/<id>.csv:LINE`.
    pub at: String,
    pub beyond_threshold: bool,
    pub beyond_warning: bool,
}

impl Point {
    fn of(m: &MonitorView<'_>, row: &crate::model::Measurement) -> Point {
        Point {
            date: row.at.to_string(),
            value: row.value,
            source: m.measurements.and_then(|f| f.source(row)).map(String::from),
            note: m.measurements.and_then(|f| f.note(row)).map(String::from),
            at: format!(
                "{}:{}",
                m.measurements.map_or("", |f| f.path.as_str()),
                row.line
            ),
            beyond_threshold: m.beyond(row.value),
            beyond_warning: m.monitor.warn.is_some_and(|w| w.beyond(row.value)),
        }
    }
}

impl MonitorRow {
    pub fn of(m: &MonitorView<'_>) -> MonitorRow {
        let monitor = m.monitor;
        MonitorRow {
            id: monitor.id.clone(),
            system: monitor.system.clone(),
            kind: monitor.kind.as_str(),
            metric: monitor.metric.clone(),
            key: m.key().to_string(),
            threshold: monitor.threshold.describe(),
            warn: describe(monitor.warn.as_ref()),
            every: monitor.every.to_string(),
            owner: monitor.owner.clone(),
            risks: monitor.risks.clone(),
            controls: monitor.controls.clone(),
            state: m.state,
            latest: m.latest().map(|row| Point::of(m, row)),
            next_due: m.next_due,
            overdue: m.active && m.overdue,
            active: m.active,
            measurements: m.series.len(),
            file: m.file.to_string(),
        }
    }
}

/// What a monitor's latest measurement means, in one line: where it stands, and for
/// a breach, the reviews it triggered.
fn verdict(view: &View<'_>, m: &MonitorView<'_>) -> String {
    let Some(latest) = m.latest() else {
        return "nothing measured yet".to_string();
    };
    let base = format!("{} on {}", latest.value, latest.at);
    match m.state {
        MonitorState::NoData => "nothing measured yet".to_string(),
        MonitorState::Within => format!(
            "{base}: within the threshold ({})",
            m.monitor.threshold.describe()
        ),
        MonitorState::Warning => format!(
            "{base}: beyond the early warning ({}), within the threshold ({})",
            describe(m.monitor.warn.as_ref()).unwrap_or_default(),
            m.monitor.threshold.describe()
        ),
        MonitorState::Breach => {
            let triggered = triggered_by(view, m);
            let reviews = if triggered.is_empty() {
                "no open risk lists it, so no review is triggered".to_string()
            } else {
                format!(
                    "triggers the review of {}",
                    triggered
                        .iter()
                        .map(|(risk, due)| format!("{risk} (due {due})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            format!(
                "{base}: BEYOND THE THRESHOLD ({}); {reviews}",
                m.monitor.threshold.describe()
            )
        }
    }
}

/// The risks whose review a breach of the monitor triggered (and has not been
/// cleared by a review since), with the review's due date.
fn triggered_by(view: &View<'_>, m: &MonitorView<'_>) -> Vec<(String, chrono::NaiveDate)> {
    let mut out = Vec::new();
    for r in &view.risks {
        for t in &r.triggers {
            if matches!(&t.cause, TriggerCause::MonitorBreach { monitor, .. } if *monitor == m.id())
            {
                out.push((r.id().to_string(), t.due));
            }
        }
    }
    out
}

/// Prints, for each monitor, what its latest measurement means.
fn print_verdicts(view: &View<'_>, ids: &[String], paint: Paint) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for id in ids {
        let Some(m) = view.monitor(id) else { continue };
        let text = safe(&verdict(view, m)).into_owned();
        let text = match m.state {
            MonitorState::Breach => paint.red(&text),
            MonitorState::Warning => paint.yellow(&text),
            _ => text,
        };
        writeln!(out, "  {}: {text}", safe(id))?;
    }
    Ok(())
}
