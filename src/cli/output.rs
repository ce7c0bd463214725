//! Rendering helpers shared by commands: JSON to stdout, tables, colour, and writing a
//! product to `--output`.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};

use anyhow::{Context as _, Result, bail};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ColumnConstraint, ContentArrangement, Table};
use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::register::{Register, write};

pub use super::render::Paint;

/// How much a run says about itself on standard error, besides errors and warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// `--quiet`: nothing but errors and warnings.
    Quiet,
    Normal,
    /// `--verbose`: also where the register was found, what was read, how long it took.
    Verbose,
}

/// Set once from the command line, before anything runs. A process-wide value, like
/// the colour choice of the terminal layer, because notes and progress come from
/// helpers far below the command that has the context.
static VERBOSITY: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

pub fn set_verbosity(verbosity: Verbosity) {
    VERBOSITY.store(verbosity as u8, Ordering::Relaxed);
}

pub fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// A remark about the run on standard error (a count, a hint, what was recovered),
/// left out with `--quiet`.
pub fn note(text: impl std::fmt::Display) {
    if verbosity() >= Verbosity::Normal {
        eprintln!("{text}");
    }
}

/// What the run is doing, on standard error with `--verbose` only.
pub fn detail(text: impl std::fmt::Display) {
    if verbosity() >= Verbosity::Verbose {
        eprintln!("{}", safe(&text.to_string()));
    }
}

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
/// register's folders. An existing file keeps its permissions. A file written inside
/// the register's git working tree that git does not ignore is written with a
/// warning: until it is committed or ignored, every report says the register has
/// uncommitted changes. Says where it wrote, unless `--quiet`.
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
        && crate::register::is_own_path(&rel)
    {
        bail!(
            "`{}` is one of the register's own files (`{rel}`); write reports elsewhere",
            path.display()
        );
    }
    write::atomic(path, bytes).with_context(|| format!("cannot write `{}`", path.display()))?;
    note(format!("wrote {}", safe(&path.display().to_string())));
    if let Some(rel) = inside(path, &register.root)
        && let Ok(trail) = crate::trail::Trail::open(&register.root)
        && !trail.ignores(path)
    {
        eprintln!(
            "warning: `{}` is inside the register and not ignored by git: until it is committed or ignored, reports say the register has uncommitted changes\nhint: write reports outside the register, or add `{rel}` to .gitignore",
            safe(&path.display().to_string())
        );
    }
    Ok(())
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

/// The columns `text` takes on a terminal: East Asian wide characters and most emoji
/// take two, combining marks none.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// The longest start of `text` that fits in `columns`.
pub fn clip(text: &str, columns: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += UnicodeWidthChar::width(c).unwrap_or(0);
        if used > columns {
            return &text[..i];
        }
    }
    text
}

/// `text` clipped to `columns` and centred in them, measured in terminal columns.
pub fn centre(text: &str, columns: usize) -> String {
    let text = clip(text, columns);
    let room = columns - width(text);
    format!(
        "{}{text}{}",
        " ".repeat(room / 2),
        " ".repeat(room - room / 2)
    )
}

/// `text` right-aligned in `columns` (never clipped), measured in terminal columns.
pub fn right(text: &str, columns: usize) -> String {
    format!("{}{text}", " ".repeat(columns.saturating_sub(width(text))))
}

/// A table sized to the terminal whose cells are made [`safe`].
pub struct SafeTable(Table);

/// A cell of a [`SafeTable`]: text, made [`safe`] when the row is added, or text a
/// [`Paint`] already made safe and styled (whose escape codes must stay).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableCell {
    Text(String),
    Styled(String),
}

impl From<String> for TableCell {
    fn from(text: String) -> TableCell {
        TableCell::Text(text)
    }
}

impl From<&str> for TableCell {
    fn from(text: &str) -> TableCell {
        TableCell::Text(text.to_string())
    }
}

impl From<&String> for TableCell {
    fn from(text: &String) -> TableCell {
        TableCell::Text(text.clone())
    }
}

impl SafeTable {
    /// Keeps these columns (dates, scores) on one line; the others wrap to fit the
    /// terminal.
    pub fn unbroken(&mut self, columns: &[usize]) -> &mut Self {
        for &i in columns {
            if let Some(column) = self.0.column_mut(i) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        self
    }

    pub fn add_row<T: Into<TableCell>>(&mut self, cells: impl IntoIterator<Item = T>) -> &mut Self {
        self.0.add_row(
            cells
                .into_iter()
                .map(|c| match c.into() {
                    TableCell::Text(text) => safe(&text).into_owned(),
                    TableCell::Styled(text) => text,
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

/// A table sized to the terminal (or to `COLUMNS` when the output is not one), with
/// the given header.
pub fn table(header: &[&str]) -> SafeTable {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    if !io::stdout().is_terminal()
        && let Some(width) = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<u16>().ok())
    {
        table.set_width(width);
    }
    // A terminal that reports no width (a pty nobody sized, as under `script`) would
    // squeeze every column to a letter; lay the table out unwrapped instead.
    if table.width().is_some_and(|w| w < 20) {
        table.set_content_arrangement(ContentArrangement::Disabled);
    }
    SafeTable(table)
}

/// Prints a table followed by a newline.
pub fn print_table(table: &SafeTable) -> Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{table}")?;
    Ok(())
}

/// `1 risk`, `3 risks`: a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_terminal_columns() {
        assert_eq!(width("Likely"), 6);
        assert_eq!(width("可能性"), 6);
        assert_eq!(width("🔥x"), 3);
        assert_eq!(clip("可能性", 5), "可能");
        assert_eq!(centre("可能", 6), " 可能 ");
        assert_eq!(width(&centre("可能性高い", 7)), 7);
        assert_eq!(right("可", 4), "  可");
    }
}
