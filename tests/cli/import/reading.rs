//! Reading: CSV delimiters and encodings, workbooks with instructions first and titles
//! above the header, chosen sheets and header rows, formula and date cells, ODS, and
//! row numbers as the spreadsheet shows them.

use std::fs;

use super::book::{self, Sheet};
use super::{dry_json, fixture, import, risk, row_errors, sheet, squash};
use crate::Reg;

const HEADER: &str = "Risk ID;Risk;AI System;Category;Likelihood;Impact;Risk Owner;Date raised";

#[test]
fn a_european_semicolon_csv_in_windows_1252_is_read_with_a_notice() {
    let reg = Reg::new();
    // `é` and `€` as Windows-1252 bytes; `;` between fields; commas inside them.
    let mut bytes = format!("{HEADER}\r\n").into_bytes();
    bytes.extend(b"EU-1;Donn\xe9es personnelles dans les journaux, 5 \x80;sys;Privacy;2;3;lead;31.03.2026\r\n");
    bytes.extend(
        b"EU-2;Biais de notation;System sys;Bias/Fairness;Likely;Major;ML Lead;01.04.2026\r\n",
    );
    let path = sheet(&reg, "register.csv", &bytes);
    let (code, out, err) = import(&reg, &[&path, "--dry-run"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("as windows-1252 (it is not UTF-8; give --encoding if the text looks wrong), delimiter `;` (detected)"), "{out}");
    let (code, out, _) = import(&reg, &[&path]);
    assert_eq!(code, 0, "{out}");
    let r = risk(&reg, "EU-1");
    assert!(
        r.contains("title: \"Données personnelles dans les journaux, 5 €\"\n"),
        "{r}"
    );
    assert!(r.contains("identified: 2026-03-31\n"), "{r}");
    assert!(risk(&reg, "EU-2").contains("owner: ml-lead\n"));
}

#[test]
fn utf16_and_byte_order_marks_and_given_delimiters_and_encodings() {
    let reg = Reg::new();
    let text = "Title|System|Category|Likelihood|Impact|Owner\nTür|sys|safety|1|1|lead\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let path = sheet(&reg, "utf16.csv", &utf16);
    let (_, json) = dry_json(&reg, "risks", &[&path]);
    assert_eq!(json["source"]["encoding"], "UTF-16LE");
    assert_eq!(json["source"]["delimiter"], "|");
    assert_eq!(json["rows"][0]["label"], "Tür");

    let bom = sheet(
        &reg,
        "bom.csv",
        format!("\u{feff}{}", text.replace('|', "\t")),
    );
    let (_, json) = dry_json(&reg, "risks", &[&bom]);
    assert_eq!(json["source"]["encoding"], "UTF-8");
    assert_eq!(json["source"]["delimiter"], "tab");
    assert_eq!(json["summary"]["importable"], 1);

    // Latin-1 text that happens to be valid UTF-8 is read as UTF-8 unless told.
    let latin = sheet(
        &reg,
        "latin.csv",
        "Title,System,Category,Likelihood,Impact,Owner\nCafÃ©,sys,safety,1,1,lead\n",
    );
    let (_, json) = dry_json(&reg, "risks", &[&latin, "--encoding", "utf-8"]);
    assert_eq!(json["rows"][0]["label"], "CafÃ©");
    let semi = sheet(
        &reg,
        "semi.csv",
        "Title;System;Category;Likelihood;Impact;Owner\nA, b;sys;safety;1;1;lead\n",
    );
    let (_, json) = dry_json(&reg, "risks", &[&semi, "--delimiter", ";"]);
    assert_eq!(json["source"]["delimiter_sniffed"], false);
    assert_eq!(json["rows"][0]["label"], "A, b");
    let (code, _, err) = import(&reg, &[&semi, "--delimiter", "ab"]);
    assert_eq!(code, 2);
    assert!(err.contains("`--delimiter ab`"), "{err}");
    let (code, _, err) = import(&reg, &[&semi, "--encoding", "klingon"]);
    assert_eq!(code, 2);
    assert!(err.contains("not an encoding"), "{err}");
}

#[test]
fn a_workbook_with_instructions_first_and_a_merged_title_is_read_from_its_register() {
    let reg = Reg::new();
    let path = fixture("instructions-first.xlsx");
    let (code, out, _) = import(&reg, &[path.to_str().expect("path"), "--dry-run"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("reading sheet `Register` of "), "{out}");
    assert!(out.contains("(the first sheet with a header row; the workbook has `Instructions`, `Register`, `Lists`), header on row 3 (found)"), "{out}");
    // Data starts on row 4; the bad row is row 6 as the spreadsheet shows it.
    assert_eq!(
        row_errors(&out),
        ["error: row 6 (sheet `Register`): owner `Nobody Known` is not a role of aims.yaml"]
    );
    let (code, out, _) = import(
        &reg,
        &[
            path.to_str().expect("path"),
            "--value",
            "owner:Nobody Known=lead",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let r1 = risk(&reg, "NW-1");
    assert!(r1.contains("systems: [sys]\n"), "{r1}");
    assert!(r1.contains("category: bias-fairness\n"), "{r1}");
    assert!(r1.contains("identified: 2026-01-15\n"), "{r1}");
    assert!(r1.contains("review:\n  last: 2025-06-30\n"), "{r1}");
    assert!(r1.contains("  Comments: From the 2026 workshop\n"), "{r1}");
    let r2 = risk(&reg, "NW-2");
    assert!(r2.contains("owner: lead\n"), "by email: {r2}");
    assert!(
        r2.contains("  Review Date: 2027-03-31\n"),
        "a future review date is the next review: {r2}"
    );
    assert!(!r2.contains("review:"), "{r2}");
    let r4 = risk(&reg, "NW-4");
    assert!(
        r4.contains("status: closed\nclosed_reason: Closed\n"),
        "{r4}"
    );
    assert!(r4.contains("category: supply-chain\n"), "{r4}");
}

#[test]
fn sheets_and_header_rows_can_be_chosen() {
    let reg = Reg::new();
    let path = reg.join("book.xlsx");
    book::xlsx(
        &path,
        &[
            Sheet {
                name: "Notes",
                rows: vec![vec!["Title", "Owner"], vec!["not", "a register"]],
                merges: vec![],
            },
            Sheet {
                name: "2026",
                rows: vec![
                    vec!["Rows start here"],
                    vec!["Summary", "System", "Category", "L", "I", "Owner", "Raised"],
                    vec!["Drift", "sys", "safety", "n:1", "n:2", "lead", "d:46037"],
                ],
                merges: vec![],
            },
        ],
    );
    let path = path.to_str().expect("path");
    let (code, out, _) = import(&reg, &[path, "--dry-run"]);
    assert_eq!(
        code, 1,
        "the first sheet with two known names is `Notes`: {out}"
    );
    assert!(out.starts_with("reading sheet `Notes`"), "{out}");
    let (_, json) = dry_json(&reg, "risks", &[path, "--sheet", "2026"]);
    assert_eq!(json["source"]["sheet"], "2026");
    assert_eq!(json["source"]["header_row"], 2);
    assert_eq!(json["rows"][0]["row"], 3);
    let (_, json) = dry_json(&reg, "risks", &[path, "--sheet", "2", "--header-row", "2"]);
    assert_eq!(json["summary"]["importable"], 1);
    assert_eq!(json["source"]["header_found"], false);
    let (code, _, err) = import(&reg, &[path, "--sheet", "Risks"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("has no sheet `Risks`\nhint: its sheets are `Notes`, `2026`"),
        "{err}"
    );
    let (code, _, err) = import(&reg, &[path, "--sheet", "3"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn formula_cells_are_their_cached_values_and_date_cells_are_dates() {
    let reg = Reg::new();
    let path = reg.join("formulas.xlsx");
    book::xlsx(
        &path,
        &[Sheet {
            name: "Register",
            rows: vec![
                vec![
                    "Title",
                    "System",
                    "Category",
                    "Likelihood",
                    "Impact",
                    "Owner",
                    "Identified",
                    "Score",
                ],
                vec![
                    "Drift", "sys", "safety", "f:2", "n:3", "lead", "d:46037", "f:6",
                ],
                vec![
                    "Leak", "sys", "privacy", "n:1", "n:1", "lead", "d:46038", "f:",
                ],
            ],
            merges: vec![],
        }],
    );
    let (code, out, _) = import(&reg, &[path.to_str().expect("path")]);
    assert_eq!(code, 0, "{out}");
    let r = risk(&reg, "R-001");
    assert!(r.contains("likelihood: 2\n  consequence: 3\n"), "{r}");
    assert!(r.contains("identified: 2026-01-15\n"), "{r}");
    assert!(r.contains("x:\n  Score: \"6\"\n"), "{r}");
    assert!(
        !risk(&reg, "R-002").contains("Score"),
        "an empty cached value is no value"
    );
}

#[test]
fn group_headers_above_the_header_name_their_columns() {
    let reg = Reg::new();
    let path = reg.join("grouped.xlsx");
    book::xlsx(
        &path,
        &[Sheet {
            name: "Risks",
            rows: vec![
                vec!["AI risk register"],
                vec![],
                vec!["", "", "", "", "Inherent risk", "", "Residual risk", ""],
                vec![
                    "Title",
                    "System",
                    "Category",
                    "Owner",
                    "Likelihood",
                    "Impact",
                    "Likelihood",
                    "Impact",
                ],
                vec!["Drift", "sys", "safety", "lead", "n:3", "n:3", "n:1", "n:2"],
            ],
            merges: vec!["A1:H1", "E3:F3", "G3:H3"],
        }],
    );
    let (code, out, _) = import(&reg, &[path.to_str().expect("path")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("header on row 4"), "{out}");
    assert!(
        squash(&out).contains("Residual risk Likelihood -> residual-likelihood"),
        "{out}"
    );
    let r = risk(&reg, "R-001");
    assert!(r.contains("assessment:\n  likelihood: 3\n  consequence: 3\ntarget:\n  likelihood: 1\n  consequence: 2\n"), "{r}");
}

#[test]
fn ods_spreadsheets_are_read_with_repeats_and_dates() {
    let reg = Reg::new();
    let path = reg.join("register.ods");
    let rows = [
        book::ods_row(&["Instructions: one risk per row"]),
        "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>".to_string(),
        book::ods_row(&["Title", "System", "Category", "Likelihood", "Impact", "Owner", "Identified"]),
        book::ods_row(&["Drift", "sys", "safety", "n:2", "n:1", "lead", "date:2026-02-03"]),
        "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>".to_string(),
    ];
    book::ods(&path, &[("Risks", &rows.concat())]);
    let (code, out, _) = import(&reg, &[path.to_str().expect("path")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("header on row 5"), "{out}");
    assert!(risk(&reg, "R-001").contains("identified: 2026-02-03\n"));
}

#[test]
fn a_sheet_without_a_recognisable_header_is_refused_with_a_hint() {
    let reg = Reg::new();
    let path = sheet(&reg, "notes.csv", "Colour,Shape\nred,round\n");
    let (code, _, err) = import(&reg, &[&path, "--dry-run"]);
    assert_eq!(code, 2);
    assert!(err.contains("no header row in `"), "{err}");
    assert!(
        err.contains("hint: give the header row with --header-row N"),
        "{err}"
    );
    let path = reg.join("guide.xlsx");
    book::xlsx(
        &path,
        &[Sheet {
            name: "Instructions",
            rows: vec![vec!["Fill in the register"]],
            merges: vec![],
        }],
    );
    let (code, _, err) = import(&reg, &[path.to_str().expect("path"), "--dry-run"]);
    assert_eq!(
        code, 2,
        "an instructions-only workbook is not `0 rows imported`"
    );
    assert!(err.contains("no header row in any sheet of"), "{err}");
    let empty = sheet(&reg, "empty.csv", "Title,Owner,System\n");
    let (code, _, err) = import(&reg, &[&empty]);
    assert_eq!(code, 2);
    assert!(
        err.contains("has no rows under its header (row 1)"),
        "{err}"
    );
    let (code, _, err) = import(&reg, &["missing.xlsx"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read `missing.xlsx`"), "{err}");
    let not_zip = sheet(&reg, "fake.xlsx", "Title,Owner\n");
    let (code, _, err) = import(&reg, &[&not_zip]);
    assert_eq!(code, 2);
    assert!(err.contains("not a workbook"), "{err}");
    assert!(fs::read_dir(reg.join("risks")).is_err());
}

#[test]
fn control_characters_in_cells_are_shown_not_sent_to_the_terminal() {
    let reg = Reg::new();
    let path = sheet(
        &reg,
        "evil.csv",
        "Title,System,Category,Likelihood,Impact,Owner\n\"Red \u{1b}[31malert\u{7}\",sys,safety,1,1,\"no\u{1b}]0;owned\u{7}body\"\n",
    );
    let (code, out, _) = import(&reg, &[&path, "--dry-run"]);
    assert_eq!(code, 1);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(
        out.contains("owner `no\\u{1b}]0;owned\\u{7}body` is not a role"),
        "{out}"
    );
}

#[test]
fn legacy_xls_workbooks_are_read() {
    let reg = Reg::new();
    let (code, out, _) = import(&reg, &[fixture("legacy.xls").to_str().expect("path")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("header on row 3 (found)"), "{out}");
    let old = risk(&reg, "OLD-2");
    assert!(
        old.contains("category: explainability-transparency\n"),
        "{old}"
    );
    assert!(
        old.contains("owner: ml-lead\n") && old.contains("identified: 2025-06-26\n"),
        "{old}"
    );
    assert!(risk(&reg, "OLD-1").contains("identified: 2025-06-27\n"));
}

#[test]
fn errors_show_the_control_characters_of_names_from_the_sheet() {
    let reg = Reg::new();
    let path = sheet(
        &reg,
        "h.csv",
        "Title,\"Own\u{1b}[2Jer\",System\nA,lead,sys\n",
    );
    let (code, _, err) = import(&reg, &[&path, "--map", "Nope=title"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`Own\\u{1b}[2Jer`") && !err.contains('\u{1b}'),
        "{err:?}"
    );
}
