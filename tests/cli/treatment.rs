//! `aims risk treat|action|accept|target|set`: the treatment of a risk (clause 6.1.3)
//! by command, each edit in place, each refusal writing nothing.

use crate::register::{RISK, ok, refused};
use crate::{Ran, Reg};

/// A risk scoring 3x2 = 6 (band high), above the threshold of 3, with comments.
const ABOVE: &str = "\
# Owned by the ML team.
id: R-001   # the id
title: Drift after retraining
systems: [sys]
category: operational
owner: ml-lead
identified: 2026-01-10
assessment:
  likelihood: 3   # seen twice
  consequence: 2
review:
  last: 2026-11-01
status: open
# the end
";

fn above() -> Reg {
    Reg::new().file("risks/R-001.yaml", ABOVE)
}

#[test]
fn treat_records_the_option_and_why_beside_its_neighbours() {
    let reg = above();
    let out = ok(
        &reg,
        &[
            "risk",
            "treat",
            "R-001",
            "--option",
            "mitigate",
            "--rationale",
            "Retrain monthly",
        ],
    );
    assert!(out.starts_with("treated risks/R-001.yaml\n"), "{out}");
    assert!(out.contains("its treatment has no actions"), "{out}");
    assert!(
        out.contains("`aims risk action add R-001 --description TEXT --owner ROLE --due DATE`"),
        "the hint names the command: {out}"
    );
    assert_eq!(
        reg.read("risks/R-001.yaml"),
        ABOVE.replace(
            "review:",
            "treatment:\n  option: mitigate\n  rationale: Retrain monthly\nreview:"
        )
    );
}

#[test]
fn accepting_as_it_stands_is_refused_above_the_threshold() {
    let reg = above();
    let err = refused(
        &reg,
        &[
            "risk",
            "treat",
            "R-001",
            "--option",
            "accept",
            "--rationale",
            "Fine",
        ],
    );
    assert!(err.contains("above the acceptance threshold 3"), "{err}");
    let err = refused(
        &reg,
        &[
            "risk",
            "accept",
            "R-001",
            "--justification",
            "Fine",
            "--by",
            "lead",
        ],
    );
    assert!(
        err.contains("only a risk at or below it may be accepted; nothing was written"),
        "{err}"
    );
    assert!(err.contains("aims risk treat R-001"), "{err}");
    // without a terminal, missing values are listed
    let err = refused(&reg, &["risk", "treat", "R-001"]);
    assert_eq!(
        err,
        "error: missing required flags: --option, --rationale\n"
    );
}

#[test]
fn actions_continue_their_sequence_and_need_a_treatment() {
    let reg = above();
    let add = [
        "risk",
        "action",
        "add",
        "R-001",
        "--description",
        "Add a drift monitor",
        "--owner",
        "ml-lead",
        "--due",
        "2027-01-31",
    ];
    let err = refused(&reg, &add);
    assert!(err.contains("has no treatment decision yet"), "{err}");
    assert!(
        err.contains("aims risk treat R-001 --option mitigate"),
        "{err}"
    );
    ok(
        &reg,
        &[
            "risk",
            "treat",
            "R-001",
            "--option",
            "mitigate",
            "--rationale",
            "Monitor drift",
        ],
    );
    let out = ok(&reg, &add);
    assert_eq!(
        out, "added T1 to risks/R-001.yaml\n",
        "the risk is green now"
    );
    ok(&reg, &add);
    let text = reg.read("risks/R-001.yaml");
    assert!(
        text.contains("  actions:\n    - id: T1\n      description: Add a drift monitor\n      owner: ml-lead\n      due: 2027-01-31\n      status: planned\n    - id: T2\n"),
        "{text}"
    );
    assert!(text.starts_with("# Owned by the ML team.\nid: R-001   # the id\n"));
    assert!(text.contains("likelihood: 3   # seen twice\n") && text.ends_with("# the end\n"));
    let err = refused(&reg, &[&add[..], &["--id", "T1"]].concat());
    assert!(err.contains("already has an action `T1`"), "{err}");
    let err = refused(
        &reg,
        &["risk", "action", "add", "R-001", "--owner", "nobody"],
    );
    assert_eq!(
        err,
        "error: --owner: unknown owner role `nobody`\nhint: valid values: `lead`, `ml-lead`\n"
    );
    let err = refused(&reg, &["risk", "action", "add", "R-001"]);
    assert_eq!(
        err,
        "error: missing required flags: --description, --owner, --due\n"
    );
}

