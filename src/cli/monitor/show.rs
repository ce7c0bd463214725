//! `aims monitor show`

use std::io::{self, Write};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::{MonitorRow, Point, chart, triggered_by, verdict};
use crate::cli::output::{self, Paint, field, heading, list_field, safe};
use crate::cli::{Context, Format, Outcome};
use crate::model::{Duration, Limit};
use crate::view::MonitorState;

/// Show a monitor: its threshold, latest measurement, the series drawn with its
/// threshold, its breaches and the reviews they triggered
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The monitor to show
    pub id: String,
    /// How far back to draw and list the series
    #[arg(long, default_value = "1y", value_name = "DURATION")]
    pub window: Duration,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct MonitorDetail {
    #[serde(flatten)]
    row: MonitorRow,
    description: Option<String>,
    /// What the latest measurement means, in words.
    verdict: String,
    /// The measurements within the window, oldest first.
    series: Vec<Point>,
    /// Every breach: the first measurement beyond the threshold after one within.
    breaches: Vec<Point>,
    /// Risk reviews a breach triggered that no review has answered yet.
    triggered: Vec<Triggered>,
    /// The controls whose effectiveness it evidences, with their SoA state.
    evidences: Vec<Evidenced>,
    /// The threshold and the early warning, for the chart.
    #[serde(skip)]
    limits: (Limit, Option<Limit>),
}

#[derive(Debug, Serialize)]
struct Triggered {
    risk: String,
    due: NaiveDate,
}

#[derive(Debug, Serialize)]
struct Evidenced {
    control: String,
    title: String,
    soa: &'static str,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Outcome> {
    let ShowArgs { id, window, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let Some(m) = view.monitor(&id) else {
        let known = view.monitors.iter().map(|m| m.id());
        return Err(crate::cli::not_found(
            "monitor",
            &id,
            known,
            "aims monitor list",
        ));
    };
    let detail = MonitorDetail {
        row: MonitorRow::of(m),
        description: m.monitor.description.clone(),
        verdict: verdict(&view, m),
        series: m
            .recent(view.today, window)
            .iter()
            .map(|row| Point::of(m, row))
            .collect(),
        breaches: m.breaches.iter().map(|row| Point::of(m, row)).collect(),
        triggered: triggered_by(&view, m)
            .into_iter()
            .map(|(risk, due)| Triggered { risk, due })
            .collect(),
        evidences: m
            .monitor
            .controls
            .iter()
            .map(|c| {
                let control = view.control(c);
                Evidenced {
                    control: c.clone(),
                    title: control.map(|x| x.title.to_string()).unwrap_or_default(),
                    soa: control.map_or("no SoA decision", |x| x.state.as_str()),
                }
            })
            .collect(),
        limits: (m.monitor.threshold, m.monitor.warn),
    };
    match format {
        Format::Json => output::json(&detail)?,
        Format::Human => human(&detail, Paint { on: ctx.color })?,
    }
    Ok(Outcome::Clean)
}

fn human(d: &MonitorDetail, paint: Paint) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let r = &d.row;
    writeln!(out, "{}  {}", paint.bold(&r.id), safe(&r.metric))?;
    field(&mut out, "system", &r.system)?;
    field(&mut out, "kind", r.kind)?;
    field(&mut out, "key", &r.key)?;
    field(&mut out, "threshold", &r.threshold)?;
    if let Some(warn) = &r.warn {
        field(&mut out, "early warning", warn)?;
    }
    field(&mut out, "measured every", &r.every)?;
    field(&mut out, "owner", &r.owner)?;
    if let Some(description) = &d.description {
        field(&mut out, "", description)?;
    }
    let verdict = safe(&d.verdict).into_owned();
    let verdict = match r.state {
        MonitorState::Breach => paint.red(&verdict),
        MonitorState::Warning => paint.yellow(&verdict),
        _ => verdict,
    };
    writeln!(out, "  {:<19} {verdict}", "latest")?;
    match (r.next_due, r.overdue) {
        (Some(due), true) => writeln!(
            out,
            "  {:<19} {}",
            "next measurement",
            paint.red(&format!("{due} (overdue)"))
        )?,
        (Some(due), false) => field(&mut out, "next measurement", due)?,
        (None, _) => field(&mut out, "next measurement", "now (never measured)")?,
    }
    list_field(&mut out, "risks", &r.risks)?;
    heading(&mut out, "evidences", d.evidences.is_empty())?;
    for c in &d.evidences {
        writeln!(
            out,
            "    {:<8} {} ({})",
            safe(&c.control),
            safe(&c.title),
            c.soa
        )?;
    }
    if !d.series.is_empty() {
        writeln!(out)?;
        let points: Vec<(String, f64)> = d
            .series
            .iter()
            .map(|p| (p.date.chars().take(10).collect(), p.value))
            .collect();
        let (threshold, warn) = &d.limits;
        for line in chart::draw(&points, threshold, warn.as_ref()) {
            let line = line
                .replace(chart::BREACH, &paint.red(&chart::BREACH.to_string()))
                .replace(chart::WARNING, &paint.yellow(&chart::WARNING.to_string()));
            writeln!(out, "    {line}")?;
        }
        writeln!(
            out,
            "    {} within  {} beyond the early warning  {} beyond the threshold",
            chart::WITHIN,
            chart::WARNING,
            chart::BREACH
        )?;
        writeln!(out)?;
    }
    heading(&mut out, "breaches", d.breaches.is_empty())?;
    for p in &d.breaches {
        writeln!(
            out,
            "    {}  {}  ({})",
            safe(&p.date),
            chart::number(p.value),
            safe(&p.at)
        )?;
    }
    heading(&mut out, "triggered reviews", d.triggered.is_empty())?;
    for t in &d.triggered {
        writeln!(out, "    {} due {}", safe(&t.risk), t.due)?;
    }
    heading(&mut out, "latest measurements", d.series.is_empty())?;
    let width = d
        .series
        .iter()
        .rev()
        .take(12)
        .map(|p| p.date.len())
        .max()
        .unwrap_or(10);
    for p in d.series.iter().rev().take(12) {
        let mark = if p.beyond_threshold {
            paint.red(&chart::BREACH.to_string())
        } else if p.beyond_warning {
            paint.yellow(&chart::WARNING.to_string())
        } else {
            chart::WITHIN.to_string()
        };
        let about: Vec<&str> = [p.source.as_deref(), p.note.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        writeln!(
            out,
            "    {:<width$} {:>8} {mark}  {}",
            safe(&p.date),
            chart::number(p.value),
            safe(&about.join("; "))
        )?;
    }
    field(&mut out, "file", &r.file)?;
    Ok(())
}
