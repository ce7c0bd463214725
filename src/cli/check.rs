//! `aims check`: validate the register and report every finding.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::ci_formats;
use super::output::{self, Paint};
use super::{Context, Outcome};
use crate::validate::{self, Report, Summary};

/// Validate every file of the register and report all problems
///
/// Exit status: 0 when no finding has severity error, 1 when at least one does,
/// 2 when the register could not be read at all.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The register (default: found from the current directory upward)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Output format: human, json, sarif (code scanning), junit (test reports) or
    /// github (pull-request annotations)
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Which findings make the exit status 1
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "LEVEL")]
    pub fail_on: FailOn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Sarif,
    Junit,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Exit 1 when a finding has severity error
    Error,
    /// Exit 1 when any finding is reported
    Warning,
    /// Exit 0 whatever is found (2 still means the register could not be read)
    Never,
}

/// One diagnostic in the JSON output; the field names are part of the format contract.
#[derive(Debug, Serialize)]
struct Diagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    file: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    entity: Option<&'a str>,
    message: &'a str,
}

#[derive(Debug, Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<Diagnostic<'a>>,
    summary: Summary,
}

pub fn run(ctx: &Context, args: CheckArgs) -> Result<Outcome> {
    let CheckArgs {
        dir,
        format,
        fail_on,
    } = args;
    let register = ctx.open_register(dir.as_deref())?;
    let report =
        validate::check_with_approvals(&register, ctx.today, approval_states(&register).as_deref());
    match format {
        CheckFormat::Json => output::json(&json(&report))?,
        CheckFormat::Human => human(&report, Paint { on: ctx.color })?,
        CheckFormat::Sarif => output::json(&ci_formats::sarif(&report))?,
        CheckFormat::Junit => {
            let files: Vec<String> = register.documents.iter().map(|d| d.path.clone()).collect();
            io::stdout()
                .lock()
                .write_all(ci_formats::junit(&report, &files).as_bytes())?;
        }
        CheckFormat::Github => io::stdout()
            .lock()
            .write_all(ci_formats::github(&report).as_bytes())?,
    }
    let failed = match fail_on {
        FailOn::Error => report.has_errors(),
        FailOn::Warning => !report.findings.is_empty(),
        FailOn::Never => false,
    };
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Approval states from git history, when the register is in a repository and an
/// approval rule is switched on.
fn approval_states(
    register: &crate::register::Register,
) -> Option<Vec<crate::trail::status::EntityStatus>> {
    use crate::finding::Rule;
    let wanted = [
        Rule::ApprovalMissing,
        Rule::ApprovalStale,
        Rule::SelfApproval,
    ]
    .iter()
    .any(|r| validate::enabled(register, *r));
    if !wanted {
        return None;
    }
    crate::trail::status::entity_states(register)
        .ok()
        .map(|(states, _)| states)
}

fn json(report: &Report) -> JsonReport<'_> {
    JsonReport {
        diagnostics: report
            .findings
            .iter()
            .map(|f| Diagnostic {
                rule: f.rule.name(),
                severity: f.severity.as_str(),
                file: &f.file,
                line: f.at.map(|at| at.line),
                column: f.at.map(|at| at.column),
                entity: f.entity.as_deref(),
                message: &f.message,
            })
            .collect(),
        summary: report.summary(),
    }
}

fn human(report: &Report, paint: Paint) -> Result<()> {
    let mut out = io::stdout().lock();
    output::findings(&mut out, &report.findings, paint)?;
    let summary = report.summary();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let line = if summary.errors == 0 && summary.warnings == 0 {
        format!("no problems found in {}", plural(summary.files, "file"))
    } else {
        format!(
            "{}, {} in {}",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(summary.files, "file")
        )
    };
    if !report.findings.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{}", paint.bold(&line))?;
    Ok(())
}
