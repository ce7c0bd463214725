//! One worksheet's XML, read event by event into the rows that hold something,
//! every filled cell checked against the limits as it is met.

use chrono::NaiveDate;
use quick_xml::events::Event;

use super::book::BookError;
use super::limits::{self, MAX_CELL_CHARS, MAX_CELLS, MAX_MERGES, Overrun};
use super::table::{Cell, Merge, Sheet, SheetRow};
use super::xlsx::{Strings, serial_date, unreadable};
use super::xml::{Xml, XmlProblem, attr, local, push_text};

/// Reads one sheet's part to its end.
pub fn read<R: std::io::Read>(
    name: &str,
    path: &str,
    xml: &mut Xml<R>,
    strings: &Strings,
    date_styles: &[bool],
    date1904: bool,
) -> Result<Sheet, BookError> {
    let mut reading = SheetReading::new(name);
    let mut buf = Vec::new();
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| reading.error(path, XmlProblem::from(e)))?;
        let done = reading
            .event(event, strings, date_styles, date1904)
            .map_err(|e| reading.error(path, e))?;
        if done {
            break;
        }
        buf.clear();
    }
    reading.finish()
}

/// Why a sheet stopped being read.
enum SheetProblem {
    Xml(XmlProblem),
    /// A cell with more text than a cell may hold.
    TooLong(String),
    /// A filled cell beyond the last row or column read.
    Outside(String),
    /// The row at which the sheet spans more than [`MAX_CELLS`] cells.
    TooMany(u32),
}

impl From<XmlProblem> for SheetProblem {
    fn from(problem: XmlProblem) -> SheetProblem {
        SheetProblem::Xml(problem)
    }
}

/// The state of reading one sheet's XML.
struct SheetReading {
    sheet: Sheet,
    row: Option<SheetRow>,
    row_number: u32,
    /// The cell being read: its reference, column, type, style, value text.
    cell: Option<(String, u32, String, usize)>,
    value: String,
    in_value: bool,
    in_inline_t: bool,
    in_phonetic: bool,
    last_column: Option<u32>,
    spanned: u64,
}

impl SheetReading {
    fn new(name: &str) -> SheetReading {
        SheetReading {
            sheet: Sheet {
                name: name.to_string(),
                ..Sheet::default()
            },
            row: None,
            row_number: 0,
            cell: None,
            value: String::new(),
            in_value: false,
            in_inline_t: false,
            in_phonetic: false,
            last_column: None,
            spanned: 0,
        }
    }

    fn limit(&self, message: String) -> BookError {
        BookError::Limit {
            sheet: Some(self.sheet.name.clone()),
            message,
        }
    }

    fn error(&self, path: &str, problem: impl Into<SheetProblem>) -> BookError {
        match (problem.into(), &self.cell) {
            (SheetProblem::Xml(XmlProblem::Overrun(Overrun::Run)), Some((reference, ..))) => {
                self.limit(limits::cell_size_message(reference))
            }
            (SheetProblem::Xml(problem), _) => match unreadable(path, problem) {
                BookError::Limit { message, .. } => self.limit(message),
                other => other,
            },
            (SheetProblem::TooLong(cell), _) => self.limit(limits::cell_size_message(&cell)),
            (SheetProblem::Outside(cell), _) => self.limit(limits::position_message(&cell)),
            (SheetProblem::TooMany(row), _) => self.limit(format!(
                "the sheet spans more than {MAX_CELLS} cells by row {row}"
            )),
        }
    }

