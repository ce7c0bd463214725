//! Nothing lost, nothing leaked, nothing hangs: real parallel writers, `kill -9` in
//! the middle of a multi-file write, and leftovers of killed runs.

use std::fs;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::register::TODAY;
use crate::{Ran, Reg, aims_command, run_in_env};

fn spawn(reg: &Reg, args: &[&str]) -> Child {
    aims_command(reg.path())
        .args(args)
        .args(["--today", TODAY])
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
fn a_review_and_a_close_in_parallel_serialise() {
    // Either the review lands first and the close after it, or the close lands first
    // and the review is refused because the risk is closed; never a lost write.
    let reg = Reg::new().risk("R-002", "");
    let children = vec![
        spawn(
            &reg,
            &[
                "risk",
                "review",
                "R-002",
                "--by",
                "lead",
                "--date",
                "2026-11-01",
            ],
        ),
        spawn(
            &reg,
            &["risk", "close", "R-002", "--reason", "Model retired"],
        ),
    ];
    let results = outcomes(children);
    let (review_ok, review_err) = &results[0];
    let (close_ok, close_err) = &results[1];
    assert!(close_ok, "{close_err}");
    let text = fs::read_to_string(reg.join("risks/R-002.yaml")).expect("read");
    assert!(text.contains("closed_reason: Model retired"), "{text}");
    assert!(text.contains("status: closed"), "{text}");
    if *review_ok {
        assert!(text.contains("last: 2026-11-01"), "{text}");
    } else {
        // refused under the lock, or before it when the close was already written
        assert!(
            review_err.contains("already closed")
                || review_err.contains("risk `R-002` is closed (Model retired)"),
            "{review_err}"
        );
        assert!(!text.contains("last: 2026-11-01"), "{text}");
    }
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
    // The wait is shortened from its default of five seconds.
    let out = run_in_env(
        reg.path(),
        &["risk", "review", "R-001", "--by", "lead", "--today", TODAY],
        &[("AIMS_LOCK_WAIT", "1.5")],
    );
    let waited = start.elapsed();
    let Ran { code, stderr, .. } = Ran::from_output(out);
    // flock(1) and its `sleep`, which holds the test's output open until it ends
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", holder.id())])
        .status();
    let _ = holder.wait();
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("another aims is writing to this register"),
        "{stderr}"
    );
    assert!(stderr.contains("aims risk close R-001"), "{stderr}");
    let said: f64 = stderr
        .split("gave up after ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!((1.5..4.0).contains(&said), "{stderr}");
    assert!(
        (Duration::from_millis(1500)..Duration::from_secs(4)).contains(&waited),
        "it waited {waited:?}"
    );
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

    let deadline = Instant::now() + Duration::from_secs(2);
    let (mut tries, mut none, mut all, mut recovered) = (0u32, 0, 0, 0);
    // at least five kills, however slow the machine; then until the deadline
    while tries < 5 || (Instant::now() < deadline && tries < 24) {
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

/// The hostile corpus: each file dropped into a clean register, `aims check` ends
/// without a panic, with the finding `expect.txt` names.
#[test]
fn the_hostile_corpus_is_reported_never_crashes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let expectations = fs::read_to_string(dir.join("expect.txt")).expect("expect.txt");
    for line in expectations
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (name, rule) = line.split_once(' ').expect("name and rule");
        let bytes = fs::read(dir.join(name)).expect("fixture");
        let target = if name.starts_with("aims--") {
            "aims.yaml"
        } else {
            "risks/R-9.yaml"
        };
        let reg = Reg::new().bytes(target, &bytes);
        let (_, json) = reg.check_json();
        let here: Vec<String> = crate::register::diagnostics(&json)
            .iter()
            .filter(|d| d["file"] == target)
            .map(|d| d["rule"].as_str().expect("rule").to_string())
            .collect();
        if rule == "clean" {
            assert!(here.is_empty(), "{name}: {here:?}");
        } else {
            assert!(
                here.iter().any(|r| r == rule),
                "{name}: expected {rule}, got {here:?}"
            );
        }
        let text = json.to_string();
        assert!(!text.contains("bug in aims"), "{name}: {text}");
    }
}

#[test]
fn a_file_with_thousands_of_violations_reports_the_first_thousand_and_a_count() {
    let many: String = (0..3000).map(|_| "7, ").collect();
    let reg = Reg::new().file(
        "risks/R-9.yaml",
        &format!("id: R-9\ntitle: t\nsystems: [{many}sys]\ncategory: safety\nowner: lead\nidentified: 2026-01-10\nassessment: {{ likelihood: 1, consequence: 1 }}\n"),
    );
    let (code, json) = reg.check_json();
    assert_eq!(code, 1);
    let here: Vec<&serde_json::Value> = crate::register::diagnostics(&json)
        .iter()
        .filter(|d| d["file"] == "risks/R-9.yaml")
        .collect();
    assert_eq!(here.len(), 1001);
    assert!(
        here.iter().any(|d| d["message"]
            .as_str()
            .expect("m")
            .starts_with("and 2000 more schema violations")),
        "{here:?}"
    );
    // Too many values in one file stops the parse at once.
    let flat: String = (0..60_000).map(|_| "a,").collect();
    let reg = Reg::new().file("risks/R-9.yaml", &format!("id: [{flat}]\n"));
    let messages = reg.messages("yaml-syntax");
    assert!(
        messages[0].contains("more than 50000 values in one file"),
        "{messages:?}"
    );
}

#[test]
fn values_the_model_cannot_hold_are_named_at_their_line() {
    let reg = Reg::new().risk("R-1", "").file(
        "risks/R-1.yaml",
        &crate::register::RISK
            .replace("{id}", "R-1")
            .replace("likelihood: 1", "likelihood: 3.0"),
    );
    let found = reg.rule("schema");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["line"], 8);
    assert_eq!(
        found[0]["message"],
        "`likelihood` cannot be read: the decimal number `3.0`, expected a whole number from 0 to 4294967295"
    );
}

