//! `aims check`: validate the register and report every finding.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::output::{self, Paint};
use super::render;
use super::{Context, Outcome};
use crate::register::Register;
use crate::trail;
use crate::validate;
use crate::view::View;

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

pub fn run(ctx: &Context, args: CheckArgs) -> Result<Outcome> {
    let CheckArgs {
        dir,
        format,
        fail_on,
    } = args;
    let register = ctx.open_register(dir.as_deref())?;
    let report = check_register(&register, ctx.today);
    let origin = origin(&register);
    let mut out = io::stdout().lock();
    match format {
        CheckFormat::Json => output::json(&render::json::check(&report))?,
        CheckFormat::Human => render::human::check(&mut out, &report, Paint { on: ctx.color })?,
        CheckFormat::Sarif => output::json(&render::sarif::sarif(&report, &origin))?,
        CheckFormat::Junit => {
            let files: Vec<String> = register
                .documents
                .iter()
                .map(|d| d.path.clone())
                .chain(register.measurements.iter().map(|m| m.path.clone()))
                .collect();
            out.write_all(render::junit::junit(&report, &files).as_bytes())?;
        }
        CheckFormat::Github => {
            out.write_all(render::github::github(&report, &origin).as_bytes())?
        }
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

/// Where code scanning and annotations resolve paths from: the repository root when
/// the register is inside a git repository, else the register root.
fn origin(register: &Register) -> render::Origin {
    match trail::placement(&register.root) {
        Some((workdir, prefix)) => render::Origin::repository(workdir, &prefix),
        None => render::Origin::register(
            std::path::absolute(&register.root).unwrap_or_else(|_| register.root.clone()),
        ),
    }
}

/// The check `aims check` runs: every rule, the approval rules included when one is
/// switched on and the register is in a repository.
pub fn check_register(register: &Register, today: NaiveDate) -> validate::Report {
    validate::check(&with_approvals(super::context::history_view(
        register, today,
    )))
}

/// The view with the approval states of its entities from git history, when an
/// approval rule is switched on and the register is in a repository. The states are
/// those of the version the register was read at (`--at` included).
fn with_approvals(view: View<'_>) -> View<'_> {
    use crate::finding::Rule;
    let wanted = [
        Rule::ApprovalMissing,
        Rule::ApprovalStale,
        Rule::SelfApproval,
        Rule::ApprovalUnverified,
        Rule::ApprovalForged,
        Rule::DecisionUnapproved,
    ]
    .iter()
    .any(|r| validate::enabled(view.register, *r));
    if !wanted {
        return view;
    }
    let read = crate::trail::status::entity_states(view.register);
    view.with_approvals_read(read)
}
