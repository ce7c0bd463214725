//! Rendering helpers shared by commands: JSON to stdout, tables, colour.

use std::io::{self, Write};

use anyhow::Result;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

pub use super::render::Paint;

/// Writes `value` as pretty JSON followed by a newline.
pub fn json(value: &impl Serialize) -> Result<()> {
    // Serialised first, so that a closed pipe surfaces as a plain I/O error.
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    io::stdout().lock().write_all(text.as_bytes())?;
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

/// One line of a `show` command: the label in a column of its own, then the value.
pub fn field(out: &mut impl Write, label: &str, value: impl std::fmt::Display) -> io::Result<()> {
    writeln!(out, "  {label:<19} {value}")
}

/// A field whose value is a list: comma-separated, or `none`.
pub fn list_field(out: &mut impl Write, label: &str, items: &[String]) -> io::Result<()> {
    if items.is_empty() {
        field(out, label, "none")
    } else {
        field(out, label, items.join(", "))
    }
}

/// The heading of a `show` section whose items follow on lines of their own, or the
/// label and `none` when there are none.
pub fn heading(out: &mut impl Write, label: &str, empty: bool) -> io::Result<()> {
    if empty {
        field(out, label, "none")
    } else {
        writeln!(out, "  {label}")
    }
}
