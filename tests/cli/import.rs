//! `aims import risks|controls|systems`: the spreadsheets people really have, all
//! rows or none (or the good ones with `--skip-invalid`).

mod book;
mod hostile;
mod reading;
mod risks;
mod soa_inventory;
mod values;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{Reg, run_in};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Runs `aims import WHAT args... --today 2026-11-22` in the register; returns the
/// exit code, stdout and stderr.
pub fn import_what(reg: &Reg, what: &str, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["import", what];
    all.extend(args);
    all.extend(["--today", "2026-11-22"]);
    let out = run_in(reg.path(), &all);
    (
        out.status.code().expect("code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn import(reg: &Reg, args: &[&str]) -> (i32, String, String) {
    import_what(reg, "risks", args)
}

/// The dry run's JSON report.
pub fn dry_json(reg: &Reg, what: &str, args: &[&str]) -> (i32, Value) {
    let mut all = args.to_vec();
    all.extend(["--dry-run", "--format", "json"]);
    let (code, out, err) = import_what(reg, what, &all);
    let json = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}{err}"));
    (code, json)
}

/// Writes `bytes` as a file named `name` in the register's folder and returns its path.
pub fn sheet(reg: &Reg, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = reg.join(name);
    fs::write(&path, bytes).expect("write sheet");
    path.to_str().expect("path").to_string()
}

/// `(file name, text)` of every file in a folder of the register, sorted.
pub fn files(reg: &Reg, folder: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(reg.join(folder))
        .map(|d| {
            d.filter_map(|e| {
                let e = e.expect("entry");
                let name = e.file_name().to_string_lossy().into_owned();
                (!name.starts_with('.'))
                    .then(|| (name, fs::read_to_string(e.path()).expect("read")))
            })
            .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

pub fn risk_files(reg: &Reg) -> Vec<(String, String)> {
    files(reg, "risks")
}

/// The text of one risk file.
pub fn risk(reg: &Reg, id: &str) -> String {
    fs::read_to_string(reg.join(&format!("risks/{id}.yaml")))
        .unwrap_or_else(|e| panic!("risks/{id}.yaml: {e}"))
}

/// The output with runs of spaces as one, for the aligned column lines.
pub fn squash(out: &str) -> String {
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `error: row N...` lines of an output.
pub fn row_errors(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| l.starts_with("error: row "))
        .collect()
}
