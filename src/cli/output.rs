//! Rendering helpers shared by commands: JSON to stdout, tables, colour.

use std::io::{self, Write};

use anyhow::Result;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

/// Writes `value` as pretty JSON followed by a newline.
pub fn json(value: &impl Serialize) -> Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// A table sized to the terminal, with the given header.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    table
}

/// Prints a table followed by a newline.
pub fn print_table(table: &Table) -> Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{table}")?;
    Ok(())
}

/// ANSI styling, applied only when colour is on.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn red(self, text: &str) -> String {
        self.wrap("1;31", text)
    }

    pub fn yellow(self, text: &str) -> String {
        self.wrap("1;33", text)
    }

    pub fn cyan(self, text: &str) -> String {
        self.wrap("1;36", text)
    }

    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }
}
