//! What every command that writes shares: opening the register for authoring (its
//! `aims.yaml` must load and its criteria be usable), announcing a write with what
//! `aims check` then says about the file, and spelling out why a write was refused.

use std::io::Write as _;

use anyhow::{Result, bail};

use super::Context;
use super::render::{self, Paint};
use crate::author::{AuthorError, Written};
use crate::criteria::Scoring;
use crate::finding::{Finding, Severity};
use crate::register::{self, Register};
use crate::validate;
use crate::view::{CompiledCriteria, View};

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
            let report = validate::check(&View::new(&register, self.today));
            report
                .findings
                .iter()
                .filter(|f| f.file == register::CONFIG_FILE && f.severity == Severity::Error)
                .map(|f| format!("  {}: {}", f.place(), f.message))
                .collect::<Vec<_>>()
                .join("\n")
        };
        if register.config.is_none() {
            bail!(
                "aims.yaml has errors; fix them before adding or editing entities:\n{}",
                config_problems()
            );
        }
        let Some(scoring) = CompiledCriteria::of(&register).scoring else {
            bail!(
                "the risk criteria in aims.yaml are inconsistent; fix them first:\n{}",
                config_problems()
            );
        };
        Ok(Authoring { register, scoring })
    }
}

impl Authoring {
    /// The read model of the register as opened (before any write).
    pub fn view(&self, ctx: &Context) -> View<'_> {
        ctx.view(&self.register)
    }

    /// Re-reads the register after a write and returns what `aims check` says about
    /// the file at `path`.
    pub fn findings_for(&self, ctx: &Context, path: &str) -> Result<Vec<Finding>> {
        let register = Register::open(&self.register.root)?;
        let report = validate::check(&ctx.view(&register));
        Ok(report
            .findings
            .into_iter()
            .filter(|f| f.file == path)
            .collect())
    }
}

/// Prints what a write did, then what `aims check` now says about the file.
pub fn announce(ctx: &Context, authoring: &Authoring, verb: &str, written: &Written) -> Result<()> {
    let findings = authoring.findings_for(ctx, &written.path)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{verb} {}", super::output::safe(&written.path))?;
    render::human::findings(&mut out, &findings, Paint { on: ctx.color })?;
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

/// A role given with `--flag`, checked against the roles of `aims.yaml` (refused with
/// the valid ones and a did-you-mean).
pub fn checked_role(
    register: &Register,
    flag: &str,
    given: Option<String>,
) -> Result<Option<String>> {
    given
        .map(|role| {
            super::prompt::Asker::from_terminal().choose(
                flag,
                "role",
                Some(role),
                &super::choices::roles(register),
            )
        })
        .transpose()
}

/// The refusal of a `set` given nothing to change.
pub fn nothing_to_change(flags: &str) -> anyhow::Error {
    super::fail("nothing to change", format!("give at least one of {flags}"))
}

/// An id made from a title: lower case, words joined by `-` (`AI policy` is
/// `ai-policy`).
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect()
}
