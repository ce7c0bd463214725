//! `aims check` for CI: SARIF validated against the official schema, JUnit parsed as
//! XML, GitHub workflow commands, and --fail-on.

use std::fs;

use serde_json::Value;

use crate::trail::{CI, git};
use crate::{Ran, Reg, aims_in};

/// A register with one error and one warning.
fn findings() -> Reg {
    Reg::new()
        .risk("R-001", "controls: [A.99]\n")
        .file("risks/notes.txt", "scratch, \"quoted\" & <tagged>")
}

fn check(reg: &Reg, args: &[&str]) -> Ran {
    reg.aims(&[&["check"], args].concat())
}

/// The official SARIF 2.1.0 schema's verdict on a log: every violation, or none.
fn sarif_violations(sarif: &Value) -> Vec<String> {
    let schema: Value =
        serde_json::from_str(include_str!("../fixtures/sarif/sarif-schema-2.1.0.json"))
            .expect("schema");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("compiles");
    validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// A repository whose register lives in `compliance/aims`, with a risk citing an
/// unknown control and an unexpected file whose name needs encoding in a URI.
fn register_in_a_subfolder() -> tempfile::TempDir {
    let reg = findings().file("risks/März notes.txt", "scratch");
    let repo = crate::tempdir();
    crate::copy_dir(reg.path(), &repo.path().join("compliance/aims"));
    fs::write(repo.path().join("README.md"), "the repository\n").expect("write");
    git(repo.path(), CI, "2026-11-20", &["init", "-q", "-b", "main"]);
    git(repo.path(), CI, "2026-11-20", &["add", "-A"]);
    git(
        repo.path(),
        CI,
        "2026-11-20",
        &["commit", "-qm", "Register"],
    );
    repo
}

#[test]
fn sarif_output_matches_the_official_schema() {
    for reg in [
        findings(),
        Reg::new(),
        findings().file("risks/März 2.txt", "x"),
    ] {
        let Ran { stdout: out, .. } = check(&reg, &["--format", "sarif"]);
        let sarif: Value = serde_json::from_str(&out).expect("json");
        assert_eq!(sarif_violations(&sarif), Vec::<String>::new());
    }
    let Ran {
        code, stdout: out, ..
    } = check(&findings(), &["--format", "sarif"]);
    assert_eq!(code, 1);
    let sarif: Value = serde_json::from_str(&out).expect("json");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "unknown-reference" && r["help"]["text"].is_string())
    );
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    let error = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-reference")
        .expect("error");
    assert_eq!(error["level"], "error");
    assert_eq!(
        error["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "risks/R-001.yaml"
    );
    assert_eq!(
        error["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 10, "startColumn": 12})
    );
    assert_eq!(
        rules[error["ruleIndex"].as_u64().expect("index") as usize]["id"],
        "unknown-reference"
    );
    let warning = results
        .iter()
        .find(|r| r["ruleId"] == "unexpected-file")
        .expect("warning");
    assert_eq!(warning["level"], "warning");
    // what the schema alone does not demand, but code scanning reads
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rule = &rules[error["ruleIndex"].as_u64().expect("index") as usize];
    assert_eq!(
        rule["helpUri"],
        "https://github.com/aims-register/aims#rules"
    );
    let markdown = rule["help"]["markdown"].as_str().expect("markdown help");
    assert!(markdown.contains("**`unknown-reference`**"), "{markdown}");
    assert!(
        markdown.contains("](https://github.com/aims-register/aims#rules)"),
        "{markdown}"
    );
    assert!(error["partialFingerprints"]["aimsFinding/v1"].is_string());
}

#[test]
fn sarif_uris_are_percent_encoded_and_relative_to_the_repository_root() {
    let repo = register_in_a_subfolder();
    let Ran { code, stdout, .. } = aims_in(
        repo.path(),
        &[
            "-C",
            "compliance/aims",
            "check",
            "--format",
            "sarif",
            "--today",
            "2026-11-22",
        ],
    );
    assert_eq!(code, 1);
    let sarif: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(sarif_violations(&sarif), Vec::<String>::new());
    let run = &sarif["runs"][0];
    let root = run["originalUriBaseIds"]["SRCROOT"]["uri"]
        .as_str()
        .expect("root uri");
    let canonical = repo.path().canonicalize().expect("canonical");
    assert_eq!(
        root,
        format!("file://{}/", canonical.display()),
        "the repository root"
    );
    let uris: Vec<&str> = run["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(location["uriBaseId"], "SRCROOT");
            location["uri"].as_str().expect("uri")
        })
        .collect();
    assert!(
        uris.contains(&"compliance/aims/risks/R-001.yaml"),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"compliance/aims/risks/M%C3%A4rz%20notes.txt"),
        "{uris:?}"
    );
    for uri in &uris {
        assert!(
            repo.path()
                .join(uri.replace("%C3%A4", "ä").replace("%20", " "))
                .is_file(),
            "{uri}"
        );
    }
}