fn treated() -> Reg {
    let reg = above().file("evidence/monitor.md", "Monitor live.\n");
    ok(
        &reg,
        &[
            "risk",
            "treat",
            "R-001",
            "--option",
            "mitigate",
            "--rationale",
            "Monitor drift",
        ],
    );
    ok(
        &reg,
        &[
            "risk",
            "action",
            "add",
            "R-001",
            "--description",
            "Add a drift monitor",
            "--owner",
            "ml-lead",
            "--due",
            "2027-01-31",
        ],
    );
    reg
}

#[test]
fn done_records_completion_and_evidence_and_refuses_what_is_not_there() {
    let reg = treated();
    let err = refused(
        &reg,
        &[
            "risk",
            "action",
            "done",
            "R-001",
            "T1",
            "--evidence",
            "evidence/nope.md",
        ],
    );
    assert!(
        err.contains("`evidence/nope.md` does not exist in the register"),
        "{err}"
    );
    assert!(
        err.contains("aims evidence add FILE --to R-001/T1"),
        "{err}"
    );
    let err = refused(&reg, &["risk", "action", "done", "R-001", "T1"]);
    assert_eq!(err, "error: missing required flag: --evidence\n");
    let err = refused(
        &reg,
        &[
            "risk",
            "action",
            "done",
            "R-001",
            "T1",
            "--evidence",
            "evidence/monitor.md",
            "--completed",
            "2026-12-01",
        ],
    );
    assert!(
        err.contains("--completed 2026-12-01 is after today (2026-11-22)"),
        "{err}"
    );
    let err = refused(
        &reg,
        &[
            "risk",
            "action",
            "done",
            "R-001",
            "T9",
            "--evidence",
            "evidence/monitor.md",
        ],
    );
    assert!(err.contains("no treatment action `T9`"), "{err}");
    let out = ok(
        &reg,
        &[
            "risk",
            "action",
            "done",
            "R-001",
            "T1",
            "--evidence",
            "evidence/monitor.md",
            "--completed",
            "2026-11-20",
        ],
    );
    assert_eq!(out, "completed T1 of risks/R-001.yaml\n");
    let text = reg.read("risks/R-001.yaml");
    assert!(
        text.contains("      status: done\n      completed: 2026-11-20\n      evidence: [evidence/monitor.md]\n"),
        "{text}"
    );
    let err = refused(
        &reg,
        &[
            "risk",
            "action",
            "done",
            "R-001",
            "T1",
            "--evidence",
            "evidence/monitor.md",
        ],
    );
    assert!(err.contains("is already done on 2026-11-20"), "{err}");
}

#[test]
fn action_set_changes_any_other_field() {
    let reg = treated();
    let err = refused(&reg, &["risk", "action", "set", "R-001", "T1"]);
    assert!(err.contains("nothing to change"), "{err}");
    ok(
        &reg,
        &[
            "risk",
            "action",
            "set",
            "R-001",
            "T1",
            "--due",
            "2027-02-28",
            "--owner",
            "lead",
            "--status",
            "in-progress",
        ],
    );
    let text = reg.read("risks/R-001.yaml");
    assert!(
        text.contains("      owner: lead\n      due: 2027-02-28\n      status: in-progress\n"),
        "{text}"
    );
    // an overdue action's hint names both ways out
    let Ran { stdout, .. } = reg.run(&["risk", "show", "R-001", "--today", "2027-03-05"]);
    assert!(stdout.contains("T1"), "{stdout}");
    let findings = reg.run(&["check", "--today", "2027-03-05"]).stdout;
    assert!(
        findings.contains("`aims risk action done R-001 T1 --evidence PATH`, or re-plan it with `aims risk action set R-001 T1 --due DATE`"),
        "{findings}"
    );
}

