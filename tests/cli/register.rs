//! A small fluent builder for registers on disk, and helpers to run `aims` on them.

use std::cell::OnceCell;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use serde_json::Value;
use tempfile::TempDir;

pub const AIMS_YAML: &str = "\
aims: 1
organisation: Test Org
scope: Every AI system of Test Org.
roles:
  - { id: lead, name: Lead Person, email: lead@test.example, approver: true }
  - { id: ml-lead, name: ML Lead }
criteria:
  likelihood:
    - { level: 1, name: Rare }
    - { level: 2, name: Possible }
    - { level: 3, name: Likely }
  consequence:
    - { level: 1, name: Minor }
    - { level: 2, name: Moderate }
    - { level: 3, name: Major }
  bands:
    - { name: low, max: 2, review_every: 1y }
    - { name: medium, max: 4, review_every: 6m }
    - { name: high, max: 9, review_every: 3m }
  acceptance_threshold: 3
rules:
  # Format 1: the absence of the management-system records is tested on its own.
  context-missing: off
  policy-missing: off
  internal-audit-overdue: off
  audit-coverage: off
  management-review-overdue: off
  clause-unaddressed: off
";

pub const SYSTEM: &str = "\
id: {id}
name: System {id}
intended_use: Scores things.
lifecycle: deployed
organisation_role: developer
owner: ml-lead
screening:
  - { category: bias-fairness, date: 2026-01-05, rationale: Looked; none found }
  - { category: explainability-transparency, date: 2026-01-05, rationale: Looked; none found }
  - { category: security, date: 2026-01-05, rationale: Looked; none found }
  - { category: privacy, date: 2026-01-05, rationale: Looked; none found }
  - { category: safety, date: 2026-01-05, rationale: Looked; none found }
  - { category: societal, date: 2026-01-05, rationale: Looked; none found }
  - { category: operational, date: 2026-01-05, rationale: Looked; none found }
  - { category: supply-chain, date: 2026-01-05, rationale: Looked; none found }
";

/// An impact assessment of system `{id}` covering every required dimension.
pub const IMPACT: &str = "\
id: IA-{id}
system: {id}
assessed: 2026-01-05
assessor: lead
dimensions:
  - { dimension: fairness, not_applicable: No decisions about people }
  - { dimension: safety, not_applicable: No physical effect }
  - { dimension: privacy, not_applicable: No personal data }
  - { dimension: transparency, not_applicable: Internal tool }
  - { dimension: human-oversight, not_applicable: Advisory only }
  - { dimension: fundamental-rights, not_applicable: No effect on rights }
";

/// A monitor of system `{id}`, measured on 2026-01-05 and due again a year later.
pub const MONITOR: &str = "\
id: {id}-accuracy
system: {id}
kind: performance
metric: Accuracy on the holdout set
threshold: { min: 0.8 }
every: 1y
owner: ml-lead
";

/// The measurements of [`MONITOR`].
pub const MEASUREMENTS: &str = "date,value,source,note\n2026-01-05,0.91,holdout run 1,\n";

/// Files in the register `Reg::new()` builds: aims.yaml, one system with its impact
/// assessment, its monitor and measurements, and the 38 SoA decisions.
pub const BASE_FILES: u64 = 43;

pub const RISK: &str = "\
id: {id}
title: Something goes wrong
systems: [sys]
category: bias-fairness
owner: ml-lead
identified: 2026-01-10
assessment:
  likelihood: 1
  consequence: 2
";

pub const ANNEX_A: [&str; 38] = [
    "A.2.2", "A.2.3", "A.2.4", "A.3.2", "A.3.3", "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6",
    "A.5.2", "A.5.3", "A.5.4", "A.5.5", "A.6.1.2", "A.6.1.3", "A.6.2.2", "A.6.2.3", "A.6.2.4",
    "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8", "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6",
    "A.8.2", "A.8.3", "A.8.4", "A.8.5", "A.9.2", "A.9.3", "A.9.4", "A.10.2", "A.10.3", "A.10.4",
];

