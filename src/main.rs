//! The `aims` binary: parse the command line, run, turn the outcome into an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = aims::cli::parse();
    aims::cli::run(cli)
}
