//! Editors and terminals: schemas for editors, completions, the man page, export.

use std::fs;
use std::process::Command;

use serde_json::Value;

use crate::{Ran, Reg, run_in};

#[test]
fn schema_prints_a_kind_and_write_refreshes_the_register_copy() {
    let reg = Reg::new();
    let Ran {
        code, stdout: text, ..
    } = reg.run(&["schema", "risk"]);
    assert_eq!(code, 0);
    let schema: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(schema["title"], "AI risk");
    let Ran {
        code, stdout: out, ..
    } = reg.run(&["schema", "--write"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 13);
    for kind in [
        "aims",
        "context",
        "system",
        "risk",
        "impact",
        "control",
        "incident",
        "policy",
        "objective",
        "monitor",
        "audit",
        "management-review",
        "clause",
    ] {
        let copy = fs::read_to_string(reg.join(&format!(".aims/schemas/{kind}.schema.json")))
            .expect("written");
        let Ran {
            stdout: printed, ..
        } = reg.run(&["schema", kind]);
        assert_eq!(copy, printed, "{kind}");
    }
    fs::write(reg.join(".aims/schemas/risk.schema.json"), "stale").expect("write");
    reg.run(&["schema", "--write"]);
    assert_ne!(
        fs::read_to_string(reg.join(".aims/schemas/risk.schema.json")).expect("read"),
        "stale"
    );
}

#[test]
fn files_written_by_aims_point_editors_at_the_register_schemas() {
    let dir = tempfile::tempdir().expect("dir");
    run_in(dir.path(), &["init", "--organisation", "Acme"]);
    let config = fs::read_to_string(dir.path().join("aims.yaml")).expect("aims.yaml");
    assert!(config.starts_with("# yaml-language-server: $schema=.aims/schemas/aims.schema.json\n"));
    assert!(dir.path().join(".aims/schemas/aims.schema.json").is_file());
    let out = run_in(
        dir.path(),
        &[
            "system",
            "add",
            "--name",
            "Bot",
            "--intended-use",
            "Chats",
            "--lifecycle",
            "concept",
            "--role",
            "user",
            "--owner",
            "aims-lead",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let system = fs::read_to_string(dir.path().join("systems/bot.yaml")).expect("written");
    assert!(
        system.starts_with("# yaml-language-server: $schema=../.aims/schemas/system.schema.json\n")
    );
    // the relative reference resolves to the schema for that kind
    let target = dir
        .path()
        .join("systems")
        .join("../.aims/schemas/system.schema.json");
    assert!(target.is_file());
    // the check does not mind the hidden folder
    let out = run_in(dir.path(), &["check", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        json["diagnostics"]
            .as_array()
            .expect("d")
            .iter()
            .all(|d| d["rule"] != "unexpected-file")
    );
}

#[test]
fn completions_load_in_bash_and_zsh() {
    let bin = assert_cmd::cargo::cargo_bin("aims");
    let bash = Command::new("bash")
        .args([
            "-c",
            &format!(
                "source <('{}' completions bash) && complete -p aims",
                bin.display()
            ),
        ])
        .output()
        .expect("bash runs");
    assert!(
        bash.status.success(),
        "{}",
        String::from_utf8_lossy(&bash.stderr)
    );
    assert!(String::from_utf8_lossy(&bash.stdout).contains("-F _aims aims"));
    // zsh: load the completion function and check it is defined
    let zsh_available = Command::new("zsh").arg("--version").output().is_ok();
    assert!(
        zsh_available || std::env::var_os("AIMS_SKIP_ZSH").is_some(),
        "install zsh (`apt-get install zsh`) to test zsh completions"
    );
    if zsh_available {
        let dir = tempfile::tempdir().expect("dir");
        let script = run_in(dir.path(), &["completions", "zsh"]).stdout;
        fs::write(dir.path().join("_aims"), script).expect("write");
        let zsh = Command::new("zsh")
            .args(["-f", "-c", &format!("fpath=({} $fpath); autoload -Uz compinit && compinit -u -D; autoload -Uz _aims; whence -w _aims", dir.path().display())])
            .output()
            .expect("zsh runs");
        assert!(
            zsh.status.success(),
            "{}",
            String::from_utf8_lossy(&zsh.stderr)
        );
        assert!(
            String::from_utf8_lossy(&zsh.stdout).contains("_aims: function"),
            "{}",
            String::from_utf8_lossy(&zsh.stdout)
        );
    }
    let reg = Reg::new();
    for shell in ["fish", "powershell"] {
        let Ran {
            code, stdout: out, ..
        } = reg.run(&["completions", shell]);
        assert_eq!(code, 0);
        assert!(out.contains("aims"), "{shell}");
    }
}

#[test]
fn the_man_page_is_generated_from_the_commands() {
    let Ran {
        code, stdout: page, ..
    } = Reg::new().run(&["man"]);
    assert_eq!(code, 0);
    assert!(page.contains(".TH aims 1"));
    for command in ["check", "report", "approve", "completions"] {
        assert!(page.contains(command), "{command}");
    }
}

#[test]
fn export_is_the_whole_register_with_computed_values() {
    let reg = Reg::new().risk("R-001", "controls: [A.6.2.4]\n");
    let Ran {
        code, stdout: text, ..
    } = reg.run(&["export", "--today", "2026-11-22"]);
    assert_eq!(code, 0);
    let export: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(export["format"], "aims-export-1");
    assert_eq!(export["organisation"], "Test Org");
    assert_eq!(export["systems"][0]["id"], "sys");
    let risk = &export["risks"][0];
    assert_eq!(risk["assessment"]["score"], 2);
    assert_eq!(risk["assessment"]["band"], "low");
    assert_eq!(risk["next_review"], "2027-01-10");
    assert_eq!(export["controls"].as_array().expect("controls").len(), 38);
    assert_eq!(
        export["controls"][18]["risks"],
        serde_json::json!(["R-001"])
    );
    assert_eq!(export["impacts"][0]["id"], "IA-sys");
}
