//! The rules of `aims check` from the register foundation: each fires where it
//! should, stays quiet where it should, and obeys severity overrides.

use serde_json::json;

use crate::Reg;
use crate::register::{AIMS_YAML, BASE_FILES, IMPACT, diagnostics};

fn at(rule: &str, file: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (rule.to_string(), file.to_string(), line, column)
}

#[test]
fn a_valid_register_is_clean() {
    let reg = Reg::new().risk("R-1", "controls: [A.6.2.4]\n");
    let (code, json) = reg.check_json();
    assert_eq!(diagnostics(&json), &Vec::<serde_json::Value>::new());
    assert_eq!(
        json["summary"],
        json!({"errors": 0, "warnings": 0, "files": BASE_FILES + 1})
    );
    assert_eq!(code, 0);
}

#[test]
fn json_output_has_exactly_the_documented_shape() {
    let reg = Reg::new().risk("R-1", "controls: [A.99]\n");
    let (code, json) = reg.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        json,
        json!({
            "diagnostics": [{
                "rule": "unknown-reference", "severity": "error", "file": "risks/R-1.yaml",
                "line": 10, "column": 12, "entity": "R-1",
                "message": "control `A.99` does not exist",
                "hint": "cite an Annex A control (`aims catalog controls`) or add a custom control as `controls/A.99.yaml`"
            }],
            "summary": {"errors": 1, "warnings": 0, "files": BASE_FILES + 1}
        })
    );
}

#[test]
fn human_output_reads_like_a_compiler() {
    let reg = Reg::new().risk("R-018", "controls: [A.6.2.44]\n");
    let (code, out) = reg.check_human();
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "error[unknown-reference]: risks/R-018.yaml:10:12: control `A.6.2.44` does not exist\n  \
             hint: did you mean `A.6.2.4`?\n\n1 error, 0 warnings in {} files\n",
            BASE_FILES + 1
        )
    );
    let (code, out) = Reg::new().check_human();
    assert_eq!(
        (code, out),
        (0, format!("no problems found in {BASE_FILES} files\n"))
    );
}

#[test]
fn yaml_syntax_fires_once_per_broken_file_with_a_position() {
    let reg = Reg::new().file(
        "risks/R-1.yaml",
        "id: R-1\ntitle: [unclosed\nsystems: [sys]\n",
    );
    let found = reg.findings();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "yaml-syntax");
    assert_eq!(found[0].1, "risks/R-1.yaml");
    assert!(found[0].2 >= 2);
}

#[test]
fn a_broken_file_does_not_cascade_into_unknown_references() {
    // R-1 is unreadable as YAML, but the impact assessment citing it must not
    // also be reported: the file exists, and its own error says what is wrong.
    let reg = Reg::new()
        .file("risks/R-1.yaml", "id: R-1\n  bad: indentation\n")
        .file(
            "impacts/IA-1.yaml",
            &(IMPACT.replace("{id}", "sys").replace("IA-sys", "IA-1")
                + "  - { dimension: other, description: d, severity: 1, likelihood: 1, risks: [R-1] }\n"),
        );
    let rules: Vec<String> = reg.findings().into_iter().map(|f| f.0).collect();
    assert_eq!(rules, ["yaml-syntax"]);
}

#[test]
fn schema_violations_are_reported_at_the_offending_node() {
    let reg = Reg::new().risk(
        "R-1",
        "treatment:\n  option: mitigat\n  actions:\n    - id: T1\n      description: d\n      status: planned\n      due: 2026-02-30\n      tittle: x\n",
    );
    assert_eq!(
        reg.findings(),
        [
            at("schema", "risks/R-1.yaml", 11, 11),
            at("schema", "risks/R-1.yaml", 16, 12),
            at("schema", "risks/R-1.yaml", 17, 7),
        ]
    );
    let messages = reg.messages("schema");
    assert_eq!(
        messages,
        [
            "`option` is \"mitigat\", which is not one of: avoid, mitigate, transfer, accept",
            "\"2026-02-30\" is not a calendar date",
            "unknown field `tittle`",
        ]
    );
}