#[test]
fn sarif_fingerprints_follow_a_finding_that_moves() {
    let fingerprints = |reg: &Reg| -> Vec<(String, u64, String)> {
        let Ran { stdout, .. } = check(reg, &["--format", "sarif"]);
        let sarif: Value = serde_json::from_str(&stdout).expect("json");
        sarif["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().expect("rule").to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap_or(0),
                    r["partialFingerprints"]["aimsFinding/v1"]
                        .as_str()
                        .expect("fingerprint")
                        .to_string(),
                )
            })
            .collect()
    };
    let before = fingerprints(&Reg::new().risk("R-001", "controls: [A.99]\n"));
    let after =
        fingerprints(&Reg::new().risk("R-001", "# a comment\n# and another\ncontrols: [A.99]\n"));
    assert_eq!(before.len(), 1);
    assert_ne!(before[0].1, after[0].1, "the finding moved");
    assert_eq!(before[0].2, after[0].2, "and kept its fingerprint");
    let two = fingerprints(&Reg::new().risk("R-001", "controls: [A.99, A.98]\n"));
    assert_ne!(two[0].2, two[1].2, "two findings, two fingerprints");
}

#[test]
fn junit_output_is_xml_with_a_case_per_rule_per_file() {
    let Ran {
        code, stdout: out, ..
    } = check(&findings(), &["--format", "junit"]);
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("failures"), Some("1"));
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    let risk = suites
        .iter()
        .find(|s| s.attribute("name") == Some("risks/R-001.yaml"))
        .expect("risk suite");
    let case = risk
        .children()
        .find(|n| n.has_tag_name("testcase"))
        .expect("case");
    assert_eq!(case.attribute("name"), Some("unknown-reference"));
    let failure = case
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("failure");
    assert_eq!(
        failure.attribute("message"),
        Some("control `A.99` does not exist")
    );
    let notes = suites
        .iter()
        .find(|s| s.attribute("name") == Some("risks/notes.txt"))
        .expect("notes suite");
    assert_eq!(
        notes.attribute("failures"),
        Some("0"),
        "warnings are not failures"
    );
    let clean = suites
        .iter()
        .find(|s| s.attribute("name") == Some("aims.yaml"))
        .expect("clean file");
    assert_eq!(
        clean
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .count(),
        1
    );
    let total: usize = suites
        .iter()
        .map(|s| {
            s.attribute("tests")
                .expect("tests")
                .parse::<usize>()
                .expect("n")
        })
        .sum();
    assert_eq!(root.attribute("tests"), Some(total.to_string().as_str()));
}

#[test]
fn junit_output_is_well_formed_whatever_a_file_is_called() {
    let reg = findings()
        .file("risks/odd\u{ffff}name.txt", "x")
        .file("risks/tab\tname.txt", "x");
    let Ran { stdout, .. } = check(&reg, &["--format", "junit"]);
    let doc = roxmltree::Document::parse(&stdout).expect("well-formed XML");
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert!(names.contains(&"risks/odd\\u{ffff}name.txt"), "{names:?}");
    assert!(names.contains(&"risks/tab\tname.txt"), "{names:?}");
}

#[test]
fn github_annotations_name_files_from_the_repository_root() {
    let repo = register_in_a_subfolder();
    let Ran { stdout, .. } = aims_in(
        repo.path(),
        &[
            "-C",
            "compliance/aims",
            "check",
            "--format",
            "github",
            "--today",
            "2026-11-22",
        ],
    );
    let files: Vec<&str> = stdout
        .lines()
        .map(|l| {
            l.split("file=")
                .nth(1)
                .expect("file")
                .split(',')
                .next()
                .expect("value")
        })
        .collect();
    assert!(
        files.contains(&"compliance/aims/risks/R-001.yaml"),
        "{files:?}"
    );
    for file in files {
        assert!(repo.path().join(file).is_file(), "{file}");
    }
}

#[test]
fn github_output_is_workflow_commands() {
    let Ran {
        code, stdout: out, ..
    } = check(&findings(), &["--format", "github"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        "::error file=risks/R-001.yaml,line=10,col=12,title=unknown-reference::control `A.99` does not exist%0Ahint: cite an Annex A control (`aims catalog controls`) or add a custom control as `controls/A.99.yaml`"
    );
    assert!(
        lines[1].starts_with("::warning file=risks/notes.txt,title=unexpected-file::"),
        "{}",
        lines[1]
    );
    // the documented syntax: ::command key=value,...::message
    for line in lines {
        let rest = line.strip_prefix("::").expect("starts with ::");
        let (head, message) = rest.split_once("::").expect("two parts");
        let (command, properties) = head.split_once(' ').expect("properties");
        assert!(["error", "warning"].contains(&command));
        for property in properties.split(',') {
            let (key, _) = property.split_once('=').expect("key=value");
            assert!(["file", "line", "col", "title"].contains(&key));
        }
        assert!(!message.contains('\n'));
    }
}

#[test]
fn fail_on_decides_the_exit_status() {
    let warnings_only = Reg::new().file("risks/notes.txt", "scratch");
    assert_eq!(check(&warnings_only, &[]).code, 0);
    assert_eq!(check(&warnings_only, &["--fail-on", "warning"]).code, 1);
    assert_eq!(check(&findings(), &["--fail-on", "never"]).code, 0);
    assert_eq!(check(&findings(), &["--fail-on", "error"]).code, 1);
    assert_eq!(check(&Reg::new(), &["--fail-on", "warning"]).code, 0);
}
