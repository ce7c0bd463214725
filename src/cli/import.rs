//! `aims import risks|controls|systems FILE`: bring a spreadsheet in.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::output::{self, Paint};
use super::{Context, Format, Outcome};
use crate::import::{self, Action, Plan};
use crate::register::write;

/// Import risks, SoA decisions or AI systems from a spreadsheet: all rows, or none
///
/// Reads CSV (delimiter and encoding detected), .xlsx, .ods and .xls files: the first
/// sheet with a header row, the header found under titles and group headers. Columns
/// are recognised by common names ("Likelihood (1-5)", "Risk Owner", "Residual
/// Impact" ...); values are matched to the register by id, name, title, label or
/// email. --dry-run shows the column mapping, the value mappings applied, what would
/// be created, and every row that cannot be imported with all its reasons, as the
/// spreadsheet numbers them. The import guide (docs/import.md) lists every column
/// name and value spelling understood.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the sheet holds
    #[arg(value_enum)]
    pub what: WhatArg,
    /// The spreadsheet: .csv, .xlsx, .xlsm, .ods or .xls
    pub file: PathBuf,
    /// Map a column to a field: `--map "Risk statement=title"`; `=x` keeps it under
    /// `x:`, `=ignore` drops it; `=action` makes a mitigation plan an action
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub maps: Vec<String>,
    /// Map values of a field: `--value "owner:AI Lead=ml-lead"`, `--value
    /// "level:High=4x4,Medium=3x3"`; FROM* matches a prefix, an empty TO means none
    #[arg(long = "value", value_name = "FIELD:FROM=TO")]
    pub values: Vec<String>,
    /// Fill a field the sheet lacks, or its empty cells: `--default system=credit-scoring`
    #[arg(long = "default", value_name = "FIELD=VALUE")]
    pub defaults: Vec<String>,
    /// Create what the sheet names and the register lacks: systems, roles, categories
    #[arg(long, value_name = "KINDS", value_delimiter = ',')]
    pub create_missing: Vec<String>,
    /// The sheet to read, by name or position (default: the first with a header row)
    #[arg(long, value_name = "NAME|N")]
    pub sheet: Option<String>,
    /// The header's row number (default: found)
    #[arg(long, value_name = "N")]
    pub header_row: Option<u32>,
    /// The CSV delimiter: `,` `;` `tab` `|` (default: detected)
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// The CSV encoding, e.g. utf-8, utf-16, windows-1252 (default: detected)
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// How to read dates like 11/02/2026 when the sheet does not show it: DD/MM/YYYY
    /// or MM/DD/YYYY
    #[arg(long, value_name = "ORDER")]
    pub date_format: Option<String>,
    /// Import the rows that can be, and write the others with their reasons to
    /// FILE.rejected.csv beside the sheet
    #[arg(long)]
    pub skip_invalid: bool,
    /// Update what an earlier import created (matched by id) instead of refusing it
    #[arg(long)]
    pub update: bool,
    /// Show what would be written, and every row that cannot be imported, without writing
    #[arg(long)]
    pub dry_run: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WhatArg {
    Risks,
    Controls,
    Systems,
}

/// What `--format json` prints.
#[derive(Serialize)]
struct Report<'a> {
    dry_run: bool,
    #[serde(flatten)]
    plan: &'a Plan,
    written: Vec<String>,
    rejected_file: Option<String>,
}

