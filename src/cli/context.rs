//! Global flags resolved once: where to look for the register, the date rules judge
//! by, and whether to colour output.

use std::env;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use super::ColorChoice;
use super::output;
use crate::register::journal::{self, Recovery};
use crate::register::lock::{self, Lock};
use crate::register::{self, Register};
use crate::trail;
use crate::view::View;

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
        // `auto` follows the conventions anstream (clap's terminal layer) reads:
        // NO_COLOR, CLICOLOR, CLICOLOR_FORCE, TERM=dumb and whether stdout is a
        // terminal.
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
            }
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
        output::detail(format_args!("aims: register `{}`", root.display()));
        if let Some(rev) = &self.at {
            output::detail(format_args!("aims: read as it stood at `{rev}`"));
        }
        match &self.at {
            None => {
                recover(&root)?;
                Ok(Register::open(&root)?)
            }
            Some(rev) => Ok(trail::register_at(&root, rev)?),
        }
    }
}

/// Completes or rolls back a multi-file write that was interrupted (a killed
/// `aims import`), under the register's lock, and says which.
pub(super) fn recover(root: &Path) -> Result<()> {
    if !journal::pending(root) {
        return Ok(());
    }
    let _lock = Lock::take(root, "recovering an interrupted write", lock::wait())?;
    let recovery = journal::recover(root).with_context(|| {
        format!(
            "cannot recover the interrupted write in `{}`",
            journal::JOURNAL_DIR
        )
    })?;
    match recovery {
        Some(Recovery::Completed(files)) => eprintln!(
            "note: an interrupted write (of {} file{}) had been decided; it is now completed",
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        ),
        Some(Recovery::RolledBack(files)) => eprintln!(
            "note: an interrupted write (of {} file{}) had not been decided; it was rolled back and the register is as it was before it",
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        ),
        None => {}
    }
    Ok(())
}

impl Context {
    /// The read model of `register` as of `--today`, with what its git history says
    /// that the files cannot (when the risk criteria last changed).
    pub fn view<'r>(&self, register: &'r Register) -> View<'r> {
        history_view(register, self.today)
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

/// The read model of `register` as of `today`, with the last change of the risk
/// criteria read from git history (none outside a repository).
pub fn history_view(register: &Register, today: NaiveDate) -> View<'_> {
    View::with_history(register, today, trail::criteria::last_change(register))
}