#[test]
fn schema_reports_missing_fields_wrong_types_and_scalars_for_maps() {
    let reg = Reg::new()
        .file("systems/a.yaml", "id: a\nname: A\nintended_use: x\nlifecycle: deployed\norganisation_role: developer\n")
        .file("systems/b.yaml", "just a sentence\n")
        .file("systems/c.yaml", "id: c\nname: C\nintended_use: x\nlifecycle: deployed\norganisation_role: developer\nowner: [lead]\n");
    let (code, json) = reg.check_json();
    assert_eq!(code, 1);
    let found: Vec<(String, String, u64)> = diagnostics(&json)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().expect("file").to_string(),
                d["message"].as_str().expect("message").to_string(),
                d["line"].as_u64().expect("line"),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "systems/a.yaml".into(),
                "missing required field `owner`".into(),
                1
            ),
            (
                "systems/b.yaml".into(),
                "the file must be a mapping, found the text \"just a sentence\"".into(),
                1
            ),
            (
                "systems/c.yaml".into(),
                "`owner` must be a string, found a list [...]".into(),
                6
            ),
        ]
    );
}

#[test]
fn schema_accepts_own_fields_under_x_only() {
    let reg = Reg::new().risk("R-1", "x:\n  jira: AI-12\n  anything: [1, 2]\n");
    assert_eq!(reg.findings(), []);
    let reg = Reg::new().risk("R-1", "jira: AI-12\n");
    let found = reg.rule("schema");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["message"], "unknown field `jira`");
}

#[test]
fn out_of_scope_systems_need_a_scope_note() {
    let reg = Reg::new().file(
        "systems/old.yaml",
        "id: old\nname: Old\nintended_use: x\nlifecycle: retired\norganisation_role: user\nowner: lead\nin_scope: false\n",
    );
    let found = reg.rule("schema");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["message"], "missing required field `scope_note`");
    let reg = Reg::new().file(
        "systems/old.yaml",
        "id: old\nname: Old\nintended_use: x\nlifecycle: retired\norganisation_role: user\nowner: lead\nin_scope: false\nscope_note: Retired in 2025.\n",
    );
    assert_eq!(reg.findings(), []);
}

#[test]
fn id_mismatch_fires_when_the_id_differs_from_the_file_name() {
    let reg = Reg::new().file(
        "risks/R-1.yaml",
        &crate::register::RISK.replace("{id}", "R-2"),
    );
    assert_eq!(reg.findings(), [at("id-mismatch", "risks/R-1.yaml", 1, 5)]);
    assert_eq!(Reg::new().risk("R-1", "").findings(), []);
}

#[test]
fn duplicate_id_fires_for_two_files_of_one_kind() {
    let risk = crate::register::RISK.replace("{id}", "R-1");
    let reg = Reg::new()
        .file("risks/R-1.yaml", &risk)
        .file("risks/R-1.yml", &risk);
    assert_eq!(reg.findings(), [at("duplicate-id", "risks/R-1.yml", 1, 5)]);
    let msg = &reg.rule("duplicate-id")[0]["message"];
    assert_eq!(msg, "risk id `R-1` is also used by `risks/R-1.yaml`");
}

#[test]
fn the_same_id_in_different_kinds_is_not_a_duplicate() {
    let reg = Reg::new().system("R-1").risk("R-1", "");
    assert_eq!(reg.findings(), []);
}

#[test]
fn duplicate_id_fires_inside_a_file() {
    let config = AIMS_YAML.replace(
        "  - { id: ml-lead, name: ML Lead }",
        "  - { id: ml-lead, name: ML Lead }\n  - { id: lead, name: Someone Else }",
    );
    let reg = Reg::new().file("aims.yaml", &config).risk(
        "R-1",
        "treatment:\n  option: mitigate\n  actions:\n    - { id: T1, description: a, status: planned, owner: lead, due: 2027-01-01 }\n    - { id: T1, description: b, status: planned, owner: lead, due: 2027-01-01 }\n",
    );
    assert_eq!(
        reg.findings(),
        [
            at("duplicate-id", "aims.yaml", 7, 11),
            at("duplicate-id", "risks/R-1.yaml", 14, 13)
        ]
    );
    let config = AIMS_YAML.to_string() + "categories:\n  - { id: safety, title: Safety again }\n";
    let reg = Reg::new().file("aims.yaml", &config);
    assert_eq!(reg.findings(), [at("duplicate-id", "aims.yaml", 30, 11)]);
}

