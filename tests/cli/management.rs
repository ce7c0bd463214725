//! The management system around the risk register (format 2): context, policies,
//! objectives, competence, AIMS-level risks and opportunities, and clause readiness.
//! Every rule fires in one test and stays quiet in another.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::register::{AIMS_YAML, RISK, diagnostics};
use crate::{Ran, Reg, copy_dir};

/// The base aims.yaml with the absence rules on, as a format-2 register has them.
fn with_absence_rules() -> String {
    let rules = AIMS_YAML
        .find("rules:\n")
        .expect("the base register sets rules");
    AIMS_YAML[..rules].to_string()
}

const CONTEXT: &str = "\
id: context
issues:
  - { id: ISS-1, kind: external, description: The EU AI Act applies }
interested_parties:
  - { id: regulator, name: The regulator, requirements: [Fair outcomes], addressed_by: [A.5.2, ai-policy] }
review: { last: 2026-03-01 }
";

const POLICY: &str = "\
id: ai-policy
title: AI policy
kind: ai-policy
version: \"1.0\"
document: evidence/ai-policy.md
owner: lead
approved: { by: lead, date: 2026-02-01 }
communicated:
  - { date: 2026-02-05, to: all staff, how: intranet }
review: { last: 2026-02-01 }
";

const OBJECTIVE: &str = "\
id: OBJ-1
title: Keep the gap under 3 points
owner: lead
metric: { name: Gap (points), target: 3, direction: at-most, measure_every: 1m }
due: 2027-06-30
plan:
  - { id: P1, description: Reweight, owner: ml-lead, due: 2027-03-31, status: planned }
measurements:
  - { date: 2026-10-31, value: 2.5 }
status: active
";

/// A register with a complete context, AI policy and objective.
fn managed() -> Reg {
    Reg::new()
        .file("context.yaml", CONTEXT)
        .file("policies/ai-policy.yaml", POLICY)
        .file("evidence/ai-policy.md", "The AI policy.\n")
        .file("objectives/OBJ-1.yaml", OBJECTIVE)
}

#[test]
fn context_missing_fires_without_a_context_and_for_an_empty_one() {
    let reg = Reg::new().file("aims.yaml", &with_absence_rules());
    let found = reg.rule("context-missing");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["file"], "aims.yaml");

    let reg = Reg::new()
        .file("aims.yaml", &with_absence_rules())
        .file("context.yaml", "id: context\nissues: []\n");
    let messages = reg.messages("context-missing");
    assert_eq!(
        messages,
        [
            "the context lists no interested parties",
            "the context lists no issues"
        ]
    );

    let reg = managed().file("aims.yaml", &with_absence_rules());
    assert!(reg.rule("context-missing").is_empty());
}

#[test]
fn policy_missing_and_incomplete() {
    let reg = Reg::new().file("aims.yaml", &with_absence_rules());
    assert_eq!(reg.rule("policy-missing").len(), 1);
    // a topic policy is not the AI policy
    let topic = POLICY
        .replace("kind: ai-policy", "kind: topic")
        .replace("id: ai-policy", "id: data");
    let reg = Reg::new()
        .file("aims.yaml", &with_absence_rules())
        .file("policies/data.yaml", &topic)
        .file("evidence/ai-policy.md", "x\n");
    assert_eq!(reg.rule("policy-missing").len(), 1);
    assert!(reg.rule("policy-incomplete").is_empty());

    let reg = managed().file("aims.yaml", &with_absence_rules());
    assert!(reg.rule("policy-missing").is_empty());
    assert!(reg.rule("policy-incomplete").is_empty());

    let bare = "id: ai-policy\ntitle: AI policy\nkind: ai-policy\n";
    let reg = Reg::new().file("policies/ai-policy.yaml", bare);
    assert_eq!(
        reg.messages("policy-incomplete"),
        ["policy has no document, no owner, no approval, no communication"]
    );
    assert_eq!(reg.rule("policy-incomplete")[0]["severity"], "error");

    // approved by a role that may not approve
    let reg = managed().file(
        "policies/ai-policy.yaml",
        &POLICY.replace("by: lead,", "by: ml-lead,"),
    );
    assert_eq!(
        reg.messages("policy-incomplete"),
        ["role `ml-lead` may not approve a policy"]
    );
}

