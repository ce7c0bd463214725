//! `aims schema`: the JSON Schemas, for editors and other tools: those of the
//! register's files, and those of every JSON output (`aims schema output NAME`).

use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::builder::PossibleValuesParser;
use clap::{Args, ValueEnum};

use super::{Context, Outcome};
use crate::model::{FileKind, Kind};
use crate::register::{self, schemas};
use crate::schema;

/// Print a kind's JSON Schema, or write all of them into the register for editors
///
/// `--write` (re)writes `.aims/schemas/*.schema.json` in the register; files written by
/// aims start with a `# yaml-language-server: $schema=...` line pointing there, so
/// VS Code and other YAML-language-server editors complete and validate offline.
///
/// `aims schema output NAME` prints the JSON Schema of a command's JSON output (for
/// example `aims schema output check` for `aims check --format json`); `aims schema
/// output` lists them with the command each describes.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The kind whose schema to print, or `output` for the schema of a JSON output
    #[arg(value_enum)]
    pub kind: Option<KindArg>,
    /// With `output`: which output (omit it to list them)
    #[arg(value_name = "NAME", value_parser = output_names())]
    pub name: Option<String>,
    /// Write every schema into the register's .aims/schemas/ folder
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// aims.yaml
    Aims,
    System,
    Risk,
    Impact,
    Control,
    Incident,
    /// context.yaml
    Context,
    Policy,
    Objective,
    Monitor,
    Audit,
    ManagementReview,
    Clause,
    /// The JSON output of a command: `aims schema output NAME`
    Output,
}

/// A JSON output and the JSON Schema it keeps to.
#[derive(Debug, Clone, Copy)]
pub struct OutputSchema {
    /// The name `aims schema output NAME` takes.
    pub name: &'static str,
    /// The command that prints it; `ID` stands for an id of the kind the command is
    /// about (`aims risk show ID`).
    pub command: &'static str,
    /// The schema (JSON Schema draft 2020-12), embedded from `schemas/output/`.
    pub schema: &'static str,
}

macro_rules! outputs {
    ($( $name:literal => $command:literal, )*) => {
        /// Every JSON output with its schema. A command that prints JSON adds itself
        /// here; the test suite runs each command on the example register and
        /// validates what it prints against its schema.
        pub const OUTPUTS: &[OutputSchema] = &[ $( OutputSchema {
            name: $name,
            command: $command,
            schema: include_str!(concat!("../../schemas/output/", $name, ".schema.json")),
        }, )* ];
    };
}

outputs! {
    "check" => "aims check --format json",
    "export" => "aims export",
    "status" => "aims status --format json",
    "due" => "aims due --format json",
    "report-soa" => "aims report soa --format json",
    "report-register" => "aims report register --format json",
    "report-impacts" => "aims report impacts --format json",
    "report-audit" => "aims report audit --format json",
    "report-board" => "aims report board --format json",
    "report-clauses" => "aims report clauses --format json",
    "system-list" => "aims system list --format json",
    "system-show" => "aims system show ID --format json",
    "risk-list" => "aims risk list --format json",
    "risk-show" => "aims risk show ID --format json",
    "impact-list" => "aims impact list --format json",
    "impact-show" => "aims impact show ID --format json",
    "control-list" => "aims control list --format json",
    "control-show" => "aims control show ID --format json",
    "incident-list" => "aims incident list --format json",
    "incident-show" => "aims incident show ID --format json",
    "context-show" => "aims context show --format json",
    "policy-list" => "aims policy list --format json",
    "policy-show" => "aims policy show ID --format json",
    "objective-list" => "aims objective list --format json",
    "objective-show" => "aims objective show ID --format json",
    "monitor-list" => "aims monitor list --format json",
    "monitor-show" => "aims monitor show ID --format json",
    "monitor-ingest" => "aims monitor ingest - --dry-run --format json",
    "role-list" => "aims role list --format json",
    "clause-list" => "aims clause list --format json",
    "audit-list" => "aims audit list --format json",
    "audit-show" => "aims audit show ID --format json",
    "audit-programme" => "aims audit programme --format json",
    "management-review-list" => "aims management-review list --format json",
    "management-review-show" => "aims management-review show ID --format json",
    "matrix" => "aims matrix --format json",
    "log" => "aims log R-001 --format json",
    "diff" => "aims diff HEAD --format json",
    "evidence-list" => "aims evidence list --format json",
}

fn output_names() -> PossibleValuesParser {
    PossibleValuesParser::new(OUTPUTS.iter().map(|o| o.name))
}

pub fn run(ctx: &Context, args: SchemaArgs) -> Result<Outcome> {
    let SchemaArgs { kind, name, write } = args;
    if write {
        let root = register::discover(&ctx.start)?;
        let written = schemas::write_schemas(&root, true)?;
        let mut out = io::stdout().lock();
        for file in written {
            writeln!(out, "wrote {file}")?;
        }
        return Ok(Outcome::Clean);
    }
    let Some(kind) = kind else {
        bail!(
            "name a kind ({}) or `output NAME`, or use --write",
            FileKind::ALL
                .iter()
                .map(|k| k.schema_name())
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    let kind = match kind {
        KindArg::Aims => FileKind::Config,
        KindArg::System => Kind::System.into(),
        KindArg::Risk => Kind::Risk.into(),
        KindArg::Impact => Kind::Impact.into(),
        KindArg::Control => Kind::Control.into(),
        KindArg::Incident => Kind::Incident.into(),
        KindArg::Context => FileKind::Context,
        KindArg::Policy => Kind::Policy.into(),
        KindArg::Objective => Kind::Objective.into(),
        KindArg::Monitor => Kind::Monitor.into(),
        KindArg::Audit => Kind::Audit.into(),
        KindArg::ManagementReview => Kind::ManagementReview.into(),
        KindArg::Clause => Kind::Clause.into(),
        KindArg::Output => return output(name.as_deref()),
    };
    if let Some(name) = name {
        bail!("`{name}` is only for `aims schema output NAME`");
    }
    io::stdout()
        .lock()
        .write_all(schema::source(kind).as_bytes())?;
    Ok(Outcome::Clean)
}

/// The schema of one output, or the list of them: name, a tab, the command.
fn output(name: Option<&str>) -> Result<Outcome> {
    let mut out = io::stdout().lock();
    match name.and_then(|n| OUTPUTS.iter().find(|o| o.name == n)) {
        Some(found) => out.write_all(found.schema.as_bytes())?,
        None => {
            for o in OUTPUTS {
                writeln!(out, "{}\t{}", o.name, o.command)?;
            }
        }
    }
    Ok(Outcome::Clean)
}