#[test]
fn accept_records_the_residual_score_and_its_approver() {
    let reg = Reg::new().risk("R-001", "# kept\n");
    let err = refused(
        &reg,
        &[
            "risk",
            "accept",
            "R-001",
            "--justification",
            "Low",
            "--by",
            "ml-lead",
        ],
    );
    assert!(
        err.contains("role `ml-lead` may not approve a risk acceptance"),
        "{err}"
    );
    assert!(
        err.contains("an acceptance is given by an approver: `lead`"),
        "{err}"
    );
    let err = refused(
        &reg,
        &[
            "risk",
            "accept",
            "R-001",
            "--justification",
            "Low",
            "--by",
            "lead",
            "--expires",
            "2026-01-01",
        ],
    );
    assert!(err.contains("is not after the acceptance date"), "{err}");
    let out = ok(
        &reg,
        &[
            "risk",
            "accept",
            "R-001",
            "--justification",
            "Low and reviewed yearly",
            "--by",
            "lead",
            "--expires",
            "2027-11-22",
        ],
    );
    assert_eq!(out, "accepted risks/R-001.yaml\n");
    assert_eq!(
        reg.read("risks/R-001.yaml"),
        RISK.replace("{id}", "R-001")
            + "treatment:\n  option: accept\n  acceptance:\n    justification: Low and reviewed yearly\n    approved_by: lead\n    date: 2026-11-22\n    expires: 2027-11-22\n    residual:\n      likelihood: 1\n      consequence: 2\n# kept\n"
    );
    // scoring higher than what was accepted lapses the acceptance
    ok(
        &reg,
        &[
            "risk",
            "review",
            "R-001",
            "--by",
            "lead",
            "--consequence",
            "3",
        ],
    );
    let messages = reg.messages("acceptance-expired");
    assert_eq!(
        messages,
        [
            "the risk now scores 1x3 = 3 (band medium), above the 1x2 = 2 (band low) accepted; the acceptance no longer holds"
        ]
    );
}

#[test]
fn a_treated_risk_is_accepted_only_once_reassessed_at_or_below_the_threshold() {
    let reg = treated();
    let accept = [
        "risk",
        "accept",
        "R-001",
        "--justification",
        "Monitor covers it",
        "--by",
        "lead",
    ];
    // 3x2 = 6 with its only action still planned: above the threshold of 3
    let err = refused(&reg, &accept);
    assert!(
        err.contains("risk `R-001` scores 3x2 = 6 (band high), above the acceptance threshold 3; only a risk at or below it may be accepted; nothing was written"),
        "{err}"
    );
    assert!(
        err.contains("aims risk review R-001 --likelihood L --consequence C"),
        "{err}"
    );
    ok(
        &reg,
        &[
            "risk",
            "review",
            "R-001",
            "--by",
            "lead",
            "--likelihood",
            "1",
            "--rationale",
            "The monitor catches drift within a day",
        ],
    );
    let out = ok(&reg, &accept);
    assert_eq!(out, "accepted the residual risk of risks/R-001.yaml\n");
    let text = reg.read("risks/R-001.yaml");
    assert!(
        text.contains("  option: mitigate\n"),
        "the treatment stays: {text}"
    );
    assert!(
        text.contains("    residual:\n      likelihood: 1\n      consequence: 2\n"),
        "{text}"
    );
    let (code, _) = reg.check_json();
    assert_eq!(code, 0, "{:?}", reg.findings());
}