#[test]
fn removing_the_policy_turns_5_2_missing_and_raises_policy_missing() {
    let dir = crate::tempdir();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind"),
        dir.path(),
    );
    let status = |dir: &Path| -> (String, Value) {
        let Ran { stdout, code, .. } = crate::aims_in(
            dir,
            &[
                "report",
                "clauses",
                "--format",
                "json",
                "--today",
                "2026-11-22",
            ],
        );
        assert_eq!(code, 0);
        let json: Value = serde_json::from_str(&stdout).expect("json");
        let c = json["clauses"]
            .as_array()
            .expect("clauses")
            .iter()
            .find(|c| c["id"] == "5.2")
            .expect("5.2")
            .clone();
        (c["status"].as_str().expect("status").to_string(), c)
    };
    let (before, clause) = status(dir.path());
    assert_eq!(before, "met", "{clause:#}");
    assert_eq!(clause["evidence"][0]["file"], "policies/ai-policy.yaml");
    fs::remove_file(dir.path().join("policies/ai-policy.yaml")).expect("remove");
    let (after, clause) = status(dir.path());
    assert_eq!(after, "missing", "{clause:#}");
    let check = crate::aims_in(
        dir.path(),
        &["check", "--format", "json", "--today", "2026-11-22"],
    );
    let json: Value = serde_json::from_str(&check.stdout).expect("json");
    let rules: Vec<&str> = diagnostics(&json)
        .iter()
        .map(|d| d["rule"].as_str().expect("rule"))
        .collect();
    assert!(rules.contains(&"policy-missing"), "{rules:?}");
}

#[test]
fn objective_rules() {
    // complete, measured on target, within its cycle
    let reg = managed();
    for rule in [
        "objective-incomplete",
        "objective-off-target",
        "measurement-overdue",
    ] {
        assert!(reg.rule(rule).is_empty(), "{rule}: {:?}", reg.rule(rule));
    }

    // the last measurement misses the target
    let missed = OBJECTIVE.replace("value: 2.5", "value: 3.4");
    let reg = managed().file("objectives/OBJ-1.yaml", &missed);
    assert_eq!(
        reg.messages("objective-off-target"),
        ["the latest measurement, 3.4 on 2026-10-31, misses the target (at-most 3)"]
    );
    // the latest by date counts, wherever it is in the list
    let later_first = OBJECTIVE.replace(
        "  - { date: 2026-10-31, value: 2.5 }\n",
        "  - { date: 2026-10-31, value: 2.5 }\n  - { date: 2026-09-30, value: 9 }\n",
    );
    assert!(
        managed()
            .file("objectives/OBJ-1.yaml", &later_first)
            .rule("objective-off-target")
            .is_empty()
    );
    // an achieved objective is not judged
    let achieved = missed.replace("status: active", "status: achieved");
    assert!(
        managed()
            .file("objectives/OBJ-1.yaml", &achieved)
            .rule("objective-off-target")
            .is_empty()
    );

    // measured by hand, and the last measurement is more than a cycle old
    let stale = OBJECTIVE.replace("2026-10-31", "2026-09-30");
    let reg = managed().file("objectives/OBJ-1.yaml", &stale);
    assert_eq!(
        reg.messages("measurement-overdue"),
        ["the last measurement was on 2026-09-30; one is expected every 1m"]
    );
    let never = OBJECTIVE.replace("measurements:\n  - { date: 2026-10-31, value: 2.5 }\n", "");
    let reg = managed().file("objectives/OBJ-1.yaml", &never);
    assert_eq!(
        reg.messages("measurement-overdue"),
        ["never measured; one is expected every 1m"]
    );

    // incomplete: no owner, no due date, no plan, no target
    let bare = "id: OBJ-1\ntitle: t\nmetric: { name: Gap }\nstatus: active\n";
    let reg = managed().file("objectives/OBJ-1.yaml", bare);
    assert_eq!(
        reg.messages("objective-incomplete"),
        [
            "active objective has no metric target, no metric direction, no owner, no due date, no plan"
        ]
    );
}

