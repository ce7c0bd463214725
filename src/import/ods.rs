//! `.ods` spreadsheets (LibreOffice, OpenOffice), read from `content.xml` in one
//! pass without expanding repeats that hold nothing: a row or cell repeated a million
//! times costs nothing when empty, and is checked against the limits before it is
//! copied when it is not.

use std::fs::File;

use chrono::NaiveDate;
use quick_xml::events::Event;
use zip::ZipArchive;

use super::book::{BookError, SheetInfo};
use super::limits::{self, MAX_CELL_CHARS, MAX_CELLS, MAX_MERGES, Overrun};
use super::table::{Cell, Merge, Sheet, SheetRow};
use super::xml::{self, XmlProblem, attr, push_text};

/// Every sheet of the document.
pub fn read(file: File) -> Result<Vec<(SheetInfo, Sheet)>, BookError> {
    let mut zip = ZipArchive::new(file)
        .map_err(|e| BookError::Unreadable(format!("not a spreadsheet: {e}")))?;
    let content = zip
        .by_name("content.xml")
        .map_err(|e| BookError::Unreadable(format!("no `content.xml`: {e}")))?;
    let mut xml = xml::reader(content);
    let mut state = State::default();
    let mut buf = Vec::new();
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| state.error(XmlProblem::from(e)))?;
        if state.event(event).map_err(|e| state.error(e))? {
            break;
        }
        buf.clear();
    }
    Ok(state
        .sheets
        .into_iter()
        .map(|s| {
            (
                SheetInfo {
                    name: s.name.clone(),
                    hidden: false,
                },
                s,
            )
        })
        .collect())
}

enum Problem {
    Xml(XmlProblem),
    TooLong(String),
    Outside(String),
    TooMany(u64),
}

impl From<XmlProblem> for Problem {
    fn from(p: XmlProblem) -> Problem {
        Problem::Xml(p)
    }
}

/// The cell being read: its value type, value attributes, repeat and span counts.
struct OpenCell {
    kind: String,
    value: Option<String>,
    repeat: u64,
    span: (u64, u64),
    text: String,
    paragraphs: usize,
}

#[derive(Default)]
struct State {
    sheets: Vec<Sheet>,
    sheet: Option<Sheet>,
    /// 1-based number of the current row; 0-based column of the next cell.
    row: u64,
    column: u64,
    row_repeat: u64,
    cells: Vec<Cell>,
    cell: Option<OpenCell>,
    /// Depth inside an annotation, whose text is not the cell's.
    annotation: usize,
    spanned: u64,
}

impl State {
    fn sheet_name(&self) -> Option<String> {
        self.sheet.as_ref().map(|s| s.name.clone())
    }

    fn error(&self, problem: impl Into<Problem>) -> BookError {
        let here = limits::cell_name(
            self.column.min(u64::from(u32::MAX)) as u32,
            self.row.clamp(1, u64::from(u32::MAX)) as u32,
        );
        let limit = |message| BookError::Limit {
            sheet: self.sheet_name(),
            message,
        };
        match problem.into() {
            Problem::Xml(XmlProblem::Overrun(Overrun::Run)) => {
                limit(limits::cell_size_message(&here))
            }
            Problem::Xml(XmlProblem::Overrun(Overrun::Part)) => limit(format!(
                "`content.xml` is larger than {} MiB uncompressed",
                limits::MAX_PART_BYTES / (1024 * 1024)
            )),
            Problem::Xml(XmlProblem::Malformed(m)) => {
                BookError::Unreadable(format!("`content.xml`: {m}"))
            }
            Problem::TooLong(cell) => limit(limits::cell_size_message(&cell)),
            Problem::Outside(cell) => limit(limits::position_message(&cell)),
            Problem::TooMany(row) => limit(format!(
                "the sheet spans more than {MAX_CELLS} cells by row {row}"
            )),
        }
    }