/// Runs aims, failing the test rather than hanging when it does not end.
fn ends_within(reg: &Reg, args: &[&str], limit: Duration) -> Ran {
    let mut child = aims_command(reg.path())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let start = Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("`aims {}` did not end within {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Ran {
        code: out.status.code().expect("code"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[cfg(unix)]
#[test]
fn an_aims_yaml_that_is_a_fifo_is_reported_not_waited_on() {
    let reg = Reg::new();
    fs::remove_file(reg.join("aims.yaml")).expect("remove");
    let made = Command::new("mkfifo")
        .arg(reg.join("aims.yaml"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let Ran { code, stdout, .. } =
        ends_within(&reg, &["check", "--today", TODAY], Duration::from_secs(20));
    assert_eq!(code, 1);
    assert!(stdout.contains("aims.yaml: not a regular file"), "{stdout}");
    // every other command ends too
    ends_within(&reg, &["risk", "list"], Duration::from_secs(20));
    let ran = ends_within(&reg, &["risk", "review", "R-1"], Duration::from_secs(20));
    assert_eq!(ran.code, 2, "authoring needs a readable aims.yaml");
}

#[cfg(unix)]
#[test]
fn output_writes_only_regular_files_outside_the_register() {
    use std::os::unix::fs::PermissionsExt;
    let reg = Reg::new();
    // a pipe, a symlink, the register's own files: refused, untouched
    Command::new("mkfifo")
        .arg(reg.join("pipe"))
        .status()
        .expect("mkfifo");
    std::os::unix::fs::symlink("/dev/null", reg.join("link")).expect("link");
    let before = fs::read(reg.join("aims.yaml")).expect("read");
    for (target, why) in [
        ("pipe", "not a regular file"),
        ("link", "is a symlink"),
        ("aims.yaml", "one of the register's own files"),
        ("controls/A.2.2.yaml", "one of the register's own files"),
    ] {
        let Ran { code, stderr, .. } = ends_within(
            &reg,
            &["report", "soa", "--output", target, "--today", TODAY],
            Duration::from_secs(20),
        );
        assert_eq!(code, 2, "{target}");
        assert!(stderr.contains(why), "{target}: {stderr}");
    }
    assert_eq!(fs::read(reg.join("aims.yaml")).expect("read"), before);
    assert!(
        fs::symlink_metadata(reg.join("link"))
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    // `-` is standard output
    let Ran { code, stdout, .. } = reg.aims(&["report", "soa", "--output", "-"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# Statement of Applicability"));
    // an existing file keeps its permissions
    fs::write(reg.join("soa.md"), "old").expect("write");
    fs::set_permissions(reg.join("soa.md"), fs::Permissions::from_mode(0o600)).expect("chmod");
    let Ran { code, .. } = reg.aims(&["report", "soa", "--output", "soa.md"]);
    assert_eq!(code, 0);
    let mode = fs::metadata(reg.join("soa.md"))
        .expect("meta")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
}

#[cfg(unix)]
#[test]
fn templates_are_sandboxed_bounded_and_escaped_by_format() {
    let outside = crate::tempdir();
    fs::write(outside.path().join("secret.j2"), "SECRET").expect("write");
    let reg = Reg::new().file("templates/soa.md.j2", "{% include \"leak.j2\" %}\n");
    std::os::unix::fs::symlink(
        outside.path().join("secret.j2"),
        reg.join("templates/leak.j2"),
    )
    .expect("link");
    // a template that includes a symlink leading out is refused, and check says so
    let Ran {
        code,
        stdout,
        stderr,
    } = reg.aims(&["report", "soa"]);
    assert_eq!(code, 2);
    assert!(!stdout.contains("SECRET"));
    assert!(
        stderr.contains("template `templates/leak.j2` cannot be used: it is a symlink"),
        "{stderr}"
    );
    let found = reg.rule("template-unsafe");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["file"], "templates/leak.j2");

    // runaway loops and growing text are stopped with a clear error
    for runaway in [
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        "{% set s = namespace(v=\"xx\") %}{% for i in range(64) %}{% set s.v = s.v ~ s.v %}{% endfor %}{{ s.v }}",
    ] {
        let reg = Reg::new().file("templates/soa.md.j2", runaway);
        let Ran { code, stderr, .. } = ends_within(
            &reg,
            &["report", "soa", "--today", TODAY],
            Duration::from_secs(30),
        );
        assert_eq!(code, 2);
        assert!(
            stderr.contains("does far more work than a report needs"),
            "{stderr}"
        );
    }

    // HTML escaping follows the format, not the template's name
    let reg = Reg::new().risk("R-1", "").file(
        "notes.j2",
        "{% for c in controls %}{{ c.title }}{% endfor %}{{ meta.organisation }}",
    );
    edit_title(&reg);
    let Ran { code, stdout, .. } = reg.aims(&[
        "report",
        "soa",
        "--format",
        "html",
        "--template",
        "notes.j2",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.contains("&lt;script&gt;"), "{stdout}");
    assert!(!stdout.contains("<script>"), "{stdout}");
}

fn edit_title(reg: &Reg) {
    let text = fs::read_to_string(reg.join("aims.yaml")).expect("read");
    fs::write(
        reg.join("aims.yaml"),
        text.replace(
            "organisation: Test Org",
            "organisation: \"<script>alert(1)</script>\"",
        ),
    )
    .expect("write");
}

#[test]
fn csv_cells_that_would_run_as_formulas_are_neutralised() {
    let reg = Reg::new().file(
        "risks/R-1.yaml",
        &crate::register::RISK.replace("{id}", "R-1").replace(
            "title: Something goes wrong",
            "title: \"=HYPERLINK(\\\"http://x\\\")\"",
        ),
    );
    let Ran { code, stdout, .. } = reg.aims(&["report", "register", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{stdout}"
    );
}

#[test]
fn terminal_control_characters_are_shown_not_obeyed() {
    let reg = Reg::new().file(
        "risks/R-1.yaml",
        &crate::register::RISK.replace("{id}", "R-1").replace(
            "title: Something goes wrong",
            "title: \"\\e[31mred\\e]0;pwned\\a\"",
        ),
    );
    for args in [&["risk", "list"][..], &["risk", "show", "R-1"]] {
        let Ran { code, stdout, .. } = reg.aims(args);
        assert_eq!(code, 0);
        assert!(
            !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
            "{args:?}: {stdout:?}"
        );
        assert!(stdout.contains("\\u{1b}[31mred"), "{args:?}: {stdout}");
    }
    // an id-mismatch message quotes the id written in the file
    let reg = Reg::new().file(
        "risks/R-1.yaml",
        &crate::register::RISK
            .replace("{id}", "R-1")
            .replace("id: R-1", "id: \"R-1\\e[2J\""),
    );
    let Ran { stdout, .. } = reg.aims(&["check"]);
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(stdout.contains("\\u{1b}[2J"), "{stdout}");
}

#[test]
fn a_lock_wait_that_is_not_a_number_of_seconds_is_named_and_the_default_used() {
    let reg = Reg::new().risk("R-001", "");
    let list = ["risk", "list", "--today", TODAY];
    let out = run_in_env(reg.path(), &list, &[("AIMS_LOCK_WAIT", "30s")]);
    let Ran { code, stderr, .. } = Ran::from_output(out);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: AIMS_LOCK_WAIT=`30s` is not a number of seconds from 0 to 86400"),
        "{stderr}"
    );
    let out = run_in_env(reg.path(), &list, &[("AIMS_LOCK_WAIT", "30")]);
    let Ran { code, stderr, .. } = Ran::from_output(out);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}
