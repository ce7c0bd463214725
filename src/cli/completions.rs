//! `aims completions` and `aims man`: shell completion scripts and the man page,
//! generated from the command-line definitions.

use std::io::{self, Write};

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Context, Outcome};

/// Print a shell completion script
///
/// For example `source <(aims completions bash)` in ~/.bashrc, or
/// `aims completions zsh > ~/.zfunc/_aims` with ~/.zfunc on $fpath.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Print the man page (roff), e.g. `aims man > /usr/local/share/man/man1/aims.1`
#[derive(Debug, Args)]
pub struct ManArgs {}

pub fn completions(_ctx: &Context, args: CompletionsArgs) -> Result<Outcome> {
    let CompletionsArgs { shell } = args;
    let mut command = Cli::command();
    // Generated into memory: the generator panics on a write error such as a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "aims", &mut script);
    io::stdout().lock().write_all(&script)?;
    Ok(Outcome::Clean)
}

pub fn man(_ctx: &Context, args: ManArgs) -> Result<Outcome> {
    let ManArgs {} = args;
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    io::stdout().lock().write_all(&page)?;
    Ok(Outcome::Clean)
}
