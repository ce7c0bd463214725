//! The tabular reports (SoA, risk register, impact assessments) as an Excel workbook,
//! the form auditors and boards ask for: one sheet, the header row frozen and
//! filterable, columns sized to their content, dates as dates, numbers as numbers,
//! and each risk band filled with its colour.
//!
//! The columns are those of the report's CSV template (a register's own replaces the
//! built-in, as for CSV), so the two cannot drift apart. Every text cell is written as
//! text, never as a formula, so the CSV's guard against formula injection (a leading
//! `'`) is not needed and not applied. The workbook's dates come from the report date,
//! so the same register and `--today` give the same bytes.

use std::collections::BTreeMap;

use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

use super::{Escape, Inputs, ReportError, ReportKind, context, render_template};

/// The widest a column is sized to, in pixels (about 60 characters); longer text
/// wraps.
const MAX_WIDTH: u32 = 420;

/// Renders report `kind` as an XLSX workbook.
pub fn render_xlsx(
    kind: ReportKind,
    inputs: &Inputs<'_, '_>,
    overrides: &[(String, String)],
) -> Result<Vec<u8>, ReportError> {
    if !kind.supports(super::ReportFormat::Xlsx) {
        return Err(ReportError::Unsupported {
            kind: kind.name(),
            format: "xlsx",
        });
    }
    let value = context(kind, inputs);
    let bands = band_colours(&value);
    let title = value["meta"]["title"]
        .as_str()
        .unwrap_or(kind.name())
        .to_string();
    let organisation = value["meta"]["organisation"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let table = render_template(
        &format!("{}.csv.j2", kind.name()),
        value,
        overrides,
        None,
        Escape::Cells,
    )?;
    let rows = rows(&table)?;
    workbook(
        kind,
        &rows,
        &bands,
        &title,
        &organisation,
        inputs.view.today,
    )
    .map_err(|e| ReportError::Spreadsheet(e.to_string()))
}

/// The rows of the CSV the template rendered.
fn rows(table: &str) -> Result<Vec<Vec<String>>, ReportError> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(table.as_bytes())
        .records()
        .map(|r| {
            r.map(|r| r.iter().map(str::to_string).collect())
                .map_err(|e| ReportError::Spreadsheet(format!("the CSV template wrote {e}")))
        })
        .collect()
}

/// Band name to fill colour, from the register's criteria (the register report
/// carries them; the others have no band columns).
fn band_colours(value: &serde_json::Value) -> BTreeMap<String, Color> {
    value["criteria"]["bands"]
        .as_array()
        .map(|bands| {
            bands
                .iter()
                .filter_map(|b| {
                    let name = b["name"].as_str()?;
                    let hex = b["colour"].as_str()?.trim_start_matches('#');
                    let rgb = u32::from_str_radix(hex, 16).ok()?;
                    Some((name.to_string(), Color::RGB(rgb)))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn sheet_name(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Soa => "Statement of Applicability",
        ReportKind::Register => "Risk register",
        ReportKind::Impacts => "Impact assessments",
        ReportKind::Clauses => "Clause readiness",
        ReportKind::Audit => "Audit",
        ReportKind::Board => "Board",
    }
}

fn workbook(
    kind: ReportKind,
    rows: &[Vec<String>],
    bands: &BTreeMap<String, Color>,
    title: &str,
    organisation: &str,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::parse_from_str(&today.format("%Y-%m-%d").to_string())?;
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_company(organisation)
            .set_creation_datetime(&created),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(kind))?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border_bottom(FormatBorder::Thin);
    let text = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let date = text.clone().set_num_format("yyyy-mm-dd");
    let Some((head, body)) = rows.split_first() else {
        return book.save_to_buffer();
    };
    for (col, name) in head.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, name, &header)?;
    }
    let band_columns: Vec<usize> = head
        .iter()
        .enumerate()
        .filter(|(_, h)| h.as_str() == "band" || h.ends_with("_band"))
        .map(|(i, _)| i)
        .collect();
    for (r, row) in body.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            if cell.is_empty() {
                continue;
            }
            if band_columns.contains(&c)
                && let Some(colour) = bands.get(cell)
            {
                let fill = text.clone().set_background_color(*colour);
                sheet.write_string_with_format(r, col, cell, &fill)?;
            } else if let Some(n) = integer(cell) {
                sheet.write_number_with_format(r, col, n, &text)?;
            } else if let Some(d) = iso_date(cell) {
                sheet.write_datetime_with_format(r, col, &d, &date)?;
            } else {
                sheet.write_string_with_format(r, col, cell, &text)?;
            }
        }
    }
    let last_row = body.len() as u32;
    let last_col = head.len().saturating_sub(1) as u16;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    sheet.set_autofit_max_width(MAX_WIDTH);
    sheet.autofit();
    book.save_to_buffer()
}

/// A whole number written plainly (no sign, no leading zero, not an id like `007`).
fn integer(cell: &str) -> Option<f64> {
    let plain = !cell.is_empty()
        && cell.len() <= 15
        && cell.bytes().all(|b| b.is_ascii_digit())
        && (cell == "0" || !cell.starts_with('0'));
    plain.then(|| cell.parse().ok()).flatten()
}

/// A `YYYY-MM-DD` date.
fn iso_date(cell: &str) -> Option<ExcelDateTime> {
    let date = chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d").ok()?;
    (date.format("%Y-%m-%d").to_string() == cell)
        .then(|| ExcelDateTime::parse_from_str(cell).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_are_recognised_strictly() {
        assert_eq!(integer("12"), Some(12.0));
        assert_eq!(integer("0"), Some(0.0));
        assert_eq!(integer("007"), None);
        assert_eq!(integer("-3"), None);
        assert_eq!(integer("R-001"), None);
        assert!(iso_date("2026-11-22").is_some());
        assert!(iso_date("2026-02-30").is_none());
        assert!(iso_date("22/11/2026").is_none());
    }
}
