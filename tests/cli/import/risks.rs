//! Risks: the 500-row round trip, all or nothing, the good rows with
//! `--skip-invalid`, ids kept or renumbered, `--update`, determinism.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

use super::{dry_json, fixture, import, risk, risk_files, row_errors, sheet};
use crate::{Reg, run_in};

#[test]
fn a_500_row_workbook_round_trips_through_import_and_export() {
    let reg = Reg::new();
    let (code, out, err) = import(&reg, &[fixture("risks-500.xlsx").to_str().expect("path")]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.ends_with("imported 500 rows into risks/ (500 new, 0 updated, 0 unchanged)\n"),
        "{out}"
    );
    assert_eq!(risk_files(&reg).len(), 500);

    let out = run_in(reg.path(), &["export", "--today", "2026-11-22"]);
    let export: Value = serde_json::from_slice(&out.stdout).expect("json");
    let risks: BTreeMap<String, &Value> = export["risks"]
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
    let out = run_in(
        reg.path(),
        &["check", "--format", "json", "--today", "2026-11-22"],
    );
    let check: Value = serde_json::from_slice(&out.stdout).expect("json");
    for d in check["diagnostics"].as_array().expect("d") {
        let rule = d["rule"].as_str().expect("rule");
        assert!(
            ["review-overdue", "acceptance-expired"].contains(&rule)
                || rule.starts_with("treatment"),
            "unexpected {rule}: {d}"
        );
    }
}

#[test]
fn the_csv_and_the_workbook_import_identically_and_twice_the_same() {
    let from_xlsx = Reg::new();
    let from_csv = Reg::new();
    let again = Reg::new();
    for (reg, name) in [
        (&from_xlsx, "risks-500.xlsx"),
        (&from_csv, "risks-500.csv"),
        (&again, "risks-500.csv"),
    ] {
        let (code, out, _) = import(reg, &[fixture(name).to_str().expect("path")]);
        assert_eq!(code, 0, "{out}");
    }
    assert_eq!(risk_files(&from_xlsx), risk_files(&from_csv));
    assert_eq!(risk_files(&from_csv), risk_files(&again));
}

#[test]
fn bad_rows_are_named_by_number_and_nothing_is_written() {
    let reg = Reg::new();
    let sheet = fixture("risks-bad.xlsx");
    let sheet = sheet.to_str().expect("path");
    let (code, out, _) = import(&reg, &[sheet, "--dry-run"]);
    assert_eq!(code, 1);
    let errors = row_errors(&out);
    let rows: Vec<&str> = errors
        .iter()
        .map(|l| l.split(" (sheet").next().expect("row"))
        .collect();
    assert_eq!(
        rows,
        [
            "error: row 7",
            "error: row 42",
            "error: row 123",
            "error: row 250"
        ]
    );
    assert!(errors[0].contains("AI system `no-such-system` does not exist"));
    assert!(
        errors[1].contains(
            "likelihood `Very likely` is not a level of the scale (Rare, Possible, Likely)"
        )
    );
    assert!(errors[2].contains("owner `nobody` is not a role"));
    assert!(errors[3].contains("control `A.99`"));
    assert!(out.contains("hint: likelihood `Very likely`: map with --value \"likelihood:Very likely=LEVEL\"; likelihood levels are 1 to 3 (Rare, Possible, Likely)"), "{out}");
    assert!(out.contains("dry run: 496 rows would be imported (496 new, 0 updated, 0 unchanged), 4 cannot be; nothing was written"), "{out}");
    assert!(risk_files(&reg).is_empty());
    let (code, out, _) = import(&reg, &[sheet]);
    assert_eq!(code, 1);
    assert!(out.contains("4 rows cannot be imported; nothing was written"));
    assert!(risk_files(&reg).is_empty(), "all or none");
}