/// The hints of `rule` in `reg`.
fn hints(reg: &Reg, rule: &str) -> Vec<String> {
    reg.rule(rule)
        .iter()
        .map(|f| f["hint"].as_str().expect("hint").to_string())
        .collect()
}

#[test]
fn objective_incomplete_names_the_flags_of_what_is_missing() {
    let bare = "id: OBJ-1\ntitle: t\nmetric: { name: Gap }\nstatus: active\n";
    let hint = hints(
        &managed().file("objectives/OBJ-1.yaml", bare),
        "objective-incomplete",
    );
    assert_eq!(hint.len(), 1, "{hint:?}");
    assert!(
        hint[0].contains(
            "`aims objective set OBJ-1 --target N --direction at-most|at-least --owner ROLE --due YYYY-MM-DD`"
        ),
        "{hint:?}"
    );
    assert!(
        hint[0].contains("`aims objective plan add OBJ-1 --description TEXT"),
        "{hint:?}"
    );
    assert!(!hint[0].contains("--metric"), "{hint:?}");

    // only the plan is missing: no `objective set` at all
    let unplanned = OBJECTIVE.replace(
        "plan:\n  - { id: P1, description: Reweight, owner: ml-lead, due: 2027-03-31, status: planned }\n",
        "",
    );
    let hint = hints(
        &managed().file("objectives/OBJ-1.yaml", &unplanned),
        "objective-incomplete",
    );
    assert_eq!(hint.len(), 1, "{hint:?}");
    assert!(!hint[0].contains("objective set"), "{hint:?}");
    assert!(
        hint[0].contains("aims objective plan add OBJ-1"),
        "{hint:?}"
    );

    // no metric at all: all three metric flags, and nothing else
    let unmeasured = OBJECTIVE
        .replace(
            "metric: { name: Gap (points), target: 3, direction: at-most, measure_every: 1m }\n",
            "",
        )
        .replace("measurements:\n  - { date: 2026-10-31, value: 2.5 }\n", "");
    let hint = hints(
        &managed().file("objectives/OBJ-1.yaml", &unmeasured),
        "objective-incomplete",
    );
    assert!(
        hint[0].contains(
            "`aims objective set OBJ-1 --metric NAME --target N --direction at-most|at-least`"
        ),
        "{hint:?}"
    );
    assert!(!hint[0].contains("plan add"), "{hint:?}");
    assert!(hints(&managed(), "objective-incomplete").is_empty());
}

#[test]
fn objective_off_target_suggests_what_fits_the_plan() {
    let missed = OBJECTIVE.replace("value: 2.5", "value: 3.4");
    // the plan is open and on schedule: measure again or review it, no new plan
    let hint = hints(
        &managed().file("objectives/OBJ-1.yaml", &missed),
        "objective-off-target",
    );
    assert_eq!(hint.len(), 1, "{hint:?}");
    assert!(hint[0].contains("the plan is on schedule"), "{hint:?}");
    assert!(
        hint[0].contains("`aims objective measure OBJ-1 VALUE`"),
        "{hint:?}"
    );
    assert!(!hint[0].contains("plan add"), "{hint:?}");

    // the plan is overdue: complete it or plan anew
    let late = missed.replace(
        "due: 2027-03-31, status: planned",
        "due: 2026-10-01, status: planned",
    );
    let hint = hints(
        &managed().file("objectives/OBJ-1.yaml", &late),
        "objective-off-target",
    );
    assert!(hint[0].contains("the plan is overdue"), "{hint:?}");
    assert!(
        hint[0].contains("aims objective plan done OBJ-1 ACTION"),
        "{hint:?}"
    );
    assert!(
        hint[0].contains("aims objective plan add OBJ-1"),
        "{hint:?}"
    );

    // every action closed and still off target: add to the plan
    let closed = missed.replace("status: planned", "status: cancelled");
    let hint = hints(
        &managed().file("objectives/OBJ-1.yaml", &closed),
        "objective-off-target",
    );
    assert!(
        hint[0].contains("every action of the plan is closed"),
        "{hint:?}"
    );
    assert!(
        hint[0].contains("aims objective plan add OBJ-1"),
        "{hint:?}"
    );

    // no plan: plan how to reach it
    let unplanned = missed.replace(
        "plan:\n  - { id: P1, description: Reweight, owner: ml-lead, due: 2027-03-31, status: planned }\n",
        "",
    );
    let hint = hints(
        &managed().file("objectives/OBJ-1.yaml", &unplanned),
        "objective-off-target",
    );
    assert!(
        hint[0].starts_with("plan how the target will be reached"),
        "{hint:?}"
    );

    // on target: nothing
    assert!(hints(&managed(), "objective-off-target").is_empty());
}

