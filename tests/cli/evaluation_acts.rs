//! Completing audits and management reviews by command: `aims management-review set`
//! and `action`, `aims audit finding set`, reports and minutes as evidence, and what
//! each write then says about the files it wrote.

use crate::register::AIMS_YAML;
use crate::{Ran, Reg};

fn ok(ran: Ran) -> Ran {
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    ran
}

fn refused(ran: Ran, says: &str) -> Ran {
    assert_eq!(ran.code, 2, "{}{}", ran.stdout, ran.stderr);
    assert!(ran.stderr.contains(says), "{says} in\n{}", ran.stderr);
    ran
}

/// Brings `name`, a file written outside the register, in as evidence of `to`.
fn bring_in(reg: &Reg, name: &str, to: &str) -> Ran {
    let outside = crate::tempdir();
    let path = outside.path().join(name);
    std::fs::write(&path, format!("{name}\n")).expect("write");
    ok(reg.aims(&["evidence", "add", path.to_str().expect("utf-8"), "--to", to]))
}

/// The base register with `lead` as top management.
fn led() -> Reg {
    let config = AIMS_YAML.replace("approver: true }", "approver: true, top_management: true }");
    Reg::new().file("aims.yaml", &config)
}

const RECORDED: &str = "\
id: MR-2026-1
date: 2026-11-20
attendees: []
inputs:
  previous-actions: None before.
  context-changes: None.
  interested-parties: None.
  performance: Fine.
decisions: []
actions: []
";

const NONCONFORMITY: &str = "\
id: INC-2026-002
title: Review missed
kind: nonconformity
reported: 2026-10-02
reporter: lead
severity: low
description: d
status: open
";

