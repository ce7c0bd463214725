//! `aims check` for CI: SARIF validated against the official schema, JUnit parsed as
//! XML, GitHub workflow commands, and --fail-on.

use serde_json::Value;

use crate::{Ran, Reg};

/// A register with one error and one warning.
fn findings() -> Reg {
    Reg::new()
        .risk("R-001", "controls: [A.99]\n")
        .file("risks/notes.txt", "scratch, \"quoted\" & <tagged>")
}

fn check(reg: &Reg, args: &[&str]) -> Ran {
    reg.aims(&[&["check"], args].concat())
}

#[test]
fn sarif_output_matches_the_official_schema() {
    let schema: Value =
        serde_json::from_str(include_str!("../fixtures/sarif/sarif-schema-2.1.0.json"))
            .expect("schema");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("compiles");
    for reg in [findings(), Reg::new()] {
        let Ran { stdout: out, .. } = check(&reg, &["--format", "sarif"]);
        let sarif: Value = serde_json::from_str(&out).expect("json");
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert_eq!(errors, Vec::<String>::new());
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