/// `aims objective add` of an objective measured by hand every month, with `extra`.
fn add_measured_by_hand(reg: &Reg, extra: &[&str]) -> Ran {
    let mut args = vec![
        "objective",
        "add",
        "--title",
        "Gap",
        "--metric",
        "Gap",
        "--target",
        "3",
        "--direction",
        "at-most",
        "--measure-every",
        "1m",
        "--owner",
        "lead",
        "--due",
        "2027-06-30",
    ];
    args.extend(extra);
    reg.aims(&args)
}

#[test]
fn a_new_objective_is_first_measured_one_cycle_after_it_was_established() {
    let never = OBJECTIVE.replace("measurements:\n  - { date: 2026-10-31, value: 2.5 }\n", "");
    // established today, or within the cycle: not yet due
    for established in ["2026-11-22", "2026-10-23"] {
        let fresh = never.replace(
            "status: active",
            &format!("established: {established}\nstatus: active"),
        );
        let reg = managed().file("objectives/OBJ-1.yaml", &fresh);
        assert!(
            reg.rule("measurement-overdue").is_empty(),
            "{established}: {:?}",
            reg.rule("measurement-overdue")
        );
    }
    // a cycle and a day later: due
    let old = never.replace("status: active", "established: 2026-10-21\nstatus: active");
    let reg = managed().file("objectives/OBJ-1.yaml", &old);
    assert_eq!(
        reg.messages("measurement-overdue"),
        [
            "never measured; the first measurement was due on 2026-11-21, 1m after the objective was established on 2026-10-21"
        ]
    );
    // a measurement after it counts from its own date
    let measured = OBJECTIVE.replace("status: active", "established: 2026-01-01\nstatus: active");
    assert!(
        managed()
            .file("objectives/OBJ-1.yaml", &measured)
            .rule("measurement-overdue")
            .is_empty()
    );

    // `aims objective add` records the day it was set, so a new objective is not overdue
    let reg = Reg::new();
    let out = add_measured_by_hand(&reg, &["--id", "OBJ-9"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        reg.read("objectives/OBJ-9.yaml")
            .contains("established: 2026-11-22\n")
    );
    assert!(
        !out.stdout.contains("measurement-overdue"),
        "{}",
        out.stdout
    );
    let reg = reg.fresh();
    assert!(reg.rule("measurement-overdue").is_empty());
    let out = add_measured_by_hand(&reg, &["--id", "OBJ-8", "--established", "2026-09-01"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        reg.fresh().messages("measurement-overdue"),
        [
            "never measured; the first measurement was due on 2026-10-01, 1m after the objective was established on 2026-09-01"
        ]
    );
}

#[test]
fn plan_actions_follow_the_action_rules_and_appear_in_due() {
    let overdue = OBJECTIVE.replace(
        "due: 2027-03-31, status: planned",
        "due: 2026-10-01, status: planned",
    );
    let reg = managed().file("objectives/OBJ-1.yaml", &overdue);
    assert_eq!(
        reg.messages("action-overdue"),
        ["action `P1` was due on 2026-10-01 and is still planned"]
    );
    let done = OBJECTIVE.replace(
        "due: 2027-03-31, status: planned",
        "due: 2027-03-31, status: done",
    );
    let reg = managed().file("objectives/OBJ-1.yaml", &done);
    assert_eq!(
        reg.messages("evidence-missing"),
        ["action `P1` is marked done but cites no evidence"]
    );
    let due = managed().aims(&["due", "--within", "2y", "--format", "json"]);
    let json: Value = serde_json::from_str(&due.stdout).expect("json");
    let kinds: Vec<&str> = json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["kind"].as_str().expect("kind"))
        .collect();
    for kind in [
        "objective-plan",
        "measurement",
        "policy-review",
        "context-review",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
}

#[test]
fn policy_and_context_reviews_fall_overdue() {
    let old = POLICY
        .replace(
            "review: { last: 2026-02-01 }",
            "review: { last: 2025-02-01 }",
        )
        .replace("date: 2026-02-01", "date: 2025-02-01");
    let reg = managed().file("policies/ai-policy.yaml", &old).file(
        "context.yaml",
        &CONTEXT.replace("last: 2026-03-01", "last: 2025-03-01"),
    );
    assert_eq!(
        reg.messages("review-overdue"),
        [
            "the context review was due on 2026-03-01 (every 1y)",
            "policy review was due on 2026-02-01 (every 1y)"
        ]
    );
    assert!(managed().rule("review-overdue").is_empty());
}

#[test]
fn competence_expired() {
    let config = AIMS_YAML.replace(
        "  - { id: ml-lead, name: ML Lead }\n",
        "  - id: ml-lead\n    name: ML Lead\n    competence:\n      - { need: Fairness testing, date: 2024-01-01, expires: 2026-01-01 }\n      - { need: Model validation, date: 2026-01-01, expires: 2027-01-01 }\n",
    );
    let reg = Reg::new().file("aims.yaml", &config);
    let found = reg.rule("competence-expired");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0]["message"],
        "competence `Fairness testing` of role `ml-lead` expired on 2026-01-01"
    );
    assert_eq!(found[0]["line"], 9);
    let renewed = config.replace("expires: 2026-01-01", "expires: 2028-01-01");
    assert!(
        Reg::new()
            .file("aims.yaml", &renewed)
            .rule("competence-expired")
            .is_empty()
    );
}

