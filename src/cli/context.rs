//! Global flags resolved once: where to look for the register, the date rules judge
//! by, and whether to colour output.

use std::env;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use super::ColorChoice;
use super::output::{self, Paint};
use std::io::Write as _;

use crate::author::{AuthorError, Written};
use crate::criteria::Scoring;
use crate::finding::Severity;
use crate::register::{self, Register};
use crate::trail;
use crate::validate;

#[derive(Debug, Clone)]
pub struct Context {
    /// Where register discovery starts: `-C DIR` or the current directory.
    pub start: PathBuf,
    pub today: NaiveDate,
    /// `--at REV`: read the register from this revision instead of the working tree.
    pub at: Option<String>,
    /// Whether stdout gets ANSI colours.
    pub color: bool,
}

impl Context {
    pub fn resolve(
        register: Option<PathBuf>,
        today: Option<NaiveDate>,
        at: Option<String>,
        color: ColorChoice,
    ) -> Result<Context> {
        let start = match register {
            Some(dir) => dir,
            None => env::current_dir().context("cannot read the current directory")?,
        };
        let no_color = env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && io::stdout().is_terminal(),
        };
        Ok(Context {
            start,
            today: today.unwrap_or_else(|| chrono::Local::now().date_naive()),
            at,
            color,
        })
    }

    /// Opens the register found from `dir` (a command's positional argument) or from
    /// the global start directory.
    pub fn open_register(&self, dir: Option<&Path>) -> Result<Register> {
        let start = dir.unwrap_or(&self.start);
        let root = register::discover(start)?;
        match &self.at {
            None => Ok(Register::open(&root)?),
            Some(rev) => Ok(trail::register_at(&root, rev)?),
        }
    }

    /// Refuses `--at` for commands that write or that read history themselves.
    pub fn refuse_at(&self, command: &str) -> Result<()> {
        if let Some(rev) = &self.at {
            bail!(
                "`aims {command}` works on the working tree and history; it does not take --at (given `{rev}`)"
            );
        }
        Ok(())
    }
}

/// A register ready for authoring: its configuration read and its criteria usable.
pub struct Authoring {
    pub register: Register,
    pub scoring: Scoring,
}

impl Context {
    /// Opens the register for commands that write: `aims.yaml` must load cleanly and
    /// its criteria must be consistent, since every entity refers to them. Broken
    /// files of other kinds do not block authoring.
    pub fn open_for_authoring(&self) -> Result<Authoring> {
        self.refuse_at("add/review/close/set")?;
        let register = self.open_register(None)?;
        let config_problems = || {
            let report = validate::check(&register, self.today);
            report
                .findings
                .iter()
                .filter(|f| f.file == register::CONFIG_FILE && f.severity == Severity::Error)
                .map(|f| match f.at {
                    Some(at) => format!("  {}:{}:{}: {}", f.file, at.line, at.column, f.message),
                    None => format!("  {}: {}", f.file, f.message),
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let Some(config) = &register.config else {
            bail!(
                "aims.yaml has errors; fix them before adding or editing entities:\n{}",
                config_problems()
            );
        };
        let scoring = match Scoring::new(&config.value.criteria) {
            Ok(scoring) => scoring,
            Err(_) => bail!(
                "the risk criteria in aims.yaml are inconsistent; fix them first:\n{}",
                config_problems()
            ),
        };
        Ok(Authoring { register, scoring })
    }
}

impl Authoring {
    /// Re-reads the register after a write and returns what `aims check` says about
    /// the file at `path`.
    pub fn findings_for(
        &self,
        path: &str,
        today: NaiveDate,
    ) -> Result<Vec<crate::finding::Finding>> {
        let register = Register::open(&self.register.root)?;
        let report = validate::check(&register, today);
        Ok(report
            .findings
            .into_iter()
            .filter(|f| f.file == path)
            .collect())
    }
}

/// Prints what a write did, then what `aims check` now says about the file.
pub fn announce(ctx: &Context, authoring: &Authoring, verb: &str, written: &Written) -> Result<()> {
    let findings = authoring.findings_for(&written.path, ctx.today)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{verb} {}", written.path)?;
    output::findings(&mut out, &findings, Paint { on: ctx.color })?;
    Ok(())
}

/// An authoring failure, with the findings that refused it spelt out.
pub fn author_error(error: AuthorError) -> anyhow::Error {
    match error {
        AuthorError::Invalid { ref findings, .. } => {
            let details: Vec<String> = findings
                .iter()
                .map(|f| match f.at {
                    Some(at) => format!("  {}:{}: {}", at.line, at.column, f.message),
                    None => format!("  {}", f.message),
                })
                .collect();
            anyhow::anyhow!("{error}:\n{}", details.join("\n"))
        }
        other => other.into(),
    }
}
