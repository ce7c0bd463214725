//! Rendering helpers shared by commands: JSON to stdout, tables, colour, and writing a
//! product to `--output`.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

use crate::model::{FileKind, Kind};
use crate::register::{Register, write};

pub use super::render::Paint;

/// Writes `value` as pretty JSON followed by a newline.
pub fn json(value: &impl Serialize) -> Result<()> {
    // Serialised first, so that a closed pipe surfaces as a plain I/O error.
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// Writes a command's product to `--output FILE`, or to standard output for `-`.
///
/// Only a regular file is ever written, and never one of the register's own: a pipe, a
/// device, a folder or a symlink is refused (writing by renaming a temporary file would
/// replace it with a regular file), and so are `aims.yaml` and the files of the
/// register's folders. An existing file keeps its permissions.
pub fn write_output(path: &Path, bytes: &[u8], register: &Register) -> Result<()> {
    if path == Path::new("-") {
        io::stdout().lock().write_all(bytes)?;
        return Ok(());
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => bail!(
            "`{}` is a symlink; --output writes only regular files (give the file it leads to, or `-` for standard output)",
            path.display()
        ),
        Ok(meta) if !meta.is_file() => bail!(
            "`{}` is not a regular file (a pipe, a device or a folder); --output writes only regular files (`-` is standard output)",
            path.display()
        ),
        _ => {}
    }
    if let Some(rel) = inside(path, &register.root)
        && is_register_file(&rel)
    {
        bail!(
            "`{}` is one of the register's own files (`{rel}`); write reports elsewhere",
            path.display()
        );
    }
    write::atomic(path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
}

/// `path` relative to `root` (`/`-separated) when it lies inside it.
fn inside(path: &Path, root: &Path) -> Option<String> {
    let root = std::fs::canonicalize(root).ok()?;
    let absolute = std::path::absolute(path).ok()?;
    let parent = std::fs::canonicalize(absolute.parent()?).ok()?;
    let full = parent.join(absolute.file_name()?);
    let rel = full.strip_prefix(&root).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// Whether a path relative to the register root is one of its own files.
fn is_register_file(rel: &str) -> bool {
    let first = rel.split('/').next().unwrap_or_default();
    FileKind::root_at(rel).is_some()
        || Kind::ALL.iter().any(|k| k.folder() == first)
        || [".aims", "templates", "evidence"].contains(&first)
}

/// Text from the register or from git, made safe to print on a terminal: control
/// characters (other than line breaks and tabs) and the bidirectional overrides that
/// can make text read differently from what it is are shown as `\u{1b}` escapes,
/// so that no file or commit can move the cursor, recolour or retitle the terminal,
/// or hide what it says.
pub fn safe(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A table sized to the terminal whose cells are made [`safe`].
pub struct SafeTable(Table);

impl SafeTable {
    pub fn add_row<T: Into<String>>(&mut self, cells: impl IntoIterator<Item = T>) -> &mut Self {
        self.0.add_row(
            cells
                .into_iter()
                .map(|c| safe(&c.into()).into_owned())
                .collect::<Vec<_>>(),
        );
        self
    }
}

/// A table cell: register text, made [`safe`] when added, or text the CLI painted
/// itself (colour codes around words and numbers it wrote), kept as it is.
#[derive(Debug, Clone)]
pub enum Cell {
    Text(String),
    Painted(String),
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl SafeTable {
    /// A row of cells, some of them painted.
    pub fn add_cells(&mut self, cells: impl IntoIterator<Item = Cell>) -> &mut Self {
        self.0.add_row(
            cells
                .into_iter()
                .map(|c| match c {
                    Cell::Text(text) => safe(&text).into_owned(),
                    Cell::Painted(text) => text,
                })
                .collect::<Vec<_>>(),
        );
        self
    }
}

impl std::fmt::Display for SafeTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A table sized to the terminal, with the given header.
pub fn table(header: &[&str]) -> SafeTable {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    SafeTable(table)
}

/// Prints a table followed by a newline.
pub fn print_table(table: &SafeTable) -> Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{table}")?;
    Ok(())
}

/// One line of a `show` command: the label in a column of its own, then the value.
pub fn field(out: &mut impl Write, label: &str, value: impl std::fmt::Display) -> io::Result<()> {
    let value = value.to_string();
    writeln!(out, "  {:<19} {}", safe(label), safe(&value))
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