#[test]
fn clause_unaddressed_fires_until_a_record_or_a_statement_evidences_the_clause() {
    let reg = Reg::new().file("aims.yaml", &with_absence_rules());
    let messages = reg.messages("clause-unaddressed");
    assert!(
        messages
            .iter()
            .any(|m| m == "clause 7.3 (Awareness) is evidenced by no record and no statement"),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("clause 4.1 (Understanding the organization")),
        "{messages:?}"
    );
    // clauses the register evidences are not reported
    assert!(!messages.iter().any(|m| m.starts_with("clause 6.1.2 ")));
    let reg = Reg::new()
        .file("aims.yaml", &with_absence_rules())
        .file(
            "clauses/7.3.yaml",
            "id: \"7.3\"\nstatus: planned\nstatement: Training starts in January.\n",
        )
        .file("context.yaml", CONTEXT);
    let messages = reg.messages("clause-unaddressed");
    assert!(!messages.iter().any(|m| m.starts_with("clause 7.3 ")));
    assert!(!messages.iter().any(|m| m.starts_with("clause 4.1 ")));
}

#[test]
fn new_references_are_checked() {
    let reg = managed()
        .risk("R-1", "owasp: [LLM01:2025, LLM11:2025]\n")
        .file(
            "objectives/OBJ-2.yaml",
            "id: OBJ-2\ntitle: t\npolicy: no-such-policy\nannex_c: [C.2.5, C.2.99]\nmetric: { name: m, monitor: no-such-monitor }\nstatus: abandoned\n",
        )
        .file(
            "clauses/11.1.yaml",
            "id: \"11.1\"\nstatus: planned\nstatement: s\n",
        )
        .file(
            "context.yaml",
            &CONTEXT.replace("addressed_by: [A.5.2, ai-policy]", "addressed_by: [A.5.2, ai-policy, nothing]"),
        );
    let messages = reg.messages("unknown-reference");
    assert_eq!(
        messages,
        [
            "clause of ISO/IEC 42001 `11.1` does not exist",
            "control, objective, policy or risk `nothing` does not exist",
            "policy `no-such-policy` does not exist",
            "Annex C objective `C.2.99` does not exist",
            "monitor `no-such-monitor` does not exist",
            "OWASP Top 10 for LLM Applications id `LLM11:2025` does not exist",
        ]
    );
    assert!(managed().rule("unknown-reference").is_empty());
}

