//! Small hostile workbooks that claim far more than they hold: they fail fast with an
//! error naming the sheet and the cell, and never allocate what they claim.

use std::time::{Duration, Instant};

use super::book::{self, Part};
use super::import;
use crate::Reg;

const HEAD: &str = "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Title</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Owner</t></is></c></row>";
const TAIL: &str = "</sheetData></worksheet>";

/// Runs the import under a 1 GiB address-space limit where the platform has one, so
/// that an attempt to allocate what the workbook claims aborts the test.
fn import_limited(reg: &Reg, path: &str) -> (i32, String, String, Duration) {
    let start = Instant::now();
    let (code, out, err) = if cfg!(target_os = "linux") {
        let bin = assert_cmd::cargo::cargo_bin("aims");
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v 1048576 && exec \"{}\" import risks \"{path}\" --dry-run --today 2026-11-22",
                bin.display()
            ))
            .current_dir(reg.path())
            .env("NO_COLOR", "1")
            // Few threads and malloc arenas, so the address space the limit counts is
            // the import's own, on machines with many cores too.
            .env("RAYON_NUM_THREADS", "2")
            .env("MALLOC_ARENA_MAX", "2")
            .output()
            .expect("runs");
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    } else {
        import(reg, &[path, "--dry-run"])
    };
    (code, out, err, start.elapsed())
}

fn workbook(reg: &Reg, name: &str, sheet: Part, strings: &[String]) -> String {
    let path = reg.join(name);
    let parts = book::xlsx_parts(&["Sheet1"], vec![sheet], strings);
    book::zip(
        &path,
        parts.iter().map(|(n, p)| (n.as_str(), copy(p))).collect(),
    );
    path.to_str().expect("path").to_string()
}

fn copy(part: &Part) -> Part {
    match part {
        Part::Stored(b) => Part::Stored(b.clone()),
        Part::Deflated { stream, size } => Part::Deflated {
            stream: stream.clone(),
            size: *size,
        },
    }
}

#[test]
fn a_cell_at_xfd1048576_fails_at_once_naming_the_cell() {
    let reg = Reg::new();
    let xml = format!(
        "{HEAD}<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Drift</t></is></c></row><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>{TAIL}"
    );
    let path = workbook(&reg, "far.xlsx", Part::Stored(xml.into_bytes()), &[]);
    assert!(std::fs::metadata(&path).expect("file").len() < 4096);
    let (code, out, err, took) = import_limited(&reg, &path);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("far.xlsx`, sheet `Sheet1`: cell `XFD1048576` is beyond what aims imports (100000 rows, 1024 columns up to `AMJ`)"),
        "{err}"
    );
    assert!(
        err.contains("\nhint: aims imports sheets of up to"),
        "{err}"
    );
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn a_two_gigabyte_cell_fails_after_a_megabyte_naming_the_cell() {
    let reg = Reg::new();
    // An inline string of 2 GB of `a` in cell A2, deflated to a few megabytes.
    let (stream, size) = book::deflate_run(
        &format!("{HEAD}<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>"),
        2_000_000_000 / 258,
        &format!("</t></is></c></row>{TAIL}"),
    );
    assert!(size > 1_999_000_000);
    let path = workbook(&reg, "huge.xlsx", Part::Deflated { stream, size }, &[]);
    let (code, out, err, took) = import_limited(&reg, &path);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("huge.xlsx`, sheet `Sheet1`: cell `A2` holds more than 32767 characters"),
        "{err}"
    );
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn a_two_gigabyte_shared_string_names_the_cell_that_uses_it() {
    let reg = Reg::new();
    let sheet = format!(
        "{HEAD}<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Drift</t></is></c><c r=\"B3\" t=\"s\"><v>0</v></c></row>{TAIL}"
    );
    let path = reg.join("strings.xlsx");
    let mut parts = book::xlsx_parts(&["Sheet1"], vec![Part::Stored(sheet.into_bytes())], &[]);
    let (stream, size) = book::deflate_run(
        "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>",
        2_000_000_000 / 258,
        "</t></si></sst>",
    );
    for (name, part) in parts.iter_mut() {
        if name == "xl/sharedStrings.xml" {
            *part = Part::Deflated {
                stream: stream.clone(),
                size,
            };
        }
    }
    book::zip(
        &path,
        parts.iter().map(|(n, p)| (n.as_str(), copy(p))).collect(),
    );
    let (code, out, err, took) = import_limited(&reg, path.to_str().expect("path"));
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("sheet `Sheet1`: cell `B3` holds more than 32767 characters"),
        "{err}"
    );
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn a_repeated_ods_cell_beyond_the_limits_is_refused_before_it_is_copied() {
    let reg = Reg::new();
    let path = reg.join("repeat.ods");
    let rows = format!(
        "{}<table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>",
        book::ods_row(&["Title", "Owner"])
    );
    book::ods(&path, &[("Risks", &rows)]);
    let (code, out, err, took) = import_limited(&reg, path.to_str().expect("path"));
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("sheet `Risks`: cell `AMK2` is beyond what aims imports"),
        "{err}"
    );
    assert!(took < Duration::from_secs(10), "{took:?}");
}
