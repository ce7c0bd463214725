//! From a file name to a [`Table`]: the format by extension, the sheet (given with
//! `--sheet NAME|N`, else the first with a recognisable header row), the header row
//! (given with `--header-row N`, else found), and a [`Source`] saying what was chosen
//! and why, for the dry run.

use std::fs::{self, File};
use std::path::Path;

use encoding_rs::Encoding;
use serde::Serialize;

use super::ImportError;
use super::book::{Book, BookError};
use super::delimited::{self, CsvProblem};
use super::limits::MAX_FILE_BYTES;
use super::table::{self, Sheet, Table};

/// `--sheet`: a name, or a 1-based position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetChoice {
    Name(String),
    Number(usize),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub sheet: Option<SheetChoice>,
    pub header_row: Option<u32>,
    pub delimiter: Option<u8>,
    pub encoding: Option<&'static Encoding>,
}

/// What was read, and what was decided about it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Source {
    pub file: String,
    pub format: &'static str,
    /// CSV: the encoding read, and whether it was a fallback from UTF-8.
    pub encoding: Option<&'static str>,
    pub encoding_fallback: bool,
    /// CSV: the delimiter, and whether it was sniffed.
    pub delimiter: Option<String>,
    pub delimiter_sniffed: bool,
    /// Workbooks: the sheet read, how it was chosen, and every sheet.
    pub sheet: Option<String>,
    pub sheet_chosen: Option<&'static str>,
    pub sheets: Vec<String>,
    pub header_row: u32,
    pub header_found: bool,
}

fn read_error(path: &Path, message: impl Into<String>) -> ImportError {
    ImportError::Read {
        path: path.display().to_string(),
        message: message.into(),
    }
}

fn book_error(path: &Path, error: BookError) -> ImportError {
    match error {
        BookError::Unreadable(message) => read_error(path, message),
        BookError::Limit { sheet, message } => ImportError::TooLarge {
            path: path.display().to_string(),
            sheet,
            message,
        },
    }
}

/// Reads the table to import from `path`. `recognised` says whether a header names a
/// field of this import (the vocabulary and the `--map` columns).
pub fn read(
    path: &Path,
    options: &ReadOptions,
    recognised: &dyn Fn(&str) -> bool,
) -> Result<(Source, Table), ImportError> {
    let size = fs::metadata(path)
        .map_err(|e| read_error(path, e.to_string()))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.display().to_string(),
            sheet: None,
            message: format!(
                "the file is {} MiB, over the {} MiB aims imports",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        });
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut source = Source {
        file: path.display().to_string(),
        format: "csv",
        encoding: None,
        encoding_fallback: false,
        delimiter: None,
        delimiter_sniffed: false,
        sheet: None,
        sheet_chosen: None,
        sheets: Vec::new(),
        header_row: 0,
        header_found: false,
    };
    let file = File::open(path).map_err(|e| read_error(path, e.to_string()))?;
    let (sheet, csv) = match extension.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => {
            source.format = match extension.as_str() {
                "xlsm" => "xlsx",
                "xlsx" => "xlsx",
                "xls" => "xls",
                _ => "ods",
            };
            let mut book = Book::open(file, &extension).map_err(|e| book_error(path, e))?;
            (
                choose_sheet(path, &mut book, options, recognised, &mut source)?,
                false,
            )
        }
        _ => {
            drop(file);
            let bytes = fs::read(path).map_err(|e| read_error(path, e.to_string()))?;
            let decoded = delimited::decode(&bytes, options.encoding);
            let delimiter = options
                .delimiter
                .unwrap_or_else(|| delimited::sniff(&decoded.text));
            source.encoding = Some(decoded.encoding);
            source.encoding_fallback = decoded.guessed;
            source.delimiter = Some(delimited::delimiter_name(delimiter));
            source.delimiter_sniffed = options.delimiter.is_none();
            let sheet = delimited::parse(&decoded.text, delimiter).map_err(|p| match p {
                CsvProblem::Syntax(m) => read_error(path, m),
                CsvProblem::Limit(message) => ImportError::TooLarge {
                    path: path.display().to_string(),
                    sheet: None,
                    message,
                },
            })?;
            (sheet, true)
        }
    };
    let header_row = match options.header_row {
        Some(row) => row,
        None => table::find_header(&sheet, recognised).ok_or_else(|| ImportError::NoHeader {
            place: place(path, source.sheet.as_deref()),
        })?,
    };
    source.header_row = header_row;
    source.header_found = options.header_row.is_none();
    let table = table::cut(sheet, header_row, csv, recognised);
    if table.rows.is_empty() {
        return Err(ImportError::NoRows {
            place: place(path, source.sheet.as_deref()),
            row: header_row,
        });
    }
    Ok((source, table))
}

/// `` `file.xlsx`, sheet `Risks` `` or `` `file.csv` ``.
pub fn place(path: &Path, sheet: Option<&str>) -> String {
    match sheet {
        Some(s) => format!("sheet `{s}` of `{}`", path.display()),
        None => format!("`{}`", path.display()),
    }
}

fn choose_sheet(
    path: &Path,
    book: &mut Book,
    options: &ReadOptions,
    recognised: &dyn Fn(&str) -> bool,
    source: &mut Source,
) -> Result<Sheet, ImportError> {
    let sheets = book.sheets();
    source.sheets = sheets.iter().map(|s| s.name.clone()).collect();
    let no_such = |given: String| ImportError::NoSuchSheet {
        path: path.display().to_string(),
        given,
        sheets: source.sheets.clone(),
    };
    let index = match &options.sheet {
        Some(SheetChoice::Number(n)) => {
            source.sheet_chosen = Some("given");
            // A sheet named `2026` is that sheet, not the 2026th.
            sheets
                .iter()
                .position(|s| s.name.trim() == n.to_string())
                .or_else(|| n.checked_sub(1).filter(|i| *i < sheets.len()))
                .ok_or_else(|| no_such(n.to_string()))?
        }
        Some(SheetChoice::Name(name)) => {
            source.sheet_chosen = Some("given");
            sheets
                .iter()
                .position(|s| s.name == *name)
                .or_else(|| {
                    sheets
                        .iter()
                        .position(|s| s.name.trim().eq_ignore_ascii_case(name.trim()))
                })
                .ok_or_else(|| no_such(name.clone()))?
        }
        None => {
            source.sheet_chosen = Some("first with a header row");
            let mut found = None;
            for (i, info) in sheets.iter().enumerate() {
                if info.hidden {
                    continue;
                }
                let sheet = book.sheet(i).map_err(|e| book_error(path, e))?;
                let has_header = options.header_row.is_some()
                    || table::find_header(&sheet, recognised).is_some();
                if has_header {
                    source.sheet = Some(info.name.clone());
                    found = Some(sheet);
                    break;
                }
            }
            return found.ok_or_else(|| ImportError::NoHeader {
                place: format!(
                    "any sheet of `{}` ({})",
                    path.display(),
                    source.sheets.join(", ")
                ),
            });
        }
    };
    source.sheet = Some(sheets[index].name.clone());
    book.sheet(index).map_err(|e| book_error(path, e))
}

/// Parses `--sheet`: a number is a position unless a sheet has that name.
pub fn sheet_choice(given: &str) -> SheetChoice {
    match given.trim().parse::<usize>() {
        Ok(n) => SheetChoice::Number(n),
        Err(_) => SheetChoice::Name(given.to_string()),
    }
}