#[test]
fn unknown_reference_fires_for_every_reference_kind() {
    let reg = Reg::new()
        .file(
            "risks/R-1.yaml",
            "id: R-1\ntitle: t\nsystems: [sys, nope]\ncategory: biass-fairness\nsources: [C.3.9, C.2.5]\nowner: nobody\nidentified: 2026-01-10\nassessment: { likelihood: 1, consequence: 1 }\ncontrols: [A.6.2.4, C-99]\nimpacts: [IA-9]\ntreatment:\n  option: accept\n  actions:\n    - { id: T1, description: d, status: planned, owner: ghost }\n  acceptance: { approved_by: boss }\n",
        )
        .file(
            "impacts/IA-1.yaml",
            "id: IA-1\nsystem: sys2\nassessed: 2026-01-01\nassessor: lead\ndimensions:\n  - dimension: fairness\n    description: d\n    severity: 1\n    likelihood: 1\n    risks: [R-404]\n",
        )
        .file("controls/A.2.2.yaml", "id: A.2.2\napplicable: true\nowner: ceo\n")
        .file(
            "incidents/INC-1.yaml",
            "id: INC-1\ntitle: t\nreported: 2026-01-01\nreporter: lead2\nsystems: [syz]\nrisks: [R-2]\nseverity: low\ndescription: d\nstatus: open\ncorrective_actions:\n  - { id: CA1, description: d, status: planned, owner: phantom }\n",
        )
        .file(
            "systems/other.yaml",
            "id: other\nname: O\nintended_use: x\nlifecycle: deployed\norganisation_role: user\nowner: lead\nscreening:\n  - { category: safty, date: 2026-01-01, rationale: none }\n",
        );
    let messages: Vec<(String, u64, String)> = reg
        .rule("unknown-reference")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().expect("file").to_string(),
                d["line"].as_u64().expect("line"),
                d["message"].as_str().expect("message").to_string(),
            )
        })
        .collect();
    let expected = [
        ("controls/A.2.2.yaml", 3, "role `ceo` does not exist"),
        ("impacts/IA-1.yaml", 2, "system `sys2` does not exist"),
        ("impacts/IA-1.yaml", 10, "risk `R-404` does not exist"),
        ("incidents/INC-1.yaml", 4, "role `lead2` does not exist"),
        ("incidents/INC-1.yaml", 5, "system `syz` does not exist"),
        ("incidents/INC-1.yaml", 6, "risk `R-2` does not exist"),
        ("incidents/INC-1.yaml", 11, "role `phantom` does not exist"),
        ("risks/R-1.yaml", 3, "system `nope` does not exist"),
        (
            "risks/R-1.yaml",
            4,
            "category `biass-fairness` does not exist",
        ),
        (
            "risks/R-1.yaml",
            5,
            "Annex C risk source `C.3.9` does not exist",
        ),
        (
            "risks/R-1.yaml",
            5,
            "Annex C risk source `C.2.5` does not exist",
        ),
        ("risks/R-1.yaml", 6, "role `nobody` does not exist"),
        ("risks/R-1.yaml", 9, "control `C-99` does not exist"),
        (
            "risks/R-1.yaml",
            10,
            "impact assessment `IA-9` does not exist",
        ),
        ("risks/R-1.yaml", 14, "role `ghost` does not exist"),
        ("risks/R-1.yaml", 15, "role `boss` does not exist"),
        ("systems/other.yaml", 8, "category `safty` does not exist"),
    ];
    let expected: Vec<(String, u64, String)> = expected
        .iter()
        .map(|(f, l, m)| (f.to_string(), *l, m.to_string()))
        .collect();
    let mut sorted = messages.clone();
    sorted.sort_by(|a, b| (a.0.as_str(), a.1).cmp(&(b.0.as_str(), b.1)));
    assert_eq!(messages, sorted, "findings are sorted by file then line");
    let mut messages = messages;
    messages.sort();
    let mut expected = expected;
    expected.sort();
    assert_eq!(messages, expected);
}

#[test]
fn unknown_reference_hints_name_the_likely_id() {
    let reg = Reg::new()
        .system("device-intelligence")
        .risk("R-018", "")
        .file(
            "risks/R-019.yaml",
            &crate::register::RISK
                .replace("{id}", "R-019")
                .replace("systems: [sys]", "systems: [device-intel]"),
        );
    let (_, out) = reg.check_human();
    assert!(
        out.contains(
            "error[unknown-reference]: risks/R-019.yaml:3:11: system `device-intel` does not exist"
        ),
        "{out}"
    );
    let reg = Reg::new().risk("R-1", "sources: [C.2.5]\n");
    let (_, out) = reg.check_human();
    assert!(
        out.contains("hint: `C.2.5` is an Annex C objective; risk sources are C.3.1 to C.3.7"),
        "{out}"
    );
    let reg = Reg::new().risk("R-1", "").file(
        "controls/A.2.2.yaml",
        "id: A.2.2\napplicable: true\nowner: zzz\n",
    );
    let (_, out) = reg.check_human();
    assert!(
        out.contains("hint: roles are defined under `roles:` in aims.yaml: `lead`, `ml-lead`"),
        "{out}"
    );
}

