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
    let dir = crate::tempdir();
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

/// What bash offers for the words of a line, the last being completed: the
/// registration script `aims completions bash` prints is loaded and its completion
/// function called the way bash calls it at a TAB.
fn bash_complete(dir: &std::path::Path, words: &[&str]) -> Vec<String> {
    let bin = assert_cmd::cargo::cargo_bin("aims");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source <('{bin}' completions bash) || exit 3\n\
         spec=$(complete -p aims) || exit 4\n\
         function=${{spec##*-F }}; function=${{function%% *}}\n\
         COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))\n\
         COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}; COMP_TYPE=9\n\
         \"$function\" aims \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        bin = bin.display(),
        words = quoted.join(" "),
    );
    let out = Command::new("bash")
        .args(["-c", &script])
        .current_dir(dir)
        .env_remove("COMPLETE")
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completes_the_registers_ids() {
    let reg = Reg::new()
        .risk("R-001", "")
        .risk("R-002", "")
        .risk("R-010", "")
        .system("billing")
        .file("risks/notes.txt", "not a risk");
    assert_eq!(
        bash_complete(reg.path(), &["aims", "risk", "show", "R-0"]),
        ["R-001", "R-002", "R-010"]
    );
    let values = |words: &[&str]| -> Vec<String> {
        let mut offered = bash_complete(reg.path(), words);
        offered.retain(|v| !v.starts_with('-'));
        offered
    };
    assert_eq!(values(&["aims", "system", "show", ""]), ["billing", "sys"]);
    assert_eq!(
        values(&["aims", "risk", "add", "--owner", ""]),
        ["lead", "ml-lead"]
    );
    assert_eq!(
        bash_complete(reg.path(), &["aims", "control", "show", "A.10."]),
        ["A.10.2", "A.10.3", "A.10.4"]
    );
    assert!(
        bash_complete(reg.path(), &["aims", "risk", "add", "--category", "bias"])
            .contains(&"bias-fairness".to_string())
    );
    assert!(bash_complete(reg.path(), &["aims", "log", "R-01"]).contains(&"R-010".to_string()));
    // subcommands and fixed values, as before
    assert!(bash_complete(reg.path(), &["aims", "ch"]).contains(&"check".to_string()));
    assert!(
        bash_complete(reg.path(), &["aims", "check", "--format", "s"])
            .contains(&"sarif".to_string())
    );
    // from elsewhere, the register named with -C
    let elsewhere = crate::tempdir();
    let dir = reg.path().to_str().expect("utf-8");
    assert_eq!(
        bash_complete(
            elsewhere.path(),
            &["aims", "-C", dir, "risk", "show", "R-00"]
        ),
        ["R-001", "R-002"]
    );
    // outside any register: nothing, quietly
    assert_eq!(
        bash_complete(elsewhere.path(), &["aims", "risk", "show", "R-"]),
        Vec::<String>::new()
    );
}

#[test]
fn at_completes_git_revisions() {
    let reg = Reg::new();
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["add", "-A"],
        &[
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@test.example",
            "commit",
            "-qm",
            "Register",
        ],
        &["tag", "audit-2026"],
    ] {
        let out = Command::new("git")
            .args(args)
            .current_dir(reg.path())
            .output()
            .expect("git");
        assert!(out.status.success());
    }
    let offered = bash_complete(reg.path(), &["aims", "report", "soa", "--at", ""]);
    for name in ["HEAD", "main", "audit-2026"] {
        assert!(offered.contains(&name.to_string()), "{offered:?}");
    }
}

#[test]
fn completions_load_in_zsh_fish_and_powershell() {
    let zsh_available = Command::new("zsh").arg("--version").output().is_ok();
    assert!(
        zsh_available || std::env::var_os("AIMS_SKIP_ZSH").is_some(),
        "install zsh (`apt-get install zsh`) to test zsh completions"
    );
    if zsh_available {
        let dir = crate::tempdir();
        let script = run_in(dir.path(), &["completions", "zsh"]).stdout;
        fs::write(dir.path().join("aims.zsh"), script).expect("write");
        let zsh = Command::new("zsh")
            .args([
                "-f",
                "-c",
                &format!(
                    "autoload -Uz compinit && compinit -u -D; source {}; whence -w _clap_dynamic_completer_aims",
                    dir.path().join("aims.zsh").display()
                ),
            ])
            .output()
            .expect("zsh runs");
        assert!(
            zsh.status.success(),
            "{}{}",
            String::from_utf8_lossy(&zsh.stdout),
            String::from_utf8_lossy(&zsh.stderr)
        );
    }
    let reg = Reg::new();
    for shell in ["fish", "powershell", "elvish"] {
        let Ran {
            code, stdout: out, ..
        } = reg.run(&["completions", shell]);
        assert_eq!(code, 0);
        assert!(out.contains("COMPLETE"), "{shell}: {out}");
    }
}

#[test]
fn man_writes_a_page_per_command_and_every_reference_resolves() {
    let dir = crate::tempdir();
    let pages = dir.path().join("man1");
    let Ran { code, .. } = Reg::new().run(&["man", "--dir", pages.to_str().expect("utf-8")]);
    assert_eq!(code, 0);
    let mut names: Vec<String> = fs::read_dir(&pages)
        .expect("written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.contains(&"aims.1".to_string()));
    assert!(names.contains(&"aims-risk-show.1".to_string()));
    // groff, the formatter man(1) runs, renders every page at once with every
    // warning on, and has nothing to say about any of them (a warning names the file).
    let out = Command::new("groff")
        .args(["-mandoc", "-Tutf8", "-ww", "-rLL=100n", "-P-cbou"])
        .args(names.iter().map(|name| pages.join(name)))
        .output()
        .expect("groff runs");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    // Each page starts with its header line: `aims-risk-show(1)   General Commands Manual ...`.
    let text = String::from_utf8_lossy(&out.stdout);
    let mut rendered: Vec<(String, Vec<&str>)> = Vec::new();
    for line in text.lines() {
        match line.split_once("(1)") {
            Some((page, rest)) if rest.trim_start().starts_with("General Commands Manual") => {
                rendered.push((format!("{page}.1"), Vec::new()));
            }
            _ => rendered
                .last_mut()
                .expect("a page starts with its header")
                .1
                .push(line),
        }
    }
    let rendered_names: Vec<&String> = rendered.iter().map(|(name, _)| name).collect();
    assert_eq!(
        rendered_names,
        names.iter().collect::<Vec<_>>(),
        "every page rendered, once"
    );
    for (name, lines) in &rendered {
        for section in ["NAME", "SYNOPSIS", "EXAMPLES", "EXIT STATUS", "ENVIRONMENT"] {
            assert!(lines.contains(&section), "{name} lacks {section}");
        }
        // every aims-*(1) it refers to was written
        for reference in lines
            .iter()
            .flat_map(|l| l.split_whitespace())
            .filter_map(|w| {
                let w = &w[w.find("aims-")?..];
                Some(w[..w.find("(1)")?].to_string())
            })
        {
            assert!(
                names.contains(&format!("{reference}.1")),
                "{name} refers to {reference}(1)"
            );
        }
    }
    // without --dir, aims(1) on standard output
    let Ran { stdout: page, .. } = Reg::new().run(&["man"]);
    assert!(page.contains(".TH aims 1"));
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