#[test]
fn opportunities_need_no_treatment_and_aims_risks_no_system() {
    // above the threshold (3): a risk needs treatment, an opportunity does not
    let above = "assessment: { likelihood: 3, consequence: 3 }\n";
    let risk = RISK.replace("{id}", "R-1");
    let scored = risk
        .lines()
        .filter(|l| {
            !l.starts_with("assessment")
                && !l.starts_with("  likelihood")
                && !l.starts_with("  consequence")
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
        + above;
    let reg = Reg::new().file("risks/R-1.yaml", &scored);
    assert_eq!(reg.rule("treatment-required").len(), 1);
    let reg = Reg::new().file("risks/R-1.yaml", &format!("{scored}kind: opportunity\n"));
    assert!(
        reg.rule("treatment-required").is_empty(),
        "{:?}",
        reg.findings()
    );

    // a risk of the management system names no system
    let aims_level = "id: R-2\ntitle: Governance rests on one person\nscope: aims\ncategory: operational\nowner: lead\nidentified: 2026-01-05\nassessment: { likelihood: 1, consequence: 1 }\n";
    let reg = Reg::new().file("risks/R-2.yaml", aims_level);
    assert_eq!(reg.findings(), []);
    // any other risk must
    let reg = Reg::new().file("risks/R-2.yaml", &aims_level.replace("scope: aims\n", ""));
    assert_eq!(reg.messages("schema"), ["missing required field `systems`"]);
}

#[test]
fn the_example_register_shows_every_clause_with_its_records() {
    let dir = crate::tempdir();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind"),
        dir.path(),
    );
    let Ran { stdout, code, .. } = crate::aims_in(
        dir.path(),
        &[
            "report",
            "clauses",
            "--format",
            "json",
            "--today",
            "2026-11-22",
        ],
    );
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&stdout).expect("json");
    let clauses = json["clauses"].as_array().expect("clauses");
    let ids: Vec<&str> = clauses
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids.len(), 27);
    assert_eq!(ids.first(), Some(&"4.1"));
    assert_eq!(ids.last(), Some(&"10.2"));
    let of = |id: &str| clauses.iter().find(|c| c["id"] == id).expect("clause");
    for (id, status, file) in [
        ("4.1", "met", "context.yaml"),
        ("6.2", "met", "objectives/OBJ-2026-01.yaml"),
        ("6.1.1", "met", "risks/R-020.yaml"),
        ("7.2", "met", "aims.yaml"),
        ("7.3", "met", "clauses/7.3.yaml"),
    ] {
        let c = of(id);
        assert_eq!(c["status"], status, "{c:#}");
        assert!(
            c["evidence"]
                .as_array()
                .expect("evidence")
                .iter()
                .any(|e| e["file"] == file),
            "{c:#}"
        );
        assert!(!c["reason"].as_str().expect("reason").is_empty());
    }
    // Markdown: the audit pack opens with the same view
    let audit = crate::aims_in(dir.path(), &["report", "audit", "--today", "2026-11-22"]);
    let first = audit
        .stdout
        .find("## 1. Clause readiness")
        .expect("section 1");
    assert!(first < audit.stdout.find("## 2. ").expect("section 2"));
}