    fn event(&mut self, event: Event<'_>) -> Result<bool, Problem> {
        match &event {
            Event::Start(e) => {
                let name = e.name();
                let name: &str = name.as_ref();
                match name {
                    "table:table" => {
                        self.sheet = Some(Sheet {
                            name: attr(e, "table:name")?.unwrap_or_default(),
                            ..Sheet::default()
                        });
                        (self.row, self.spanned) = (0, 0);
                    }
                    "table:table-row" => {
                        self.row += 1;
                        self.column = 0;
                        self.cells.clear();
                        self.row_repeat = count(attr(e, "table:number-rows-repeated")?);
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let value = match attr(e, "office:value-type")?.as_deref() {
                            Some("date") => attr(e, "office:date-value")?,
                            Some("boolean") => attr(e, "office:boolean-value")?,
                            Some("string") => attr(e, "office:string-value")?,
                            Some(_) => attr(e, "office:value")?,
                            None => None,
                        };
                        self.cell = Some(OpenCell {
                            kind: attr(e, "office:value-type")?.unwrap_or_default(),
                            value,
                            repeat: count(attr(e, "table:number-columns-repeated")?),
                            span: (
                                count(attr(e, "table:number-rows-spanned")?),
                                count(attr(e, "table:number-columns-spanned")?),
                            ),
                            text: String::new(),
                            paragraphs: 0,
                        });
                    }
                    "office:annotation" => self.annotation += 1,
                    "text:p" | "text:h" if self.annotation == 0 => {
                        if let Some(cell) = &mut self.cell {
                            if cell.paragraphs > 0 {
                                cell.text.push('\n');
                            }
                            cell.paragraphs += 1;
                        }
                    }
                    "text:s" if self.annotation == 0 => {
                        let n = count(attr(e, "text:c")?).min(1000) as usize;
                        if let Some(cell) = &mut self.cell {
                            cell.text.push_str(&" ".repeat(n));
                        }
                    }
                    "text:tab" if self.annotation == 0 => self.push_str("\t"),
                    "text:line-break" if self.annotation == 0 => self.push_str("\n"),
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = e.name();
                let name: &str = name.as_ref();
                match name {
                    "office:annotation" => self.annotation = self.annotation.saturating_sub(1),
                    "table:table-cell" | "table:covered-table-cell" => self.end_cell()?,
                    "table:table-row" => self.end_row()?,
                    "table:table" => {
                        if let Some(sheet) = self.sheet.take() {
                            self.sheets.push(sheet);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => return Ok(true),
            other if self.annotation == 0 => {
                if let Some(cell) = &mut self.cell {
                    push_text(other, &mut cell.text)?;
                }
            }
            _ => {}
        }
        Ok(false)
    }

    fn push_str(&mut self, s: &str) {
        if let Some(cell) = &mut self.cell {
            cell.text.push_str(s);
        }
    }

    fn end_cell(&mut self) -> Result<(), Problem> {
        let Some(cell) = self.cell.take() else {
            return Ok(());
        };
        let here = |column: u64| {
            limits::cell_name(
                column.min(u64::from(u32::MAX)) as u32,
                self.row.min(u64::from(u32::MAX)) as u32,
            )
        };
        let value = match (cell.kind.as_str(), cell.value) {
            ("date", Some(v)) => {
                match NaiveDate::parse_from_str(v.get(..10).unwrap_or(""), "%Y-%m-%d") {
                    Ok(d) => Cell::Date(d),
                    Err(_) => Cell::Text(cell.text),
                }
            }
            ("boolean", Some(v)) => Cell::Bool(v == "true"),
            ("float" | "percentage" | "currency", Some(v)) => {
                v.parse().map_or(Cell::Text(cell.text), Cell::Number)
            }
            ("string", Some(v)) => Cell::Text(v),
            _ if cell.text.trim().is_empty() => Cell::Empty,
            _ => Cell::Text(cell.text),
        };
        let first = self.column;
        self.column = self.column.saturating_add(cell.repeat);
        if value.is_empty() {
            return Ok(());
        }
        let last = first.saturating_add(cell.repeat - 1);
        let last_row = self.row.saturating_add(self.row_repeat - 1);
        if !limits::within(last, last_row) {
            // The first cell outside: along the row when the columns overflow, else
            // down the repeated rows.
            let max_column = u64::from(limits::MAX_COLUMNS);
            let cell = if last >= max_column {
                here(first.max(max_column))
            } else {
                let row = (u64::from(limits::MAX_ROWS) + 1).max(self.row);
                limits::cell_name(first as u32, row.min(u64::from(u32::MAX)) as u32)
            };
            return Err(Problem::Outside(cell));
        }
        if let Cell::Text(t) = &value
            && t.chars().count() > MAX_CELL_CHARS
        {
            return Err(Problem::TooLong(here(first)));
        }
        if cell.span.0 > 1 || cell.span.1 > 1 {
            let sheet = self.sheet.as_mut().expect("cells are inside a table");
            if sheet.merges.len() < MAX_MERGES {
                let small = |v: u64| v.min(u64::from(u32::MAX)) as u32;
                sheet.merges.push(Merge {
                    rows: (small(self.row), small(self.row + cell.span.0 - 1)),
                    columns: (small(first), small(first + cell.span.1 - 1)),
                });
            }
        }
        self.cells.resize(last as usize + 1, Cell::Empty);
        for slot in &mut self.cells[first as usize..=last as usize] {
            *slot = value.clone();
        }
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), Problem> {
        let repeat = self.row_repeat;
        let first = self.row;
        self.row = self.row.saturating_add(repeat - 1);
        if self.cells.iter().all(Cell::is_empty) {
            return Ok(());
        }
        let Some(sheet) = self.sheet.as_mut() else {
            return Ok(());
        };
        for number in first..=self.row {
            self.spanned += self.cells.len() as u64;
            if self.spanned > MAX_CELLS {
                return Err(Problem::TooMany(number));
            }
            sheet.rows.push(SheetRow {
                number: number as u32,
                cells: self.cells.clone(),
            });
        }
        Ok(())
    }
}

/// A repeat or span count: at least 1.
fn count(value: Option<String>) -> u64 {
    value.and_then(|v| v.parse().ok()).unwrap_or(1).max(1)
}
