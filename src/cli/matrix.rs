//! `aims matrix`: the likelihood x consequence grid with risk counts per cell.

use std::io::{self, Write};

use anstyle::{Ansi256Color, AnsiColor, Color, Style};
use anyhow::{Result, bail};
use clap::Args;
use serde::Serialize;

use super::output::{self, Paint, safe};
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

/// Black on a background from the lowest band (green) to the highest (red).
fn band_colour(index: usize, bands: usize) -> Style {
    const RAMP: [Color; 5] = [
        Color::Ansi(AnsiColor::Green),
        Color::Ansi(AnsiColor::Yellow),
        Color::Ansi256(Ansi256Color(208)),
        Color::Ansi(AnsiColor::Red),
        Color::Ansi(AnsiColor::Magenta),
    ];
    let position = if bands <= 1 {
        0
    } else {
        index * (RAMP.len() - 2) / (bands - 1)
    };
    Style::new()
        .fg_color(Some(AnsiColor::Black.into()))
        .bg_color(Some(RAMP[position.min(RAMP.len() - 1)]))
}

fn human(m: &Matrix, scoring: &Scoring, color: bool) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let paint = Paint { on: color };
    let nc = m.consequence.len();
    // Widths in terminal columns, of the text as shown (made safe), so that wide
    // characters (CJK, emoji) keep the grid aligned.
    let label_width = m
        .likelihood
        .iter()
        .map(|l| output::width(&safe(l)))
        .max()
        .unwrap_or(0)
        .max(10);
    let cell_width = m
        .consequence
        .iter()
        .map(|c| output::width(&safe(c)))
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
        let mut line = format!(
            "{} {l} │",
            output::right(&safe(&m.likelihood[l - 1]), label_width)
        );
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
                line.push_str(&paint.style(band_colour(band, m.bands.len()), &text));
                line.push('│');
            } else {
                let mark = cell.band.chars().next().unwrap_or(' ').to_ascii_uppercase();
                let text = format!("{count} {mark}");
                line.push_str(&output::centre(&text, cell_width));
                line.push('│');
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
        names.push_str(&output::centre(&safe(name), cell_width));
        names.push(' ');
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
                format!(
                    "{} {}",
                    paint.style(band_colour(i, m.bands.len()), "  "),
                    safe(&name)
                )
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
