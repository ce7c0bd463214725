//! `aims import risks`: spreadsheets in, all rows or none.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{Reg, run_in};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import(reg: &Reg, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["import", "risks"];
    all.extend(args);
    all.extend(["--today", "2026-11-22"]);
    let out = run_in(reg.path(), &all);
    (
        out.status.code().expect("code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn risk_files(reg: &Reg) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(reg.join("risks"))
        .map(|d| {
            d.map(|e| {
                let e = e.expect("entry");
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read_to_string(e.path()).expect("read"),
                )
            })
            .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn a_500_row_workbook_round_trips_through_import_and_export() {
    let reg = Reg::new();
    let (code, out, err) = import(&reg, &[fixture("risks-500.xlsx").to_str().expect("path")]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.ends_with("imported 500 risks into risks/\n"), "{out}");
    assert_eq!(risk_files(&reg).len(), 500);

    let out = run_in(reg.path(), &["export", "--today", "2026-11-22"]);
    let export: Value = serde_json::from_slice(&out.stdout).expect("json");
    let risks: std::collections::BTreeMap<String, &Value> = export["risks"]
        .as_array()
        .expect("risks")
        .iter()
        .map(|r| (r["id"].as_str().expect("id").to_string(), r))
        .collect();
    let mut sheet = csv_rows(&fixture("risks-500.csv"));
    let header = sheet.remove(0);
    assert_eq!(header[0], "Risk ID");
    let level = |v: &str, names: [&str; 3]| -> u64 {
        v.parse()
            .unwrap_or_else(|_| names.iter().position(|n| *n == v).expect("label") as u64 + 1)
    };
    for row in &sheet {
        let risk = risks
            .get(&row[0])
            .unwrap_or_else(|| panic!("{} not imported", row[0]));
        assert_eq!(risk["title"], row[1].as_str());
        assert_eq!(risk["event"], row[2].as_str());
        assert_eq!(risk["systems"], serde_json::json!([row[3]]));
        assert_eq!(risk["category"], row[4].as_str());
        assert_eq!(
            risk["assessment"]["likelihood"],
            level(&row[5], ["Rare", "Possible", "Likely"])
        );
        assert_eq!(
            risk["assessment"]["consequence"],
            level(&row[6], ["Minor", "Moderate", "Major"])
        );
        assert_eq!(risk["owner"], row[7].as_str());
        let option = match row[8].as_str() {
            "" => Value::Null,
            "Reduce" | "mitigate" => "mitigate".into(),
            "Accept" => "accept".into(),
            other => other.into(),
        };
        assert_eq!(
            risk["treatment"]
                .get("option")
                .cloned()
                .unwrap_or(Value::Null),
            option,
            "{}",
            row[0]
        );
        let controls: Vec<&str> = row[9].split("; ").filter(|c| !c.is_empty()).collect();
        assert_eq!(risk["controls"], serde_json::json!(controls));
        assert_eq!(risk["last_review"], row[10].as_str());
    }
    // the imported register is valid input: only rule findings a fresh import implies
    let out = run_in(
        reg.path(),
        &["check", "--format", "json", "--today", "2026-11-22"],
    );
    let check: Value = serde_json::from_slice(&out.stdout).expect("json");
    let rules: std::collections::BTreeSet<&str> = check["diagnostics"]
        .as_array()
        .expect("d")
        .iter()
        .map(|d| d["rule"].as_str().expect("rule"))
        .collect();
    for rule in &rules {
        assert!(
            ["treatment-required", "review-overdue", "acceptance-expired"].contains(rule)
                || rule.starts_with("treatment"),
            "unexpected {rule}"
        );
    }
}

#[test]
fn the_csv_and_the_workbook_import_identically() {
    let from_xlsx = Reg::new();
    let from_csv = Reg::new();
    assert_eq!(
        import(
            &from_xlsx,
            &[fixture("risks-500.xlsx").to_str().expect("path")]
        )
        .0,
        0
    );
    assert_eq!(
        import(
            &from_csv,
            &[fixture("risks-500.csv").to_str().expect("path")]
        )
        .0,
        0
    );
    assert_eq!(risk_files(&from_xlsx), risk_files(&from_csv));
}

#[test]
fn bad_rows_are_named_by_number_and_nothing_is_written() {
    let reg = Reg::new();
    let sheet = fixture("risks-bad.xlsx");
    let (code, out, _) = import(&reg, &[sheet.to_str().expect("path"), "--dry-run"]);
    assert_eq!(code, 1);
    let errors: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("error: row "))
        .collect();
    let rows: Vec<&str> = errors
        .iter()
        .map(|l| l.split(':').nth(1).expect("row").trim())
        .collect();
    assert_eq!(rows, ["row 7", "row 42", "row 123", "row 250", "row 501"]);
    assert!(errors[0].contains("AI system `no-such-system` does not exist"));
    assert!(
        errors[1].contains(
            "likelihood `Very likely` is not a level of the scale (Rare, Possible, Likely)"
        )
    );
    assert!(errors[2].contains("owner `nobody` is not a role"));
    assert!(errors[3].contains("control `A.99`"));
    assert!(errors[4].contains("no title"));
    assert!(
        out.contains("dry run: 495 rows would be imported, 5 cannot be; nothing was written"),
        "{out}"
    );
    assert!(risk_files(&reg).is_empty());
    let (code, out, _) = import(&reg, &[sheet.to_str().expect("path")]);
    assert_eq!(code, 1);
    assert!(out.contains("5 rows cannot be imported; nothing was written"));
    assert!(risk_files(&reg).is_empty(), "all or none");
}

#[test]
fn unknown_columns_are_mapped_with_map() {
    let reg = Reg::new();
    let sheet = reg.join("sheet.csv");
    fs::write(&sheet, "Risk statement,System,Category,Probability,Severity,Accountable,Notes\nModel leaks data,sys,privacy,Likely,Major,lead,x\n").expect("write");
    let (code, out, _) = import(&reg, &[sheet.to_str().expect("path"), "--dry-run"]);
    assert_eq!(code, 1, "no title without a mapping");
    assert!(
        out.contains("ignored columns: Risk statement, Notes"),
        "{out}"
    );
    let (code, out, _) = import(
        &reg,
        &[
            sheet.to_str().expect("path"),
            "--map",
            "Risk statement=title",
            "--map",
            "notes=ignore",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let files = risk_files(&reg);
    assert_eq!(files.len(), 1);
    assert!(files[0].1.contains("title: Model leaks data\n"));
    let (code, _, err) = import(
        &reg,
        &[sheet.to_str().expect("path"), "--map", "x=nonsense"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("write COLUMN=field"), "{err}");
}

#[test]
fn ids_that_exist_and_unreadable_sheets_are_refused() {
    let reg = Reg::new().risk("R-001", "");
    let sheet = reg.join("sheet.csv");
    fs::write(
        &sheet,
        "ID,Title,System,Category,Likelihood,Impact,Owner\nR-001,Clash,sys,safety,1,1,lead\n",
    )
    .expect("write");
    let (code, out, _) = import(&reg, &[sheet.to_str().expect("path")]);
    assert_eq!(code, 1);
    assert!(out.contains("row 2: id `R-001` is already used"), "{out}");
    fs::write(&sheet, b"Title\ncaf\xe9\n").expect("write");
    let (code, _, err) = import(&reg, &[sheet.to_str().expect("path")]);
    assert_eq!(code, 2);
    assert!(err.contains("not UTF-8"), "{err}");
    let (code, _, err) = import(&reg, &["missing.xlsx"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read `missing.xlsx`"), "{err}");
}

/// A plain CSV reader for the fixture (quoted fields, doubled quotes).
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).expect("read");
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}
