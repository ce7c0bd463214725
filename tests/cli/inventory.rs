//! `aims system set|screen|change`, `aims impact set|review` and `aims incident
//! set|action|close`: every change to the inventory, the impact assessments and the
//! incidents by command, in place, and nothing written on a refusal.

use crate::register::{ok, refused};
use crate::{Ran, Reg};

const CHATBOT: &str = "\
id: chatbot   # customer help
name: Help chatbot
intended_use: Answers customers' questions.
lifecycle: validation
organisation_role: user
owner: ml-lead
# nothing screened yet
";

#[test]
fn system_set_changes_inventory_fields_and_lists() {
    let reg = Reg::new().file("systems/chatbot.yaml", CHATBOT);
    let out = ok(
        &reg,
        &[
            "system",
            "set",
            "chatbot",
            "--lifecycle",
            "deployed",
            "--add-data-input",
            "chat messages",
            "--add-user",
            "customers",
            "--add-affected-party",
            "customers",
            "--add-supplier",
            "Model Co=language model API",
            "--deployment",
            "EU cloud",
        ],
    );
    assert!(out.starts_with("updated systems/chatbot.yaml\n"), "{out}");
    assert!(
        out.contains("aims system screen chatbot --category"),
        "{out}"
    );
    assert_eq!(
        reg.read("systems/chatbot.yaml"),
        "id: chatbot   # customer help\nname: Help chatbot\nintended_use: Answers customers' questions.\nlifecycle: deployed\norganisation_role: user\ndata_inputs: [chat messages]\nusers: [customers]\naffected_parties: [customers]\ndeployment: EU cloud\nowner: ml-lead\nsuppliers:\n  - name: Model Co\n    provides: language model API\n# nothing screened yet\n"
    );
    ok(
        &reg,
        &[
            "system",
            "set",
            "chatbot",
            "--remove-user",
            "customers",
            "--remove-supplier",
            "Model Co",
        ],
    );
    let text = reg.read("systems/chatbot.yaml");
    assert!(
        text.contains("users: []\n") && text.contains("suppliers: []\n"),
        "{text}"
    );
    let err = refused(&reg, &["system", "set", "chatbot", "--in-scope", "no"]);
    assert!(err.contains("needs a note saying why"), "{err}");
    let err = refused(&reg, &["system", "set", "chatbot", "--owner", "nobody"]);
    assert!(err.contains("unknown role `nobody`"), "{err}");
    let err = refused(&reg, &["system", "set", "chatbo", "--owner", "lead"]);
    assert!(err.contains("did you mean `chatbot`?"), "{err}");
    ok(
        &reg,
        &[
            "system",
            "set",
            "chatbot",
            "--in-scope",
            "no",
            "--scope-note",
            "Pilot only",
        ],
    );
    let text = reg.read("systems/chatbot.yaml");
    assert!(
        text.contains("in_scope: false\nscope_note: Pilot only\n"),
        "{text}"
    );
}

#[test]
fn screening_and_changes_are_recorded_and_checked() {
    let reg = Reg::new()
        .file("systems/chatbot.yaml", CHATBOT)
        .risk("R-001", "")
        .file(
            "risks/R-002.yaml",
            &crate::register::RISK
                .replace("{id}", "R-002")
                .replace("[sys]", "[chatbot]")
                .replace("bias-fairness", "privacy"),
        );
    let err = refused(
        &reg,
        &[
            "system",
            "screen",
            "chatbot",
            "--category",
            "privacy",
            "--rationale",
            "None",
        ],
    );
    assert!(err.contains("has a risk in `privacy` (R-002)"), "{err}");
    let err = refused(
        &reg,
        &[
            "system",
            "screen",
            "chatbot",
            "--category",
            "safty",
            "--rationale",
            "None",
        ],
    );
    assert!(err.contains("did you mean `safety`?"), "{err}");
    let err = refused(
        &reg,
        &[
            "system",
            "screen",
            "chatbot",
            "--category",
            "safety",
            "--rationale",
            "None",
            "--date",
            "2027-01-01",
        ],
    );
    assert!(err.contains("after today"), "{err}");
    ok(
        &reg,
        &[
            "system",
            "screen",
            "chatbot",
            "--category",
            "safety",
            "--rationale",
            "No physical effect",
        ],
    );
    // screening again replaces the entry
    ok(
        &reg,
        &[
            "system",
            "screen",
            "chatbot",
            "--category",
            "safety",
            "--rationale",
            "Text only",
            "--date",
            "2026-11-20",
        ],
    );
    assert!(reg.read("systems/chatbot.yaml").ends_with(
        "owner: ml-lead\nscreening:\n  - category: safety\n    date: 2026-11-20\n    rationale: Text only\n# nothing screened yet\n"
    ));
    let Ran { stderr, .. } = reg.aims(&[
        "system",
        "change",
        "chatbot",
        "--description",
        "New model version",
        "--date",
        "2026-11-21",
    ]);
    assert!(
        stderr.contains("the change calls for a review of `R-002`"),
        "{stderr}"
    );
    assert!(reg.read("systems/chatbot.yaml").contains(
        "changes:\n  - date: 2026-11-21\n    description: New model version\nscreening:"
    ));
    assert_eq!(reg.rule("review-triggered").len(), 1);
}

