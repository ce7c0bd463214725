//! A small fluent builder for registers on disk, and helpers to run `aims` on them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
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
";

pub const SYSTEM: &str = "\
id: {id}
name: System {id}
intended_use: Scores things.
lifecycle: deployed
organisation_role: developer
owner: ml-lead
";

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

/// A register in a temporary folder.
#[derive(Debug)]
pub struct Reg {
    dir: TempDir,
}

impl Default for Reg {
    fn default() -> Reg {
        Reg::new()
    }
}

impl Reg {
    /// A valid register with `aims.yaml` and one system `sys`.
    pub fn new() -> Reg {
        Reg::empty().file("aims.yaml", AIMS_YAML).system("sys")
    }

    /// A folder with nothing in it.
    pub fn empty() -> Reg {
        Reg {
            dir: tempfile::tempdir().expect("temporary folder"),
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
        self
    }

    pub fn system(self, id: &str) -> Reg {
        let text = SYSTEM.replace("{id}", id);
        self.file(&format!("systems/{id}.yaml"), &text)
    }

    /// A minimal valid risk, with `extra` lines appended.
    pub fn risk(self, id: &str, extra: &str) -> Reg {
        let text = RISK.replace("{id}", id) + extra;
        self.file(&format!("risks/{id}.yaml"), &text)
    }

    /// Runs `aims check --format json` and returns the exit code and parsed output.
    pub fn check_json(&self) -> (i32, Value) {
        let out = run_in(
            self.path(),
            &["check", "--format", "json", "--today", "2026-11-22"],
        );
        let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (out.status.code().expect("exit code"), json)
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

/// Runs `aims` with `args` in `dir`, without colour and with a fixed environment.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("aims")
        .expect("binary")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GIT_DIR")
        .args(args)
        .output()
        .expect("runs")
}
