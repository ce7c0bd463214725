//! A workbook of any supported format, behind one face: its sheets' names, and one
//! sheet read on demand.
//!
//! `.xlsx`/`.xlsm` and `.ods` are read by this module's own streaming readers, under the
//! limits of [`super::limits`]. Legacy `.xls` files are read with calamine, which holds
//! a sheet's whole used range in memory; the format itself bounds that range to 65,536
//! rows and 256 columns.

use std::fs::File;

use super::limits::{self, MAX_CELL_CHARS};
use super::ods;
use super::table::{Cell, Sheet, SheetRow};
use super::xlsx::{self, Xlsx};

/// A sheet's name and whether the workbook hides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInfo {
    pub name: String,
    pub hidden: bool,
}

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookError {
    /// Not a workbook of its kind, or a damaged one.
    Unreadable(String),
    /// Something in the workbook is larger than the import reads.
    Limit {
        sheet: Option<String>,
        message: String,
    },
}

pub enum Book {
    Xlsx(Box<Xlsx>),
    Loaded(Vec<(SheetInfo, Sheet)>),
}

impl Book {
    /// Opens a workbook of the format its extension names.
    pub fn open(file: File, extension: &str) -> Result<Book, BookError> {
        match extension {
            "xlsx" | "xlsm" => Ok(Book::Xlsx(Box::new(Xlsx::open(file)?))),
            "ods" => Ok(Book::Loaded(ods::read(file)?)),
            _ => Ok(Book::Loaded(read_xls(file)?)),
        }
    }

    pub fn sheets(&self) -> Vec<SheetInfo> {
        match self {
            Book::Xlsx(x) => x.sheets(),
            Book::Loaded(sheets) => sheets.iter().map(|(info, _)| info.clone()).collect(),
        }
    }

    pub fn sheet(&mut self, index: usize) -> Result<Sheet, BookError> {
        match self {
            Book::Xlsx(x) => x.sheet(index),
            Book::Loaded(sheets) => Ok(sheets[index].1.clone()),
        }
    }
}

fn read_xls(file: File) -> Result<Vec<(SheetInfo, Sheet)>, BookError> {
    use calamine::{Data, Reader, SheetVisible, Xls};
    let mut workbook: Xls<_> = Xls::new(std::io::BufReader::new(file))
        .map_err(|e| BookError::Unreadable(format!("not a workbook: {e}")))?;
    let listed: Vec<(String, bool)> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let mut sheets = Vec::new();
    for (name, hidden) in listed {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| BookError::Unreadable(format!("sheet `{name}`: {e}")))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (i, cells) in range.rows().enumerate() {
            let number = top + i as u32 + 1;
            let mut row = SheetRow {
                number,
                cells: vec![Cell::Empty; left as usize],
            };
            for (j, data) in cells.iter().enumerate() {
                let cell = match data {
                    Data::Empty => Cell::Empty,
                    Data::String(s) => Cell::Text(s.clone()),
                    Data::Float(f) => Cell::Number(*f),
                    Data::Int(n) => Cell::Number(*n as f64),
                    Data::Bool(b) => Cell::Bool(*b),
                    Data::DateTime(d) => d
                        .as_datetime()
                        .map(|dt| Cell::Date(dt.date()))
                        .unwrap_or(Cell::Number(d.as_f64())),
                    Data::DateTimeIso(s) => Cell::Text(s.clone()),
                    Data::DurationIso(s) => Cell::Text(s.clone()),
                    Data::Error(e) => Cell::Error(format!("{e}")),
                };
                if cell.is_empty() {
                    row.cells.push(cell);
                    continue;
                }
                let column = left + j as u32;
                let place = limits::cell_name(column, number);
                let limit = |message| BookError::Limit {
                    sheet: Some(name.clone()),
                    message,
                };
                if !limits::within(u64::from(column), u64::from(number)) {
                    return Err(limit(limits::position_message(&place)));
                }
                if let Cell::Text(t) = &cell
                    && t.chars().count() > MAX_CELL_CHARS
                {
                    return Err(limit(limits::cell_size_message(&place)));
                }
                row.cells.push(cell);
            }
            if let Some(last) = row.cells.iter().rposition(|c| !c.is_empty()) {
                row.cells.truncate(last + 1);
                rows.push(row);
            }
        }
        let merges = workbook
            .merge_cells_by_sheet_name(&name)
            .unwrap_or_default()
            .into_iter()
            .map(|d| super::table::Merge {
                rows: (d.start.0 + 1, d.end.0 + 1),
                columns: (d.start.1, d.end.1),
            })
            .collect();
        sheets.push((
            SheetInfo {
                name: name.clone(),
                hidden,
            },
            Sheet { name, rows, merges },
        ));
    }
    Ok(sheets)
}

/// Re-exported for the date logic: a spreadsheet serial number as a date.
pub use xlsx::serial_date;
