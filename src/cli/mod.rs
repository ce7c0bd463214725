//! The command line: the only code that talks to the user.
//!
//! [`Cli`] is the clap definition; [`run`] resolves the global flags once into a
//! [`Context`], dispatches to one command module, and maps the outcome to the exit
//! status: 0 when all is well, 1 when `aims check` found an error, 2 when the command
//! could not run at all.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod actions;
mod approve;
pub(crate) mod audit;
mod authoring;
mod catalog;
mod check;
mod choices;
mod clause;
mod completions;
mod context;
mod control;
mod diff;
mod due;
mod evidence;
mod export;
mod impact;
mod import;
mod incident;
mod init;
mod log;
mod man;
pub(crate) mod management_review;
mod matrix;
mod monitor;
mod objective;
mod org_context;
mod output;
mod policy;
mod progress;
mod prompt;
pub mod render;
mod report;
mod risk;
mod role;
mod schema;
mod site;
mod status;
mod system;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

pub use check::check_register;
pub use context::Context;

use crate::register::OpenError;

/// Keep an ISO/IEC 42001 AI management system register as YAML files in git
#[derive(Debug, Parser)]
#[command(name = "aims", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// Find the register from DIR instead of the current directory
    #[arg(
        short = 'C',
        long = "register",
        global = true,
        display_order = 900,
        value_name = "DIR"
    )]
    pub register: Option<PathBuf>,

    /// Judge dates as of DATE (YYYY-MM-DD) instead of today, for reproducible runs
    #[arg(long, global = true, display_order = 901, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    /// Read the register as it stood at REV (a commit, tag, `HEAD~3`, or a date
    /// YYYY-MM-DD: the last commit on or before it), from git, without touching the
    /// working tree
    #[arg(long, global = true, display_order = 902, value_name = "REV")]
    pub at: Option<String>,

    /// When to colour the output (auto: on a terminal, unless NO_COLOR is set or
    /// TERM=dumb; CLICOLOR_FORCE=1 forces it)
    #[arg(long, global = true, display_order = 903, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print nothing on standard error but errors and warnings: no counts, notes or
    /// progress
    #[arg(
        short,
        long,
        global = true,
        display_order = 904,
        conflicts_with = "verbose"
    )]
    pub quiet: bool,

    /// Say on standard error where the register was found, what was read and how
    /// long it took
    #[arg(short, long, global = true, display_order = 905)]
    pub verbose: bool,

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
    Evidence(evidence::EvidenceCommand),
    #[command(subcommand)]
    Context(org_context::ContextCommand),
    #[command(subcommand)]
    Policy(policy::PolicyCommand),
    #[command(subcommand)]
    Objective(objective::ObjectiveCommand),
    #[command(subcommand)]
    Monitor(monitor::MonitorCommand),
    #[command(subcommand)]
    Role(role::RoleCommand),
    #[command(subcommand)]
    Clause(clause::ClauseCommand),
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    #[command(subcommand)]
    ManagementReview(management_review::ManagementReviewCommand),
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

/// A yes-or-no flag value: `--applicable yes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

impl YesNo {
    pub fn yes(self) -> bool {
        self == YesNo::Yes
    }
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

/// Parses the process's command line, with `--color` (and `NO_COLOR`,
/// `CLICOLOR_FORCE`, `TERM=dumb`) applied to clap's own help and errors too: clap
/// writes those before the parsed flags exist, so the flag is read ahead of it.
pub fn parse() -> Cli {
    completions::complete_if_asked();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let choice = color_flag(&args);
    if let Some(choice) = choice {
        anstream::ColorChoice::write_global(match choice {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        });
    }
    // The register's values are attached for completion requests only.
    let command = Cli::command().color(match choice {
        Some(ColorChoice::Always) => clap::ColorChoice::Always,
        Some(ColorChoice::Never) => clap::ColorChoice::Never,
        Some(ColorChoice::Auto) | None => clap::ColorChoice::Auto,
    });
    let matches = command.get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The value of the last `--color WHEN` or `--color=WHEN` before a `--`, if valid.
fn color_flag(args: &[std::ffi::OsString]) -> Option<ColorChoice> {
    let mut choice = None;
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        let value = match arg.as_ref() {
            "--" => break,
            "--color" => args.next().map(|v| v.into_owned()),
            other => other.strip_prefix("--color=").map(str::to_string),
        };
        if let Some(value) = value {
            choice = ColorChoice::from_str(&value, true).ok().or(choice);
        }
    }
    choice
}

/// A number of seconds, from zero to a day, from the environment variable `name`; any
/// other value is ignored with a warning.
fn seconds_from_env(name: &str) -> Option<std::time::Duration> {
    let text = std::env::var(name).ok()?;
    let seconds = seconds(&text);
    if seconds.is_none() {
        eprintln!(
            "warning: {name}=`{}` is not a number of seconds from 0 to 86400; the default is used",
            output::safe(&text)
        );
    }
    seconds
}

/// `text` as a number of seconds, from zero to a day.
fn seconds(text: &str) -> Option<std::time::Duration> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| (0.0..=86_400.0).contains(s))
        .map(std::time::Duration::from_secs_f64)
}

