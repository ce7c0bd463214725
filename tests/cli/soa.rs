//! `aims control set` on several controls, `aims control review` in a terminal, and
//! `aims evidence add|pin|list`.

use std::fs;

use crate::Reg;
use crate::register::{AIMS_YAML, ANNEX_A, TODAY, ok, refused};

/// A register with one system and no SoA decision yet.
fn undecided() -> Reg {
    Reg::empty().file("aims.yaml", AIMS_YAML).system("sys")
}

#[test]
fn several_controls_are_decided_at_once_or_not_at_all() {
    let reg = undecided().file(
        "controls/A.2.3.yaml",
        "id: A.2.3   # kept\napplicable: true\n",
    );
    let out = ok(
        &reg,
        &[
            "control",
            "set",
            "A.2.2",
            "A.2.3",
            "A.2.4",
            "--applicable",
            "yes",
            "--justification",
            "The AI policy and its reviews",
            "--status",
            "planned",
        ],
    );
    assert_eq!(
        out,
        "created controls/A.2.2.yaml\nupdated controls/A.2.3.yaml\ncreated controls/A.2.4.yaml\n"
    );
    assert_eq!(
        reg.read("controls/A.2.3.yaml"),
        "id: A.2.3   # kept\napplicable: true\njustification: The AI policy and its reviews\nstatus: planned\n"
    );
    // one bad id refuses them all
    let err = refused(
        &reg,
        &[
            "control",
            "set",
            "A.3.2",
            "A.6.2.44",
            "--applicable",
            "no",
            "--justification",
            "x",
        ],
    );
    assert!(
        err.contains("`A.6.2.44` is not an Annex A control"),
        "{err}"
    );
    assert!(err.contains("did you mean `A.6.2.4`?"), "{err}");
    let err = refused(&reg, &["control", "set", "a.6.2.4", "--applicable", "yes"]);
    assert!(err.contains("did you mean `A.6.2.4`?"), "{err}");
    let err = refused(&reg, &["control", "set", "A.3.2", "A.3.3"]);
    assert_eq!(
        err,
        "error: missing required flags: --applicable, --justification\n"
    );
    let err = refused(
        &reg,
        &["control", "set", "A.2.2", "--verified", "2026-12-01"],
    );
    assert!(err.contains("after today"), "{err}");
}

#[test]
fn every_annex_a_decision_in_one_command_leaves_the_soa_complete() {
    let reg = undecided();
    let mut args = vec!["control", "set"];
    args.extend(ANNEX_A);
    args.extend([
        "--applicable",
        "yes",
        "--justification",
        "Needed",
        "--status",
        "planned",
    ]);
    ok(&reg, &args);
    assert!(
        reg.rule("soa-incomplete").is_empty(),
        "{:?}",
        reg.findings()
    );
}

#[test]
fn check_reports_ids_in_the_annex_a_namespace_that_are_not_annex_a_controls() {
    let reg = Reg::new()
        .file(
            "controls/A.6.2.44.yaml",
            "id: A.6.2.44\ntitle: t\ndescription: d\napplicable: true\njustification: j\nstatus: planned\n",
        )
        .file(
            "controls/a.6.2.4.yaml",
            "id: a.6.2.4\ntitle: t\ndescription: d\napplicable: true\njustification: j\nstatus: planned\n",
        );
    let found = reg.rule("unknown-reference");
    let messages: Vec<(&str, &str)> = found
        .iter()
        .map(|d| {
            (
                d["message"].as_str().expect("message"),
                d["hint"].as_str().expect("hint"),
            )
        })
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    for (message, hint) in messages {
        assert!(
            message.contains("is not an Annex A control, yet its id is in the Annex A namespace")
        );
        assert!(hint.starts_with("did you mean `A.6.2.4`?"), "{hint}");
    }
}

