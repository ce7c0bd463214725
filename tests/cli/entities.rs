//! `aims control|system|impact|incident` authoring and views.

use std::fs;

use serde_json::Value;

use crate::register::BASE_FILES;
use crate::{Ran, Reg};

#[test]
fn control_set_edits_a_decision_in_place() {
    let before = "id: A.7.5   # data provenance\napplicable: true\njustification: Needed.\nstatus: planned\n";
    let reg = Reg::new()
        .file("controls/A.7.5.yaml", before)
        .file("evidence/lineage.md", "# lineage\n");
    let Ran {
        code,
        stdout: out,
        stderr: err,
    } = reg.aims(&[
        "control",
        "set",
        "A.7.5",
        "--status",
        "implemented",
        "--owner",
        "lead",
        "--evidence",
        "evidence/lineage.md",
        "--verified",
        "2026-11-20",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "updated controls/A.7.5.yaml\n");
    assert_eq!(
        fs::read_to_string(reg.join("controls/A.7.5.yaml")).expect("read"),
        "id: A.7.5   # data provenance\napplicable: true\njustification: Needed.\nstatus: implemented\nowner: lead\nevidence: [evidence/lineage.md]\nverified: 2026-11-20\n"
    );
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&["control", "set", "A.7.5"]);
    assert_eq!(code, 2);
    assert!(err.contains("nothing to change"), "{err}");
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&["control", "set", "A.7.5", "--owner", "nobody"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown role `nobody`"), "{err}");
}

#[test]
fn control_set_creates_custom_controls_with_what_they_need() {
    let reg = Reg::new();
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&[
        "control",
        "set",
        "CC-1",
        "--applicable",
        "yes",
        "--justification",
        "SR 11-7",
    ]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: missing required flags: --title, --description\n"
    );
    let Ran {
        code,
        stdout: out,
        stderr: err,
    } = reg.aims(&[
        "control",
        "set",
        "CC-1",
        "--applicable",
        "yes",
        "--justification",
        "SR 11-7",
        "--title",
        "Model inventory",
        "--description",
        "Every model is listed",
        "--status",
        "planned",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "created controls/CC-1.yaml\n");
    let Ran { stdout: out, .. } = reg.aims(&["control", "list", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&out).expect("json");
    assert_eq!(rows.len(), 39);
    assert_eq!(rows[0]["id"], "A.2.2");
    assert_eq!(rows[38]["id"], "CC-1");
    assert_eq!(rows[38]["decision"], "planned");
}

#[test]
fn control_show_and_list_tell_the_soa() {
    let reg = Reg::new().risk("R-001", "controls: [A.6.2.4]\n").file(
        "controls/A.10.4.yaml",
        "id: A.10.4\napplicable: false\njustification: No customers.\n",
    );
    std::fs::remove_file(reg.join("controls/A.2.2.yaml")).expect("remove");
    let Ran { stdout: out, .. } = reg.aims(&["control", "show", "A.6.2.4", "--format", "json"]);
    let view: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(view["objective"], "A.6.2");
    assert_eq!(view["objective_title"], "AI system life cycle");
    assert_eq!(view["risks"], serde_json::json!(["R-001"]));
    let Ran { stdout: out, .. } = reg.aims(&[
        "control", "list", "--status", "excluded", "--format", "json",
    ]);
    let rows: Vec<Value> = serde_json::from_str(&out).expect("json");
    assert_eq!(rows.len(), 1);
    let Ran { stdout: out, .. } =
        reg.aims(&["control", "list", "--status", "none", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&out).expect("json");
    assert_eq!(
        rows[0]["id"], "A.2.2",
        "controls without a decision are listed too"
    );
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&["control", "show", "A.6.2.44"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `A.6.2.4`?"), "{err}");
}

#[test]
fn system_add_list_show() {
    let reg = Reg::new();
    let Ran {
        code,
        stdout: out,
        stderr: err,
    } = reg.aims(&[
        "system",
        "add",
        "--name",
        "HR CV Screening",
        "--intended-use",
        "Ranks applications",
        "--lifecycle",
        "development",
        "--role",
        "user",
        "--owner",
        "lead",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("created systems/hr-cv-screening.yaml\n"),
        "{out}"
    );
    assert!(
        out.contains("error[impact-assessment-missing]"),
        "check speaks about the new system: {out}"
    );
    assert_eq!(
        fs::read_to_string(reg.join("systems/hr-cv-screening.yaml")).expect("read"),
        "# yaml-language-server: $schema=../.aims/schemas/system.schema.json\nid: hr-cv-screening\nname: HR CV Screening\nintended_use: Ranks applications\nlifecycle: development\norganisation_role: user\nowner: lead\nin_scope: true\n"
    );
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&[
        "system",
        "add",
        "--name",
        "HR CV Screening",
        "--intended-use",
        "x",
        "--lifecycle",
        "development",
        "--role",
        "user",
        "--owner",
        "lead",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    let Ran { code, .. } = reg.aims(&[
        "system",
        "add",
        "--id",
        "old",
        "--name",
        "Old",
        "--intended-use",
        "x",
        "--lifecycle",
        "retired",
        "--role",
        "user",
        "--owner",
        "lead",
        "--out-of-scope",
        "Retired in 2025",
    ]);
    assert_eq!(code, 0);
    let Ran { stdout: out, .. } = reg.aims(&["system", "list", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&out).expect("json");
    let scopes: Vec<(String, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["id"].as_str().expect("id").to_string(),
                r["in_scope"].as_bool().expect("bool"),
            )
        })
        .collect();
    assert_eq!(
        scopes,
        [
            ("hr-cv-screening".into(), true),
            ("old".into(), false),
            ("sys".into(), true)
        ]
    );
    let Ran { stdout: out, .. } = reg.aims(&["system", "show", "sys", "--format", "json"]);
    let view: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        view["coverage"][0],
        serde_json::json!(["bias-fairness", "screened"])
    );
    assert_eq!(view["impact_assessments"], serde_json::json!(["IA-sys"]));
}

#[test]
fn impact_add_needs_every_dimension_and_writes_them() {
    let reg = Reg::new().system("two");
    std::fs::remove_file(reg.join("impacts/IA-two.yaml")).expect("remove");
    let base = [
        "impact",
        "add",
        "--system",
        "two",
        "--assessor",
        "lead",
        "--dimension",
        "fairness=4x3:Ranks some groups lower",
    ];
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&base);
    assert_eq!(code, 2);
    assert!(err.contains("--not-applicable safety=REASON"), "{err}");
    let full = [
        &base[..],
        &[
            "--not-applicable",
            "safety=No physical effect",
            "--not-applicable",
            "privacy=No personal data",
            "--dimension",
            "transparency=2x2:Users are told",
            "--dimension",
            "human-oversight=1x1:Reviewed",
            "--dimension",
            "fundamental-rights=3x2:Access to work",
        ],
    ]
    .concat();
    let Ran {
        code,
        stdout: out,
        stderr: err,
    } = reg.aims(&full);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out, "created impacts/IA-two-2026.yaml\n",
        "a complete assessment: check is silent"
    );
    let Ran { stdout: out, .. } = reg.aims(&["impact", "list", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&out).expect("json");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["next_review"], "2027-11-22");
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&[
        "impact",
        "add",
        "--system",
        "two",
        "--assessor",
        "lead",
        "--dimension",
        "fairness=9x9:x",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown severity `9`"), "{err}");
}

#[test]
fn incident_add_list_show() {
    let reg = Reg::new().risk("R-001", "");
    let Ran {
        code,
        stdout: out,
        stderr: err,
    } = reg.aims(&[
        "incident",
        "add",
        "--title",
        "Skew found",
        "--severity",
        "medium",
        "--description",
        "Audit found skew",
        "--reporter",
        "lead",
        "--system",
        "sys",
        "--risk",
        "R-001",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out, "created incidents/INC-2026-001.yaml\n",
        "the incident itself is clean"
    );
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&[
        "incident",
        "add",
        "--title",
        "t",
        "--severity",
        "medium",
        "--description",
        "d",
        "--reporter",
        "lead",
        "--risk",
        "R-404",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown risk `R-404`"), "{err}");
    let Ran { stdout: out, .. } = reg.aims(&["incident", "list", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&out).expect("json");
    assert_eq!(rows[0]["id"], "INC-2026-001");
    let Ran { stdout: out, .. } = reg.aims(&["incident", "show", "INC-2026-001"]);
    assert!(
        out.contains("reported            2026-11-22 by lead"),
        "{out}"
    );
    let Ran { stdout: out, .. } = reg.aims(&["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(report["summary"]["files"], BASE_FILES + 2);
}