/// Runs the parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
    let Cli {
        register,
        today,
        at,
        color,
        quiet,
        verbose,
        command,
    } = cli;
    let verbosity = match (quiet, verbose) {
        (true, _) => output::Verbosity::Quiet,
        (false, true) => output::Verbosity::Verbose,
        (false, false) => output::Verbosity::Normal,
    };
    output::set_verbosity(verbosity);
    if let Some(wait) = seconds_from_env("AIMS_LOCK_WAIT") {
        crate::register::lock::set_wait(wait);
    }
    let started = std::time::Instant::now();
    let result = Context::resolve(register, today, at, color).and_then(|ctx| match command {
        Command::Init(args) => init::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Catalog(args) => catalog::run(&ctx, args),
        Command::System(command) => system::run(&ctx, command),
        Command::Risk(command) => risk::run(&ctx, command),
        Command::Impact(command) => impact::run(&ctx, command),
        Command::Incident(command) => incident::run(&ctx, command),
        Command::Control(command) => control::run(&ctx, command),
        Command::Evidence(command) => evidence::run(&ctx, command),
        Command::Context(command) => org_context::run(&ctx, command),
        Command::Policy(command) => policy::run(&ctx, command),
        Command::Objective(command) => objective::run(&ctx, command),
        Command::Monitor(command) => monitor::run(&ctx, command),
        Command::Role(command) => role::run(&ctx, command),
        Command::Clause(command) => clause::run(&ctx, command),
        Command::Audit(command) => audit::run(&ctx, command),
        Command::ManagementReview(command) => management_review::run(&ctx, command),
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
    output::detail(format_args!(
        "aims: done in {:.2} s",
        started.elapsed().as_secs_f64()
    ));
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
    fail(
        format!("no {noun} `{id}` in the register"),
        did_you_mean(id, known, list),
    )
}

/// [`not_found`] for an item of entity `of` (an action of a risk): `no treatment
/// action `T9` of `R-001``.
pub fn not_found_of<'a>(
    noun: &str,
    id: &str,
    of: &str,
    known: impl IntoIterator<Item = &'a str>,
    list: &str,
) -> anyhow::Error {
    fail(
        format!("no {noun} `{id}` of `{of}`"),
        did_you_mean(id, known, list),
    )
}

/// The closest known id as a question, or the command that lists them.
fn did_you_mean<'a>(id: &str, known: impl IntoIterator<Item = &'a str>, list: &str) -> String {
    let known: Vec<&str> = known.into_iter().collect();
    crate::suggest::closest(id, known.iter().copied())
        .or_else(|| crate::suggest::same_number(id, known.iter().copied()))
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| format!("list them with `{list}`"))
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::seconds;

    #[test]
    fn seconds_from_the_environment_are_a_day_at_most_and_never_negative() {
        assert_eq!(seconds("1.5"), Some(Duration::from_millis(1500)));
        assert_eq!(seconds(" 0 "), Some(Duration::ZERO));
        assert_eq!(seconds("86400"), Some(Duration::from_secs(86_400)));
        for bad in ["", "soon", "-1", "86401", "NaN", "inf"] {
            assert_eq!(seconds(bad), None, "{bad}");
        }
    }
}
