//! `aims monitor record`

use std::collections::BTreeMap;
use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::Args;

use super::{one_line, parse_stamp, print_verdicts};
use crate::author;
use crate::cli::authoring::author_error;
use crate::cli::output::{Paint, safe};
use crate::cli::{Context, Outcome};
use crate::model::Stamp;
use crate::register::Register;
use crate::register::measurements::{self, NewMeasurement};

/// Record a measurement of a monitor
///
/// Appends a row to `measurements/<id>.csv` (never rewriting it), then says where the
/// value stands against the threshold and which reviews a breach triggers. Recording
/// the same date, value and source again adds nothing.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The monitor measured
    pub id: String,
    /// The measured value, a decimal number
    #[arg(allow_hyphen_values = true)]
    pub value: String,
    /// When it was measured: YYYY-MM-DD or a date-time (default: today)
    #[arg(long, value_parser = parse_stamp, value_name = "DATE")]
    pub date: Option<Stamp>,
    /// Where the value comes from: a pipeline run, a report
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// A note on the measurement
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

pub fn run(ctx: &Context, args: RecordArgs) -> Result<Outcome> {
    let RecordArgs {
        id,
        value,
        date,
        source,
        note,
    } = args;
    let authoring = ctx.open_for_authoring()?;
    let view = authoring.view(ctx);
    if view.monitor(&id).is_none() {
        let known = view.monitors.iter().map(|m| m.id());
        return Err(crate::cli::not_found(
            "monitor",
            &id,
            known,
            "aims monitor list",
        ));
    }
    let value = measurements::number(&value).map_err(|why| anyhow::anyhow!("VALUE: {why}"))?;
    let at = date.unwrap_or_else(|| Stamp::day(ctx.today));
    if at.date > ctx.today {
        bail!(
            "--date {at} is after today ({}); a measurement is recorded once it is taken",
            ctx.today
        );
    }
    let row = NewMeasurement {
        at,
        value,
        source: one_line("source", source)?,
        note: one_line("note", note)?,
    };
    let rows = BTreeMap::from([(id.clone(), vec![row])]);
    let appended =
        author::measure::record(&authoring.register.root, &rows).map_err(author_error)?;
    let mut out = io::stdout().lock();
    for a in &appended {
        match a.first_line {
            Some(line) => writeln!(
                out,
                "recorded {value} for `{}` on {at} ({}:{line})",
                safe(&a.monitor),
                safe(&a.path)
            )?,
            None => writeln!(
                out,
                "already recorded: `{}` holds {value} on {at} from the same source; nothing added",
                safe(&a.monitor)
            )?,
        }
    }
    drop(out);
    let register = Register::open(&authoring.register.root)?;
    let view = ctx.view(&register);
    print_verdicts(&view, &[id], Paint { on: ctx.color })?;
    Ok(Outcome::Clean)
}
