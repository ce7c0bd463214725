//! `aims report`: the SoA, the risk register, impact assessments, the audit pack, the
//! board summary and clause readiness.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::{Args, ValueEnum};

use super::{Context, Outcome};
use crate::report::{self, Inputs, ReportFormat, ReportKind};
use crate::trail;
use crate::validate;

/// Render a report for an audit, the board or a pull request
///
/// A register with `aims check` errors still renders, with a banner counting them.
/// `--format json` prints exactly the context the templates receive.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which report
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The register (default: found from the current directory upward)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Output format (csv for soa, register, impacts and clauses)
    #[arg(long, value_enum, default_value_t = FormatArg::Md)]
    pub format: FormatArg,
    /// Write the report to FILE instead of standard output (`-` is standard output);
    /// only a regular file outside the register's own files is written
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Render with this template instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Statement of Applicability: every Annex A control and the decision on it
    Soa,
    /// The risk register with methodology and heat maps
    Register,
    /// AI system impact assessments
    Impacts,
    /// Everything an auditor walks, end to end
    Audit,
    /// One page for the board
    Board,
    /// Clause readiness: every clause 4.1 to 10.2, met, partial or missing, with the
    /// records behind it
    Clauses,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Md,
    Html,
    Csv,
    Json,
}

pub fn run(ctx: &Context, args: ReportArgs) -> Result<Outcome> {
    let ReportArgs {
        kind,
        dir,
        format,
        output,
        template,
    } = args;
    let kind = match kind {
        KindArg::Soa => ReportKind::Soa,
        KindArg::Register => ReportKind::Register,
        KindArg::Impacts => ReportKind::Impacts,
        KindArg::Audit => ReportKind::Audit,
        KindArg::Board => ReportKind::Board,
        KindArg::Clauses => ReportKind::Clauses,
    };
    let format = match format {
        FormatArg::Md => ReportFormat::Markdown,
        FormatArg::Html => ReportFormat::Html,
        FormatArg::Csv => ReportFormat::Csv,
        FormatArg::Json => ReportFormat::Json,
    };
    let register = ctx.open_register(dir.as_deref())?;
    let view = ctx.view(&register);
    // Approval states as of the version read (the working tree, or the --at commit);
    // none outside git.
    let view = match trail::status::entity_states(&register) {
        Ok(states) => view.with_approvals(states),
        Err(_) => view,
    };
    let check = validate::check(&view);
    let inputs = Inputs {
        view: &view,
        check: &check,
        source: trail::provenance(&register),
        generator: format!("aims {}", env!("CARGO_PKG_VERSION")),
    };
    let overrides = register_templates(&register)?;
    let main = match template {
        Some(path) => {
            let source = fs::read_to_string(&path)
                .with_context(|| format!("cannot read template `{}`", path.display()))?;
            let name = path.file_name().map_or_else(
                || "template".to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            Some((name, source))
        }
        None => None,
    };
    let text = report::render(kind, format, &inputs, &overrides, main)?;
    match output {
        Some(path) => super::output::write_output(&path, text.as_bytes(), &register)?,
        None => io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(Outcome::Clean)
}

/// A register's own templates (`templates/*.j2`), which replace built-ins by name, as
/// of the version the register was read at. A template that cannot be used stops the
/// report rather than being skipped: the report would otherwise silently change.
pub fn register_templates(register: &crate::register::Register) -> Result<Vec<(String, String)>> {
    register
        .templates()
        .into_iter()
        .map(|t| match t.source {
            Ok(source) => Ok((t.name, source)),
            Err(why) => Err(anyhow::anyhow!(
                "template `{}` cannot be used: {why}",
                t.path
            )),
        })
        .collect()
}