const AUDIT: &str = "\
id: AUD-2026-1
title: Operation
planned: 2026-11-01
status: in-progress
auditor: { name: Ann Auditor }
scope:
  clauses: [\"8\"]
findings:
  - { id: F1, kind: observation, description: Fine }
  - id: F2
    kind: nonconformity
    grade: minor
    clause: \"8.4\"
    description: Review missed
";

#[test]
fn a_management_review_is_completed_by_command() {
    let reg = led().file("management-reviews/MR-2026-1.yaml", RECORDED);
    assert!(!reg.rule("management-review-incomplete").is_empty());
    let hint = reg.rule("management-review-incomplete")[0]["hint"].to_string();
    assert!(
        hint.contains(
            "aims management-review set MR-2026-1 --input NAME=TEXT --decision TEXT --attendee ROLE"
        ),
        "{hint}"
    );
    let before = reg.files();
    // bad input is refused and writes nothing
    refused(
        reg.aims(&[
            "management-review",
            "set",
            "MR-2026-1",
            "--input",
            "perf=Fine",
        ]),
        "`perf` is not an input of clause 9.3.2",
    );
    refused(
        reg.aims(&[
            "management-review",
            "set",
            "MR-2026-1",
            "--attendee",
            "nobody",
        ]),
        "nobody",
    );
    refused(
        reg.aims(&[
            "management-review",
            "set",
            "MR-2026-1",
            "--minutes",
            "evidence/no.md",
        ]),
        "--minutes: `evidence/no.md` does not exist",
    );
    refused(
        reg.aims(&["management-review", "set", "MR-1", "--decision", "x"]),
        "did you mean `MR-2026-1`?",
    );
    refused(
        reg.aims(&["management-review", "set", "MR-2026-1"]),
        "nothing to change",
    );
    refused(
        reg.aims(&["management-review", "action", "done", "MR-2026-1", "A1"]),
        "no management review action `A1` of `MR-2026-1`",
    );
    assert_eq!(reg.files(), before);

    let out = ok(reg.aims(&[
        "management-review",
        "set",
        "MR-2026-1",
        "--attendee",
        "lead",
        "--decision",
        "Carry on",
        "--input",
        "opportunities=Reuse the gate",
    ]));
    assert!(
        out.stdout
            .starts_with("updated management-reviews/MR-2026-1.yaml"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("error["), "{}", out.stdout);
    let reg = reg.fresh();
    assert_eq!(
        reg.messages("management-review-incomplete"),
        Vec::<String>::new()
    );
    ok(reg.aims(&[
        "management-review",
        "action",
        "add",
        "MR-2026-1",
        "--description",
        "Extend the gate",
        "--owner",
        "ml-lead",
        "--due",
        "2026-12-15",
    ]));
    ok(reg.aims(&[
        "management-review",
        "action",
        "set",
        "MR-2026-1",
        "A1",
        "--status",
        "in-progress",
    ]));
    let text = reg.read("management-reviews/MR-2026-1.yaml");
    for expected in [
        "attendees: [lead]",
        "opportunities: Reuse the gate",
        "decisions: [Carry on]",
        "id: A1",
        "status: in-progress",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    // the action is due, and done with its evidence
    let due = ok(reg.aims(&["due", "--within", "60d"])).stdout;
    assert!(due.contains("Extend the gate"), "{due}");
    let reg = reg.file("evidence/gate.md", "the gate\n");
    ok(reg.aims(&[
        "management-review",
        "action",
        "done",
        "MR-2026-1",
        "A1",
        "--evidence",
        "evidence/gate.md",
    ]));
    // the minutes as evidence, copied in and cited
    let out = bring_in(&reg, "minutes.md", "MR-2026-1");
    assert!(
        out.stdout
            .contains("cited it in management-reviews/MR-2026-1.yaml"),
        "{}",
        out.stdout
    );
    let text = reg.read("management-reviews/MR-2026-1.yaml");
    assert!(text.contains("minutes:"), "{text}");
    assert!(text.contains("status: done"), "{text}");
    assert_eq!(reg.fresh().findings(), []);
}

#[test]
fn a_finding_is_linked_to_its_incident_after_it_was_added() {
    let reg = led()
        .file("audits/AUD-2026-1.yaml", AUDIT)
        .file("incidents/INC-2026-002.yaml", NONCONFORMITY)
        .file(
            "incidents/INC-2026-003.yaml",
            &NONCONFORMITY
                .replace("INC-2026-002", "INC-2026-003")
                .replace("kind: nonconformity", "kind: incident"),
        );
    let hint = reg.rule("finding-without-action")[0]["hint"].to_string();
    assert!(
        hint.contains("aims audit finding set AUD-2026-1 F2 --incident ID"),
        "{hint}"
    );
    let before = reg.files();
    for (args, says) in [
        (
            ["F2", "--incident", "INC-2026-003"],
            "is of kind incident, not nonconformity",
        ),
        (["F1", "--grade", "major"], "has no grade"),
        (
            ["F9", "--grade", "major"],
            "no finding `F9` of `AUD-2026-1`",
        ),
        (["F2", "--clause", "11"], "`11` is not a clause"),
        (
            ["F2", "--incident", "INC-002"],
            "did you mean `INC-2026-002`?",
        ),
    ] {
        let mut command = vec!["audit", "finding", "set", "AUD-2026-1"];
        command.extend(args);
        refused(reg.aims(&command), says);
    }
    assert_eq!(reg.files(), before);

    let out = ok(reg.aims(&[
        "audit",
        "finding",
        "set",
        "AUD-2026-1",
        "F2",
        "--incident",
        "INC-2026-002",
        "--control",
        "A.6.2.4",
    ]));
    // both files, each judged with the other: no false unknown reference
    assert!(
        out.stdout.contains("updated audits/AUD-2026-1.yaml"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("updated incidents/INC-2026-002.yaml"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("unknown-reference"), "{}", out.stdout);
    assert!(
        out.stdout.contains("aims incident action add INC-2026-002"),
        "{}",
        out.stdout
    );
    let audit = reg.read("audits/AUD-2026-1.yaml");
    assert!(
        audit.contains(
            "    control: A.6.2.4\n    description: Review missed\n    incident: INC-2026-002\n"
        ),
        "{audit}"
    );
    assert!(!audit.contains("8.4"), "{audit}");
    assert!(
        reg.read("incidents/INC-2026-002.yaml")
            .contains("source: AUD-2026-1/F2")
    );
    // an incident edit reads the audit its source names
    let out = ok(reg.aims(&[
        "incident",
        "action",
        "add",
        "INC-2026-002",
        "--description",
        "Refresh the review",
        "--owner",
        "lead",
        "--due",
        "2026-12-15",
    ]));
    assert!(!out.stdout.contains("error["), "{}", out.stdout);
    let reg = reg.fresh();
    assert_eq!(reg.messages("finding-without-action"), Vec::<String>::new());
    assert!(reg.rule("unknown-reference").is_empty());
}

#[test]
fn an_audit_report_must_exist_and_can_be_brought_in_as_evidence() {
    let reg = led().file("audits/AUD-2026-1.yaml", AUDIT);
    let before = reg.files();
    refused(
        reg.aims(&[
            "audit",
            "done",
            "AUD-2026-1",
            "--report",
            "evidence/no-such.md",
        ]),
        "--report: `evidence/no-such.md` does not exist in the register",
    );
    refused(
        reg.aims(&["evidence", "add", "aims.yaml", "--to", "AUD-2026-1/F1"]),
        "cites evidence itself",
    );
    assert_eq!(reg.files(), before);
    bring_in(&reg, "report.md", "AUD-2026-1");
    let audit = reg.read("audits/AUD-2026-1.yaml");
    assert!(
        audit.contains("report: { ref: evidence/AUD-2026-1/report.md")
            || audit.contains("report:\n  ref: evidence/AUD-2026-1/report.md"),
        "{audit}"
    );
    ok(reg.aims(&[
        "audit",
        "done",
        "AUD-2026-1",
        "--report",
        "evidence/AUD-2026-1/report.md",
    ]));
    assert!(reg.rule("evidence-missing").is_empty());
}

#[test]
fn a_policy_document_and_a_clause_statement_cite_evidence() {
    let reg = led()
        .file(
            "policies/ai-policy.yaml",
            "id: ai-policy\ntitle: AI policy\nkind: ai-policy\nversion: \"1\"\nowner: lead\n",
        )
        .file(
            "clauses/5.1.yaml",
            "id: \"5.1\"\nstatus: implemented\nstatement: The lead chairs the committee.\n",
        );
    bring_in(&reg, "policy.md", "ai-policy");
    assert!(
        reg.read("policies/ai-policy.yaml")
            .contains("ref: evidence/ai-policy/policy.md")
    );
    bring_in(&reg, "policy.md", "5.1");
    assert!(
        reg.read("clauses/5.1.yaml")
            .contains("ref: evidence/5.1/policy.md")
    );
}

#[test]
fn writes_under_at_are_refused_in_words_that_name_no_missing_command() {
    let reg = led();
    let out = refused(
        reg.aims(&["--at", "HEAD~1", "risk", "set", "R-001", "--owner", "lead"]),
        "a command that writes changes the working tree",
    );
    assert!(!out.stderr.contains("add/review"), "{}", out.stderr);
}

/// The controls in the scope of the audit `aims audit plan` wrote.
fn planned_controls(reg: &Reg, extra: &[&str]) -> Result<String, String> {
    let mut command = vec![
        "audit",
        "plan",
        "--title",
        "Controls",
        "--auditor",
        "Ann Auditor",
    ];
    command.extend(extra);
    let ran = reg.aims(&command);
    match ran.code {
        0 => {
            let text = reg.read("audits/AUD-2026-1.yaml");
            std::fs::remove_file(reg.path().join("audits/AUD-2026-1.yaml")).expect("remove");
            Ok(text)
        }
        _ => Err(ran.stderr),
    }
}

#[test]
fn an_audit_plans_a_control_objective_or_all_of_annex_a() {
    let reg = led();
    // a control objective stands for every control under it, written one by one
    let text = planned_controls(&reg, &["--control", "A.2", "--clause", "4"]).expect("planned");
    assert!(text.contains("controls: [A.2.2, A.2.3, A.2.4]"), "{text}");
    let text = planned_controls(&reg, &["--control", "A.6.1"]).expect("planned");
    assert!(text.contains("controls: [A.6.1.2, A.6.1.3]"), "{text}");
    let text = planned_controls(&reg, &["--control", "A.6"]).expect("planned");
    assert!(
        text.contains("A.6.1.2") && text.contains("A.6.2.8"),
        "{text}"
    );
    // with a single control beside it, each once, in the order given
    let text =
        planned_controls(&reg, &["--control", "A.3.2", "--control", "A.3"]).expect("planned");
    assert!(text.contains("controls: [A.3.2, A.3.3]"), "{text}");
    // a control that is neither is still refused
    let refused = planned_controls(&reg, &["--control", "A.2.9"]).expect_err("refused");
    assert!(refused.contains("A.2.9"), "{refused}");
    let refused = planned_controls(&reg, &["--control", "A.11"]).expect_err("refused");
    assert!(refused.contains("A.11"), "{refused}");

    // --annex-a: every control the SoA does not exclude
    let text = planned_controls(&reg, &["--annex-a"]).expect("planned");
    for id in crate::register::ANNEX_A {
        assert!(
            text.contains(&format!("{id},")) || text.contains(&format!("{id}]")),
            "{id} in {text}"
        );
    }
    let reg = reg.file(
        "controls/A.2.3.yaml",
        "id: A.2.3\napplicable: false\njustification: Not needed.\n",
    );
    let text = planned_controls(&reg, &["--annex-a"]).expect("planned");
    assert!(!text.contains("A.2.3"), "{text}");
    assert!(text.contains("A.2.2, A.2.4"), "{text}");
    // an audit of every clause and all of Annex A leaves nothing uncovered once done
    let config = reg.read("aims.yaml").replace("  audit-coverage: off\n", "");
    let reg = reg.file("aims.yaml", &config);
    let ran = reg.aims(&[
        "audit",
        "plan",
        "--title",
        "All",
        "--auditor",
        "Ann Auditor",
        "--planned",
        "2026-11-01",
        "--annex-a",
        "--clause",
        "4",
        "--clause",
        "5",
        "--clause",
        "6",
        "--clause",
        "7",
        "--clause",
        "8",
        "--clause",
        "9",
        "--clause",
        "10",
    ]);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    let reg = reg.fresh();
    assert!(!reg.rule("audit-coverage").is_empty());
    ok(reg.aims(&["audit", "done", "AUD-2026-1", "--date", "2026-11-02"]));
    assert_eq!(reg.fresh().messages("audit-coverage"), Vec::<String>::new());
}
