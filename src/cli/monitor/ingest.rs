//! `aims monitor ingest`

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;
use serde::Serialize;

use super::{one_line, parse_stamp, print_verdicts};
use crate::author;
use crate::cli::authoring::author_error;
use crate::cli::output::{self, Paint, safe};
use crate::cli::{Context, Format, Outcome, fail};
use crate::ingest::{self, Defaults, Input, Target};
use crate::model::Stamp;
use crate::register::Register;

/// Record the metric values an ML pipeline wrote, matched to monitors by key
///
/// Reads a JSON object of metric values (nested keys are joined with `/`), JSON Lines
/// of `{"key", "value", "date"}`, CSV rows `key,value[,date]`, or an MLflow run folder
/// (`mlruns/<experiment>/<run>`, its final value of each metric). Each value goes to
/// the monitor whose `key` (default: its id) it is reported under; keys no monitor
/// reports under are listed, not recorded. Values without a date of their own are
/// dated `--date`, or today. Ingesting the same input again adds nothing: a row with
/// the same date, value and source is already there.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders to read; `-` reads standard input
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Only match monitors of this system (when several systems use the same keys)
    #[arg(long, value_name = "ID")]
    pub system: Option<String>,
    /// Date of values that carry none: YYYY-MM-DD or a date-time (default: today)
    #[arg(long, value_parser = parse_stamp, value_name = "DATE")]
    pub date: Option<Stamp>,
    /// Source of values that carry none (default: the file's name)
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Say what would be recorded, without writing
    #[arg(long)]
    pub dry_run: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct Ingested {
    /// What was (or, with --dry-run, would be) recorded, by monitor.
    recorded: Vec<Recorded>,
    /// Values the input holds that are not measurements, and why.
    skipped: Vec<Skipped>,
    /// Keys no monitor reports under, with where each was read.
    unknown: Vec<Unknown>,
    /// Values dated after today, not recorded.
    future: Vec<Unknown>,
    dry_run: bool,
}

#[derive(Debug, Serialize)]
struct Recorded {
    monitor: String,
    file: String,
    added: usize,
    /// Rows the file held already (same date, value and source).
    already: usize,
    first_line: Option<u32>,
}

#[derive(Debug, Serialize)]
struct Skipped {
    key: String,
    at: String,
    why: String,
}

#[derive(Debug, Serialize)]
struct Unknown {
    key: String,
    at: String,
}

