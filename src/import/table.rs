//! A sheet as the readers deliver it, and the table cut out of it: the header row
//! found (or given), the columns under it, and the data rows with the row numbers the
//! user sees in the spreadsheet.
//!
//! The header row is the first row with at least two column names the import
//! recognises, skipping titles, blank rows and merged group headers; when a group
//! header sits above it ("Inherent risk" merged over "Likelihood" and "Impact"), its
//! names are prefixed to the columns it spans.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::limits::column_letter;

/// One cell's value as the spreadsheet holds it (a formula cell holds its cached value).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A cell formatted as a date (its time of day, if any, dropped).
    Date(NaiveDate),
    /// An error value such as `#N/A`.
    Error(String),
}

impl Cell {
    /// The cell as text: whole numbers without a decimal point, dates as ISO dates.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s.trim()),
            Cell::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                Cow::Owned(format!("{}", *f as i64))
            }
            Cell::Number(f) => Cow::Owned(f.to_string()),
            Cell::Bool(true) => Cow::Borrowed("TRUE"),
            Cell::Bool(false) => Cow::Borrowed("FALSE"),
            Cell::Date(d) => Cow::Owned(d.to_string()),
            Cell::Error(e) => Cow::Borrowed(e),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A row of a sheet: its number as the spreadsheet shows it, and its cells from
/// column `A`.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl SheetRow {
    pub fn get(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// A merged range: first and last row (1-based), first and last column (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub rows: (u32, u32),
    pub columns: (u32, u32),
}

/// A whole sheet: its rows holding something, in order, and its merged ranges.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<SheetRow>,
    pub merges: Vec<Merge>,
}

/// The part of a sheet that is imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name; `None` for a CSV file.
    pub sheet: Option<String>,
    pub header_row: u32,
    /// One per column, from `A`; a column with data but no name is called `Column F`.
    pub headers: Vec<String>,
    /// The rows under the header that hold something, each as wide as `headers`.
    pub rows: Vec<SheetRow>,
}

impl Sheet {
    /// Fills every cell a merge covers with the value of its top-left cell, down the
    /// first column only: a system or category merged over several risks belongs to
    /// each of them, while text merged across columns belongs to its first column.
    fn fill_merges_down(&mut self) {
        for merge in &self.merges {
            let (top, bottom) = merge.rows;
            let column = merge.columns.0 as usize;
            if bottom <= top {
                continue;
            }
            let Some(value) = self
                .rows
                .iter()
                .find(|r| r.number == top)
                .map(|r| r.get(column).clone())
                .filter(|v| !v.is_empty())
            else {
                continue;
            };
            for row in self
                .rows
                .iter_mut()
                .filter(|r| r.number > top && r.number <= bottom)
            {
                if row.cells.len() <= column {
                    row.cells.resize(column + 1, Cell::Empty);
                }
                if row.cells[column].is_empty() {
                    row.cells[column] = value.clone();
                }
            }
        }
    }

    /// Whether `row` holds a group header: a name merged across several columns.
    fn is_group_header(&self, row: u32) -> bool {
        self.merges.iter().any(|m| {
            m.rows.0 == row
                && m.columns.1 > m.columns.0
                && self
                    .rows
                    .iter()
                    .any(|r| r.number == row && !r.get(m.columns.0 as usize).is_empty())
        })
    }

    /// The group name over `column` from the row above the header, if that row is a
    /// group header: the merged name covering the column, or for a sheet without
    /// merges (CSV) the nearest name to its left.
    fn group_over(&self, above: &SheetRow, column: usize) -> Option<String> {
        if self.merges.is_empty() {
            return (0..=column)
                .rev()
                .map(|c| above.get(c))
                .find(|c| !c.is_empty())
                .map(|c| c.text().into_owned());
        }
        self.merges
            .iter()
            .find(|m| {
                m.rows.0 == above.number
                    && m.columns.1 > m.columns.0
                    && (m.columns.0..=m.columns.1).contains(&(column as u32))
            })
            .map(|m| above.get(m.columns.0 as usize).text().into_owned())
            .filter(|t| !t.is_empty())
    }
}

/// How many of a row's cells `recognised` accepts as column names.
fn recognised_in(row: &SheetRow, recognised: &dyn Fn(&str) -> bool) -> usize {
    row.cells
        .iter()
        .filter(|c| matches!(c, Cell::Text(_)) && recognised(&c.text()))
        .count()
}

/// How many leading rows are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 50;

/// The row number of the header: the first of the first rows with at least two
/// recognised names that is not a group header over a better row just below it.
pub fn find_header(sheet: &Sheet, recognised: &dyn Fn(&str) -> bool) -> Option<u32> {
    let rows: Vec<&SheetRow> = sheet
        .rows
        .iter()
        .filter(|r| !r.is_blank())
        .take(HEADER_SEARCH_ROWS)
        .collect();
    let counts: Vec<usize> = rows.iter().map(|r| recognised_in(r, recognised)).collect();
    (0..rows.len())
        .find(|&i| {
            if counts[i] < 2 || sheet.is_group_header(rows[i].number) {
                return false;
            }
            // A row whose next row names more columns is a group header without merges.
            !(i + 1 < rows.len()
                && rows[i + 1].number == rows[i].number + 1
                && counts[i + 1] > counts[i])
        })
        .map(|i| rows[i].number)
}