    /// Handles one event; true at the end of the part.
    fn event(
        &mut self,
        event: Event<'_>,
        strings: &Strings,
        date_styles: &[bool],
        date1904: bool,
    ) -> Result<bool, SheetProblem> {
        match &event {
            Event::Start(e) => match local(e).as_str() {
                "row" => {
                    self.row_number = match attr(e, "r")?.and_then(|r| r.parse().ok()) {
                        Some(r) => r,
                        None => self.row_number + 1,
                    };
                    self.row = None;
                    self.last_column = None;
                }
                "c" => {
                    let reference = attr(e, "r")?;
                    let (column, row) = match reference.as_deref().and_then(limits::parse_cell) {
                        Some((c, r)) => (c, r),
                        None => (
                            self.last_column.map_or(0, |c| u64::from(c) + 1),
                            u64::from(self.row_number.max(1)),
                        ),
                    };
                    let name = reference.unwrap_or_else(|| {
                        limits::cell_name(column.min(u64::from(u32::MAX)) as u32, row as u32)
                    });
                    let kind = attr(e, "t")?.unwrap_or_default();
                    let style = attr(e, "s")?.and_then(|s| s.parse().ok()).unwrap_or(0);
                    // The position is judged when the cell turns out to hold something.
                    let column = u32::try_from(column).unwrap_or(u32::MAX);
                    self.row_number = u32::try_from(row).unwrap_or(u32::MAX);
                    self.cell = Some((name, column, kind, style));
                    self.value.clear();
                }
                "v" => self.in_value = true,
                "t" if self.cell.is_some() => self.in_inline_t = true,
                "rPh" => self.in_phonetic = true,
                "mergeCell" => {
                    if self.sheet.merges.len() >= MAX_MERGES {
                        return Err(XmlProblem::Malformed(format!(
                            "more than {MAX_MERGES} merged ranges"
                        ))
                        .into());
                    }
                    if let Some(merge) = attr(e, "ref")?.as_deref().and_then(parse_range) {
                        self.sheet.merges.push(merge);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "v" => self.in_value = false,
                "t" => self.in_inline_t = false,
                "rPh" => self.in_phonetic = false,
                "c" => self.end_cell(strings, date_styles, date1904)?,
                "row" => self.end_row()?,
                _ => {}
            },
            Event::Eof => return Ok(true),
            other => {
                if self.in_value || (self.in_inline_t && !self.in_phonetic) {
                    push_text(other, &mut self.value)?;
                }
            }
        }
        Ok(false)
    }

    fn end_cell(
        &mut self,
        strings: &Strings,
        date_styles: &[bool],
        date1904: bool,
    ) -> Result<(), SheetProblem> {
        let Some((name, column, kind, style)) = self.cell.take() else {
            return Ok(());
        };
        self.last_column = Some(column);
        let text = std::mem::take(&mut self.value);
        let value = match kind.as_str() {
            "s" => match text.trim().parse::<usize>() {
                Ok(i) if strings.stopped_at.is_some_and(|s| i >= s) => {
                    return Err(SheetProblem::TooLong(name));
                }
                Ok(i) => strings
                    .items
                    .get(i)
                    .cloned()
                    .map_or(Cell::Empty, Cell::Text),
                Err(_) => Cell::Empty,
            },
            "inlineStr" | "str" => Cell::Text(text),
            "b" => Cell::Bool(text.trim() == "1" || text.trim() == "true"),
            "e" => Cell::Error(text.trim().to_string()),
            "d" => match NaiveDate::parse_from_str(text.trim().get(..10).unwrap_or(""), "%Y-%m-%d")
            {
                Ok(d) => Cell::Date(d),
                Err(_) => Cell::Text(text),
            },
            _ => match text.trim().parse::<f64>() {
                Ok(f) if date_styles.get(style).copied().unwrap_or(false) => {
                    serial_date(f, date1904).map_or(Cell::Number(f), Cell::Date)
                }
                Ok(f) => Cell::Number(f),
                Err(_) if text.trim().is_empty() => Cell::Empty,
                Err(_) => Cell::Text(text),
            },
        };
        if value.is_empty() {
            return Ok(());
        }
        if !limits::within(u64::from(column), u64::from(self.row_number)) {
            return Err(SheetProblem::Outside(name));
        }
        if let Cell::Text(t) = &value
            && t.len() > MAX_CELL_CHARS
            && t.chars().count() > MAX_CELL_CHARS
        {
            return Err(SheetProblem::TooLong(name));
        }
        let row = self.row.get_or_insert_with(|| SheetRow {
            number: self.row_number,
            cells: Vec::new(),
        });
        let column = column as usize;
        if row.cells.len() <= column {
            row.cells.resize(column + 1, Cell::Empty);
        }
        row.cells[column] = value;
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), SheetProblem> {
        if let Some(row) = self.row.take() {
            self.spanned += row.cells.len() as u64;
            if self.spanned > MAX_CELLS {
                return Err(SheetProblem::TooMany(row.number));
            }
            self.sheet.rows.push(row);
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Sheet, BookError> {
        self.end_row().map_err(|e| self.error("", e))?;
        self.sheet.rows.sort_by_key(|r| r.number);
        Ok(self.sheet)
    }
}

/// `A1:D3` as a merge.
fn parse_range(range: &str) -> Option<Merge> {
    let (a, b) = range.split_once(':')?;
    let (c1, r1) = limits::parse_cell(a)?;
    let (c2, r2) = limits::parse_cell(b)?;
    let small = |v: u64| u32::try_from(v).ok();
    Some(Merge {
        rows: (small(r1)?, small(r2)?),
        columns: (small(c1)?, small(c2)?),
    })
}
