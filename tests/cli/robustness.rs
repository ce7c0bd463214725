//! Nothing lost, nothing leaked, nothing hangs: real parallel writers, `kill -9` in
//! the middle of a multi-file write, and leftovers of killed runs.

use std::fs;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::register::TODAY;
use crate::{Ran, Reg};

fn spawn(reg: &Reg, args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("aims"))
        .args(args)
        .args(["--today", TODAY])
        .current_dir(reg.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns")
}

/// Each of `children` ended well, or failed saying why.
fn outcomes(children: Vec<Child>) -> Vec<(bool, String)> {
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().expect("waits");
            (
                out.status.success(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
        .collect()
}

#[test]
fn twenty_parallel_edits_of_one_file_all_land() {
    let mut reg = Reg::new();
    for n in 0..20 {
        reg = reg.file(&format!("evidence/e{n}.md"), "evidence");
    }
    let paths: Vec<String> = (0..20).map(|n| format!("evidence/e{n}.md")).collect();
    let children: Vec<Child> = paths
        .iter()
        .map(|p| spawn(&reg, &["control", "set", "A.5.2", "--evidence", p]))
        .collect();
    let results = outcomes(children);
    let text = fs::read_to_string(reg.join("controls/A.5.2.yaml")).expect("read");
    for (path, (ok, err)) in paths.iter().zip(&results) {
        assert!(*ok, "{path}: {err}");
        assert!(text.contains(path.as_str()), "{path} lost:\n{text}");
    }
}

#[test]
fn a_review_and_a_close_in_parallel_both_land() {
    let reg = Reg::new().risk("R-002", "");
    let children = vec![
        spawn(&reg, &["risk", "review", "R-002", "--date", "2026-11-01"]),
        spawn(
            &reg,
            &["risk", "close", "R-002", "--reason", "Model retired"],
        ),
    ];
    for (ok, err) in outcomes(children) {
        assert!(ok, "{err}");
    }
    let text = fs::read_to_string(reg.join("risks/R-002.yaml")).expect("read");
    assert!(text.contains("closed_reason: Model retired"), "{text}");
    assert!(text.contains("status: closed"), "{text}");
    assert!(text.contains("last: 2026-11-01"), "{text}");
}

#[test]
fn a_writer_that_cannot_get_the_lock_says_who_holds_it() {
    use std::os::unix::process::CommandExt;
    let reg = Reg::new().risk("R-001", "");
    fs::create_dir_all(reg.join(".aims")).expect("dir");
    // Another process holds the lock (flock(1) keeps it while `sleep` runs).
    let lock = reg.join(".aims/lock");
    fs::write(&lock, "process 4242: aims risk close R-001\n").expect("write");
    let holder = Command::new("flock")
        .arg(&lock)
        .args(["sleep", "8"])
        .process_group(0)
        .spawn();
    let mut holder = holder.expect("flock(1), from util-linux, holds the lock");
    std::thread::sleep(Duration::from_millis(300));
    let start = Instant::now();
    let Ran { code, stderr, .. } = reg.aims(&["risk", "review", "R-001"]);
    let waited = start.elapsed();
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("another aims is writing to this register"),
        "{stderr}"
    );
    assert!(stderr.contains("aims risk close R-001"), "{stderr}");
    assert!(waited >= Duration::from_secs(4), "it waited {waited:?}");
}

#[test]
fn a_temporary_file_left_by_a_killed_run_never_blocks_or_skips_an_id() {
    let reg = Reg::new().risk("R-019", "");
    // Temporaries from a killed run, under any process id.
    for pid in [1, 2, 3, std::process::id()] {
        fs::write(reg.join(&format!("risks/.R-020.yaml.{pid}.tmp")), "half").expect("write");
    }
    let Ran { code, stderr, .. } = reg.aims(&[
        "risk",
        "add",
        "--id",
        "R-020",
        "--title",
        "t",
        "--system",
        "sys",
        "--category",
        "safety",
        "--likelihood",
        "1",
        "--consequence",
        "1",
        "--owner",
        "lead",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let Ran {
        code,
        stdout,
        stderr,
    } = reg.aims(&[
        "risk",
        "add",
        "--title",
        "t",
        "--system",
        "sys",
        "--category",
        "safety",
        "--likelihood",
        "1",
        "--consequence",
        "1",
        "--owner",
        "lead",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("created risks/R-021.yaml"), "{stdout}");
    let leftovers: Vec<_> = fs::read_dir(reg.join("risks"))
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "removed under the lock");
}

/// An import killed at any moment leaves every row or none once the next command has
/// run. The kills are spread over the time an import takes, in a loop bounded in time
/// so that it stays short in CI.
#[cfg(unix)]
#[test]
fn an_import_killed_with_sigkill_is_all_or_nothing() {
    let rows = 100;
    let mut csv = String::from("Title,System,Category,Likelihood,Consequence,Owner\n");
    for n in 0..rows {
        csv.push_str(&format!("Risk {n},sys,safety,1,1,lead\n"));
    }
    let count = |reg: &Reg| {
        fs::read_dir(reg.join("risks"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".yaml"))
                    .count()
            })
            .unwrap_or(0)
    };
    // How long an import takes here, uninterrupted.
    let reg = Reg::new().file("sheet.csv", &csv);
    let start = Instant::now();
    let Ran { code, stderr, .. } = reg.aims(&["import", "risks", "sheet.csv"]);
    let full = start.elapsed();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(count(&reg), rows);

    let deadline = Instant::now() + Duration::from_secs(4);
    let (mut tries, mut none, mut all, mut recovered) = (0u32, 0, 0, 0);
    while Instant::now() < deadline && tries < 60 {
        tries += 1;
        let reg = Reg::new().file("sheet.csv", &csv);
        let mut child = spawn(&reg, &["import", "risks", "sheet.csv"]);
        // Spread the kills over the whole run, and a little beyond.
        let at = full.mul_f64(f64::from(tries * 37 % 60) / 50.0);
        std::thread::sleep(at);
        let _ = child.kill();
        let _ = child.wait();
        // Any command that opens the register completes or rolls the write back.
        let Ran { code, stderr, .. } = reg.aims(&["risk", "list", "--format", "json"]);
        assert_eq!(code, 0, "{stderr}");
        if stderr.contains("note: an interrupted write") {
            recovered += 1;
        }
        let found = count(&reg);
        assert!(
            found == 0 || found == rows,
            "try {tries} (killed after {at:?} of {full:?}): {found} of {rows} rows in the register"
        );
        assert!(!reg.join(".aims/journal").exists());
        if found == 0 { none += 1 } else { all += 1 }
    }
    assert!(tries >= 5, "{tries} tries");
    // Both outcomes, and recoveries, happen at these speeds; a run that saw neither
    // kind of kill would prove nothing.
    assert!(
        none + all == tries && recovered + all > 0,
        "{tries} kills: {none} none, {all} all, {recovered} recovered"
    );
}