/// A new temporary folder, deleted when dropped.
///
/// A run makes and deletes thousands of small registers and git repositories. Unless
/// `TMPDIR` says where they go, they go to the memory-backed `/dev/shm` when it has a
/// gigabyte free: on a disk whose inodes were freed moments before, creating a file
/// costs more than most tests do.
pub fn tempdir() -> TempDir {
    static SCRATCH: OnceLock<PathBuf> = OnceLock::new();
    let scratch = SCRATCH.get_or_init(|| {
        let memory = Path::new("/dev/shm");
        let roomy = || {
            #[cfg(target_os = "linux")]
            return rustix::fs::statvfs(memory)
                .is_ok_and(|s| s.f_bavail.saturating_mul(s.f_frsize) >= 1 << 30);
            #[cfg(not(target_os = "linux"))]
            false
        };
        let writable = || tempfile::tempdir_in(memory).is_ok();
        if std::env::var_os("TMPDIR").is_none() && roomy() && writable() {
            memory.to_path_buf()
        } else {
            std::env::temp_dir()
        }
    });
    // Named, so that what a killed run leaves behind is recognised.
    tempfile::Builder::new()
        .prefix("aims-test-")
        .tempdir_in(scratch)
        .expect("temporary folder")
}

/// A register in a temporary folder.
#[derive(Debug)]
pub struct Reg {
    dir: TempDir,
    /// What `aims check --format json` says about it, computed once: the builder
    /// methods take the register by value, so any change made through them starts
    /// afresh.
    checked: OnceCell<(i32, Value)>,
}

impl Default for Reg {
    fn default() -> Reg {
        Reg::new()
    }
}

impl Reg {
    /// A register clean under every rule: `aims.yaml`, one system `sys` screened for
    /// every category with its impact assessment and a monitor, and all 38 SoA
    /// decisions (planned).
    pub fn new() -> Reg {
        let mut reg = Reg::empty().file("aims.yaml", AIMS_YAML).system("sys");
        for id in ANNEX_A {
            reg = reg.file(
                &format!("controls/{id}.yaml"),
                &format!("id: {id}\napplicable: true\njustification: Needed.\nstatus: planned\n"),
            );
        }
        reg
    }

    /// The same register, checked afresh (after a command changed it).
    pub fn fresh(self) -> Reg {
        Reg {
            dir: self.dir,
            checked: OnceCell::new(),
        }
    }