#[test]
fn check_reports_an_acceptance_recorded_above_the_threshold() {
    let reg = Reg::new().risk(
        "R-001",
        "treatment:\n  option: mitigate\n  actions:\n    - { id: T1, description: Monitor, owner: ml-lead, due: 2027-01-31, status: planned }\n  acceptance:\n    justification: Fine\n    approved_by: lead\n    date: 2026-11-01\n    residual: { likelihood: 3, consequence: 2 }\n",
    );
    let text = reg.read("risks/R-001.yaml").replace(
        "likelihood: 1\n  consequence: 2",
        "likelihood: 3\n  consequence: 2",
    );
    let reg = reg.file("risks/R-001.yaml", &text);
    assert_eq!(
        reg.messages("treatment-required"),
        [
            "risk scores 3x2 = 6 (band high), above the acceptance threshold 3, and is recorded as accepted; only risks at or below the threshold may be accepted"
        ]
    );
}

#[test]
fn an_acceptance_is_withdrawn_by_command_and_diff_says_so() {
    let reg = Reg::new().risk("R-001", "");
    let accept = [
        "risk",
        "accept",
        "R-001",
        "--justification",
        "Small",
        "--by",
        "lead",
    ];
    ok(&reg, &accept);
    let before = reg.read("risks/R-001.yaml");
    crate::trail::git(
        reg.path(),
        crate::trail::DEV,
        "2026-11-20",
        &["init", "-q", "-b", "main"],
    );
    crate::trail::git(reg.path(), crate::trail::DEV, "2026-11-20", &["add", "-A"]);
    crate::trail::git(
        reg.path(),
        crate::trail::DEV,
        "2026-11-20",
        &["commit", "-qm", "Accepted"],
    );
    let out = ok(&reg, &["risk", "accept", "R-001", "--withdraw"]);
    assert_eq!(out, "withdrew the acceptance of risks/R-001.yaml\n");
    assert_eq!(
        reg.read("risks/R-001.yaml"),
        before.replace(
            &before[before.find("treatment:").expect("treatment")
                ..before.find("status:").unwrap_or(before.len())],
            ""
        ),
        "the treatment of `accept` goes with it"
    );
    let diff = ok(&reg, &["diff", "HEAD"]);
    assert!(diff.contains("withdrawn"), "{diff}");
    // nothing left to withdraw; and --withdraw takes no acceptance fields
    let err = refused(&reg, &["risk", "accept", "R-001", "--withdraw"]);
    assert!(
        err.contains("risk `R-001` has no acceptance to withdraw"),
        "{err}"
    );
    let err = refused(
        &reg,
        &["risk", "accept", "R-001", "--withdraw", "--by", "lead"],
    );
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn target_and_set_change_only_what_they_must() {
    let reg = above();
    let err = refused(
        &reg,
        &[
            "risk",
            "target",
            "R-001",
            "--likelihood",
            "3",
            "--consequence",
            "3",
        ],
    );
    assert!(err.contains("is above the risk's current score"), "{err}");
    ok(
        &reg,
        &[
            "risk",
            "target",
            "R-001",
            "--likelihood",
            "Possible",
            "--consequence",
            "1",
        ],
    );
    assert!(
        reg.read("risks/R-001.yaml")
            .contains("  consequence: 2\ntarget:\n  likelihood: 2\n  consequence: 1\nreview:")
    );
    let err = refused(&reg, &["risk", "set", "R-001", "--add-control", "A.6.2.44"]);
    assert!(err.contains("did you mean `A.6.2.4`?"), "{err}");
    let err = refused(&reg, &["risk", "set", "R-001", "--remove-control", "A.7.4"]);
    assert!(
        err.contains("`R-001` has no control `A.7.4` to remove"),
        "{err}"
    );
    let err = refused(
        &reg,
        &["risk", "set", "R-001", "--identified", "2027-01-01"],
    );
    assert!(err.contains("after today"), "{err}");
    ok(
        &reg,
        &[
            "risk",
            "set",
            "R-001",
            "--add-control",
            "A.6.2.6",
            "--add-control",
            "A.6.2.4",
            "--title",
            "Drift: after retraining",
            "--add-source",
            "C.3.4",
        ],
    );
    ok(
        &reg,
        &["risk", "set", "R-001", "--remove-control", "A.6.2.6"],
    );
    let text = reg.read("risks/R-001.yaml");
    assert!(
        text.contains("title: \"Drift: after retraining\"\n"),
        "{text}"
    );
    assert!(
        text.contains("category: operational\nsources: [C.3.4]\n"),
        "{text}"
    );
    assert!(
        text.contains("  consequence: 1\ncontrols: [A.6.2.4]\nreview:"),
        "{text}"
    );
    assert!(text.contains("# Owned by the ML team.\n") && text.contains("# seen twice\n"));
    // removing the only system would leave the risk without one
    let err = refused(&reg, &["risk", "set", "R-001", "--remove-system", "sys"]);
    assert!(err.contains("would not be a valid risk file"), "{err}");
}

#[test]
fn a_review_records_who_and_what_and_replaces_an_older_conclusion() {
    let reg = Reg::new().risk(
        "R-001",
        "review:\n  last: 2026-06-01\n  by: ml-lead\n  note: Fine in June\n",
    );
    ok(&reg, &["risk", "review", "R-001", "--by", "lead"]);
    assert!(
        reg.read("risks/R-001.yaml")
            .ends_with("review:\n  last: 2026-11-22\n  by: lead\n")
    );
    let err = refused(
        &reg,
        &[
            "risk",
            "review",
            "R-001",
            "--by",
            "lead",
            "--date",
            "2026-12-01",
        ],
    );
    assert!(err.contains("--date 2026-12-01 is after today"), "{err}");
    let err = refused(&reg, &["risk", "review", "R-001", "--by", "nobody"]);
    assert!(err.contains("unknown role `nobody`"), "{err}");
}

#[test]
fn the_role_of_the_git_user_is_the_reviewer() {
    let reg = Reg::new().risk("R-001", "");
    let Ran { code, stderr, .. } = crate::Ran::from_output(
        assert_cmd::Command::cargo_bin("aims")
            .expect("binary")
            .current_dir(reg.path())
            .env("NO_COLOR", "1")
            .env("GIT_AUTHOR_EMAIL", "LEAD@test.example")
            .env("GIT_AUTHOR_NAME", "Lead Person")
            .args(["risk", "review", "R-001", "--today", "2026-11-22"])
            .output()
            .expect("runs"),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(reg.read("risks/R-001.yaml").ends_with("  by: lead\n"));
}

#[test]
fn an_edit_says_what_check_says_about_the_file_having_read_only_what_that_needs() {
    // an incident citing the risk after its last review, an excluded control it relies
    // on, and another incident that does not cite it
    let system = crate::register::SYSTEM.replace("{id}", "sys")
        + "changes:\n  - { date: 2026-11-05, description: Retrained on new data }\n";
    let reg = Reg::new()
        .file("systems/sys.yaml", &system)
        .risk("R-001", "controls: [A.7.4]\n")
        .file(
            "controls/A.7.4.yaml",
            "id: A.7.4\napplicable: false\njustification: No training data.\n",
        )
        .file(
            "incidents/INC-1.yaml",
            "id: INC-1\ntitle: t\nreported: 2026-11-01\nreporter: lead\nrisks: [R-001]\nseverity: low\ndescription: d\nstatus: open\n",
        )
        .file(
            "incidents/INC-2.yaml",
            "id: INC-2\ntitle: t\nreported: 2026-11-01\nreporter: lead\nseverity: low\ndescription: d\nstatus: open\n",
        );
    let out = ok(&reg, &["risk", "set", "R-001", "--title", "Renamed"]);
    let check = reg.check_human().1;
    assert!(out.contains("system `sys` changed on 2026-11-05"), "{out}");
    for rule in ["review-triggered", "excluded-control-in-use"] {
        assert!(
            out.contains(&format!("[{rule}]: risks/R-001.yaml")),
            "{out}"
        );
        assert!(
            check.contains(&format!("[{rule}]: risks/R-001.yaml")),
            "{check}"
        );
    }
    let announced: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("]: risks/R-001.yaml"))
        .collect();
    let checked: Vec<&str> = check
        .lines()
        .filter(|l| l.contains("]: risks/R-001.yaml"))
        .collect();
    assert_eq!(announced, checked);
}
