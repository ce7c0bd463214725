//! The command line: the only code that talks to the user.
//!
//! [`Cli`] is the clap definition; [`run`] resolves the global flags once into a
//! [`Context`], dispatches to one command module, and maps the outcome to the exit
//! status: 0 when all is well, 1 when `aims check` found an error, 2 when the command
//! could not run at all.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod approve;
mod authoring;
mod catalog;
mod check;
mod choices;
mod completions;
mod context;
mod control;
mod diff;
mod due;
mod export;
mod impact;
mod import;
mod incident;
mod init;
mod log;
mod matrix;
mod monitor;
mod output;
mod prompt;
pub mod render;
mod report;
mod risk;
mod schema;
mod status;
mod system;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

pub use check::check_register;
pub use context::Context;

use crate::register::OpenError;

/// Keep an ISO/IEC 42001 AI management system register as YAML files in git
#[derive(Debug, Parser)]
#[command(name = "aims", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// Find the register from DIR instead of the current directory
    #[arg(short = 'C', long = "register", global = true, value_name = "DIR")]
    pub register: Option<PathBuf>,

    /// Judge dates as of DATE (YYYY-MM-DD) instead of today, for reproducible runs
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    /// Read the register as it stood at REV (a commit, tag, `HEAD~3`, or a date
    /// YYYY-MM-DD: the last commit on or before it), from git, without touching the
    /// working tree
    #[arg(long, global = true, value_name = "REV")]
    pub at: Option<String>,

    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run; boxing the larger argument sets would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::InitArgs),
    Check(check::CheckArgs),
    Catalog(catalog::CatalogArgs),
    #[command(subcommand)]
    System(system::SystemCommand),
    #[command(subcommand)]
    Risk(risk::RiskCommand),
    #[command(subcommand)]
    Impact(impact::ImpactCommand),
    #[command(subcommand)]
    Incident(incident::IncidentCommand),
    #[command(subcommand)]
    Control(control::ControlCommand),
    #[command(subcommand)]
    Monitor(monitor::MonitorCommand),
    Due(due::DueArgs),
    Report(report::ReportArgs),
    Status(status::StatusArgs),
    Approve(approve::ApproveArgs),
    Log(log::LogArgs),
    Diff(diff::DiffArgs),
    Export(export::ExportArgs),
    Import(import::ImportArgs),
    Schema(schema::SchemaArgs),
    Completions(completions::CompletionsArgs),
    Man(completions::ManArgs),
    Matrix(matrix::MatrixArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Output format of commands that print data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date; write YYYY-MM-DD, e.g. 2026-03-31"))
}

/// How a command ended when it did run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Findings,
}

/// Runs the parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
    let Cli {
        register,
        today,
        at,
        color,
        command,
    } = cli;
    let result = Context::resolve(register, today, at, color).and_then(|ctx| match command {
        Command::Init(args) => init::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Catalog(args) => catalog::run(&ctx, args),
        Command::System(command) => system::run(&ctx, command),
        Command::Risk(command) => risk::run(&ctx, command),
        Command::Impact(command) => impact::run(&ctx, command),
        Command::Incident(command) => incident::run(&ctx, command),
        Command::Control(command) => control::run(&ctx, command),
        Command::Monitor(command) => monitor::run(&ctx, command),
        Command::Due(args) => due::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Status(args) => status::run(&ctx, args),
        Command::Approve(args) => approve::run(&ctx, args),
        Command::Log(args) => log::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
        Command::Schema(args) => schema::run(&ctx, args),
        Command::Completions(args) => completions::completions(&ctx, args),
        Command::Man(args) => completions::man(&ctx, args),
        Command::Matrix(args) => matrix::run(&ctx, args),
    });
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            report_error(&error);
            ExitCode::from(2)
        }
    }
}

/// The error for an entity id that is not in the register, with the closest id as a
/// hint, or the command that lists them.
pub fn not_found<'a>(
    noun: &str,
    id: &str,
    known: impl IntoIterator<Item = &'a str>,
    list: &str,
) -> anyhow::Error {
    let hint = crate::suggest::closest(id, known)
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| format!("list them with `{list}`"));
    fail(format!("no {noun} `{id}` in the register"), hint)
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// An error with advice on what to do about it. The hint is data: the CLI prints it
/// on a line of its own after the error and its causes.
#[derive(Debug)]
pub struct Hinted {
    message: String,
    hint: String,
}

impl std::fmt::Display for Hinted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Hinted {}

/// An error with a hint saying what to do.
pub fn fail(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    Hinted {
        message: message.into(),
        hint: hint.into(),
    }
    .into()
}

fn report_error(error: &anyhow::Error) {
    // Errors can quote register text (a file name, a template's message): shown safe.
    let safe = |text: String| output::safe(&text).into_owned();
    eprintln!("error: {}", safe(error.to_string()));
    for cause in error.chain().skip(1) {
        eprintln!("  caused by: {}", safe(cause.to_string()));
    }
    let hint = error
        .chain()
        .find_map(|e| e.downcast_ref::<Hinted>())
        .map(|h| h.hint.clone())
        .or_else(|| match error.downcast_ref::<OpenError>() {
            Some(OpenError::NotFound { .. }) => Some(
                "run `aims init` to create a register, or point at one with `-C DIR`".to_string(),
            ),
            _ => None,
        });
    if let Some(hint) = hint {
        eprintln!("hint: {}", safe(hint));
    }
}
