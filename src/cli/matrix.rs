//! `aims matrix`: the likelihood x consequence grid with risk counts per cell.

use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::Args;
use serde::Serialize;

use super::output::{self, safe};
use super::{Context, Format, Outcome};
use crate::criteria::Scoring;
use crate::view::Scores;

/// Show the risk matrix: open risks counted per likelihood and consequence, coloured
/// by band
#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// Count target scores (after treatment) instead of current ones
    #[arg(long)]
    pub target: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct MatrixCell {
    likelihood: u32,
    consequence: u32,
    band: String,
    count: usize,
    risks: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Matrix {
    scores: &'static str,
    likelihood: Vec<String>,
    consequence: Vec<String>,
    bands: Vec<String>,
    cells: Vec<MatrixCell>,
}

pub fn run(ctx: &Context, args: MatrixArgs) -> Result<Outcome> {
    let MatrixArgs { target, format } = args;
    let register = ctx.open_register(None)?;
    let view = ctx.view(&register);
    let scores = if target {
        Scores::Target
    } else {
        Scores::Current
    };
    let (Some(scoring), Some(map)) = (view.criteria.scoring.as_ref(), view.heatmap(scores)) else {
        bail!("aims.yaml or its risk criteria have errors; run `aims check` to see them");
    };
    let cells = map
        .cells
        .iter()
        .map(|c| MatrixCell {
            likelihood: c.likelihood,
            consequence: c.consequence,
            band: scoring.bands[c.band].name.clone(),
            count: c.risks.len(),
            risks: c.risks.iter().map(|r| r.to_string()).collect(),
        })
        .collect();
    let matrix = Matrix {
        scores: if target { "target" } else { "current" },
        likelihood: scoring.likelihood_names.clone(),
        consequence: scoring.consequence_names.clone(),
        bands: scoring.bands.iter().map(|b| b.name.clone()).collect(),
        cells,
    };
    match format {
        Format::Json => output::json(&matrix)?,
        Format::Human => human(&matrix, scoring, ctx.color)?,
    }
    Ok(Outcome::Clean)
}

/// Background colours from the lowest band (green) to the highest (red).
fn band_colour(index: usize, bands: usize) -> &'static str {
    const RAMP: [&str; 5] = ["42", "43", "48;5;208", "41", "45"];
    if bands <= 1 {
        return RAMP[0];
    }
    let position = index * (RAMP.len() - 2) / (bands - 1);
    RAMP[position.min(RAMP.len() - 1)]
}

fn human(m: &Matrix, scoring: &Scoring, color: bool) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let nc = m.consequence.len();
    let label_width = m
        .likelihood
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    let cell_width = m
        .consequence
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0)
        .max(6);
    writeln!(
        out,
        "{} risks by likelihood (rows) and consequence (columns); open risks only",
        if m.scores == "target" {
            "Target"
        } else {
            "Current"
        }
    )?;
    writeln!(out)?;
    for l in (1..=m.likelihood.len()).rev() {
        let mut line = format!("{:>label_width$} {l} │", safe(&m.likelihood[l - 1]));
        for c in 1..=nc {
            let cell = &m.cells[(l - 1) * nc + c - 1];
            let band = m.bands.iter().position(|b| *b == cell.band).unwrap_or(0);
            let count = if cell.count == 0 {
                "·".to_string()
            } else {
                cell.count.to_string()
            };
            if color {
                let text = format!("{count:^cell_width$}");
                line.push_str(&format!(
                    "\x1b[{};30m{text}\x1b[0m│",
                    band_colour(band, m.bands.len())
                ));
            } else {
                let mark = cell.band.chars().next().unwrap_or(' ').to_ascii_uppercase();
                let text = format!("{count} {mark}");
                line.push_str(&format!("{text:^cell_width$}│"));
            }
        }
        writeln!(out, "{line}")?;
    }
    let mut axis = format!("{:>label_width$}   ", "");
    for c in 1..=nc {
        axis.push_str(&format!("{c:^cell_width$} "));
    }
    writeln!(out, "{axis}")?;
    let mut names = format!("{:>label_width$}   ", "");
    for name in &m.consequence {
        names.push_str(&format!(
            "{:^cell_width$} ",
            safe(&name.chars().take(cell_width).collect::<String>())
        ));
    }
    writeln!(out, "{names}")?;
    writeln!(out)?;
    let legend: Vec<String> = scoring
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let name = format!("{} (review every {})", b.name, b.review_every);
            if color {
                format!("\x1b[{};30m  \x1b[0m {name}", band_colour(i, m.bands.len()))
            } else {
                format!(
                    "{} = {name}",
                    b.name.chars().next().unwrap_or(' ').to_ascii_uppercase()
                )
            }
        })
        .collect();
    writeln!(
        out,
        "bands: {}; acceptance threshold {}",
        legend.join(", "),
        scoring.threshold_text()
    )
}
