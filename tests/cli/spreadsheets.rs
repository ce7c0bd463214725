//! Reports for spreadsheet programs: XLSX read back with calamine (the reader `aims
//! import` uses), and CSV with a byte order mark. `scripts/crosscheck-xlsx.py` has
//! openpyxl check the same workbooks' frozen header, filters, widths and colours.

use std::fs;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::{Ran, Reg};

fn workbook(bytes: &[u8]) -> (String, Vec<Vec<Data>>) {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .expect("a workbook calamine reads");
    let names = book.sheet_names();
    assert_eq!(names.len(), 1, "one sheet: {names:?}");
    let range = book.worksheet_range(&names[0]).expect("the sheet");
    (names[0].clone(), range.rows().map(|r| r.to_vec()).collect())
}

#[test]
fn xlsx_reports_read_back_with_their_columns_numbers_and_dates() {
    let risk = crate::register::RISK.replace("{id}", "R-001").replace(
        "title: Something goes wrong",
        "title: \"=HYPERLINK(\\\"x\\\") Grüße, 検証\"",
    );
    let reg = Reg::new().file("risks/R-001.yaml", &risk);
    let dir = crate::tempdir();
    for (kind, sheet, header) in [
        ("soa", "Statement of Applicability", "id"),
        ("register", "Risk register", "id"),
        ("impacts", "Impact assessments", "assessment"),
    ] {
        let path = dir.path().join(format!("{kind}.xlsx"));
        let Ran { code, stderr, .. } = reg.aims(&[
            "report",
            kind,
            "--format",
            "xlsx",
            "--output",
            path.to_str().expect("utf-8"),
        ]);
        assert_eq!(code, 0, "{stderr}");
        let bytes = fs::read(&path).expect("written");
        let (name, rows) = workbook(&bytes);
        assert_eq!(name, sheet);
        assert_eq!(rows[0][0], Data::String(header.to_string()));
        // the same columns as the CSV
        let Ran { stdout: csv, .. } = reg.aims(&["report", kind, "--format", "csv"]);
        let csv_header: Vec<&str> = csv.lines().next().expect("header").split(',').collect();
        let xlsx_header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(xlsx_header, csv_header, "{kind}");
        assert_eq!(
            rows.len(),
            csv.lines().count(),
            "{kind}: one row per CSV line"
        );
        // the same register and date, the same bytes
        let again = dir.path().join(format!("{kind}-again.xlsx"));
        reg.aims(&[
            "report",
            kind,
            "--format",
            "xlsx",
            "-o",
            again.to_str().expect("utf-8"),
        ]);
        assert_eq!(
            fs::read(&again).expect("written"),
            bytes,
            "{kind} is deterministic"
        );
    }
    let (_, rows) = workbook(&fs::read(dir.path().join("register.xlsx")).expect("register"));
    let column = |name: &str| rows[0].iter().position(|c| *c == name).expect(name);
    let risk = &rows[1];
    assert_eq!(
        risk[column("title")],
        Data::String("=HYPERLINK(\"x\") Grüße, 検証".to_string()),
        "text as written, a string cell, never a formula"
    );
    assert_eq!(risk[column("score")], Data::Float(2.0));
    assert!(
        matches!(risk[column("next_review")], Data::DateTime(_)),
        "{:?}",
        risk[column("next_review")]
    );
    assert_eq!(risk[column("band")], Data::String("low".to_string()));
}

#[test]
fn xlsx_is_refused_where_it_cannot_go() {
    let reg = Reg::new();
    let Ran { code, stderr, .. } = reg.aims(&["report", "audit", "--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("CSV and XLSX exist for soa, register, impacts and clauses"),
        "{stderr}"
    );
    let template = reg.join("mine.j2");
    fs::write(&template, "x").expect("write");
    let Ran { code, stderr, .. } = reg.aims(&[
        "report",
        "soa",
        "--format",
        "xlsx",
        "--template",
        template.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("templates/soa.csv.j2"), "{stderr}");
}

#[test]
fn bom_starts_csv_for_spreadsheet_programs() {
    let reg = Reg::new().file(
        "risks/R-001.yaml",
        &crate::register::RISK
            .replace("{id}", "R-001")
            .replace("Something goes wrong", "Überprüfung der Daten"),
    );
    let Ran { stdout: plain, .. } = reg.aims(&["report", "register", "--format", "csv"]);
    assert!(plain.starts_with("id,"), "no mark unless asked");
    let out = crate::run_in(
        reg.path(),
        &[
            "report",
            "register",
            "--format",
            "csv",
            "--bom",
            "--today",
            "2026-11-22",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(&out.stdout[..3], b"\xEF\xBB\xBF");
    assert_eq!(&out.stdout[3..], plain.as_bytes());
    let Ran { code, stderr, .. } = reg.aims(&["report", "register", "--bom"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--bom is for CSV"), "{stderr}");
}
