//! `aims report`: the SoA, the risk register, impact assessments, the audit pack, the
//! board summary, clause readiness, and the whole register as a linked site
//! (`aims report site`, in `site.rs`).

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
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
    /// Output format (csv and xlsx for soa, register, impacts and clauses)
    #[arg(long, value_enum, default_value_t = FormatArg::Md)]
    pub format: FormatArg,
    /// Start CSV with a UTF-8 byte order mark, so that spreadsheet programs that
    /// otherwise assume a legacy encoding (Excel on Windows) read accents and other
    /// non-ASCII letters right
    #[arg(long)]
    pub bom: bool,
    /// Write the report to FILE instead of standard output (`-` is standard output);
    /// only a regular file outside the register's own files is written. For `site`:
    /// the folder to write the site to (default `aims-site`), created or replaced
    /// whole, and only if it is empty or holds a site aims wrote
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Render with this template instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// management-review only: draw the inputs since REV, a date YYYY-MM-DD or a
    /// management review's id (default: since the last management review)
    #[arg(long, value_name = "REV|DATE|MR-ID")]
    pub since: Option<String>,
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
    /// The inputs of a management review (clause 9.3.2), drawn from the register and
    /// its git history since the last review
    ManagementReview,
    /// A linked static site of the whole register (HTML, into a folder): every entity,
    /// its history and approvals, the evidence, the SoA, the audit pack and a search,
    /// readable offline and publishable from CI
    Site,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Md,
    Html,
    Csv,
    Json,
    /// Excel workbook, one sheet; needs --output FILE or a redirected standard output
    Xlsx,
}

pub fn run(ctx: &Context, args: ReportArgs) -> Result<Outcome> {
    let ReportArgs {
        kind,
        dir,
        format,
        bom,
        output,
        template,
        since,
    } = args;
    if since.is_some() && kind != KindArg::ManagementReview {
        return Err(super::fail(
            "`--since` applies to `aims report management-review` only",
            "other reports show the register as it stands; compare versions with `aims diff REV1..REV2`",
        ));
    }
    if bom && format != FormatArg::Csv {
        bail!("--bom is for CSV (--format csv); other formats carry their encoding themselves");
    }
    let kind = match kind {
        KindArg::Site => return super::site::run(ctx, dir, output, format, template),
        KindArg::ManagementReview => None,
        KindArg::Soa => Some(ReportKind::Soa),
        KindArg::Register => Some(ReportKind::Register),
        KindArg::Impacts => Some(ReportKind::Impacts),
        KindArg::Audit => Some(ReportKind::Audit),
        KindArg::Board => Some(ReportKind::Board),
        KindArg::Clauses => Some(ReportKind::Clauses),
    };
    let format = match format {
        FormatArg::Md => ReportFormat::Markdown,
        FormatArg::Html => ReportFormat::Html,
        FormatArg::Csv => ReportFormat::Csv,
        FormatArg::Json => ReportFormat::Json,
        FormatArg::Xlsx => ReportFormat::Xlsx,
    };
    let register = ctx.open_register(dir.as_deref())?;
    let view = ctx.view(&register);
    // Approval states as of the version read (the working tree, or the --at commit);
    // none outside git. The management-review pack does not show them (it reads the
    // history it needs itself), and spares the walk of every commit.
    let view = match kind {
        Some(_) => view.with_approvals_read(trail::status::entity_states(&register)),
        None => view,
    };
    let check = validate::check(&view);
    let provenance = trail::provenance(&register);
    let inputs = Inputs {
        view: &view,
        check: &check,
        source: provenance.clone(),
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
    let bytes = match (kind, format) {
        (None, ReportFormat::Xlsx) => {
            return Err(super::fail(
                "the management-review report has no xlsx format",
                "use --format md, html or json",
            ));
        }
        (None, _) => {
            let pack = super::management_review::pack(
                &register,
                &view,
                provenance.as_ref(),
                since.as_deref(),
            )?;
            let context = inputs.management_review(&pack);
            report::render_management_review(format, &context, &overrides, main)?.into_bytes()
        }
        (Some(kind), ReportFormat::Xlsx) => {
            if main.is_some() {
                bail!(
                    "xlsx takes its columns from the report's CSV template; replace `templates/{}.csv.j2` in the register instead of --template",
                    kind.name()
                );
            }
            let to_terminal =
                output.as_deref().is_none_or(|p| p == Path::new("-")) && io::stdout().is_terminal();
            if to_terminal {
                return Err(report::ReportError::Binary { format: "xlsx" }.into());
            }
            report::render_xlsx(kind, &inputs, &overrides)?
        }
        (Some(kind), _) => {
            let text = report::render(kind, format, &inputs, &overrides, main)?;
            if bom {
                [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()
            } else {
                text.into_bytes()
            }
        }
    };
    match output {
        Some(path) => super::output::write_output(&path, &bytes, &register)?,
        None => io::stdout().lock().write_all(&bytes)?,
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