    /// A folder with nothing in it.
    pub fn empty() -> Reg {
        Reg {
            dir: tempdir(),
            checked: OnceCell::new(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `text` to `rel`, creating folders as needed.
    pub fn file(self, rel: &str, text: &str) -> Reg {
        self.bytes(rel, text.as_bytes())
    }

    pub fn bytes(self, rel: &str, bytes: &[u8]) -> Reg {
        let path = self.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(&path, bytes).expect("write");
        Reg {
            dir: self.dir,
            checked: OnceCell::new(),
        }
    }

    /// A system screened for every category, with its impact assessment and a monitor
    /// measured on time.
    pub fn system(self, id: &str) -> Reg {
        self.file(&format!("systems/{id}.yaml"), &SYSTEM.replace("{id}", id))
            .file(
                &format!("impacts/IA-{id}.yaml"),
                &IMPACT.replace("{id}", id),
            )
            .file(
                &format!("monitors/{id}-accuracy.yaml"),
                &MONITOR.replace("{id}", id),
            )
            .file(&format!("measurements/{id}-accuracy.csv"), MEASUREMENTS)
    }

    /// A minimal valid risk, with `extra` lines appended.
    pub fn risk(self, id: &str, extra: &str) -> Reg {
        let text = RISK.replace("{id}", id) + extra;
        self.file(&format!("risks/{id}.yaml"), &text)
    }

    /// What `aims check --format json` prints and its exit status, computed in
    /// process with the code the binary runs (the binary itself is tested in
    /// `check.rs` and `ci.rs`), once per register.
    pub fn check_json(&self) -> (i32, Value) {
        self.checked
            .get_or_init(|| {
                let root = aims::register::discover(self.path()).expect("a register");
                let register = aims::register::Register::open(&root).expect("opens");
                let today = TODAY.parse().expect("a date");
                let report = aims::cli::check_register(&register, today);
                let code = i32::from(report.has_errors());
                let json = serde_json::to_value(aims::cli::render::json::check(&report))
                    .expect("serialises");
                (code, json)
            })
            .clone()
    }

    /// Runs `aims check` in human format.
    pub fn check_human(&self) -> (i32, String) {
        let out = run_in(self.path(), &["check", "--today", "2026-11-22"]);
        (
            out.status.code().expect("exit code"),
            String::from_utf8(out.stdout).expect("UTF-8 output"),
        )
    }

    /// `(rule, file, line, column)` of every diagnostic, in output order.
    pub fn findings(&self) -> Vec<(String, String, u64, u64)> {
        let (_, json) = self.check_json();
        diagnostics(&json)
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().expect("rule").to_string(),
                    d["file"].as_str().expect("file").to_string(),
                    d["line"].as_u64().unwrap_or(0),
                    d["column"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    }

    /// The messages of one rule's diagnostics, in output order.
    pub fn messages(&self, rule: &str) -> Vec<String> {
        self.rule(rule)
            .iter()
            .map(|d| d["message"].as_str().expect("message").to_string())
            .collect()
    }

    /// The diagnostics of one rule.
    pub fn rule(&self, rule: &str) -> Vec<Value> {
        let (_, json) = self.check_json();
        diagnostics(&json)
            .iter()
            .filter(|d| d["rule"] == rule)
            .cloned()
            .collect()
    }
}

pub fn diagnostics(json: &Value) -> &Vec<Value> {
    json["diagnostics"].as_array().expect("diagnostics array")
}

/// The date every test judges by.
pub const TODAY: &str = "2026-11-22";

/// How a run of `aims` ended and what it printed.
#[derive(Debug)]
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    pub fn from_output(out: Output) -> Ran {
        Ran::from(out)
    }

    fn from(out: Output) -> Ran {
        Ran {
            code: out.status.code().expect("exit code"),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Runs `aims` with `args` in `dir`, as given.
pub fn aims_in(dir: &Path, args: &[&str]) -> Ran {
    Ran::from(run_in(dir, args))
}

impl Reg {
    /// Runs `aims` in the register with `args` and `--today` set to [`TODAY`].
    pub fn aims(&self, args: &[&str]) -> Ran {
        let mut all = args.to_vec();
        all.extend(["--today", TODAY]);
        aims_in(self.path(), &all)
    }

    /// Runs `aims` in the register with `args` as given.
    pub fn run(&self, args: &[&str]) -> Ran {
        aims_in(self.path(), args)
    }
}

/// Runs `aims` with `args` in `dir`, without colour and with a fixed environment.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    run_in_env(dir, args, &[])
}

/// Runs `aims` as [`run_in`] does, with the environment variables `env` set.
pub fn run_in_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    aims_command(dir)
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("runs")
}

/// `aims` to be run in `dir`, without colour and with a fixed environment: none of a
/// developer's or a pipeline's own settings reaches a test.
pub fn aims_command(dir: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("aims"));
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GIT_DIR")
        .env_remove("AIMS_LOCK_WAIT")
        .env_remove("AIMS_PROGRESS_DELAY");
    command
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("dir");
    for entry in fs::read_dir(from).expect("read") {
        let entry = entry.expect("entry");
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

impl Reg {
    /// Every file of the register but `aims`' own `.aims/` folder, with its bytes: to
    /// show that a refused command wrote nothing.
    pub fn files(&self) -> std::collections::BTreeMap<String, Vec<u8>> {
        fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
            for entry in fs::read_dir(dir).expect("read dir") {
                let entry = entry.expect("entry");
                let path = entry.path();
                let rel = path
                    .strip_prefix(root)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned();
                if rel == ".aims" {
                    continue;
                }
                if entry.file_type().expect("type").is_dir() {
                    walk(root, &path, out);
                } else {
                    out.insert(rel, fs::read(&path).expect("read"));
                }
            }
        }
        let mut out = std::collections::BTreeMap::new();
        walk(self.path(), self.path(), &mut out);
        out
    }

    /// The text of a register file.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// Runs `aims` on `reg` and insists it succeeded; returns what it printed.
pub fn ok(reg: &Reg, args: &[&str]) -> String {
    let Ran {
        code,
        stdout,
        stderr,
    } = reg.aims(args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout
}

/// Runs `aims` on `reg`, insists it was refused (exit 2) and wrote nothing; returns
/// stderr.
pub fn refused(reg: &Reg, args: &[&str]) -> String {
    let before = reg.files();
    let Ran { code, stderr, .. } = reg.aims(args);
    assert_eq!(code, 2, "{args:?} was not refused: {stderr}");
    assert!(reg.files() == before, "{args:?} wrote something");
    stderr
}