#[test]
fn impact_set_assesses_or_excuses_dimensions_and_review_records_who() {
    let reg = Reg::new().risk("R-001", "");
    let id = "IA-sys";
    let err = refused(
        &reg,
        &["impact", "set", id, "--dimension", "fairnes=3x2:Some"],
    );
    assert!(err.contains("did you mean `fairness`?"), "{err}");
    let err = refused(
        &reg,
        &["impact", "set", id, "--dimension", "fairness=3x9:Some"],
    );
    assert!(err.contains("unknown likelihood `9`"), "{err}");
    ok(
        &reg,
        &[
            "impact",
            "set",
            id,
            "--dimension",
            "fairness=Major x Likely:Some applicants scored lower",
            "--reversible",
            "fairness=partly",
            "--add-mitigation",
            "fairness=Quarterly test",
            "--add-risk",
            "fairness=R-001",
        ],
    );
    let text = reg.read("impacts/IA-sys.yaml");
    assert!(
        text.contains("  - { dimension: fairness, description: Some applicants scored lower, severity: 4, likelihood: 4, reversible: partly, mitigations: [Quarterly test], risks: [R-001] }\n"),
        "labels of the impact scales are levels: {text}"
    );
    ok(
        &reg,
        &[
            "impact",
            "set",
            id,
            "--not-applicable",
            "fairness=No decisions about people",
        ],
    );
    assert!(
        reg.read("impacts/IA-sys.yaml")
            .contains("  - { dimension: fairness, not_applicable: No decisions about people }\n")
    );
    let err = refused(&reg, &["impact", "review", id]);
    assert_eq!(err, "error: missing required flag: --by\n");
    let out = ok(
        &reg,
        &[
            "impact",
            "review",
            id,
            "--by",
            "lead",
            "--note",
            "Still right",
        ],
    );
    assert!(out.contains("next review: 2027-11-22 (every 1y)"), "{out}");
    assert!(
        reg.read("impacts/IA-sys.yaml")
            .ends_with("review:\n  last: 2026-11-22\n  by: lead\n  note: Still right\n")
    );
}

const INCIDENT: &str = "\
id: INC-1
title: Wrong answer given
reported: 2026-11-01
reporter: lead
systems: [sys]
severity: medium
description: A customer was told the wrong fee.
status: open   # triage
";

#[test]
fn incidents_get_corrective_actions_and_close_once_they_are_done() {
    let reg = Reg::new()
        .file("incidents/INC-1.yaml", INCIDENT)
        .file("evidence/fix.md", "Fixed.\n");
    ok(
        &reg,
        &[
            "incident",
            "action",
            "add",
            "INC-1",
            "--description",
            "Correct the fee table",
            "--owner",
            "ml-lead",
            "--due",
            "2026-12-15",
        ],
    );
    assert!(reg.read("incidents/INC-1.yaml").contains(
        "corrective_actions:\n  - id: CA1\n    description: Correct the fee table\n    owner: ml-lead\n    due: 2026-12-15\n    status: planned\nstatus: open   # triage\n"
    ));
    let err = refused(
        &reg,
        &["incident", "close", "INC-1", "--root-cause", "Stale table"],
    );
    assert!(err.contains("has open corrective actions (CA1)"), "{err}");
    assert!(
        err.contains("aims incident action done INC-1 CA1 --evidence PATH"),
        "{err}"
    );
    ok(
        &reg,
        &["incident", "set", "INC-1", "--status", "investigating"],
    );
    ok(
        &reg,
        &[
            "incident",
            "action",
            "done",
            "INC-1",
            "CA1",
            "--evidence",
            "evidence/fix.md",
        ],
    );
    let err = refused(&reg, &["incident", "close", "INC-1"]);
    assert_eq!(err, "error: missing required flag: --root-cause\n");
    let out = ok(
        &reg,
        &[
            "incident",
            "close",
            "INC-1",
            "--root-cause",
            "Stale fee table",
        ],
    );
    assert_eq!(out, "closed incidents/INC-1.yaml\n");
    let text = reg.read("incidents/INC-1.yaml");
    assert!(text.contains("root_cause: Stale fee table\n"), "{text}");
    assert!(
        text.ends_with("status: closed   # triage\nclosed: 2026-11-22\n"),
        "{text}"
    );
    let err = refused(&reg, &["incident", "set", "INC-1", "--severity", "low"]);
    assert!(err.contains("was closed on 2026-11-22"), "{err}");
}
