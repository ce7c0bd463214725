//! The `aims` binary: parse the command line, run, turn the outcome into an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = aims::cli::Cli::parse();
    aims::cli::run(cli)
}