#[test]
fn skip_invalid_imports_the_good_rows_and_writes_the_others_with_their_reasons() {
    let reg = Reg::new();
    let path = sheet(
        &reg,
        "register.csv",
        "Title,System,Category,Likelihood,Impact,Owner\nDrift,sys,safety,1,2,lead\nLeak,nowhere,privacy,1,2,lead\nBias,sys,bias-fairness,9,2,nobody\n",
    );
    let (code, out, _) = import(&reg, &[&path, "--skip-invalid", "--dry-run"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("would write the rejected rows to "), "{out}");
    assert!(!reg.join("register.rejected.csv").exists());
    let (code, out, _) = import(&reg, &[&path, "--skip-invalid"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("imported 1 row into risks/"), "{out}");
    assert!(
        out.contains("2 rows not imported; written with their reasons to "),
        "{out}"
    );
    assert_eq!(risk_files(&reg).len(), 1);
    let rejected = fs::read_to_string(reg.join("register.rejected.csv")).expect("rejected file");
    assert_eq!(
        rejected,
        "Title,System,Category,Likelihood,Impact,Owner,aims row,aims reasons\r\n\
         Leak,nowhere,privacy,1,2,lead,3,AI system `nowhere` does not exist\r\n\
         Bias,sys,bias-fairness,9,2,nobody,4,owner `nobody` is not a role of aims.yaml; likelihood 9 is outside the scale (1 to 3)\r\n"
    );
    // Fixed, the rejected file imports as it is: its own columns are ignored.
    fs::write(
        reg.join("register.rejected.csv"),
        rejected
            .replace("nowhere", "sys")
            .replace(",9,2,nobody", ",3,2,lead"),
    )
    .expect("fix");
    let (code, out, _) = import(
        &reg,
        &[reg.join("register.rejected.csv").to_str().expect("path")],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("aims reasons -> ignored"), "{out}");
    assert_eq!(risk_files(&reg).len(), 3);
}

#[test]
fn sheet_ids_are_kept_and_clashes_get_the_next_id_with_the_original_under_x() {
    let reg = Reg::new().risk("R-001", "");
    let path = sheet(
        &reg,
        "ids.csv",
        "ID,Title,System,Category,Likelihood,Impact,Owner\nRISK-001,Kept,sys,safety,1,1,lead\nR-001,Clash,sys,safety,1,1,lead\nR 7,Invalid,sys,safety,1,1,lead\n,No id,sys,safety,1,1,lead\n",
    );
    let (code, out, _) = import(&reg, &[&path]);
    assert_eq!(code, 0, "{out}");
    let ids: Vec<String> = risk_files(&reg).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        ids,
        [
            "R-001.yaml",
            "R-002.yaml",
            "R-003.yaml",
            "R-004.yaml",
            "RISK-001.yaml"
        ]
    );
    assert!(risk(&reg, "R-002").contains("title: Clash\n"));
    assert!(risk(&reg, "R-002").ends_with("x:\n  import_id: R-001\n"));
    assert!(risk(&reg, "R-003").ends_with("x:\n  import_id: R 7\n"));
    assert!(!risk(&reg, "R-004").contains("import_id"));
    assert!(out.contains("2 rows with an id the register already uses (or that is not a valid id) get the next id"), "{out}");
}

#[test]
fn update_reimports_onto_the_risks_an_import_created() {
    let reg = Reg::new().risk("R-001", "");
    let text = "ID,Title,System,Category,Likelihood,Impact,Owner\nR-001,Clash,sys,safety,1,1,lead\nNEW-1,Fresh,sys,safety,1,1,lead\n";
    let path = sheet(&reg, "sheet.csv", text);
    assert_eq!(import(&reg, &[&path]).0, 0);
    let before = risk_files(&reg);
    // Edited by hand after the import: kept by --update, as are the identification
    // date and the status, which the sheet does not give.
    let edited = risk(&reg, "NEW-1")
        .replace(
            "status: open\n",
            "review:\n  every: 3m\nstatus: closed\nclosed_reason: Done\n",
        )
        .replace("identified: 2026-11-22", "identified: 2026-01-05");
    fs::write(reg.join("risks/NEW-1.yaml"), &edited).expect("edit");
    let (_, json) = dry_json(&reg, "risks", &[&path, "--update"]);
    let actions: Vec<(&str, &str)> = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().expect("id"),
                r["action"].as_str().expect("action"),
            )
        })
        .collect();
    assert_eq!(actions, [("R-002", "unchanged"), ("NEW-1", "unchanged")]);
    fs::write(
        &path,
        text.replace("Fresh,sys,safety,1,1", "Fresh,sys,safety,3,1"),
    )
    .expect("edit sheet");
    let (code, out, _) = import(&reg, &[&path, "--update"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(0 new, 1 updated, 1 unchanged)"), "{out}");
    assert_eq!(risk_files(&reg).len(), before.len(), "nothing duplicated");
    assert_eq!(
        risk(&reg, "NEW-1"),
        edited.replace("likelihood: 1", "likelihood: 3")
    );
    let none = sheet(
        &reg,
        "noid.csv",
        "Title,System,Category,Likelihood,Impact,Owner\nA,sys,safety,1,1,lead\n",
    );
    let (code, _, err) = import(&reg, &[&none, "--update"]);
    assert_eq!(code, 2);
    assert!(err.contains("--update needs an id column"), "{err}");
}

#[test]
fn the_json_report_is_the_plan() {
    let reg = Reg::new();
    let path = sheet(
        &reg,
        "r.csv",
        "Title,System,Category,Likelihood,Impact,Owner,Colour\nDrift,sys,safety,2,3,lead,red\n",
    );
    let (code, json) = dry_json(&reg, "risks", &[&path]);
    assert_eq!(code, 0);
    assert_eq!(json["dry_run"], true);
    assert_eq!(json["what"], "risks");
    assert_eq!(
        json["columns"][6],
        serde_json::json!({
            "letter": "G", "column": "Colour", "field": "x", "how": "not-recognised",
            "note": null, "becomes": "`x` (kept under its header)"
        })
    );
    assert_eq!(json["columns"][3]["becomes"], "`assessment.likelihood`");
    assert_eq!(json["rows"][0]["detail"], "2x3 = 6 (band high)");
    assert_eq!(json["summary"]["create"], 1);
    assert_eq!(json["written"], serde_json::json!([]));
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
