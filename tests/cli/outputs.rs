//! Every JSON output keeps to its published JSON Schema (`aims schema output NAME`):
//! each command `aims schema output` lists is run on the example register in git with
//! an approval, for every id it lists, and on a copy outside git with findings, for one
//! id of each kind, and what it prints is validated against its schema. A command added to the list in
//! `src/cli/schema.rs` is tested here without further code.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::trail::{CI, git};
use crate::{Ran, aims_in, copy_dir};

/// The example register in a repository, with an approval commit.
fn example_in_git() -> tempfile::TempDir {
    let dir = crate::tempdir();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind"),
        dir.path(),
    );
    git(dir.path(), CI, "2026-11-20", &["init", "-q", "-b", "main"]);
    git(dir.path(), CI, "2026-11-20", &["add", "-A"]);
    git(dir.path(), CI, "2026-11-20", &["commit", "-qm", "Register"]);
    git(
        dir.path(),
        ("Priya Natarajan", "priya@northwind.example"),
        "2026-11-20",
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "Approve\n\nApproves: R-001, A.6.2.4\nApproved-by: Priya Natarajan <priya@northwind.example>",
        ],
    );
    dir
}

/// The example register outside git, with a schema violation and a stray file.
fn example_with_findings() -> tempfile::TempDir {
    let dir = crate::tempdir();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind"),
        dir.path(),
    );
    let risk = dir.path().join("risks/R-001.yaml");
    let text = fs::read_to_string(&risk).expect("read") + "unknown_field: 1\n";
    fs::write(&risk, text).expect("write");
    fs::write(dir.path().join("risks/notes.txt"), "scratch").expect("write");
    dir
}

/// `(name, command)` of every JSON output.
fn outputs() -> Vec<(String, String)> {
    let nowhere = crate::tempdir();
    let Ran { code, stdout, .. } = aims_in(nowhere.path(), &["schema", "output"]);
    assert_eq!(code, 0);
    stdout
        .lines()
        .map(|l| {
            let (name, command) = l.split_once('\t').expect("name, a tab, the command");
            (name.to_string(), command.to_string())
        })
        .collect()
}

/// The command's words, `ID` replaced by each id its kind lists (or run once).
fn expansions(dir: &Path, command: &str) -> Vec<Vec<String>> {
    let words: Vec<String> = command
        .split_whitespace()
        .skip(1)
        .map(String::from)
        .collect();
    if !words.iter().any(|w| w == "ID") {
        return vec![words];
    }
    let Ran { stdout, .. } = aims_in(
        dir,
        &[
            &words[0],
            "list",
            "--format",
            "json",
            "--today",
            "2026-11-22",
        ],
    );
    let listed: Value = serde_json::from_str(&stdout).expect("a list");
    listed
        .as_array()
        .expect("an array")
        .iter()
        .map(|item| {
            let id = item["id"].as_str().expect("id");
            words
                .iter()
                .map(|w| if w == "ID" { id.to_string() } else { w.clone() })
                .collect()
        })
        .collect()
}

#[test]
fn every_json_output_keeps_to_its_schema() {
    let listed = outputs();
    let names: Vec<&str> = listed.iter().map(|(n, _)| n.as_str()).collect();
    for required in [
        "check",
        "export",
        "status",
        "due",
        "report-soa",
        "report-register",
        "report-impacts",
        "report-audit",
        "report-board",
    ] {
        assert!(names.contains(&required), "{required} has no schema");
    }
    for kind in ["system", "risk", "impact", "control", "incident"] {
        for verb in ["list", "show"] {
            let name = format!("{kind}-{verb}");
            assert!(names.contains(&name.as_str()), "{name} has no schema");
        }
    }
    let registers = [example_in_git(), example_with_findings()];
    let mut problems = Vec::new();
    let mut validated = 0;
    for (name, command) in &listed {
        let nowhere = crate::tempdir();
        let Ran { stdout: text, .. } = aims_in(nowhere.path(), &["schema", "output", name]);
        let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{name}: the schema does not compile: {e}"));
        for (r, register) in registers.iter().enumerate() {
            // Every id of the example in git; outside git, with findings, one of each
            // kind: what changes there is the same for every id.
            let mut commands = expansions(register.path(), command);
            if r == 1 {
                commands.truncate(1);
            }
            for words in commands {
                let mut args: Vec<&str> = words.iter().map(String::as_str).collect();
                args.extend(["--today", "2026-11-22"]);
                let Ran {
                    code,
                    stdout,
                    stderr,
                } = aims_in(register.path(), &args);
                if code == 2 && ["status", "log", "diff"].contains(&name.as_str()) && r == 1 {
                    continue; // history commands need git
                }
                assert!(code == 0 || code == 1, "{args:?}: exit {code}: {stderr}");
                let value: Value = serde_json::from_str(&stdout)
                    .unwrap_or_else(|e| panic!("{args:?} printed no JSON: {e}"));
                validated += 1;
                problems.extend(
                    validator.iter_errors(&value).take(3).map(|e| {
                        format!("{name} ({}): {e} at {}", args.join(" "), e.instance_path())
                    }),
                );
            }
        }
    }
    assert_eq!(problems, Vec::<String>::new());
    assert!(validated > 100, "validated {validated} outputs");
}

#[test]
fn output_to_standard_output_is_the_same_json() {
    let dir = example_in_git();
    let base = ["report", "soa", "--format", "json", "--today", "2026-11-22"];
    let Ran { stdout: plain, .. } = aims_in(dir.path(), &base);
    let Ran {
        code,
        stdout: dashed,
        ..
    } = aims_in(dir.path(), &[&base[..], &["--output", "-"]].concat());
    assert_eq!(code, 0);
    assert_eq!(plain, dashed);
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[test]
fn export_uses_the_registers_own_field_names() {
    let dir = example_in_git();
    let Ran { stdout, .. } = aims_in(dir.path(), &["export", "--today", "2026-11-22"]);
    let export: Value = serde_json::from_str(&stdout).expect("json");
    let controls = export["controls"].as_array().expect("controls");
    let file = |id: &str| {
        fs::read_to_string(dir.path().join(format!("controls/{id}.yaml"))).expect("control")
    };
    for control in controls {
        let id = control["id"].as_str().expect("id");
        let text = file(id);
        let status = text
            .lines()
            .find_map(|l| l.strip_prefix("status: "))
            .map(|s| s.trim().to_string());
        assert_eq!(control["status"].as_str().map(String::from), status, "{id}");
    }
    assert!(controls.iter().any(|c| c["status"] == "implemented"));
}