/// Cuts the table out of a sheet under the header on `header_row`.
/// A group name is kept only where it makes a name `recognised` knows, or where the
/// column's own name is not known either: a CSV file cannot say how far a group
/// spans, so "Residual risk" must not swallow an "Owner" column after it.
pub fn cut(
    mut sheet: Sheet,
    header_row: u32,
    csv: bool,
    recognised: &dyn Fn(&str) -> bool,
) -> Table {
    sheet.fill_merges_down();
    let header = sheet
        .rows
        .iter()
        .find(|r| r.number == header_row)
        .cloned()
        .unwrap_or(SheetRow {
            number: header_row,
            cells: Vec::new(),
        });
    let above = sheet
        .rows
        .iter()
        .find(|r| r.number + 1 == header_row && !r.is_blank())
        .filter(|r| sheet.is_group_header(r.number) || (csv && has_duplicates(&header)))
        .cloned();
    let rows: Vec<SheetRow> = sheet
        .rows
        .iter()
        .filter(|r| r.number > header_row && !r.is_blank())
        .cloned()
        .collect();
    let width = rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .rposition(|c| !c.is_empty())
                .map_or(0, |p| p + 1)
        })
        .chain([header
            .cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |p| p + 1)])
        .max()
        .unwrap_or(0);
    let mut headers: Vec<String> = (0..width)
        .map(|c| {
            let own = header.get(c).text().into_owned();
            let group = above.as_ref().and_then(|a| sheet.group_over(a, c));
            match group {
                Some(g) if own.is_empty() => g,
                Some(g) if !g.eq_ignore_ascii_case(&own) => {
                    let grouped = format!("{g} {own}");
                    if recognised(&grouped) || !recognised(&own) {
                        grouped
                    } else {
                        own
                    }
                }
                _ => own,
            }
        })
        .collect();
    for (c, h) in headers.iter_mut().enumerate() {
        if h.trim().is_empty() {
            *h = format!("Column {}", column_letter(c as u32));
        }
    }
    let rows = rows
        .into_iter()
        .map(|mut r| {
            r.cells.resize(width, Cell::Empty);
            r
        })
        .collect();
    Table {
        sheet: (!csv).then(|| sheet.name.clone()),
        header_row,
        headers,
        rows,
    }
}

fn has_duplicates(header: &SheetRow) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    header
        .cells
        .iter()
        .filter(|c| !c.is_empty())
        .any(|c| !seen.insert(c.text().to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: u32, cells: &[&str]) -> SheetRow {
        SheetRow {
            number,
            cells: cells
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(c.to_string())
                    }
                })
                .collect(),
        }
    }

    fn known(h: &str) -> bool {
        let h = h.to_lowercase();
        let names = [
            "id",
            "likelihood",
            "impact",
            "title",
            "inherent risk",
            "residual risk",
        ];
        names.contains(&h.as_str())
            || h.starts_with("inherent risk ")
            || h.starts_with("residual risk ")
    }

    #[test]
    fn the_header_is_found_under_titles_and_group_headers() {
        let sheet = Sheet {
            name: "Risks".into(),
            rows: vec![
                row(1, &["AI risk register 2026"]),
                row(3, &["", "Inherent risk", "", "Residual risk", ""]),
                row(4, &["Id", "Likelihood", "Impact", "Likelihood", "Impact"]),
                row(5, &["R-1", "2", "3", "1", "3"]),
            ],
            merges: vec![
                Merge {
                    rows: (1, 1),
                    columns: (0, 4),
                },
                Merge {
                    rows: (3, 3),
                    columns: (1, 2),
                },
                Merge {
                    rows: (3, 3),
                    columns: (3, 4),
                },
            ],
        };
        assert_eq!(find_header(&sheet, &known), Some(4));
        let table = cut(sheet, 4, false, &known);
        assert_eq!(
            table.headers,
            [
                "Id",
                "Inherent risk Likelihood",
                "Inherent risk Impact",
                "Residual risk Likelihood",
                "Residual risk Impact"
            ]
        );
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].number, 5);
    }

    #[test]
    fn a_csv_group_header_names_the_columns_it_makes_known() {
        let sheet = Sheet {
            name: String::new(),
            rows: vec![
                row(1, &["", "Inherent risk", "", "Residual risk", "", ""]),
                row(
                    2,
                    &[
                        "Id",
                        "Likelihood",
                        "Impact",
                        "Likelihood",
                        "Impact",
                        "Title",
                    ],
                ),
                row(3, &["R-1", "2", "3", "1", "3", "Drift"]),
            ],
            merges: vec![],
        };
        let known = |h: &str| {
            let h = h.to_lowercase();
            ["id", "title", "likelihood", "impact"].contains(&h.as_str())
                || h.starts_with("inherent risk ")
                || (h.starts_with("residual risk ") && !h.ends_with("title"))
        };
        assert_eq!(find_header(&sheet, &known), Some(2));
        let table = cut(sheet, 2, true, &known);
        assert_eq!(
            table.headers,
            [
                "Id",
                "Inherent risk Likelihood",
                "Inherent risk Impact",
                "Residual risk Likelihood",
                "Residual risk Impact",
                "Title"
            ]
        );
    }

    #[test]
    fn merged_cells_fill_down_and_nameless_columns_get_letters() {
        let sheet = Sheet {
            name: "S".into(),
            rows: vec![
                row(1, &["Title", "System"]),
                row(2, &["a", "Chatbot"]),
                row(3, &["b", "", "", "stray"]),
            ],
            merges: vec![Merge {
                rows: (2, 3),
                columns: (1, 1),
            }],
        };
        let table = cut(sheet, 1, false, &known);
        assert_eq!(table.headers, ["Title", "System", "Column C", "Column D"]);
        assert_eq!(table.rows[1].get(1), &Cell::Text("Chatbot".into()));
    }

    #[test]
    fn cells_read_as_text() {
        assert_eq!(Cell::Number(4.0).text(), "4");
        assert_eq!(Cell::Number(0.5).text(), "0.5");
        assert_eq!(Cell::Text("  x ".into()).text(), "x");
        assert!(Cell::Text(" ".into()).is_empty());
    }
}
