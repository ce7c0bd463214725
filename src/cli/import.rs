//! `aims import risks`: bring a spreadsheet risk register in.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::output::{self, Paint};
use super::{Context, Outcome};
use crate::import;
use crate::register::Scope;

/// Import risks from a CSV or Excel spreadsheet: all rows, or none
///
/// Columns are recognised by common names (Risk ID, Title, Description, Likelihood,
/// Impact, Owner, Treatment, Controls, Review date, System, Category ...), case
/// insensitively; map others with --map "Column name=field". Scale labels such as
/// "Likely" or "Major" become levels through the register's criteria. --dry-run shows
/// what would be written and every row that cannot be imported, with its row number.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What to import
    #[arg(value_enum)]
    pub what: What,
    /// The spreadsheet: .csv, .xlsx, .xls or .ods (first sheet)
    pub file: PathBuf,
    /// Map a column to a field: `--map "Risk statement=title"`; `=ignore` skips a column
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub maps: Vec<String>,
    /// Show what would be written, and every row that cannot be imported, without writing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum What {
    Risks,
}

pub fn run(ctx: &Context, args: ImportArgs) -> Result<Outcome> {
    let ImportArgs {
        what,
        file,
        maps,
        dry_run,
    } = args;
    let What::Risks = what;
    let authoring = ctx.open_for_authoring(Scope::Everything)?;
    let mapping = import::parse_mapping(&maps)?;
    let table = import::read_table(&file)?;
    let plan = import::plan(
        &table,
        &mapping,
        &authoring.register,
        &authoring.scoring,
        ctx.today,
    );
    let paint = Paint { on: ctx.color };
    let mut out = io::stdout().lock();
    let columns: Vec<String> = plan
        .columns
        .iter()
        .map(|(c, f)| format!("{c} -> {f}"))
        .collect();
    writeln!(out, "columns: {}", columns.join(", "))?;
    if !plan.ignored.is_empty() {
        writeln!(
            out,
            "ignored columns: {} (map them with --map \"COLUMN=field\")",
            plan.ignored.join(", ")
        )?;
    }
    for e in &plan.errors {
        writeln!(out, "{}: row {}: {}", paint.red("error"), e.row, e.message)?;
    }
    if dry_run {
        if !plan.risks.is_empty() {
            let mut table = output::table(&["row", "id", "title", "score", "owner", "file"]);
            for r in &plan.risks {
                table.add_row([
                    r.row.to_string(),
                    r.id.clone(),
                    r.title.clone(),
                    r.score.clone(),
                    r.owner.clone(),
                    r.path.clone(),
                ]);
            }
            writeln!(out, "{table}")?;
        }
        writeln!(
            out,
            "dry run: {} row{} would be imported, {} cannot be; nothing was written",
            plan.risks.len(),
            if plan.risks.len() == 1 { "" } else { "s" },
            plan.errors.len()
        )?;
        return Ok(if plan.errors.is_empty() {
            Outcome::Clean
        } else {
            Outcome::Findings
        });
    }
    if !plan.errors.is_empty() {
        writeln!(
            out,
            "{} row{} cannot be imported; nothing was written (fix them, or remove them from the sheet)",
            plan.errors.len(),
            if plan.errors.len() == 1 { "" } else { "s" }
        )?;
        return Ok(Outcome::Findings);
    }
    let written = import::write_all(&authoring.register.root, &plan)?;
    writeln!(out, "imported {} risks into risks/", written.len())?;
    Ok(Outcome::Clean)
}