#[test]
fn control_review_walks_the_open_decisions_in_a_terminal() {
    let mut reg = undecided().risk("R-001", "controls: [A.6.2.4]\n");
    for id in ANNEX_A
        .iter()
        .filter(|id| !["A.6.2.3", "A.6.2.4", "A.10.2"].contains(id))
    {
        reg = reg.file(
            &format!("controls/{id}.yaml"),
            &format!("id: {id}\napplicable: true\njustification: Needed.\nstatus: planned\n"),
        );
    }
    // without a terminal it says what to do instead
    let err = refused(&reg, &["control", "review"]);
    assert!(err.contains("3 controls have no decision"), "{err}");
    assert!(
        err.contains("aims control set A.6.2.3 A.6.2.4 A.10.2 --applicable"),
        "{err}"
    );
    // A.6.2.3: skipped; A.6.2.4: the draft accepted, default status, owner typed;
    // A.10.2: excluded with a reason
    let answers = "skip\n\n\n\nlead\nno\nNo suppliers\n";
    let screen = terminal(&reg, "control review", answers);
    assert!(
        screen.contains("[2/3] A.6.2.4 AI system verification and validation"),
        "{screen}"
    );
    assert!(
        screen.contains("cited by: R-001 Something goes wrong"),
        "{screen}"
    );
    assert!(
        screen.contains("why it applies [Treats R-001 (Something goes wrong).]"),
        "{screen}"
    );
    assert!(screen.contains("created controls/A.6.2.4.yaml"), "{screen}");
    assert_eq!(
        reg.read("controls/A.6.2.4.yaml"),
        "# yaml-language-server: $schema=../.aims/schemas/control.schema.json\nid: A.6.2.4\napplicable: true\njustification: Treats R-001 (Something goes wrong).\nstatus: planned\nowner: lead\n"
    );
    assert!(
        reg.read("controls/A.10.2.yaml")
            .contains("applicable: false\njustification: No suppliers\n")
    );
    assert!(!reg.join("controls/A.6.2.3.yaml").exists(), "skipped");
    // the end of the input abandons the walk and writes nothing
    let before = reg.files();
    let screen = terminal(&reg, "control review", "yes\n");
    assert!(screen.contains("nothing was written"), "{screen}");
    assert!(reg.files() == before);
}

/// Runs `aims ARGS` in a pseudo-terminal with `answers` typed in; returns the screen.
fn terminal(reg: &Reg, args: &str, answers: &str) -> String {
    crate::terminal::terminal(reg.path(), &format!("{args} --today {TODAY}"))
        .typing(answers)
        .screen()
}

#[test]
fn evidence_is_copied_pinned_cited_and_listed() {
    let reg = Reg::new().risk(
        "R-001",
        "treatment:\n  option: mitigate\n  actions:\n    - { id: T1, description: d, owner: lead, due: 2027-01-01, status: planned }\n",
    );
    let outside = crate::tempdir();
    let file = outside.path().join("fairness test.pdf");
    fs::write(&file, b"%PDF test results").expect("write");
    let path = file.to_str().expect("utf-8");
    let err = refused(&reg, &["evidence", "add", path, "--to", "R-001"]);
    assert!(err.contains("cites evidence through its actions"), "{err}");
    assert!(err.contains("--to R-001/T1"), "{err}");
    let err = refused(&reg, &["evidence", "add", path, "--to", "R-001/T7"]);
    assert!(err.contains("no treatment action `T7`"), "{err}");
    let err = refused(&reg, &["evidence", "add", path, "--to", "A.9.9"]);
    assert!(err.contains("no entity `A.9.9`"), "{err}");
    let out = ok(
        &reg,
        &[
            "evidence",
            "add",
            path,
            "--to",
            "R-001/T1",
            "--expires",
            "2027-11-22",
        ],
    );
    assert!(out.contains("copied "), "{out}");
    assert!(
        out.contains("to evidence/R-001/fairness test.pdf\ncited it in risks/R-001.yaml\n"),
        "{out}"
    );
    assert_eq!(
        fs::read(reg.join("evidence/R-001/fairness test.pdf")).expect("copied"),
        b"%PDF test results"
    );
    let text = reg.read("risks/R-001.yaml");
    assert!(
        text.contains("evidence: [{ ref: evidence/R-001/fairness test.pdf, date: 2026-11-22, expires: 2027-11-22, sha256: "),
        "{text}"
    );
    let err = refused(&reg, &["evidence", "add", path, "--to", "R-001/T1"]);
    assert!(err.contains("is already cited"), "{err}");
    // a deliberate update is pinned again
    let reg = reg.bytes("evidence/R-001/fairness test.pdf", b"%PDF new results");
    assert_eq!(reg.rule("evidence-changed").len(), 1);
    let hint = reg.rule("evidence-changed")[0]["hint"].clone();
    assert!(
        hint.as_str()
            .expect("hint")
            .contains("aims evidence pin evidence/R-001/fairness test.pdf")
    );
    ok(
        &reg,
        &["evidence", "pin", "evidence/R-001/fairness test.pdf"],
    );
    let reg = reg.fresh();
    assert!(reg.rule("evidence-changed").is_empty());
    let list = ok(&reg, &["evidence", "list", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&list).expect("json");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["cited_by"], serde_json::json!(["R-001/T1"]));
    assert_eq!(rows[0]["pin"], "pinned");
    assert_eq!(rows[0]["expires"], "2027-11-22");
    let err = refused(&reg, &["evidence", "pin", "evidence/nope.pdf"]);
    assert!(err.contains("is not a file in the register"), "{err}");
}