#[test]
fn references_to_custom_categories_and_controls_resolve() {
    let config = AIMS_YAML.to_string()
        + "categories:\n  - { id: model-risk, title: Model risk, controls: [CC-1] }\n";
    let reg = Reg::new()
        .file("aims.yaml", &config)
        .file(
            "controls/CC-1.yaml",
            "id: CC-1\napplicable: true\ntitle: Model inventory\ndescription: Every model is listed.\njustification: SR 11-7.\nstatus: planned\n",
        )
        .risk("R-1", "")
        .file(
            "risks/R-2.yaml",
            &crate::register::RISK
                .replace("{id}", "R-2")
                .replace("category: bias-fairness", "category: model-risk"),
        )
        .file(
            "risks/R-3.yaml",
            &(crate::register::RISK.replace("{id}", "R-3") + "controls: [CC-1, A.10.4]\nsources: [C.3.1, C.3.7]\nimpacts: [IA-1]\n"),
        )
        .file("impacts/IA-1.yaml", &IMPACT.replace("{id}", "sys").replace("IA-sys", "IA-1"));
    assert_eq!(reg.findings(), []);
}

#[test]
fn custom_controls_need_a_title_and_description_but_annex_a_ones_do_not() {
    let reg = Reg::new().file("controls/CC-1.yaml", "id: CC-1\napplicable: true\n");
    let messages = reg.messages("schema");
    assert_eq!(
        messages,
        [
            "missing required field `description`",
            "missing required field `title`"
        ]
    );
    let reg = Reg::new().file("controls/A.5.2.yaml", "id: A.5.2\napplicable: true\n");
    assert!(reg.rule("schema").is_empty());
}

#[test]
fn severity_overrides_lower_raise_and_switch_off_rules() {
    let with_rules = |rules: &str| AIMS_YAML.to_string() + rules;
    let base = || Reg::new().risk("R-1", "controls: [A.99]\n");

    let reg = base().file("aims.yaml", &with_rules("  unknown-reference: warning\n"));
    let (code, json) = reg.check_json();
    assert_eq!(code, 0, "warnings alone do not fail the check");
    assert_eq!(diagnostics(&json)[0]["severity"], "warning");
    assert_eq!(json["summary"]["warnings"], 1);

    let reg = base().file("aims.yaml", &with_rules("  unknown-reference: off\n"));
    assert_eq!(
        reg.check_json(),
        (
            0,
            json!({"diagnostics": [], "summary": {"errors": 0, "warnings": 0, "files": BASE_FILES + 1}})
        )
    );

    let reg = base()
        .file("risks/notes.txt", "scratch")
        .file("aims.yaml", &with_rules("  unexpected-file: error\n"));
    let found = reg.rule("unexpected-file");
    assert_eq!(found[0]["severity"], "error");
}

#[test]
fn reading_rules_cannot_be_overridden() {
    let config =
        AIMS_YAML.to_string() + "  schema: off\n  yaml-syntax: warning\n  revew-overdue: off\n";
    let reg = Reg::new().file("aims.yaml", &config);
    let (code, json) = reg.check_json();
    assert_eq!(code, 1);
    let messages: Vec<&str> = diagnostics(&json)
        .iter()
        .map(|d| d["message"].as_str().expect("message"))
        .collect();
    assert_eq!(
        messages,
        [
            "`schema` is not a rule whose severity can be set",
            "`yaml-syntax` is not a rule whose severity can be set",
            "`revew-overdue` is not a rule whose severity can be set",
        ]
    );
    let (_, out) = reg.check_human();
    assert!(
        out.contains("hint: did you mean `review-overdue`?"),
        "{out}"
    );
}

#[test]
fn findings_are_sorted_by_file_then_line() {
    let reg = Reg::new()
        .risk("R-2", "controls: [X-1]\n")
        .risk("R-1", "controls: [X-2]\nimpacts: [IA-1]\n")
        .file(
            "systems/sys.yaml",
            &crate::register::SYSTEM
                .replace("{id}", "sys")
                .replace("ml-lead", "ghost"),
        );
    let found: Vec<(String, u64)> = reg.findings().into_iter().map(|f| (f.1, f.2)).collect();
    assert_eq!(
        found,
        [
            ("risks/R-1.yaml".to_string(), 10),
            ("risks/R-1.yaml".to_string(), 11),
            ("risks/R-2.yaml".to_string(), 10),
            ("systems/sys.yaml".to_string(), 6),
        ]
    );
}