pub fn run(ctx: &Context, args: IngestArgs) -> Result<Outcome> {
    let IngestArgs {
        files,
        system,
        date,
        source,
        dry_run,
        format,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let view = authoring.view(ctx);
    if let Some(s) = &system
        && view.system(s).is_none()
    {
        let known = view.systems.iter().map(|s| s.id());
        return Err(crate::cli::not_found(
            "system",
            s,
            known,
            "aims system list",
        ));
    }
    let at = date.unwrap_or_else(|| Stamp::day(ctx.today));
    if at.date > ctx.today {
        bail!("--date {at} is after today ({})", ctx.today);
    }
    let source = one_line("source", source)?;
    let targets: Vec<Target<'_>> = view
        .monitors
        .iter()
        .map(|m| Target {
            id: m.id(),
            key: m.key(),
            system: &m.monitor.system,
        })
        .collect();
    // Every input is read before anything is written: a line that does not read
    // stops the run with nothing recorded.
    let mut plan = ingest::Plan::default();
    let mut skipped = Vec::new();
    for path in &files {
        let shown = path.to_string_lossy().into_owned();
        let Input {
            readings,
            skipped: not_values,
        } = if shown == "-" {
            let bytes = ingest::read_bounded(Ok(io::stdin().lock()), "standard input")?;
            ingest::read_bytes(&bytes, "standard input", None)?
        } else {
            ingest::read_path(path, &shown)?
        };
        skipped.extend(not_values);
        // The file's name, not its path: the same output ingested from elsewhere is
        // recognised as the same.
        let name = if shown == "-" {
            "standard input".to_string()
        } else {
            path.file_name()
                .map_or(shown.clone(), |n| n.to_string_lossy().into_owned())
        };
        let part = ingest::plan(
            readings,
            &targets,
            Defaults {
                at,
                source: source.as_deref().unwrap_or(&name),
                system: system.as_deref(),
                today: ctx.today,
            },
        );
        for (id, rows) in part.rows {
            plan.rows.entry(id).or_default().extend(rows);
        }
        for (key, origin) in part.unknown {
            plan.unknown.entry(key).or_insert(origin);
        }
        plan.ambiguous.extend(part.ambiguous);
        plan.future.extend(part.future);
    }
    if !plan.ambiguous.is_empty() {
        let keys: Vec<String> = plan
            .ambiguous
            .iter()
            .map(|(key, ids)| format!("`{key}` ({})", ids.join(", ")))
            .collect();
        return Err(fail(
            format!(
                "several monitors report under the same key, so the values cannot be told apart: {}; nothing was recorded",
                keys.join("; ")
            ),
            "name the system with `--system ID`, or give the monitors distinct `key`s",
        ));
    }
    let recorded: Vec<Recorded> = if dry_run {
        plan.rows
            .iter()
            .map(|(id, rows)| Recorded {
                monitor: id.clone(),
                file: crate::register::measurements::MeasurementFile::path_of(id),
                added: rows.len(),
                already: 0,
                first_line: None,
            })
            .collect()
    } else {
        author::measure::record(&authoring.register.root, &plan.rows)
            .map_err(author_error)?
            .into_iter()
            .map(|a| Recorded {
                monitor: a.monitor,
                file: a.path,
                added: a.added,
                already: a.already,
                first_line: a.first_line,
            })
            .collect()
    };
    let result = Ingested {
        recorded,
        skipped: skipped
            .into_iter()
            .map(|s| Skipped {
                key: s.key,
                at: s.origin,
                why: s.why,
            })
            .collect(),
        unknown: plan
            .unknown
            .into_iter()
            .map(|(key, at)| Unknown { key, at })
            .collect(),
        future: plan
            .future
            .into_iter()
            .map(|r| Unknown {
                key: r.key,
                at: r.origin,
            })
            .collect(),
        dry_run,
    };
    match format {
        Format::Json => output::json(&result)?,
        Format::Human => {
            human(&result)?;
            if !dry_run && !result.recorded.is_empty() {
                let register = Register::open(&authoring.register.root)?;
                let view = ctx.view(&register);
                let ids: Vec<String> = result.recorded.iter().map(|r| r.monitor.clone()).collect();
                print_verdicts(&view, &ids, Paint { on: ctx.color })?;
            }
        }
    }
    Ok(Outcome::Clean)
}

fn human(r: &Ingested) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let added: usize = r.recorded.iter().map(|x| x.added).sum();
    let already: usize = r.recorded.iter().map(|x| x.already).sum();
    let verb = if r.dry_run {
        "would record"
    } else {
        "recorded"
    };
    writeln!(
        out,
        "{verb} {added} measurement{} for {} monitor{}{}",
        if added == 1 { "" } else { "s" },
        r.recorded.len(),
        if r.recorded.len() == 1 { "" } else { "s" },
        if already > 0 {
            format!("; {already} already recorded, not added again")
        } else {
            String::new()
        }
    )?;
    for x in &r.recorded {
        let at = x.first_line.map(|l| format!(":{l}")).unwrap_or_default();
        writeln!(
            out,
            "  {} +{} ({}{at})",
            safe(&x.monitor),
            x.added,
            safe(&x.file)
        )?;
    }
    drop(out);
    let mut err = io::stderr().lock();
    if !r.unknown.is_empty() {
        writeln!(
            err,
            "not recorded: {} key{} no monitor reports under:",
            r.unknown.len(),
            if r.unknown.len() == 1 { "" } else { "s" }
        )?;
        for u in &r.unknown {
            writeln!(err, "  {} ({})", safe(&u.key), safe(&u.at))?;
        }
        writeln!(
            err,
            "hint: add a monitor with that `key` (`aims monitor add --key KEY`), or set the `key` of an existing one"
        )?;
    }
    if !r.future.is_empty() {
        writeln!(
            err,
            "not recorded: {} value{} dated after today:",
            r.future.len(),
            if r.future.len() == 1 { "" } else { "s" }
        )?;
        for u in &r.future {
            writeln!(err, "  {} ({})", safe(&u.key), safe(&u.at))?;
        }
    }
    if !r.skipped.is_empty() {
        writeln!(
            err,
            "not measurements: {} value{}:",
            r.skipped.len(),
            if r.skipped.len() == 1 { "" } else { "s" }
        )?;
        for s in &r.skipped {
            writeln!(
                err,
                "  {} ({}): {}",
                safe(&s.key),
                safe(&s.at),
                safe(&s.why)
            )?;
        }
    }
    Ok(())
}