pub fn run(ctx: &Context, args: ImportArgs) -> Result<Outcome> {
    let ImportArgs {
        what,
        file,
        maps,
        values,
        defaults,
        create_missing,
        sheet,
        header_row,
        delimiter,
        encoding,
        date_format,
        skip_invalid,
        update,
        dry_run,
        format,
    } = args;
    let what = match what {
        WhatArg::Risks => import::What::Risks,
        WhatArg::Controls => import::What::Controls,
        WhatArg::Systems => import::What::Systems,
    };
    let authoring = ctx.open_for_authoring()?;
    let options = import::Options {
        maps,
        values,
        defaults,
        create_missing,
        sheet,
        header_row,
        delimiter,
        encoding,
        date_format,
        update,
    };
    let request = import::Request::new(what, &options, ctx.today).map_err(visible)?;
    let (source, table) = import::read(&file, &request).map_err(visible)?;
    let plan = import::plan(
        &request,
        &file,
        source,
        &table,
        &authoring.register,
        &authoring.scoring,
    )
    .map_err(visible)?;
    let blocked = !plan.rejected.is_empty() && !skip_invalid;
    let rejected_path = rejected_file(&file);
    let rejected_csv = if skip_invalid {
        import::rejected_csv(&table, &plan)
    } else {
        None
    };

    let mut written = Vec::new();
    let mut rejected_file_written = None;
    if !dry_run && !blocked {
        written = import::write(&authoring.register.root, &plan.changes).map_err(visible)?;
        if let Some(bytes) = &rejected_csv {
            write::atomic(&rejected_path, bytes).map_err(|e| {
                anyhow::anyhow!(
                    "the import was written, but not `{}`: {e}",
                    rejected_path.display()
                )
            })?;
            rejected_file_written = Some(rejected_path.display().to_string());
        }
    }
    let outcome = if blocked {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    if format == Format::Json {
        output::json(&Report {
            dry_run,
            plan: &plan,
            written,
            rejected_file: rejected_file_written,
        })?;
        return Ok(outcome);
    }
    let paint = Paint { on: ctx.color };
    let mut out = io::stdout().lock();
    describe(&mut out, &plan, dry_run, paint)?;
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    let s = &plan.summary;
    let kinds = format!(
        "{} new, {} updated, {} unchanged",
        s.create, s.update, s.unchanged
    );
    if dry_run {
        if skip_invalid && rejected_csv.is_some() {
            writeln!(
                out,
                "would write the rejected rows to {}",
                shown(&rejected_path.display().to_string())
            )?;
        }
        writeln!(
            out,
            "dry run: {} would be imported ({kinds}), {} cannot be; nothing was written",
            n(s.importable, "row", "rows"),
            s.rejected
        )?;
        return Ok(outcome);
    }
    if blocked {
        writeln!(
            out,
            "{} cannot be imported; nothing was written",
            n(s.rejected, "row", "rows")
        )?;
        writeln!(
            out,
            "hint: fix them in the sheet, map their values, or import the others with --skip-invalid"
        )?;
        return Ok(outcome);
    }
    writeln!(
        out,
        "imported {} into {}/ ({kinds}){}",
        n(s.importable, "row", "rows"),
        what.kind().folder(),
        if plan.create.is_empty() {
            String::new()
        } else {
            format!(", created {}", plan.create.len())
        }
    )?;
    if let Some(path) = rejected_file_written {
        writeln!(
            out,
            "{} not imported; written with their reasons to {}",
            n(s.rejected, "row", "rows"),
            shown(&path)
        )?;
    }
    Ok(outcome)
}

/// An import error as it may be printed: its sheet names, headers and values with
/// their control characters shown, its lines (the `hint:`) kept.
fn visible(error: import::ImportError) -> anyhow::Error {
    let text = error.to_string();
    anyhow::anyhow!(text.split('\n').map(shown).collect::<Vec<_>>().join("\n"))
}

/// `risks.csv` -> `risks.rejected.csv`, beside it.
fn rejected_file(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".to_string());
    input.with_file_name(format!("{stem}.rejected.csv"))
}

/// Text from a sheet as it may be shown on a terminal: control characters (and the
/// invisible direction overrides) written out as `\u{1b}`.
fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let invisible = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || invisible {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn describe(out: &mut impl Write, plan: &Plan, dry_run: bool, paint: Paint) -> io::Result<()> {
    let source = &plan.source;
    let mut read = match &source.sheet {
        Some(sheet) => format!(
            "reading sheet `{}` of `{}`{}",
            shown(sheet),
            shown(&source.file),
            match source.sheet_chosen {
                Some("given") => String::new(),
                _ if source.sheets.len() > 1 => format!(
                    " (the first sheet with a header row; the workbook has {})",
                    source
                        .sheets
                        .iter()
                        .map(|s| format!("`{}`", shown(s)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => String::new(),
            }
        ),
        None => format!(
            "reading `{}` as {}{}, delimiter `{}`{}",
            shown(&source.file),
            source.encoding.unwrap_or("UTF-8"),
            if source.encoding_fallback {
                " (it is not UTF-8; give --encoding if the text looks wrong)"
            } else {
                ""
            },
            source.delimiter.as_deref().unwrap_or(","),
            if source.delimiter_sniffed {
                " (detected)"
            } else {
                ""
            }
        ),
    };
    read.push_str(&format!(
        ", header on row {}{}",
        source.header_row,
        if source.header_found { " (found)" } else { "" }
    ));
    writeln!(out, "{read}")?;
    writeln!(out, "columns:")?;
    let width = plan
        .columns
        .iter()
        .map(|c| shown(&c.column).chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    for c in &plan.columns {
        let field = match c.field.as_str() {
            "x" => format!("x (kept as `x.{}`)", shown(&c.column)),
            "ignore" => "ignored".to_string(),
            f => f.to_string(),
        };
        let how = match c.how {
            import::How::Mapped => " [--map]",
            _ => "",
        };
        let note = c
            .note
            .as_deref()
            .map(|n| format!(": {}", shown(n)))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<3} {:<width$} -> {field}{how}{note}",
            c.letter,
            shown(&c.column)
        )?;
    }
    let mapped: Vec<_> = plan.values.iter().filter(|v| v.from != v.to).collect();
    if !mapped.is_empty() {
        writeln!(out, "values:")?;
        for v in mapped {
            writeln!(
                out,
                "  {} `{}` -> `{}` ({}, {} row{})",
                v.field,
                shown(&v.from),
                shown(&v.to),
                v.how,
                v.rows,
                if v.rows == 1 { "" } else { "s" }
            )?;
        }
    }
    if !plan.create.is_empty() {
        writeln!(out, "{}:", if dry_run { "would create" } else { "creates" })?;
        for c in &plan.create {
            writeln!(
                out,
                "  {} `{}` ({}) in {}",
                c.kind,
                shown(&c.id),
                shown(&c.label),
                c.file
            )?;
        }
    }
    for note in &plan.notes {
        writeln!(out, "{}: {}", paint.cyan("note"), shown(note))?;
    }
    if dry_run && !plan.rows.is_empty() {
        let mut table = output::table(&["row", "id", "", "title", "detail", "owner", "file"]);
        for r in &plan.rows {
            table.add_row([
                r.row.to_string(),
                shown(&r.id),
                match r.action {
                    Action::Create => "new",
                    Action::Update => "update",
                    Action::Unchanged => "same",
                }
                .to_string(),
                shown(&r.label),
                r.detail.clone(),
                shown(&r.owner),
                shown(&r.file),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    let sheet = source
        .sheet
        .as_deref()
        .map(|s| format!(" (sheet `{}`)", shown(s)))
        .unwrap_or_default();
    for r in &plan.rejected {
        writeln!(
            out,
            "{}: row {}{sheet}: {}",
            paint.red("error"),
            r.row,
            r.reasons
                .iter()
                .map(|m| shown(m))
                .collect::<Vec<_>>()
                .join("; ")
        )?;
    }
    for hint in &plan.hints {
        writeln!(out, "hint: {}", shown(hint))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(shown("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(shown("line\nbreak"), "line\\u{a}break");
        assert_eq!(shown("\u{202e}txt"), "\\u{202e}txt");
        assert_eq!(shown("Café ✓"), "Café ✓");
    }
}
