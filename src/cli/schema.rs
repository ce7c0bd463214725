//! `aims schema`: the JSON Schemas, for editors and other tools.

use std::io::{self, Write};

use anyhow::{Result, bail};
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
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The kind whose schema to print
    #[arg(value_enum)]
    pub kind: Option<KindArg>,
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
}

pub fn run(ctx: &Context, args: SchemaArgs) -> Result<Outcome> {
    let SchemaArgs { kind, write } = args;
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
            "name a kind ({}), or use --write",
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
    };
    io::stdout()
        .lock()
        .write_all(schema::source(kind).as_bytes())?;
    Ok(Outcome::Clean)
}
